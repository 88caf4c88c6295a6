"""What the operator sees during a crawl: a progress line every
``NEWSCRAWL_PROGRESS_INTERVAL`` seconds, and the whole log in ``runs/<crawl_id>.log``
next to the run's manifest even when the console is quiet."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newscrawl.archive.verify import verify_archive
from newscrawl.progress import progress_line
from tests.conftest import read_archive

REPO = Path(__file__).resolve().parents[1]
PROGRESS = re.compile(r"progress: (\d+) pages fetched, (\d+) archived, (\d+) skipped, (\d+) dropped, "
                      r"(\d+) queued, (\d+\.\d) pages/s")


def test_progress_line_counts_every_stat() -> None:
    stats = {"response_received_count": 40, "newscrawl/archived": 12, "newscrawl/skipped/seen": 3,
             "newscrawl/skipped/robots": 1, "newscrawl/dropped/http_404": 5}
    assert progress_line(stats, queued=25, pages_before=20, seconds=10.0) == (
        "progress: 40 pages fetched, 12 archived, 4 skipped, 5 dropped, 25 queued, 2.0 pages/s")


def test_progress_line_of_a_reextraction_counts_pages_replayed() -> None:
    """``scrapy reextract`` downloads nothing: its pages are the ones read from WARCs."""
    stats = {"newscrawl/replay/pages": 30, "newscrawl/archived": 28, "newscrawl/dropped/no_body": 2}
    assert progress_line(stats, queued=0, pages_before=10, seconds=4.0) == (
        "progress: 30 pages replayed, 28 archived, 0 skipped, 2 dropped, 0 queued, 5.0 pages/s")


@pytest.fixture(scope="module")
def quiet_crawl(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    archive = tmp_path_factory.mktemp("quiet")
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={sample_site}/",
           "-a", f"sitemap_urls={sample_site}/sitemap.xml", "-s", f"NEWSCRAWL_ARCHIVE_DIR={archive}",
           "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.05", "-s", "CONCURRENT_REQUESTS=1",
           "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0.5", "-s", "LOG_LEVEL=WARNING"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, cwd=REPO)
    [manifest] = (archive / "runs").glob("*.json")
    return {"proc": proc, "archive": archive, "manifest": json.loads(manifest.read_text("utf-8"))}


def test_console_stays_quiet(quiet_crawl: dict[str, Any]) -> None:
    proc = quiet_crawl["proc"]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert " INFO: " not in proc.stderr and " DEBUG: " not in proc.stderr


def test_run_log_next_to_the_manifest(quiet_crawl: dict[str, Any]) -> None:
    crawl_id = quiet_crawl["manifest"]["crawl_id"]
    log = quiet_crawl["archive"] / "runs" / f"{crawl_id}.log"
    assert quiet_crawl["manifest"]["log"] == f"runs/{crawl_id}.log"
    text = log.read_text("utf-8")
    assert "[scrapy.core.engine] INFO: Spider opened" in text
    assert "crawl summary:" in text and "Spider closed (finished)" in text
    # every WARNING the console showed is in the file too
    for line in quiet_crawl["proc"].stderr.splitlines():
        if " WARNING: " in line:
            assert line.split(" WARNING: ", 1)[1] in text
    assert verify_archive(quiet_crawl["archive"]).ok  # the log is a known file of runs/


def test_progress_lines_during_the_crawl(quiet_crawl: dict[str, Any]) -> None:
    log = (quiet_crawl["archive"] / "runs" / f"{quiet_crawl['manifest']['crawl_id']}.log").read_text("utf-8")
    lines = [tuple(int(float(g)) for g in m.groups()[:5]) for m in PROGRESS.finditer(log)]
    assert len(lines) >= 3, log[-3000:]
    fetched = [line[0] for line in lines]
    assert fetched == sorted(fetched) and fetched[-1] > fetched[0]
    assert max(line[1] for line in lines) <= len(read_archive(quiet_crawl["archive"]))
    assert any(line[4] > 0 for line in lines)  # the queue was seen non-empty
