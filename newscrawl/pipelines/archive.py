"""Write validated records into the archive and the run's manifest.

At open: lock the run marker (``runs/.<crawl_id>.running``), then recover what crashed
crawls left behind (:mod:`newscrawl.archive.recovery`). Each finished part is announced
with ``newscrawl.signals.part_file_finished``. At close: finish the open part files,
write ``runs/<crawl_id>.json``, drop the marker.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.settings import default_settings

import newscrawl.settings as project_settings
from newscrawl.archive.compression import check_compression
from newscrawl.archive.manifest import (
    MANIFEST_VERSION,
    RUNNING,
    RunMarker,
    files_entry,
    now,
    summarise_stats,
    write_manifest,
)
from newscrawl.archive.recovery import recover
from newscrawl.archive.writer import ArchiveWriter
from newscrawl.commands.crawl import exit_status
from newscrawl.items import SCHEMA_VERSION
from newscrawl.monitoring import SiteMonitor
from newscrawl.pipelines import as_record
from newscrawl.runinfo import archive_dir_of, crawl_id_of
from newscrawl.runlog import RunLog
from newscrawl.signals import announce_finished_parts
from newscrawl.warc.capture import WarcCapture
from newscrawl.warc.writer import WarcFile, warc_files_entry

logger = logging.getLogger(__name__)

#: Scrapy settings recorded in the manifest beside every ``NEWSCRAWL_*`` one: those
#: that change which pages are fetched or how records are written.
MANIFEST_SETTINGS = (
    "USER_AGENT", "ROBOTSTXT_OBEY", "DOWNLOAD_MAXSIZE", "DOWNLOAD_TIMEOUT", "DEPTH_LIMIT",
    "CLOSESPIDER_ITEMCOUNT", "CLOSESPIDER_PAGECOUNT", "CLOSESPIDER_TIMEOUT",
    "REQUEST_FINGERPRINTER_CLASS", "ITEM_PIPELINES", "FEED_EXPORT_ENCODING",
)
_GETTERS = ((bool, "getbool"), (int, "getint"), (float, "getfloat"), (list, "getlist"),
            (tuple, "getlist"), (dict, "getdict"))
_SECRET_HINTS = ("PASSWORD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "CREDENTIAL")


def output_settings(settings: Any) -> dict[str, Any]:
    """The settings that shape the archive, for the manifest (secrets left out)."""
    names = sorted(n for n in settings if n.startswith("NEWSCRAWL_")) + list(MANIFEST_SETTINGS)
    out: dict[str, Any] = {}
    for name in names:
        if any(hint in name for hint in _SECRET_HINTS):
            continue
        if name == "ITEM_PIPELINES":
            pipelines = settings.getwithbase(name)
            out[name] = {str(k): v for k, v in sorted(pipelines.items(), key=lambda kv: kv[1] or 0)}
            continue
        # ``-s NAME=VALUE`` gives strings: read with the type of the default.
        default = getattr(project_settings, name, getattr(default_settings, name, None))
        getter = next((g for t, g in _GETTERS if isinstance(default, t)), "get")
        try:
            value = getattr(settings, getter)(name)
        except (ValueError, TypeError):
            value = settings.get(name)
        out[name] = value.copy_to_dict() if hasattr(value, "copy_to_dict") else value
    return out


class ArchivePipeline:
    def __init__(self, crawler: Any, root: Path, crawl_id: str, writer: ArchiveWriter) -> None:
        self.crawler = crawler
        self.root = root
        self.crawl_id = crawl_id
        self.writer = writer
        self.started = now()
        self.marker = RunMarker(root, crawl_id)
        self.settings = output_settings(crawler.settings)
        self._announced = 0
        self.warc = crawler.get_extension(WarcCapture)
        self.monitor = crawler.get_extension(SiteMonitor)
        if self.warc is not None:
            self.warc.listeners.append(self._warc_finished)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchivePipeline:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_ARCHIVE_ENABLED"):
            raise NotConfigured("NEWSCRAWL_ARCHIVE_ENABLED is off")
        root = archive_dir_of(settings)
        writer = ArchiveWriter(
            root, crawl_id_of(crawler),
            max_records=settings.getint("NEWSCRAWL_ARCHIVE_MAX_RECORDS"),
            max_bytes=settings.getint("NEWSCRAWL_ARCHIVE_MAX_BYTES"),
            compression=check_compression(settings.get("NEWSCRAWL_ARCHIVE_COMPRESSION", "gzip")),
            compresslevel=settings.getint("NEWSCRAWL_ARCHIVE_COMPRESSLEVEL"),
            flush_records=settings.getint("NEWSCRAWL_ARCHIVE_FLUSH_RECORDS", 1),
        )
        return cls(crawler, root, writer.crawl_id, writer)

    def open_spider(self) -> None:
        # The marker first: from now on recovery (ours or a concurrent crawl's) knows
        # this crawl is alive and leaves its files alone.
        self.marker.acquire({
            "started_at": self.started, "spider": self._spider_name(),
            "compression": self.writer.compression, "settings": self.settings,
        })
        report = recover(self.root)
        stats = self.crawler.stats
        stats.set_value("newscrawl/archive/recovered_crawls", len(report.crawls))
        stats.set_value("newscrawl/archive/recovered_records", report.records)
        for crawl in report.crawls:
            logger.warning(
                "recovered crashed crawl %s: %d records into %d files, %d already archived, "
                "%d invalid, %d partial lines dropped, manifest %s",
                crawl.crawl_id, crawl.records, len(crawl.files), crawl.skipped_known_id,
                crawl.skipped_invalid, crawl.partial_lines, crawl.manifest,
            )

    def process_item(self, item: Any) -> Any:
        record = as_record(item)
        self.writer.write(record)
        self.crawler.stats.inc_value("newscrawl/archived")
        if record.get("duplicate_of"):
            self.crawler.stats.inc_value("newscrawl/archive/duplicates")
        if len(self.writer.files) > self._announced:
            self._announce()
            # Every finished part is in a manifest at once: after a kill -9 nothing a
            # consumer can see is unaccounted for (finish_reason stays "running").
            write_manifest(self.root, self.crawl_id, self._manifest(None, finished=False))
        return item

    def _warc_finished(self, done: WarcFile) -> None:
        """A finished WARC file is in the manifest at once, as a part file is."""
        if self.marker.held:
            write_manifest(self.root, self.crawl_id, self._manifest(None, finished=False))

    def close_spider(self) -> None:
        if self.warc is not None:
            self.warc.close()  # its last file is finished before the final manifest lists the files
        files = self.writer.close()
        self._announce()
        self.crawler.stats.set_value("newscrawl/archive/files", len(files))

    def _announce(self) -> None:
        """``part_file_finished`` for each newly finished part (the crawl state reads it)."""
        # An absolute root: the signal's ``path`` is then unambiguous whatever the cwd.
        self._announced = announce_finished_parts(self.crawler, self.root.absolute(),
                                                  self.writer.files, self._announced)

    def _spider_name(self) -> str | None:
        spider = getattr(self.crawler, "spider", None)
        return getattr(spider, "name", None)

    def _log_path(self) -> str | None:
        """The run's log (``runs/<crawl_id>.log``) relative to the archive, if one is kept."""
        run_log = self.crawler.get_extension(RunLog)
        if run_log is None:
            return None
        try:
            return run_log.path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(run_log.path)

    def _manifest(self, reason: str | None, finished: bool = True) -> dict[str, Any]:
        if finished and self.monitor is not None:
            self.monitor.finish(reason)  # first: its ERROR lines and stats are in this manifest
        stats = dict(self.crawler.stats.get_stats())
        return {
            "manifest_version": MANIFEST_VERSION,
            "crawl_id": self.crawl_id,
            "schema_version": SCHEMA_VERSION,
            "spider": self._spider_name(),
            "started_at": self.started,
            "finished_at": now() if finished else None,
            "finish_reason": reason if finished else RUNNING,
            "compression": self.writer.compression,
            "settings": self.settings,
            "files": files_entry(self.writer.files),
            "records": sum(f.records for f in self.writer.files),
            "warc_files": warc_files_entry(self.warc.files) if self.warc is not None else [],
            "log": self._log_path(),
            "summary": summarise_stats(stats),
            "stats": {k: v for k, v in sorted(stats.items())},
            **self._monitors(reason, finished),
            **self._reextract(),
            **self._worker(),
        }

    def _monitors(self, reason: str | None, finished: bool) -> dict[str, Any]:
        """``sites`` (so far, while running), ``monitors`` and the exit status the crawl
        command will give, from the same stats (the command rewrites it if it differs)."""
        if not finished:
            sites = self.monitor.sites() if self.monitor is not None else {}
            return {"sites": sites, "monitors": None, "exit_status": None, "exit_reason": None}
        sites, monitors = self.monitor.finish(reason) if self.monitor is not None else ({}, None)
        if self._reextract():  # `scrapy reextract` has its own exit status (0/1)
            return {"sites": sites, "monitors": monitors, "exit_status": None, "exit_reason": None}
        status, why = exit_status({**self.crawler.stats.get_stats(), "finish_reason": reason},
                                  max_errors=self.crawler.settings.getint("NEWSCRAWL_EXIT_MAX_ERRORS", 0))
        return {"sites": sites, "monitors": monitors, "exit_status": status, "exit_reason": why}

    def _worker(self) -> dict[str, Any]:
        """A worker of a shared crawl (NEWSCRAWL_REDIS_URL) says which, and of which crawl."""
        settings = self.crawler.settings
        shared = settings.get("NEWSCRAWL_REDIS_CRAWL")
        return {"worker": settings.get("NEWSCRAWL_REDIS_WORKER"), "shared_crawl_id": shared} if shared else {}

    def _reextract(self) -> dict[str, Any]:
        """A re-extraction (the replay spider) says what it read."""
        info = getattr(getattr(self.crawler, "spider", None), "reextract_info", None)
        return {"reextract": info} if info else {}

    def spider_closed(self, spider: Any, reason: str) -> None:
        path = write_manifest(self.root, self.crawl_id, self._manifest(reason))
        self.marker.release()
        logger.info("manifest written: %s", path)
