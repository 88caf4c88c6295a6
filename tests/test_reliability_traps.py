"""Crawler traps on the sample site's ``/hostile/`` routes: endless calendars and
pagination, session ids, one page under many parameter orders, relative-link loops.
Each crawl stays small -- bounded by ``max_depth``, URL canonicalisation and the
repeated-segment rule -- ends normally, and says why it stopped."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import pytest_twisted

from newscrawl.archive.verify import verify_archive
from tests.test_reliability_hostile import crawl

# (start path, max_depth, most requests allowed (robots.txt included), the stat that
# says why the crawl stopped, how many distinct pages it may fetch)
TRAPS = {
    # 4 links a page (prev/next day, next month, next year): at depth 2, 1 + 4 + 10 pages.
    "calendar": ("/hostile/calendar/2022/07/24", 2, 20, "skipped/max_depth", 15),
    "pagination": ("/hostile/paginate.html?page=1", 3, 6, "skipped/max_depth", 4),
    "session-ids": ("/hostile/session.html", 3, 3, "skipped/duplicate_url", 1),
    "parameter-orders": ("/hostile/params.html?a=1&b=2&c=3", 3, 3, "skipped/duplicate_url", 1),
    # Depth alone would allow 2 requests per level; the path may repeat "loop" 3 times.
    "relative-loop": ("/hostile/trap/", 10, 9, "skipped/url_trap", 7),
}


@pytest.mark.parametrize("name", list(TRAPS))
@pytest_twisted.ensureDeferred
async def test_trap_is_bounded(name: str, sample_site: str, tmp_path: Path) -> None:
    path, depth, max_requests, stopped_by, max_pages = TRAPS[name]
    result = await crawl(tmp_path, start_urls=sample_site + path, max_depth=str(depth))
    assert result.stats["finish_reason"] == "finished"
    assert len(result.requested) <= max_requests, result.requested
    pages = {u for u in result.requested if not u.endswith("/robots.txt")}
    assert len(pages) <= max_pages, sorted(pages)
    assert result.stats.get(f"newscrawl/{stopped_by}", 0) >= 1
    assert any(outcome == stopped_by for outcome, _, _ in result.outcomes.lines)
    assert verify_archive(tmp_path).ok


@pytest_twisted.ensureDeferred
async def test_session_ids_and_parameter_orders_are_one_page(sample_site: str, tmp_path: Path) -> None:
    result = await crawl(tmp_path, start_urls=f"{sample_site}/hostile/session.html,"
                                            f"{sample_site}/hostile/params.html?c=3&a=1&b=2", max_depth="2")
    paths = sorted(urlsplit(u).path for u in result.requested if not u.endswith("/robots.txt"))
    assert paths == ["/hostile/params.html", "/hostile/session.html"]
    # 3 session-id links; 6 orders + 6 tracked variants (the seed's own order included).
    assert result.stats.get("newscrawl/skipped/duplicate_url") == 3 + 12
