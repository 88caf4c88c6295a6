"""Tell article pages from listing pages, from the HTML and the URL alone."""

from __future__ import annotations

import json
import re

from parsel import Selector

_ARTICLE_LD = re.compile(
    r'"@type"\s*:\s*\[?\s*"(?:News|Reportage|Analysis|Opinion|Review|Background)?(?:Article|BlogPosting|NewsArticle)"',
    re.I,
)
# Dated paths (/2022/07/24/, /2022-07/24/, /20220724/) and id-like leaves
# (content_12345.htm, /123456.shtml, /a/12345678): the shapes news CMSs use.
_ARTICLE_URL = re.compile(
    r"/(?:19|20)\d{2}[-/_]?(?:0[1-9]|1[0-2])(?:[-/_]?(?:0[1-9]|[12]\d|3[01]))?/|"
    r"(?:content|article|detail|news|doc|t)_?\d{4,}|/\d{5,}(?:\.s?html?|/|$)|"
    r"/[a-z0-9]+(?:-[a-z0-9]+){3,}(?:\.html?)?/?$",
    re.I,
)
_LISTING_URL = re.compile(r"(?:/|index(?:_\d+)?\.s?html?|/list\w*|/page/\d+/?|[?&]page=\d+)$", re.I)
_PROSE_XPATH = (
    "//body//p[not(ancestor::a)] | //body//td[not(descendant::td)]"
    " | //body//div[not(descendant::div) and not(descendant::p)]"
)
_SENTENCE = re.compile(r"[。！？.!?]")


def article_like_url(url: str) -> bool:
    return bool(_ARTICLE_URL.search(url))


def paragraph_chars(sel: Selector) -> int:
    """Characters in paragraphs that read as prose: 40+ characters with a sentence
    end, not link text."""
    total = 0
    for p in sel.xpath(_PROSE_XPATH):
        text = " ".join(p.xpath("./text() | ./*[not(self::a)]//text()").getall()).strip()
        if len(text) >= 40 and _SENTENCE.search(text):
            total += len(text)
    return total


def is_article_page(sel: Selector, url: str, min_chars: int) -> bool:
    """JSON-LD NewsArticle/Article or ``og:type=article`` says so; otherwise an
    article-like URL with ``min_chars`` of prose, or three times that much prose."""
    og_type = (sel.xpath("//meta[@property='og:type']/@content").get() or "").strip().lower()
    if og_type == "article":
        return True
    if og_type == "website" and _LISTING_URL.search(url.split("?")[0]):
        return False
    for script in sel.xpath("//script[@type='application/ld+json']/text()").getall():
        if _ARTICLE_LD.search(script) and _mentions_body(script):
            return True
    prose = paragraph_chars(sel)
    if article_like_url(url):
        return prose >= min_chars
    return prose >= 3 * min_chars


def _mentions_body(script: str) -> bool:
    """An Article object that stands for this page (not a list of teasers)."""
    try:
        data = json.loads(script)
    except ValueError:
        return True
    return not (isinstance(data, dict) and str(data.get("@type", "")).lower() in ("itemlist", "collectionpage"))
