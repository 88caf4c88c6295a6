"""Structured metadata of a page: JSON-LD, OpenGraph, ``<meta>`` tags, ``<title>``."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newscrawl.extract.scripts import live_blog_text

ARTICLE_TYPES = frozenset({
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
    "scholarlyarticle", "techarticle", "report",
})

# <meta name/property=...> keys per field, in order of trust.
META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "headline", "title", "dc.title"),
    "description": ("description", "og:description", "twitter:description", "dc.description"),
    "site_name": ("og:site_name", "application-name", "apple-mobile-web-app-title", "sitename"),
    "published": (
        "article:published_time", "og:article:published_time", "datepublished", "publishdate",
        "publish-date", "publish_date", "pubdate", "publication_date", "sailthru.date",
        "parsely-pub-date", "dc.date.issued", "dc.date", "date", "citation_publication_date",
        "weibo:article:create_at", "firstpublishedtime", "article.published",
    ),
    "modified": ("article:modified_time", "og:updated_time", "datemodified", "lastmodified",
                 "last-modified", "dc.date.modified", "weibo:article:update_at"),
    "authors": ("author", "article:author", "og:article:author", "dc.creator", "byl",
                "parsely-author", "sailthru.author"),
    "section": ("article:section", "og:article:section", "section", "category",
                "parsely-section", "columnname", "catalogs"),
    "tags": ("article:tag", "og:article:tag", "keywords", "news_keywords", "parsely-tags"),
    "source": ("source", "contentsource", "copyrightsource", "mediaid"),
    "editor": ("editor", "responsibleeditor"),
    "image": ("og:image", "og:image:url", "twitter:image", "twitter:image:src"),
    "type": ("og:type",),
    "language": ("og:locale", "language", "content-language", "dc.language"),
}


@dataclass
class PageMeta:
    """What a page says about itself in markup, before any visible-text evidence."""

    title: str | None = None
    html_title: str | None = None
    description: str | None = None
    site_name: str | None = None
    published: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    #: The Twitter card's "Written by" name: the CMS account that posted the page, the
    #: weakest evidence of the writer (see card_writer).
    card_authors: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    source: str | None = None
    editor: str | None = None
    images: list[str] = field(default_factory=list)
    canonical: str | None = None
    language: str | None = None
    og_type: str | None = None
    is_article_ld: bool = False
    ld_body: str | None = None


def _texts(value: Any) -> list[str]:
    """Strings from a JSON-LD value that may be a string, an object with ``name`` or a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return _texts(value.get("name") or value.get("@value") or value.get("url"))
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, (int, float)):
        return [str(value)]
    return []


def _person_names(value: Any) -> list[str]:
    """The names of the objects typed Person in a JSON-LD value (a WebPage's ``author``:
    an Organization there is the publisher)."""
    values = value if isinstance(value, list) else [value]
    return [t for v in values if isinstance(v, dict) and "person" in _types(v) for t in _texts(v.get("name"))]


def _ld_objects(tree: lxml_html.HtmlElement) -> list[dict[str, Any]]:
    objs: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # trailing commas and control characters are common in the wild
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
            except ValueError:
                continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                objs.append(node)
                if "@graph" in node:
                    stack.append(node["@graph"])
                if isinstance(node.get("mainEntity"), (dict, list)):
                    stack.append(node["mainEntity"])
    return objs


def _types(obj: dict[str, Any]) -> set[str]:
    return {t.lower() for t in _texts(obj.get("@type"))}


def _meta_tags(tree: lxml_html.HtmlElement) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop")
               or meta.get("http-equiv") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content:
            tags.setdefault(key, []).append(content)
    return tags


def _first(tags: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in tags:
            return tags[key][0]
    return None


#: Google Scholar's author tags: one per author (or ';'-joined in one), each often
#: "Last, First" (arxiv's "Roy, Aniruddha"; "Kaufman, Jeff T.").
CITATION_AUTHOR_KEYS = ("citation_author", "citation_authors")
_LAST_FIRST = re.compile(r"^\s*(?P<last>[^\W\d_][\w'’. -]*?)\s*,\s*(?P<first>[^\W\d_][\w'’. -]*?)\s*$")


def citation_names(value: str) -> list[str]:
    """The names in a citation_author(s) tag, "Last, First" turned to "First Last":
    "Roy, Aniruddha" -> ["Aniruddha Roy"], "Huberty, Jennifer; Green, Jeni" -> both."""
    names = []
    for part in value.split(";"):
        match = _LAST_FIRST.match(part)
        names.append(f"{match['first']} {match['last']}" if match else part.strip())
    return [n for n in names if n]


#: The Twitter card's label/data pairs (twitter:label1 "Written by", twitter:data1
#: "Nawaz Dhandala") that SEO plugins (Yoast, The SEO Framework) write from the post's
#: author account, which is not always the byline's writer (docker.com: the card names
#: the poster, the byline another): read only when nothing on the page names one.
_CARD_WRITER_LABEL = re.compile(r"^(?:written|posted)\s+by$|^author$", re.I)


def card_writer(tags: dict[str, list[str]]) -> list[str]:
    """The writer a Twitter card's "Written by" label pair gives, or []."""
    for key, labels in tags.items():
        if key.startswith("twitter:label") and any(_CARD_WRITER_LABEL.match(v.strip()) for v in labels):
            return tags.get("twitter:data" + key[len("twitter:label"):], [])[:1]
    return []


def _all(tags: dict[str, list[str]], keys: tuple[str, ...]) -> list[str]:
    return [v for key in keys for v in tags.get(key, [])]


_TAG_SPLIT = re.compile(r"[,，;；、|｜]")
_MARKUP = re.compile(r"<[^>]{0,500}>")


#: A keyword longer than 100 characters is a sentence, not a tag. Set by hand with the
#: tag split (commit 4e54ccf), not swept.
TAG_MAX_CHARS = 100


def split_tags(values: list[str]) -> list[str]:
    """Keywords as separate tags: "a, b; c" and ["a,b", "c"] alike, each once
    (case-insensitively), in the page's order."""
    out: dict[str, str] = {}
    for value in values:
        for tag in _TAG_SPLIT.split(plain_text(value) or ""):
            tag = tag.strip(" \t#\"'")
            if tag and len(tag) <= TAG_MAX_CHARS:
                out.setdefault(tag.casefold(), tag)
    return list(out.values())


def plain_text(value: str | None) -> str | None:
    """Text from a metadata value that may hold escaped entities or markup
    (``&amp;quot;``, ``<p>Summary</p>``): entities decoded, tags removed."""
    if not value:
        return None
    for _ in range(2):  # escaped twice over by some CMSs: &amp;amp;
        if "&" not in value:
            break
        value = html.unescape(value)
    if "<" in value:
        value = _MARKUP.sub(" ", value)
    return " ".join(value.split()) or None


def _date_marked(tree: lxml_html.HtmlElement) -> Iterator[lxml_html.HtmlElement]:
    """Dates marked up in the visible page, in document order: itemprop, <time pubdate>,
    hAtom's abbr.published and any class "published" with a datetime or title. The
    XPath union (``//*[@itemprop='datePublished'] | //time[@pubdate] | ...``) says the
    same; tested in Python over the live element proxies it costs half as much."""
    for el in tree.iter(etree.Element):
        get = el.get
        if get("itemprop") == "datePublished" or (el.tag == "time" and get("pubdate") is not None):
            yield el
            continue
        cls = get("class")
        if (cls is not None and " published " in f" {cls} "
                and (el.tag == "abbr" or get("datetime") is not None or get("title") is not None)):
            yield el


def read_meta(tree: lxml_html.HtmlElement) -> PageMeta:
    meta = PageMeta()
    tags = _meta_tags(tree)
    title_el = tree.find(".//title")
    if title_el is not None:
        meta.html_title = title_el.text_content().strip() or None

    ld_objects = _ld_objects(tree)
    page_authors: list[str] = []  # a WebPage's Person author, when no article object names one
    for obj in ld_objects:
        types = _types(obj)
        if types & ARTICLE_TYPES:
            meta.is_article_ld = True
            meta.title = meta.title or next(iter(_texts(obj.get("headline") or obj.get("name"))), None)
            meta.description = meta.description or next(iter(_texts(obj.get("description"))), None)
            meta.published += _texts(obj.get("datePublished") or obj.get("dateCreated"))
            meta.modified += _texts(obj.get("dateModified"))
            meta.authors += _texts(obj.get("author") or obj.get("creator"))
            meta.section = meta.section or next(iter(_texts(obj.get("articleSection"))), None)
            meta.tags += split_tags(_texts(obj.get("keywords")))
            meta.images += _texts(obj.get("image"))
            publisher = _texts(obj.get("publisher"))
            meta.site_name = meta.site_name or (publisher[0] if publisher else None)
            meta.language = meta.language or next(iter(_texts(obj.get("inLanguage"))), None)
            body = obj.get("articleBody")
            if isinstance(body, str) and body.strip():
                meta.ld_body = body
        elif "webpage" in types and not meta.authors:
            page_authors += _person_names(obj.get("author"))
        elif types & {"website", "organization", "newsmediaorganization"}:
            names = _texts(obj.get("name"))
            if names and "website" in types:
                meta.site_name = meta.site_name or names[0]
    meta.ld_body = live_blog_text(ld_objects) or meta.ld_body
    meta.authors = meta.authors or page_authors

    meta.title = meta.title or _first(tags, META_KEYS["title"])
    meta.description = plain_text(meta.description or _first(tags, META_KEYS["description"]))
    meta.site_name = meta.site_name or _first(tags, META_KEYS["site_name"])
    meta.published += _all(tags, META_KEYS["published"])
    meta.modified += _all(tags, META_KEYS["modified"])
    if not meta.authors:
        meta.authors = _all(tags, META_KEYS["authors"])
        meta.authors += [n for v in _all(tags, CITATION_AUTHOR_KEYS) for n in citation_names(v)]
    meta.card_authors = card_writer(tags)
    meta.section = meta.section or _first(tags, META_KEYS["section"])
    if not meta.tags:
        meta.tags = split_tags(_all(tags, META_KEYS["tags"]))
    meta.source = _first(tags, META_KEYS["source"])
    meta.editor = _first(tags, META_KEYS["editor"])
    meta.images += _all(tags, META_KEYS["image"])
    meta.og_type = (_first(tags, META_KEYS["type"]) or "").lower() or None
    meta.language = meta.language or (tree.get("lang") or tree.get("xml:lang") or "").strip() or None
    meta.language = meta.language or _first(tags, META_KEYS["language"])

    for el in _date_marked(tree):
        value = el.get("content") or el.get("datetime") or el.get("title")
        if value:
            meta.published.append(value.strip())
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            meta.canonical = link.get("href").strip()
            break
    return meta
