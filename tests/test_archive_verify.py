"""``scrapy archive verify`` on a real crawl's archive, then on copies damaged by hand:
each damage is named with its file (and line), and the exit status is non-zero."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newscrawl.archive.verify import verify_archive
from tests.test_archive_manifest import crawl_sample_site, run_command

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pristine(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("pristine")
    crawl_sample_site(sample_site, archive, NEWSCRAWL_ARCHIVE_MAX_RECORDS="4")
    return archive


@pytest.fixture
def archive(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "archive"
    shutil.copytree(pristine, copy)
    return copy


def manifest_file(archive: Path) -> Path:
    (path,) = [p for p in (archive / "runs").glob("*.json")]
    return path


def parts(archive: Path) -> list[str]:
    return sorted(p.relative_to(archive).as_posix() for p in archive.glob("articles/*/part-*"))


def edit_manifest(archive: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    path = manifest_file(archive)
    manifest = json.loads(path.read_text("utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


def rewrite_part(archive: Path, rel: str, edit: Callable[[list[bytes]], list[bytes]],
                 *, into: str | None = None) -> None:
    """Rewrite a part file's lines and its manifest entry to match, as a careless tool
    would: only the line-level damage remains for verify to find."""
    path = archive / rel
    lines = edit(gzip.decompress(path.read_bytes()).splitlines())
    data = gzip.compress(b"".join(line + b"\n" for line in lines), mtime=0)
    path.unlink()
    target = archive / (into or rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)

    def fix(manifest: dict[str, Any]) -> None:
        for entry in manifest["files"]:
            if entry["path"] == rel:
                entry.update(path=into or rel, bytes=len(data), records=len(lines),
                             sha256=hashlib.sha256(data).hexdigest())
        manifest["records"] = sum(e["records"] for e in manifest["files"])

    edit_manifest(archive, fix)


def set_field(line: bytes, **changes: Any) -> bytes:
    record = json.loads(line)
    record.update(changes)
    return json.dumps(record, ensure_ascii=False).encode()


# --- the damages ---------------------------------------------------------------------

def truncate(archive: Path) -> tuple[str, str]:
    rel = parts(archive)[1]
    data = (archive / rel).read_bytes()
    (archive / rel).write_bytes(data[: len(data) // 2])
    return rel, "truncated gzip stream"


def flip_byte(archive: Path) -> tuple[str, str]:
    rel = parts(archive)[0]
    data = bytearray((archive / rel).read_bytes())
    data[len(data) // 2] ^= 0x5A
    (archive / rel).write_bytes(bytes(data))
    return rel, "sha256"


def schema_violation(archive: Path) -> tuple[str, str]:
    rel = parts(archive)[0]
    rewrite_part(archive, rel, lambda ls: [ls[0], set_field(ls[1], http_status="200"), *ls[2:]])
    return rel + ":2", "schema: http_status: '200' is not of type 'integer'"


def missing_field(archive: Path) -> tuple[str, str]:
    rel = parts(archive)[2]

    def drop_title(ls: list[bytes]) -> list[bytes]:
        record = json.loads(ls[2])
        del record["title"]
        return [*ls[:2], json.dumps(record, ensure_ascii=False).encode(), *ls[3:]]

    rewrite_part(archive, rel, drop_title)
    return rel + ":3", "'title' is a required property"


def not_json(archive: Path) -> tuple[str, str]:
    rel = parts(archive)[0]
    rewrite_part(archive, rel, lambda ls: [ls[0], ls[1][:50], *ls[2:]])
    return rel + ":2", "not JSON"


def wrong_id(archive: Path) -> tuple[str, str]:
    rel = parts(archive)[0]
    rewrite_part(archive, rel, lambda ls: [set_field(ls[0], id="0" * 40), *ls[1:]])
    return rel + ":1", "is not sha1 of canonical_url's key"


def duplicate_id(archive: Path) -> tuple[str, str]:
    first, second = parts(archive)[:2]
    line = gzip.decompress((archive / first).read_bytes()).splitlines()[0]
    rewrite_part(archive, second, lambda ls: [*ls, line])
    return second, f"already at {first}:1 in the same crawl"


def delete_listed(archive: Path) -> tuple[str, str]:
    rel = parts(archive)[-1]
    (archive / rel).unlink()
    manifest = manifest_file(archive).relative_to(archive).as_posix()
    return manifest, f"lists {rel}, which does not exist"


def unlisted_same_crawl(archive: Path) -> tuple[str, str]:
    rel = parts(archive)[0]
    extra = rel.replace("-1.jsonl.gz", "-77.jsonl.gz")
    shutil.copy(archive / rel, archive / extra)
    return extra, f"not listed in runs/{manifest_file(archive).name}"


def unlisted_other_crawl(archive: Path) -> tuple[str, str]:
    rel = parts(archive)[0]
    extra = str(Path(rel).parent / "part-20991231T000000Z-ffffff-1.jsonl.gz")
    shutil.copy(archive / rel, archive / extra)
    return extra, "not listed in any manifest"


def stray_file(archive: Path) -> tuple[str, str]:
    rel = str(Path(parts(archive)[0]).parent / "extra.jsonl.gz")
    shutil.copy(archive / parts(archive)[0], archive / rel)
    return rel, "unexpected file in a partition"


def wrong_count(archive: Path) -> tuple[str, str]:
    rel = parts(archive)[0]

    def bump(manifest: dict[str, Any]) -> None:
        manifest["files"][0]["records"] += 1
    edit_manifest(archive, bump)
    return rel, "4 records, manifest"


def wrong_partition(archive: Path) -> tuple[str, str]:
    rel = parts(archive)[0]
    moved = rel.replace(rel.split("/")[1], "date=2001-01-01")
    rewrite_part(archive, rel, lambda ls: ls, into=moved)
    return moved + ":1", "is not in partition date=2001-01-01"


def leftover_temp(archive: Path) -> tuple[str, str]:
    rel = parts(archive)[0]
    tmp = str(Path(rel).parent / ("." + Path(rel).name.replace("-1.", "-9.") + ".tmp"))
    (archive / tmp).write_bytes((archive / rel).read_bytes()[:100])
    return tmp, "temp file left by crawl"


def broken_manifest(archive: Path) -> tuple[str, str]:
    path = manifest_file(archive)
    path.write_text(path.read_text("utf-8")[:200], "utf-8")
    return path.relative_to(archive).as_posix(), "manifest does not parse"


DAMAGES = [truncate, flip_byte, schema_violation, missing_field, not_json, wrong_id, duplicate_id,
           delete_listed, unlisted_same_crawl, unlisted_other_crawl, stray_file, wrong_count,
           wrong_partition, leftover_temp, broken_manifest]


def test_clean_archive_passes(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run_command(["verify", str(archive)], capsys)
    assert status == 0, out
    assert out.splitlines()[-1].startswith("OK: 4 part files, 14 records, 1 manifests")


@pytest.mark.parametrize("damage", DAMAGES, ids=[d.__name__ for d in DAMAGES])
def test_damage_is_named(archive: Path, damage: Callable[[Path], tuple[str, str]],
                         capsys: pytest.CaptureFixture[str]) -> None:
    where, problem = damage(archive)
    status, out = run_command(["verify", str(archive)], capsys)
    assert status == 1
    assert any(line.startswith(where + ":") and problem in line for line in out.splitlines()), out
    assert out.splitlines()[-1].startswith("FAILED: ")


def test_many_bad_lines_are_capped(archive: Path) -> None:
    rel = parts(archive)[0]
    rewrite_part(archive, rel, lambda ls: [set_field(ls[0], http_status="x")] * 30)
    report = verify_archive(archive)
    mine = [p for p in report.problems if p.path == rel]
    assert len(mine) <= 22 and "more line problems" in mine[-1].message


def test_same_id_in_a_later_crawl_is_a_version(archive: Path) -> None:
    rel = parts(archive)[0]
    later = "20991231T000000Z-later1"
    target = str(Path(rel).parent / f"part-{later}-1.jsonl.gz")
    lines = [set_field(line, crawl_id=later)
             for line in gzip.decompress((archive / rel).read_bytes()).splitlines()]
    data = gzip.compress(b"".join(line + b"\n" for line in lines))
    (archive / target).write_bytes(data)
    (archive / "runs" / f"{later}.json").write_text(json.dumps({
        "crawl_id": later, "started_at": None, "finished_at": None, "finish_reason": "finished",
        "records": len(lines), "files": [{"path": target, "records": len(lines), "bytes": len(data),
                                           "sha256": hashlib.sha256(data).hexdigest()}]}))
    report = verify_archive(archive)
    assert report.ok, report.lines()
    assert report.versions == len(lines)


def test_missing_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run_command(["verify", str(tmp_path / "nowhere")], capsys)
    assert status == 1 and "no archive found at" in out


def test_real_command_exit_status(archive: Path) -> None:
    def verify() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "scrapy", "archive", "verify", str(archive)],
                              capture_output=True, text=True, timeout=60, cwd=REPO)

    ok = verify()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    where, problem = truncate(archive)
    bad = verify()
    assert bad.returncode == 1
    assert f"{where}:" in bad.stdout and problem in bad.stdout
