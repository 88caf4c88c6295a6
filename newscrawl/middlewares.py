"""Downloader middlewares."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured

from newscrawl.dedup.extension import DedupState

#: Request meta key the spider sets on requests that may lead to an article page
#: (sitemap and feed entries, followed links). Seeds, sitemaps, feeds and
#: robots.txt never carry it, so they are fetched on every run.
ARTICLE_CANDIDATE = "newscrawl_article_candidate"


class SkipSeenMiddleware:
    """Skip, before download, an article candidate whose page is already archived
    (its URL key is in the crawl state); counted as ``newscrawl/skipped/seen``."""

    def __init__(self, crawler: Any, state: DedupState) -> None:
        self.stats = crawler.stats
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Any) -> SkipSeenMiddleware:
        if not crawler.settings.getbool("NEWSCRAWL_SKIPSEEN_ENABLED"):
            raise NotConfigured("NEWSCRAWL_SKIPSEEN_ENABLED is off")
        state = crawler.get_extension(DedupState)
        if state is None:
            raise NotConfigured("no crawl state (NEWSCRAWL_STATE_ENABLED is off)")
        return cls(crawler, state)

    def process_request(self, request: Request) -> None:
        if request.meta.get(ARTICLE_CANDIDATE) and self.state.seen(request.url):
            self.stats.inc_value("newscrawl/skipped/seen")
            raise IgnoreRequest(f"already archived: {request.url}")
