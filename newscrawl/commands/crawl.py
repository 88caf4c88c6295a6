"""``scrapy crawl``, with an exit status that says how the crawl went (for cron).

=====  ==================================================================
0      the crawl finished and fetched pages
1      the crawl failed: it could not start (bad spider arguments or unknown
       ``NEWSCRAWL_*`` settings, said in one line before anything starts; state
       directory not writable ...), fetched nothing, a callback raised, the crawl state
       could not be written, more than ``NEWSCRAWL_EXIT_MAX_ERRORS`` ERROR
       log lines, or it closed for another reason (e.g. closespider_errorcount)
2      usage error (Scrapy's own)
3      interrupted (SIGINT/SIGTERM: graceful stop); with ``-s JOBDIR=DIR``
       the same command resumes it
4      the crawl finished but a monitor failed (a site's field coverage, item
       count, 403/429 share or error share: one ERROR line each, and the
       manifest's ``monitors`` block); those ERROR lines do not count against
       ``NEWSCRAWL_EXIT_MAX_ERRORS``
75     another crawl holds the state directory (EX_TEMPFAIL: try later)
=====  ==================================================================

Precedence, when several hold: 75, then 1, then 3, then 4. A failed or interrupted
crawl says so first (its monitor failures, often a consequence, are still logged and
in the manifest); 4 is a crawl that ran well by every other measure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError
from scrapy.spiderloader import get_spider_loader
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from newscrawl.archive.manifest import RUNNING, manifest_path, write_manifest
from newscrawl.config import unknown_setting
from newscrawl.dedup.lock import StateLocked
from newscrawl.dedup.state import StateError
from newscrawl.distributed.scope import SharedCrawlError
from newscrawl.monitoring import settings_problem as monitor_settings_problem
from newscrawl.monitors import FAILURES_STAT
from newscrawl.runinfo import COMPLETE_REASONS, INTERRUPTED_REASONS, archive_dir_of
from newscrawl.spiders.arguments import SpiderArgumentError

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INTERRUPTED = 3
EXIT_MONITOR = 4
EXIT_LOCKED = 75



def pages_fetched(stats: Mapping[str, Any]) -> int:
    """2xx responses to the crawl's own requests (robots.txt not counted)."""
    total = 0
    for key, value in stats.items():
        if key.startswith("downloader/response_status_count/2"):
            total += int(value)
        elif key.startswith("robotstxt/response_status_count/2"):
            total -= int(value)
    return total


def exit_status(stats: Mapping[str, Any], *, max_errors: int = 0) -> tuple[int, str]:
    """``(status, why)`` for a crawl that started, from its final stats."""
    reason = stats.get("finish_reason")
    exceptions = sum(int(v) for k, v in stats.items() if k.startswith("spider_exceptions/"))
    if exceptions:
        return EXIT_FAILED, f"{exceptions} spider callback exception(s)"
    if stats.get("newscrawl/state/errors"):
        return EXIT_FAILED, "the crawl state could not be written"
    if reason in INTERRUPTED_REASONS:
        return EXIT_INTERRUPTED, f"interrupted ({reason})"
    if reason not in COMPLETE_REASONS:
        return EXIT_FAILED, f"finish reason {reason!r}"
    if pages_fetched(stats) <= 0 and not stats.get("newscrawl/redis/worker"):
        # A worker of a shared crawl may find the others took every page: not a failure.
        return EXIT_FAILED, "nothing fetched"
    monitors = int(stats.get(FAILURES_STAT, 0))
    errors = max(0, int(stats.get("log_count/ERROR", 0)) - monitors)  # the monitors' lines: status 4
    if errors > max_errors:
        return EXIT_FAILED, f"{errors} error(s) logged (NEWSCRAWL_EXIT_MAX_ERRORS={max_errors})"
    if monitors:
        return EXIT_MONITOR, f"{monitors} monitor failure(s) (see the manifest's monitors)"
    return EXIT_OK, f"finish reason {reason!r}"


def record_exit(crawler: Any, status: int, why: str) -> None:
    """Make the run manifest's ``exit_status`` the command's: the archive wrote it at
    spider_closed from the same stats; rewritten (atomically) only if something changed
    them since (an ERROR logged after the manifest)."""
    crawl_id = getattr(crawler, "_newscrawl_crawl_id", None)
    if not crawl_id:
        return
    root = archive_dir_of(crawler.settings)
    try:
        manifest = json.loads(manifest_path(root, crawl_id).read_text("utf-8"))
    except (OSError, ValueError):
        return  # no manifest (the crawl never opened its archive): nothing to say
    if manifest.get("finish_reason") == RUNNING or "exit_status" not in manifest:
        return
    if (manifest["exit_status"], manifest.get("exit_reason")) != (status, why):
        manifest.update(exit_status=status, exit_reason=why)
        write_manifest(root, crawl_id, manifest)


def _make_log_dir(log_file: str | None) -> str | None:
    """Create ``LOG_FILE``'s directory (a cron line's ``/var/log/newscrawl/``) before
    Scrapy opens the file; what went wrong, or None."""
    if not log_file:
        return None
    directory = Path(log_file).parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"cannot create the log directory {directory}: {exc.strerror or exc}"
    return None


class Command(ScrapyCrawlCommand):
    def long_desc(self) -> str:
        return (super().long_desc() or self.short_desc()) + (
            ". Exit status: 0 finished; 1 failed (could not start, nothing fetched, "
            "callback errors, ERROR log lines, state not writable); 3 interrupted; "
            "4 a monitor failed (a site's coverage, item count, 403/429 or errors); "
            "75 another crawl holds the state directory."
        )

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Scrapy's options, then the checks that need no crawler: ``NEWSCRAWL_*``
        setting names, the spider's arguments, the log file's directory. Runs before Scrapy sets up logging
        and the crawler process, so a mistake is one line on stderr, no banner."""
        super().process_options(args, opts)
        assert self.settings is not None
        problem = unknown_setting(name for name, _ in self.settings.items())
        if problem is None:
            problem = monitor_settings_problem(self.settings)
        if problem is None and args:
            problem = self._argument_problem(args[0], opts.spargs)
        if problem is None:
            problem = _make_log_dir(self.settings.get("LOG_FILE"))
        if problem:
            print(f"scrapy crawl: the crawl could not start: {problem}", file=sys.stderr)
            raise SystemExit(EXIT_FAILED)

    def _argument_problem(self, name: str, arguments: dict[str, Any]) -> str | None:
        assert self.settings is not None
        try:
            spidercls = get_spider_loader(self.settings).load(name)
        except KeyError:
            return None  # Scrapy says "Spider not found" in its own way
        check = getattr(spidercls, "check_arguments", None)
        try:
            if check is not None:
                check(arguments, self.settings)
        except SpiderArgumentError as exc:
            return str(exc)
        return None

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) < 1:
            raise UsageError
        if len(args) > 1:
            raise UsageError("running 'scrapy crawl' with more than one spider is not supported")
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self._start_error: BaseException | None = None
        started = self.crawler_process.crawl(crawler, **opts.spargs)
        if isinstance(started, Deferred):
            started.addErrback(self._deferred_failed)
        elif isinstance(started, asyncio.Future):
            started.add_done_callback(self._task_done)
        self.crawler_process.start()
        self.exitcode, why = self._outcome(crawler)
        record_exit(crawler, self.exitcode, why)
        log = logger.info if self.exitcode == EXIT_OK else logger.error
        log("crawl exit status %d: %s", self.exitcode, why)

    def _outcome(self, crawler: Any) -> tuple[int, str]:
        error = self._start_error
        if isinstance(error, StateLocked):
            return EXIT_LOCKED, str(error)
        if error is not None:
            return EXIT_FAILED, f"the crawl could not start: {error}"
        if self.crawler_process is None or self.crawler_process.bootstrap_failed:
            return EXIT_FAILED, "the crawl could not start"
        max_errors = crawler.settings.getint("NEWSCRAWL_EXIT_MAX_ERRORS", 0)
        return exit_status(crawler.stats.get_stats(), max_errors=max_errors)

    def _deferred_failed(self, failure: Failure) -> None:
        self._record(failure.value)

    def _task_done(self, task: asyncio.Future[Any]) -> None:
        if not task.cancelled() and task.exception() is not None:  # also marks it retrieved
            self._record(task.exception())

    def _record(self, error: BaseException | None) -> None:
        self._start_error = error
        known = (StateLocked, StateError, SpiderArgumentError, SharedCrawlError)  # the message is enough
        if not isinstance(error, known):
            logger.error("the crawl could not start", exc_info=error)
