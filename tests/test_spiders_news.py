"""The news spider's page callback: one decoding of the bytes (newscrawl's own),
judged, handed over and searched for links; every page not handed over says why."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from scrapy.exceptions import CloseSpider
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

import newscrawl.settings as project_settings
from newscrawl.extract.encoding import decode_html
from newscrawl.pages import FetchedPage
from newscrawl.sample_site.hostile import article_html, listing_html, load_texts
from newscrawl.spiders.news import NewsSpider
from tests.conftest import SITE_ROOT

BASE = "http://127.0.0.1:8737"
TEXTS = load_texts(SITE_ROOT)


def _spider() -> NewsSpider:
    settings = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}
    settings.pop("TWISTED_REACTOR", None)  # the test session installed the asyncio reactor
    crawler = get_crawler(NewsSpider, {**settings, "NEWSCRAWL_STATE_ENABLED": False})
    return NewsSpider.from_crawler(crawler, start_urls=BASE + "/")


def _parse(spider: NewsSpider, url: str, body: bytes, content_type: str | None, depth: int = 0) -> list[Any]:
    headers = {"Content-Type": content_type} if content_type else {}
    response = HtmlResponse(url, body=body, headers=headers, request=Request(url))
    return list(spider.parse_page(response, via="seed", depth=depth))


def _site(path: str) -> bytes:
    return (SITE_ROOT / path.lstrip("/")).read_bytes()


# A UTF-8 page whose <meta> says GB2312, with nothing but its prose to say "article":
# Scrapy's own decoding reads it as GB2312 (mojibake, no sentences) and calls it a listing.
LYING_META = article_html(TEXTS["simp"], charset_meta="gb2312", og_article=False).encode("utf-8")

PAGES = [
    pytest.param("/hostile/encoding/utf8-meta-gb2312.html", LYING_META, "text/html", "utf-8", id="utf8-meta-gb2312"),
    pytest.param("/tibet/gb/2022-07/24/content_1.htm", _site("/tibet/gb/2022-07/24/content_1.htm"), "text/html",
                 "gb18030", id="gbk-meta-gb2312"),
    pytest.param("/big5/news/2022-07-23/5012.htm", _site("/big5/news/2022-07-23/5012.htm"),
                 "text/html; charset=big5", "big5hkscs", id="big5"),
    pytest.param("/tibet/2022-07/24/content_1.htm", _site("/tibet/2022-07/24/content_1.htm"), "text/html",
                 "utf-8", id="utf8"),
]


@pytest.mark.parametrize(("path", "body", "content_type", "encoding"), PAGES)
def test_article_handed_over_with_the_encoding_it_was_judged_in(path: str, body: bytes, content_type: str,
                                                                  encoding: str) -> None:
    pages = [x for x in _parse(_spider(), BASE + path, body, content_type) if isinstance(x, FetchedPage)]
    assert len(pages) == 1
    assert pages[0].encoding == encoding == decode_html(body, content_type)[1]
    assert pages[0].body == body and pages[0].content_type == content_type


def test_links_read_from_the_same_decoding() -> None:
    """A UTF-8 listing whose <meta> says GB2312 links to a page with a Chinese path:
    the link is the page's UTF-8 path, not a GB2312 misreading of it."""
    page = listing_html("要闻", [("/新闻/2022/07/24/要闻.html", "要闻")]).replace(
        '<meta charset="utf-8">', '<meta charset="gb2312">')
    out = _parse(_spider(), BASE + "/", page.encode("utf-8"), "text/html")
    urls = [r.url for r in out if isinstance(r, Request)]
    assert urls == [BASE + "/%E6%96%B0%E9%97%BB/2022/07/24/%E8%A6%81%E9%97%BB.html"]


LISTINGS = [
    pytest.param("/china/", _site("/china/index.html"), r"og:type=website on a listing URL", id="section"),
    pytest.param("/big5/news/2022-07-20/4930.htm", _site("/big5/news/2022-07-20/4930.htm"),
                 r"\d+ chars of prose, 200 needed on an article-like URL", id="older-story"),
    # The about page under a URL that is neither a listing's nor an article's.
    pytest.param("/about/us.html", _site("/about/index.html"), r"\d+ chars of prose, 600 needed", id="about"),
]


@pytest.mark.parametrize(("path", "body", "reason"), LISTINGS)
def test_listing_says_why_it_is_not_an_article(path: str, body: bytes, reason: str,
                                               caplog: pytest.LogCaptureFixture) -> None:
    import re

    spider = _spider()
    with caplog.at_level(logging.DEBUG, logger="news"):
        out = _parse(spider, BASE + path, body, "text/html")
    assert not [x for x in out if isinstance(x, FetchedPage)]
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("listing ")]
    assert len(lines) == 1, lines
    assert re.fullmatch(rf"listing {re.escape(BASE + path)}: not an article \({reason}\)", lines[0]), lines[0]
    assert spider.crawler.stats.get_value("newscrawl/pages/listing") == 1


def test_listing_line_counts_the_prose_the_page_was_judged_on(caplog: pytest.LogCaptureFixture) -> None:
    from parsel import Selector

    from newscrawl.spiders.pages import paragraph_chars

    body = _site("/about/index.html")
    prose = paragraph_chars(Selector(text=decode_html(body, "text/html")[0]))
    assert 0 < prose < 600
    with caplog.at_level(logging.DEBUG, logger="news"):
        _parse(_spider(), BASE + "/about/us.html", body, "text/html")
    assert f"not an article ({prose} chars of prose, 600 needed" in caplog.text


def test_article_has_no_listing_line(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="news"):
        _parse(_spider(), BASE + "/hostile/encoding/utf8-meta-gb2312.html", LYING_META, "text/html")
    assert "not an article" not in caplog.text


def test_article_past_max_items_says_why(caplog: pytest.LogCaptureFixture) -> None:
    from scrapy.exceptions import CloseSpider

    spider = _spider()
    spider.max_items = 1
    url = BASE + "/hostile/encoding/utf8-meta-gb2312.html"
    assert [x for x in _parse(spider, url, LYING_META, "text/html") if isinstance(x, FetchedPage)]
    with caplog.at_level(logging.DEBUG, logger="news"), pytest.raises(CloseSpider) as closed:
        _parse(spider, url + "?again", LYING_META, "text/html")
    assert closed.value.reason == "max_items"
    assert f"skipped {url}?again: max_items: 1 article handed over" in caplog.text
    assert spider.crawler.stats.get_value("newscrawl/skipped/max_items") == 1


def test_max_items_holds_when_article_callbacks_interleave() -> None:
    """Scrapy consumes a callback's output a few items at a time (CONCURRENT_ITEMS
    workers) and may judge other pages in between: an article's place under max_items
    is taken when it is judged, before its links are yielded, so two articles judged
    while one limit slot is left do not both go to the pipelines."""
    spider = _spider()
    spider.max_depth, spider.max_items = 1, 1
    path = "/tibet/2022-07/24/content_1.htm"
    callbacks = []
    for n in (1, 2):
        url = f"{BASE}{path}?copy={n}"
        response = HtmlResponse(url, body=_site(path), headers={"Content-Type": "text/html"}, request=Request(url))
        callbacks.append(spider.parse_page(response, via="link", depth=0))
    first = next(callbacks[0])  # judged; its first link yielded
    assert isinstance(first, Request)
    with pytest.raises(CloseSpider):
        list(callbacks[1])  # judged while the first is still yielding its links: no place left
    handed = [x for x in callbacks[0] if isinstance(x, FetchedPage)]
    assert len(handed) == 1
    assert spider.crawler.stats.get_value("newscrawl/skipped/max_items") == 1
