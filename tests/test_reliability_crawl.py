"""Crawl the whole hostile site (``/hostile/`` and every case it links to) with the
real ``scrapy crawl news`` command: it finishes with exit status 0, the archive
passes ``scrapy archive verify``, and the end-of-crawl summary lists every skip and
drop reason with its count."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newscrawl.archive.verify import verify_archive
from newscrawl.sample_site.hostile import CASES
from tests.conftest import read_archive
from tests.test_reliability_hostile import HOSTILE_SETTINGS

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def crawl_all(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    archive = tmp_path_factory.mktemp("hostile-all")
    settings = {**HOSTILE_SETTINGS, "NEWSCRAWL_ARCHIVE_DIR": archive, "AUTOTHROTTLE_ENABLED": False,
                "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "INFO"}
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={sample_site}/hostile/",
           "-a", "max_depth=1"]
    for name, value in settings.items():
        cmd += ["-s", f"{name}={value}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, cwd=REPO)
    [manifest_path] = (archive / "runs").glob("*.json")
    return {"proc": proc, "archive": archive, "manifest": json.loads(manifest_path.read_text("utf-8"))}


def summary_counts(stderr: str) -> dict[str, int]:
    block = stderr.split("crawl summary:", 1)[1]
    return {m[1]: int(m[2]) for m in re.finditer(r"^\s+((?:dropped|skipped)/\w+): (\d+)$", block, re.M)}


def test_crawl_finishes_with_status_0(crawl_all: dict[str, Any]) -> None:
    proc = crawl_all["proc"]
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert crawl_all["manifest"]["finish_reason"] == "finished"
    assert " ERROR: " not in proc.stderr


def test_archive_passes_verify(crawl_all: dict[str, Any]) -> None:
    report = verify_archive(crawl_all["archive"])
    assert report.ok, report.lines()
    assert report.records == len(read_archive(crawl_all["archive"])) > 0


def test_summary_lists_every_reason_with_its_count(crawl_all: dict[str, Any]) -> None:
    stats = crawl_all["manifest"]["stats"]
    counted = {k.removeprefix("newscrawl/"): v for k, v in stats.items()
               if k.startswith(("newscrawl/dropped/", "newscrawl/skipped/"))}
    assert summary_counts(crawl_all["proc"].stderr) == counted
    # The manifest's summary says the same.
    summary = crawl_all["manifest"]["summary"]
    assert {f"dropped/{k}": v for k, v in summary["dropped"].items()} | \
           {f"skipped/{k}": v for k, v in summary["skipped"].items()} == counted


EXPECTED = sorted({c.expect for c in CASES if c.expect not in ("archived", "bounded")})


@pytest.mark.parametrize("outcome", EXPECTED)
def test_each_case_reason_in_summary(crawl_all: dict[str, Any], outcome: str) -> None:
    assert summary_counts(crawl_all["proc"].stderr).get(outcome, 0) >= 1


@pytest.mark.parametrize("outcome", EXPECTED)
def test_each_reason_has_a_log_line_with_a_url(crawl_all: dict[str, Any], outcome: str) -> None:
    # The URL is the page's, or for a refused redirect target the target's, with the
    # page it came from in the detail.
    kind, reason = outcome.split("/")
    line = re.search(rf" {kind} (https?://\S+): {reason}\b.*", crawl_all["proc"].stderr)
    assert line, outcome
    assert line[1].startswith("http://127.0.0.1:") or "redirected from http://127.0.0.1:" in line[0]


@pytest.fixture(scope="module")
def robots_reset_site() -> Any:
    """The sample site on a server whose /robots.txt resets the connection."""
    from newscrawl.sample_site.launch import start_subprocess

    with start_subprocess(robots_txt="reset") as base:
        yield base


def test_robots_txt_connection_reset_is_one_warning(robots_reset_site: str, tmp_path: Path,
                                                    site_manifest: dict[str, Any]) -> None:
    """A host whose robots.txt drops the connection is crawled as one without a
    robots.txt: one WARNING and a stat, no ERROR, no traceback, exit status 0."""
    base = robots_reset_site
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={base}/",
           "-a", f"sitemap_urls={base}/sitemap.xml",
           "-a", f"feed_urls={base}/rss.xml,{base}/atom.xml", "-s", f"NEWSCRAWL_ARCHIVE_DIR={tmp_path}",
           "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "NEWSCRAWL_RETRY_BACKOFF_BASE=0.05"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "Traceback" not in proc.stderr and " ERROR: " not in proc.stderr, proc.stderr[-4000:]
    warnings = [line for line in proc.stderr.splitlines() if "robots.txt" in line and " WARNING: " in line]
    assert len(warnings) == 1, warnings
    assert f"{base}/robots.txt" in warnings[0] and "connection_error" in warnings[0]
    [manifest] = (tmp_path / "runs").glob("*.json")
    assert json.loads(manifest.read_text("utf-8"))["stats"]["newscrawl/dropped/robots_txt"] == 1
    assert len(read_archive(tmp_path)) == len(site_manifest["articles"])
