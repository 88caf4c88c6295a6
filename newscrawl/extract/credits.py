"""The credits family: the writers (``authors``), the site owner of a personal page, and
the responsible editor named outside the body."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newscrawl.clean.boilerplate import (
    editor_of,
)
from newscrawl.clean.byline import (
    authors_in,
    closing_names,
    copyright_person,
    credits_in,
    is_by_credit,
    is_labelled_by_credit,
    is_personal_name,
    names_from_credit,
    poster_in,
)
from newscrawl.clean.text import squash
from newscrawl.extract.dom import hints, in_chrome
from newscrawl.extract.metadata import PageMeta
from newscrawl.extract.title import is_masthead
from newscrawl.extract.values import clean_value, has_han

#: Elements whose id/class/itemprop/rel say they hold the writer (qdaily's
#: <div class="author"><span class="name">, <a rel="author">), unless they sit in
#: a comment thread or a list of other stories.
_AUTHOR_HINT = re.compile(r"(?:^|[\s_-])(?:authors?|byline|writer)(?:[_-]?name)?(?:$|[\s_\d-])", re.I)


#: The attributes that can mark the writer; _AUTHOR_HINT decides in Python
#: (case-folding with XPath's translate() cost twice as much on 700 KB pages, and
#: selecting the marked elements with ``//*[@class or ...]`` twice a Python loop).
_MARKING_ATTRIBUTES = ("class", "id", "itemprop", "rel")


def _marked(tree: lxml_html.HtmlElement) -> Iterator[lxml_html.HtmlElement]:
    """Elements with any of the attributes that can mark the writer, in document order."""
    for el in tree.iter(etree.Element):
        get = el.get
        if any(get(name) is not None for name in _MARKING_ATTRIBUTES):
            yield el


_COMMENTER_HINT = re.compile(r"comment|reply|respond|review", re.I)


_NOT_WRITER_HINT = re.compile(r"comment|reply|respond|review|related|recommend|list", re.I)


_EDITOR_LABEL = re.compile(r"[编編][辑輯]|[责責][编編]|\beditor\b", re.I)


_NAME_HINT = re.compile(r"(?:^|[\s_-])(?:name|nickname)(?:$|[\s_\d-])", re.I)


#: A team credited as the writer ("Team Tiger Data", "Marketing Team"): it stands only
#: when no later evidence names a person.
_TEAM = re.compile(r"\bteam\b", re.I)


_AUTHOR_LINE = re.compile(r"(?:^|\s)(?:作者|[记記]者|撰文|author)\s*[:：]|^文\s*[:：]", re.I)


_EDITOR_ANYWHERE = re.compile(
    r"(?:[责責]任[编編][辑輯]|[责責][编編])\s*[:：]\s*([\u4e00-\u9fff·•]{2,8}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
)


SIGN_OFF = re.compile(r"^(?:\(?(?:additional )?reporting|writing|editing|compiled|edited) by\b.{0,200}$", re.I)


EDITING_BY = re.compile(r"\b(?i:edit(?:ing|ed)) by ([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3})")


#: A labelled author cell (作者：宋怡 杨志华) is at most 80 characters; longer blocks that
#: say 作者: are prose. Set by hand on the zh-dev pages (commit cafc89a), not swept.
AUTHOR_CELL_MAX = 80
#: Reporter credits are looked for in the first 3 and the last 6 paragraphs (（记者 张倩）
#: closing the text, 记者X/文 under a photo). Set by hand on the zh-dev pages (commit
#: f9b8b40), not swept.
CREDIT_HEAD_PARAGRAPHS = 3
CREDIT_TAIL_PARAGRAPHS = 6
#: The text of an author element (class="author") names the writer at 2-40 characters
#: (dates taken out). Set by hand on the zh-dev blog and forum pages (commit f9b8b40), not swept.
AUTHOR_ELEMENT_MIN = 2
AUTHOR_ELEMENT_MAX = 40
#: Editor lines: 責任編輯:達瓦 on a line of its own of at most 40 characters, a sign-off
#: or tool strip of at most 120. Set by hand on the sample site and zh-dev pages
#: (commit d53005e), not swept.
EDITOR_LINE_MAX = 40
EDITOR_STRIP_MAX = 120


def _credit_names(credit: str) -> list[str]:
    """A credit's names. A labelled credit ("Written by:", "By:") goes on to the writer's
    job title ("Sean Peek, Senior Analyst", "Celeste Longacre Gardener & Astrologer"): it
    counts only when every name it gives is a personal name."""
    names = names_from_credit(credit)
    return names if not is_labelled_by_credit(credit) or all(map(is_personal_name, names)) else []


def find_authors(
    meta: PageMeta, meta_lines: list[str], credits: tuple[str | None, ...], paragraphs: list[str],
    names_under_title: list[str], blocks: list[tuple[str, Any]], tree: lxml_html.HtmlElement,
    publisher: Callable[[str], bool] = lambda name: False,
) -> list[str]:
    """The writers, from the first kind of evidence that names any, most explicit first.
    Evidence naming only the publication (``publisher``: a JSON-LD author "Cleveland
    Clinic", ", USA TODAY") names no writer: the next kind is read."""
    def candidates() -> Iterator[list[str]]:
        yield meta_names
        yield next((a for a in map(authors_in, meta_lines) if a), [])
        for credit in credits:  # credits name people; wire datelines do not
            if credit and (is_by_credit(credit) or has_han(credit)):
                yield _credit_names(credit)
        yield names_under_title
        # a labelled cell anywhere in the article column: 作者：宋怡 杨志华
        yield next((a for text, el in blocks if len(text) <= AUTHOR_CELL_MAX and _AUTHOR_LINE.search(text)
                    and not in_chrome(el) and (a := authors_in(text))), [])
        # （记者 张倩） closing a paragraph, 记者X/文 under a photo
        around = paragraphs[:CREDIT_HEAD_PARAGRAPHS] + paragraphs[-CREDIT_TAIL_PARAGRAPHS:][::-1]
        yield next((a for a in map(credits_in, around) if a), [])
        if paragraphs:  # ……一位自甘穷酸的外科医生。（袁源）
            yield closing_names(paragraphs[-1])
        # 本贴由大卫于2005年8月12日16:12:21在〖...〗发表, ... 22:36:13 by duscha
        yield next((a for text, _ in blocks if (a := poster_in(text))), [])
        # a meta author tag holding a handle (stevenhgm) is often the CMS login (andrew.keaveney)
        # or a template's leftover (page.head.extra.author): a personal name in the author
        # element goes first
        element = _author_element(tree)
        if element and all(map(is_personal_name, element)):
            yield element
        yield [n for a in meta.authors for n in names_from_credit(clean_value(a) or "", handles=True)]
        yield element
        yield labelled_writer(blocks)
        yield author_links(tree)
        # twitter:label1 "Written by" / twitter:data1: the CMS account that posted the page
        yield [n for a in meta.card_authors for n in names_from_credit(clean_value(a) or "")]

    meta_names = [n for a in meta.authors for n in names_from_credit(clean_value(a) or "")]
    found: list[str] = []
    team: list[str] = []
    for names in candidates():
        if not (kept := [n for n in names if not publisher(n)]):
            continue
        if all(_TEAM.search(n) for n in kept):
            team = team or kept  # "By Team Tiger Data": a person named later wrote it
            continue
        found = kept
        break
    found = found or team
    # A byline naming everyone the first evidence did and more is the fuller credit:
    # a meta tag with the first writer, "By Stefan Becket, Kathryn Watson, Grace Segers".
    for credit in credits:
        fuller = _credit_names(credit) if credit else []
        if found and set(found) < set(fuller):
            found = fuller
    # A "By ..." credit under the headline naming other people than the markup's author
    # tag (the CMS login: "KatieS", an editor) names the writers.
    shown = next((names for credit in credits if credit and is_by_credit(credit)
                  and (names := _credit_names(credit)) and all(map(is_personal_name, names))), [])
    if shown and found == meta_names and not set(found) & set(shown):
        found = shown
    return list(dict.fromkeys(found))


#: A credit line anywhere on the page: "By Jane Doe", "Written by Jane Doe", "Article
#: by", "Author: Jane Doe"; or the label alone, the name in the next block. Reviewers
#: and editors are not writers ("Medically reviewed by", "Edited by").
_WRITER_LABEL = re.compile(r"^(?:(?:written|article|words|story|posted)\s+by|by|author)\s*[:：]?\s*(?P<name>.*)$", re.I)
#: Credit lines are short: a label and two or three names (WCXB-dev bylines: 8-45
#: characters; longer blocks with "by" are sentences).
WRITER_LINE_MAX = 60
#: Author profile URLs: /author/jane-doe, /authors/jane-doe-2, /people/jane-doe.html.
_PROFILE_PATH = re.compile(
    r"/(?:authors?|writers?|contributors?|people|profiles?|staff|experts?|producers?|journalists?|"
    r"columnists?|team|by|bio)/(?P<slug>[^/?#]+?)(?:\.html?)?/?(?:[?#]|$)", re.I)


def labelled_writer(blocks: list[tuple[str, Any]]) -> list[str]:
    """The names of the first credit line the page shows anywhere outside comment
    threads and story lists, when they read as personal names (is_personal_name)."""
    for i, (text, el) in enumerate(blocks):
        if len(text) > WRITER_LINE_MAX or not (match := _WRITER_LABEL.match(text)):
            continue
        if any(up.tag == "nav" for up in el.iterancestors()):
            continue  # a menu heading "By Event Type" in <nav> is navigation, not a credit
        if _COMMENTER_HINT.search(hints(el)) or any(_NOT_WRITER_HINT.search(hints(a)) for a in el.iterancestors()):
            continue
        name = match["name"].strip() or (blocks[i + 1][0] if i + 1 < len(blocks) else "")
        names = [n for n in names_from_credit(name) if is_personal_name(n)]
        if names:
            return names
    return []


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def author_links(tree: lxml_html.HtmlElement) -> list[str]:
    """Writers named by links to their profile pages: a personal name whose slug is the
    last part of an author path (<a href="/authors/shannon-grilli">Shannon Grilli</a>).
    The first such link's siblings with the same shape are its co-authors; links in
    comment threads and lists of other stories do not count."""
    for a in tree.iter("a"):
        if not (names := _profile_names(a)):
            continue
        if any(_NOT_WRITER_HINT.search(hints(up)) for up in a.iterancestors()):
            continue
        parent = a.getparent()
        for sib in parent.iter("a") if parent is not None else ():
            if sib is not a:
                names += [n for n in _profile_names(sib) if n not in names]
        return names
    return []


def _profile_names(a: lxml_html.HtmlElement) -> list[str]:
    match = _PROFILE_PATH.search(a.get("href") or "")
    if not match:
        return []
    text = clean_value(a.text_content()) or ""
    slug = match["slug"].lower()
    if is_personal_name(text) and (slug == _slug(text) or slug.startswith(_slug(text) + "-")):
        return [text]
    return []


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
#: An English date beside the writer's name in the author element ("Andrew Gerrand
#: 4 August 2010", "Luke Kim December 17, 2025"): left out like the numeric ones.
_EN_DATE = re.compile(
    rf"(?:\b(?:last\s+)?(?:updated|published|posted)(?:\s+on)?\s*:?\s*)?"
    rf"\b(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?)\s+(?:19|20)\d{{2}}\b", re.I)


def _author_element(tree: lxml_html.HtmlElement) -> list[str]:
    """Names in the first element marked as the writer's (class="author", itemprop="author",
    rel="author"); its child marked "name" when it has one, dates and counts left out."""
    for el in _marked(tree):
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
        # " ".join: <p>Luke Kim</p><small>December 17, 2025</small> is two pieces
        text = clean_value(" ".join(name_el.itertext())) or ""
        if _EDITOR_LABEL.search(text):
            continue  # <p class="show_author">责任编辑：刘德宾</p> names the editor
        text = re.sub(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?", " ", text)
        text = _EN_DATE.sub(" ", text)
        if AUTHOR_ELEMENT_MIN <= len(text) <= AUTHOR_ELEMENT_MAX and (names := names_from_credit(text, handles=True)):
            return names
    return []


def site_owner(tree: lxml_html.HtmlElement, url: str, notice: str | None) -> list[str]:
    """A personal site's owner, when nothing on the page names a writer: the site's
    name in its masthead and the holder of its copyright notice are one person
    (李建忠 / Copyright © 李建忠). Either alone is too weak: news sites' mastheads and
    notices name the paper, and a name in a masthead may be the blog's subject."""
    holder = copyright_person(notice) if notice else None
    if holder and any(is_masthead(h1, url) and squash(h1.text_content()) == squash(holder) for h1 in tree.iter("h1")):
        return [holder]
    return []


def editor_line(blocks: list[tuple[str, Any]]) -> str | None:
    """The editor named outside the extracted body: 責任編輯:達瓦 on a line of its own or
    inside a short tool strip, or an English sign-off "... Editing by Richard Lowe"."""
    for text, el in blocks:
        if len(text) > EDITOR_STRIP_MAX:
            continue
        name = editor_of(text) if len(text) <= EDITOR_LINE_MAX else None
        if not name:
            found = _EDITOR_ANYWHERE.search(text) if len(text) <= EDITOR_LINE_MAX else None
            found = found or (EDITING_BY.search(text) if SIGN_OFF.match(text) else None)
            name = found.group(1).strip() if found else None
        if name and not in_chrome(el):
            return name
    return None
