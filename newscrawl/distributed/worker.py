"""One worker of a shared crawl: its heartbeat, the dead workers' requests it puts
back, and when it stops.

- Heartbeat: ``alive:<worker>`` is set with a TTL of ``NEWSCRAWL_REDIS_LEASE_TIMEOUT``
  seconds and refreshed three times per TTL.
- Reclaim: on every beat and when idle, a worker whose heartbeat expired has its
  in-flight hash renamed (atomic: one worker wins it) and each request in it pushed
  back into the queue at its priority; its records not yet in a finished archive
  part are dropped from the shared state (their part, if ever recovered from its
  temporary file, is ingested again).
- Idle: scrapy-redis keeps a worker waiting forever; this one closes once the shared
  queue is empty, no other live worker holds in-flight requests, and that has lasted
  ``NEWSCRAWL_REDIS_IDLE_TIMEOUT`` seconds.
- ``max_items``: counted across workers (``newscrawl.distributed.quota``); once used
  up, every worker closes (reason ``max_items``) within ``POLL_INTERVAL``.
- Close: the worker leaves the crawl; the last one out with an empty queue (or the
  crawl's ``max_items`` used up) and no in-flight requests left ends the shared crawl
  (queue, dupefilter, scope, count and ``current`` cleared), so the next cron run
  starts a fresh one.
"""

from __future__ import annotations

import importlib
import logging
import time
from typing import Any

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from newscrawl.distributed.addon import redis_client
from newscrawl.distributed.keys import crawl_keys
from newscrawl.distributed.quota import SharedQuota

logger = logging.getLogger(__name__)

POLL_INTERVAL = 0.5  # seconds between looks at the shared queue


class RedisWorker:
    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.server = redis_client(settings.get("NEWSCRAWL_REDIS_URL"))
        self.keys = crawl_keys(settings, crawler.spider.name)
        self.worker = str(settings.get("NEWSCRAWL_REDIS_WORKER"))
        self.lease_timeout = max(1.0, settings.getfloat("NEWSCRAWL_REDIS_LEASE_TIMEOUT"))
        self.idle_timeout = max(0.0, settings.getfloat("NEWSCRAWL_REDIS_IDLE_TIMEOUT"))
        serializer = settings.get("SCHEDULER_SERIALIZER") or "scrapy_redis.picklecompat"
        self.serializer = importlib.import_module(serializer) if isinstance(serializer, str) else serializer
        self.last_busy = time.monotonic()
        self.quota = self._install_quota(crawler.spider)
        self._closing = False
        self._loop: task.LoopingCall | None = None
        self._poll: task.LoopingCall | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisWorker:
        if not crawler.settings.get("NEWSCRAWL_REDIS_CRAWL"):
            raise NotConfigured("not a worker of a shared crawl")
        return cls(crawler)

    def _install_quota(self, spider: Any) -> SharedQuota | None:
        limit = getattr(spider, "max_items", None)
        if not limit:
            return None
        quota = SharedQuota(self.server, self.keys.articles, int(limit))
        spider.shared_article_quota = quota
        return quota

    # --- heartbeat -------------------------------------------------------------------

    def spider_opened(self, spider: Any) -> None:
        self.stats.set_value("newscrawl/redis/worker", 1)
        self.server.sadd(self.keys.workers, self.worker)
        self._beat()
        self._loop = task.LoopingCall(self._tick)
        self._loop.start(self.lease_timeout / 3, now=False)
        self._poll = task.LoopingCall(self._wake)
        self._poll.start(POLL_INTERVAL, now=False)

    def _wake(self) -> None:
        """Scrapy's engine asks an idle scheduler again only every 5 s (its slot
        heartbeat); requests other workers put into the shared queue are taken up
        within ``POLL_INTERVAL`` instead."""
        try:
            waiting = self.server.zcard(self.keys.requests)
            if self.quota is not None and self.quota.exhausted():
                self._close_at_max_items()
                return
        except redis.RedisError:
            return
        slot = getattr(self.crawler.engine, "_slot", None)  # the engine's documented-nowhere wake-up
        if waiting and slot is not None:
            slot.nextcall.schedule()

    def _close_at_max_items(self) -> None:
        if self._closing or self.crawler.engine is None:
            return
        self._closing = True
        assert self.quota is not None
        logger.info("shared crawl: max_items: %d articles handed over across workers, this worker closes",
                    self.quota.limit)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="max_items"))

    def _beat(self) -> None:
        self.server.set(self.keys.alive(self.worker), str(time.time()), px=int(self.lease_timeout * 1000))

    def _tick(self) -> None:
        try:
            self._beat()
            self.reclaim()
        except redis.RedisError as exc:  # the crawl goes on; the next beat retries
            logger.warning("shared crawl: Redis heartbeat failed: %s", exc)

    # --- dead workers ----------------------------------------------------------------

    def reclaim(self) -> int:
        """Put the in-flight requests of every worker whose heartbeat stopped back into
        the queue; return how many."""
        total = 0
        for raw_worker in self.server.smembers(self.keys.workers):
            other = raw_worker.decode()
            if other == self.worker or self.server.exists(self.keys.alive(other)):
                continue
            claimed = f"{self.keys.prefix}reclaiming:{self.worker}:{other}"
            try:
                self.server.rename(self.keys.inflight(other), claimed)
            except redis.ResponseError:  # no in-flight requests, or another worker won them
                self.server.srem(self.keys.workers, other)
                continue
            requests = self.server.hkeys(claimed)
            if requests:
                self.server.zadd(self.keys.requests, {raw: -self._priority(raw) for raw in requests})
            self.server.delete(claimed)
            self.server.srem(self.keys.workers, other)
            discarded = self._discard_records(other)
            total += len(requests)
            self.stats.inc_value("newscrawl/redis/reclaimed", len(requests))
            logger.warning("shared crawl: worker %s stopped (no heartbeat for %.0f s); its %d in-flight "
                           "request%s are back in the queue%s", other, self.lease_timeout, len(requests),
                           "" if len(requests) == 1 else "s",
                           f", {discarded} unfinished records forgotten" if discarded else "")
        return total

    def _priority(self, raw: bytes) -> int:
        try:
            return int(self.serializer.loads(raw).get("priority", 0))
        except Exception:  # noqa: BLE001 - a request we cannot read still goes back
            return 0

    def _discard_records(self, worker: str) -> int:
        from newscrawl.dedup.extension import DedupState

        state = self.crawler.get_extension(DedupState)
        discard = getattr(getattr(state, "state", None), "discard_uncommitted_of", None)
        return discard(worker) if discard is not None else 0

    # --- idle and close --------------------------------------------------------------

    def _busy(self) -> bool:
        if self.server.zcard(self.keys.requests):
            return True
        for raw_worker in self.server.smembers(self.keys.workers):
            other = raw_worker.decode()
            if other != self.worker and self.server.exists(self.keys.alive(other)) \
                    and self.server.hlen(self.keys.inflight(other)):
                return True
        return False

    def spider_idle(self, spider: Any) -> None:
        now = time.monotonic()
        try:
            self.reclaim()
            if self._busy():
                self.last_busy = now
        except redis.RedisError as exc:
            logger.warning("shared crawl: Redis unreachable while idle: %s", exc)
            self.last_busy = now
        if now - self.last_busy < self.idle_timeout:
            raise DontCloseSpider

    def spider_closed(self, spider: Any, reason: str) -> None:
        for loop in (self._loop, self._poll):
            if loop is not None and loop.running:
                loop.stop()
        try:
            self._leave(reason)
        except redis.RedisError as exc:
            logger.warning("shared crawl: cannot leave the crawl in Redis cleanly: %s", exc)

    def _leave(self, reason: str) -> None:
        inflight = self.keys.inflight(self.worker)
        if reason not in ("finished", "max_items"):  # max_items: the shared crawl has reached its end
            # Stopped early (shutdown, closespider_* ...): what it did not finish
            # stays leased; without a heartbeat another worker puts them back at once.
            self.server.delete(self.keys.alive(self.worker))
            if not self.server.hlen(inflight):
                self.server.srem(self.keys.workers, self.worker)
            return
        left = self.server.hlen(inflight)
        if left:
            logger.info("shared crawl: %d lease%s left at the end of the crawl, released", left,
                        "" if left == 1 else "s")
        self.server.delete(inflight, self.keys.alive(self.worker))
        self.server.srem(self.keys.workers, self.worker)
        over = not self.server.zcard(self.keys.requests) or (self.quota is not None and self.quota.exhausted())
        if not self.server.scard(self.keys.workers) and over:
            self.server.delete(self.keys.requests, self.keys.dupefilter, self.keys.workers, self.keys.scope,
                               self.keys.articles)
            current = self.keys.base + "current"
            if self.server.get(current) == self.keys.crawl.encode():
                self.server.delete(current)
            logger.info("shared crawl %s is over: its queue and dupefilter are cleared", self.keys.crawl)
