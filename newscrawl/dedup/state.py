"""Crawl state kept across runs: the seen-URL store and the record index that
near-duplicate detection searches, behind small interfaces, with an embedded
SQLite implementation (``<NEWSCRAWL_STATE_DIR>/state.sqlite``).

``SeenStore`` is what the request-skipping middleware needs; ``RecordIndex`` is
what ``newscrawl.dedup.near`` needs. ``SqliteState`` implements both on one
connection so that ingesting a finished archive part (seen keys, committed
records, the part's name) is one transaction. The Redis backend of a shared
crawl (``newscrawl.distributed.state.RedisState``) implements the same protocols: a
SET of key digests for ``SeenStore``; hashes of signatures and sets per LSH bucket
for ``RecordIndex``.

Memory stays flat as the state grows: lookups go to SQLite's B-trees (64-bit key
digests as integer primary keys, 16 MB page cache, WAL journal); Python keeps only a
small LRU of recent answers. The connection holds SQLite's lock for the whole crawl
(``locking_mode=EXCLUSIVE``, one transaction open at all times, ``commit()`` starts
the next): one crawl per state directory is enforced anyway by
``newscrawl.dedup.lock``, and per-statement locking would triple lookup time.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

logger = logging.getLogger(__name__)

STATE_FILE = "state.sqlite"
SCHEMA_VERSION = 1


class StateError(RuntimeError):
    """The state directory cannot be used (not writable, not a directory ...)."""


class SeenStore(Protocol):
    """URL keys (``newscrawl.urls.url_key``) of pages whose records are archived."""

    def has(self, key: str) -> bool: ...

    def add_many(self, keys: Iterable[str]) -> int:
        """Add keys; return how many were new."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Candidate:
    """A stored record that shares at least one LSH bucket with a query."""

    seq: int
    """Insertion order: the lowest is the first record of a story."""
    record_id: str
    signature: bytes


class RecordIndex(Protocol):
    """Records known to the crawl (archived, or accepted in this run) with what the
    duplicate check needs: content hash, MinHash signature, LSH bucket keys."""

    def has_record(self, record_id: str) -> bool: ...

    def original_of(self, record_id: str) -> str | None:
        """``record_id`` itself, or the record it duplicates; None if unknown."""
        ...

    def first_with_content(self, content_hash: str) -> str | None: ...

    def candidates(self, buckets: Sequence[int]) -> list[Candidate]: ...

    def add_record(self, record_id: str, content_hash: str, *, duplicate_of: str | None,
                   signature: bytes | None, buckets: Sequence[int] = (), committed: bool = False) -> None: ...


@dataclass(frozen=True)
class Claim:
    """What ``SharedIndex.claim_record`` found: the original with the same content hash
    (``original``), or this record registered at ``seq``; neither: the id is taken."""

    seq: int | None = None
    original: str | None = None


@runtime_checkable
class SharedIndex(RecordIndex, Protocol):
    """A record index several workers write at once (``RedisState``): a would-be
    original is registered when it is judged, not when it is written, so that two
    workers judging two copies at once cannot both keep theirs as the original."""

    def claim_record(self, record_id: str, content_hash: str, *, signature: bytes | None,
                     buckets: Sequence[int]) -> Claim:
        """In one atomic step: the exact original if ``content_hash`` is taken, else
        register the record (uncommitted) under the next ``seq``."""
        ...

    def settle_duplicate(self, record_id: str, duplicate_of: str, buckets: Sequence[int]) -> None:
        """A claimed record turned out a near copy: no longer an original."""
        ...

    def release_record(self, record_id: str) -> bool:
        """Forget a claimed record that was not written (dropped later in the pipeline)."""
        ...


class CrawlState(SeenStore, RecordIndex, Protocol):
    """What a crawl's ``DedupState`` and the archive ingestion use: both stores plus
    the part bookkeeping. ``SqliteState`` (one machine) and
    ``newscrawl.distributed.state.RedisState`` (workers of a shared crawl)."""

    path: str

    def seen_count(self) -> int: ...

    def is_committed(self, record_id: str) -> bool: ...

    def commit_records(self, record_ids: Iterable[str]) -> None: ...

    def record_count(self) -> int: ...

    def clear_records(self) -> None: ...

    def get_meta(self, name: str) -> str | None: ...

    def set_meta(self, name: str, value: str) -> None: ...

    def ingested_parts(self) -> set[str]: ...

    def mark_part(self, path: str, records: int, members: Mapping[str, Iterable[str]] | None = None) -> None:
        """``path`` is ingested, with ``records`` records; ``members``: record id -> the
        URL keys of its page, for a state that cannot re-read the archive to repair."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


def key_digest(key: str) -> int:
    """The first 64 bits of sha1(key), signed: an integer primary key is SQLite's
    fastest lookup and 8 bytes on disk. A new URL is wrongly taken as seen with
    probability stored/2^64 (5e-13 with 10M URLs stored)."""
    return int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:8], "big", signed=True)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen (k INTEGER PRIMARY KEY);  -- key_digest(url_key)
CREATE TABLE IF NOT EXISTS records (
    seq INTEGER PRIMARY KEY,            -- insertion order: the first record of a story wins
    record_id BLOB NOT NULL UNIQUE,
    content_hash BLOB,
    duplicate_of BLOB,                  -- NULL for an original
    signature BLOB,                     -- MinHash values (little-endian uint32); NULL if unusable
    committed INTEGER NOT NULL DEFAULT 0  -- 1 once the record is in a finished archive part
);
CREATE INDEX IF NOT EXISTS records_content ON records (content_hash);
CREATE TABLE IF NOT EXISTS buckets (bucket INTEGER NOT NULL, seq INTEGER NOT NULL,
                                    PRIMARY KEY (bucket, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS parts (path TEXT PRIMARY KEY, records INTEGER NOT NULL,
                                  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));
"""


class SqliteState:
    """``SeenStore`` + ``RecordIndex`` + archive-part bookkeeping in one SQLite file.

    Writes accumulate in one open transaction that ``commit()`` ends (after each
    ingested part): rows of records not yet in a finished part carry
    ``committed = 0`` and are discarded when the state is opened again.
    """

    PAGE_CACHE_KB = 16_000

    def __init__(self, path: str | Path, *, cache_size: int = 4096) -> None:
        self.path = str(path)
        self._cache: OrderedDict[int, bool] = OrderedDict()
        self._cache_size = cache_size
        self.db = sqlite3.connect(self.path, isolation_level=None)  # transactions are ours
        try:
            self.db.execute("PRAGMA locking_mode=EXCLUSIVE")
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(f"PRAGMA cache_size=-{self.PAGE_CACHE_KB}")
            self.db.executescript(_SCHEMA)
            self.db.execute("BEGIN")
            version = self.get_meta("schema_version")
            if version is None:
                self.set_meta("schema_version", str(SCHEMA_VERSION))
            elif version != str(SCHEMA_VERSION):
                raise sqlite3.DatabaseError(f"state schema version {version}, expected {SCHEMA_VERSION}")
            self.discard_uncommitted()
            self.commit()
        except BaseException:
            self.db.close()
            raise

    # --- meta ----------------------------------------------------------------------

    def get_meta(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_meta(self, name: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (name, value))

    # --- SeenStore -----------------------------------------------------------------

    def has(self, key: str) -> bool:
        digest = key_digest(key)
        cached = self._cache.get(digest)
        if cached is not None:
            self._cache.move_to_end(digest)
            return cached
        found = self.db.execute("SELECT 1 FROM seen WHERE k = ?", (digest,)).fetchone() is not None
        self._remember(digest, found)
        return found

    def add_many(self, keys: Iterable[str]) -> int:
        digests = [key_digest(k) for k in keys]
        before = self.db.total_changes
        self.db.executemany("INSERT OR IGNORE INTO seen (k) VALUES (?)", ((d,) for d in digests))
        for digest in digests:
            if digest in self._cache:
                self._cache[digest] = True
        return self.db.total_changes - before

    def seen_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM seen").fetchone()[0]

    def _remember(self, digest: int, found: bool) -> None:
        self._cache[digest] = found
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    # --- RecordIndex ---------------------------------------------------------------

    def has_record(self, record_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM records WHERE record_id = ?",
                               (bytes.fromhex(record_id),)).fetchone() is not None

    def is_committed(self, record_id: str) -> bool:
        """Whether the record is in a finished archive part."""
        return self.db.execute("SELECT 1 FROM records WHERE record_id = ? AND committed = 1",
                               (bytes.fromhex(record_id),)).fetchone() is not None

    def original_of(self, record_id: str) -> str | None:
        row = self.db.execute("SELECT coalesce(duplicate_of, record_id) FROM records WHERE record_id = ?",
                              (bytes.fromhex(record_id),)).fetchone()
        return row[0].hex() if row else None

    def first_with_content(self, content_hash: str) -> str | None:
        row = self.db.execute(
            "SELECT coalesce(duplicate_of, record_id) FROM records WHERE content_hash = ? ORDER BY seq LIMIT 1",
            (bytes.fromhex(content_hash),)).fetchone()
        return row[0].hex() if row else None

    def candidates(self, buckets: Sequence[int]) -> list[Candidate]:
        if not buckets:
            return []
        marks = ",".join("?" * len(buckets))
        rows = self.db.execute(
            f"SELECT r.seq, r.record_id, r.signature FROM records r WHERE r.seq IN "
            f"(SELECT DISTINCT seq FROM buckets WHERE bucket IN ({marks})) ORDER BY r.seq",
            list(buckets)).fetchall()
        return [Candidate(seq, rid.hex(), sig) for seq, rid, sig in rows if sig is not None]

    def add_record(self, record_id: str, content_hash: str, *, duplicate_of: str | None,
                   signature: bytes | None, buckets: Sequence[int] = (), committed: bool = False) -> None:
        cur = self.db.execute(
            "INSERT OR IGNORE INTO records (record_id, content_hash, duplicate_of, signature, committed) "
            "VALUES (?, ?, ?, ?, ?)",
            (bytes.fromhex(record_id), bytes.fromhex(content_hash) if content_hash else None,
             bytes.fromhex(duplicate_of) if duplicate_of else None, signature, int(committed)))
        if cur.rowcount and buckets:
            seq = cur.lastrowid
            self.db.executemany("INSERT OR IGNORE INTO buckets (bucket, seq) VALUES (?, ?)",
                                ((b, seq) for b in buckets))

    def commit_records(self, record_ids: Iterable[str]) -> None:
        self.db.executemany("UPDATE records SET committed = 1 WHERE record_id = ? AND committed = 0",
                            ((bytes.fromhex(r),) for r in record_ids))

    def record_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM records").fetchone()[0]

    def discard_uncommitted(self) -> int:
        """Forget records accepted by a run whose part file was never finished."""
        stale = "SELECT seq FROM records WHERE committed = 0"
        self.db.execute(f"DELETE FROM buckets WHERE seq IN ({stale})")
        return self.db.execute("DELETE FROM records WHERE committed = 0").rowcount

    def clear_records(self) -> None:
        """Drop every record and the part list (a rebuild of the index follows)."""
        self.db.execute("DELETE FROM buckets")
        self.db.execute("DELETE FROM records")
        self.db.execute("DELETE FROM parts")

    def retain(self, records: Iterable[tuple[Iterable[str], str | None]], parts: Iterable[str]) -> tuple[int, int]:
        """Keep only what the archive still holds: the seen keys and committed records
        of ``records`` (``(url keys, record id)`` of every record in a finished part)
        and the part list ``parts``; return (seen keys dropped, records dropped).
        Streams through temporary tables: memory stays flat. Not committed."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS keep_seen (k INTEGER PRIMARY KEY)")
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS keep_records (record_id BLOB PRIMARY KEY)")
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS keep_parts (path TEXT PRIMARY KEY)")
        for table in ("keep_seen", "keep_records", "keep_parts"):
            self.db.execute(f"DELETE FROM {table}")
        for keys, record_id in records:
            self.db.executemany("INSERT OR IGNORE INTO keep_seen (k) VALUES (?)", ((key_digest(k),) for k in keys))
            if record_id:
                self.db.execute("INSERT OR IGNORE INTO keep_records VALUES (?)", (bytes.fromhex(record_id),))
        self.db.executemany("INSERT OR IGNORE INTO keep_parts VALUES (?)", ((p,) for p in parts))
        seen = self.db.execute("DELETE FROM seen WHERE k NOT IN (SELECT k FROM keep_seen)").rowcount
        lost = "committed = 1 AND record_id NOT IN (SELECT record_id FROM keep_records)"
        self.db.execute(f"DELETE FROM buckets WHERE seq IN (SELECT seq FROM records WHERE {lost})")
        records_dropped = self.db.execute(f"DELETE FROM records WHERE {lost}").rowcount
        self.db.execute("DELETE FROM parts WHERE path NOT IN (SELECT path FROM keep_parts)")
        self._cache.clear()
        return seen, records_dropped

    # --- archive parts -------------------------------------------------------------

    def ingested_parts(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT path FROM parts")}

    def mark_part(self, path: str, records: int, members: Mapping[str, Iterable[str]] | None = None) -> None:
        # members unused: a repair re-reads this state's one archive (retain)
        self.db.execute("INSERT OR REPLACE INTO parts (path, records) VALUES (?, ?)", (path, records))

    # --- lifecycle -----------------------------------------------------------------

    def commit(self) -> None:
        """Make everything written so far durable; the next transaction starts at once."""
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def rollback(self) -> None:
        """Forget everything written since the last ``commit()``."""
        self.db.execute("ROLLBACK")
        self.db.execute("BEGIN")

    def close(self) -> None:
        try:
            if self.db.in_transaction:
                self.db.execute("COMMIT")
        finally:
            self.db.close()


def open_state(directory: Path) -> SqliteState:
    """Open (or create) the state in ``directory``; a corrupt or incompatible file is
    moved aside to ``state.sqlite.broken-N`` and a fresh one is created (the caller
    then rebuilds it from the archive). Raises ``StateError`` when the directory
    cannot be created or written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StateError(f"cannot create the state directory {directory}: {exc.strerror or exc}") from exc
    path = directory / STATE_FILE
    try:
        return SqliteState(path)
    except sqlite3.DatabaseError as exc:
        if _unwritable(exc):
            raise StateError(f"the state in {directory} is not writable: {exc}") from exc
        n = 1
        while (aside := path.with_name(f"{STATE_FILE}.broken-{n}")).exists():
            n += 1
        logger.warning("crawl state %s is unreadable (%s); moved to %s, rebuilding from the archive",
                       path, exc, aside.name)
        path.rename(aside)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        try:
            return SqliteState(path)
        except sqlite3.DatabaseError as again:
            raise StateError(f"cannot create the crawl state {path}: {again}") from again


def _unwritable(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and any(
        s in text for s in ("unable to open", "readonly", "read-only", "disk i/o", "permission", "disk is full"))
