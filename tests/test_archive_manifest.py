"""The run manifest of a real crawl of the sample site (in process): every file with
counts, sizes and hashes, typed settings, the stats summarised and raw; the stats
command's table."""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import pytest_twisted
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred

import newscrawl.settings as project_settings
from newscrawl.archive import read
from newscrawl.commands.archive import Command
from newscrawl.spiders.news import NewsSpider


def crawl_settings(archive: Path, **extra: Any) -> dict[str, Any]:
    settings = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}
    settings.pop("TWISTED_REACTOR", None)  # the test session installed the asyncio reactor
    settings.update(NEWSCRAWL_ARCHIVE_DIR=str(archive), AUTOTHROTTLE_ENABLED=False,
                    DOWNLOAD_DELAY=0, LOG_LEVEL="WARNING", **extra)
    return settings


def crawl_sample_site(base: str, archive: Path, **settings: Any) -> dict[str, Any]:
    """Crawl the sample site in process into ``archive``; return the crawler's stats."""
    crawler = get_crawler(NewsSpider, crawl_settings(archive, **settings))

    async def run() -> None:
        await crawler.crawl(start_urls=f"{base}/", sitemap_urls=f"{base}/sitemap.xml",
                            feed_urls=f"{base}/rss.xml,{base}/atom.xml")

    pytest_twisted.blockon(Deferred.fromCoroutine(run()))
    return dict(crawler.stats.get_stats())


def run_command(args: list[str], capsys: pytest.CaptureFixture[str],
                settings: dict[str, Any] | None = None) -> tuple[int, str]:
    """``scrapy archive ARGS`` in process: the command's own code, exit status and output."""
    command = Command()
    command.settings = Settings(settings or {})
    command.run(args, argparse.Namespace(since=None))
    out = capsys.readouterr()
    return int(command.exitcode), out.out + out.err


@pytest.fixture(scope="module")
def crawled(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    archive = tmp_path_factory.mktemp("archive")
    stats = crawl_sample_site(sample_site, archive, NEWSCRAWL_ARCHIVE_MAX_RECORDS="3")
    (path,) = list((archive / "runs").glob("*.json"))
    return {"archive": archive, "stats": stats, "manifest": json.loads(path.read_text("utf-8")),
            "path": path}


def test_manifest_lists_every_file_exactly(crawled: dict[str, Any]) -> None:
    archive, manifest = crawled["archive"], crawled["manifest"]
    parts = sorted(p.relative_to(archive).as_posix() for p in archive.glob("articles/*/*.jsonl.gz"))
    assert sorted(f["path"] for f in manifest["files"]) == parts
    assert len(parts) == 5  # 14 records, 3 per part
    for entry in manifest["files"]:
        data = (archive / entry["path"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        text = gzip.decompress(data)
        assert entry["records"] == text.count(b"\n") and entry["uncompressed_bytes"] == len(text)
        assert entry["path"].startswith(f"articles/date={entry['date']}/")
    assert manifest["records"] == 14 == sum(f["records"] for f in manifest["files"])


def test_manifest_run_facts(crawled: dict[str, Any]) -> None:
    manifest = crawled["manifest"]
    assert crawled["path"].name == f"{manifest['crawl_id']}.json"
    assert manifest["manifest_version"] == 1 and manifest["schema_version"] == 2
    assert manifest["finish_reason"] == "finished" and manifest["spider"] == "news"
    assert manifest["started_at"] <= manifest["finished_at"]
    assert manifest["compression"] == "gzip"
    assert not list(crawled["archive"].glob("runs/.*"))  # the run marker is gone


@pytest.mark.parametrize(("name", "value"), [
    ("NEWSCRAWL_ARCHIVE_MAX_RECORDS", 3),  # given as the string "3", recorded typed
    ("NEWSCRAWL_ARCHIVE_MAX_BYTES", 64 * 1024 * 1024),
    ("NEWSCRAWL_ARCHIVE_COMPRESSION", "gzip"),
    ("NEWSCRAWL_VALIDATE_ENABLED", True),
    ("ROBOTSTXT_OBEY", True),
])
def test_manifest_settings(crawled: dict[str, Any], name: str, value: Any) -> None:
    assert crawled["manifest"]["settings"][name] == value


def test_manifest_pipelines_in_order(crawled: dict[str, Any]) -> None:
    pipelines = list(crawled["manifest"]["settings"]["ITEM_PIPELINES"])
    assert pipelines.index("newscrawl.pipelines.validate.ValidatePipeline") < pipelines.index(
        "newscrawl.pipelines.archive.ArchivePipeline")


def test_manifest_summary(crawled: dict[str, Any]) -> None:
    summary, stats = crawled["manifest"]["summary"], crawled["stats"]
    assert summary["fetched"] == stats["response_received_count"] > 14
    assert summary["requests"] == stats["downloader/request_count"]
    assert summary["article_pages"] == summary["archived"] == 14
    marked = sum(1 for r in read(crawled["archive"]) if r["duplicate_of"])
    assert summary["duplicates"] == marked == sum(summary["duplicates_by_kind"].values())
    # Every link of the sample site leads to a page: nothing is dropped, no page is lost.
    assert summary["dropped"] == {} and summary["dropped_total"] == 0
    assert stats.get("item_dropped_count", 0) == 0
    errors = summary["errors"]
    assert "404" not in errors["http_status"] and "downloader/response_status_count/404" not in stats
    assert errors["download_exceptions"] == {}  # robots.txt refusals are policy, not errors
    assert errors["logged"] == 0
    assert isinstance(summary["elapsed_seconds"], float)


def test_manifest_keeps_raw_stats(crawled: dict[str, Any]) -> None:
    raw = crawled["manifest"]["stats"]
    assert raw["newscrawl/archived"] == 14 and raw["newscrawl/archive/files"] == 5
    assert raw["finish_reason"] == "finished"
    assert raw["newscrawl/archive/recovered_crawls"] == 0


def test_stats_command(crawled: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run_command(["stats", str(crawled["archive"])], capsys)
    assert status == 0
    date = crawled["manifest"]["files"][0]["date"]
    lines = out.splitlines()
    assert "14 records in 5 part files from 1 crawls" in lines[0]
    marked = str(sum(1 for r in read(crawled["archive"]) if r["duplicate_of"]))
    assert f"; {marked} duplicates (duplicate_of set)" in lines[0]
    warcs = sorted(crawled["archive"].glob("warc/*/*.warc.gz"))
    megabytes = sum(p.stat().st_size for p in warcs) / 1e6
    assert warcs and lines[1] == (f"pages kept: {len(warcs)} WARC files, {megabytes:.1f} MB; "
                                  "14 of 14 records (100.0%) point at their WARC record")
    assert any(line.split() == [date, "14", "5", marked] for line in lines)  # per date
    assert any(line.split() == ["127.0.0.1", "14", "100.0%", marked] for line in lines)  # per site
    start = lines.index("field coverage (not null, not empty)") + 2
    coverage = {line.split()[0]: line.split()[1:] for line in lines[start:]
                if line and not line.startswith(("languages", "-"))}
    for field in ("published_at", "authors", "byline", "source", "editor", "copyright",
                  "related", "images", "kicker", "subtitle", "language"):
        assert field in coverage
    assert coverage["published_at"] == ["14", "100.0%"]
    assert coverage["kicker"][0] not in ("0", "14")  # some pages have one, some do not


def test_stats_command_defaults_to_the_setting(crawled: dict[str, Any],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run_command(["stats"], capsys, {"NEWSCRAWL_ARCHIVE_DIR": str(crawled["archive"])})
    assert status == 0 and "14 records" in out


def test_stats_command_without_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run_command(["stats", str(tmp_path)], capsys)
    assert status == 1 and "no archive" in out
