"""Scrapy's debugging commands (``scrapy fetch``, ``scrapy parse``) next to a running
crawl: they work, and they leave the archive and the crawl state alone."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.dedup.lock import StateLock

REPO = Path(__file__).resolve().parents[1]
ARTICLE = "/tibet/2022-07/24/content_1.htm"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def locked_archive(tmp_path: Path) -> Iterator[Path]:
    """An archive directory whose crawl lock is held, as by a crawl in progress."""
    archive = tmp_path / "out"
    (archive / "runs").mkdir(parents=True)
    (archive / "runs" / "20261201T000000Z-abcdef.json").write_text("{}", "utf-8")
    lock = StateLock(archive / "state")
    lock.acquire(owner="20261201T000000Z-abcdef")
    try:
        yield archive
    finally:
        lock.release()


def scrapy(archive: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrapy", *args, "-s", f"NEWSCRAWL_ARCHIVE_DIR={archive}"],
                          capture_output=True, text=True, timeout=120, cwd=REPO)


def test_fetch_next_to_a_crawl(sample_site: str, locked_archive: Path) -> None:
    before = snapshot(locked_archive)
    proc = scrapy(locked_archive, "fetch", "--nolog", f"{sample_site}{ARTICLE}")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "西藏" in proc.stdout  # the page's own bytes, printed
    assert snapshot(locked_archive) == before


def test_parse_with_the_news_spider_next_to_a_crawl(sample_site: str, locked_archive: Path) -> None:
    before = snapshot(locked_archive)
    proc = scrapy(locked_archive, "parse", "--spider", "news", "--pipelines", f"{sample_site}{ARTICLE}")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and " ERROR: " not in proc.stderr, proc.stderr[-3000:]
    items = proc.stdout.split("# Scraped Items", 1)[1].split("# Requests", 1)[0]
    assert ARTICLE in items and "'discovered_via': 'seed'" in items  # the page, handed over as an article
    assert snapshot(locked_archive) == before
