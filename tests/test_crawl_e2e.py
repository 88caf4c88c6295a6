"""End-to-end crawls of the sample site: in process (get_crawler) and as the real
``scrapy crawl news`` command; the archive is read back and checked."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import pytest_twisted
from scrapy import signals
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred

import newscrawl.settings as project_settings
from newscrawl.schema import record_errors
from newscrawl.spiders.news import NewsSpider
from tests.conftest import read_archive

REQUIRED = ("title", "body", "url", "published_at")


def settings_for(archive: Path, **extra: Any) -> dict[str, Any]:
    settings = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}
    settings.pop("TWISTED_REACTOR", None)  # the test session installed the asyncio reactor
    settings.update(
        NEWSCRAWL_ARCHIVE_DIR=str(archive), AUTOTHROTTLE_ENABLED=False, DOWNLOAD_DELAY=0,
        LOG_LEVEL="INFO", **extra,
    )
    return settings


class Recorder:
    """Collects what a crawl scraped and every URL it requested (signals hold weak
    references, so the collector is an object the test keeps alive)."""

    def __init__(self, crawler: Any) -> None:
        self.items: list[dict[str, Any]] = []
        self.requested: list[str] = []
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.request_reached, signal=signals.request_reached_downloader)

    def item_scraped(self, item: Any) -> None:
        self.items.append(dict(item))

    def request_reached(self, request: Any) -> None:
        self.requested.append(request.url)


async def crawl(archive: Path, **spider_args: Any) -> tuple[Recorder, Any]:
    crawler = get_crawler(NewsSpider, settings_for(archive))
    recorder = Recorder(crawler)
    await crawler.crawl(**spider_args)
    return recorder, crawler


def article_paths(manifest: dict[str, Any]) -> set[str]:
    return {a["path"] for a in manifest["articles"]}


@pytest.fixture(scope="module")
def full_crawl(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    archive = tmp_path_factory.mktemp("archive")
    result: dict[str, Any] = {}

    async def run() -> None:
        recorder, crawler = await crawl(
            archive,
            start_urls=f"{sample_site}/,{sample_site}/old-url.html,{sample_site}/missing.html",
            sitemap_urls=f"{sample_site}/sitemap.xml",
            feed_urls=f"{sample_site}/rss.xml,{sample_site}/atom.xml",
        )
        result.update(recorder=recorder, stats=crawler.stats.get_stats(), archive=archive)

    pytest_twisted.blockon(Deferred.fromCoroutine(run()))
    return result


def test_every_article_archived_once(full_crawl: dict[str, Any], site_manifest: dict[str, Any]) -> None:
    records = read_archive(full_crawl["archive"])
    paths = [urlsplit(r["url"]).path for r in records]
    assert sorted(paths) == sorted(article_paths(site_manifest))
    assert len({r["id"] for r in records}) == len(records)


def test_records_valid_and_complete(full_crawl: dict[str, Any]) -> None:
    records = read_archive(full_crawl["archive"])
    assert len(records) >= 10
    for record in records:
        assert record_errors(record) == [], record["url"]
        for field in REQUIRED:
            assert record[field], (record["url"], field)
        assert record["crawl_id"] and record["fetched_at"].endswith("+00:00")


def test_no_listing_page_archived(full_crawl: dict[str, Any], site_manifest: dict[str, Any]) -> None:
    listings = {item["path"] if isinstance(item, dict) else item for item in site_manifest["listings"]}
    paths = {urlsplit(r["url"]).path for r in read_archive(full_crawl["archive"])}
    assert not paths & listings
    assert "/about/" not in paths


def test_scope_robots_and_errors(full_crawl: dict[str, Any], sample_site: str) -> None:
    requested = full_crawl["recorder"].requested
    host = urlsplit(sample_site).hostname
    assert requested, "the crawl requested nothing"
    assert {urlsplit(u).hostname for u in requested} == {host}
    assert not any("/private/" in u for u in requested)  # robots.txt Disallow
    stats = full_crawl["stats"]
    assert stats.get("downloader/response_status_count/404", 0) >= 1
    assert stats.get("downloader/response_status_count/301", 0) >= 1
    assert stats.get("newscrawl/skipped/link_offsite", 0) >= 1  # the site links off-host; none followed


def test_discovered_via(full_crawl: dict[str, Any], site_manifest: dict[str, Any]) -> None:
    by_path = {urlsplit(r["url"]).path: r["discovered_via"] for r in read_archive(full_crawl["archive"])}
    assert by_path["/china/2022-07-24/doc-imizirav5123789.shtml"] == "feed"  # only in rss.xml
    assert by_path["/big5/news/2022-07-23/5012.htm"] == "sitemap"  # only in the gzip sitemap
    # Every other article is in a sitemap or feed *and* linked from a listing: which
    # source reaches it first is a race (under load the sitemaps win them all), so only
    # the vocabulary is fixed here; a link-only article is test_reliability_hostile's.
    assert "sitemap" in by_path.values()
    assert set(by_path.values()) <= {"seed", "link", "sitemap", "feed"}


def test_manifest_matches_files(full_crawl: dict[str, Any]) -> None:
    archive = full_crawl["archive"]
    manifests = list((archive / "runs").glob("*.json"))
    assert len(manifests) == 1
    manifest = json.loads(manifests[0].read_text("utf-8"))
    assert manifest["finish_reason"] == "finished"
    assert manifest["files"], "no files in the manifest"
    total = 0
    for entry in manifest["files"]:
        path = archive / entry["path"]
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert len(data) == entry["bytes"]
        lines = gzip.decompress(data).decode("utf-8").splitlines()
        assert len(lines) == entry["records"]
        total += entry["records"]
    assert total == manifest["records"] == len(read_archive(archive))
    assert not list(archive.rglob("*.tmp"))


def test_article_responses_captured_by_default(full_crawl: dict[str, Any]) -> None:
    """NEWSCRAWL_WARC_ENABLED is on by default: each archived record names its page's
    response record; only article pages are kept (NEWSCRAWL_WARC_ALL is off)."""
    from warcio.archiveiterator import ArchiveIterator

    archive = full_crawl["archive"]
    records = read_archive(archive)
    responses: dict[str, str] = {}
    for path in archive.glob("warc/date=*/*.warc.gz"):
        with open(path, "rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type == "response":
                    responses[rec.rec_headers.get_header("WARC-Record-ID")] = path.relative_to(archive).as_posix()
    assert len(responses) == len(records) == full_crawl["stats"]["newscrawl/warc/pages"]
    for record in records:
        assert record["schema_version"] == 2
        assert responses[record["warc_record_id"]] == record["warc_file"]
    assert full_crawl["stats"]["newscrawl/warc/cpu_ms"] > 0


def test_crawl_by_real_command(sample_site: str, tmp_path: Path, site_manifest: dict[str, Any]) -> None:
    archive = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={sample_site}/",
         "-a", f"sitemap_urls={sample_site}/sitemap.xml",
         "-a", f"feed_urls={sample_site}/rss.xml,{sample_site}/atom.xml",
         "-s", f"NEWSCRAWL_ARCHIVE_DIR={archive}", "-s", "AUTOTHROTTLE_ENABLED=False",
         "-s", "DOWNLOAD_DELAY=0"],
        capture_output=True, text=True, timeout=240, cwd=Path(__file__).resolve().parents[1],
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "crawl summary" in proc.stderr
    records = read_archive(archive)
    assert {urlsplit(r["url"]).path for r in records} == article_paths(site_manifest)
    assert all(record_errors(r) == [] for r in records)


@pytest_twisted.ensureDeferred
async def test_max_items(sample_site: str, tmp_path: Path) -> None:
    recorder, crawler = await crawl(tmp_path, start_urls=f"{sample_site}/", max_items="3")
    assert crawler.stats.get_value("newscrawl/pages/article") == 3
    assert len(read_archive(tmp_path)) == 3
    assert crawler.stats.get_value("finish_reason") == "max_items"
