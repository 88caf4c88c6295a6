"""``newscrawl COMMAND ...`` (newscrawl.cli): the scrapy commands with newscrawl's
settings, run from a directory outside the repository (no scrapy.cfg above it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.archive.manifest import write_manifest
from newscrawl.archive.writer import ArchiveWriter
from tests.conftest import SITE_ROOT
from tests.test_archive_writer import sample_records

REPO = Path(__file__).resolve().parents[1]
PAGE = SITE_ROOT / "tibet/2022-07/24/content_1.htm"


def newscrawl(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    return subprocess.run([sys.executable, "-m", "newscrawl.cli", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd, env={**clean, **env})


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    assert REPO not in tmp_path.parents
    return tmp_path


def test_extract(elsewhere: Path) -> None:
    proc = newscrawl(elsewhere, "extract", str(PAGE), "--url", "http://www.tibet.cn/a.htm")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"].startswith("蔡奇")


def test_archive_verify(elsewhere: Path) -> None:
    writer = ArchiveWriter(elsewhere / "output", "20240501T100000Z-cli001")
    for record in sample_records(3, crawl_id="20240501T100000Z-cli001"):
        writer.write(record)
    files = writer.close()
    write_manifest(elsewhere / "output", "20240501T100000Z-cli001", {
        "crawl_id": "20240501T100000Z-cli001", "started_at": None, "finished_at": None,
        "finish_reason": "finished", "files": [vars(f) for f in files], "records": 3})
    proc = newscrawl(elsewhere, "archive", "verify")  # DIR defaults to output/ where it runs
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("OK: 1 part files, 3 records")


def test_an_explicit_settings_module_is_kept(elsewhere: Path) -> None:
    (elsewhere / "mysettings.py").write_text(
        "from newscrawl.settings import *  # noqa: F403\nNEWSCRAWL_ARCHIVE_DIR = 'elsewhere-archive'\n")
    proc = newscrawl(elsewhere, "archive", "stats", SCRAPY_SETTINGS_MODULE="mysettings",
                     PYTHONPATH=str(elsewhere))
    assert "elsewhere-archive" in proc.stdout + proc.stderr


def test_no_command_lists_ours(elsewhere: Path) -> None:
    proc = newscrawl(elsewhere)
    assert proc.returncode == 0
    for name in ("crawl", "extract", "archive"):
        assert f"\n  {name} " in proc.stdout
