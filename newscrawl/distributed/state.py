"""The crawl state in Redis: what ``SqliteState`` keeps for one machine, shared by
every worker of every crawl that names the same Redis and prefix.

    <base>state:seen            SET of key digests (``key_digest(url_key)``) of archived pages
    <base>state:seq             insertion counter: the first record of a story wins
    <base>state:rec:<id>        HASH seq, ch (content hash), dup (duplicate_of), sig (MinHash
                                bytes), b (LSH buckets), c (1: in a finished part), w (worker)
    <base>state:content:<hash>  the first record (its original) with that content hash (SET NX)
    <base>state:bucket:<band>   SET of record ids in that LSH bucket
    <base>state:uncommitted:<worker>  records a worker accepted, not yet in a finished part
    <base>state:parts           SET of ingested part paths
    <base>state:part:<path>     HASH record id -> its page keys' digests (for ``scrapy archive repair``)
    <base>state:meta            HASH (fingerprint parameters ...)

The near-duplicate index keeps newscrawl's own LSH bands (``Fingerprinter.band_keys``)
as the SQLite state does, so both backends give the same verdicts; the signatures
are compared by ``DuplicateFinder`` as before. No lock is taken: several workers
use the state at once, and every write is idempotent (``SADD``, ``SET NX``).

Two workers judging two copies of one story at the same moment: a would-be original
is claimed when it is judged (``claim_record``, one Lua script: the exact check on
its content hash and its registration, seq and buckets, together), not when it is
written; ``DuplicateFinder.claim`` then compares it with the near candidates claimed
before it. A claimed record that is then dropped is released (``release_record``);
a dead worker's claims go with its other unfinished records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newscrawl.dedup.state import Candidate, Claim, key_digest

# KEYS: rec, seq, uncommitted:<worker>, content:<hash>, bucket keys ...
# ARGV: record id, worker, content hash ('' for none), signature ('' for none), buckets (csv).
# The exact check and the registration in one step: of two workers claiming one
# content hash, one registers, the other gets its id as the original; and a record's
# seq is visible with its buckets, so of two near copies the later one sees the earlier.
_CLAIM = """
if redis.call('exists', KEYS[1]) == 1 then return {'taken'} end
if ARGV[3] ~= '' then
  local owner = redis.call('get', KEYS[4])
  if owner and owner ~= ARGV[1] then return {'exact', owner} end
end
local seq = redis.call('incr', KEYS[2])
redis.call('hset', KEYS[1], 'seq', seq, 'c', 0, 'w', ARGV[2], 'b', ARGV[5])
if ARGV[3] ~= '' then
  redis.call('hset', KEYS[1], 'ch', ARGV[3])
  redis.call('set', KEYS[4], ARGV[1], 'NX')
end
if ARGV[4] ~= '' then redis.call('hset', KEYS[1], 'sig', ARGV[4]) end
for i = 5, #KEYS do redis.call('sadd', KEYS[i], ARGV[1]) end
redis.call('sadd', KEYS[3], ARGV[1])
return {'claimed', tostring(seq)}
"""

# KEYS: rec, content:<hash> (or rec again), bucket keys ...  ARGV: record id, its original.
_SETTLE = """
redis.call('hset', KEYS[1], 'dup', ARGV[2], 'b', '')
redis.call('hdel', KEYS[1], 'sig')
if KEYS[2] ~= KEYS[1] and redis.call('get', KEYS[2]) == ARGV[1] then redis.call('set', KEYS[2], ARGV[2]) end
for i = 3, #KEYS do redis.call('srem', KEYS[i], ARGV[1]) end
return 1
"""

# KEYS: rec, uncommitted:<worker>, content:<hash> (or rec again), bucket keys ...
# ARGV: record id, worker. Only this worker's record not yet in a finished part.
_RELEASE = """
if redis.call('hget', KEYS[1], 'c') ~= '0' or redis.call('hget', KEYS[1], 'w') ~= ARGV[2] then return 0 end
redis.call('del', KEYS[1])
redis.call('srem', KEYS[2], ARGV[1])
if KEYS[3] ~= KEYS[1] and redis.call('get', KEYS[3]) == ARGV[1] then redis.call('del', KEYS[3]) end
for i = 4, #KEYS do redis.call('srem', KEYS[i], ARGV[1]) end
return 1
"""


class RedisState:
    def __init__(self, server: Any, prefix: str, worker: str) -> None:  # a redis.Redis (bytes replies)
        self.server = server
        self.prefix = prefix
        self.worker = worker
        self.path = f"redis {prefix}"
        self._seen_cache: set[int] = set()
        self._claim = server.register_script(_CLAIM)
        self._settle = server.register_script(_SETTLE)
        self._release = server.register_script(_RELEASE)

    def _k(self, name: str) -> str:
        return self.prefix + name

    # --- meta ----------------------------------------------------------------------

    def get_meta(self, name: str) -> str | None:
        value = self.server.hget(self._k("meta"), name)
        return value.decode() if value is not None else None

    def set_meta(self, name: str, value: str) -> None:
        self.server.hset(self._k("meta"), name, value)

    # --- SeenStore -----------------------------------------------------------------

    def has(self, key: str) -> bool:
        digest = key_digest(key)
        if digest in self._seen_cache:
            return True
        found = bool(self.server.sismember(self._k("seen"), digest))
        if found and len(self._seen_cache) < 100_000:
            self._seen_cache.add(digest)
        return found

    def add_many(self, keys: Iterable[str]) -> int:
        digests = [key_digest(k) for k in keys]
        return int(self.server.sadd(self._k("seen"), *digests)) if digests else 0

    def seen_count(self) -> int:
        return int(self.server.scard(self._k("seen")))

    # --- RecordIndex ---------------------------------------------------------------

    def _rec(self, record_id: str) -> str:
        return self._k(f"rec:{record_id}")

    def has_record(self, record_id: str) -> bool:
        return bool(self.server.exists(self._rec(record_id)))

    def is_committed(self, record_id: str) -> bool:
        return self.server.hget(self._rec(record_id), "c") == b"1"

    def original_of(self, record_id: str) -> str | None:
        exists, dup = self.server.hmget(self._rec(record_id), ["seq", "dup"])
        if exists is None:
            return None
        return dup.decode() if dup else record_id

    def first_with_content(self, content_hash: str) -> str | None:
        value = self.server.get(self._k(f"content:{content_hash}"))
        return value.decode() if value is not None else None

    def candidates(self, buckets: Sequence[int]) -> list[Candidate]:
        if not buckets:
            return []
        ids = self.server.sunion([self._k(f"bucket:{b}") for b in buckets])
        if not ids:
            return []
        pipe = self.server.pipeline(transaction=False)
        ordered = sorted(i.decode() for i in ids)
        for record_id in ordered:
            pipe.hmget(self._rec(record_id), ["seq", "sig"])
        found = []
        for record_id, (seq, sig) in zip(ordered, pipe.execute(), strict=True):
            if seq is not None and sig:
                found.append(Candidate(int(seq), record_id, sig))
        return sorted(found, key=lambda c: c.seq)

    def add_record(self, record_id: str, content_hash: str, *, duplicate_of: str | None,
                   signature: bytes | None, buckets: Sequence[int] = (), committed: bool = False) -> None:
        key = self._rec(record_id)
        if self.server.exists(key):
            return
        seq = int(self.server.incr(self._k("seq")))
        fields: dict[str, bytes | str | int] = {"seq": seq, "c": int(committed), "w": self.worker,
                                                "b": ",".join(str(b) for b in buckets)}
        if content_hash:
            fields["ch"] = content_hash
        if duplicate_of:
            fields["dup"] = duplicate_of
        if signature is not None:
            fields["sig"] = signature
        pipe = self.server.pipeline(transaction=True)
        pipe.hset(key, mapping=fields)  # type: ignore[arg-type]
        if content_hash:
            pipe.set(self._k(f"content:{content_hash}"), duplicate_of or record_id, nx=True)
        for bucket in buckets:
            pipe.sadd(self._k(f"bucket:{bucket}"), record_id)
        if not committed:
            pipe.sadd(self._k(f"uncommitted:{self.worker}"), record_id)
        pipe.execute()

    # --- SharedIndex: claims at decision time ----------------------------------------

    def claim_record(self, record_id: str, content_hash: str, *, signature: bytes | None,
                     buckets: Sequence[int]) -> Claim:
        keys = [self._rec(record_id), self._k("seq"), self._k(f"uncommitted:{self.worker}"),
                self._k(f"content:{content_hash}"), *(self._k(f"bucket:{b}") for b in buckets)]
        args = [record_id, self.worker, content_hash, signature or b"", ",".join(str(b) for b in buckets)]
        reply = self._claim(keys=keys, args=args)
        kind = reply[0].decode()
        if kind == "exact":
            return Claim(original=reply[1].decode())
        return Claim(seq=int(reply[1])) if kind == "claimed" else Claim()

    def settle_duplicate(self, record_id: str, duplicate_of: str, buckets: Sequence[int]) -> None:
        rec = self._rec(record_id)
        content_hash = self.server.hget(rec, "ch")
        content = self._k(f"content:{content_hash.decode()}") if content_hash else rec
        self._settle(keys=[rec, content, *(self._k(f"bucket:{b}") for b in buckets)],
                     args=[record_id, duplicate_of])

    def release_record(self, record_id: str) -> bool:
        rec = self._rec(record_id)
        content_hash, buckets = self.server.hmget(rec, ["ch", "b"])
        content = self._k(f"content:{content_hash.decode()}") if content_hash else rec
        bucket_keys = [self._k(f"bucket:{b}") for b in (buckets or b"").decode().split(",") if b]
        return bool(self._release(keys=[rec, self._k(f"uncommitted:{self.worker}"), content, *bucket_keys],
                                  args=[record_id, self.worker]))

    def commit_records(self, record_ids: Iterable[str]) -> None:
        ids = list(record_ids)
        if not ids:
            return
        pipe = self.server.pipeline(transaction=False)
        for record_id in ids:
            pipe.hset(self._rec(record_id), "c", 1)
        pipe.srem(self._k(f"uncommitted:{self.worker}"), *ids)
        pipe.execute()

    def record_count(self) -> int:
        """Records ever added (the insertion counter): zero means an empty index."""
        return int(self.server.get(self._k("seq")) or 0)

    def discard_uncommitted(self) -> int:
        """One machine's rule (forget what a crashed run never finished) applies per
        worker here: ``discard_uncommitted_of`` a worker whose heartbeat stopped."""
        return 0

    def discard_uncommitted_of(self, worker: str) -> int:
        members = self.server.smembers(self._k(f"uncommitted:{worker}"))
        dropped = 0
        for raw in members:
            record_id = raw.decode()
            ch, dup, committed, buckets = self.server.hmget(self._rec(record_id), ["ch", "dup", "c", "b"])
            if committed == b"1":
                continue
            pipe = self.server.pipeline(transaction=True)
            for bucket in (buckets or b"").decode().split(","):
                if bucket:
                    pipe.srem(self._k(f"bucket:{bucket}"), record_id)
            pipe.delete(self._rec(record_id))
            pipe.execute()
            if ch and not dup and self.server.get(self._k(f"content:{ch.decode()}")) == raw:
                self.server.delete(self._k(f"content:{ch.decode()}"))
            dropped += 1
        self.server.delete(self._k(f"uncommitted:{worker}"))
        return dropped

    def clear_records(self) -> None:
        for pattern in ("rec:*", "content:*", "bucket:*", "uncommitted:*", "part:*"):
            batch = list(self.server.scan_iter(match=self._k(pattern), count=1000))
            for start in range(0, len(batch), 500):
                self.server.delete(*batch[start:start + 500])
        self.server.delete(self._k("parts"), self._k("seq"))

    # --- archive parts -------------------------------------------------------------

    def ingested_parts(self) -> set[str]:
        return {p.decode() for p in self.server.smembers(self._k("parts"))}

    def mark_part(self, path: str, records: int, members: Mapping[str, Iterable[str]] | None = None) -> None:
        """Also keeps ``part:<path>`` (record id -> its page keys' digests): the Redis
        state serves every worker's archive, so a repair of one archive cannot re-read
        them all; it forgets the records its damaged part lost (``forget_lost_records``)."""
        pipe = self.server.pipeline(transaction=True)
        if members:
            pipe.hset(self._k(f"part:{path}"),
                      mapping={rid: ",".join(str(key_digest(k)) for k in keys) for rid, keys in members.items()})
        pipe.sadd(self._k("parts"), path)
        pipe.execute()

    def forget_lost_records(self, path: str, kept: Iterable[str]) -> tuple[int, int] | None:
        """After ``scrapy archive repair``: forget the records of the damaged part ``path``
        that are not in ``kept`` (its readable records) and their pages' seen keys, so
        the shared crawl fetches those pages again; return (seen keys, records) dropped,
        or None when the state has no list of that part's records (ingested before it kept
        one). Not atomic with a crawl: run it with no worker archiving those pages."""
        members = self.server.hgetall(self._k(f"part:{path}"))
        if not members:
            return None
        keep = set(kept)
        seen = records = 0
        for raw_id, digests in members.items():
            record_id = raw_id.decode()
            if record_id in keep:
                continue
            ch, buckets = self.server.hmget(self._rec(record_id), ["ch", "b"])
            pipe = self.server.pipeline(transaction=True)
            pipe.delete(self._rec(record_id))
            pipe.srem(self._k("seen"), *(digests.decode().split(",") if digests else ["-"]))  # "-": no key
            for bucket in (buckets or b"").decode().split(","):
                if bucket:
                    pipe.srem(self._k(f"bucket:{bucket}"), record_id)
            deleted, unseen, *_ = pipe.execute()
            records += int(deleted)
            seen += int(unseen)
            if ch and self.server.get(self._k(f"content:{ch.decode()}")) == raw_id:
                self.server.delete(self._k(f"content:{ch.decode()}"))
        self.server.delete(self._k(f"part:{path}"))
        self.server.srem(self._k("parts"), path)
        self._seen_cache.clear()
        return seen, records

    # --- lifecycle: every write above is applied at once ----------------------------

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass

    def close(self) -> None:
        self.server.close()
