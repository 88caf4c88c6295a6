"""Sitemaps and feeds -> article links, keeping what Scrapy's SitemapSpider drops
(Google News ``news:publication_date`` and ``news:title``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class Entry:
    """One link found in a sitemap or feed."""

    url: str
    title: str | None = None
    published: str | None = None
    lastmod: str | None = None


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(el: etree._Element, *names: str) -> str | None:
    for child in el.iter():
        if _local(child.tag) in names and child is not el:
            text = (child.text or "").strip()
            if text:
                return text
    return None


def parse_xml(body: bytes) -> etree._Element | None:
    try:
        root = etree.fromstring(body.lstrip(), parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root


def sitemap_kind(root: etree._Element) -> str | None:
    """``index``, ``urlset``, ``rss`` or ``atom``; None for anything else."""
    name = _local(root.tag)
    return {"sitemapindex": "index", "urlset": "urlset", "rss": "rss", "feed": "atom", "RDF": "rss"}.get(name)


def sitemap_index_links(root: etree._Element) -> Iterator[str]:
    for sm in root:
        if _local(sm.tag) == "sitemap":
            loc = _child_text(sm, "loc")
            if loc:
                yield loc


def urlset_entries(root: etree._Element) -> Iterator[Entry]:
    """``<url>`` entries with Google News title and publication date when present."""
    for url_el in root:
        if _local(url_el.tag) != "url":
            continue
        loc = None
        lastmod = title = published = None
        for child in url_el:
            name = _local(child.tag)
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = (child.text or "").strip() or None
            elif name == "news":
                title = _child_text(child, "title")
                published = _child_text(child, "publication_date")
        if loc:
            yield Entry(url=loc, title=title, published=published, lastmod=lastmod)


def feed_entries(root: etree._Element) -> Iterator[Entry]:
    """Items of an RSS 2.0 / RSS 1.0 feed or entries of an Atom feed."""
    for el in root.iter():
        name = _local(el.tag)
        if name == "item":
            link = _child_text(el, "link") or _guid_link(el)
            if link:
                yield Entry(url=link, title=_child_text(el, "title"),
                            published=_child_text(el, "pubDate", "date"))
        elif name == "entry":
            link = None
            for child in el:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                    link = child.get("href")
                    break
            if link:
                yield Entry(url=link.strip(), title=_child_text(el, "title"),
                            published=_child_text(el, "published", "updated"))


def _guid_link(item: etree._Element) -> str | None:
    for child in item:
        if _local(child.tag) == "guid" and child.get("isPermaLink", "true") == "true":
            text = (child.text or "").strip()
            if text.startswith(("http://", "https://")):
                return text
    return None
