"""Write validated records into the archive and the run's manifest."""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.archive.manifest import write_manifest
from newscrawl.archive.writer import ArchiveWriter
from newscrawl.runinfo import crawl_id_of

logger = logging.getLogger(__name__)

#: Settings recorded in the manifest: the ones that shape what the archive holds.
MANIFEST_SETTINGS = (
    "NEWSCRAWL_ARCHIVE_DIR", "NEWSCRAWL_ARCHIVE_MAX_RECORDS", "NEWSCRAWL_ARCHIVE_MAX_BYTES",
    "NEWSCRAWL_VALIDATE_ENABLED", "NEWSCRAWL_MAX_DEPTH", "NEWSCRAWL_MIN_ARTICLE_CHARS",
    "USER_AGENT", "ROBOTSTXT_OBEY", "DOWNLOAD_MAXSIZE", "DOWNLOAD_TIMEOUT",
)


class ArchivePipeline:
    def __init__(self, crawler: Any, root: Path, crawl_id: str, writer: ArchiveWriter) -> None:
        self.crawler = crawler
        self.root = root
        self.crawl_id = crawl_id
        self.writer = writer
        self.started = datetime.now(UTC)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchivePipeline:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_ARCHIVE_ENABLED"):
            raise NotConfigured("NEWSCRAWL_ARCHIVE_ENABLED is off")
        root = Path(settings.get("NEWSCRAWL_ARCHIVE_DIR") or "output")
        crawl_id = crawl_id_of(crawler)
        writer = ArchiveWriter(
            root, crawl_id,
            max_records=settings.getint("NEWSCRAWL_ARCHIVE_MAX_RECORDS"),
            max_bytes=settings.getint("NEWSCRAWL_ARCHIVE_MAX_BYTES"),
            compresslevel=settings.getint("NEWSCRAWL_ARCHIVE_COMPRESSLEVEL"),
        )
        return cls(crawler, root, crawl_id, writer)

    def open_spider(self) -> None:
        self.writer.clean_leftovers()

    def process_item(self, item: Any) -> Any:
        self.writer.write(ItemAdapter(item).asdict())
        self.crawler.stats.inc_value("newscrawl/archived")
        return item

    def close_spider(self) -> None:
        files = self.writer.close()
        self.crawler.stats.set_value("newscrawl/archive/files", len(files))

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = dict(self.crawler.stats.get_stats())
        manifest = {
            "crawl_id": self.crawl_id,
            "schema_version": 1,
            "started_at": self.started,
            "finished_at": datetime.now(UTC),
            "finish_reason": reason,
            "spider": spider.name,
            "settings": {name: self.crawler.settings.get(name) for name in MANIFEST_SETTINGS},
            "files": [asdict(f) for f in self.writer.files],
            "records": sum(f.records for f in self.writer.files),
            "stats": {k: v for k, v in sorted(stats.items())},
        }
        path = write_manifest(self.root, self.crawl_id, manifest)
        logger.info("manifest written: %s", path)
