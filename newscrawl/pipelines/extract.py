"""FetchedPage -> record: run the extractor and add the crawl's fields."""

from __future__ import annotations

import logging
from concurrent.futures import CancelledError, Future
from typing import TYPE_CHECKING, Any, cast

from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred, DeferredSemaphore

from newscrawl.extract.encoding import decode_as, decode_html
from newscrawl.items import RECORD_FIELDS
from newscrawl.pages import FetchedPage
from newscrawl.pipelines import drop
from newscrawl.runinfo import crawl_id_of
from newscrawl.workers import ExtractPool, PageTask, ProcessExpired, load_function, usable_cores

if TYPE_CHECKING:
    from twisted.internet.interfaces import IReactorThreads

logger = logging.getLogger(__name__)


def unusable(record: dict[str, Any], max_replacement_share: float) -> tuple[str, str] | None:
    """``(reason, detail)`` when an extracted record is not worth keeping, else None:
    ``no_body`` (no article text) or ``undecodable`` (more than ``max_replacement_share``
    of the body is U+FFFD). The crawl drops such pages; ``scrapy extract`` refuses them."""
    body = record["body"]
    if not body:
        return "no_body", "no article text found"
    replaced = body.count("\ufffd")
    if replaced and replaced > max_replacement_share * len(body):
        return "undecodable", f"{replaced} of {len(body)} body characters are U+FFFD"
    return None


class ExtractPipeline:
    """Turns the spider's decoded page into a record: in ``NEWSCRAWL_EXTRACT_WORKERS``
    worker processes (default: one per usable core), or inline with 0.

    The coroutine awaits the worker, so the reactor goes on downloading; at most
    ``NEWSCRAWL_EXTRACT_QUEUE_PER_WORKER`` pages per worker are out at a time, the
    others wait here, and Scrapy's scraper slot then stops fetching. Records leave in
    the order pages came in, whatever order the workers finish them in: dedup and the
    archive see the same sequence as inline, so the same duplicates are found.

    Drops (``newscrawl/dropped/<reason>``): ``extract_error`` (the extractor raised),
    ``extract_failed`` (the worker died on the page: a crash in a C library, killed),
    ``extract_timeout`` (longer than ``NEWSCRAWL_EXTRACT_TIMEOUT``; the worker is
    killed), ``no_body`` (no article text), ``undecodable`` (more than
    ``NEWSCRAWL_MAX_REPLACEMENT_SHARE`` of the body is U+FFFD: bytes no encoding read).
    A dead or killed worker is replaced and the crawl goes on."""

    def __init__(self, crawler: Any, crawl_id: str, max_replacement_share: float = 0.01, *,
                 workers: int = 0, timeout: float | None = None, queue_per_worker: int = 2,
                 function: str = "newscrawl.workers.extract_page") -> None:
        self.crawler = crawler
        self.crawl_id = crawl_id
        self.max_replacement_share = max_replacement_share
        self.workers = workers
        self.timeout = timeout
        self.function = load_function(function)
        self.pool: ExtractPool | None = None
        self._slots = DeferredSemaphore(max(1, workers * queue_per_worker))
        self._tail: Deferred[None] | None = None  # fires when the last page taken in may leave

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        settings = crawler.settings
        workers = settings.get("NEWSCRAWL_EXTRACT_WORKERS")
        workers = usable_cores() if workers in (None, "") else int(workers)
        if workers < 0:
            raise ValueError(f"NEWSCRAWL_EXTRACT_WORKERS must be 0 (inline) or more, got {workers}")
        timeout = settings.getfloat("NEWSCRAWL_EXTRACT_TIMEOUT") or None
        return cls(crawler, crawl_id_of(crawler), settings.getfloat("NEWSCRAWL_MAX_REPLACEMENT_SHARE", 0.01),
                   workers=workers, timeout=timeout,
                   queue_per_worker=max(1, settings.getint("NEWSCRAWL_EXTRACT_QUEUE_PER_WORKER", 2)),
                   function=settings.get("NEWSCRAWL_EXTRACT_FUNCTION") or "newscrawl.workers.extract_page")

    def open_spider(self, spider: Any = None) -> None:
        if self.workers:
            self.pool = ExtractPool(self.workers, self.function, self.timeout)
            logger.info("extracting in %d worker process%s", self.workers, "" if self.workers == 1 else "es")

    def close_spider(self, spider: Any = None) -> None:
        """Every page has left the pipeline when Scrapy closes it: the workers stop."""
        if self.pool is not None:
            pool, self.pool = self.pool, None
            pool.close()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        previous, mine = self._tail, Deferred[None]()
        self._tail = mine
        try:
            record = await self._extract(item)
        finally:
            if previous is not None:
                await maybe_deferred_to_future(previous)  # the page before this one has left
            # The next page may leave once this one has gone on down the chain.
            call_later(0, mine.callback, None)
        return self._finish(item, record)

    async def _extract(self, item: FetchedPage) -> dict[str, Any]:
        task = PageTask(text=item.text if item.text is not None else _text_of(item), url=item.url,
                        content_type=item.content_type, timezone=item.timezone, drop_xpath=item.drop_xpath,
                        hint_title=item.hint_title, hint_published=item.hint_published)
        tree, item.tree = item.tree, None
        if self.pool is None:
            try:
                return self.function(task, tree=tree)
            except Exception as exc:  # noqa: BLE001 - one bad page never stops the crawl
                logger.exception("extraction failed on %s", item.url)
                raise drop(self.crawler, "extract_error", item.url, repr(exc)) from exc
        del tree  # a worker parses its own copy: this one is not held while it works
        await maybe_deferred_to_future(self._slots.acquire())
        try:
            return await maybe_deferred_to_future(_settled(self.pool.submit(task)))
        except TimeoutError as exc:
            raise drop(self.crawler, "extract_timeout", item.url,
                       f"no record after {self.timeout:g} s; the worker was killed and replaced") from exc
        except ProcessExpired as exc:
            raise drop(self.crawler, "extract_failed", item.url,
                       f"the worker died on the page (exit code {exc.exitcode}) and was replaced") from exc
        except CancelledError as exc:
            raise drop(self.crawler, "extract_failed", item.url, "cancelled: the workers were stopped") from exc
        except Exception as exc:  # noqa: BLE001 - the extractor raised in the worker
            logger.error("extraction failed on %s: %r\n%s", item.url, exc, getattr(exc, "traceback", ""))
            raise drop(self.crawler, "extract_error", item.url, repr(exc)) from exc
        finally:
            self._slots.release()

    def _finish(self, item: FetchedPage, record: dict[str, Any]) -> dict[str, Any]:
        problem = unusable(record, self.max_replacement_share)
        if problem:
            reason, detail = problem
            raise drop(self.crawler, reason, item.url, detail)
        record.update(
            duplicate_of=None,
            discovered_via=item.discovered_via,
            fetched_at=item.fetched_at,
            http_status=item.http_status,
            crawl_id=self.crawl_id,
            warc_file=item.warc_file,
            warc_record_id=item.warc_record_id,
        )
        return {name: record[name] for name in RECORD_FIELDS}


def _text_of(item: FetchedPage) -> str:
    """A page handed over without its text (another spider's): decoded here."""
    if item.encoding:
        return decode_as(item.body, item.encoding)
    return decode_html(item.body, item.content_type)[0]


def _settled(future: Future[Any]) -> Deferred[Any]:
    """A Deferred that fires in the reactor thread with the future's outcome."""
    from twisted.internet import reactor

    settled: Deferred[Any] = Deferred()

    def deliver(done: Future[Any]) -> None:
        if done.cancelled():
            settled.errback(CancelledError())
        elif (exc := done.exception()) is not None:
            settled.errback(exc)
        else:
            settled.callback(done.result())

    future.add_done_callback(lambda done: cast("IReactorThreads", reactor).callFromThread(deliver, done))
    return settled
