"""The crawl state: seen store, record index, ingestion of finished archive parts,
rebuild from the archive, and the state-directory lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newscrawl.archive.writer import ArchiveWriter
from newscrawl.dedup.calibration import sample_bodies
from newscrawl.dedup.ingest import catch_up, finished_parts, ingest_part, rebuild_from_archive
from newscrawl.dedup.lock import StateLock, StateLocked
from newscrawl.dedup.near import DuplicateFinder
from newscrawl.dedup.state import STATE_FILE, SeenStore, SqliteState, StateError, open_state
from newscrawl.urls import record_id, url_key


def record(n: int, body: str, **extra: Any) -> dict[str, Any]:
    url = f"https://www.example.com/m/news/{n}.html?utm_source=x"  # fetched here, canonical elsewhere
    canonical = f"https://example.com/news/{n}.html"
    return {"id": record_id(canonical), "url": url, "canonical_url": canonical, "body": body,
            "content_hash": f"{n:064x}", "duplicate_of": None, "fetched_at": "2026-11-29T05:00:00+00:00",
            **extra}


def write_archive(root: Path, crawl_id: str, records: list[dict[str, Any]], max_records: int = 2) -> list[str]:
    writer = ArchiveWriter(root, crawl_id, max_records=max_records)
    for r in records:
        writer.write(r)
    return [f.path for f in writer.close()]


# --- SeenStore ------------------------------------------------------------------------


def test_sqlite_state_is_a_seen_store(tmp_path: Path) -> None:
    store: SeenStore = SqliteState(tmp_path / STATE_FILE)
    assert not store.has("example.com/a")
    assert store.add_many(["example.com/a", "example.com/b", "example.com/a"]) == 2
    assert store.has("example.com/a") and not store.has("example.com/c")
    store.close()
    again = SqliteState(tmp_path / STATE_FILE)
    assert again.has("example.com/b") and again.seen_count() == 2
    again.close()


def test_negative_answers_cached_then_corrected(tmp_path: Path) -> None:
    state = SqliteState(tmp_path / STATE_FILE, cache_size=2)
    assert not state.has("k1")
    state.add_many(["k1"])
    assert state.has("k1")
    for k in ("k2", "k3", "k4"):
        state.has(k)
    assert len(state._cache) == 2  # bounded
    state.close()


def test_uncommitted_records_are_forgotten_on_reopen(tmp_path: Path) -> None:
    state = SqliteState(tmp_path / STATE_FILE)
    state.add_record("a" * 40, "01" * 32, duplicate_of=None, signature=None, committed=True)
    state.add_record("b" * 40, "02" * 32, duplicate_of=None, signature=None, committed=False)
    state.close()
    state = SqliteState(tmp_path / STATE_FILE)
    assert state.has_record("a" * 40) and not state.has_record("b" * 40)
    state.close()


def test_corrupt_state_is_moved_aside(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_bytes(b"this is not a database" * 100)
    state = open_state(tmp_path)
    assert state.seen_count() == 0
    state.close()
    assert (tmp_path / f"{STATE_FILE}.broken-1").exists()


def test_state_dir_not_creatable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StateError, match="cannot create the state directory"):
        open_state(blocker / "state")


# --- ingestion --------------------------------------------------------------------------


@pytest.fixture
def bodies() -> list[str]:
    return list(sample_bodies().values())


def test_ingest_marks_urls_seen_and_records_committed(tmp_path: Path, bodies: list[str]) -> None:
    archive = tmp_path / "out"
    recs = [record(n, bodies[n]) for n in range(3)]
    parts = write_archive(archive, "20261129T050000Z-aaaaaa", recs)
    assert finished_parts(archive) == parts
    state = SqliteState(tmp_path / STATE_FILE)
    finder = DuplicateFinder(state)
    count, new_keys = ingest_part(state, finder, archive, parts[0])
    assert (count, new_keys) == (2, 4)  # each record: its URL and its canonical URL
    for r in recs[:2]:
        assert state.has(url_key(r["url"])) and state.has(url_key(r["canonical_url"]))
        assert state.has(url_key(r["url"].replace("https://www.", "http://")))
        assert state.is_committed(r["id"])
    assert not state.has(url_key(recs[2]["url"]))
    result = catch_up(state, finder, archive)
    assert (result.parts, result.records) == (1, 1)
    assert state.has(url_key(recs[2]["canonical_url"]))
    assert catch_up(state, finder, archive).parts == 0  # nothing left
    state.close()


def test_rebuild_from_archive_restores_duplicates(tmp_path: Path, bodies: list[str]) -> None:
    archive = tmp_path / "out"
    recs = [record(n, bodies[n]) for n in range(4)]
    write_archive(archive, "20261129T050000Z-aaaaaa", recs)
    state_dir = tmp_path / "state"
    result = rebuild_from_archive(state_dir, archive)
    assert (result.parts, result.records, result.failed) == (2, 4, 0)
    state = open_state(state_dir)
    finder = DuplicateFinder(state)
    copy = bodies[1].replace("。", "，", 2)  # a lightly edited copy of an archived body
    assert finder.check(record_id("https://other.example/x.html"), copy, "ff" * 32).duplicate_of == recs[1]["id"]
    assert all(state.has(url_key(r["url"])) for r in recs)
    state.close()


def test_catch_up_reports_a_damaged_part_once(tmp_path: Path, bodies: list[str],
                                               caplog: pytest.LogCaptureFixture) -> None:
    archive = tmp_path / "out"
    parts = write_archive(archive, "20261129T050000Z-aaaaaa", [record(n, bodies[n]) for n in range(4)])
    (archive / parts[0]).write_bytes(b"\x1f\x8b garbage")
    state = SqliteState(tmp_path / STATE_FILE)
    damaged: set[str] = set()
    result = catch_up(state, DuplicateFinder(state), archive, damaged)
    assert (result.parts, result.failed, result.damaged) == (1, 0, 1)
    assert parts[0] not in state.ingested_parts()  # read again next run
    assert catch_up(state, DuplicateFinder(state), archive, damaged).damaged == 0  # said once per run
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and parts[0] in errors[0] and "scrapy archive repair" in errors[0]
    state.close()


# --- lock ---------------------------------------------------------------------------------


def test_lock_excludes_a_second_holder(tmp_path: Path) -> None:
    first = StateLock(tmp_path)
    first.acquire(owner="crawl-1")
    with pytest.raises(StateLocked, match=rf"pid {os.getpid()} .*crawl crawl-1"):
        StateLock(tmp_path).acquire()
    first.release()
    with StateLock(tmp_path) as again:
        assert again.held


def test_lock_dies_with_its_process(tmp_path: Path) -> None:
    code = ("import sys; from pathlib import Path; from newscrawl.dedup.lock import StateLock;"
            "lock = StateLock(Path(sys.argv[1])); lock.acquire('killed'); import os; os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True)
    with StateLock(tmp_path) as lock:  # no stale lock after the holder is gone
        assert lock.held


@pytest.mark.parametrize("holder", ["another process", "this process"])
def test_lock_held_elsewhere(tmp_path: Path, holder: str) -> None:
    if holder == "this process":
        held = StateLock(tmp_path)
        held.acquire()
        with pytest.raises(StateLocked):
            StateLock(tmp_path).acquire()
        held.release()
        return
    code = ("import sys, time; from pathlib import Path; from newscrawl.dedup.lock import StateLock;"
            "lock = StateLock(Path(sys.argv[1])); lock.acquire('other'); print('locked', flush=True); time.sleep(30)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        with pytest.raises(StateLocked, match=f"pid {proc.pid}"):
            StateLock(tmp_path).acquire()
    finally:
        proc.kill()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
