"""``scrapy archive verify|stats|report|recover`` agree on what is not an archive: an empty
or missing directory is "no archive found" for all of them (exit 1), and an archive
whose crawls archived nothing yet (manifests, no part files) is a sound, empty one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.archive.manifest import write_manifest

REPO = Path(__file__).resolve().parents[1]
ACTIONS = ["verify", "stats", "report", "recover"]


def archive(action: str, directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrapy", "archive", action, str(directory)],
                          capture_output=True, text=True, timeout=60, cwd=REPO)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("where", ["empty", "missing", "state-only"])
def test_no_archive_is_said_the_same_way(tmp_path: Path, action: str, where: str) -> None:
    directory = tmp_path / "out"
    if where != "missing":
        directory.mkdir()
    if where == "state-only":
        (directory / "state").mkdir()  # a crawl that could not even start leaves this
    proc = archive(action, directory)
    assert proc.returncode == 1
    assert proc.stderr == f"scrapy archive {action}: no archive found at {directory} (no articles/ or runs/)\n"
    assert not proc.stdout


def test_archive_without_records(tmp_path: Path) -> None:
    write_manifest(tmp_path, "20240501T100000Z-empty1", {
        "crawl_id": "20240501T100000Z-empty1", "started_at": None, "finished_at": None,
        "finish_reason": "finished", "files": [], "records": 0})
    verify = archive("verify", tmp_path)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert verify.stdout.startswith("OK: 0 part files, 0 records, 1 manifests")
    stats = archive("stats", tmp_path)
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout.startswith(f"archive {tmp_path}: 0 records in 0 part files")
