"""End-of-crawl summary: pages fetched, records archived, files written, every
drop/skip reason with its count, and the monitors' verdict."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.monitoring import SiteMonitor

logger = logging.getLogger(__name__)


def reasons(stats: dict[str, Any], kind: str) -> dict[str, int]:
    """``{reason: count}`` of ``newscrawl/<kind>/<reason>`` stats (kind: dropped, skipped)."""
    prefix = f"newscrawl/{kind}/"
    return {k[len(prefix):]: int(v) for k, v in sorted(stats.items()) if k.startswith(prefix)}


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
        if stats.get("newscrawl/warc/files"):
            lines.append(f"WARC files written: {stats['newscrawl/warc/files']} "
                         f"({stats.get('newscrawl/warc/bytes', 0) / 1e6:.1f} MB, "
                         f"{stats.get('newscrawl/warc/pages', 0)} article pages, "
                         f"{stats.get('newscrawl/warc/responses', 0)} responses)")
        retries = stats.get("retry/count", 0)
        if retries:
            waited = stats.get("newscrawl/retry/wait_ms", 0) / 1000
            lines.append(f"retries: {retries} (waited {waited:.1f} s in backoff), "
                         f"given up: {stats.get('retry/max_reached', 0)}")
        for kind in ("dropped", "skipped"):
            counts = reasons(stats, kind)
            if counts:
                lines.append(f"{kind}: {sum(counts.values())}")
                lines += [f"  {kind}/{name}: {count}" for name, count in counts.items()]
        return lines + self.monitor_lines(reason)

    def monitor_lines(self, reason: str) -> list[str]:
        """The monitors' verdict (they run once; the summary may come first)."""
        monitor = self.crawler.get_extension(SiteMonitor)
        result = monitor.finish(reason)[1] if monitor is not None else None
        if result is None:
            return []
        failures = result["failures"]
        if not failures:
            return [f"monitors: passed ({result['sites_checked']} sites checked)"]
        return ([f"monitors: {len(failures)} failed ({result['sites_checked']} sites checked)"]
                + [f"  {failure['message']}" for failure in failures])

    def spider_closed(self, spider: Any, reason: str) -> None:
        logger.info("crawl summary:\n  %s", "\n  ".join(self.summary_lines(reason)))
