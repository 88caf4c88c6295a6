"""``scrapy reextract [--since DATE] [--until DATE] [-o DIR] SOURCE...``: extract again from
stored WARC responses, no network, into a new crawl.

SOURCE is a WARC file or an archive directory (its ``warc/date=*/`` files within
``--since``..``--until``). The ``replay`` spider reads every article page's response
and the crawl's metadata record beside it, and the crawl's own pipelines (extract,
clean, dedup, validate, archive) write a new JSONL archive under a new crawl id, into
``-o DIR`` (default ``NEWSCRAWL_ARCHIVE_DIR``), with its manifest, progress line and
summary. ``discovered_via``, ``fetched_at``, ``http_status``, ``warc_file`` and
``warc_record_id`` are the original crawl's, so with the same code every record equals
the original but for ``crawl_id`` (and ``duplicate_of``, which depends on the archive).

No request is sent: the spider yields items only, WARC capture, robots.txt and the
crawl state (seen pages, duplicates across runs) are off; duplicates are found within
the re-extraction. Exit status 0 when pages were re-extracted without ERROR lines,
else 1.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl.archive.layout import as_date
from newscrawl.runinfo import crawl_id_of
from newscrawl.warc.reader import warc_sources

logger = logging.getLogger(__name__)

#: What a re-extraction never does: fetch, capture, consult or change the crawl state.
OFFLINE = {
    "NEWSCRAWL_WARC_ENABLED": False,
    "NEWSCRAWL_STATE_ENABLED": False,
    "NEWSCRAWL_SKIPSEEN_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
    # Nor judge the run as a crawl (item counts, exit status 4): its status is its own 0/1.
    "NEWSCRAWL_MONITOR_ENABLED": False,
    # No download handler at all: a request, were one made, fails at once.
    "DOWNLOAD_HANDLERS": {"http": None, "https": None, "ftp": None, "s3": None, "data": None, "file": None},
}

#: The components those switches turn off, left out altogether: no "Disabled ..." WARNING
#: lines (cron mail) for what a re-extraction leaves out by design.
LEFT_OUT = {
    "EXTENSIONS": ("newscrawl.warc.capture.WarcCapture", "newscrawl.dedup.extension.DedupState"),
    "DOWNLOADER_MIDDLEWARES": ("newscrawl.warc.middleware.WarcCaptureMiddleware",
                               "newscrawl.middlewares.SkipSeenMiddleware"),
    "ITEM_PIPELINES": ("newscrawl.pipelines.warc.WarcPipeline",),
}


class Command(ScrapyCommand):
    requires_project = False
    requires_crawler_process = True

    def syntax(self) -> str:
        return "[--since DATE] [--until DATE] [-o DIR] SOURCE..."

    def short_desc(self) -> str:
        return "Extract again from stored WARC responses, no network, into a new crawl"

    def long_desc(self) -> str:
        return (__doc__ or "").strip()

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--since", help="only pages fetched on or after this UTC date (YYYY-MM-DD)")
        parser.add_argument("--until", help="only pages fetched on or before this UTC date (YYYY-MM-DD)")
        parser.add_argument("-o", "--output", metavar="DIR",
                            help="the archive to write (default: the NEWSCRAWL_ARCHIVE_DIR setting)")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        for name, value in OFFLINE.items():
            self.settings.set(name, value, priority="cmdline")
        for name, paths in LEFT_OUT.items():
            components = self.settings.getdict(name)
            self.settings.set(name, {**components, **dict.fromkeys(paths)}, priority="cmdline")
        if opts.output:
            self.settings.set("NEWSCRAWL_ARCHIVE_DIR", opts.output, priority="cmdline")
        # The sources are checked here, before Scrapy sets up logging: one line, no banner.
        problem = None
        if not args:
            raise UsageError("give at least one SOURCE: a WARC file or an archive directory")
        try:
            opts.since, opts.until = as_date(opts.since), as_date(opts.until)
            self.sources = warc_sources(args, opts.since, opts.until)
        except ValueError as exc:
            problem = str(exc)
        else:
            if not self.sources:
                problem = "no WARC files in " + ", ".join(args) + (
                    " within the dates given" if opts.since or opts.until else "")
        if problem:
            print(f"scrapy reextract: {problem}", file=sys.stderr)
            raise SystemExit(1)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        sources, since, until = self.sources, opts.since, opts.until
        assert self.crawler_process is not None
        crawler = self.crawler_process.create_crawler("replay")
        self.crawler_process.crawl(crawler, sources=[str(p) for p in sources], since=since, until=until)
        self.crawler_process.start()
        self.exitcode = self._outcome(crawler)

    def _outcome(self, crawler: Any) -> int:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        pages = int(stats.get("newscrawl/replay/pages", 0))
        errors = int(stats.get("log_count/ERROR", 0))
        reason = stats.get("finish_reason")
        crawl_id = getattr(crawler, "_newscrawl_crawl_id", None) or crawl_id_of(crawler)
        logger.info("reextract: %d pages from %d WARC files, %d records archived as crawl %s "
                    "(%d requests sent)", pages, int(stats.get("newscrawl/replay/warc_files", 0)),
                    int(stats.get("newscrawl/archived", 0)), crawl_id,
                    int(stats.get("downloader/request_count", 0)))
        if reason != "finished" or errors or not pages:
            why = f"finish reason {reason!r}" if reason != "finished" else (
                f"{errors} error(s) logged" if errors else "no article page in the sources")
            logger.error("reextract exit status 1: %s", why)
            return 1
        return 0
