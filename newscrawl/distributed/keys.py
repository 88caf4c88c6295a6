"""Redis key names of a shared crawl, all under ``<NEWSCRAWL_REDIS_PREFIX>:<spider>:``.

    <base>current                      the shared crawl id workers join (without NEWSCRAWL_CRAWL_ID)
    <base>crawl:<id>:requests          scrapy-redis's request queue (sorted set, by priority)
    <base>crawl:<id>:dupefilter        scrapy-redis's dupefilter (canonical fingerprints)
    <base>crawl:<id>:scope             the crawl's scope (JSON, ``CrawlScope``), set by the first seeded worker
    <base>crawl:<id>:articles          articles handed over so far, against the crawl's ``max_items``
    <base>crawl:<id>:workers           worker ids that joined the crawl
    <base>crawl:<id>:alive:<worker>    a worker's heartbeat (expires after NEWSCRAWL_REDIS_LEASE_TIMEOUT)
    <base>crawl:<id>:inflight:<worker> requests a worker popped and has not finished (hash fp -> request)
    <base>state:...                    the crawl state across crawls (newscrawl.distributed.state)
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass
from typing import Any

_UNSAFE = re.compile(r"[^A-Za-z0-9_.]+")


def default_worker_id() -> str:
    """``<host>-<pid>``, reduced to what a file name of the archive may hold."""
    host = _UNSAFE.sub("_", socket.gethostname().split(".")[0])[:30] or "host"
    return f"{host}-{os.getpid()}"


def base_of(settings: Any, spider: str = "news") -> str:
    return f"{settings.get('NEWSCRAWL_REDIS_PREFIX') or 'newscrawl'}:{spider}:"


@dataclass(frozen=True)
class CrawlKeys:
    base: str
    crawl: str

    @property
    def prefix(self) -> str:
        return f"{self.base}crawl:{self.crawl}:"

    @property
    def requests(self) -> str:
        return self.prefix + "requests"

    @property
    def dupefilter(self) -> str:
        return self.prefix + "dupefilter"

    @property
    def scope(self) -> str:
        return self.prefix + "scope"

    @property
    def articles(self) -> str:
        return self.prefix + "articles"

    @property
    def workers(self) -> str:
        return self.prefix + "workers"

    def alive(self, worker: str) -> str:
        return f"{self.prefix}alive:{worker}"

    def inflight(self, worker: str) -> str:
        return f"{self.prefix}inflight:{worker}"

    @property
    def state(self) -> str:
        return self.base + "state:"


def crawl_keys(settings: Any, spider: str = "news") -> CrawlKeys:
    return CrawlKeys(base_of(settings, spider), str(settings.get("NEWSCRAWL_REDIS_CRAWL")))
