"""kill -9 a real ``scrapy crawl news`` while it captures WARC files: no truncated WARC is
visible (every ``*.warc.gz`` passes the real ``warcio check``, verify passes and notes the
crash), and the next crawl's start keeps every complete record of the temp WARC under
the name the archived records give it: nothing an archived record names is lost."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from newscrawl.archive import read
from newscrawl.archive.manifest import RECOVERED_REASON, read_manifests
from newscrawl.archive.verify import verify_archive
from tests.test_archive_crash import REPO, SLOW, article_paths, crawl_command

BIN = Path(sys.executable).parent
#: A few pages per WARC file: the kill lands with finished files and an open one.
SMALL = ("-s", "NEWSCRAWL_WARC_MAX_BYTES=12000")


def warcio_check(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "warcio"), "check", *map(str, paths)], capture_output=True, text=True,
                          timeout=60)


def response_ids(paths: list[Path]) -> set[str]:
    ids = set()
    for path in paths:
        with open(path, "rb") as fh:
            ids |= {r.rec_headers.get_header("WARC-Record-ID") for r in ArchiveIterator(fh) if r.rec_type == "response"}
    return ids


def kill_during_capture(base: str, archive: Path, log: Path) -> bool:
    """Start a slow crawl, wait until it has finished a WARC file and is writing the
    next, then SIGKILL it. False if it ended first."""
    with open(log, "w") as err:
        proc = subprocess.Popen(crawl_command(base, archive, *SLOW, *SMALL), cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + 90
            while not (list(archive.glob("warc/*/*.warc.gz")) and list(archive.glob("warc/*/.*.warc.gz.tmp"))):
                if proc.poll() is not None or time.monotonic() > deadline:
                    return False
                time.sleep(0.02)
            time.sleep(0.5)  # mid-capture: a page or two into the open file
            if proc.poll() is not None:
                return False
            proc.send_signal(signal.SIGKILL)
            return True
        finally:
            proc.wait(timeout=60)


@pytest.mark.timeout(240)
def test_kill9_during_capture_leaves_no_truncated_warc_and_loses_nothing(
    sample_site: str, tmp_path: Path, site_manifest: dict[str, Any],
) -> None:
    archive = tmp_path / "out"
    assert kill_during_capture(sample_site, archive, tmp_path / "killed.log"), "the kill should land mid-crawl"
    visible = sorted(archive.glob("warc/*/*.warc.gz"))
    temps = sorted(archive.glob("warc/*/.*.warc.gz.tmp"))
    assert visible and temps
    check = warcio_check(visible)
    assert check.returncode == 0, check.stdout  # nothing truncated under a final name
    before = verify_archive(archive)
    assert before.ok, before.lines()
    assert any("temp WARC of crashed crawl" in note for note in before.notes), before.lines()
    records_before = list(read(archive))
    named = {(r["warc_file"], r["warc_record_id"]) for r in records_before}
    assert named, "the killed crawl should have archived records"
    temp_names = {t.relative_to(archive).as_posix().replace("/.", "/").removesuffix(".tmp") for t in temps}

    final = subprocess.run(crawl_command(sample_site, archive, "-s", "DOWNLOAD_DELAY=0", *SMALL),
                           capture_output=True, text=True, timeout=120, cwd=REPO)
    assert final.returncode == 0, final.stderr[-3000:]
    assert "crash recovery" in final.stderr and "WARC records of crawl" in final.stderr
    assert not list(archive.glob("warc/*/.*")), "no temp WARC or index left"
    warcs = sorted(archive.glob("warc/*/*.warc.gz"))
    check = warcio_check(warcs)
    assert check.returncode == 0, check.stdout
    # The temp WARC became the file its records name, with its index.
    for name in temp_names:
        assert (archive / name).is_file(), name
        assert (archive / name.replace(".warc.gz", ".cdxj")).is_file()
    after = verify_archive(archive)
    assert after.ok, after.lines()
    records = list(read(archive))
    assert after.warc_refs == len(records)  # every record's warc_record_id is in its warc_file
    by_file: dict[str, set[str]] = {}
    for warc_file, record_id in named:
        by_file.setdefault(warc_file, set()).add(record_id)
    for warc_file, ids in by_file.items():
        assert ids <= response_ids([archive / warc_file]), warc_file
    manifests = read_manifests(archive)
    crashed = next(m for m in manifests if m["finish_reason"] == RECOVERED_REASON)
    assert set(temp_names) <= {w["path"] for w in crashed["warc_files"]}
    assert {urlsplit(r["url"]).path for r in records} == article_paths(site_manifest)
    assert len({r["id"] for r in records}) == len(records)
