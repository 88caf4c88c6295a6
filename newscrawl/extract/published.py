"""The publication date of a page: markup, the dateline under the headline, htmldate,
labelled dates in footers, date elements and the URL, in that order of trust."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newscrawl.clean.headline import matches_title
from newscrawl.extract.dates import (
    DATE_SLACK_DAYS,
    DAY_MONTH_YEAR,
    date_from_url,
    days_apart,
    find_date,
    find_shown_date,
    htmldate_day,
    parse_date,
    reconcile,
)
from newscrawl.extract.dom import hints, in_chrome

_MIDNIGHT = re.compile(r"T00:00:00")


_DATE_HINT = re.compile(r"date|time|pub|riqi|shijian", re.I)


_CLOCK_HINT = re.compile(r"today|now|current|clock|weather", re.I)


#: Words an element's id or class must contain to be read as a date element (case as
#: written); tested in Python over the live element proxies, twice as fast as the XPath.
_DATE_WORDS = ("date", "time")


_DATE_LABEL = re.compile(
    r"[发發][表布佈][于於时時]|[发發][布佈表][时時][间間]|更新[时時][间間]|本[贴帖]由.{0,20}?[于於]|由.{1,20}?[张張][贴貼]|"
    r"\bposted\b|\bpublished\b",
    re.I,
)


_POST_FOOTER = re.compile(r"(?:post|entry|article)[-_]?(?:footer|foot|meta|info)", re.I)


#: Lines above the headline searched for a date when none shows below it: the forum
#: pages of zh-dev put the post time 1-2 blocks above the post's title.
ABOVE_WINDOW = 3


def above_headline(blocks: list[tuple[str, Any]], title: str) -> list[str]:
    """The few lines right above the headline, nearest first: forum posts put the
    poster and the post time there (2003-5-29 09:07 / 高山流水 / headline)."""
    start = next((i for i, (text, _) in enumerate(blocks) if matches_title(text, title)), None)
    if not start:
        return []
    return [text for text, _ in reversed(blocks[max(0, start - ABOVE_WINDOW) : start])]


#: A date element (<span id="paperdate">) is read when its text is at most 60
#: characters; longer, it is a block of text that happens to be classed "date". Set by
#: hand on the zh-dev pages (commit 0fd3d4c, zh-dev date day-match 32/33 with the
#: rule), not swept.
DATE_ELEMENT_MAX = 60
#: A labelled date (发表于 2005-07-31 12:30) is looked for in lines of at most 200
#: characters, within 40 characters after the label. Set by hand on the zh-dev blog
#: and forum pages (commit ab46d12), not swept.
DATE_LABEL_LINE_MAX = 200
DATE_LABEL_REACH = 40


def _date_element(tree: lxml_html.HtmlElement, zone: Any) -> str | None:
    """A full date in an element named for it (``<span id="paperdate">``,
    ``class="pub-time"``): e-paper and CMS pages that show the date away from the
    headline. A last resort before the URL; a "today" clock in the top bar is
    never one (it shows the crawl's day, not the article's)."""
    for el in tree.iter(etree.Element):
        words = hints(el)
        if (any(w in words for w in _DATE_WORDS) and _DATE_HINT.search(words)
                and not _CLOCK_HINT.search(words)):
            text = el.text_content()
            if len(text) <= DATE_ELEMENT_MAX:
                found = find_date(text, zone) or _ordered_by_markup(el, text, zone)
                if found:
                    return found
    return None


def _ordered_by_markup(el: Any, text: str, zone: Any) -> str | None:
    """The ``datetime`` of a ``<time>`` whose text is a numeric date in an order it does
    not say ("10/12/2023 7:38 PM"): the markup's value says which is the month."""
    return parse_date(el.get("datetime"), zone) if el.tag == "time" and DAY_MONTH_YEAR.search(text) else None


def _labelled_date(blocks: list[tuple[str, Any]], zone: Any) -> str | None:
    """A date the page labels as the publication time anywhere outside the chrome
    (blog and forum footers: 发表于 2005-07-31 12:30, 本贴由 X 于2005年8月12日...). A post's
    own footer (class="post-footer") is not page chrome."""
    for text, el in blocks:
        if len(text) <= DATE_LABEL_LINE_MAX:
            match = _DATE_LABEL.search(text)
            if match and (_POST_FOOTER.search(hints(el)) or not in_chrome(el)):
                found = find_date(text[match.end():match.end() + DATE_LABEL_REACH], zone)
                if found:
                    return found
    return None


#: A dateline under the headline ("March 20, 2023 | Health", "Jane Roe • Nov 4th, 2025")
#: overrides the markup's date only when its line is at most 60 characters: longer
#: lines are the lede, whose dates are the story's, not the page's. Swept on WCXB-dev
#: articles, date right: 40 -> A 259/302, B 250/286; 60 -> the same; 100 -> A 258 (a
#: lede's "valid November 26 - December 3, 2025" taken); the rule itself: A 256 -> 259,
#: B 248 -> 250, zh-dev unchanged (33/33).
SHOWN_LINE_MAX = 60


def _shown_dates(lines: list[str], zone: Any) -> list[tuple[str, int]]:
    """The publication dates the lines under the headline show, each with its line's
    length; revisions ("Updated August 14, 2025") left out: not the publication's."""
    found = ((find_shown_date(line, zone), len(line)) for line in lines)
    return [(day, length) for (day, revised), length in found if day and not revised]


def _dateline_wins(shown: str, structured: str, modified: list[str]) -> bool:
    """The dateline's day overrides the markup's when they are more than DATE_SLACK_DAYS
    apart (closer, the markup's instant in UTC and the site's local day) and the
    dateline is not the markup's revision date shown unlabelled."""
    return days_apart(shown, structured) > DATE_SLACK_DAYS and all(shown[:10] != m[:10] for m in modified)


#: Against a structured date htmldate runs without its extensive search (the whole
#: text, dateparser on free-form dates): on all 1,524 bench pages (WCXB-dev, aeb-dev,
#: zh-dev) every record is the same as with it, and htmldate costs 3.6 instead of
#: 11.7 ms per page (300 WCXB half-A pages, warmed up on 200 of half B). As the last
#: resort, with no structured date, it still searches extensively.
RECONCILE_EXTENSIVE = False


def find_published(
    declared: list[str], header: tuple[list[str], bool], url: str, zone: Any, blocks: list[tuple[str, Any]],
    tree: lxml_html.HtmlElement, title: str, modified: list[str] | None = None, language: str | None = None,
) -> str | None:
    """The date the page shows under its headline when the markup's disagrees
    (``header``: the lines under it, and whether the headline was found), else the
    structured date reconciled with htmldate, then the lines above the headline,
    labelled dates, date elements, htmldate (reading dates in words in the page's
    ``language``) and the URL's."""
    lines, anchored = header
    structured = next((d for d in (parse_date(v, zone) for v in declared) if d), None)
    dated = _shown_dates(lines, zone)
    shown = [day for day, _ in dated]
    datelines = [day for day, length in dated if length <= SHOWN_LINE_MAX] if anchored else []
    revised = [d for d in (parse_date(v, zone) for v in modified or []) if d]
    if structured and datelines and _dateline_wins(datelines[0], structured, revised):
        return _same_day_timed(datelines[0], *datelines)
    shown_timed = [d for d in shown if not _MIDNIGHT.search(d)]
    # htmldate (a fifth of the extractor's profiled time over the bench pages)
    # runs only where its answer is read: against a structured date, or as a last resort.
    if structured:
        day = htmldate_day(tree, url, extensive=RECONCILE_EXTENSIVE, language=language)
        settled = reconcile(structured, shown[0] if shown else None, day, zone)
        if settled != structured:
            return settled
        if _MIDNIGHT.search(structured):
            same_day = [d for d in shown_timed if d[:10] == structured[:10]]
            if same_day:
                return same_day[0]
        return structured
    if shown:
        return (shown_timed or shown)[0]
    above = next((d for d in (find_date(line, zone) for line in above_headline(blocks, title)) if d), None)
    if above:
        return above
    return (_labelled_date(blocks, zone) or _date_element(tree, zone)
            or parse_date(htmldate_day(tree, url, language=language), zone) or date_from_url(url, zone))


def _same_day_timed(day: str, *candidates: str) -> str:
    """``day`` with the time of a candidate on the same day, when one has a time."""
    return next((c for c in candidates if c[:10] == day[:10] and not _MIDNIGHT.search(c)), day)
