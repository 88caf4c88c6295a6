"""Damaged WARC files, end to end with the real commands: a real crawl of the sample
site, one byte flipped inside one WARC record (and, in another archive, a WARC cut
short); ``scrapy archive verify`` fails, ``scrapy archive repair`` quarantines the
file with a note, copies every other record byte for byte into a file of the same
name with a new CDXJ index, relists it in the manifest, and ``verify`` passes again
with a note counting the archived records whose WARC record was lost."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from newscrawl.archive import read
from newscrawl.archive.manifest import read_manifests
from newscrawl.warc import repair
from tests.test_archive_crash import crawl_command

REPO = Path(__file__).resolve().parents[1]


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=180, cwd=REPO)


def archive_command(action: str, archive: Path) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "scrapy", "archive", action, str(archive)])


def record_ids(path: Path) -> list[str]:
    with open(path, "rb") as fh:
        return [r.rec_headers.get_header("WARC-Record-ID") for r in ArchiveIterator(fh)]


def member_bounds(data: bytes) -> list[tuple[int, int]]:
    return [(start, end) for start, end, _ in repair.members(data)]


def break_member(path: Path, index: int) -> str:
    """Flip one byte inside the compressed data of member ``index`` where inflating
    fails; the WARC-Record-ID that member held."""
    data = path.read_bytes()
    start, end = member_bounds(data)[index]
    (rid,) = [r.rec_headers.get_header("WARC-Record-ID")
              for r in ArchiveIterator(io.BytesIO(data[start:end]))]
    for offset in range(start + 20, end - 8):
        flipped = data[:offset] + bytes([data[offset] ^ 0xFF]) + data[offset + 1:]
        try:
            gzip.decompress(flipped[start:end])
        except zlib.error:
            path.write_bytes(flipped)
            return rid
        except (OSError, EOFError):
            continue  # CRC only
    raise AssertionError(f"no byte of member {index} of {path} breaks it")


@pytest.fixture(scope="module")
def crawled(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("warc-repair") / "out"
    proc = run(crawl_command(sample_site, archive, "-s", "DOWNLOAD_DELAY=0"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return archive


@pytest.fixture(scope="module")
def flipped(crawled: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    archive = tmp_path_factory.mktemp("flipped") / "out"
    shutil.copytree(crawled, archive)
    (warc,) = sorted(archive.glob("warc/date=*/*.warc.gz"))
    before = record_ids(warc)
    records = list(read(archive))
    response_ids = {r["warc_record_id"] for r in records}
    # A response record in the middle of the file: records before and after it stay.
    middle = next(i for i in range(len(before) // 3, len(before)) if before[i] in response_ids)
    broken = break_member(warc, middle)
    verify = archive_command("verify", archive)
    proc = archive_command("repair", archive)
    return {"archive": archive, "warc": warc, "before": before, "broken": broken, "records": records,
            "verify_before": verify, "repair": proc, "rel": warc.relative_to(archive).as_posix()}


def test_verify_fails_on_the_flipped_byte(flipped: dict[str, Any]) -> None:
    assert flipped["verify_before"].returncode == 1
    assert flipped["rel"] in flipped["verify_before"].stdout


def test_repair_says_what_it_did(flipped: dict[str, Any]) -> None:
    proc = flipped["repair"]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    kept = len(flipped["before"]) - 1
    assert f"repaired {flipped['rel']} (" in proc.stdout
    assert f"{kept} WARC records kept in {flipped['rel']}, 1 lost" in proc.stdout


def test_every_other_record_is_kept_byte_for_byte(flipped: dict[str, Any]) -> None:
    quarantined = flipped["archive"] / "quarantine" / flipped["rel"]
    assert quarantined.is_file()
    assert record_ids(flipped["warc"]) == [r for r in flipped["before"] if r != flipped["broken"]]
    old, new = quarantined.read_bytes(), flipped["warc"].read_bytes()
    old_members = [old[s:e] for s, e in member_bounds(old)]
    new_members = [new[s:e] for s, e in member_bounds(new)]
    assert len(new_members) == len(old_members) - 1
    assert all(m in old_members for m in new_members)


def test_note_and_manifest_describe_the_repair(flipped: dict[str, Any]) -> None:
    archive = flipped["archive"]
    note = json.loads((archive / "quarantine" / f"{flipped['rel']}.note.json").read_text("utf-8"))
    assert note["status"] == "done" and note["lost"] == 1 and note["kept"] == len(flipped["before"]) - 1
    (manifest,) = read_manifests(archive)
    (entry,) = [f for f in manifest["warc_files"] if f["path"] == flipped["rel"]]
    assert entry["records"] == len(flipped["before"]) - 1
    assert entry["bytes"] == flipped["warc"].stat().st_size
    (fix,) = [r for r in manifest["repairs"] if r.get("kind") == "warc"]
    assert fix["path"] == flipped["rel"] and fix["rewritten_to"] == flipped["rel"] and fix["lost"] == 1
    new_index = (archive / entry["index"]).read_text("utf-8").splitlines()
    old_index = (archive / "quarantine" / entry["index"]).read_text("utf-8").splitlines()
    assert len(new_index) == len(old_index) - 1  # the lost response's line


def test_verify_passes_after_repair_and_counts_the_lost_page(flipped: dict[str, Any]) -> None:
    proc = archive_command("verify", flipped["archive"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lost = sum(1 for r in flipped["records"] if r["warc_record_id"] == flipped["broken"])
    assert lost == 1
    assert f"1 records name WARC records of {flipped['rel']} that were lost to damage" in proc.stdout


def test_second_repair_finds_nothing(flipped: dict[str, Any]) -> None:
    proc = archive_command("repair", flipped["archive"])
    assert proc.returncode == 0
    assert "none damaged" in proc.stdout


def test_truncated_warc_keeps_its_whole_records(crawled: Path, tmp_path: Path) -> None:
    archive = tmp_path / "out"
    shutil.copytree(crawled, archive)
    (warc,) = sorted(archive.glob("warc/date=*/*.warc.gz"))
    before = record_ids(warc)
    bounds = member_bounds(warc.read_bytes())
    cut = bounds[-3][0] + (bounds[-3][1] - bounds[-3][0]) // 2  # inside the third member from the end
    with open(warc, "r+b") as fh:
        fh.truncate(cut)
    report = repair.repair_warcs(archive)
    (fixed,) = report.repaired
    assert (fixed.kept, fixed.lost) == (len(before) - 3, 1)
    assert record_ids(warc) == before[:-3]
    assert archive_command("verify", archive).returncode == 0


def test_interrupted_repair_is_finished_by_the_next(crawled: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "out"
    shutil.copytree(crawled, archive)
    (warc,) = sorted(archive.glob("warc/date=*/*.warc.gz"))
    before = record_ids(warc)
    break_member(warc, 1)

    def killed(*_: Any) -> None:
        raise KeyboardInterrupt
    monkeypatch.setattr(repair, "_keep_good", killed)
    with pytest.raises(KeyboardInterrupt):
        repair.repair_warcs(archive)
    assert not warc.exists() and (archive / "quarantine" / warc.relative_to(archive)).is_file()
    monkeypatch.undo()
    proc = archive_command("repair", archive)  # the part files' repair first, then the WARCs'
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{len(before) - 1} WARC records kept" in proc.stdout
    assert record_ids(warc) == [r for i, r in enumerate(before) if i != 1]
    assert archive_command("verify", archive).returncode == 0


def test_members_walks_past_a_broken_one() -> None:
    parts = [gzip.compress(f"member {i}\n".encode()) for i in range(3)]
    broken = bytearray(parts[1])
    broken[12] ^= 0xFF
    data = parts[0] + bytes(broken) + parts[2]
    found = list(repair.members(data))
    assert [(s, e) for s, e, _ in found] == [(0, len(parts[0])), (len(parts[0]), len(parts[0]) + len(broken)),
                                             (len(data) - len(parts[2]), len(data))]
    assert found[0][2] == b"member 0\n" and found[1][2] is None and found[2][2] == b"member 2\n"
