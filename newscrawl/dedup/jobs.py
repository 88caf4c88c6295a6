"""JOBDIR jobs that end with their crawl: pause and resume, not a memory across runs;
without a JOBDIR, the pending requests on disk all the same (a temporary frontier)."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from scrapy.core.scheduler import Scheduler
from scrapy.utils.job import job_dir
from twisted.internet.defer import Deferred

from newscrawl.runinfo import COMPLETE_REASONS

logger = logging.getLogger(__name__)


class JobScheduler(Scheduler):
    """Scrapy's scheduler, except that a ``JOBDIR`` job is over once its crawl ran to
    its planned end (a finish reason in ``COMPLETE_REASONS``): its pending requests
    (``requests.queue/``) and seen fingerprints (``requests.seen``) are removed, so
    the next run with the same job directory starts afresh and fetches the seeds,
    sitemaps and feeds again. An interrupted crawl (``shutdown``) keeps both, and the
    same command resumes it.

    Without this, a cron command with ``-s JOBDIR=...`` found every seed of every
    later run in ``requests.seen`` and fetched nothing. Pages archived by earlier
    runs are skipped by the crawl state (``skipped/seen``), not by the job.
    """

    _frontier: Path | None = None
    """The temporary directory of the disk queues of a crawl without ``JOBDIR``."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> JobScheduler:
        """Scrapy's, except that without ``JOBDIR`` (and with ``NEWSCRAWL_FRONTIER_ON_DISK``)
        the disk queues live in a temporary directory: pending requests cost the crawl
        process no memory, and nothing is left to resume (the directory is removed at
        close). A request that cannot be serialised stays in memory, as with a JOBDIR
        (``scheduler/unserializable``)."""
        settings = crawler.settings
        if job_dir(settings) or not settings.getbool("NEWSCRAWL_FRONTIER_ON_DISK"):
            return super().from_crawler(crawler)
        scheduler = super().from_crawler(crawler)
        frontier = Path(tempfile.mkdtemp(prefix="newscrawl-frontier-", dir=settings.get("NEWSCRAWL_FRONTIER_DIR")))
        queue = frontier / "requests.queue"
        queue.mkdir()
        scheduler.dqdir = str(queue)  # read by open(), which makes the disk queues
        scheduler._frontier = frontier
        return scheduler

    def close(self, reason: str) -> Deferred[None] | None:
        result = super().close(reason)
        if self._frontier is not None:
            shutil.rmtree(self._frontier, ignore_errors=True)
            return result
        if self.dqdir is None or reason not in COMPLETE_REASONS:
            return result
        if isinstance(result, Deferred):
            return result.addCallback(self._end_job)
        self._end_job(None)
        return None

    def _end_job(self, result: Any) -> Any:
        assert self.dqdir is not None
        queue = Path(self.dqdir)
        seen = queue.parent / "requests.seen"
        try:
            shutil.rmtree(queue, ignore_errors=False)
            seen.unlink(missing_ok=True)
        except OSError as exc:
            logger.warning("job directory %s: the crawl finished but its requests could not be cleared (%s); "
                           "the next run with it resumes instead of starting afresh", queue.parent, exc)
        else:
            logger.info("job directory %s: the crawl finished; its requests are cleared for the next run",
                        queue.parent)
        return result
