"""Two copies of one story in flight at once (pages extracted in parallel, neither
archived yet) are not both originals: the second is checked against the first."""

from __future__ import annotations

from typing import Any

from scrapy.utils.test import get_crawler

from newscrawl.dedup.calibration import sample_bodies, syndicated_pairs
from newscrawl.pipelines.dedup import DedupPipeline
from newscrawl.spiders.news import NewsSpider


def _pipeline() -> DedupPipeline:
    return DedupPipeline.from_crawler(get_crawler(NewsSpider, {"NEWSCRAWL_STATE_ENABLED": False, "NEWSCRAWL_DEDUP_ENABLED": True}))


def _record(n: int, body: str, content_hash: str) -> dict[str, Any]:
    return {"id": f"{n:040x}", "url": f"https://news.example.com/{n}.html", "body": body,
            "content_hash": content_hash, "duplicate_of": None}


def test_exact_copy_in_flight_is_marked() -> None:
    pipeline = _pipeline()
    body = sample_bodies()["en_wire"]
    first = pipeline.process_item(_record(1, body, "aa" * 32))
    second = pipeline.process_item(_record(2, body, "aa" * 32))  # before the first was scraped
    assert first["duplicate_of"] is None
    assert second["duplicate_of"] == first["id"]
    assert pipeline.crawler.stats.get_value("newscrawl/duplicates/exact") == 1


def test_near_copy_in_flight_is_marked_and_a_different_story_is_not() -> None:
    pipeline = _pipeline()
    pair = next(p for p in syndicated_pairs() if p.name == "syndicated-en_wire-combined")
    first = pipeline.process_item(_record(1, pair.a, "01" * 32))
    other = pipeline.process_item(_record(3, sample_bodies()["hk_heat"], "03" * 32))
    copy = pipeline.process_item(_record(2, pair.b, "02" * 32))
    assert (first["duplicate_of"], other["duplicate_of"]) == (None, None)
    assert copy["duplicate_of"] == first["id"]
    assert pipeline.crawler.stats.get_value("newscrawl/duplicates/near") == 1


def test_a_copy_of_a_dropped_original_is_an_original() -> None:
    """The first copy never reached the archive (dropped after dedup): the second is
    the story's first record, not a duplicate of nothing."""
    pipeline = _pipeline()
    body = sample_bodies()["en_wire"]
    first = pipeline.process_item(_record(1, body, "aa" * 32))
    pipeline.item_left(first)
    assert pipeline.process_item(_record(2, body, "aa" * 32))["duplicate_of"] is None
