"""The extract pipeline reads a FetchedPage's bytes with the encoding the spider chose
for it (``FetchedPage.encoding``): one decision, so the text the spider judged is the
text the extractor reads."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.utils.test import get_crawler

from newscrawl.extract import extract_article
from newscrawl.extract.encoding import decode_as, decode_html
from newscrawl.pages import FetchedPage
from newscrawl.pipelines.extract import ExtractPipeline
from newscrawl.spiders.news import NewsSpider
from tests.conftest import SITE_ROOT, run_inline

WIRE = "/world/2022/07/24/asia-container-freight-rates-ease.html"  # UTF-8, with “quotes”
URL = "http://127.0.0.1" + WIRE


def _pipeline() -> ExtractPipeline:
    return ExtractPipeline.from_crawler(get_crawler(NewsSpider, {"NEWSCRAWL_STATE_ENABLED": False,
                                                                 "NEWSCRAWL_EXTRACT_WORKERS": 0}))


def _record(page: FetchedPage) -> dict[str, Any]:
    return run_inline(_pipeline().process_item(page))  # type: ignore[no-any-return]


def test_pipeline_decodes_with_the_pages_encoding() -> None:
    """The page's own evidence says UTF-8; a FetchedPage that says cp1252 is read as
    cp1252 (“ -> â€œ): the pipeline does not choose again."""
    data = (SITE_ROOT / WIRE.lstrip("/")).read_bytes()
    assert decode_html(data, "text/html; charset=utf-8")[1] == "utf-8"
    record = _record(FetchedPage(url=URL, body=data, content_type="text/html; charset=utf-8", encoding="cp1252"))
    expected = extract_article(decode_as(data, "cp1252"), URL)
    assert "â€œ" in record["body"] and "“" not in record["body"]
    assert (record["title"], record["body"]) == (expected["title"], expected["body"])


def test_pipeline_with_the_spiders_encoding_reads_the_page_right() -> None:
    data = (SITE_ROOT / "tibet/gb/2022-07/24/content_1.htm").read_bytes()  # GBK bytes, <meta> gb2312
    text, encoding = decode_html(data, "text/html")
    assert encoding == "gb18030"
    record = _record(FetchedPage(url="http://127.0.0.1/tibet/gb/2022-07/24/content_1.htm", body=data,
                                 content_type="text/html", encoding=encoding))
    assert "当前疫情防控处於胶着状态" in record["body"]
    assert record["title"] == extract_article(text, "http://127.0.0.1/tibet/gb/2022-07/24/content_1.htm")["title"]


@pytest.mark.parametrize("content_type", ["text/html", "text/html; charset=utf-8"])
def test_page_without_an_encoding_is_decoded_by_the_extractor(content_type: str) -> None:
    """A FetchedPage made without an encoding (built by other code, or by an older
    newscrawl) is decoded by the extractor as before."""
    data = (SITE_ROOT / WIRE.lstrip("/")).read_bytes()
    record = _record(FetchedPage(url=URL, body=data, content_type=content_type))
    assert "“" in record["body"]
    assert record["body"] == extract_article(data, URL, content_type=content_type)["body"]
