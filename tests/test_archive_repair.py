"""One flipped byte in a finished part file, end to end with the real commands: the
reader raises ``CorruptFile``, ``verify`` fails, a crawl that meets the damage while
ingesting logs one ERROR and archives the rest, ``scrapy archive repair`` quarantines
the file and keeps its readable records, ``verify`` passes again and the next crawl
fetches the lost article again."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import redis

from newscrawl.archive import read, repair
from newscrawl.archive.compression import CorruptFile
from newscrawl.archive.manifest import read_manifests, write_manifest
from newscrawl.archive.verify import verify_archive
from newscrawl.archive.writer import ArchiveWriter
from newscrawl.commands.crawl import EXIT_FAILED, EXIT_OK
from newscrawl.dedup.state import key_digest
from newscrawl.urls import url_key
from tests.conftest import read_archive
from tests.test_archive_writer import sample_records

REPO = Path(__file__).resolve().parents[1]
SYNC = b"\x00\x00\xff\xff"  # the writer sync-flushes after every record


def crawl(base: str, archive: Path, *settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([
        sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={base}/",
        "-a", f"sitemap_urls={base}/sitemap.xml", "-a", f"feed_urls={base}/rss.xml,{base}/atom.xml",
        "-s", f"NEWSCRAWL_ARCHIVE_DIR={archive}", "-s", "NEWSCRAWL_ARCHIVE_MAX_RECORDS=3",
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_ENABLED=False", *settings,
    ], capture_output=True, text=True, timeout=180, cwd=REPO)


def archive_command(action: str, archive: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrapy", "archive", action, str(archive)],
                          capture_output=True, text=True, timeout=120, cwd=REPO)


def flip_last_record(path: Path) -> None:
    """Flip one byte inside the compressed data of the file's last record (between
    the last two sync points), at a place where inflating fails (not only the CRC)."""
    data = path.read_bytes()
    marks = [i for i in range(len(data)) if data[i:i + 4] == SYNC]
    start, end = marks[-2] + 4, marks[-1]
    for offset in range((start + end) // 2, end):
        flipped = data[:offset] + bytes([data[offset] ^ 0xFF]) + data[offset + 1:]
        try:
            gzip.decompress(flipped)
        except zlib.error:
            path.write_bytes(flipped)
            return
        except (OSError, EOFError):
            continue  # CRC only: the stream stays in sync, try another byte
    raise AssertionError(f"no byte of {path} breaks its stream")


@pytest.fixture(scope="module")
def damaged(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    archive = tmp_path_factory.mktemp("repair") / "out"
    first = crawl(sample_site, archive)
    assert first.returncode == EXIT_OK, first.stderr[-3000:]
    part = next(p for p in sorted(archive.glob("articles/*/part-*.jsonl.gz"))
                if gzip.decompress(p.read_bytes()).count(b"\n") == 3)
    records = [json.loads(line) for line in gzip.decompress(part.read_bytes()).splitlines()]
    total = len(read_archive(archive))
    flip_last_record(part)
    return {"archive": archive, "part": part, "rel": part.relative_to(archive).as_posix(),
            "kept": records[:2], "lost": records[2], "all": total}


def test_reader_raises_corrupt_file(damaged: dict[str, Any]) -> None:
    with pytest.raises(CorruptFile) as raised:
        list(read(damaged["archive"]))
    assert str(damaged["part"]) in str(raised.value)


def test_verify_fails_on_the_damage(damaged: dict[str, Any]) -> None:
    proc = archive_command("verify", damaged["archive"])
    assert proc.returncode == 1
    assert f"{damaged['rel']}:" in proc.stdout


@pytest.fixture(scope="module")
def ingest_crawl(damaged: dict[str, Any], sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A copy of the damaged archive without its state: the crawl re-reads every part."""
    copy = tmp_path_factory.mktemp("ingest") / "out"
    shutil.copytree(damaged["archive"], copy, ignore=shutil.ignore_patterns("state"))
    before = {p.name for p in (copy / "runs").glob("*.json")}
    proc = crawl(sample_site, copy)
    (new,) = [m for m in read_manifests(copy) if f"{m['crawl_id']}.json" not in before]
    return {"proc": proc, "archive": copy, "manifest": new}


def test_crawl_logs_one_error_naming_the_part_and_the_repair(ingest_crawl: dict[str, Any],
                                                              damaged: dict[str, Any]) -> None:
    proc = ingest_crawl["proc"]
    errors = [line for line in proc.stderr.splitlines() if "] ERROR:" in line or " ERROR: " in line]
    damage = [line for line in errors if damaged["rel"] in line]
    assert len(damage) == 1, proc.stderr[-3000:]
    assert f"scrapy archive repair {ingest_crawl['archive']}" in damage[0]
    assert "could not be written" not in proc.stderr and "Traceback" not in proc.stderr
    assert proc.returncode == EXIT_FAILED  # an ERROR line: cron hears of it
    assert "crawl exit status 1: 1 error(s) logged" in proc.stderr


def test_crawl_goes_on_and_archives_the_pages_it_lacks(ingest_crawl: dict[str, Any], damaged: dict[str, Any]) -> None:
    manifest = ingest_crawl["manifest"]
    assert manifest["finish_reason"] == "finished"
    assert manifest["stats"]["newscrawl/archive/damaged_parts"] == 1
    new = {json.loads(line)["url"] for p in ingest_crawl["archive"].glob(f"articles/*/part-{manifest['crawl_id']}-*")
           for line in gzip.decompress(p.read_bytes()).splitlines()}
    # What could be read of the damaged part counts as seen; what could not is fetched again.
    assert damaged["lost"]["url"] in new
    assert new <= {r["url"] for r in [*damaged["kept"], damaged["lost"]]}


@pytest.fixture(scope="module")
def repaired(damaged: dict[str, Any], ingest_crawl: dict[str, Any]) -> dict[str, Any]:
    archive = damaged["archive"]
    proc = archive_command("repair", archive)
    return {"proc": proc, "archive": archive, "verify": archive_command("verify", archive),
            "again": archive_command("repair", archive)}


def test_repair_says_what_it_did(repaired: dict[str, Any], damaged: dict[str, Any]) -> None:
    proc = repaired["proc"]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"repaired {damaged['rel']} (corrupt gzip data")
    assert "2 records rewritten into articles/" in lines[0] and ", 1 lost;" in lines[0]
    assert re.search(r": [12] seen page keys and 1 records the archive no longer holds dropped: "
                     "the next crawl fetches those pages again$", lines[1]), lines  # url, canonical_url


def test_damaged_file_is_quarantined_with_a_note(repaired: dict[str, Any], damaged: dict[str, Any]) -> None:
    archive = repaired["archive"]
    assert not damaged["part"].exists()
    moved = archive / "quarantine" / damaged["rel"]
    assert moved.read_bytes()[:2] == b"\x1f\x8b"
    note = json.loads(moved.with_name(moved.name + ".note.json").read_text("utf-8"))
    assert note["status"] == "done" and note["readable"] == 2 and note["lost"] == 1
    assert note["problem"].startswith("corrupt gzip data")


def test_verify_passes_after_repair(repaired: dict[str, Any], damaged: dict[str, Any]) -> None:
    assert repaired["verify"].returncode == 0, repaired["verify"].stdout
    assert "note: 1 damaged part files in quarantine/" in repaired["verify"].stdout
    records = list(read(repaired["archive"]))  # no CorruptFile any more
    assert len(records) == damaged["all"] - 1
    ids = {r["id"] for r in records}
    assert {r["id"] for r in damaged["kept"]} <= ids and damaged["lost"]["id"] not in ids
    manifest = next(m for m in read_manifests(repaired["archive"]) if m["crawl_id"] == damaged["kept"][0]["crawl_id"])
    assert manifest["records"] == len(records)
    assert manifest["repairs"][0]["path"] == damaged["rel"]


def test_duckdb_reads_every_listed_record(repaired: dict[str, Any]) -> None:
    duckdb = pytest.importorskip("duckdb")
    archive = repaired["archive"]
    con = duckdb.connect()
    try:
        ((count,),) = con.execute(
            f"select count(*) from read_json('{archive}/articles/*/*.jsonl.gz', hive_partitioning=true)").fetchall()
    finally:
        con.close()
    assert count == sum(m["records"] for m in read_manifests(archive))


def test_second_repair_finds_nothing(repaired: dict[str, Any]) -> None:
    again = repaired["again"]
    assert again.returncode == 0
    assert again.stdout.startswith(f"nothing to repair in {repaired['archive']}")


def test_next_crawl_fetches_the_lost_article(repaired: dict[str, Any], damaged: dict[str, Any], sample_site: str,
                                             site_manifest: dict[str, Any]) -> None:
    archive = repaired["archive"]
    proc = crawl(sample_site, archive)
    assert proc.returncode == EXIT_OK, proc.stderr[-3000:]
    last = max(read_manifests(archive), key=lambda m: m["crawl_id"])
    new = [r for r in read(archive) if r["crawl_id"] == last["crawl_id"]]
    assert [r["url"] for r in new] == [damaged["lost"]["url"]]
    assert archive_command("verify", archive).returncode == 0
    paths = Counter(urlsplit(r["url"]).path for r in read(archive))
    assert set(paths) == {a["path"] for a in site_manifest["articles"]} and max(paths.values()) == 1


# --- without a crawl: an interrupted repair, a part whose bytes differ from its manifest --

CRAWL = "20240501T100000Z-repair"


def small_archive(root: Path, n: int = 3) -> Path:
    writer = ArchiveWriter(root, CRAWL, max_records=n)
    for record in sample_records(n, crawl_id=CRAWL):
        writer.write(record)
    files = writer.close()
    write_manifest(root, CRAWL, {"crawl_id": CRAWL, "started_at": None, "finished_at": None,
                                 "finish_reason": "finished", "files": [vars(f) for f in files], "records": n})
    return root / files[0].path


def test_interrupted_repair_is_finished_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    part = small_archive(tmp_path)
    flip_last_record(part)

    def crash(*args: Any) -> None:
        raise RuntimeError("killed")

    monkeypatch.setattr(repair, "_relist", crash)  # dies after moving and rewriting, before the manifest
    with pytest.raises(RuntimeError):
        repair.repair_archive(tmp_path)
    assert not verify_archive(tmp_path).ok
    monkeypatch.undo()
    report = repair.repair_archive(tmp_path)
    assert [(p.readable, p.lost) for p in report.repaired] == [(2, 1)]
    assert verify_archive(tmp_path).ok, verify_archive(tmp_path).lines()
    assert len(list(tmp_path.glob("articles/*/part-*.jsonl.gz"))) == 1  # one rewritten part, not two
    assert not repair.repair_archive(tmp_path).repaired


def test_part_whose_bytes_differ_from_its_manifest(tmp_path: Path) -> None:
    part = small_archive(tmp_path)
    data = bytearray(part.read_bytes())
    data[4] ^= 0x01  # the gzip header's mtime: decompresses, but it is not the file the manifest lists
    part.write_bytes(bytes(data))
    assert not verify_archive(tmp_path).ok
    report = repair.repair_archive(tmp_path)
    assert [(p.problem, p.readable, p.lost) for p in report.repaired] == [
        ("size or sha256 differs from its manifest entry", 3, 0)]
    assert verify_archive(tmp_path).ok



def test_repair_forgets_the_lost_record_in_the_shared_redis_state(sample_site: str, redis_server: str,
                                                                   tmp_path: Path) -> None:
    url = f"{redis_server}/13"
    server = redis.Redis.from_url(url)
    server.flushdb()
    archive = tmp_path / "out"
    shared = ["-s", f"NEWSCRAWL_REDIS_URL={url}", "-s", "NEWSCRAWL_REDIS_IDLE_TIMEOUT=1"]
    first = crawl(sample_site, archive, *shared)
    assert first.returncode == EXIT_OK, first.stderr[-3000:]
    part = next(p for p in sorted(archive.glob("articles/*/part-*.jsonl.gz"))
                if gzip.decompress(p.read_bytes()).count(b"\n") == 3)
    kept, lost = [json.loads(line) for line in gzip.decompress(part.read_bytes()).splitlines()][:2], \
        json.loads(gzip.decompress(part.read_bytes()).splitlines()[2])

    def seen(record: dict[str, Any]) -> bool:
        return bool(server.sismember("newscrawl:news:state:seen", key_digest(url_key(record["url"]))))

    assert seen(lost) and all(seen(r) for r in kept)
    flip_last_record(part)
    done = subprocess.run([sys.executable, "-m", "scrapy", "archive", "repair", str(archive), *shared],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    rel = part.relative_to(archive).as_posix()
    assert f"1 records lost from {rel} dropped: the shared crawl fetches those pages again" in done.stdout
    assert not seen(lost) and all(seen(r) for r in kept)
    assert not server.exists(f"newscrawl:news:state:rec:{lost['id']}")
    # The next shared crawl fetches the lost article again, and only it.
    before = {r["id"] for r in read_archive(archive)}
    again = crawl(sample_site, archive, *shared)
    assert again.returncode == EXIT_OK, again.stderr[-3000:]
    assert [r["url"] for r in read_archive(archive) if r["id"] not in before] == [lost["url"]]
