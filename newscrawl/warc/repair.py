"""Repair damaged WARC files (``scrapy archive repair``, after the part files).

A finished WARC file is *damaged* when a gzip member does not inflate, a record's
block or payload digest does not match (warcio's check, as ``scrapy archive
verify``), or the file's size or sha256 differ from its manifest's entry. For each
damaged WARC of a crawl that is not running:

1. a note is written, ``quarantine/warc/date=.../<name>.note.json``: what is wrong;
2. the file and its CDXJ index are moved to ``quarantine/warc/date=.../``: nothing
   is deleted;
3. its good records are copied **byte for byte, in order, to a new file of the same
   name**: every gzip member that inflates whole and holds one WARC record whose
   digests match, wherever it is in the file (the writer puts each record in a
   member of its own, so after a broken member the next gzip header starts the next
   record). Records of the JSON Lines archive name that file and a
   ``WARC-Record-ID`` in it, and both stay true for every record kept. Its CDXJ
   index is written again;
4. the crawl's manifest lists the new file (records, size, sha256, index) and gains
   a ``repairs`` entry (``kind: "warc"``) with the WARC records kept and lost;
5. the note says ``done``.

Each step can be redone: a repair interrupted at any point is finished by the next
one, from the notes. An archived record whose WARC record was lost keeps its
``warc_file``/``warc_record_id`` (its page was archived; only the bytes as received
are gone): ``scrapy archive verify`` counts it in a note, naming the repair, instead
of failing, and ``scrapy reextract`` has nothing to replay for it.
"""

from __future__ import annotations

import json
import logging
import mmap
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from newscrawl.archive.layout import QUARANTINE, TMP_SUFFIX
from newscrawl.archive.manifest import is_running, manifest_path, now, read_manifests, write_manifest
from newscrawl.archive.repair import unfinished_notes
from newscrawl.archive.writer import fsync_dir
from newscrawl.warc.layout import WARC, index_path_for, warc_files
from newscrawl.warc.recovery import describe_warc
from newscrawl.warc.verify import check_warc
from newscrawl.warc.writer import warc_files_entry

logger = logging.getLogger(__name__)

NOTE_SUFFIX = ".note.json"
GZIP_MAGIC = b"\x1f\x8b\x08"
#: Compressed bytes inflated at a time while walking the members.
CHUNK = 1 << 16
#: The ``kind`` of a WARC repair in a manifest's ``repairs`` (part repairs have none).
REPAIR_KIND = "warc"


@dataclass
class RepairedWarc:
    path: str
    problem: str
    quarantined: str
    rewritten: str | None
    kept: int
    """WARC records copied to the new file (warcinfo included)."""
    lost: int
    """Gzip members left behind: broken, or a record whose digests do not match."""


@dataclass
class WarcRepairReport:
    checked: int = 0
    repaired: list[RepairedWarc] = field(default_factory=list)
    skipped_running: list[str] = field(default_factory=list)


def members(buf: bytes | mmap.mmap) -> Iterator[tuple[int, int, bytes | None]]:
    """``(start, end, inflated)`` of each gzip member of ``buf``; ``inflated`` is None
    for a broken one, which ends where the next gzip header starts (or at the end)."""
    pos, size = 0, len(buf)
    while pos < size:
        inflate = zlib.decompressobj(wbits=31)
        out: list[bytes] = []
        cur, whole = pos, False
        try:
            while cur < size and not whole:
                chunk = buf[cur:cur + CHUNK]
                out.append(inflate.decompress(chunk))
                whole = inflate.eof
                cur += len(chunk) - (len(inflate.unused_data) if whole else 0)
        except zlib.error:
            whole = False
        if whole:
            yield pos, cur, b"".join(out)
            pos = cur
            continue
        following = buf.find(GZIP_MAGIC, pos + 1)
        end = size if following < 0 else following
        yield pos, end, None
        pos = end


def good_record(member: bytes) -> str | None:
    """The WARC-Record-ID of the one record a gzip member holds when it reads whole
    and its digests match, else None."""
    try:
        records = ArchiveIterator(BytesIO(member), check_digests=True)
        found = None
        for n, record in enumerate(records):
            content = record.content_stream()
            while content.read(1 << 20):
                pass
            if n or record.digest_checker.passed is False:
                return None
            found = record.rec_headers.get_header("WARC-Record-ID") or ""
        return found
    except Exception:  # noqa: BLE001 - any parse failure means "not a good record"
        return None


def _keep_good(source: Path, target: Path) -> tuple[int, int]:
    """Copy the good members of ``source`` to ``target`` (temp name, then rename);
    ``(kept, lost)``. Nothing is written when none is good."""
    tmp = target.with_name(f".recovered-{target.name}{TMP_SUFFIX}")
    tmp.unlink(missing_ok=True)  # an interrupted repair's
    kept = lost = 0
    with open(source, "rb") as inp, open(tmp, "wb") as out:
        size = os.fstat(inp.fileno()).st_size
        buf = mmap.mmap(inp.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        try:
            for start, end, inflated in members(buf):
                if inflated is not None and good_record(buf[start:end]) is not None:
                    out.write(buf[start:end])
                    kept += 1
                else:
                    lost += 1
        finally:
            if isinstance(buf, mmap.mmap):
                buf.close()
        out.flush()
        os.fsync(out.fileno())
    if kept:
        os.replace(tmp, target)
        fsync_dir(target.parent)
    else:
        tmp.unlink()
    return kept, lost


def _listed(root: Path) -> dict[str, dict[str, Any]]:
    """The manifest entry of every listed WARC file."""
    return {str(entry.get("path")): entry for manifest in read_manifests(root)
            for entry in manifest.get("warc_files") or []}


def damage(path: Path, entry: dict[str, Any] | None) -> str | None:
    """What is wrong with a finished WARC file, or None."""
    check = check_warc(path)
    if check.problems:
        more = f" (and {len(check.problems) - 1} more)" if len(check.problems) > 1 else ""
        return check.problems[0] + more
    if entry is not None and (entry.get("sha256") != check.sha256 or entry.get("bytes") != check.bytes):
        return "size or sha256 differs from its manifest entry"
    return None


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}{TMP_SUFFIX}")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    os.replace(tmp, path)
    fsync_dir(path.parent)


def _move(source: Path, target: Path) -> None:
    if source.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        fsync_dir(source.parent)
        fsync_dir(target.parent)


def _relist(root: Path, note: dict[str, Any]) -> None:
    """The crawl's manifest lists the rewritten WARC instead of the damaged one."""
    path = manifest_path(root, note["crawl_id"])
    if not path.is_file():
        return  # a crashed crawl without a manifest: recovery lists its WARC files
    manifest = json.loads(path.read_text("utf-8"))
    files = [f for f in manifest.get("warc_files") or [] if f.get("path") != note["path"]]
    if note.get("rewritten_to") and (root / note["rewritten_to"]).is_file():
        files += warc_files_entry([describe_warc(root, root / note["rewritten_to"])])
    manifest["warc_files"] = sorted(files, key=lambda f: str(f.get("path")))
    repairs = manifest.setdefault("repairs", [])
    if not any(r.get("path") == note["path"] for r in repairs):
        repairs.append({"kind": REPAIR_KIND, **{key: note.get(key) for key in (
            "path", "problem", "quarantined_to", "rewritten_to", "kept", "lost", "repaired_at")}})
    write_manifest(root, note["crawl_id"], manifest)


def _finish(root: Path, note_path: Path, note: dict[str, Any]) -> RepairedWarc:
    """Steps 2-5 for one WARC whose note is written; each is skipped once done."""
    original, quarantined = root / note["path"], root / note["quarantined_to"]
    index = index_path_for(original)
    if original.exists() and not quarantined.exists():
        _move(index, index_path_for(quarantined))
        _move(original, quarantined)
    if note.get("kept") is None:
        note["kept"], note["lost"] = _keep_good(quarantined, original)
        note["rewritten_to"] = note["path"] if note["kept"] else None
        note["repaired_at"] = now().isoformat(timespec="seconds")
        _write_json(note_path, note)
    if note["rewritten_to"]:
        describe_warc(root, original)  # writes the index when it is missing
    _relist(root, note)
    note["status"] = "done"
    _write_json(note_path, note)
    logger.info("repaired WARC %s (%s): %d WARC records kept, %d lost; the damaged file is %s",
                note["path"], note["problem"], note["kept"], note["lost"], note["quarantined_to"])
    return RepairedWarc(note["path"], note["problem"], note["quarantined_to"], note["rewritten_to"],
                        note["kept"], note["lost"])


def repair_warcs(root: str | Path) -> WarcRepairReport:
    """Find and repair every damaged WARC file under ``root`` (see the module docstring)."""
    root = Path(root)
    report = WarcRepairReport()
    for note_path, note in unfinished_notes(root / QUARANTINE / WARC):  # an interrupted repair first
        report.repaired.append(_finish(root, note_path, note))
    listed = _listed(root)
    for warc in warc_files(root):
        report.checked += 1
        rel = warc.path.relative_to(root).as_posix()
        problem = damage(warc.path, listed.get(rel))
        if problem is None:
            continue
        if is_running(root, warc.crawl_id):
            report.skipped_running.append(rel)
            continue
        note = {"status": "started", "path": rel, "problem": problem, "crawl_id": warc.crawl_id,
                "quarantined_to": f"{QUARANTINE}/{rel}", "kept": None, "lost": None,
                "rewritten_to": None, "by": "scrapy archive repair"}
        note_path = root / QUARANTINE / f"{rel}{NOTE_SUFFIX}"
        _write_json(note_path, note)
        report.repaired.append(_finish(root, note_path, note))
    return report
