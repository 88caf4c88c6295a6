"""Which shared crawl a worker joins, and the scope it crawls by.

The first worker with seeds names the crawl and stores its scope (``CrawlScope``:
the allowed hosts, URL patterns, depth, ``max_items`` and profile its seeds and
arguments give) under ``<base>crawl:<id>:scope`` *before* it makes the crawl id
visible in ``<base>current``, so a crawl anyone can join always has its scope.

- A worker with seeds joins ``NEWSCRAWL_CRAWL_ID`` or ``current``; its own scope
  must equal the crawl's (one crawl, one scope: a worker whose requests another
  worker would refuse as off-site would lose them), else ``SharedCrawlError``.
- A worker without seeds joins ``NEWSCRAWL_CRAWL_ID`` or ``current`` and crawls by
  the stored scope; with no crawl to join it does not wait: ``SharedCrawlError``,
  one line, exit status 1 (a cron line started before any seeded worker fails
  visibly instead of idling).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from newscrawl.distributed.keys import CrawlKeys
from newscrawl.runinfo import new_crawl_id
from newscrawl.spiders.scope import CrawlScope


class SharedCrawlError(ValueError):
    """A worker cannot join the shared crawl; the message says why and what to do."""


def join_crawl(server: Any, base: str, wanted: str | None, spider: Any) -> str:
    """The id of the shared crawl this worker joins; a seedless ``spider`` gets the
    crawl's scope (``spider.apply_scope``)."""
    if spider.seedless:
        shared = wanted or _text(server.get(base + "current"))
        if not shared:
            raise SharedCrawlError(
                f"no shared crawl to join in Redis ({base}current is not set): a worker without seeds "
                "joins a running crawl; start one worker with seeds (-a start_urls=... or -a site=...)")
        spider.apply_scope(stored_scope(server, CrawlKeys(base, shared)))
        return shared
    mine = spider.crawl_scope()
    shared = wanted or _define(server, base, mine)
    keys = CrawlKeys(base, shared)
    server.set(keys.scope, mine.to_json(), nx=True)  # NEWSCRAWL_CRAWL_ID, or a crawl that lost its scope
    crawl = stored_scope(server, keys)
    if crawl != mine:
        differ = "; ".join(f"{name}: crawl {getattr(crawl, name)!r}, this worker {getattr(mine, name)!r}"
                           for name in (f.name for f in fields(mine)) if getattr(crawl, name) != getattr(mine, name))
        raise SharedCrawlError(
            f"shared crawl {shared} has another scope ({differ}): give this worker the crawl's arguments, "
            "or give another crawl its own NEWSCRAWL_REDIS_PREFIX or NEWSCRAWL_CRAWL_ID")
    return shared


def _define(server: Any, base: str, scope: CrawlScope) -> str:
    """``current``, or a new crawl (scope first) when there is none."""
    for _ in range(3):  # ``current`` may vanish between our SET and GET: the last worker ended that crawl
        candidate = new_crawl_id()
        server.set(CrawlKeys(base, candidate).scope, scope.to_json(), nx=True)
        if server.set(base + "current", candidate, nx=True):
            return candidate
        server.delete(CrawlKeys(base, candidate).scope)
        shared = _text(server.get(base + "current"))
        if shared:
            return shared
    raise SharedCrawlError(f"cannot set or read {base}current in Redis")


def stored_scope(server: Any, keys: CrawlKeys) -> CrawlScope:
    raw = server.get(keys.scope)
    if raw is None:
        raise SharedCrawlError(
            f"shared crawl {keys.crawl} has no scope in Redis ({keys.scope}): it is over, or was started "
            "by a worker with seeds that has not reached Redis yet; start a worker with seeds")
    try:
        return CrawlScope.from_json(raw)
    except ValueError as exc:
        raise SharedCrawlError(f"shared crawl {keys.crawl}: unreadable scope in {keys.scope}: {exc}") from None


def _text(value: bytes | None) -> str | None:
    return value.decode() if value is not None else None
