"""scrapy-redis's scheduler and dupefilter, adapted to newscrawl.

- ``CanonicalRedisDupeFilter``: scrapy-redis's ``RFPDupeFilter`` computes its own
  fingerprint (``w3lib.canonicalize_url``, which keeps tracking parameters and
  session ids); this one asks the crawler's ``REQUEST_FINGERPRINTER_CLASS``
  (``CanonicalRequestFingerprinter``), so one page is one request across workers as
  within one process. It overrides ``request_fingerprint``, the method scrapy-redis
  documents for this.
- ``RedisScheduler``: scrapy-redis's ``Scheduler`` whose ``next_request`` pops from
  the shared queue and records the popped request in this worker's in-flight hash
  in one Lua script (atomic: a worker killed at any point loses nothing), and whose
  ``enqueue_request`` ends the lease of a request whose copy (retry, redirect) it
  puts back. See ``newscrawl.distributed.leases``.
"""

from __future__ import annotations

import itertools
import logging
import time
from typing import Any

from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from newscrawl.distributed.keys import crawl_keys
from newscrawl.distributed.leases import LEASE
from newscrawl.signals import request_done

logger = logging.getLogger(__name__)

# KEYS: the queue (sorted set, scrapy-redis's PriorityQueue), the in-flight hash.
# ARGV: the time. Pops the best request and leases it in one step.
_POP_AND_LEASE = """
local found = redis.call('zrange', KEYS[1], 0, 0)
if #found == 0 then return false end
redis.call('zremrangebyrank', KEYS[1], 0, 0)
redis.call('hset', KEYS[2], found[1], ARGV[1])
return found[1]
"""


class CanonicalRedisDupeFilter(RFPDupeFilter):
    fingerprinter: Any = None

    @classmethod
    def from_spider(cls, spider: Any) -> CanonicalRedisDupeFilter:
        dupefilter = super().from_spider(spider)
        dupefilter.fingerprinter = spider.crawler.request_fingerprinter
        return dupefilter

    def request_fingerprint(self, request: Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()


class RedisScheduler(Scheduler):
    crawler: Any = None
    _leases: dict[str, bytes]

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.worker = str(crawler.settings.get("NEWSCRAWL_REDIS_WORKER"))
        scheduler.keys = crawl_keys(crawler.settings, crawler.spider.name)
        scheduler.inflight_key = scheduler.keys.inflight(scheduler.worker)
        scheduler._pop = scheduler.server.register_script(_POP_AND_LEASE)
        scheduler._leases = {}
        scheduler._tokens = (str(n) for n in itertools.count(1))
        crawler.signals.connect(scheduler.request_done, signal=request_done)
        return scheduler

    def enqueue_request(self, request: Request) -> bool:
        token = request.meta.pop(LEASE, None)  # a retry or redirect of a leased request
        try:
            # scrapy-redis's enqueue_request, without its deprecated StatsCollector spider argument.
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            if self.stats:
                self.stats.inc_value("scheduler/enqueued/redis")
            self.queue.push(request)
            return True
        finally:
            if token:
                self._release(token)

    def next_request(self) -> Request | None:
        raw = self._pop(keys=[self.queue.key, self.inflight_key], args=[f"{time.time():.3f}"])
        if raw is None:
            return None
        request = self.queue._decode_request(raw)  # noqa: SLF001 - the queue's own serializer
        token = next(self._tokens)
        self._leases[token] = raw
        request.meta[LEASE] = token
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def request_done(self, request: Request) -> None:
        token = request.meta.get(LEASE)
        if token:
            self._release(token)

    def _release(self, token: str) -> None:
        raw = self._leases.pop(token, None)
        if raw is not None:
            self.server.hdel(self.inflight_key, raw)

    def leased(self) -> int:
        return len(self._leases)
