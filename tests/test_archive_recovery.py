"""Crash recovery: a crawl that died (here: a child process that writes records and
``os._exit``s, leaving its files as kill -9 would) is recovered by the next start."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest

from newscrawl.archive import read
from newscrawl.archive.compression import iter_lines
from newscrawl.archive.manifest import RECOVERED_REASON, RunMarker, write_manifest
from newscrawl.archive.recovery import find_leftovers, recover
from newscrawl.archive.verify import verify_archive
from newscrawl.archive.writer import ArchiveWriter
from tests.test_archive_writer import sample_records

CRAWL = "20240501T100000Z-dead01"
_CRASH = """
import json, os, sys
from newscrawl.archive.manifest import RunMarker
from newscrawl.archive.writer import ArchiveWriter
root, crawl_id, max_records, compression = sys.argv[1:5]
RunMarker(root, crawl_id).acquire({"started_at": "2024-05-01T10:00:00+00:00", "spider": "news",
                                   "settings": {"NEWSCRAWL_ARCHIVE_MAX_RECORDS": int(max_records)}})
writer = ArchiveWriter(root, crawl_id, max_records=int(max_records), compression=compression)
for line in sys.stdin:
    writer.write(json.loads(line))
os._exit(0)  # no close, no manifest: what kill -9 leaves
"""


def crash(root: Path, records: list[dict[str, Any]], *, max_records: int = 100,
          crawl_id: str = CRAWL, compression: str = "gzip") -> None:
    """Run a crawl's writer in a child process that dies without finishing anything."""
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    args = [str(root), crawl_id, str(max_records), compression]
    subprocess.run([sys.executable, "-c", _CRASH, *args],
                   input=lines, text=True, check=True, timeout=60)


def temp_of(root: Path) -> Path:
    (tmp,) = list(root.glob("articles/*/.part-*.tmp"))
    return tmp


def manifest_of(root: Path, crawl_id: str = CRAWL) -> dict[str, Any]:
    return json.loads((root / "runs" / f"{crawl_id}.json").read_text("utf-8"))


def test_recovers_temp_file_and_writes_manifest(tmp_path: Path) -> None:
    records = sample_records(5, crawl_id=CRAWL)
    crash(tmp_path, records, max_records=2)
    assert temp_of(tmp_path).name == f".part-{CRAWL}-3.jsonl.gz.tmp"
    crashed = verify_archive(tmp_path)  # nothing visible is partial: the crash is a note
    assert crashed.ok and any("crashed" in note for note in crashed.notes), crashed.lines()
    report = recover(tmp_path)
    assert [c.crawl_id for c in report.crawls] == [CRAWL]
    assert report.records == 1
    assert list(read(tmp_path)) == records
    assert not list(tmp_path.rglob("*.tmp")) and not list(tmp_path.glob("runs/.*.running"))
    manifest = manifest_of(tmp_path)
    assert manifest["finish_reason"] == RECOVERED_REASON
    assert manifest["started_at"] == "2024-05-01T10:00:00+00:00"  # kept by the run marker
    assert manifest["settings"] == {"NEWSCRAWL_ARCHIVE_MAX_RECORDS": 2}
    assert [f["records"] for f in manifest["files"]] == [2, 2, 1]
    assert manifest["records"] == 5
    assert manifest["recovery"]["records_recovered"] == 1
    report = verify_archive(tmp_path)
    assert report.ok, report.lines()


def _complete_lines(data: bytes) -> int:
    return zlib.decompressobj(wbits=31).decompress(data).count(b"\n")


@pytest.mark.parametrize("keep", [0.95, 0.7, 0.45, 0.2, 12, 0], ids=lambda k: f"keep-{k}")
def test_truncated_temp_file_keeps_complete_lines(tmp_path: Path, keep: float) -> None:
    records = sample_records(6, crawl_id=CRAWL)
    crash(tmp_path, records)
    tmp = temp_of(tmp_path)
    data = tmp.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else keep
    tmp.write_bytes(data[:cut])  # e.g. the OS had written only part of the last block
    expected = _complete_lines(data[:cut]) if cut > 10 else 0
    report = recover(tmp_path)
    assert report.records == expected
    assert list(read(tmp_path)) == records[:expected]
    assert manifest_of(tmp_path)["records"] == expected
    assert verify_archive(tmp_path).ok


def test_partial_last_line_is_dropped(tmp_path: Path) -> None:
    records = sample_records(3, crawl_id=CRAWL)
    crash(tmp_path, records)
    tmp = temp_of(tmp_path)
    # A stream whose last line is cut: three whole records and half of a fourth.
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    extra = json.dumps(sample_records(1, crawl_id=CRAWL, start=3)[0]).encode()[:500]
    compressor = zlib.compressobj(wbits=31)
    tmp.write_bytes(compressor.compress(body + extra) + compressor.flush(zlib.Z_SYNC_FLUSH))
    report = recover(tmp_path)
    assert report.records == 3 and report.crawls[0].partial_lines == 1
    assert list(read(tmp_path)) == records


def test_records_already_archived_are_not_recovered_again(tmp_path: Path) -> None:
    records = sample_records(4, crawl_id=CRAWL)
    crash(tmp_path, records)
    later = "20240501T110000Z-later1"  # a later crawl fetched two of the pages again
    writer = ArchiveWriter(tmp_path, later)
    refetched = [dict(r, crawl_id=later) for r in records[1:3]]
    for record in refetched:
        writer.write(record)
    files = writer.close()
    write_manifest(tmp_path, later, {"crawl_id": later, "started_at": None, "finished_at": None,
                                     "finish_reason": "finished", "files": [vars(f) for f in files],
                                     "records": 2})
    report = recover(tmp_path)
    assert report.records == 2 and report.crawls[0].skipped_known_id == 2
    ids = [r["id"] for r in read(tmp_path)]
    assert sorted(ids) == sorted(r["id"] for r in records)  # each page once
    assert verify_archive(tmp_path).ok


def test_invalid_lines_are_not_recovered(tmp_path: Path) -> None:
    records = sample_records(3, crawl_id=CRAWL)
    records[1]["title"] = ""  # fails the schema (the writer does not validate)
    crash(tmp_path, records)
    report = recover(tmp_path)
    assert report.records == 2 and report.crawls[0].skipped_invalid == 1
    assert [r["id"] for r in read(tmp_path)] == [records[0]["id"], records[2]["id"]]


def test_running_crawl_is_left_alone(tmp_path: Path) -> None:
    crash(tmp_path, sample_records(3, crawl_id=CRAWL))
    alive = RunMarker(tmp_path, CRAWL)
    alive.acquire({})  # as if the crawl were still writing
    try:
        assert find_leftovers(tmp_path) == {}
        assert not recover(tmp_path)
        assert temp_of(tmp_path).exists()
        report = verify_archive(tmp_path)
        assert report.ok, report.lines()
        assert report.running == [CRAWL] and "being written by running crawl" in report.notes[0]
    finally:
        alive.release()
    assert recover(tmp_path).records == 3


def test_recovery_is_idempotent_and_finishes_an_interrupted_one(tmp_path: Path) -> None:
    records = sample_records(3, crawl_id=CRAWL)
    crash(tmp_path, records)
    tmp = temp_of(tmp_path)
    leftover = tmp.parent / f".recovered-{CRAWL}-1.jsonl.gz.tmp"  # recovery killed mid-way
    leftover.write_bytes(tmp.read_bytes()[:40])
    assert recover(tmp_path).records == 3
    assert not leftover.exists()
    assert not recover(tmp_path)
    assert list(read(tmp_path)) == records


def test_crawl_without_marker_or_temp_files(tmp_path: Path) -> None:
    crash(tmp_path, sample_records(4, crawl_id=CRAWL), max_records=2)  # died between parts
    assert not list(tmp_path.rglob("*.tmp"))
    (tmp_path / "runs" / f".{CRAWL}.running").unlink()
    report = recover(tmp_path)
    assert report.crawls[0].records == 0
    manifest = manifest_of(tmp_path)
    assert manifest["finish_reason"] == RECOVERED_REASON and manifest["started_at"] is None
    assert manifest["records"] == 4 and len(manifest["files"]) == 2
    assert verify_archive(tmp_path).ok


def test_crawl_that_died_before_writing(tmp_path: Path) -> None:
    crash(tmp_path, [])
    assert recover(tmp_path).crawls[0].crawl_id == CRAWL
    manifest = manifest_of(tmp_path)
    assert manifest["files"] == [] and manifest["records"] == 0
    assert verify_archive(tmp_path).ok


def test_zstd_temp_file_is_recovered(tmp_path: Path) -> None:
    pytest.importorskip("zstandard")
    records = sample_records(5, crawl_id=CRAWL)
    crash(tmp_path, records, max_records=3, compression="zstd")
    assert temp_of(tmp_path).name.endswith(".jsonl.zst.tmp")
    assert recover(tmp_path).records == 2
    assert list(read(tmp_path)) == records
    assert all(len(list(iter_lines(p))) for p in tmp_path.glob("articles/*/*.zst"))
    assert verify_archive(tmp_path).ok
