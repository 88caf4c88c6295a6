"""Bring the crawl state in step with the archive: read finished part files and
record their pages as seen and their records as known.

This is the only way anything becomes *seen*: a page counts as archived once its
record is in a finished part file, read back from disk. It runs when the archive
announces a finished part (``newscrawl.signals.part_file_finished``), for every
part the state does not list yet when a crawl opens and closes (a crash, a run
without the signal, a state that is behind), and over the whole archive to rebuild
a missing or corrupt state (``rebuild_from_archive``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscrawl.archive.compression import CorruptFile, iter_lines
from newscrawl.archive.layout import part_files
from newscrawl.dedup.near import DuplicateFinder
from newscrawl.dedup.state import CrawlState, SqliteState, open_state
from newscrawl.urls import url_key

logger = logging.getLogger(__name__)


def finished_parts(archive_root: Path) -> list[str]:
    """Paths (relative to the archive root) of the finished part files, in the
    archive's own order: partitions oldest first, then crawl id (crawl ids start
    with the UTC start time), then part number."""
    root = Path(archive_root)
    return [p.path.relative_to(root).as_posix() for p in part_files(root)]


def read_part(path: Path) -> Iterator[dict[str, Any]]:
    for line in iter_lines(path):
        if line.strip():
            yield json.loads(line)


def record_keys(record: dict[str, Any]) -> set[str]:
    """The URL keys under which a record's page is seen: where it was fetched and its
    canonical URL."""
    return {url_key(u) for u in (record.get("url"), record.get("canonical_url")) if u}


@dataclass
class IngestResult:
    parts: int = 0
    records: int = 0
    new_keys: int = 0
    failed: int = 0
    damaged: int = 0


class DamagedPart(Exception):
    """A finished part that cannot be read to its end; its readable records were
    ingested, the part is not marked as ingested (the next run reads it again)."""

    def __init__(self, rel: str, problem: str, readable: int) -> None:
        super().__init__(f"{rel}: {problem}")
        self.rel = rel
        self.problem = problem
        self.readable = readable


def ingest_part(state: CrawlState, finder: DuplicateFinder, archive_root: Path, rel: str) -> tuple[int, int]:
    """Mark every page of one finished part as seen and its records as committed, in
    one transaction; return (records, new seen keys). Records the index lacks (a
    rebuild, or rows lost with an earlier crash) are indexed from their body. A damaged
    part: what was read before the damage is ingested, then ``DamagedPart``."""
    keys: set[str] = set()
    members: dict[str, set[str]] = {}
    committed: list[str] = []
    count = 0
    damaged: str | None = None
    try:
        for record in read_part(Path(archive_root) / rel):
            count += 1
            page_keys = record_keys(record)
            keys |= page_keys
            record_id = record.get("id")
            if not record_id:
                continue
            members[record_id] = page_keys
            if state.has_record(record_id):
                committed.append(record_id)
            else:
                finder.remember(record_id, record.get("content_hash") or "", duplicate_of=record.get("duplicate_of"),
                                body=record.get("body") or "", committed=True)
    except (CorruptFile, ValueError, AttributeError) as exc:  # AttributeError: a line that is no JSON object
        damaged = str(exc)
    state.commit_records(committed)
    new_keys = state.add_many(keys)
    if damaged is None:
        state.mark_part(rel, count, members)
    state.commit()
    if damaged is not None:
        raise DamagedPart(rel, damaged, count)
    return count, new_keys


def catch_up(state: CrawlState, finder: DuplicateFinder, archive_root: Path,
             damaged: set[str] | None = None) -> IngestResult:
    """Ingest every finished part the state does not list yet. A damaged one gets one
    ERROR naming it and the repair command, and is added to ``damaged`` (a caller that
    keeps the set across calls hears of each part once)."""
    damaged = set() if damaged is None else damaged
    result = IngestResult()
    done = state.ingested_parts()
    todo = [rel for rel in finished_parts(archive_root) if rel not in done]
    for n, rel in enumerate(todo, 1):
        if rel in damaged:
            continue  # reported once this run
        try:
            records, new_keys = ingest_part(state, finder, archive_root, rel)
        except DamagedPart as exc:
            damaged.add(rel)
            result.damaged += 1
            logger.error("archive part %s is damaged (%s, after %d readable records): run "
                         "`scrapy archive repair %s` to quarantine it and keep its readable records",
                         rel, exc.problem, exc.readable, archive_root)
            continue
        except (OSError, ValueError) as exc:
            state.rollback()
            result.failed += 1
            logger.error("cannot read archive part %s (%s); it will be retried next run", rel, exc)
            continue
        result.parts += 1
        result.records += records
        result.new_keys += new_keys
        if n % 100 == 0:
            logger.info("crawl state: ingested %d/%d archive parts", n, len(todo))
    return result


def forget_lost(state: SqliteState, archive_root: Path) -> tuple[int, int]:
    """After a repair: drop from the state every seen key and committed record that no
    finished part holds any more, so the next crawl fetches those pages again; return
    (seen keys dropped, records dropped). One pass over the archive. Pages of dropped
    duplicates (``NEWSCRAWL_DUPLICATES=drop``) are not in the archive either: each is
    fetched once more and dropped again."""
    root = Path(archive_root)
    rels = finished_parts(root)

    def records() -> Iterator[tuple[set[str], str | None]]:
        for rel in rels:
            for record in read_part(root / rel):
                yield record_keys(record), record.get("id")

    dropped = state.retain(records(), rels)
    state.commit()
    return dropped


def rebuild_from_archive(state_dir: Path, archive_root: Path) -> IngestResult:
    """Forget every record the state holds and re-read the whole archive (seen keys
    are kept: they only ever come from archived pages). Used when the state is
    missing, corrupt or was built with other fingerprint parameters; also
    ``-s NEWSCRAWL_STATE_REBUILD=True``."""
    state = open_state(Path(state_dir))
    try:
        state.clear_records()
        state.commit()
        return catch_up(state, DuplicateFinder(state), archive_root)
    finally:
        state.close()
