"""Leases on in-flight requests: what a worker killed with ``kill -9`` had popped
from the shared queue and not finished goes back into it.

scrapy-redis pops a request from the shared queue before it is fetched; a dead
worker's popped requests would be gone. So ``RedisScheduler.next_request`` puts each
popped request, serialized as the queue holds it, into the worker's hash
``inflight:<worker>`` (field: its fingerprint), and marks the request
(``meta[LEASE]``). The lease ends when the request is done:

- its response went through the callback and every item it produced left the item
  pipeline (archived, dropped or failed): ``LeaseMiddleware`` counts them;
- its errback ran (download error, HTTP error, a middleware refused it), except
  for a request set aside because the worker is stopping (``skipped/interrupted``),
  which stays leased for another worker to fetch;
- a copy of it went back into the shared queue (a retry, a redirect: the copy
  carries ``meta[LEASE]``), once the copy is there.

A heartbeat key (``alive:<worker>``, TTL ``NEWSCRAWL_REDIS_LEASE_TIMEOUT``) says the
worker lives; when it has expired, any other worker moves the dead one's in-flight
requests back into the queue (``newscrawl.distributed.worker``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Request, signals
from scrapy.exceptions import NotConfigured

from newscrawl.signals import request_done

logger = logging.getLogger(__name__)

#: Request meta key: ``<worker> <fingerprint hex>`` of the lease a request holds.
LEASE = "newscrawl_lease"


def finish(crawler: Any, request: Request | None, failure: Any = None) -> None:
    """Say that ``request`` is done (the spider's errback calls it)."""
    if request is None or not request.meta.get(LEASE):
        return
    if failure is not None and getattr(failure.value, "reason", None) == "interrupted":
        return  # not sent because this worker stops: another worker fetches it
    crawler.signals.send_catch_log(request_done, request=request)


class LeaseMiddleware:
    """Spider middleware, nearest the engine: a response's lease ends once its
    callback's output is handed over and its items have left the pipeline."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self._open: dict[int, list[Any]] = {}  # id(response) -> [request, items pending, callback done]
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self._item_left, signal=signal)

    @classmethod
    def from_crawler(cls, crawler: Any) -> LeaseMiddleware:
        if not crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            raise NotConfigured("no NEWSCRAWL_REDIS_URL")
        return cls(crawler)

    def _entry(self, response: Any) -> list[Any] | None:
        if not response.meta.get(LEASE):
            return None
        return self._open.setdefault(id(response), [response.request, 0, False])

    def _count(self, entry: list[Any] | None, output: Any) -> None:
        if entry is not None and not isinstance(output, Request) and ItemAdapter.is_item(output):
            entry[1] += 1

    def _done(self, response: Any, entry: list[Any] | None) -> None:
        if entry is None:
            return
        entry[2] = True
        self._maybe_finish(id(response), entry)

    def _maybe_finish(self, key: int, entry: list[Any]) -> None:
        if entry[2] and entry[1] <= 0:
            self._open.pop(key, None)
            finish(self.crawler, entry[0])

    def _item_left(self, item: Any, response: Any = None, **kwargs: Any) -> None:
        if response is None:
            return
        entry = self._open.get(id(response))
        if entry is not None:
            entry[1] -= 1
            self._maybe_finish(id(response), entry)

    def process_spider_output(self, response: Any, result: Iterable[Any]) -> Iterator[Any]:
        entry = self._entry(response)
        try:
            for output in result:
                self._count(entry, output)
                yield output
        finally:
            self._done(response, entry)

    async def process_spider_output_async(self, response: Any, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        entry = self._entry(response)
        try:
            async for output in result:
                self._count(entry, output)
                yield output
        finally:
            self._done(response, entry)
