"""Page-to-record work in worker processes: every core extracts, the reactor never waits.

``ExtractPool`` runs a picklable task function over ``PageTask`` values in a pebble
``ProcessPool``: a worker that crashes (a segfault in a C library, ``os._exit``) or
outlives ``timeout`` seconds on one page is killed and replaced by pebble; only that
page's future fails (``ProcessExpired`` or ``TimeoutError``). Workers are forked by
a ``forkserver``: a clean interpreter, never a fork of a process that runs a reactor
and threads; each worker imports the extractor alone (``spawn`` would import the
crawl's ``__main__``, all of Scrapy, into every worker: 20-40 MB each). They ignore
SIGINT, which a terminal sends to the whole process group: Ctrl-C is the crawl's to
handle (it drains the pool), not a reason for every worker to die mid-page.

No Scrapy here: the Scrapy glue (awaiting, stats, drops) is ``pipelines.extract``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from pebble import ProcessExpired, ProcessPool

__all__ = ["ExtractPool", "PageTask", "ProcessExpired", "extract_page", "load_function", "usable_cores"]


@dataclass(frozen=True, slots=True)
class PageTask:
    """What a worker needs to turn one page into a record: the text the spider
    decoded (never the bytes again), and the site profile's options."""

    text: str
    url: str
    content_type: str | None = None
    timezone: str | None = None
    drop_xpath: tuple[str, ...] = ()
    hint_title: str | None = None
    """The title a Google News sitemap or a feed gave, for a page that says none."""
    hint_published: str | None = None
    """The date a Google News sitemap or a feed gave, for a page that says none."""


def extract_page(task: PageTask, tree: Any = None) -> dict[str, Any]:
    """The page-to-record work, the same inline and in a worker: ``extract_article``
    over the decoded text (and, inline, the spider's own tree), then what a sitemap or
    feed knew that the page does not say."""
    from newscrawl.extract import extract_article
    from newscrawl.extract.dates import parse_date, zone_for

    record = extract_article(task.text, task.url, content_type=task.content_type,
                             timezone=task.timezone, drop_xpath=task.drop_xpath, tree=tree)
    if not record["title"] and task.hint_title:
        record["title"] = task.hint_title.strip()
    if not record["published_at"] and task.hint_published:
        zone = zone_for(record["site"], record["language"], task.timezone)
        record["published_at"] = parse_date(task.hint_published, zone)
    return record


def load_function(path: str) -> Callable[..., dict[str, Any]]:
    """``package.module.function`` -> the function (``NEWSCRAWL_EXTRACT_FUNCTION``)."""
    module, _, name = path.rpartition(".")
    if not module:
        raise ValueError(f"not a dotted path to a function: {path!r}")
    function = getattr(import_module(module), name)
    if not callable(function):
        raise ValueError(f"{path} is not callable")
    return function


def usable_cores() -> int:
    """The cores this process may run on (CPU affinity, cgroup-pinned CI runners),
    which is what ``NEWSCRAWL_EXTRACT_WORKERS`` defaults to."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start_worker() -> None:
    """Each worker: leave Ctrl-C to the crawl (it drains the pool), load the extractor."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from newscrawl.extract import article  # noqa: F401 - imported while idle, not on the first page


class ExtractPool:
    """``workers`` processes running ``function(task)``; ``submit`` returns a
    ``concurrent.futures.Future`` of the record."""

    def __init__(self, workers: int, function: Callable[..., dict[str, Any]], timeout: float | None) -> None:
        if workers < 1:
            raise ValueError(f"an extraction pool needs at least one worker, got {workers}")
        self.workers = workers
        self.function = function
        self.timeout = timeout
        self._pool = ProcessPool(max_workers=workers, initializer=_start_worker,
                                 context=multiprocessing.get_context("forkserver"))

    def submit(self, task: PageTask) -> Future[dict[str, Any]]:
        return self._pool.schedule(self.function, args=(task,), timeout=self.timeout)

    def close(self) -> None:
        """Finish what was submitted, then stop the workers."""
        self._pool.close()
        self._pool.join()

    def stop(self) -> None:
        """Stop now: pending pages are cancelled, workers killed."""
        self._pool.stop()
        self._pool.join()
