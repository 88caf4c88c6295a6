"""The baseline of bench/crawl.py: a plain Scrapy spider, as one would write it in an
afternoon. SitemapSpider -> ``trafilatura.extract(..., output_format="json",
with_metadata=True)`` on the raw bytes -> a dict item -> FEEDS JSON Lines. No scope
rules, no dedup, no validation, no manifest.

Run by bench/crawl.py with ``scrapy runspider bench/plain_spider.py`` outside the
project (plain Scrapy defaults). ``BENCH_PROBE_OUT`` (a setting) names a JSON file
that receives the CPU seconds spent in trafilatura and in the feed exporter.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import trafilatura
from scrapy import signals
from scrapy.exporters import JsonLinesItemExporter
from scrapy.http import Response
from scrapy.spiders import SitemapSpider

_CPU: dict[str, float] = {"extract": 0.0, "write": 0.0}
_export_item = JsonLinesItemExporter.export_item


def _timed_export(self: JsonLinesItemExporter, item: Any) -> Any:
    t0 = time.process_time()
    try:
        return _export_item(self, item)
    finally:
        _CPU["write"] += time.process_time() - t0


JsonLinesItemExporter.export_item = _timed_export  # type: ignore[method-assign]


class PlainSpider(SitemapSpider):
    name = "plain"

    def __init__(self, sitemap: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sitemap_urls = [sitemap]
        self._started = 0.0

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PlainSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.closed_probe, signal=signals.spider_closed)
        return spider

    def opened(self, spider: Any) -> None:
        self._started = time.process_time()

    def parse(self, response: Response) -> Iterator[dict[str, Any]]:
        t0 = time.process_time()
        result = trafilatura.extract(response.body, url=response.url, output_format="json", with_metadata=True)
        _CPU["extract"] += time.process_time() - t0
        if result:
            yield {"url": response.url, **json.loads(result)}

    def closed_probe(self, spider: Any, reason: str) -> None:
        out = self.crawler.settings.get("BENCH_PROBE_OUT")
        if not out:
            return
        stats = self.crawler.stats.get_stats()
        with open(out, "w", encoding="utf-8") as fh:
            json.dump({"crawl_cpu": time.process_time() - self._started, "stages": dict(_CPU),
                       "stats": {k: v for k, v in stats.items() if isinstance(v, int | float)}}, fh)
