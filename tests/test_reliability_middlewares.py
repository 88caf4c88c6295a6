"""The reliability components one by one: Retry-After and backoff, the response guard
(content types, empty and binary bodies), failure classification, the undecodable
drop and the end-of-crawl summary."""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    DropItem,
    IgnoreRequest,
    ResponseDataLossError,
    StopDownload,
)
from scrapy.http import Headers, HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.internet import error as txerror
from twisted.python.failure import Failure

from newscrawl.extensions import CrawlSummary
from newscrawl.middlewares import (
    REPORTED,
    RETRY_AT,
    Refused,
    ResponseGuardMiddleware,
    RetryBackoffMiddleware,
    RobotsTxtMiddleware,
    binary_reason,
    classify_failure,
    repeated_segment,
    report_failure,
    retry_after_seconds,
    type_accepted,
)
from newscrawl.pages import FetchedPage
from newscrawl.pipelines import extract as extract_pipeline
from newscrawl.spiders.news import NewsSpider
from tests.conftest import FIXTURES, SITE_ROOT, run_inline

ACCEPTED = ["text/*", "application/xhtml+xml", "application/xml", "application/*+xml", "application/x-gzip",
            "application/gzip", "application/octet-stream"]

# --- Retry-After and backoff -------------------------------------------------------

NOW = datetime(2022, 7, 24, 12, 0, tzinfo=UTC)
RETRY_AFTER = {
    "seconds": ("120", 120.0),
    "zero": ("0", 0.0),
    "http date": (format_datetime(NOW + timedelta(seconds=90), usegmt=True), 90.0),
    "date in the past": (format_datetime(NOW - timedelta(hours=1), usegmt=True), 0.0),
    "absent": (None, None),
    "garbage": ("soon", None),
    "negative": ("-5", None),
}


@pytest.mark.parametrize("name", list(RETRY_AFTER))
def test_retry_after_seconds(name: str) -> None:
    value, expected = RETRY_AFTER[name]
    got = retry_after_seconds(value, now=NOW.timestamp())
    assert got == pytest.approx(expected) if expected is not None else got is None


def backoff_mw(**settings: Any) -> RetryBackoffMiddleware:
    base = {"NEWSCRAWL_RETRY_BACKOFF_ENABLED": True, "NEWSCRAWL_RETRY_BACKOFF_BASE": 1.0,
            "NEWSCRAWL_RETRY_BACKOFF_MAX": 30.0, "NEWSCRAWL_RETRY_AFTER_MAX": 60.0,
            "RETRY_HTTP_CODES": [429, 500, 503], "NEWSCRAWL_STATE_ENABLED": False}
    mw = RetryBackoffMiddleware.from_crawler(get_crawler(NewsSpider, {**base, **settings}))
    mw.rng = random.Random(7)
    return mw


@pytest.mark.parametrize("attempt,low,high", [(1, 0.5, 1.5), (2, 1.0, 3.0), (3, 2.0, 6.0), (9, 30.0, 30.0)])
def test_backoff_doubles_with_jitter_and_cap(attempt: int, low: float, high: float) -> None:
    mw = backoff_mw()
    for _ in range(50):
        assert low <= mw.backoff(attempt) <= high


def test_backoff_base_zero_means_no_wait() -> None:
    assert backoff_mw(NEWSCRAWL_RETRY_BACKOFF_BASE=0).backoff(3) == 0.0


RESPONSES = {
    # status, Retry-After, expected wait (None: no stamp), dont_retry set
    "503 with Retry-After": (503, "7", 7.0, False),
    "429 without Retry-After: backoff": (429, None, "backoff", False),
    "Retry-After too long: not retried": (429, "3600", None, True),
    "404: not a retry code": (404, "7", None, False),
}


@pytest.mark.parametrize("name", list(RESPONSES))
def test_backoff_stamps_retry_time(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    status, retry_after, wait, dont_retry = RESPONSES[name]
    monkeypatch.setattr("newscrawl.middlewares.time.monotonic", lambda: 1000.0)
    mw = backoff_mw()
    request = Request("https://news.example.com/a.html")
    headers = {"Retry-After": retry_after} if retry_after else {}
    mw.process_response(request, Response(request.url, status=status, headers=headers))
    if wait is None:
        assert RETRY_AT not in request.meta
    elif wait == "backoff":
        assert 1000.5 <= request.meta[RETRY_AT] <= 1001.5
    else:
        assert request.meta[RETRY_AT] == 1000.0 + wait
    assert bool(request.meta.get("dont_retry")) is dont_retry


# --- the response guard ------------------------------------------------------------

BINARY = {
    "pdf": b"%PDF-1.4\n" + bytes(100),
    "png": b"\x89PNG\r\n\x1a\n" + bytes(100),
    "jpeg": b"\xff\xd8\xff\xe0" + bytes(100),
    "zip": b"PK\x03\x04" + bytes(100),
    "random bytes": random.Random(1).randbytes(4096),
    "NULs in html": b"<html><body>" + b"\x00" * 200 + b"</body></html>",
}
TEXT = {
    "utf-8 html": "<html><body><p>新闻 news</p></body></html>".encode(),
    "gbk html": "<html><body><p>当前疫情防控处於胶着状态</p></body></html>".encode("gbk"),
    "big5 html": "<html><body><p>目前正值文旦、芒果</p></body></html>".encode("big5"),
    "utf-16 with BOM": "\ufeff<html><body><p>news</p></body></html>".encode("utf-16-le"),
    "gzip sitemap": b"\x1f\x8b\x08\x00" + bytes(50),
    "iso-2022-jp escapes": "<p>ニュース</p>".encode("iso-2022-jp"),
    "form feed and tabs": b"<pre>\x0c\ta\tb\r\n</pre>",
    "empty": b"",
}


@pytest.mark.parametrize("name", list(BINARY))
def test_binary_bodies_detected(name: str) -> None:
    assert binary_reason(BINARY[name]) is not None


@pytest.mark.parametrize("name", list(TEXT))
def test_text_bodies_pass(name: str) -> None:
    assert binary_reason(TEXT[name]) is None


REAL_PAGES = sorted([*SITE_ROOT.rglob("*.htm*"), *FIXTURES.rglob("page.html")])


@pytest.mark.parametrize("path", REAL_PAGES, ids=lambda p: p.relative_to(p.parents[3]).as_posix())
def test_real_pages_are_not_binary(path: Path) -> None:
    assert binary_reason(path.read_bytes()) is None


TYPES = {
    "text/html": True, "text/plain": True, "application/xhtml+xml": True, "application/rss+xml": True,
    "application/atom+xml": True, "application/xml": True, "application/x-gzip": True,
    "application/octet-stream": True, "": True,
    "application/pdf": False, "image/jpeg": False, "image/svg+xml": False, "video/mp4": False,
    "application/zip": False, "application/msword": False, "font/woff2": False,
}


@pytest.mark.parametrize("media_type", list(TYPES))
def test_content_types(media_type: str) -> None:
    assert type_accepted(media_type, ACCEPTED) is TYPES[media_type]


@pytest.mark.parametrize("path,limit,expected", [
    ("/a/b/c/", 3, None), ("/x/x/x/", 3, None), ("/x/x/x/x/", 3, "x"), ("/a/b/a/b/a/b/a/b", 3, "a"),
    ("/2022/07/07/07.html", 3, None), ("", 3, None),
])
def test_repeated_segment(path: str, limit: int, expected: str | None) -> None:
    assert repeated_segment(path, limit) == expected


@pytest.fixture
def guard() -> ResponseGuardMiddleware:
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_RESPONSE_GUARD_ENABLED": True, "NEWSCRAWL_STATE_ENABLED": False,
                                       "NEWSCRAWL_ACCEPT_CONTENT_TYPES": ACCEPTED})
    return ResponseGuardMiddleware.from_crawler(crawler)


GUARDED = {
    "html page": (200, "text/html; charset=utf-8", b"<html><p>hi</p></html>", {}, None),
    "empty 200": (200, "text/html", b"", {}, "dropped/empty_body"),
    "binary as text/html": (200, "text/html", BINARY["random bytes"], {}, "dropped/binary_body"),
    "pdf as octet-stream": (200, "application/octet-stream", BINARY["pdf"], {}, "dropped/binary_body"),
    "pdf by type": (200, "application/pdf", BINARY["pdf"], {}, "skipped/content_type"),
    "404 left to the errback": (404, "text/html", b"", {}, None),
    "redirect to file:": (302, "text/html", b"", {"Location": "file:///etc/passwd"}, "skipped/scheme"),
    "robots.txt not judged": (200, "text/plain", b"", {"meta": {"dont_obey_robotstxt": True}}, None),
}


@pytest.mark.parametrize("name", list(GUARDED))
def test_response_guard(guard: ResponseGuardMiddleware, name: str) -> None:
    status, ctype, body, extra, outcome = GUARDED[name]
    request = Request("https://news.example.com/a.html", meta=extra.get("meta", {}))
    headers = {"Content-Type": ctype, **{k: v for k, v in extra.items() if k != "meta"}}
    response = Response(request.url, status=status, headers=headers, body=body, request=request)
    if outcome is None:
        assert guard.process_response(request, response) is response
        return
    with pytest.raises(Refused):
        guard.process_response(request, response)
    assert guard.crawler.stats.get_value(f"newscrawl/{outcome}") == 1
    assert request.meta[REPORTED]


@pytest.mark.parametrize("ctype,stops", [("application/pdf", True), ("image/png", True), ("text/html", False),
                                         (None, False)])
def test_content_type_decided_on_headers(guard: ResponseGuardMiddleware, ctype: str | None, stops: bool) -> None:
    request = Request("https://news.example.com/report")
    headers = Headers({"Content-Type": ctype} if ctype else {})
    if stops:
        with pytest.raises(StopDownload):
            guard.headers_received(headers, 2_000_000, request, None)
        assert guard.crawler.stats.get_value("newscrawl/skipped/content_type") == 1
    else:
        guard.headers_received(headers, 2_000_000, request, None)


def test_redirect_headers_not_judged(guard: ResponseGuardMiddleware) -> None:
    headers = Headers({"Content-Type": "image/png", "Location": "/elsewhere.html"})
    guard.headers_received(headers, 0, Request("https://news.example.com/a"), None)


# --- failures --------------------------------------------------------------------------

_REQ = Request("https://news.example.com/a.html")


def _http_error(status: int) -> Exception:
    return HttpError(HtmlResponse(_REQ.url, status=status, request=_REQ), "ignored")


FAILURES: dict[str, tuple[Exception, str | None]] = {
    "404": (_http_error(404), "dropped/http_404"),
    "410": (_http_error(410), "dropped/http_410"),
    "503": (_http_error(503), "dropped/http_503"),
    "timeout": (DownloadTimeoutError("took longer than 2 seconds"), "dropped/timeout"),
    "twisted timeout": (txerror.TimeoutError(), "dropped/timeout"),
    "refused": (DownloadConnectionRefusedError("refused"), "dropped/connection_error"),
    "lost": (txerror.ConnectionLost(), "dropped/connection_error"),
    "reset": (ConnectionResetError(104, "reset"), "dropped/connection_error"),
    "dns": (CannotResolveHostError("no such host"), "dropped/dns_error"),
    "data loss": (ResponseDataLossError(), "dropped/data_loss"),
    "too large": (DownloadCancelledError("Expected to receive 2000000 bytes"), "dropped/too_large"),
    "gzip bomb": (IgnoreRequest("Ignored response <200 x> because its body (1 B compressed, 9 B decompressed so "
                                "far) exceeded DOWNLOAD_MAXSIZE (8 B) during decompression."), "dropped/too_large"),
    "robots": (IgnoreRequest("Forbidden by robots.txt"), "skipped/robots"),
    "redirects": (IgnoreRequest("max redirections reached"), "dropped/too_many_redirects"),
    "already reported": (Refused("skipped", "offsite", _REQ.url), None),
    "already archived (SkipSeen counts it)": (IgnoreRequest(f"already archived: {_REQ.url}"), "skipped/seen"),
    "anything else": (ValueError("boom"), "dropped/download_error"),
}


@pytest.mark.parametrize("name", list(FAILURES))
def test_classify_failure(name: str) -> None:
    exc, expected = FAILURES[name]
    verdict = classify_failure(Failure(exc), Request(_REQ.url))
    assert (f"{verdict[0]}/{verdict[1]}" if verdict else None) == expected


def test_report_failure_logs_url_reason_and_origin(caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_STATE_ENABLED": False})
    request = Request("https://news.example.com/chain/6.html",
                      meta={"redirect_urls": ["https://news.example.com/chain/1.html"], "retry_times": 1})
    failure = Failure(DownloadTimeoutError("slow"))
    failure.request = request  # type: ignore[attr-defined]  # as Scrapy sets it for errbacks
    with caplog.at_level(logging.INFO, logger="newscrawl"):
        report_failure(crawler, failure)
        report_failure(crawler, failure)  # a second time: already reported
    assert crawler.stats.get_value("newscrawl/dropped/timeout") == 1
    [line] = [r.getMessage() for r in caplog.records]
    assert line.startswith("dropped https://news.example.com/chain/6.html: timeout: ")
    assert "after 1 retry" in line and "redirected from https://news.example.com/chain/1.html" in line


def test_seen_is_logged_not_counted_twice(caplog: pytest.LogCaptureFixture) -> None:
    # SkipSeenMiddleware counts newscrawl/skipped/seen itself; the errback adds the line.
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_STATE_ENABLED": False})
    failure = Failure(IgnoreRequest(f"already archived: {_REQ.url}"))
    failure.request = Request(_REQ.url)  # type: ignore[attr-defined]
    with caplog.at_level(logging.DEBUG, logger="newscrawl"):
        report_failure(crawler, failure)
    assert crawler.stats.get_value("newscrawl/skipped/seen") is None
    assert [r.getMessage() for r in caplog.records] == [f"skipped {_REQ.url}: seen: already in the archive"]


# --- pipeline and summary ------------------------------------------------------------


@pytest.mark.parametrize("body,dropped", [("\ufffd" * 5 + "x" * 95, True), ("\ufffd" + "x" * 199, False),
                                          ("清" * 100, False)])
def test_undecodable_body_dropped(body: str, dropped: bool) -> None:
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_STATE_ENABLED": False, "NEWSCRAWL_MAX_REPLACEMENT_SHARE": 0.01,
                                       "NEWSCRAWL_EXTRACT_WORKERS": 0,
                                       "NEWSCRAWL_EXTRACT_FUNCTION": "tests.extract_functions.text_as_body"})
    pipeline = extract_pipeline.ExtractPipeline.from_crawler(crawler)
    page = FetchedPage(url="https://news.example.com/a.html", body=body.encode(), text=body)
    if dropped:
        with pytest.raises(DropItem, match="undecodable"):
            run_inline(pipeline.process_item(page))
        assert crawler.stats.get_value("newscrawl/dropped/undecodable") == 1
    else:
        with pytest.raises(KeyError):  # past the check: the record lacks the other fields
            run_inline(pipeline.process_item(page))


def test_summary_lists_every_reason_with_its_count() -> None:
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_STATE_ENABLED": False})
    for key, value in {"newscrawl/dropped/http_404": 3, "newscrawl/dropped/timeout": 1,
                       "newscrawl/skipped/robots": 2, "retry/count": 4, "newscrawl/retry/wait_ms": 1500}.items():
        crawler.stats.set_value(key, value)
    lines = CrawlSummary(crawler).summary_lines("finished")
    assert "dropped: 4" in lines and "  dropped/http_404: 3" in lines and "  dropped/timeout: 1" in lines
    assert "skipped: 2" in lines and "  skipped/robots: 2" in lines
    assert any(line.startswith("retries: 4 (waited 1.5 s") for line in lines)


def test_guard_sees_final_decompressed_responses() -> None:
    # Inside RetryMiddleware (550) and HttpCompressionMiddleware (590): the guard
    # judges the response the spider would get; the backoff sits just outside retry.
    from newscrawl.settings import DOWNLOADER_MIDDLEWARES

    assert DOWNLOADER_MIDDLEWARES["newscrawl.middlewares.ResponseGuardMiddleware"] < 550 < 590
    assert 550 < DOWNLOADER_MIDDLEWARES["newscrawl.middlewares.RetryBackoffMiddleware"] < 580


# --- robots.txt that cannot be fetched ----------------------------------------------

ROBOTS_FAILURES = [
    (CannotResolveHostError("example.invalid"), "dns_error"),
    (txerror.DNSLookupError("example.invalid"), "dns_error"),
    (txerror.ConnectionLost(), "connection_error"),
    (DownloadConnectionRefusedError(), "connection_error"),
    (DownloadTimeoutError("took longer than 30 seconds"), "timeout"),
]


@pytest.mark.parametrize(("exception", "reason"), ROBOTS_FAILURES, ids=[r for _, r in ROBOTS_FAILURES])
def test_robots_txt_failure_is_one_warning(exception: Exception, reason: str, caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler(NewsSpider, {"ROBOTSTXT_OBEY": True})
    mw = RobotsTxtMiddleware.from_crawler(crawler)
    robots = Request("http://example.invalid/robots.txt", meta={"dont_obey_robotstxt": True})
    with caplog.at_level(logging.DEBUG, logger="newscrawl"), pytest.raises(Refused):
        mw.process_exception(robots, exception)
    assert crawler.stats.get_value("newscrawl/dropped/robots_txt") == 1
    [line] = [r for r in caplog.records if "robots.txt" in r.getMessage()]
    assert line.levelno == logging.WARNING and f"robots_txt: {reason}" in line.getMessage()
    assert "crawled as if it had no robots.txt" in line.getMessage()


def test_robots_txt_middleware_leaves_other_requests_alone() -> None:
    crawler = get_crawler(NewsSpider, {"ROBOTSTXT_OBEY": True})
    mw = RobotsTxtMiddleware.from_crawler(crawler)
    page = Request("http://example.invalid/robots.txt.html")
    assert mw.process_exception(page, txerror.ConnectionLost()) is None
    assert mw.process_exception(Request("http://example.invalid/a.html", meta={"dont_obey_robotstxt": True}),
                                txerror.ConnectionLost()) is None
    assert crawler.stats.get_value("newscrawl/dropped/robots_txt") is None
