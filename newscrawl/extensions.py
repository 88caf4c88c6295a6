"""End-of-crawl summary: pages fetched, records archived, files written, and every
drop/skip reason with its count."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


class CrawlSummary:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlSummary:
        if not crawler.settings.getbool("NEWSCRAWL_SUMMARY_ENABLED"):
            raise NotConfigured("NEWSCRAWL_SUMMARY_ENABLED is off")
        return cls(crawler)

    def summary_lines(self, reason: str) -> list[str]:
        stats = self.crawler.stats.get_stats()
        lines = [
            f"finish reason: {reason}",
            f"pages fetched: {stats.get('response_received_count', 0)}",
            f"article pages: {stats.get('newscrawl/pages/article', 0)}, "
            f"listing pages: {stats.get('newscrawl/pages/listing', 0)}",
            f"records archived: {stats.get('newscrawl/archived', 0)}",
            f"files written: {stats.get('newscrawl/archive/files', 0)}",
        ]
        for key in sorted(stats):
            if key.startswith(("newscrawl/dropped/", "newscrawl/skipped/")):
                lines.append(f"{key.removeprefix('newscrawl/')}: {stats[key]}")
        return lines

    def spider_closed(self, spider: Any, reason: str) -> None:
        logger.info("crawl summary:\n  %s", "\n  ".join(self.summary_lines(reason)))
