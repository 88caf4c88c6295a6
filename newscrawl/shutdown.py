"""One SIGINT or SIGTERM stops a crawl within a download or two, not after the
downloader's whole queue.

Scrapy's graceful stop waits for every request the downloader holds, and with
``DOWNLOAD_DELAY`` (or AutoThrottle) most of them are only waiting for their turn:
16 of them at one second each is the 20 s a Ctrl-C took. Once the crawler is
stopping, ``QuickStop`` takes those waiting requests out of the downloader's slot
queues, unsent: each is counted as ``newscrawl/skipped/interrupted``, and with
``JOBDIR`` put back into the scheduler, whose disk queue the job keeps, so the same
command resumes with them (``newscrawl.middlewares.set_aside``). Without a job
directory nothing is lost either: no page of theirs is in the archive, so the next
run requests them again. Requests already on the wire finish and are archived as
usual; a retry waiting out its backoff is set aside by ``RetryBackoffMiddleware``.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call
from scrapy.utils.job import job_dir
from twisted.python.failure import Failure

from newscrawl.middlewares import set_aside

logger = logging.getLogger(__name__)

#: Seconds between two looks at whether the crawler is stopping.
CHECK_INTERVAL = 0.2


class QuickStop:
    def __init__(self, crawler: Any, keep: bool) -> None:
        self.crawler = crawler
        self.keep = keep
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> QuickStop:
        if not crawler.settings.getbool("NEWSCRAWL_QUICK_STOP_ENABLED"):
            raise NotConfigured("NEWSCRAWL_QUICK_STOP_ENABLED is off")
        o = cls(crawler, keep=bool(job_dir(crawler.settings)))
        crawler.signals.connect(o.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(o.spider_closed, signal=signals.spider_closed)
        return o

    def spider_opened(self, spider: Any) -> None:
        self.task = create_looping_call(self.check)
        self.task.start(CHECK_INTERVAL, now=False)

    def spider_closed(self, spider: Any, reason: str) -> None:
        self._stop_task()

    def _stop_task(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        self.task = None

    def check(self) -> None:
        """``Crawler.crawling`` turns False when a stop is asked for (a signal, or
        ``crawler.stop()``), before the engine starts waiting for the downloader."""
        if self.crawler.crawling:
            return
        self._stop_task()
        cancelled = self.cancel_waiting()
        if cancelled:
            logger.info("stopping: %d requests not sent, %s", cancelled,
                        "kept in the job directory for the resumed run" if self.keep
                        else "left for the next run (none of their pages is archived)")

    def cancel_waiting(self) -> int:
        cancelled = 0
        for slot in list(self.crawler.engine.downloader.slots.values()):
            while slot.queue:
                request, waiting = slot.queue.popleft()
                waiting.errback(Failure(set_aside(self.crawler, request, "it was waiting for its turn")))
                cancelled += 1
        return cancelled
