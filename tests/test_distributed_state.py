"""The crawl state in Redis gives the verdicts the SQLite state gives: the same
record index protocol, on a real redis-server (tests/conftest.py ``redis_server``)."""

from __future__ import annotations

import hashlib

import pytest
import redis

from newscrawl.dedup.calibration import lookalike_pairs, syndicated_pairs
from newscrawl.dedup.near import DuplicateFinder
from newscrawl.dedup.state import SqliteState
from newscrawl.distributed.state import RedisState


@pytest.fixture
def server(redis_server: str) -> redis.Redis:
    client = redis.Redis.from_url(f"{redis_server}/14")
    client.flushdb()
    return client


def rid(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def chash(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def test_seen_keys_are_shared_between_workers(server: redis.Redis) -> None:
    one, two = RedisState(server, "t:state:", "w1"), RedisState(server, "t:state:", "w2")
    assert one.add_many(["example.com/a", "example.com/b"]) == 2
    assert two.has("example.com/a") and not two.has("example.com/c")
    assert two.add_many(["example.com/a"]) == 0
    assert one.seen_count() == 2


def test_verdicts_equal_sqlite_state(server: redis.Redis) -> None:
    pairs = list(syndicated_pairs())[:12] + list(lookalike_pairs())[:8]
    finders = [DuplicateFinder(SqliteState(":memory:")), DuplicateFinder(RedisState(server, "t:state:", "w1"))]
    verdicts: list[list[tuple[str | None, str | None]]] = [[], []]
    for n, pair in enumerate(pairs):
        for body, name in ((pair.a, f"{n}a"), (pair.b, f"{n}b")):
            for finder, out in zip(finders, verdicts, strict=True):
                verdict = finder.check(rid(name), body, chash(body))
                out.append((verdict.duplicate_of, verdict.kind))
                finder.remember(rid(name), chash(body), duplicate_of=verdict.duplicate_of,
                                fingerprint=verdict.fingerprint, body=body)
    assert verdicts[0] == verdicts[1]
    assert any(kind == "near" for _, kind in verdicts[1])


def test_a_dead_workers_unfinished_records_are_forgotten(server: redis.Redis) -> None:
    body = "the same story on two sites " * 40
    dead, alive = RedisState(server, "t:state:", "dead"), RedisState(server, "t:state:", "alive")
    DuplicateFinder(dead).remember(rid("x"), chash(body), duplicate_of=None, body=body)
    DuplicateFinder(dead).remember(rid("y"), chash("y"), duplicate_of=None, body="another " * 80)
    dead.commit_records([rid("y")])
    assert alive.first_with_content(chash(body)) == rid("x")
    assert alive.discard_uncommitted_of("dead") == 1
    assert not alive.has_record(rid("x")) and alive.first_with_content(chash(body)) is None
    assert alive.is_committed(rid("y"))
    assert DuplicateFinder(alive).check(rid("z"), body, chash(body)).duplicate_of is None
