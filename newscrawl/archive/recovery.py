"""Recover what a crashed crawl left in the archive, at the next start (or by hand with
``scrapy archive recover``).

A crawl is *crashed* when it left something behind and its run marker
(``runs/.<crawl_id>.running``) is not locked: hidden temp part files, finished part
files but no manifest, a half-written manifest, or only the marker. Crawls that are
still running (marker locked) are never touched, so two crawls may share an archive.

For each crashed crawl:

1. ``.recovered-*.tmp`` files (an earlier recovery that was itself interrupted) are
   removed; their source temp file is still there.
2. Each ``.part-<crawl_id>-<n>...tmp`` is decompressed until its stream breaks; every
   complete line that parses as a JSON object, passes the schema, belongs to this crawl
   and this partition, and whose ``id`` is not already in the archive is written (byte
   for byte) to a new finished part file, ``part-<crawl_id>-<n>...`` in the same
   partition, atomically like any part. The trailing partial line is dropped. Then the
   temp file is removed.
3. If the crawl has no manifest, one is written: ``finish_reason: "crashed
   (recovered)"``, its files (read back: counts, sizes, sha256), what the run marker
   knew (start, settings) and a ``recovery`` block. If it has one, the recovered files
   are added to it.
4. The half-written manifest and the marker are removed.

Records whose ``id`` is already in the archive are not recovered: the copy already
there wins (a later crawl may have fetched the page again), so recovery never adds a
second copy of a record. Each step is idempotent: a recovery interrupted at any point
is finished by the next one.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newscrawl.archive.compression import SUFFIXES, CorruptFile, compression_of, iter_lines
from newscrawl.archive.layout import RUNS, TMP_SUFFIX, parse_temp, part_files, temp_files
from newscrawl.archive.manifest import (
    MANIFEST_VERSION,
    RECOVERED_REASON,
    RUNNING,
    describe_part,
    files_entry,
    is_running,
    manifest_path,
    marker_info,
    now,
    write_manifest,
)
from newscrawl.archive.writer import PartFile, PartWriter, fsync_dir
from newscrawl.schema import record_errors
from newscrawl.warc.layout import parse_warc_temp, warc_files, warc_temp_files
from newscrawl.warc.recovery import describe_warc, recover_warcs
from newscrawl.warc.writer import WarcFile, warc_files_entry

logger = logging.getLogger(__name__)

RECOVERY_LOCK = ".recovery.lock"


@dataclass
class Leftovers:
    """What one crawl that is not running left behind."""

    crawl_id: str
    temps: list[Path] = field(default_factory=list)
    unlisted: list[Path] = field(default_factory=list)
    manifest_tmp: Path | None = None
    marker: Path | None = None
    has_manifest: bool = False
    warc_temps: list[Path] = field(default_factory=list)
    """Temp WARC files and indexes (``warc/date=.../.<crawl_id>-<n>.warc.gz.tmp``)."""
    warc_unlisted: list[Path] = field(default_factory=list)


@dataclass
class CrawlRecovery:
    crawl_id: str
    files: list[str] = field(default_factory=list)
    """Part files written from temp files."""
    records: int = 0
    """Lines recovered from temp files."""
    skipped_known_id: int = 0
    skipped_invalid: int = 0
    partial_lines: int = 0
    removed: list[str] = field(default_factory=list)
    manifest: str | None = None
    warc_files: list[str] = field(default_factory=list)
    """WARC files finished from temp WARCs."""


@dataclass
class RecoveryReport:
    crawls: list[CrawlRecovery] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(c.records for c in self.crawls)

    def __bool__(self) -> bool:
        return bool(self.crawls)


def find_leftovers(root: Path, *, include_running: bool = False) -> dict[str, Leftovers]:
    """Crawls (not running, unless asked) that left temp files, unlisted part files, a
    half-written manifest or a run marker."""
    root = Path(root)
    found: dict[str, Leftovers] = {}

    manifests: dict[str, bool] = {}

    def has_manifest(crawl_id: str) -> bool:
        if crawl_id not in manifests:
            manifests[crawl_id] = manifest_path(root, crawl_id).is_file()
        return manifests[crawl_id]

    def entry(crawl_id: str) -> Leftovers:
        if crawl_id not in found:
            found[crawl_id] = Leftovers(crawl_id, has_manifest=has_manifest(crawl_id))
        return found[crawl_id]

    for tmp in temp_files(root):
        parsed = parse_temp(tmp)
        if parsed:
            entry(parsed[1]).temps.append(tmp)
    for part in part_files(root):
        if not has_manifest(part.crawl_id):
            entry(part.crawl_id).unlisted.append(part.path)
    for tmp in warc_temp_files(root):
        warc_temp = parse_warc_temp(tmp)
        if warc_temp:
            entry(warc_temp[1]).warc_temps.append(tmp)
    for warc in warc_files(root):
        if not has_manifest(warc.crawl_id):
            entry(warc.crawl_id).warc_unlisted.append(warc.path)
    runs = root / RUNS
    if runs.is_dir():
        for path in runs.iterdir():
            if path.name.startswith(".") and path.name.endswith(".json.tmp"):
                entry(path.name[1:-len(".json.tmp")]).manifest_tmp = path
            elif path.name.startswith(".") and path.name.endswith(".running"):
                entry(path.name[1:-len(".running")]).marker = path
    if include_running:
        return found
    return {cid: lo for cid, lo in sorted(found.items()) if not is_running(root, cid)}


@contextmanager
def _recovery_lock(root: Path) -> Iterator[None]:
    runs = Path(root) / RUNS
    runs.mkdir(parents=True, exist_ok=True)
    fd = os.open(runs / RECOVERY_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # two crawls starting at once recover one at a time
        yield
    finally:
        os.close(fd)


#: How the writer starts every line; a fast path that skips parsing the whole record.
_LEADING_ID = re.compile(rb'^\{"schema_version": \d+, "id": "([0-9a-f]{40})"')


def _archive_ids(root: Path) -> set[bytes]:
    """Every record id in the finished part files (20-byte digests): one pass over the
    archive, only when there is a temp file to recover."""
    ids: set[bytes] = set()
    for part in part_files(root):
        try:
            for line in iter_lines(part.path):
                match = _LEADING_ID.match(line)
                try:
                    ids.add(bytes.fromhex(match.group(1).decode() if match else json.loads(line)["id"]))
                except (ValueError, KeyError, TypeError):
                    continue
        except CorruptFile:
            continue  # verify reports it; the lines read before the damage count
    return ids


def _salvage(
    root: Path, tmp: Path, crawl_id: str, n: int, known: set[bytes], result: CrawlRecovery,
) -> PartFile | None:
    date = tmp.parent.name.removeprefix("date=")
    compression = compression_of(tmp) or "gzip"
    suffix = SUFFIXES[compression]
    while (tmp.parent / f"part-{crawl_id}-{n}{suffix}").exists():
        n += 1  # taken by an interrupted recovery; any free number will do: the crawl is dead
    final = tmp.parent / f"part-{crawl_id}-{n}{suffix}"
    out_tmp = tmp.parent / f".recovered-{crawl_id}-{n}{suffix}{TMP_SUFFIX}"
    out_tmp.unlink(missing_ok=True)
    writer: PartWriter | None = None
    salvage: dict[str, Any] = {}
    for line in iter_lines(tmp, salvage=salvage):
        try:
            record = json.loads(line)
        except ValueError:
            result.skipped_invalid += 1
            continue
        if (not isinstance(record, dict) or record_errors(record)
                or record.get("crawl_id") != crawl_id
                or str(record.get("fetched_at", ""))[:10] != date):
            result.skipped_invalid += 1
            continue
        key = bytes.fromhex(record["id"])
        if key in known:
            result.skipped_known_id += 1
            continue
        known.add(key)
        if writer is None:
            writer = PartWriter(root, final, out_tmp, compression=compression, flush_records=0)
        writer.write_line(line)
        result.records += 1
    if salvage.get("partial_bytes"):
        result.partial_lines += 1
    return writer.finish() if writer is not None else None


def _recover_crawl(root: Path, lo: Leftovers, known: set[bytes]) -> CrawlRecovery:
    result = CrawlRecovery(lo.crawl_id)
    recovered: list[PartFile] = []
    temps = sorted(lo.temps, key=lambda p: (p.parent.name, parse_temp(p) or ("", "", 0)))
    for tmp in temps:
        parsed = parse_temp(tmp)
        if parsed and parsed[0] == "recovered":
            tmp.unlink(missing_ok=True)  # an interrupted recovery; its source is still here
            result.removed.append(tmp.relative_to(root).as_posix())
    for tmp in temps:
        parsed = parse_temp(tmp)
        if not parsed or parsed[0] != "part" or not tmp.exists():
            continue
        part = _salvage(root, tmp, lo.crawl_id, parsed[2], known, result)
        if part is not None:
            recovered.append(part)
            result.files.append(part.path)
            logger.warning("crash recovery: %d records of crawl %s from %s into %s",
                           part.records, lo.crawl_id, tmp.name, part.path)
        tmp.unlink(missing_ok=True)
        fsync_dir(tmp.parent)
        result.removed.append(tmp.relative_to(root).as_posix())
        logger.warning("crash recovery: removed temp file %s", tmp.relative_to(root))

    warc_recovered, warc_removed = recover_warcs(root, lo.crawl_id, lo.warc_temps)
    result.warc_files = [w.path for w in warc_recovered]
    result.removed += warc_removed

    marker = marker_info(lo.marker) if lo.marker else {}
    path = manifest_path(root, lo.crawl_id)
    recovery = {
        "recovered_at": now(),
        "temp_files": result.removed,
        "records_recovered": result.records,
        "skipped_known_id": result.skipped_known_id,
        "skipped_invalid": result.skipped_invalid,
        "partial_lines_dropped": result.partial_lines,
        "warc_files_recovered": result.warc_files,
    }
    if path.is_file():
        manifest = json.loads(path.read_text("utf-8"))
        if recovered or warc_recovered or manifest.get("finish_reason") == RUNNING:
            # The crawl's own manifest, kept up to date while it ran: add what the temp
            # files held, and any finished part it had no time to list.
            listed = {f.get("path") for f in manifest.get("files") or []}
            unlisted = [describe_part(root, p.path) for p in part_files(root)
                        if p.crawl_id == lo.crawl_id and p.path.relative_to(root).as_posix() not in listed
                        and p.path not in {root / f.path for f in recovered}]
            manifest["files"] = list(manifest.get("files") or []) + files_entry(unlisted + recovered)
            manifest["records"] = sum(f.get("records", 0) for f in manifest["files"])
            manifest["warc_files"] = _with_unlisted_warcs(root, lo.crawl_id, manifest.get("warc_files") or [])
            if manifest.get("finish_reason") == RUNNING:
                manifest["finish_reason"] = RECOVERED_REASON
                manifest["finished_at"] = manifest.get("finished_at") or now()
            manifest.setdefault("recoveries", []).append(recovery)
            write_manifest(root, lo.crawl_id, manifest)
            result.manifest = path.relative_to(root).as_posix()
    else:
        ours = sorted((p.path for p in part_files(root) if p.crawl_id == lo.crawl_id),
                      key=lambda p: (p.parent.name, p.name))
        files = [describe_part(root, p) for p in ours]
        mtimes = [p.stat().st_mtime for p in ours]
        if lo.marker and lo.marker.exists():
            mtimes.append(lo.marker.stat().st_mtime)
        records = sum(f.records for f in files)
        manifest = {
            "manifest_version": MANIFEST_VERSION,
            "crawl_id": lo.crawl_id,
            "schema_version": 1,
            "spider": marker.get("spider"),
            "host": marker.get("host"),
            "started_at": marker.get("started_at"),
            "finished_at": datetime.fromtimestamp(max(mtimes), UTC) if mtimes else None,
            "finish_reason": RECOVERED_REASON,
            "compression": marker.get("compression") or (compression_of(ours[0]) if ours else None),
            "settings": marker.get("settings") or {},
            "files": files_entry(files),
            "records": records,
            "warc_files": _with_unlisted_warcs(root, lo.crawl_id, []),
            "summary": {"archived": records},
            "stats": {},
            "recovery": recovery,
        }
        write_manifest(root, lo.crawl_id, manifest)
        result.manifest = path.relative_to(root).as_posix()
        logger.warning("crash recovery: wrote %s for crashed crawl %s (%d files, %d records)",
                       result.manifest, lo.crawl_id, len(files), records)
    if lo.manifest_tmp is not None:
        lo.manifest_tmp.unlink(missing_ok=True)
    if lo.marker is not None:
        lo.marker.unlink(missing_ok=True)
    return result


def _with_unlisted_warcs(root: Path, crawl_id: str, listed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The manifest's ``warc_files`` plus the crawl's finished WARC files it does not
    list (finished in the instant before the kill, or by this recovery), read back."""
    known = {str(f.get("path")) for f in listed}
    extra: list[WarcFile] = [describe_warc(root, w.path) for w in warc_files(root)
                             if w.crawl_id == crawl_id and w.path.relative_to(root).as_posix() not in known]
    return list(listed) + warc_files_entry(extra)


def recover(root: Path) -> RecoveryReport:
    """Recover or clean up every crashed crawl's leftovers under ``root``; log each step."""
    root = Path(root)
    report = RecoveryReport()
    if not find_leftovers(root):
        return report
    with _recovery_lock(root):
        leftovers = find_leftovers(root)  # again, under the lock
        if not leftovers:
            return report
        known = _archive_ids(root) if any(lo.temps for lo in leftovers.values()) else set()
        for lo in leftovers.values():
            logger.warning("crawl %s crashed: recovering what it left in %s", lo.crawl_id, root)
            report.crawls.append(_recover_crawl(root, lo, known))
    return report
