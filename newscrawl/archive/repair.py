"""Repair damaged part files (``scrapy archive repair``): quarantine, rewrite what is
readable, relist.

A finished part file is *damaged* when its compressed stream is broken or truncated,
a line is not a valid record of its crawl and partition (JSON object, record schema,
``id`` of its ``canonical_url``, ``crawl_id``, ``fetched_at`` date), or its size or
sha256 differ from its manifest's entry. For each damaged part of a crawl that is not
running:

1. a note is written, ``quarantine/<path>.note.json``: what is wrong, and the name of
   the part its readable records go to;
2. the file is moved to ``quarantine/<path>`` (``quarantine/articles/date=.../``):
   nothing is deleted, and no consumer's ``articles/*/*.jsonl.gz`` glob sees it;
3. its readable records (the valid lines before the damage, each ``id`` once) are
   written to a new part of the same crawl and partition, ``part-<crawl_id>-<n>``
   with an ``n`` the crawl has not used, atomically like any part;
4. the crawl's manifest lists the new part instead of the damaged one (``records``
   recounted) and gains a ``repairs`` entry;
5. the note says ``done``, with the counts.

Each step can be redone: a repair interrupted at any point is finished by the next
one, from the notes. The records that could not be read are lost from the archive;
the caller drops them from the crawl state (``newscrawl.dedup.ingest.forget_lost``)
so that the next crawl fetches their pages again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscrawl.archive.compression import SUFFIXES, compression_of, iter_lines
from newscrawl.archive.layout import ARTICLES, PART_RE, QUARANTINE, TEMP_RE, TMP_SUFFIX, PartName, part_files
from newscrawl.archive.manifest import describe_part, files_entry, is_running, manifest_path, now, write_manifest
from newscrawl.archive.writer import PartWriter, fsync_dir
from newscrawl.schema import record_errors
from newscrawl.urls import record_id

logger = logging.getLogger(__name__)

NOTE_SUFFIX = ".note.json"
#: Compressed bytes fed to the decoder at a time when rewriting a damaged part: an
#: error loses the output of the whole call, so one byte at a time keeps every line
#: before the damage (about 0.5 s per MB of compressed part, and only damaged parts are rewritten).
SALVAGE_CHUNK = 1
CHECK_CHUNK = 1 << 16


@dataclass
class RepairedPart:
    path: str
    """The damaged part, relative to the archive root."""
    problem: str
    quarantined: str
    rewritten: str | None
    readable: int
    lost: int | None
    """Records its manifest listed that could not be read (None: it was not listed)."""


@dataclass
class RepairReport:
    checked: int = 0
    repaired: list[RepairedPart] = field(default_factory=list)
    skipped_running: list[str] = field(default_factory=list)


def _listed(root: Path) -> dict[str, dict[str, Any]]:
    """Manifest entry of every listed part file (unparsable manifests list nothing)."""
    out: dict[str, dict[str, Any]] = {}
    runs = root / "runs"
    for path in sorted(runs.glob("*.json")) if runs.is_dir() else []:
        try:
            manifest = json.loads(path.read_text("utf-8"))
            for entry in manifest.get("files") or []:
                out[str(entry.get("path"))] = entry
        except (OSError, ValueError, AttributeError):
            continue
    return out


def _record_problem(line: bytes, part: PartName) -> str | None:
    try:
        record = json.loads(line)
    except ValueError as exc:
        return f"not JSON: {exc}"
    if not isinstance(record, dict):
        return "not a JSON object"
    errors = record_errors(record)
    if errors:
        return "schema: " + errors[0]
    if record["id"] != record_id(record["canonical_url"]):
        return "id is not sha1 of canonical_url's key"
    if record.get("crawl_id") != part.crawl_id or str(record.get("fetched_at"))[:10] != part.date:
        return "crawl_id or fetched_at does not match the file"
    return None


def _readable(part: PartName, salvage: dict[str, Any], chunk_size: int) -> Iterator[tuple[int, bytes, str | None]]:
    """``(line number, line, problem)`` of the lines that decompress, stopping quietly
    at the damage (``salvage`` says where and why)."""
    for n, line in enumerate(iter_lines(part.path, salvage=salvage, chunk_size=chunk_size), 1):
        yield n, line, _record_problem(line, part)


def damage(part: PartName, entry: dict[str, Any] | None) -> str | None:
    """What is wrong with a finished part file, or None."""
    salvage: dict[str, Any] = {}
    lines, problem = 0, None
    for n, _line, why in _readable(part, salvage, CHECK_CHUNK):
        lines = n
        if why and problem is None:
            problem = f"line {n}: {why}"
    if salvage.get("stopped"):
        return f"{salvage['stopped']} (after {lines} lines)"
    if salvage.get("partial_bytes"):
        return f"last line has no newline (after {lines} lines)"
    if problem:
        return problem
    if entry is not None:
        sha = hashlib.sha256()
        with open(part.path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 16), b""):
                sha.update(chunk)
        if entry.get("sha256") != sha.hexdigest() or entry.get("bytes") != part.path.stat().st_size:
            return "size or sha256 differs from its manifest entry"
    return None


def _used_numbers(root: Path, crawl_id: str) -> set[int]:
    used = set()
    for base in (root / ARTICLES, root / QUARANTINE / ARTICLES):
        for path in base.glob(f"*/*-{crawl_id}-*") if base.is_dir() else []:
            match = PART_RE.match(path.name.removesuffix(NOTE_SUFFIX)) or TEMP_RE.match(path.name)
            if match and match["crawl"] == crawl_id:
                used.add(int(match["n"]))
    manifest = manifest_path(root, crawl_id)
    if manifest.is_file():
        for entry in json.loads(manifest.read_text("utf-8")).get("files") or []:
            match = PART_RE.match(Path(str(entry.get("path"))).name)
            if match:
                used.add(int(match["n"]))
    return used


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}{TMP_SUFFIX}")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", "utf-8")
    os.replace(tmp, path)
    fsync_dir(path.parent)


def _rewrite(root: Path, source: Path, part: PartName, target: Path) -> int:
    """Write the readable records of ``source`` to the finished part ``target``;
    return how many (0: no file written)."""
    tmp = target.with_name(f".{target.name}{TMP_SUFFIX}")
    tmp.unlink(missing_ok=True)  # an interrupted repair's
    readable = PartName(part.date, part.crawl_id, part.n, source)
    writer: PartWriter | None = None
    ids: set[bytes] = set()
    for _, line, problem in _readable(readable, {}, SALVAGE_CHUNK):
        if problem:
            continue
        key = bytes.fromhex(json.loads(line)["id"])
        if key in ids:
            continue
        ids.add(key)
        if writer is None:
            writer = PartWriter(root, target, tmp, compression=compression_of(source) or "gzip", flush_records=0)
        writer.write_line(line)
    if writer is None:
        return 0
    writer.finish()
    return len(ids)


def _relist(root: Path, note: dict[str, Any]) -> None:
    """The crawl's manifest lists the rewritten part instead of the damaged one."""
    path = manifest_path(root, note["crawl_id"])
    if not path.is_file():
        return  # a crashed crawl without a manifest: recovery lists its parts
    manifest = json.loads(path.read_text("utf-8"))
    files = [f for f in manifest.get("files") or [] if f.get("path") != note["path"]]
    new = note.get("rewritten_to")
    if new and (root / new).is_file() and new not in {f.get("path") for f in files}:
        files += files_entry([describe_part(root, root / new)])
    manifest["files"] = files
    manifest["records"] = sum(int(f.get("records") or 0) for f in files)
    repairs = manifest.setdefault("repairs", [])
    if not any(r.get("path") == note["path"] for r in repairs):
        repairs.append({key: note.get(key) for key in
                        ("path", "problem", "quarantined_to", "rewritten_to", "readable", "lost", "repaired_at")})
    write_manifest(root, note["crawl_id"], manifest)


def _finish(root: Path, note_path: Path, note: dict[str, Any]) -> RepairedPart:
    """Steps 2-5 for one part whose note is written; each is skipped once done."""
    original, quarantined = root / note["path"], root / note["quarantined_to"]
    if original.exists():
        quarantined.parent.mkdir(parents=True, exist_ok=True)
        os.replace(original, quarantined)
        fsync_dir(original.parent)
        fsync_dir(quarantined.parent)
    part = PartName(note["date"], note["crawl_id"], note["n"], quarantined)
    target = root / note["planned"]
    if note.get("readable") is None:
        note["readable"] = _rewrite(root, quarantined, part, target) if not target.exists() else \
            describe_part(root, target).records
        note["rewritten_to"] = note["planned"] if note["readable"] else None
        listed = note.get("listed_records")
        note["lost"] = None if listed is None else max(0, int(listed) - note["readable"])
        note["repaired_at"] = now().isoformat(timespec="seconds")
        _write_json(note_path, note)
    _relist(root, note)
    note["status"] = "done"
    _write_json(note_path, note)
    logger.info("repaired %s (%s): %d readable records into %s, %s lost; the damaged file is %s",
                   note["path"], note["problem"], note["readable"], note["rewritten_to"] or "no file",
                   "?" if note["lost"] is None else note["lost"], note["quarantined_to"])
    return RepairedPart(note["path"], note["problem"], note["quarantined_to"], note["rewritten_to"],
                        note["readable"], note["lost"])


def _start(root: Path, part: PartName, problem: str, entry: dict[str, Any] | None) -> tuple[Path, dict[str, Any]]:
    """Step 1: the note, with the name of the part the readable records go to."""
    rel = part.path.relative_to(root).as_posix()
    n = max(_used_numbers(root, part.crawl_id) | {part.n}) + 1
    suffix = SUFFIXES[compression_of(part.path) or "gzip"]
    note = {
        "status": "started", "path": rel, "problem": problem, "crawl_id": part.crawl_id, "date": part.date,
        "n": part.n, "quarantined_to": f"{QUARANTINE}/{rel}",
        "planned": part.path.with_name(f"part-{part.crawl_id}-{n}{suffix}").relative_to(root).as_posix(),
        "listed_records": entry.get("records") if entry else None,
        "readable": None, "rewritten_to": None, "lost": None, "by": "scrapy archive repair",
    }
    note_path = root / QUARANTINE / f"{rel}{NOTE_SUFFIX}"
    _write_json(note_path, note)
    return note_path, note


def unfinished_notes(base: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The notes under ``base`` of repairs not done yet (interrupted), with their paths."""
    out = []
    for path in sorted(base.rglob(f"*{NOTE_SUFFIX}")) if base.is_dir() else []:
        try:
            note = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if note.get("status") != "done":
            out.append((path, note))
    return out


def repair_archive(root: str | Path) -> RepairReport:
    """Find and repair every damaged part file under ``root`` (see the module docstring)."""
    root = Path(root)
    report = RepairReport()
    for note_path, note in unfinished_notes(root / QUARANTINE / ARTICLES):  # an interrupted repair first
        report.repaired.append(_finish(root, note_path, note))
    listed = _listed(root)
    for part in part_files(root):
        report.checked += 1
        rel = part.path.relative_to(root).as_posix()
        problem = damage(part, listed.get(rel))
        if problem is None:
            continue
        if is_running(root, part.crawl_id):
            report.skipped_running.append(rel)
            continue
        note_path, note = _start(root, part, problem, listed.get(rel))
        report.repaired.append(_finish(root, note_path, note))
    return report
