"""Scope and safety: only http(s), no request off the allowed hosts whatever pages
link to or redirect to (retried requests included), robots.txt obeyed, and nothing
from a page -- nor a hostile crawl id -- steers a file outside the archive."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import pytest_twisted
from scrapy import Request
from scrapy.utils.test import get_crawler

from newscrawl.archive.verify import verify_archive
from newscrawl.middlewares import REPORTED, Refused, ScopeMiddleware
from newscrawl.runinfo import crawl_id_of
from newscrawl.spiders.news import NewsSpider
from tests.test_reliability_hostile import crawl, settings_for

# --- links and redirects -----------------------------------------------------------


@pytest_twisted.ensureDeferred
async def test_links_to_other_schemes_and_hosts_are_not_followed(sample_site: str, tmp_path: Path) -> None:
    result = await crawl(tmp_path, start_urls=f"{sample_site}/hostile/links.html", max_depth="1")
    host = urlsplit(sample_site).hostname
    assert {urlsplit(u).hostname for u in result.requested} == {host}
    assert {urlsplit(u).scheme for u in result.requested} == {"http"}
    assert not any(u.endswith((".jpg", ".pdf")) or "/private/" in u for u in result.requested)
    stats = result.stats
    # example.invalid, evil.invalid (protocol-relative), localhost, the look-alike, userinfo
    assert stats.get("newscrawl/skipped/link_offsite") == 5
    assert stats.get("newscrawl/skipped/link_scheme") == 2  # ftp:, file: (javascript: & co never are links)
    assert stats.get("newscrawl/skipped/robots") == 1
    assert stats.get("robotstxt/forbidden") == 1


@pytest.mark.parametrize("path", ["/external-redirect", "/hostile/redirect/offsite.html",
                                  "/hostile/redirect/protocol-relative.html"])
@pytest_twisted.ensureDeferred
async def test_redirect_off_the_site_is_not_followed(path: str, sample_site: str, tmp_path: Path) -> None:
    result = await crawl(tmp_path, start_urls=sample_site + path, max_depth="0")
    assert {urlsplit(u).hostname for u in result.requested} == {urlsplit(sample_site).hostname}
    assert result.stats.get("newscrawl/skipped/offsite") == 1
    lines = [m for outcome, _, m in result.outcomes.lines if outcome == "skipped/offsite"]
    assert len(lines) == 1 and sample_site + path in lines[0]


# --- ScopeMiddleware on its own ----------------------------------------------------


@pytest.fixture
def scope() -> ScopeMiddleware:
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_SCOPE_ENABLED": True, "NEWSCRAWL_MAX_REPEATED_SEGMENTS": 3})
    crawler.spider = NewsSpider.from_crawler(crawler, start_urls="https://news.example.com/")
    return ScopeMiddleware.from_crawler(crawler)


SCOPE = {
    "same host": ("https://news.example.com/2022/07/24/a.html", {}, None),
    "subdomain": ("https://m.news.example.com/a.html", {}, None),
    "other host": ("https://example.org/a.html", {}, "offsite"),
    "other host, dont_filter (a retry's redirect)": ("https://example.org/a.html", {"dont_filter": True}, "offsite"),
    "look-alike host": ("https://news.example.com.evil.invalid/a.html", {}, "offsite"),
    "allow_offsite meta": ("https://example.org/a.html", {"meta": {"allow_offsite": True}}, None),
    "file scheme": ("file:///etc/passwd", {}, "scheme"),
    "ftp scheme": ("ftp://news.example.com/x", {}, "scheme"),
    "repeated segment": ("https://news.example.com/a/loop/loop/loop/loop/", {}, "url_trap"),
    "three repeats are fine": ("https://news.example.com/2022/07/07/07.html", {}, None),
}


@pytest.mark.parametrize("name", list(SCOPE))
def test_scope_middleware(scope: ScopeMiddleware, name: str) -> None:
    url, kwargs, reason = SCOPE[name]
    request = Request(url, **kwargs)
    if reason is None:
        scope.process_request(request)
        return
    with pytest.raises(Refused) as raised:
        scope.process_request(request)
    assert raised.value.reason == reason
    assert request.meta[REPORTED]
    assert scope.crawler.stats.get_value(f"newscrawl/skipped/{reason}") == 1


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/", "javascript:alert(1)", "data:,x"])
def test_spider_refuses_other_schemes_as_seeds(url: str) -> None:
    with pytest.raises(ValueError, match="only http"):
        NewsSpider(start_urls=url)


# --- paths -------------------------------------------------------------------------

_ARCHIVE_FILE = re.compile(
    r"^(articles/date=\d{4}-\d{2}-\d{2}/part-[A-Za-z0-9_.-]+-\d+\.jsonl\.gz"
    r"|runs/[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(?:json|log)"
    r"|warc/date=\d{4}-\d{2}-\d{2}/[A-Za-z0-9_-][A-Za-z0-9_.-]*-\d+\.(?:warc\.gz|cdxj)"
    r"|state/[^/]+)$"
)


def archive_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest_twisted.ensureDeferred
async def test_page_names_never_become_paths(sample_site: str, tmp_path: Path) -> None:
    # The page's site name, title, canonical URL, og:url, author and section all hold
    # ../ or absolute paths; the archive names files by fetch date and crawl id only.
    archive = tmp_path / "archive"
    result = await crawl(archive, start_urls=f"{sample_site}/hostile/escape/2022/07/24/escape.html",
                         max_depth="0")
    [record] = result.records()
    assert record["site_name"].startswith("../") and record["title"].startswith("../")
    assert [p.name for p in tmp_path.iterdir()] == ["archive"]  # nothing beside the archive
    files = archive_files(archive)
    assert files and all(_ARCHIVE_FILE.match(f) for f in files), files
    for path in archive.rglob("*"):
        assert path.resolve().is_relative_to(archive.resolve())
    assert verify_archive(archive).ok


HOSTILE_IDS = ["../../etc/cron.d/x", "a/b", "..\\..\\x", "x\x00y", "/etc/passwd", "~root", "a b", "id;rm -rf",
               "x" * 81, "..", ".hidden"]


@pytest.mark.parametrize("crawl_id", HOSTILE_IDS, ids=repr)
def test_hostile_crawl_id_is_refused(crawl_id: str, tmp_path: Path) -> None:
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_CRAWL_ID": crawl_id, "NEWSCRAWL_STATE_ENABLED": False})
    with pytest.raises(ValueError, match="NEWSCRAWL_CRAWL_ID"):
        crawl_id_of(crawler)


@pytest.mark.parametrize("crawl_id", ["../../etc/cron.d/x", "a/b"])
@pytest_twisted.ensureDeferred
async def test_crawl_with_hostile_id_writes_nothing(crawl_id: str, sample_site: str, tmp_path: Path) -> None:
    # The crawl state takes its lock with the crawl id: building the crawler fails.
    with pytest.raises(ValueError, match="NEWSCRAWL_CRAWL_ID"):
        crawler = get_crawler(NewsSpider, settings_for(tmp_path / "archive", NEWSCRAWL_CRAWL_ID=crawl_id))
        await crawler.crawl(start_urls=f"{sample_site}/hostile/escape/2022/07/24/escape.html")
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


@pytest.mark.parametrize("crawl_id", ["ok-id_1.2", "0.9-x"])
@pytest_twisted.ensureDeferred
async def test_accepted_crawl_id_keeps_archive_valid(crawl_id: str, sample_site: str, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    result = await crawl(archive, {"NEWSCRAWL_CRAWL_ID": crawl_id},
                         start_urls=f"{sample_site}/hostile/escape/2022/07/24/escape.html", max_depth="0")
    assert len(result.records()) == 1
    for path in tmp_path.rglob("*"):
        assert path.resolve().is_relative_to(archive.resolve()) or path == archive
    report = verify_archive(archive)
    assert report.ok, report.lines()
