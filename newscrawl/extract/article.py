"""``extract_article``: one page (bytes or text) and its URL -> one record dict.

One parse per page; every extractor reads the same tree. Fields that depend on the
crawl (``fetched_at``, ``crawl_id``, ...) are left at their defaults for the caller.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newscrawl.clean.boilerplate import (
    editor_of,
    is_caption,
    is_copyright,
    is_meta_line,
    is_navigation,
    is_related_heading,
    is_widget,
    split_trailing_editor,
    strip_edit_link,
)
from newscrawl.clean.byline import (
    authors_in,
    byline_line,
    closing_names,
    copyright_person,
    credits_in,
    is_publisher,
    names_from_credit,
    names_line,
    poster_in,
    source_in,
    split_byline,
)
from newscrawl.clean.headline import is_credit_segment, matches_title, strip_headline_echo, strip_site_suffix
from newscrawl.clean.pinyin import strip_pinyin
from newscrawl.clean.text import dedupe_paragraphs, fingerprint_text, normalize_text, squash
from newscrawl.extract.body import extract_body
from newscrawl.extract.dates import date_from_url, find_date, htmldate_day, parse_date, reconcile, zone_for
from newscrawl.extract.dom import drop_footnote_lists, hints, in_chrome, leaf_blocks, parse_html
from newscrawl.extract.encoding import decode_html
from newscrawl.extract.language import detect_language
from newscrawl.extract.metadata import PageMeta, read_meta
from newscrawl.extract.notices import copyright_notice
from newscrawl.extract.related import LinkGroup, drop_inline_story_lists, link_groups, related_links
from newscrawl.items import CRAWL_FIELDS, Article, Image, RelatedLink
from newscrawl.urls import absolute, normalize_url, record_id, site_of

_MIDNIGHT = re.compile(r"T00:00:00")
_DATE_HINT = re.compile(r"date|time|pub|riqi|shijian", re.I)
_CLOCK_HINT = re.compile(r"today|now|current|clock|weather", re.I)
_DATE_XPATH = (
    "//*[contains(@id, 'date') or contains(@class, 'date') or contains(@id, 'time') or contains(@class, 'time')]"
)
_DATE_LABEL = re.compile(
    r"[发發][表布佈][于於时時]|[发發][布佈表][时時][间間]|更新[时時][间間]|本[贴帖]由.{0,20}?[于於]|由.{1,20}?[张張][贴貼]|"
    r"\bposted\b|\bpublished\b",
    re.I,
)
#: Elements whose id/class/itemprop/rel say they hold the writer (qdaily's
#: <div class="author"><span class="name">, <a rel="author">), unless they sit in
#: a comment thread or a list of other stories.
_AUTHOR_HINT = re.compile(r"(?:^|[\s_-])(?:authors?|byline|writer)(?:[_-]?name)?(?:$|[\s_\d-])", re.I)
#: Elements with any of the attributes that can mark the writer; _AUTHOR_HINT decides
#: in Python (case-folding with XPath's translate() cost twice as much on 700 KB pages).
_MARKED_XPATH = etree.XPath("//*[@class or @id or @itemprop or @rel]")
_COMMENTER_HINT = re.compile(r"comment|reply|respond|review", re.I)
_NOT_WRITER_HINT = re.compile(r"comment|reply|respond|review|related|recommend|list", re.I)
_EDITOR_LABEL = re.compile(r"[编編][辑輯]|[责責][编編]|\beditor\b", re.I)
_NAME_HINT = re.compile(r"(?:^|[\s_-])(?:name|nickname)(?:$|[\s_\d-])", re.I)
_SELF_LINK = re.compile(r"^https?://\S+$")
_POST_FOOTER = re.compile(r"(?:post|entry|article)[-_]?(?:footer|foot|meta|info)", re.I)
_AUTHOR_LINE = re.compile(r"(?:^|\s)(?:作者|[记記]者|撰文|author)\s*[:：]|^文\s*[:：]", re.I)
_HEADLINE_XPATH = (
    "//*[@itemprop='headline' or contains(translate(@class, 'HEADLINTB', 'headlintb'), 'headline')"
    " or contains(translate(@class, 'HEADINGTL', 'headingtl'), 'heading')"
    " or contains(translate(@class, 'TITLE', 'title'), 'title')"
    " or contains(translate(@id, 'TITLE', 'title'), 'title')]"
)
_TITLE_SPLIT = re.compile(r"\s+[|｜«»‹›–—-]\s+|\s*[_|｜«»]\s*")
_SENTENCES = re.compile(r"[。！？!?]|\.(?:\s|$)")
#: A deck repeated as the first body line is at most one sentence of <= 150
#: characters (sample-site and aeb decks: 40-120); longer, it is the lede.
DECK_MAX_IN_BODY = 150
_DECK_HINT = re.compile(r"deck|\bdek\b|standfirst|sub-?title|subhead|summary|excerpt|lede|intro", re.I)
_EDITOR_ANYWHERE = re.compile(
    r"(?:[责責]任[编編][辑輯]|[责責][编編])\s*[:：]\s*([\u4e00-\u9fff·•]{2,8}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
)
_SIGN_OFF = re.compile(r"^(?:\(?(?:additional )?reporting|writing|editing|compiled|edited) by\b.{0,200}$", re.I)
_EDITING_BY = re.compile(r"\b(?i:edit(?:ing|ed)) by ([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3})")

#: Blocks after the headline searched for the dateline strip (date, source, author):
#: on the sample and zh-dev pages it sits 1-6 blocks below the <h1>.
HEADER_WINDOW = 8
#: Lines above the headline searched for a date when none shows below it: the forum
#: pages of zh-dev put the post time 1-2 blocks above the post's title.
ABOVE_WINDOW = 3
#: Body lines made of link texts from the page's link lists are boilerplate only up to
#: this length (longer lines are prose that a page happens to link) and when the link
#: texts cover >= 70% of the line (the rest being bullets, dates, numbering: on the
#: zh-dev pages such rows are 75-95% link text, prose lines under 20%).
LINK_LINE_MAX = 200
#: A lone <h1> that disagrees with <title> is the headline only when it is at least
#: 40% of the title's length: shorter ones are logos and section names ("엔터 미디어"
#: on an aeb page); rewritten headlines on aeb/zh-dev pages are 70-130% long.
H1_SHARE = 0.4
LINK_COVER = 0.7
MIN_ROW_LINK_SHARE = 0.3
#: Rows of several link titles are short (a few titles with dates; 200 letters and
#: digits at most: swept 120/200/400 on aeb-dev and zh-dev, no change above 120); a
#: longer line with that much linked text is prose with inline links.
LINK_ROW_MAX = 200


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    return normalize_text(strip_pinyin(normalize_text(value))) or None


def _masthead(h1: lxml_html.HtmlElement, url: str) -> bool:
    """An <h1> in the page header that is one link to somewhere other than this page:
    the site's name linking home (a blog's <div id="top"><h1><a href="/jane/">Jane Doe),
    not the headline (whose link, if any, is the article's own permalink)."""
    links = h1.findall(".//a")
    if len(links) != 1 or squash(links[0].text_content()) != squash(h1.text_content()):
        return False
    try:
        href = absolute(url, links[0].get("href") or "")
        elsewhere = href is not None and normalize_url(href) != normalize_url(url)
    except ValueError:  # "http://[::1" and other unparseable links
        return False
    return elsewhere and in_chrome(h1)


def _choose_title(
    meta: PageMeta, tree: lxml_html.HtmlElement, site_name: str | None, lines: set[str], url: str
) -> tuple[str, str | None]:
    """``(title, site name read off the <title>)``. A heading on the page that equals
    one segment of ``<title>`` settles both, as does the first segment when it is the
    longest (software credits aside) and the page shows it as a line of its own
    (``lines``: squashed block texts; 2005 forums put the headline in a <b>);
    otherwise the site suffix is stripped by name or by shape."""
    html_title = _clean(meta.html_title) or ""
    headings = [h for h in (_clean(el.text_content()) for el in tree.iter("h1", "h2", "h3")) if h and len(h) >= 4]
    h1s = [h for h in (_clean(el.text_content()) for el in tree.iter("h1") if not _masthead(el, url))
           if h and (4 if h.isascii() else 2) <= len(h) <= 200 and squash(h) != squash(site_name or "")]
    if not h1s and not html_title and not meta.title:  # 2005 layouts: <div class="Heading">, else an <h2>
        for found in (tree.xpath(_HEADLINE_XPATH), tree.iter("h2")):
            h1s = [h for h in (_clean(el.text_content()) for el in found if not in_chrome(el))
                   if h and 6 <= len(h) <= 120][:1]
            if h1s:
                break
    segments = [p.strip() for p in _TITLE_SPLIT.split(html_title) if p.strip()]
    if len(segments) > 1:
        keys = {squash(h): h for h in headings}
        for i, seg in enumerate(segments):
            if squash(seg) in keys:
                return keys[squash(seg)], " ".join(segments[i + 1 :] or segments[:i]).strip() or None
        shown = strip_site_suffix(segments[0])  # the page marker off: 标题(页 1)
        others = [seg for seg in segments[1:] if not is_credit_segment(seg)]
        if squash(shown) in lines and len(shown) >= max([6, *map(len, others)]):
            return shown, " ".join(others).strip() or None
    stripped = strip_site_suffix(html_title, site_name) if html_title else ""
    suffix_name = None
    if stripped and stripped != html_title:
        suffix_name = html_title.replace(stripped, "").strip(" _|｜-–—:·«»") or None
    structured = _clean(meta.title)
    if structured:
        structured = strip_site_suffix(structured, site_name or suffix_name)
    for h1 in h1s:
        for ref in (structured, stripped):
            if ref and (matches_title(h1, ref) or squash(h1) == squash(ref)):
                return h1, suffix_name
    if len(h1s) == 1 and len(h1s[0]) >= H1_SHARE * len(stripped or structured or ""):
        return h1s[0], suffix_name  # the one visible headline beats SEO titles
    for candidate in (structured, stripped, h1s[0] if h1s else None, html_title):
        if candidate:
            return candidate, suffix_name
    return "", suffix_name


def _not_the_site_name(title: str, names: tuple[str | None, ...], meta: PageMeta, tree: lxml_html.HtmlElement) -> str:
    """A headline is never the site's name alone ("MDR.de" from a logo <h1>): when the
    choice came down to one of ``names`` (the site's name, its host), the structured
    headline, another <h1> or the whole <title> stands."""
    keys = {squash(n).casefold() for n in names if n}
    if squash(title).casefold() not in keys:
        return title
    h1s = (_clean(el.text_content()) for el in tree.iter("h1"))
    for candidate in (_clean(meta.title), *h1s, _clean(meta.html_title)):
        if candidate and squash(candidate).casefold() not in keys and len(candidate) >= 4:
            return candidate
    return title


def _header_blocks(blocks: list[tuple[str, Any]], title: str) -> list[str]:
    """Lines right below the headline (the headline's own block too when it carries
    more, such as a date after the title), or the top of the page when the headline
    is not found: where the dateline strip lives."""
    start = next((i for i, (text, _) in enumerate(blocks) if matches_title(text, title)), None)
    if start is not None:
        return [text for text, _ in blocks[start + 1 : start + 1 + HEADER_WINDOW]]
    key = squash(title)
    start = next((i for i, (text, _) in enumerate(blocks) if key and squash(text).startswith(key)), None)
    if start is not None:
        first = blocks[start][0]
        rest = first[len(title):] if first.startswith(title) else first
        return [rest] + [text for text, _ in blocks[start + 1 : start + HEADER_WINDOW]]
    return [text for text, el in blocks[:60] if not in_chrome(el)]


def _above_headline(blocks: list[tuple[str, Any]], title: str) -> list[str]:
    """The few lines right above the headline, nearest first: forum posts put the
    poster and the post time there (2003-5-29 09:07 / 高山流水 / headline)."""
    start = next((i for i, (text, _) in enumerate(blocks) if matches_title(text, title)), None)
    if not start:
        return []
    return [text for text, _ in reversed(blocks[max(0, start - ABOVE_WINDOW) : start])]


def _date_element(tree: lxml_html.HtmlElement, zone: Any) -> str | None:
    """A full date in an element named for it (``<span id="paperdate">``,
    ``class="pub-time"``): e-paper and CMS pages that show the date away from the
    headline. A last resort before the URL; a "today" clock in the top bar is
    never one (it shows the crawl's day, not the article's)."""
    for el in tree.xpath(_DATE_XPATH):
        words = hints(el)
        if _DATE_HINT.search(words) and not _CLOCK_HINT.search(words):
            text = el.text_content()
            if len(text) <= 60:
                found = find_date(text, zone)
                if found:
                    return found
    return None


def _labelled_date(blocks: list[tuple[str, Any]], zone: Any) -> str | None:
    """A date the page labels as the publication time anywhere outside the chrome
    (blog and forum footers: 发表于 2005-07-31 12:30, 本贴由 X 于2005年8月12日...). A post's
    own footer (class="post-footer") is not page chrome."""
    for text, el in blocks:
        if len(text) <= 200:
            match = _DATE_LABEL.search(text)
            if match and (_POST_FOOTER.search(hints(el)) or not in_chrome(el)):
                found = find_date(text[match.end():match.end() + 40], zone)
                if found:
                    return found
    return None


def _published(
    declared: list[str], header: list[str], url: str, zone: Any, blocks: list[tuple[str, Any]],
    tree: lxml_html.HtmlElement, title: str,
) -> str | None:
    """Structured dates first, then the date shown under the headline, then the URL's.
    A date-only structured value gives way to a shown time on the same day."""
    structured = next((d for d in (parse_date(v, zone) for v in declared) if d), None)
    shown = [d for d in (find_date(line, zone) for line in header) if d]
    shown_timed = [d for d in shown if not _MIDNIGHT.search(d)]
    day = htmldate_day(tree, url)
    if structured:
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
    above = next((d for d in (find_date(line, zone) for line in _above_headline(blocks, title)) if d), None)
    if above:
        return above
    return (_labelled_date(blocks, zone) or _date_element(tree, zone) or (parse_date(day, zone) if day else None)
            or date_from_url(url, zone))


def _deck(blocks: list[tuple[str, Any]], title: str) -> str | None:
    """The deck shown right under the headline: an <h2>, or an element whose class
    says deck / dek / standfirst / subtitle / summary."""
    start = next((i for i, (text, _) in enumerate(blocks) if matches_title(text, title)), None)
    if start is None:
        return None
    for text, el in blocks[start + 1 : start + 3]:
        if is_meta_line(text) or byline_line(text) or not 8 <= len(text) <= 250:
            continue
        if el.tag in ("h2", "h3") or _DECK_HINT.search(hints(el)):
            return text
    return None


def _authors(
    meta: PageMeta, meta_lines: list[str], credits: tuple[str | None, ...], paragraphs: list[str],
    names_under_title: list[str], blocks: list[tuple[str, Any]], tree: lxml_html.HtmlElement,
) -> list[str]:
    """The writers, from the first kind of evidence that names any, most explicit first."""
    def candidates() -> Iterator[list[str]]:
        yield [n for a in meta.authors for n in names_from_credit(_clean(a) or "")]
        yield next((a for a in map(authors_in, meta_lines) if a), [])
        for credit in credits:  # credits name people; wire datelines do not
            if credit and (credit.lower().startswith("by ") or _has_han(credit)):
                yield names_from_credit(credit)
        yield names_under_title
        # a labelled cell anywhere in the article column: 作者：宋怡 杨志华
        yield next((a for text, el in blocks if len(text) <= 80 and _AUTHOR_LINE.search(text)
                    and not in_chrome(el) and (a := authors_in(text))), [])
        # （记者 张倩） closing a paragraph, 记者X/文 under a photo
        yield next((a for a in map(credits_in, paragraphs[:3] + paragraphs[-6:][::-1]) if a), [])
        if paragraphs:  # ……一位自甘穷酸的外科医生。（袁源）
            yield closing_names(paragraphs[-1])
        # 本贴由大卫于2005年8月12日16:12:21在〖...〗发表, ... 22:36:13 by duscha
        yield next((a for text, _ in blocks if (a := poster_in(text))), [])
        # a meta author tag holding a handle (stevenhgm) is often the CMS login: last but one
        yield [n for a in meta.authors for n in names_from_credit(_clean(a) or "", handles=True)]
        yield _author_element(tree)

    found = next((names for names in candidates() if names), [])
    # A byline naming everyone the first evidence did and more is the fuller credit:
    # a meta tag with the first writer, "By Stefan Becket, Kathryn Watson, Grace Segers".
    for credit in credits:
        fuller = names_from_credit(credit) if credit else []
        if found and set(found) < set(fuller):
            found = fuller
    return list(dict.fromkeys(found))


def _author_element(tree: lxml_html.HtmlElement) -> list[str]:
    """Names in the first element marked as the writer's (class="author", itemprop="author",
    rel="author"); its child marked "name" when it has one, dates and counts left out."""
    for el in _MARKED_XPATH(tree):
        if el.tag in ("meta", "link", "script", "style", "body", "html"):
            continue
        words = hints(el)
        if not (_AUTHOR_HINT.search(words) or "author" in (el.get("itemprop") or "").split()
                or el.get("rel") == "author"):
            continue
        if _COMMENTER_HINT.search(words) or any(_NOT_WRITER_HINT.search(hints(a)) for a in el.iterancestors()):
            continue
        name_el = next((c for c in el.iterdescendants() if isinstance(c.tag, str)
                        and (_NAME_HINT.search(hints(c)) or c.get("itemprop") == "name")), el)
        text = _clean(name_el.text_content()) or ""
        if _EDITOR_LABEL.search(text):
            continue  # <p class="show_author">责任编辑：刘德宾</p> names the editor
        text = re.sub(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?", " ", text)
        if 2 <= len(text) <= 40 and (names := names_from_credit(text, handles=True)):
            return names
    return []


def _site_owner(tree: lxml_html.HtmlElement, url: str, notice: str | None) -> list[str]:
    """A personal site's owner, when nothing on the page names a writer: the site's
    name in its masthead and the holder of its copyright notice are one person
    (李建忠 / Copyright © 李建忠). Either alone is too weak: news sites' mastheads and
    notices name the paper, and a name in a masthead may be the blog's subject."""
    holder = copyright_person(notice) if notice else None
    if holder and any(_masthead(h1, url) and squash(h1.text_content()) == squash(holder) for h1 in tree.iter("h1")):
        return [holder]
    return []


def _editor_line(blocks: list[tuple[str, Any]]) -> str | None:
    """The editor named outside the extracted body: 責任編輯:達瓦 on a line of its own or
    inside a short tool strip, or an English sign-off "... Editing by Richard Lowe"."""
    for text, el in blocks:
        if len(text) > 120:
            continue
        name = editor_of(text) if len(text) <= 40 else None
        if not name:
            found = _EDITOR_ANYWHERE.search(text) if len(text) <= 40 else None
            found = found or (_EDITING_BY.search(text) if _SIGN_OFF.match(text) else None)
            name = found.group(1).strip() if found else None
        if name and not in_chrome(el):
            return name
    return None


def _is_boilerplate_line(
    line: str, link_texts: set[str], index: dict[str, list[str]], link_share: dict[str, float]
) -> bool:
    if is_widget(line) or is_navigation(line) or is_related_heading(line) or is_caption(line):
        return True
    key = squash(line)
    # A line that is a text block of the page with little link text is no link row;
    # only lines with much link text or no block of their own are scanned.
    if link_share.get(key, 1.0) < MIN_ROW_LINK_SHARE:
        return False
    if len(line) > LINK_LINE_MAX:
        return False
    # A row of short link cells run together (体育 活动 手机 汽车 ...): every word a link.
    words = line.split()
    if len(words) >= 3 and sum(len(w) for w in words if squash(w) in link_texts) >= LINK_COVER * len(key):
        return True
    return _link_covered(key, link_texts, index)


def _prefix_index(link_texts: set[str]) -> dict[str, list[str]]:
    """Link texts of 4+ characters by their first 4 characters."""
    index: dict[str, list[str]] = {}
    for text in link_texts:
        if len(text) >= 4:
            index.setdefault(text[:4], []).append(text)
    return index


def _link_covered(key: str, link_texts: set[str], index: dict[str, list[str]]) -> bool:
    """The line is (mostly) the text of links from the page's link lists: a related
    row rendered as one line, "· title 2022-07-08", "1. title"."""
    if not key:
        return False
    if key in link_texts:
        return True
    if len(key) > LINK_ROW_MAX:
        return False
    mask = bytearray(len(key))  # characters covered by some link text, each counted once
    for start in range(len(key) - 3):
        for text in index.get(key[start : start + 4], ()):
            if key.startswith(text, start):
                mask[start : start + len(text)] = b"\x01" * len(text)
    return sum(mask) >= LINK_COVER * len(key)


def extract_article(
    html: bytes | str,
    url: str,
    *,
    content_type: str | None = None,
    timezone: str | None = None,
    drop_xpath: tuple[str, ...] | list[str] = (),
) -> dict[str, Any]:
    """Turn one page into a record (every schema field present; crawl fields at defaults).

    ``html`` as bytes is decoded here (BOM, valid UTF-8, declared charset checked for
    plausibility, GBK/GB18030/Big5 detection); ``content_type`` is the HTTP header, if
    any. ``timezone`` (an IANA name) is the site's zone for dates the page writes
    without one. ``drop_xpath`` (a site profile's) names elements that are never
    article text; every rule works without it. Never raises on bad input: an unusable page gives empty title/body,
    which the schema rejects.
    """
    text = decode_html(html, content_type)[0] if isinstance(html, bytes) else html
    record = Article(url=url, canonical_url=normalize_url(url), site=site_of(url))
    tree = parse_html(text)
    if tree is None:
        return _finish(record)
    for xpath in drop_xpath:
        for el in tree.xpath(xpath):
            if isinstance(el, lxml_html.HtmlElement) and el.getparent() is not None:
                el.drop_tree()
    drop_inline_story_lists(tree)
    drop_footnote_lists(tree)

    meta = read_meta(tree)
    blocks3 = [(strip_pinyin(text), el, share) for text, el, share in leaf_blocks(tree)]
    blocks = [(text, el) for text, el, _ in blocks3]
    keys = [squash(text) for text, _, _ in blocks3]
    site_name = _clean(meta.site_name)
    title, suffix_name = _choose_title(meta, tree, site_name, set(keys), url)
    title = _not_the_site_name(title, (site_name, suffix_name, record.site), meta, tree)
    record.site_name = site_name or suffix_name
    record.title = title
    record.description = _clean(meta.description)

    order = {el: i for i, el in enumerate(tree.iter())}
    groups = link_groups(tree, url, order)
    headline = next((h for h in tree.iter("h1") if _clean(h.text_content()) == title), None)
    body = extract_body(tree, url, blocks3, keys, meta.ld_body, headline, elements=len(order))

    link_share = dict(zip(keys, (share for _, _, share in blocks3), strict=True))
    paragraphs, notices, editor, source = _clean_lines(body.paragraphs, groups, link_share, record.site)
    paragraphs, kicker, subtitle = strip_headline_echo(paragraphs, title)
    header = _header_blocks(blocks, title)
    if not subtitle:
        subtitle = _deck(blocks, title)
        if subtitle and paragraphs and squash(paragraphs[0]) == squash(subtitle):
            if len(_SENTENCES.findall(subtitle)) >= 2 or len(subtitle) > DECK_MAX_IN_BODY:
                subtitle = None  # a lede paragraph marked "summary", not a deck
            else:
                paragraphs.pop(0)
    record.kicker, record.subtitle = kicker, subtitle

    # Byline: a Chinese dateline opening the body (本报讯（记者 ...）, 新华社北京7月24日电),
    # else a credit line under the headline ("By ... | Reuters", 記者...／台北報導), else an
    # English wire dateline ("SINGAPORE, July 24 (Reuters)").
    opening = split_byline(paragraphs[0]) if paragraphs else None
    if paragraphs and not opening and byline_line(paragraphs[0]):
        opening = paragraphs.pop(0)  # a "By ..." line is a credit, not article text
    header_credit = next((c for c in map(byline_line, header) if c), None)
    if opening and (_has_han(opening) or opening.lower().startswith("by ")):
        record.byline = opening
    else:
        record.byline = header_credit or opening

    opening_names: list[str] = []
    if not record.byline:  # a line of names under the title (赵延东、风笑天) is the byline
        if record.subtitle and (opening_names := names_line(record.subtitle)):
            record.byline, record.subtitle = record.subtitle, None
        elif paragraphs and (opening_names := names_line(paragraphs[0])):
            record.byline = paragraphs.pop(0)

    record.body = "\n".join(dedupe_paragraphs(paragraphs))
    record.editor = editor or _editor_line(blocks) or _clean(meta.editor)
    meta_lines = [line for line in header if is_meta_line(line)]
    record.source = source or next((s for s in map(source_in, meta_lines) if s), None) or _clean(meta.source)

    notice = copyright_notice(blocks) or (notices[0] if notices else None)
    record.copyright = _clean(notice)
    authors = _authors(meta, meta_lines, (record.byline, header_credit), paragraphs, opening_names,
                       blocks, tree) or _site_owner(tree, url, record.copyright)
    record.authors = [a for a in authors if not is_publisher(a, record.site, record.site_name)]

    record.language = detect_language(f"{title}\n{record.body}", meta.language)
    zone = zone_for(record.site, record.language, timezone)
    record.published_at = _published(meta.published, header, url, zone, blocks, tree, title)
    record.modified_at = next((d for d in (parse_date(v, zone) for v in meta.modified) if d), None)

    body_keys = {squash(p) for p in paragraphs}
    body_end = max((order.get(el, 0) for key, (_, el) in zip(keys, blocks, strict=True) if key in body_keys),
                   default=None)
    related: dict[str, RelatedLink] = {}
    for item in related_links(groups, url, body_end):
        title_text = _clean(item["title"])
        if title_text and squash(title_text) not in related:  # unique by cleaned title too
            related[squash(title_text)] = RelatedLink(title=title_text, url=item["url"])
    record.related = list(related.values())

    record.section = _clean(meta.section)
    record.tags = list(dict.fromkeys(t for t in (_clean(tag) for tag in meta.tags) if t))
    images: dict[str, Image] = {}
    for image_url, caption in [(absolute(url, i), None) for i in meta.images] + body.images:
        if image_url and image_url not in images:
            images[image_url] = Image(url=image_url, caption=_clean(caption))
    record.images = list(images.values())

    if meta.canonical:
        canonical = absolute(url, meta.canonical)
        if canonical and site_of(canonical) == record.site:
            record.canonical_url = normalize_url(canonical)
    return _finish(record)


def _same_site(url: str, site: str) -> bool:
    try:
        return site_of(url) == site
    except ValueError:  # "http://[::1" and other unparseable hosts
        return False


def _clean_lines(
    raw: list[str], groups: list[LinkGroup], link_share: dict[str, float], site: str
) -> tuple[list[str], list[str], str | None, str | None]:
    """Body lines without widgets, navigation, link-list entries, metadata strips,
    copyright notices and the editor line; returns what was taken out that the record
    keeps: ``(paragraphs, notices, editor, source)``."""
    link_texts = {
        squash(text) for g in groups if len(g.links) >= 2 for text, _ in g.links
        if not text.lower().startswith(("http", "www."))  # a printed URL is text, not a title
    }
    index = _prefix_index(link_texts)
    paragraphs: list[str] = []
    notices: list[str] = []
    editor = source = None
    for line in raw:
        line = strip_edit_link(normalize_text(strip_pinyin(line)))
        if not line:
            continue
        if is_copyright(line):
            notices.append(line)
            continue
        name = editor_of(line)
        if name:
            editor = editor or name
            continue
        line, name = split_trailing_editor(line)
        editor = editor or name
        if is_meta_line(line):
            source = source or source_in(line)
            continue
        if _SIGN_OFF.match(line):  # "Reporting by ...; Editing by ..."
            found = _EDITING_BY.search(line)
            editor = editor or (found.group(1) if found else None)
            continue
        if _is_boilerplate_line(line, link_texts, index, link_share):
            continue
        if _SELF_LINK.match(line) and _same_site(line, site):
            continue  # the page's own address printed by a share box
        if line:
            paragraphs.append(line)
    return paragraphs, notices, editor, source


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _finish(record: Article) -> dict[str, Any]:
    out = asdict(record)
    out["id"] = record_id(record.canonical_url)
    out["content_hash"] = hashlib.sha256(fingerprint_text(record.body).encode("utf-8")).hexdigest()
    for name in CRAWL_FIELDS:
        out.pop(name, None)
    return out
