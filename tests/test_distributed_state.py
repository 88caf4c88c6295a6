"""The crawl state in Redis gives the verdicts the SQLite state gives: the same
record index protocol, on a real redis-server (tests/conftest.py ``redis_server``)."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
import redis

from newscrawl.dedup.calibration import lookalike_pairs, syndicated_pairs
from newscrawl.dedup.near import DuplicateFinder
from newscrawl.dedup.state import SqliteState
from newscrawl.distributed.quota import SharedQuota
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


def judged_at_once(finders: list[DuplicateFinder], bodies: list[str], order: list[int]) -> list[Any]:
    """Every worker judges its copy against the stored state first (none sees the
    other's: neither is written yet), then they claim in ``order``."""
    verdicts: list[Any] = [finder.check(rid(f"copy{n}"), body, chash(body))
                           for n, (finder, body) in enumerate(zip(finders, bodies, strict=True))]
    assert not any(v.duplicate_of for v in verdicts), "nothing stored yet: both look like originals"
    for n in order:
        verdicts[n] = finders[n].claim(rid(f"copy{n}"), chash(bodies[n]), verdicts[n])
    return verdicts


def two_workers(server: redis.Redis) -> list[DuplicateFinder]:
    return [DuplicateFinder(RedisState(server, "t:state:", w)) for w in ("w1", "w2")]


@pytest.mark.parametrize("order", [[0, 1], [1, 0]])
def test_two_exact_copies_judged_at_once_make_one_original(server: redis.Redis, order: list[int]) -> None:
    body = "the same wire story, word for word, on two sites " * 30
    verdicts = judged_at_once(two_workers(server), [body, body], order)
    first, second = order
    assert verdicts[first].duplicate_of is None
    assert (verdicts[second].duplicate_of, verdicts[second].kind) == (rid(f"copy{first}"), "exact")


@pytest.mark.parametrize("order", [[0, 1], [1, 0]])
def test_two_near_copies_judged_at_once_make_one_original(server: redis.Redis, order: list[int]) -> None:
    pair = next(iter(syndicated_pairs()))
    finders = two_workers(server)
    verdicts = judged_at_once(finders, [pair.a, pair.b], order)
    first, second = order
    assert verdicts[first].duplicate_of is None
    assert (verdicts[second].duplicate_of, verdicts[second].kind) == (rid(f"copy{first}"), "near")
    # The copy left the near index: a third copy finds the original, not it.
    third = finders[0].check(rid("third"), pair.b, chash(pair.b + " "))
    assert third.duplicate_of == rid(f"copy{first}")
    # And the copy's exact twin is a copy of the original too.
    assert finders[0].check(rid("twin"), pair.b, chash([pair.a, pair.b][second])).duplicate_of == rid(f"copy{first}")


class ClaimsBetweenLookups(RedisState):
    """A worker's state whose near lookup runs just after another worker claimed the
    same body: the moment between the exact and the near lookups of ``check``."""

    def __init__(self, server: redis.Redis, other: DuplicateFinder, body: str) -> None:
        super().__init__(server, "t:state:", "w2")
        self.other, self.body = other, body

    def candidates(self, buckets: Any) -> Any:
        verdict = self.other.check(rid("first"), self.body, chash(self.body))
        self.other.claim(rid("first"), chash(self.body), verdict)
        return super().candidates(buckets)


def test_an_exact_copy_claimed_between_the_lookups_is_exact(server: redis.Redis) -> None:
    body = next(iter(syndicated_pairs())).a
    other = two_workers(server)[0]
    verdict = DuplicateFinder(ClaimsBetweenLookups(server, other, body)).check(rid("second"), body, chash(body))
    assert (verdict.duplicate_of, verdict.kind) == (rid("first"), "exact")


def test_a_released_claim_leaves_the_story_to_the_other_copy(server: redis.Redis) -> None:
    body = "a story whose first copy fails validation after the duplicate check " * 20
    one, two = two_workers(server)
    verdict = one.check(rid("a"), body, chash(body))
    assert one.claim(rid("a"), chash(body), verdict) == verdict
    assert two.claim(rid("b"), chash(body), two.check(rid("b"), body, chash(body))).duplicate_of == rid("a")
    assert not two.index.release_record(rid("a")), "only the worker that claimed it releases it"
    assert one.index.release_record(rid("a"))
    assert not one.index.has_record(rid("a"))
    later = two.check(rid("c"), body, chash(body))
    assert later.duplicate_of is None and two.claim(rid("c"), chash(body), later) == later


def test_max_items_is_one_count_for_every_worker(server: redis.Redis, redis_server: str) -> None:
    workers = [SharedQuota(redis.Redis.from_url(f"{redis_server}/14"), "t:crawl:x:articles", 3) for _ in range(2)]
    taken = [workers[n % 2]() for n in range(6)]
    assert taken == [True, True, True, False, False, False]
    assert all(w.exhausted() and w.used() == 3 for w in workers)


def test_only_the_lost_records_of_a_part_are_forgotten(server: redis.Redis) -> None:
    state = RedisState(server, "t:state:", "w1")
    finder = DuplicateFinder(state)
    pages = {rid(u): u for u in ("a.example/1", "a.example/2", "b.example/3")}
    for record_id, key in pages.items():
        finder.remember(record_id, chash(key), duplicate_of=None, body=f"story {key} " * 60, committed=True)
    state.add_many(pages.values())
    state.mark_part("articles/p1.jsonl.gz", 2, {rid("a.example/1"): ["a.example/1"], rid("a.example/2"): ["a.example/2"]})
    state.mark_part("articles/p2.jsonl.gz", 1)  # no record list (an older ingest)
    assert state.forget_lost_records("articles/p1.jsonl.gz", kept=[rid("a.example/1")]) == (1, 1)
    assert not state.has("a.example/2") and not state.has_record(rid("a.example/2"))
    assert state.first_with_content(chash("a.example/2")) is None
    assert state.has("a.example/1") and state.has("b.example/3") and state.has_record(rid("b.example/3"))
    assert "articles/p1.jsonl.gz" not in state.ingested_parts()
    assert state.forget_lost_records("articles/p2.jsonl.gz", kept=[]) is None
