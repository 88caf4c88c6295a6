"""``scrapy archive verify``, the WARC half: every WARC file under ``warc/`` reads to its
end, every record's block and payload digests match (warcio's check), each file is
listed in its crawl's manifest with its size and sha256 and has its CDXJ index; every
archived record's ``warc_record_id`` is a record of its ``warc_file``.

A running crawl's temp WARCs, and what a crashed one left (its temp WARC, a file it
finished and had no time to list, records naming its temp WARC), are noted, not
failed, as for part files: recovery finishes them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from newscrawl.archive.layout import PARTITION_RE, valid_date
from newscrawl.warc.layout import INDEX_RE, WARC, index_path_for, parse_warc, parse_warc_temp
from newscrawl.warc.writer import sha256_of

#: Digest problems reported per file before the rest are only counted.
MAX_RECORD_PROBLEMS = 20


@dataclass(frozen=True)
class WarcRef:
    """A record that names a WARC record: where it is, and what it names."""

    part: str
    line: int
    warc_file: str
    warc_record_id: str
    crawl_id: str = ""


class _Hashing:
    """A read-only stream that hashes and counts what is read through it."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.sha256.update(data)
        self.size += len(data)
        return data

    def readline(self, n: int = -1) -> bytes:
        data = self.raw.readline(n)
        self.sha256.update(data)
        self.size += len(data)
        return data


def printable(text: str, limit: int = 120) -> str:
    """``text`` on one line, anything but printable ASCII shown as ``?``, cut at ``limit``
    (warcio's errors quote the damaged bytes)."""
    shown = "".join(c if " " <= c <= "~" else "?" for c in " ".join(text.split()))
    return shown if len(shown) <= limit else shown[:limit - 3] + "..."


@dataclass
class WarcCheck:
    ids: set[str]
    records: int
    bytes: int
    sha256: str
    problems: list[str]


def check_warc(path: Path) -> WarcCheck:
    """Read ``path`` to its end, checking every record's digests (as ``warcio check``)."""
    ids: set[str] = set()
    problems: list[str] = []
    records = 0
    with open(path, "rb") as raw:
        stream = _Hashing(raw)
        it = ArchiveIterator(stream, check_digests=True)
        try:
            for record in it:
                records += 1
                content = record.content_stream()
                while content.read(1 << 20):
                    pass
                rid = record.rec_headers.get_header("WARC-Record-ID")
                if rid:
                    ids.add(rid)
                if record.digest_checker.passed is False:
                    problems.append(f"offset {it.get_record_offset()}: {rid} ({record.rec_type}): "
                                    + "; ".join(str(p) for p in record.digest_checker.problems))
        except Exception as exc:  # noqa: BLE001 - a damaged file: say where, keep verifying
            problems.append(f"unreadable after {records} records: {type(exc).__name__}: "
                            f"{printable(str(exc).split(', first line:')[0])}")
        while stream.read(1 << 20):  # the hash covers the whole file, even past a break
            pass
    return WarcCheck(ids, records, stream.size, stream.sha256.hexdigest(), problems)


def check_warcs(v: Any, manifests: dict[str, dict[str, Any]], crashed: set[str], refs: list[WarcRef]) -> None:
    """Add the WARC problems and notes to the verifier ``v`` (newscrawl.archive.verify)."""
    root: Path = v.root
    base = root / WARC
    finished: dict[str, tuple[str, Path]] = {}
    temps: list[tuple[str, Path]] = []
    indexes: set[str] = set()
    if base.exists():
        for entry in sorted(base.iterdir()):
            match = PARTITION_RE.match(entry.name)
            if not entry.is_dir() or not match or not valid_date(match.group(1)):
                v.problem(entry, "unexpected entry in warc/ (not a date=YYYY-MM-DD dir)")
                continue
            for path in sorted(entry.iterdir()):
                parsed = parse_warc(path) if path.is_file() else None
                temp = parse_warc_temp(path) if path.is_file() else None
                if parsed:
                    finished[v.rel(path)] = (parsed.crawl_id, path)
                elif temp:
                    temps.append((temp[1], path))
                elif path.is_file() and INDEX_RE.match(path.name):
                    indexes.add(v.rel(path))
                else:
                    v.problem(path, "unexpected file in a WARC partition")

    listed: dict[str, tuple[str, dict[str, Any]]] = {}
    for crawl_id, manifest in manifests.items():
        for listing in manifest.get("warc_files") or []:
            rel = str(listing.get("path", ""))
            if rel in listed:
                v.problem(f"runs/{crawl_id}.json", f"lists {rel}, already listed by runs/{listed[rel][0]}.json")
                continue
            listed[rel] = (crawl_id, listing)

    ids: dict[str, set[str]] = {}
    for rel, (crawl_id, path) in sorted(finished.items()):
        check = check_warc(path)
        ids[rel] = check.ids
        v.report.warc_files += 1
        v.report.warc_records += check.records
        for problem in check.problems[:MAX_RECORD_PROBLEMS]:
            v.problem(path, f"WARC record: {problem}")
        if len(check.problems) > MAX_RECORD_PROBLEMS:
            v.problem(path, f"... and {len(check.problems) - MAX_RECORD_PROBLEMS} more WARC record problems")
        pending = v.running(crawl_id) or crawl_id in crashed
        index = index_path_for(path)
        if v.rel(index) not in indexes:
            if pending:
                v.report.notes.append(f"{rel}: no CDXJ index yet (crawl {crawl_id} is running or "
                                      "crashed; its recovery writes it)")
            else:
                v.problem(path, f"no CDXJ index ({index.name})")
        if rel not in listed:
            if pending:
                v.report.notes.append(f"{rel}: finished by crawl {crawl_id}, not yet in its manifest")
            else:
                v.problem(path, f"not listed in the warc_files of any manifest (crawl {crawl_id})")
            continue
        owner, says_of = listed[rel]
        says = f"manifest runs/{owner}.json says"
        if owner != crawl_id:
            v.problem(path, f"listed by runs/{owner}.json but named for crawl {crawl_id}")
        if says_of.get("bytes") != check.bytes:
            v.problem(path, f"size {check.bytes} bytes, {says} {says_of.get('bytes')}")
        if says_of.get("sha256") != check.sha256:
            v.problem(path, f"sha256 {check.sha256[:16]}..., {says} {str(says_of.get('sha256'))[:16]}...")
        if index.is_file() and says_of.get("index_sha256") and sha256_of(index)[1] != says_of["index_sha256"]:
            v.problem(index, f"sha256 differs from what {says}")
    for rel, (owner, _) in sorted(listed.items()):
        if rel not in finished:
            v.problem(f"runs/{owner}.json", f"lists {rel}, which does not exist")

    pending_temps = set()
    for crawl_id, tmp in temps:
        if v.running(crawl_id):
            v.report.notes.append(f"{v.rel(tmp)}: being written by running crawl {crawl_id}")
        elif crawl_id in crashed:
            v.report.notes.append(f"{v.rel(tmp)}: temp WARC of crashed crawl {crawl_id} "
                                  "(`scrapy archive recover` or the next crawl keeps its complete records)")
        else:
            v.problem(tmp, f"temp WARC left by crawl {crawl_id}, which finished "
                           "(run `scrapy archive recover` to keep its complete records)")
            continue
        name = tmp.name.removeprefix(".").removesuffix(".tmp")
        pending_temps.add(v.rel(tmp.with_name(name)))

    waiting = 0
    lost: dict[str, int] = {}
    repaired = _repaired_warcs(manifests)
    elsewhere: dict[Path, set[str]] = {}
    for ref in refs:
        found = ids.get(ref.warc_file)
        if found is None:
            # A re-extraction into another archive names the source archive's WARC files.
            source = _source_warc(manifests.get(ref.crawl_id) or {}, ref.warc_file)
            if source is not None:
                if source not in elsewhere:
                    elsewhere[source] = check_warc(source).ids
                found = elsewhere[source]
        if found is not None:
            if ref.warc_record_id in found:
                v.report.warc_refs += 1
            elif ref.warc_file in repaired:
                lost[ref.warc_file] = lost.get(ref.warc_file, 0) + 1
            else:
                v.problem(ref.part, f"warc_record_id {ref.warc_record_id} is not a record of {ref.warc_file}",
                          ref.line)
        elif ref.warc_file in pending_temps:
            waiting += 1
        elif ref.warc_file in repaired:
            lost[ref.warc_file] = lost.get(ref.warc_file, 0) + 1
        else:
            v.problem(ref.part, f"warc_file {ref.warc_file} does not exist", ref.line)
    if waiting:
        v.report.notes.append(f"{waiting} records name WARC records still in a temp WARC "
                              "(its crawl is running or awaits recovery)")
    for rel, count in sorted(lost.items()):
        v.report.notes.append(f"{count} records name WARC records of {rel} that were lost to damage "
                              f"(`scrapy archive repair`, see the repairs in runs/{repaired[rel]}.json)")


def _repaired_warcs(manifests: dict[str, dict[str, Any]]) -> dict[str, str]:
    """``{warc path: crawl id}`` of the WARC files ``scrapy archive repair`` rewrote."""
    return {str(r.get("path")): crawl_id for crawl_id, manifest in manifests.items()
            for r in manifest.get("repairs") or [] if r.get("kind") == "warc"}


def _source_warc(manifest: dict[str, Any], warc_file: str) -> Path | None:
    """Where a re-extraction's source ``warc_file`` is (its manifest's ``reextract``
    block names the WARC files it read and the archives they are in), or None."""
    info = manifest.get("reextract") or {}
    for root in info.get("warc_roots") or []:
        candidate = Path(root) / warc_file
        if candidate.is_file():
            return candidate
    for source in info.get("sources") or []:
        if Path(source).name == Path(warc_file).name and Path(source).is_file():
            return Path(source)
    return None
