"""Check an archive end to end: files, lines, schema, manifests, ids, leftovers.

The archive is sound when all of these hold:

- every entry under ``articles/`` is a ``date=YYYY-MM-DD`` partition holding finished
  part files (``part-<crawl_id>-<n>.jsonl.gz|.zst``) and, only while their crawl runs,
  hidden temp files;
- every part file decompresses to its end; every line is a JSON object that passes the
  record schema, whose ``id`` is the sha1 of its ``canonical_url``'s key, that was
  written by the crawl its file name says (``crawl_id``) and sits in the partition of
  its ``fetched_at`` date;
- every manifest ``runs/<crawl_id>.json`` parses, and each file it lists exists with
  the listed record count, byte size and sha256; its ``records`` is their sum;
- every finished part file is listed in exactly one manifest (a running crawl's files
  are exempt until it ends);
- no record ``id`` appears twice within one crawl. The same ``id`` in *different*
  crawls is allowed: it is a later version of the page (a re-fetch), and the one with
  the latest ``fetched_at`` is current; ``verify`` counts these as versions.
  ``duplicate_of`` never points at the record's own ``id``;
- nothing is left by a crashed crawl: temp files, run markers or half-written
  manifests of crawls that are not running (``scrapy archive recover`` or the next
  crawl's start clears them).

It only reads. Problems name the file and, for a record, the line number (1-based).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscrawl.archive.compression import CorruptFile, iter_lines
from newscrawl.archive.layout import (
    ARTICLES,
    NO_ARCHIVE,
    PART_RE,
    PARTITION_RE,
    QUARANTINE,
    RUNS,
    PartName,
    is_archive,
    parse_part,
    parse_temp,
    valid_date,
)
from newscrawl.archive.manifest import RUNNING, is_running
from newscrawl.schema import record_errors
from newscrawl.urls import record_id
from newscrawl.warc.verify import WarcRef, check_warcs

#: Line-level problems reported per file before the rest are only counted.
MAX_LINE_PROBLEMS = 20
_MANIFEST_KEYS = ("crawl_id", "started_at", "finished_at", "finish_reason", "files", "records")
_RUNS_IGNORED = {".recovery.lock"}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class VerifyReport:
    root: Path
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: int = 0
    records: int = 0
    manifests: int = 0
    versions: int = 0
    """Records whose ``id`` an earlier crawl already archived (re-fetches)."""
    running: list[str] = field(default_factory=list)
    warc_files: int = 0
    warc_records: int = 0
    warc_refs: int = 0
    """Records naming a WARC record (``warc_record_id``), each checked to exist."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        out = [str(p) for p in sorted(self.problems)]
        out += [f"note: {n}" for n in self.notes]
        count = len(self.problems)
        verdict = "OK" if self.ok else f"FAILED: {count} problem{'s' if count > 1 else ''}"
        out.append(
            f"{verdict}: {self.files} part files, {self.records} records, {self.manifests} "
            f"manifests, {self.versions} re-fetched versions, {len(self.running)} crawls running, "
            f"{self.warc_files} WARC files ({self.warc_records} WARC records, {self.warc_refs} "
            "records' warc_record_id found)"
        )
        return out


@dataclass
class _FileResult:
    records: int = 0
    bytes: int = 0
    sha256: str = ""
    readable: bool = True


class _Verifier:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.report = VerifyReport(root)
        self._running: dict[str, bool] = {}
        self.warc_refs: list[WarcRef] = []

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def problem(self, path: Path | str, message: str, line: int = 0) -> None:
        where = self.rel(path) if isinstance(path, Path) else path
        self.report.problems.append(Problem(where, line, message))

    def running(self, crawl_id: str) -> bool:
        if crawl_id not in self._running:
            self._running[crawl_id] = is_running(self.root, crawl_id)
        return self._running[crawl_id]

    # -- layout -----------------------------------------------------------------
    def scan_articles(self) -> tuple[list[PartName], list[Path]]:
        parts: list[PartName] = []
        temps: list[Path] = []
        base = self.root / ARTICLES
        if not base.exists():
            return parts, temps
        for entry in sorted(base.iterdir()):
            match = PARTITION_RE.match(entry.name)
            if not entry.is_dir() or not match or not valid_date(match.group(1)):
                self.problem(entry, "unexpected entry in articles/ (not a date=YYYY-MM-DD dir)")
                continue
            for path in sorted(entry.iterdir()):
                parsed = parse_part(path) if path.is_file() else None
                if parsed:
                    parts.append(parsed)
                elif path.is_file() and parse_temp(path):
                    temps.append(path)
                else:
                    self.problem(path, "unexpected file in a partition (not a part file name)")
        return parts, temps

    def scan_runs(self) -> tuple[dict[str, Path], list[Path], list[Path]]:
        manifests: dict[str, Path] = {}
        tmps: list[Path] = []
        markers: list[Path] = []
        runs = self.root / RUNS
        if not runs.is_dir():
            return manifests, tmps, markers
        for path in sorted(runs.iterdir()):
            name = path.name
            if name in _RUNS_IGNORED:
                continue
            if name.startswith(".") and name.endswith(".json.tmp"):
                tmps.append(path)
            elif name.startswith(".") and name.endswith(".running"):
                markers.append(path)
            elif name.endswith(".json") and not name.startswith(".") and path.is_file():
                manifests[name[: -len(".json")]] = path
            elif name.endswith(".log") and not name.startswith(".") and path.is_file():
                continue  # the run's log (newscrawl.runlog), not part of the archive's contract
            else:
                self.problem(path, "unexpected file in runs/")
        return manifests, tmps, markers

    # -- part files ---------------------------------------------------------------
    def check_part(self, part: PartName, seen: dict[bytes, tuple[str, int]],
                   known: set[bytes], targets: set[bytes]) -> _FileResult:
        path = part.path
        result = _FileResult(bytes=path.stat().st_size)
        if result.bytes == 0:
            self.problem(path, "empty file (not even a compressed header)")
        sha = hashlib.sha256()
        line_problems = 0
        lineno = 0

        def line_problem(message: str) -> None:
            nonlocal line_problems
            line_problems += 1
            if line_problems <= MAX_LINE_PROBLEMS:
                self.problem(path, message, lineno)

        rel = self.rel(path)
        try:
            for lineno, raw in enumerate(iter_lines(path, hasher=sha), start=1):
                result.records += 1
                try:
                    record = json.loads(raw)
                except ValueError as exc:
                    line_problem(f"not JSON: {exc}")
                    continue
                if not isinstance(record, dict):
                    line_problem(f"not a JSON object but {type(record).__name__}")
                    continue
                errors = record_errors(record)
                if errors:
                    more = " ..." if len(errors) > 3 else ""
                    line_problem("schema: " + "; ".join(errors[:3]) + more)
                if record.get("crawl_id") != part.crawl_id:
                    line_problem(f"crawl_id {record.get('crawl_id')!r} differs from the "
                                 f"file's {part.crawl_id!r}")
                if not errors and record["id"] != record_id(record["canonical_url"]):
                    line_problem(f"id {record['id']} is not sha1 of canonical_url's key")
                if str(record.get("fetched_at", ""))[:10] != part.date:
                    line_problem(f"fetched_at {record.get('fetched_at')!r} is not in "
                                 f"partition date={part.date}")
                try:
                    key = bytes.fromhex(str(record.get("id")))
                except ValueError:
                    continue  # the schema error above names it
                if key in seen:
                    where, at = seen[key]
                    line_problem(f"id {record['id']} already at {where}:{at} in the same crawl")
                else:
                    seen[key] = (rel, lineno)
                    if key in known:
                        self.report.versions += 1
                if record.get("warc_record_id"):
                    self.warc_refs.append(WarcRef(rel, lineno, str(record.get("warc_file")),
                                                  str(record["warc_record_id"]), str(record.get("crawl_id"))))
                dup = record.get("duplicate_of")
                if dup:
                    if dup == record.get("id"):
                        line_problem("duplicate_of points at the record's own id")
                    else:
                        try:
                            targets.add(bytes.fromhex(str(dup)))
                        except ValueError:
                            pass
        except CorruptFile as exc:
            result.readable = False
            self.problem(path, f"{exc} (after {exc.lines} readable lines; `scrapy archive repair` "
                               "quarantines the file and keeps them)", exc.lines + 1)
        except OSError as exc:
            result.readable = False
            self.problem(path, f"cannot read: {exc}")
        if line_problems > MAX_LINE_PROBLEMS:
            self.problem(path, f"... and {line_problems - MAX_LINE_PROBLEMS} more line problems")
        if result.readable and result.records == 0 and result.bytes:
            self.problem(path, "holds no records")
        result.sha256 = sha.hexdigest()
        return result

    # -- the whole archive --------------------------------------------------------
    def run(self) -> VerifyReport:
        if not is_archive(self.root):
            self.problem(str(self.root), NO_ARCHIVE.format(root=self.root))
            return self.report
        parts, temps = self.scan_articles()
        manifests, manifest_tmps, markers = self.scan_runs()
        marked = [m.name[1: -len(".running")] for m in markers]
        self.report.running = sorted(c for c in marked if self.running(c))

        listed: dict[str, tuple[str, dict[str, Any]]] = {}
        loaded: dict[str, dict[str, Any]] = {}
        for crawl_id, path in manifests.items():
            try:
                manifest = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError) as exc:
                self.problem(path, f"manifest does not parse: {exc}")
                continue
            if not isinstance(manifest, dict):
                self.problem(path, "manifest is not a JSON object")
                continue
            loaded[crawl_id] = manifest
            missing = [k for k in _MANIFEST_KEYS if k not in manifest]
            if missing:
                self.problem(path, f"manifest lacks {', '.join(missing)}")
            if manifest.get("crawl_id") != crawl_id:
                self.problem(path, f"crawl_id {manifest.get('crawl_id')!r} differs from its name")
            files = manifest.get("files") or []
            total = 0
            for entry in files:
                rel = str(entry.get("path", ""))
                total += int(entry.get("records") or 0)
                if rel in listed:
                    self.problem(path, f"lists {rel}, already listed by runs/{listed[rel][0]}.json")
                    continue
                listed[rel] = (crawl_id, entry)
            if isinstance(manifest.get("records"), int) and manifest["records"] != total:
                self.problem(path, f"records is {manifest['records']} but its files hold {total}")
        self.report.manifests = len(loaded)
        # Crashed crawls: a run marker nobody holds, or a manifest still saying "running".
        crashed = {m.name[1: -len(".running")] for m in markers} | {
            c for c, m in loaded.items() if m.get("finish_reason") == RUNNING}
        crashed = {c for c in crashed if not self.running(c)}

        # Crawl by crawl (started order), so a crawl's id set is dropped once checked.
        by_crawl: dict[str, list[PartName]] = defaultdict(list)
        for part in parts:
            by_crawl[part.crawl_id].append(part)
        known: set[bytes] = set()
        targets: set[bytes] = set()
        found: dict[str, _FileResult] = {}
        for crawl_id in sorted(by_crawl):
            seen: dict[bytes, tuple[str, int]] = {}
            for part in sorted(by_crawl[crawl_id], key=lambda p: (p.date, p.n)):
                found[self.rel(part.path)] = self.check_part(part, seen, known, targets)
            known.update(seen)
        self.report.files = len(parts)
        self.report.records = sum(r.records for r in found.values())

        for rel, result in sorted(found.items()):
            path = self.root / rel
            crawl_id = parse_part(path).crawl_id  # type: ignore[union-attr]
            if rel not in listed:
                if self.running(crawl_id):
                    continue
                if crawl_id in crashed:
                    # Complete and valid (checked above); its crawl died between renaming
                    # the file and listing it: recovery lists it.
                    self.report.notes.append(
                        f"{rel}: finished by crashed crawl {crawl_id}, not yet in its manifest "
                        "(`scrapy archive recover` or the next crawl lists it)")
                    continue
                if crawl_id in manifests and crawl_id not in loaded:
                    self.problem(path, f"unchecked: runs/{crawl_id}.json does not parse")
                elif crawl_id in manifests:
                    self.problem(path, f"not listed in runs/{crawl_id}.json")
                else:
                    self.problem(path, f"not listed in any manifest: crawl {crawl_id} has none "
                                       "(crashed? run `scrapy archive recover`)")
                continue
            owner, entry = listed[rel]
            if owner != crawl_id:
                self.problem(path, f"listed by runs/{owner}.json but named for crawl {crawl_id}")
            says = f"manifest runs/{owner}.json says"
            if entry.get("bytes") != result.bytes:
                self.problem(path, f"size {result.bytes} bytes, {says} {entry.get('bytes')}")
            if entry.get("sha256") != result.sha256:
                self.problem(path, f"sha256 {result.sha256[:16]}..., "
                                   f"{says} {str(entry.get('sha256'))[:16]}...")
            if result.readable and entry.get("records") != result.records:
                self.problem(path, f"{result.records} records, {says} {entry.get('records')}")
        for rel, (owner, _) in sorted(listed.items()):
            if rel not in found:
                self.problem(manifests[owner], f"lists {rel}, which does not exist")

        # What a crashed crawl leaves that no consumer can see (hidden temp files, its
        # run marker, a half-written manifest) is pending recovery, not damage.
        for tmp in temps:
            parsed = parse_temp(tmp)
            crawl_id = parsed[1] if parsed else "?"
            if self.running(crawl_id):
                self.report.notes.append(
                    f"{self.rel(tmp)}: being written by running crawl {crawl_id}")
            elif crawl_id in crashed:
                self.report.notes.append(
                    f"{self.rel(tmp)}: hidden temp file of crashed crawl {crawl_id} "
                    "(`scrapy archive recover` or the next crawl recovers its complete lines)")
            else:  # its crawl finished and said so: a temp file should not have outlived it
                self.problem(tmp, f"temp file left by crawl {crawl_id}, which finished "
                                  "(run `scrapy archive recover` to take its complete lines)")
        for tmp in manifest_tmps:
            crawl_id = tmp.name[1: -len(".json.tmp")]
            if not self.running(crawl_id):
                self.report.notes.append(f"{self.rel(tmp)}: half-written manifest of crashed crawl {crawl_id}")
        for crawl_id in sorted(crashed):
            self.report.notes.append(f"crawl {crawl_id} crashed; `scrapy archive recover` finishes its manifest")
        quarantined = [p for p in (self.root / QUARANTINE).rglob("part-*") if PART_RE.match(p.name)] \
            if (self.root / QUARANTINE).is_dir() else []
        if quarantined:
            self.report.notes.append(f"{len(quarantined)} damaged part files in {QUARANTINE}/, out of the "
                                     "archive (`scrapy archive repair` moved them; a note beside each)")
        check_warcs(self, loaded, crashed, self.warc_refs)
        unknown = len(targets - known)
        if unknown:
            self.report.notes.append(
                f"{unknown} duplicate_of ids point at records not in this archive")
        return self.report


def verify_archive(root: str | Path) -> VerifyReport:
    """Check the archive at ``root``; see the module docstring for what is checked."""
    return _Verifier(Path(root)).run()
