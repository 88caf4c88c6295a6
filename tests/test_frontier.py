"""Without a JOBDIR, the requests waiting their turn are kept in Scrapy's disk queues
in a temporary directory (NEWSCRAWL_FRONTIER_ON_DISK), removed when the crawl ends: a
real crawl of the sample site, its stats read back from the run manifest."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from newscrawl.archive.manifest import read_manifests
from tests.conftest import read_archive
from tests.test_archive_crash import REPO, crawl_command


def crawl(sample_site: str, tmp_path: Path, name: str, *settings: str) -> dict[str, Any]:
    archive, frontier = tmp_path / name / "out", tmp_path / name / "frontier"
    frontier.mkdir(parents=True)
    proc = subprocess.run(crawl_command(sample_site, archive, "-s", "DOWNLOAD_DELAY=0",
                                        "-s", f"NEWSCRAWL_FRONTIER_DIR={frontier}", *settings),
                          capture_output=True, text=True, timeout=180, cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (manifest,) = read_manifests(archive)
    return {"stats": manifest["stats"], "frontier": frontier, "records": read_archive(archive)}


@pytest.fixture(scope="module")
def both(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("frontier")
    return {"disk": crawl(sample_site, tmp, "disk"),
            "memory": crawl(sample_site, tmp, "memory", "-s", "NEWSCRAWL_FRONTIER_ON_DISK=False")}


def test_pending_requests_wait_on_disk(both: dict[str, dict[str, Any]]) -> None:
    stats = both["disk"]["stats"]
    assert stats.get("scheduler/enqueued/disk", 0) > 50
    assert stats.get("scheduler/enqueued/memory", 0) == 0
    assert stats.get("scheduler/dequeued/disk") == stats["scheduler/enqueued/disk"]


def test_the_frontier_directory_is_removed_at_the_end(both: dict[str, dict[str, Any]]) -> None:
    assert list(both["disk"]["frontier"].iterdir()) == []


def test_off_keeps_them_in_memory_and_the_archive_is_the_same(both: dict[str, dict[str, Any]]) -> None:
    stats = both["memory"]["stats"]
    assert stats.get("scheduler/enqueued/memory", 0) > 50 and not stats.get("scheduler/enqueued/disk")
    assert stats["scheduler/enqueued/memory"] == both["disk"]["stats"]["scheduler/enqueued/disk"]
    ids = {key: sorted(r["id"] for r in both[key]["records"]) for key in both}
    assert ids["disk"] == ids["memory"] and len(ids["disk"]) >= 10
