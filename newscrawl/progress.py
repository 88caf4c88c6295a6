"""A progress line during a crawl, every ``NEWSCRAWL_PROGRESS_INTERVAL`` seconds:
pages fetched, records archived, skipped, dropped, requests queued, pages per second."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.extensions.logstats import LogStats

from newscrawl.extensions import reasons

logger = logging.getLogger(__name__)


def progress_line(stats: Mapping[str, Any], *, queued: int, pages_before: int, seconds: float) -> str:
    """The progress line for ``stats`` and ``queued`` scheduled requests; the rate is
    over the last ``seconds``."""
    pages = _pages(stats)
    rate = (pages - pages_before) / seconds if seconds > 0 else 0.0
    verb = "replayed" if "newscrawl/replay/pages" in stats else "fetched"
    return (f"progress: {pages} pages {verb}, {int(stats.get('newscrawl/archived', 0))} archived, "
            f"{sum(reasons(dict(stats), 'skipped').values())} skipped, "
            f"{sum(reasons(dict(stats), 'dropped').values())} dropped, {queued} queued, {rate:.1f} pages/s")


def _pages(stats: Mapping[str, Any]) -> int:
    """Pages fetched, or, in ``scrapy reextract`` (no download), read from WARCs."""
    return int(stats.get("response_received_count", 0)) + int(stats.get("newscrawl/replay/pages", 0))


class CrawlProgress(LogStats):
    """Scrapy's LogStats (which it replaces, keeping its ``responses_per_minute`` and
    ``items_per_minute`` stats) with newscrawl's counts in its line."""

    def __init__(self, crawler: Any, interval: float) -> None:
        super().__init__(crawler.stats, interval)
        self.crawler = crawler
        self._pages_before = 0
        self._last = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlProgress:
        settings = crawler.settings
        interval = settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL")
        if not settings.getbool("NEWSCRAWL_PROGRESS_ENABLED") or interval <= 0:
            raise NotConfigured("NEWSCRAWL_PROGRESS_ENABLED is off or NEWSCRAWL_PROGRESS_INTERVAL is 0")
        o = cls(crawler, interval)
        crawler.signals.connect(o.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(o.spider_closed, signal=signals.spider_closed)
        return o

    def log(self, spider: Any) -> None:
        now = time.monotonic()
        stats = self.stats.get_stats()
        logger.info(progress_line(stats, queued=self._queued(stats), pages_before=self._pages_before,
                                  seconds=now - self._last))
        self._pages_before = _pages(stats)
        self._last = now

    def _queued(self, stats: Mapping[str, Any]) -> int:
        """Requests in the scheduler: its length (a resumed JOBDIR queue included), else
        what this run enqueued and has not dequeued."""
        scheduler = self.crawler.engine.scheduler if self.crawler.engine is not None else None
        if scheduler is not None and hasattr(scheduler, "__len__"):
            return len(scheduler)
        return max(0, int(stats.get("scheduler/enqueued", 0)) - int(stats.get("scheduler/dequeued", 0)))
