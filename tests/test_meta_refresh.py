"""Meta-refresh redirects read from the head of the page (newscrawl's
MetaRefreshMiddleware), not from a second decode of the whole page."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.middlewares import META_REFRESH_HEAD_BYTES, MetaRefreshMiddleware
from newscrawl.spiders.news import NewsSpider
from tests.conftest import SITE_ROOT

ARTICLE = "world/2022/07/24/asia-container-freight-rates-ease.html"
URL = "http://127.0.0.1:8000/" + ARTICLE


def _page(refresh: str | None) -> bytes:
    """A real sample article, padded past the head the middleware reads."""
    data = (SITE_ROOT / ARTICLE).read_bytes()
    if refresh is not None:
        data = data.replace(b"<head>", f'<head><meta http-equiv="refresh" content="{refresh}">'.encode(), 1)
    padding = b"<p>" + "\u8bb0\u8005".encode() * (META_REFRESH_HEAD_BYTES // 3) + b"</p>"
    return data.replace(b"</body>", padding + b"</body>", 1)


@pytest.fixture
def middleware() -> MetaRefreshMiddleware:
    return MetaRefreshMiddleware.from_crawler(get_crawler(NewsSpider))


def _respond(middleware: MetaRefreshMiddleware, body: bytes) -> tuple[HtmlResponse, object]:
    response = HtmlResponse(URL, body=body, headers={"Content-Type": "text/html"})
    return response, middleware.process_response(Request(URL), response)


def test_refresh_in_the_head_of_a_long_page_redirects(middleware: MetaRefreshMiddleware) -> None:
    response, result = _respond(middleware, _page("0; url=/moved/here.html"))
    assert len(response.body) > 2 * META_REFRESH_HEAD_BYTES
    assert isinstance(result, Request) and result.url == "http://127.0.0.1:8000/moved/here.html"


def test_page_without_refresh_is_passed_on_itself(middleware: MetaRefreshMiddleware) -> None:
    response, result = _respond(middleware, _page(None))
    assert result is response  # the whole page, not the head that was read
    assert response._cached_ubody is None  # never decoded here: the spider decodes it, once


def test_a_slow_refresh_is_not_followed(middleware: MetaRefreshMiddleware) -> None:
    response, result = _respond(middleware, _page("600; url=/later.html"))  # METAREFRESH_MAXDELAY is 100 s
    assert result is response


def test_a_short_page_without_refresh_is_not_decoded_at_all(middleware: MetaRefreshMiddleware) -> None:
    """No ``refresh`` in the head's bytes: no decode, not even of the head (an
    undeclared charset would send it through charset-normalizer)."""
    body = (SITE_ROOT / ARTICLE).read_bytes().replace(b"charset=", b"x-charset=")
    assert len(body) < META_REFRESH_HEAD_BYTES * 4 and b"refresh" not in body.lower()
    response = HtmlResponse(URL, body=body, headers={"Content-Type": "text/html"})
    assert middleware.process_response(Request(URL), response) is response
    assert response._cached_ubody is None and response._cached_benc is None


@pytest.mark.parametrize(("encoding", "tag"), [
    ("gb18030", '<META HTTP-EQUIV="Refresh" CONTENT="0; URL=/moved/here.html">'),  # upper case, GBK page
    ("utf-16", '<meta http-equiv="refresh" content="0; url=/moved/here.html">'),  # not ASCII-compatible: read
])
def test_refresh_found_in_any_case_and_in_utf16(middleware: MetaRefreshMiddleware, encoding: str, tag: str) -> None:
    html = f"<html><head>{tag}<title>新闻</title></head><body><p>记者报道。</p></body></html>"
    response = HtmlResponse(URL, body=html.encode(encoding), headers={"Content-Type": f"text/html; charset={encoding}"})
    result = middleware.process_response(Request(URL), response)
    assert isinstance(result, Request) and result.url == "http://127.0.0.1:8000/moved/here.html"
