"""Hostile pages and servers (the sample site's ``/hostile/`` routes): every case ends
as expected -- archived with its text decoded right, or skipped/dropped with a log
line naming the URL and the reason and a ``newscrawl/<kind>/<reason>`` stat -- the
crawl goes on, and the archive still passes ``scrapy archive verify``.

One crawl fetches every case (seeds, no link following); the tests then look at it
case by case. The helpers here are shared by the other ``test_reliability_*`` files.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import pytest_twisted
from scrapy import signals
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred

import newscrawl.settings as project_settings
from newscrawl.archive.verify import verify_archive
from newscrawl.sample_site.hostile import CASES, Case
from newscrawl.schema import record_errors
from newscrawl.spiders.news import NewsSpider
from tests.conftest import read_archive

#: Small limits so that every hostile case ends quickly: the slow routes answer after
#: 3 s, the huge ones send 20 MiB, the bomb inflates to 64 MiB.
HOSTILE_SETTINGS: dict[str, Any] = {
    "DOWNLOAD_TIMEOUT": 2,
    "DOWNLOAD_MAXSIZE": 256 * 1024,
    "DOWNLOAD_WARNSIZE": 0,
    "RETRY_TIMES": 1,
    "NEWSCRAWL_RETRY_BACKOFF_BASE": 0.05,
    "NEWSCRAWL_RETRY_BACKOFF_MAX": 0.2,
    "NEWSCRAWL_RETRY_AFTER_MAX": 2,
}
OUTCOME = re.compile(r"^(dropped|skipped) (\S+): (\w+)")


class Outcomes(logging.Handler):
    """Every ``dropped URL: reason ...`` / ``skipped URL: reason ...`` log line."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[tuple[str, str, str]] = []  # (kind/reason, url, whole message)

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        match = OUTCOME.match(message)
        if match:
            self.lines.append((f"{match[1]}/{match[3]}", match[2], message))

    def about(self, url: str) -> set[str]:
        """The outcomes of the lines that name ``url`` (as the URL or in the detail)."""
        return {outcome for outcome, _, message in self.lines if url in message}

    def counts(self) -> Counter[str]:
        return Counter(outcome for outcome, _, _ in self.lines)


@contextmanager
def capture_outcomes() -> Iterator[Outcomes]:
    # newscrawl's middlewares and pipelines, the spider ("news") and Scrapy's item
    # drop lines; DEBUG for the routine skips (duplicate URLs, links, depth).
    handler = Outcomes()
    loggers = [logging.getLogger(name) for name in ("newscrawl", "news", "scrapy.core.scraper")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
    loggers[0].setLevel(logging.DEBUG)
    loggers[1].setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.removeHandler(handler)
            lg.setLevel(level)


@dataclass
class CrawlResult:
    archive: Path
    stats: dict[str, Any]
    outcomes: Outcomes
    requested: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return read_archive(self.archive)


class _Recorder:
    def __init__(self, crawler: Any, result: CrawlResult) -> None:
        self.result = result
        self.crawler = crawler
        crawler.signals.connect(self.request_reached, signal=signals.request_reached_downloader)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def request_reached(self, request: Any) -> None:
        self.result.requested.append(request.url)

    def spider_closed(self, spider: Any, reason: str) -> None:
        from newscrawl.extensions import CrawlSummary

        summary = self.crawler.get_extension(CrawlSummary)
        if summary is not None:
            self.result.summary = summary.summary_lines(reason)


def settings_for(archive: Path, **extra: Any) -> dict[str, Any]:
    settings = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}
    settings.pop("TWISTED_REACTOR", None)  # the test session installed the asyncio reactor
    settings.update(NEWSCRAWL_ARCHIVE_DIR=str(archive), AUTOTHROTTLE_ENABLED=False, DOWNLOAD_DELAY=0,
                    LOG_LEVEL="INFO", **HOSTILE_SETTINGS)
    settings.update(extra)
    return settings


async def crawl(archive: Path, settings: dict[str, Any] | None = None, **spider_args: Any) -> CrawlResult:
    """Crawl in process with the hostile settings (in a test: ``await`` it from a
    ``pytest_twisted.ensureDeferred`` test)."""
    crawler = get_crawler(NewsSpider, settings_for(archive, **(settings or {})))
    with capture_outcomes() as outcomes:
        result = CrawlResult(archive, {}, outcomes)
        recorder = _Recorder(crawler, result)
        await crawler.crawl(**spider_args)
    assert recorder  # signals hold weak references
    result.stats = crawler.stats.get_stats()
    return result


def run_crawl(archive: Path, settings: dict[str, Any] | None = None, **spider_args: Any) -> CrawlResult:
    """``crawl`` for fixtures: blocks until the crawl ends."""
    return pytest_twisted.blockon(Deferred.fromCoroutine(crawl(archive, settings, **spider_args)))


def case_url(base: str, case: Case, key: str) -> str:
    return base + case.path.replace("k=case", f"k={key}")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- the crawl of every case -------------------------------------------------------

SEEDED = [c for c in CASES if c.expect != "bounded"]  # traps: test_reliability_traps.py
KEY = uuid.uuid4().hex[:12]  # the flaky routes fail once per key


@pytest.fixture(scope="module")
def hostile_crawl(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    seeds = [case_url(sample_site, c, KEY) for c in SEEDED]
    return run_crawl(tmp_path_factory.mktemp("hostile"), start_urls=",".join(seeds), max_depth="0")


_KNOWN_BUGS: dict[str, str] = {}


def _param(case: Case) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=_KNOWN_BUGS[case.path])] if case.path in _KNOWN_BUGS else []
    return pytest.param(case, id=case.path.removeprefix("/hostile/"), marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in SEEDED])
def test_case_ends_as_expected(hostile_crawl: CrawlResult, sample_site: str, case: Case) -> None:
    url = case_url(sample_site, case, KEY)
    if case.expect == "archived":
        records = [r for r in hostile_crawl.records() if r["url"] == url]
        assert len(records) == 1, (url, hostile_crawl.outcomes.about(url))
        record = records[0]
        assert case.sentence and squash(case.sentence) in squash(record["body"])
        for name in ("title", "body"):
            assert "\ufffd" not in record[name], name
        assert record_errors(record) == []
    else:
        assert case.expect in hostile_crawl.outcomes.about(url), hostile_crawl.outcomes.about(url)
        assert hostile_crawl.stats.get(f"newscrawl/{case.expect}", 0) >= 1


def test_every_outcome_counted_once(hostile_crawl: CrawlResult) -> None:
    # One stat per log line: nothing reported twice (errback and middleware) or silently.
    lines = hostile_crawl.outcomes.counts()
    for outcome, count in lines.items():
        assert hostile_crawl.stats.get(f"newscrawl/{outcome}") == count, outcome
    stats = {k.removeprefix("newscrawl/"): v for k, v in hostile_crawl.stats.items()
             if k.startswith(("newscrawl/dropped/", "newscrawl/skipped/"))}
    assert set(stats) == set(lines)


def test_crawl_goes_on_and_archive_valid(hostile_crawl: CrawlResult) -> None:
    assert hostile_crawl.stats["finish_reason"] == "finished"
    assert not any(k.startswith("spider_exceptions/") for k in hostile_crawl.stats)
    assert hostile_crawl.stats.get("log_count/ERROR", 0) == 0
    report = verify_archive(hostile_crawl.archive)
    assert report.ok, report.lines()
    assert report.records == len([c for c in SEEDED if c.expect == "archived"])


def test_no_request_leaves_the_site(hostile_crawl: CrawlResult, sample_site: str) -> None:
    hosts = {urlsplit(u).hostname for u in hostile_crawl.requested}
    assert hosts == {urlsplit(sample_site).hostname}
    assert all(urlsplit(u).scheme == "http" for u in hostile_crawl.requested)


NOT_RETRIED = ("/hostile/status/404.html", "/hostile/status/410.html")
RETRIED = ("/hostile/status/429.html", "/hostile/status/500.html", "/hostile/status/503.html",
           "/hostile/net/reset.html", "/hostile/broken/dataloss.html", "/hostile/net/slow.html")


@pytest.mark.parametrize("path", NOT_RETRIED)
def test_gone_is_not_retried(hostile_crawl: CrawlResult, sample_site: str, path: str) -> None:
    assert hostile_crawl.requested.count(sample_site + path) == 1


@pytest.mark.parametrize("path", RETRIED)
def test_transient_is_retried_then_dropped(hostile_crawl: CrawlResult, sample_site: str, path: str) -> None:
    assert hostile_crawl.requested.count(sample_site + path) == 1 + HOSTILE_SETTINGS["RETRY_TIMES"]


def test_retries_wait(hostile_crawl: CrawlResult) -> None:
    # Every retry went through the backoff (Retry-After for 429/503, else exponential).
    assert hostile_crawl.stats.get("newscrawl/retry/waits", 0) >= 1
    assert hostile_crawl.stats.get("retry/count", 0) >= len(RETRIED)


@pytest.mark.parametrize("path", ["/hostile/types/report", "/hostile/types/photo"])
def test_non_html_skipped_before_the_body(hostile_crawl: CrawlResult, sample_site: str, path: str) -> None:
    # The 2 MiB body is over DOWNLOAD_MAXSIZE: had it been read, the reason would be too_large.
    assert hostile_crawl.outcomes.about(sample_site + path) == {"skipped/content_type"}
    assert hostile_crawl.stats.get("downloader/exception_type_count/scrapy.exceptions.StopDownload", 0) >= 2


def test_flaky_page_archived_after_one_retry(hostile_crawl: CrawlResult, sample_site: str) -> None:
    url = sample_site + f"/hostile/status/flaky.html?k={KEY}"
    assert hostile_crawl.requested.count(url) == 2
    assert not hostile_crawl.outcomes.about(url)


# --- the routes themselves -----------------------------------------------------------


def test_hostile_routes_not_linked_from_the_sample_site() -> None:
    # The demo, the end-to-end crawls, the sitemaps and the feeds never reach them.
    from tests.conftest import SITE_ROOT

    for path in SITE_ROOT.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                import gzip

                data = gzip.decompress(data)
            assert b"/hostile" not in data, path


def test_every_route_in_the_server_docstring() -> None:
    from newscrawl.sample_site import hostile, server

    doc = server.__doc__ or ""
    for route in hostile.EXACT:
        if route not in ("/", "/index.html"):
            assert hostile.PREFIX + route in doc, route
    for prefix, _ in hostile.PREFIXED:
        assert hostile.PREFIX + prefix in doc, prefix


# --- one decoding: the spider judges the text the extractor reads --------------------


@pytest.fixture(scope="module")
def listing_crawl(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """From the /hostile/ index (a listing), following only its link to the UTF-8 page
    that declares GB2312 and has no og:type: only its prose says it is an article."""
    return run_crawl(tmp_path_factory.mktemp("lying-meta"), start_urls=sample_site + "/hostile/",
                     allow="/hostile/encoding/utf8-meta-gb2312", max_depth="1")


def test_utf8_page_declaring_gb2312_found_on_a_listing_is_archived(listing_crawl: CrawlResult,
                                                                   sample_site: str) -> None:
    from newscrawl.sample_site.hostile import load_texts
    from tests.conftest import SITE_ROOT

    text = load_texts(SITE_ROOT)["simp"]
    url = sample_site + "/hostile/encoding/utf8-meta-gb2312.html"
    records = [r for r in listing_crawl.records() if r["url"] == url]
    assert len(records) == 1, listing_crawl.outcomes.about(url)
    record = records[0]
    assert record["title"] == text.title
    assert squash(text.sentence) in squash(record["body"])
    assert record["discovered_via"] == "link" and record["language"] == "zh-Hans"
    assert listing_crawl.stats["newscrawl/pages/article"] == 1
    assert listing_crawl.stats["newscrawl/pages/listing"] == 1  # the index
