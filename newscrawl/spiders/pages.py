"""Tell article pages from listing pages, from the HTML and the URL alone."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from lxml import etree
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
# Compiled once: the judgement runs on every page of a crawl (parsel's per-call
# Selector wrapping of each paragraph's text nodes was most of its cost).
_PROSE = etree.XPath(_PROSE_XPATH)
_PROSE_TEXT = etree.XPath("./text() | ./*[not(self::a)]//text()")
_OG_TYPE = etree.XPath("//meta[@property='og:type']/@content")
_LD_JSON = etree.XPath("//script[@type='application/ld+json']/text()")


def article_like_url(url: str) -> bool:
    return bool(_ARTICLE_URL.search(url))


def paragraph_chars(sel: Selector) -> int:
    """Characters in paragraphs that read as prose: 40+ characters with a sentence
    end, not link text."""
    total = 0
    for p in _PROSE(sel.root):
        text = " ".join(_PROSE_TEXT(p)).strip()
        if len(text) >= 40 and _SENTENCE.search(text):
            total += len(text)
    return total


@dataclass(frozen=True)
class Judgement:
    """Whether a page is an article, and the evidence, for the log line."""

    article: bool
    reason: str
    """What decided: ``og:type=article``, ``JSON-LD Article``, or the prose count
    against the threshold it had to reach."""


def judge_page(sel: Selector, url: str, min_chars: int) -> Judgement:
    """JSON-LD NewsArticle/Article or ``og:type=article`` says so; otherwise an
    article-like URL with ``min_chars`` of prose, or three times that much prose."""
    og_type = (next(iter(_OG_TYPE(sel.root)), None) or "").strip().lower()
    if og_type == "article":
        return Judgement(True, "og:type=article")
    if og_type == "website" and _LISTING_URL.search(url.split("?")[0]):
        return Judgement(False, "og:type=website on a listing URL")
    for script in _LD_JSON(sel.root):
        if _ARTICLE_LD.search(script) and _mentions_body(script):
            return Judgement(True, "JSON-LD Article")
    prose = paragraph_chars(sel)
    if article_like_url(url):
        needed, where = min_chars, " on an article-like URL"
    else:
        needed, where = 3 * min_chars, ""
    if prose >= needed:
        return Judgement(True, f"{prose} chars of prose{where}")
    return Judgement(False, f"{prose} chars of prose, {needed} needed{where}")


def is_article_page(sel: Selector, url: str, min_chars: int) -> bool:
    """``judge_page(...).article``."""
    return judge_page(sel, url, min_chars).article


def _mentions_body(script: str) -> bool:
    """An Article object that stands for this page (not a list of teasers)."""
    try:
        data = json.loads(script)
    except ValueError:
        return True
    return not (isinstance(data, dict) and str(data.get("@type", "")).lower() in ("itemlist", "collectionpage"))
