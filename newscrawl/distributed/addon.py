"""``-s NEWSCRAWL_REDIS_URL=redis://host:6379/0``: this crawl becomes one worker of a
shared crawl. A Scrapy add-on (``ADDONS``), so the switch is made in
``update_settings``, before the crawler builds its scheduler, middlewares and
extensions:

- ``SCHEDULER``: ``newscrawl.distributed.scheduler.RedisScheduler`` (scrapy-redis's,
  with leases), ``SCHEDULER_PERSIST``: the shared queue and dupefilter outlive a
  worker; ``DUPEFILTER_CLASS``: scrapy-redis's dupefilter on our canonical-URL
  fingerprints; ``REDIS_URL`` and the queue and dupefilter keys of the shared crawl.
- the shared crawl id: ``NEWSCRAWL_CRAWL_ID`` when given, else the one in
  ``<prefix>current`` (set by the first worker, cleared by the last one when the
  crawl is over), so the same command on every machine joins one crawl; with it
  the crawl's scope, which a worker without seeds takes
  (``newscrawl.distributed.scope``);
- this worker's crawl id, which names its files: ``<shared crawl id>-<worker>``
  (``part-<crawl_id>-<worker>-<n>.jsonl.gz``, ``runs/<crawl_id>-<worker>.json``).

Only spiders that say ``redis_distributable = True`` (``news``) are switched; the
``scrapy reextract`` replay spider and the debugging commands stay local.
"""

from __future__ import annotations

import logging
from typing import Any

from newscrawl.distributed.keys import CrawlKeys, base_of, default_worker_id
from newscrawl.distributed.scope import join_crawl
from newscrawl.runinfo import _VALID

logger = logging.getLogger(__name__)

PRIORITY = "cmdline"  # over the command line's own NEWSCRAWL_CRAWL_ID: the worker's id names its files


def redis_client(url: str) -> Any:
    """A ``redis.Redis`` with bytes replies (typed ``Any``: redis-py's reply types are unions).
    redis is imported here, not with the add-on, which every crawl loads: 5 MB resident
    that a crawl without ``NEWSCRAWL_REDIS_URL`` does not need."""
    import redis

    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=30, retry_on_timeout=True)


class RedisAddon:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisAddon:
        return cls(crawler)

    def update_settings(self, settings: Any) -> None:
        url = settings.get("NEWSCRAWL_REDIS_URL")
        spider = getattr(self.crawler, "spider", None)
        if not url or spider is None or not getattr(spider, "redis_distributable", False):
            return
        if settings.get("JOBDIR"):
            raise ValueError("JOBDIR and NEWSCRAWL_REDIS_URL exclude each other: the shared crawl's queue "
                             "is in Redis and survives any worker")
        worker = str(settings.get("NEWSCRAWL_REDIS_WORKER") or default_worker_id())
        base = base_of(settings, spider.name)
        server = redis_client(url)
        wanted = settings.get("NEWSCRAWL_CRAWL_ID")
        shared = join_crawl(server, base, str(wanted) if wanted else None, spider)
        own = f"{shared}-{worker}"
        if not _VALID.match(own):
            raise ValueError(f"worker crawl id {own!r} (crawl id - NEWSCRAWL_REDIS_WORKER) must match {_VALID.pattern}")
        keys = CrawlKeys(base, shared)
        for name, value in {
            "SCHEDULER": "newscrawl.distributed.scheduler.RedisScheduler",
            "DUPEFILTER_CLASS": "newscrawl.distributed.scheduler.CanonicalRedisDupeFilter",
            "SCHEDULER_PERSIST": True,
            "REDIS_URL": url,
            "SCHEDULER_QUEUE_KEY": keys.requests,
            "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
            "NEWSCRAWL_REDIS_CRAWL": shared,
            "NEWSCRAWL_REDIS_WORKER": worker,
            "NEWSCRAWL_CRAWL_ID": own,
        }.items():
            settings.set(name, value, priority=PRIORITY)
        # Scrapy's documented add-on pattern for components.
        settings["EXTENSIONS"]["newscrawl.distributed.worker.RedisWorker"] = 90
        settings["SPIDER_MIDDLEWARES"]["newscrawl.distributed.leases.LeaseMiddleware"] = 1
        logger.info("shared crawl %s in Redis (%s), worker %s", shared, keys.prefix, worker)
