"""The crawl's WARC capture (``NEWSCRAWL_WARC_ENABLED``): one writer per crawl, shared by
the capture middleware (every response, with ``NEWSCRAWL_WARC_ALL``) and the WARC
pipeline (article pages). Files go to ``<NEWSCRAWL_ARCHIVE_DIR>/warc/``; the archive
pipeline lists them in the run manifest."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.runinfo import archive_dir_of, crawl_id_of
from newscrawl.warc.records import Exchange, exchange_records, page_record, record_id
from newscrawl.warc.writer import WarcFile, WarcWriter

logger = logging.getLogger(__name__)


class WarcCapture:
    def __init__(self, crawler: Any, writer: WarcWriter, all_responses: bool) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.writer = writer
        self.all_responses = all_responses
        self.listeners: list[Callable[[WarcFile], None]] = []
        self.closed = False
        writer.on_finished = self._finished
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcCapture:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_WARC_ENABLED"):
            raise NotConfigured("NEWSCRAWL_WARC_ENABLED is off")
        if not settings.getbool("NEWSCRAWL_ARCHIVE_ENABLED"):
            raise NotConfigured("NEWSCRAWL_ARCHIVE_ENABLED is off: WARC files belong to the archive")
        writer = WarcWriter(
            archive_dir_of(settings), crawl_id_of(crawler),
            max_bytes=settings.getint("NEWSCRAWL_WARC_MAX_BYTES"),
            compresslevel=settings.getint("NEWSCRAWL_WARC_COMPRESSLEVEL"),
            info={"robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
                  "http-header-user-agent": settings.get("USER_AGENT")},
        )
        return cls(crawler, writer, settings.getbool("NEWSCRAWL_WARC_ALL"))

    @property
    def files(self) -> list[WarcFile]:
        return self.writer.files

    def _timed(self, started: float, records: int) -> None:
        self.stats.inc_value("newscrawl/warc/cpu_ms", (time.thread_time() - started) * 1000)
        self.stats.inc_value("newscrawl/warc/records", records)

    def write_exchange(self, ex: Exchange) -> tuple[str, str]:
        """Write ``ex`` as a response + request pair; ``(warc_file, response id)``."""
        started = time.thread_time()
        records = exchange_records(self.writer.builder, ex)
        path = self.writer.write(records, ex.warc_date[:10])
        ex.written = (path, record_id(records[0]))
        self.stats.inc_value("newscrawl/warc/responses")
        self._timed(started, len(records))
        return ex.written

    def write_page(self, ex: Exchange, info: dict[str, Any]) -> tuple[str, str]:
        """Write the article page ``ex`` (the pair unless already written, then its
        metadata record); ``(warc_file, response id)`` of the response record."""
        started = time.thread_time()
        builder = self.writer.builder
        date = ex.warc_date[:10]
        records = []
        if ex.written is None:
            records = exchange_records(builder, ex)
            # The pair and its metadata are one group: they go into one file.
            warc_file, response_id = self.writer.next_path(date), record_id(records[0])
            self.stats.inc_value("newscrawl/warc/responses")
        else:
            warc_file, response_id = ex.written
        records.append(page_record(builder, ex.url, response_id, ex.warc_date,
                                   dict(info, warc_file=warc_file)))
        self.writer.write(records, date)
        ex.written = (warc_file, response_id)
        self.stats.inc_value("newscrawl/warc/pages")
        self._timed(started, len(records))
        return ex.written

    def _finished(self, done: WarcFile) -> None:
        self.stats.inc_value("newscrawl/warc/files")
        self.stats.inc_value("newscrawl/warc/bytes", done.bytes)
        for listener in list(self.listeners):
            listener(done)

    def close(self, *args: Any, **kwargs: Any) -> list[WarcFile]:
        if not self.closed:
            self.closed = True
            self.writer.close()
        return self.writer.files
