"""``extract_article``: one page (bytes or text) and its URL -> one record dict.

One parse per page; every extractor reads the same tree. Fields that depend on the
crawl (``fetched_at``, ``crawl_id``, ...) are left at their defaults for the caller.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from lxml import html as lxml_html

from newscrawl.clean.boilerplate import (
    is_meta_line,
)
from newscrawl.clean.byline import (
    byline_line,
    is_publisher,
    names_line,
    source_in,
    split_byline,
)
from newscrawl.clean.headline import matches_title, strip_headline_echo
from newscrawl.clean.pinyin import strip_pinyin
from newscrawl.clean.text import dedupe_paragraphs, fingerprint_text, squash
from newscrawl.extract.assembly import clean_lines, without_author_notes
from newscrawl.extract.body import extract_body
from newscrawl.extract.credits import editor_line, find_authors, site_owner
from newscrawl.extract.dates import parse_date, zone_for
from newscrawl.extract.dom import in_chrome, leaf_blocks, parse_html
from newscrawl.extract.encoding import decode_html
from newscrawl.extract.language import detect_language
from newscrawl.extract.learned import learned_lines
from newscrawl.extract.metadata import PageMeta, read_meta
from newscrawl.extract.notices import copyright_notice
from newscrawl.extract.published import find_published
from newscrawl.extract.related import LinkGroup, link_groups, related_links
from newscrawl.extract.title import (
    DECK_MAX_IN_BODY,
    SENTENCE_ENDS,
    choose_title,
    find_deck,
    not_the_site_name,
    without_own_suffix,
)
from newscrawl.extract.values import clean_value, has_han, heading_text
from newscrawl.items import CRAWL_FIELDS, Article, Image, RelatedLink
from newscrawl.urls import absolute, normalize_url, record_id, site_of

#: A URL's scheme, which is case-insensitive (RFC 3986 3.1): the record's ``url`` has it
#: lower-cased, as its ``canonical_url`` and links have it, and as the schema wants it.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

#: Blocks after the headline searched for the dateline strip (date, source, author):
#: on the sample and zh-dev pages it sits 1-6 blocks below the <h1>.
HEADER_WINDOW = 8
#: When the headline is not found, the dateline is looked for in the page's first 60
#: blocks outside the chrome. Set by hand on the sample site (commit 2d920bb,
#: extraction v1), not swept.
TOP_BLOCKS = 60
#: True: the body's lines are the blocks bench/train_blocks.py's classifier keeps (its
#: trees in extract/data/blocks_model.json, fed the rules' body as a feature). Off: on
#: the full bench (model trained on WCXB-dev half-A articles) WCXB articles gain (A
#: 0.926 -> 0.944, B 0.930 -> 0.940; pages < 0.5 A 15 -> 6, B 14 -> 10) but aeb-dev
#: (A 0.979 -> 0.977, B 0.981 -> 0.963) and zh-dev (A 0.966 -> 0.919, B 0.959 -> 0.936)
#: lose, and the median CPU per WCXB article goes 44 -> 72 ms.
LEARNED_BODY = False


def _header_blocks(blocks: list[tuple[str, Any]], title: str) -> tuple[list[str], bool]:
    """Lines right below the headline (the headline's own block too when it carries
    more, such as a date after the title), or the top of the page when the headline
    is not found: where the dateline strip lives; and whether the headline was found."""
    start = next((i for i, (text, _) in enumerate(blocks) if matches_title(text, title)), None)
    if start is not None:
        return [text for text, _ in blocks[start + 1 : start + 1 + HEADER_WINDOW]], True
    key = squash(title)
    start = next((i for i, (text, _) in enumerate(blocks) if key and squash(text).startswith(key)), None)
    if start is not None:
        first = blocks[start][0]
        rest = first[len(title):] if first.startswith(title) else first
        return [rest] + [text for text, _ in blocks[start + 1 : start + HEADER_WINDOW]], True
    return [text for text, el in blocks[:TOP_BLOCKS] if not in_chrome(el)], False


@dataclass
class _Page:
    """One parsed page, as every stage reads it."""

    url: str
    tree: lxml_html.HtmlElement
    meta: PageMeta
    blocks3: list[tuple[str, Any, float]]
    """Leaf text blocks: (text without pinyin, element, link-text share)."""
    blocks: list[tuple[str, Any]]
    keys: list[str]
    """The blocks' squashed texts."""
    order: dict[Any, int] = field(default_factory=dict)
    """Document order of every element."""
    source: str = ""
    """The decoded HTML (scripts of JSON data are read from it)."""
    groups: list[LinkGroup] = field(default_factory=list)
    """The page's link groups (set with the body: related links are read from them)."""


def extract_article(
    html: bytes | str,
    url: str,
    *,
    content_type: str | None = None,
    timezone: str | None = None,
    drop_xpath: tuple[str, ...] | list[str] = (),
    tree: lxml_html.HtmlElement | None = None,
) -> dict[str, Any]:
    """Turn one page into a record (every schema field present; crawl fields at defaults).

    ``html`` as bytes is decoded here (BOM, valid UTF-8, declared charset checked for
    plausibility, GBK/GB18030/Big5 detection); ``content_type`` is the HTTP header, if
    any. ``timezone`` (an IANA name) is the site's zone for dates the page writes
    without one. ``drop_xpath`` (a site profile's) names elements that are never
    article text; every rule works without it. ``tree``: ``parse_html(html)`` when the
    caller has it already (the spider judged the page on it): the page is not parsed
    twice, and the tree is changed here (profile drops). Never raises on bad input: an
    unusable page gives empty title/body, which the schema rejects.
    """
    text = decode_html(html, content_type)[0] if isinstance(html, bytes) else html
    url = _SCHEME.sub(lambda m: m.group(0).lower(), url.strip(), count=1)  # HTTP://… as http://…
    record = Article(url=url, canonical_url=normalize_url(url), site=site_of(url))
    page = _parse(text, url, drop_xpath, tree)
    if page is None:
        return _finish(record)
    _headline(page, record)
    header, anchored = _header_blocks(page.blocks, record.title)
    paragraphs, images = _body_and_credits(page, record, header)
    record.language = detect_language(f"{record.title}\n{record.body}", page.meta.language)
    zone = zone_for(record.site, record.language, timezone)
    record.published_at = find_published(page.meta.published, (header, anchored), url, zone, page.blocks,
                                         page.tree, record.title, page.meta.modified, record.language)
    record.modified_at = next((d for d in (parse_date(v, zone) for v in page.meta.modified) if d), None)
    _links_and_media(page, record, paragraphs, images)
    return _finish(record)


def _parse(text: str, url: str, drop_xpath: tuple[str, ...] | list[str],
           tree: lxml_html.HtmlElement | None = None) -> _Page | None:
    """The one parse of the page (or the caller's), a profile's never-text elements
    taken out, and the leaf blocks every stage reads."""
    squash.cache_clear()  # a page's own texts repeat within it; the last page's only take memory
    if tree is None:
        tree = parse_html(text)
    if tree is None:
        return None
    for xpath in drop_xpath:
        for el in tree.xpath(xpath):
            if isinstance(el, lxml_html.HtmlElement) and el.getparent() is not None:
                el.drop_tree()
    # Built first: holding every element, it keeps their Python proxies alive, so the
    # walks below (and read_meta's) find them instead of making them again.
    order = {el: i for i, el in enumerate(tree.iter())}
    meta = read_meta(tree)
    blocks3 = [(strip_pinyin(text), el, share) for text, el, share in leaf_blocks(tree)]
    return _Page(url=url, tree=tree, meta=meta, blocks3=blocks3,
                 blocks=[(text, el) for text, el, _ in blocks3], keys=[squash(text) for text, _, _ in blocks3],
                 order=order, source=text)


def _headline(page: _Page, record: Article) -> None:
    """title, site_name and description."""
    site_name = clean_value(page.meta.site_name)
    title, suffix_name = choose_title(page.meta, page.tree, site_name, set(page.keys), page.url)
    title = not_the_site_name(title, (site_name, suffix_name, record.site), page.meta, page.tree)
    record.title = without_own_suffix(title, site_name, record.site)
    record.site_name = site_name or suffix_name
    record.description = clean_value(page.meta.description)


def _body_and_credits(
    page: _Page, record: Article, header: list[str]
) -> tuple[list[str], list[tuple[str, str | None]]]:
    """body, kicker, subtitle, byline, editor, source, copyright and authors (``header``:
    the lines under the headline); returns the body's paragraphs and its images."""
    title, blocks, meta = record.title, page.blocks, page.meta
    headline = next((h for h in page.tree.iter("h1") if clean_value(heading_text(h)) == title), None)
    body = extract_body(page.tree, page.url, page.blocks3, page.keys, meta.ld_body, headline,
                        elements=len(page.order), source=page.source)
    link_share = dict(zip(page.keys, (share for _, _, share in page.blocks3), strict=True))
    page.groups = link_groups(page.tree, page.url, page.order)
    paragraphs, notices, editor, source = clean_lines(body.paragraphs, page.groups, link_share, record.site)
    if LEARNED_BODY:
        paragraphs = learned_lines(page.blocks3, paragraphs)
    paragraphs, record.kicker, record.subtitle = _without_headline_echo(paragraphs, blocks, title)
    header_credit = next((c for c in map(byline_line, header) if c), None)
    opening_names = _byline(record, paragraphs, header_credit)

    record.body = "\n".join(dedupe_paragraphs(paragraphs))
    record.editor = editor or editor_line(blocks) or clean_value(meta.editor)
    meta_lines = [line for line in header if is_meta_line(line)]
    record.source = source or next((s for s in map(source_in, meta_lines) if s), None) or clean_value(meta.source)
    record.copyright = clean_value(copyright_notice(blocks) or (notices[0] if notices else None))
    def publisher(name: str) -> bool:
        return is_publisher(name, record.site, record.site_name)

    authors = find_authors(meta, meta_lines, (record.byline, header_credit), paragraphs, opening_names,
                           blocks, page.tree, publisher) or site_owner(page.tree, page.url, record.copyright)
    record.authors = [a for a in authors if not publisher(a)]
    kept = without_author_notes(paragraphs, record.authors)
    if len(kept) < len(paragraphs):
        paragraphs = kept
        record.body = "\n".join(dedupe_paragraphs(paragraphs))
    return paragraphs, body.images


def _without_headline_echo(
    paragraphs: list[str], blocks: list[tuple[str, Any]], title: str
) -> tuple[list[str], str | None, str | None]:
    """The body without the print headline block echoed at its top; ``(paragraphs,
    kicker, subtitle)``, the deck under the headline standing in for a subtitle."""
    paragraphs, kicker, subtitle = strip_headline_echo(paragraphs, title)
    if not subtitle:
        subtitle = find_deck(blocks, title)
        if subtitle and paragraphs and squash(paragraphs[0]) == squash(subtitle):
            if len(SENTENCE_ENDS.findall(subtitle)) >= 2 or len(subtitle) > DECK_MAX_IN_BODY:
                subtitle = None  # a lede paragraph marked "summary", not a deck
            else:
                paragraphs.pop(0)
    return paragraphs, kicker, subtitle


def _byline(record: Article, paragraphs: list[str], header_credit: str | None) -> list[str]:
    """Sets ``byline`` (taking a credit line off the body's top); returns the names of
    a line of names that stands as the byline, if that is what it is.

    A Chinese dateline opening the body (本报讯（记者 ...）, 新华社北京7月24日电), else a
    credit line under the headline ("By ... | Reuters", 記者...／台北報導), else an
    English wire dateline ("SINGAPORE, July 24 (Reuters)")."""
    opening = split_byline(paragraphs[0]) if paragraphs else None
    if paragraphs and not opening and byline_line(paragraphs[0]):
        opening = paragraphs.pop(0)  # a "By ..." line is a credit, not article text
    if opening and (has_han(opening) or opening.lower().startswith("by ")):
        record.byline = opening
    else:
        record.byline = header_credit or opening
    names: list[str] = []
    if not record.byline:  # a line of names under the title (赵延东、风笑天) is the byline
        if record.subtitle and (names := names_line(record.subtitle)):
            record.byline, record.subtitle = record.subtitle, None
        elif paragraphs and (names := names_line(paragraphs[0])):
            record.byline = paragraphs.pop(0)
    return names


def _links_and_media(
    page: _Page, record: Article, paragraphs: list[str], body_images: list[tuple[str, str | None]]
) -> None:
    """related, section, tags, images and the canonical URL."""
    meta, url = page.meta, page.url
    body_keys = {squash(p) for p in paragraphs}
    body_end = max((page.order.get(el, 0) for key, (_, el) in zip(page.keys, page.blocks, strict=True)
                    if key in body_keys), default=None)
    related: dict[str, RelatedLink] = {}
    for item in related_links(page.groups, url, body_end):
        title_text = clean_value(item["title"])
        if title_text and squash(title_text) not in related:  # unique by cleaned title too
            related[squash(title_text)] = RelatedLink(title=title_text, url=item["url"])
    record.related = list(related.values())
    record.section = clean_value(meta.section)
    record.tags = list(dict.fromkeys(t for t in (clean_value(tag) for tag in meta.tags) if t))
    images: dict[str, Image] = {}
    for image_url, caption in [(absolute(url, i), None) for i in meta.images] + body_images:
        if image_url and image_url not in images:
            images[image_url] = Image(url=image_url, caption=clean_value(caption))
    record.images = list(images.values())
    if meta.canonical:
        canonical = absolute(url, meta.canonical)
        if canonical and site_of(canonical) == record.site:
            record.canonical_url = normalize_url(canonical)


def _finish(record: Article) -> dict[str, Any]:
    out = asdict(record)
    out["id"] = record_id(record.canonical_url)
    out["content_hash"] = hashlib.sha256(fingerprint_text(record.body).encode("utf-8")).hexdigest()
    for name in CRAWL_FIELDS:
        out.pop(name, None)
    return out
