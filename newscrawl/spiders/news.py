"""The ``news`` spider: seeds, sitemaps and feeds in; article pages out.

    scrapy crawl news -a start_urls=https://example.com/,https://example.com/world/
    scrapy crawl news -a sitemap_urls=https://example.com/sitemap.xml
    scrapy crawl news -a feed_urls=https://example.com/rss.xml
    scrapy crawl news -a site=tibet

Optional: ``allow``/``deny`` (comma-separated URL regexes), ``max_depth`` (link hops
from a seed), ``max_items`` (articles to hand over before closing).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.selector import Selector
from scrapy.utils.gz import gunzip
from twisted.python.failure import Failure

from newscrawl.distributed.leases import finish as finish_lease
from newscrawl.extract.dom import parse_html
from newscrawl.extract.encoding import decode_html
from newscrawl.middlewares import report_failure
from newscrawl.pages import WARC_META, FetchedPage
from newscrawl.spiders.arguments import ARGUMENTS, check_names, parse_arguments, patterns, split
from newscrawl.spiders.discovery import (
    feed_entries,
    parse_xml,
    sitemap_index_links,
    sitemap_kind,
    urlset_entries,
)
from newscrawl.spiders.pages import Judgement, judge_page
from newscrawl.spiders.scope import CrawlScope

#: Request meta key marking a request that may lead to an article page (a sitemap or
#: feed entry, a followed link): the crawl state may skip it when the page is already
#: archived (newscrawl.middlewares.SkipSeenMiddleware). Seeds, sitemaps and feeds
#: are never marked: they are fetched on every run.
ARTICLE_CANDIDATE = "newscrawl_article_candidate"
_CANDIDATE = {ARTICLE_CANDIDATE: True}


@dataclass(frozen=True, slots=True)
class DecodedPage:
    """A response as newscrawl reads it: ``response`` a UTF-8 copy whose selector is
    ``tree``; ``text`` and ``encoding`` what ``decode_html`` gave."""

    response: TextResponse
    text: str
    encoding: str
    tree: Any


def decoded(response: TextResponse, content_type: str | None) -> DecodedPage:
    """The response as newscrawl decodes and parses it, once for the judgement, the
    links and the extraction.

    Decoded with ``decode_html`` (BOM, valid UTF-8, the declared charset if plausible,
    GBK/GB18030/Big5 detection), never with Scrapy's own decoding: the two disagree on
    pages that lie about their encoding, and an article judged on mojibake is lost.
    Parsed with the extractor's ``parse_html``; the copy's selector is that tree (its
    text is UTF-8 and says so, which Scrapy takes over any ``<meta>``). An inline
    extractor reads the same tree (``FetchedPage.tree``), a worker the same text."""
    text, encoding = decode_html(response.body, content_type)
    page = response.replace(body=text.encode("utf-8"), encoding="utf-8")
    tree = parse_html(text)
    if tree is not None:
        # TextResponse.selector caches its Selector here; set it to the extractor's tree.
        page._cached_selector = Selector(root=tree, type="html")  # noqa: SLF001
    return DecodedPage(page, text, encoding, tree)


class NewsSpider(scrapy.Spider):
    name = "news"
    #: With NEWSCRAWL_REDIS_URL this spider is a worker of a shared crawl
    #: (newscrawl.distributed.addon): its seeds go through the shared queue and
    #: dupefilter, so they enter the crawl once whichever workers are given them.
    redis_distributable = True

    def __init__(
        self,
        start_urls: str | list[str] | None = None,
        sitemap_urls: str | list[str] | None = None,
        feed_urls: str | list[str] | None = None,
        site: str | None = None,
        allow: str | list[str] | None = None,
        deny: str | list[str] | None = None,
        max_depth: str | int | None = None,
        max_items: str | int | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        joining = bool(kwargs.pop("_join_shared_crawl", False))  # from_crawler: a shared crawl's worker
        check_names(name for name in kwargs if name != "name")
        super().__init__(*args, **kwargs)
        parsed = parse_arguments(start_urls, sitemap_urls, feed_urls, site, allow, deny, max_depth, max_items,
                                 joining=joining)
        profile = parsed.profile
        self.site = site
        self.seed_urls = parsed.seed_urls
        self.sitemap_urls = parsed.sitemap_urls
        self.feed_urls = parsed.feed_urls
        self.allowed_domains = parsed.allowed_domains
        self.allow = parsed.allow
        self.deny = parsed.deny
        self._allow_re = parsed.allow_re
        self._deny_re = parsed.deny_re
        self.max_depth = parsed.max_depth
        self.max_items = parsed.max_items
        self.timezone = profile.get("timezone")
        self.drop_xpath = tuple(split(profile.get("drop_xpath")))
        self.min_article_chars = 200  # NEWSCRAWL_MIN_ARTICLE_CHARS, set in from_crawler
        self.articles_found = 0
        #: A worker of a shared crawl given no seeds: its scope comes from Redis
        #: (``apply_scope``, called by newscrawl.distributed).
        self.seedless = not (self.seed_urls or self.sitemap_urls or self.feed_urls)
        #: Set by newscrawl.distributed for a shared crawl: takes one of the crawl's
        #: ``max_items`` articles across workers, False once none is left.
        self.shared_article_quota: Callable[[], bool] | None = None
        # Host scope is checked in _in_scope by host name (LinkExtractor's allow_domains
        # compares host:port); OffsiteMiddleware enforces it again for every request.
        self.link_extractor = LinkExtractor(allow=self.allow, deny=self.deny, unique=True)

    @classmethod
    def check_arguments(cls, arguments: dict[str, Any], settings: Any = None) -> None:
        """Raise ``SpiderArgumentError`` for a bad ``-a`` argument, the checks
        ``__init__`` makes, without building the spider (``scrapy crawl`` calls it
        before anything starts)."""
        check_names(arguments)
        parse_arguments(**{k: v for k, v in arguments.items() if k in ARGUMENTS},
                        joining=bool(settings is not None and settings.get("NEWSCRAWL_REDIS_URL")))

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        if crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            kwargs["_join_shared_crawl"] = True
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.max_depth is None:
            spider.max_depth = crawler.settings.getint("NEWSCRAWL_MAX_DEPTH")
        spider.min_article_chars = crawler.settings.getint("NEWSCRAWL_MIN_ARTICLE_CHARS")
        return spider

    def crawl_scope(self) -> CrawlScope:
        """What this crawl keeps to, derived from the seeds and arguments."""
        return CrawlScope(allowed_domains=tuple(self.allowed_domains), allow=tuple(self.allow),
                          deny=tuple(self.deny), max_depth=self.max_depth or 0, max_items=self.max_items,
                          site=self.site, timezone=self.timezone, drop_xpath=self.drop_xpath)

    def apply_scope(self, scope: CrawlScope) -> None:
        """Crawl by ``scope`` (a shared crawl's, for a worker without seeds)."""
        self.allowed_domains = list(scope.allowed_domains)
        self.allow, self.deny = list(scope.allow), list(scope.deny)
        self._allow_re, self._deny_re = patterns("allow", self.allow), patterns("deny", self.deny)
        self.max_depth, self.max_items = scope.max_depth, scope.max_items
        self.site, self.timezone, self.drop_xpath = scope.site, scope.timezone, scope.drop_xpath
        self.link_extractor = LinkExtractor(allow=self.allow, deny=self.deny, unique=True)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.seed_urls:
            yield scrapy.Request(url, callback=self.parse_page, errback=self.on_error,
                                 cb_kwargs={"via": "seed", "depth": 0})
        for url in self.sitemap_urls:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.on_error)
        for url in self.feed_urls:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.on_error)

    # --- discovery -------------------------------------------------------------------

    def _in_scope(self, url: str) -> bool:
        return self._out_of_scope(url) is None

    def _out_of_scope(self, url: str) -> str | None:
        """Why ``url`` is not crawled (``scheme``, ``offsite``, ``pattern``), or None."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return "scheme"
        host = (parts.hostname or "").lower()
        if not any(host == d or host.endswith(f".{d}") for d in self.allowed_domains):
            return "offsite"
        if self._allow_re and not any(r.search(url) for r in self._allow_re):
            return "pattern"
        return "pattern" if any(r.search(url) for r in self._deny_re) else None

    def _skip_link(self, url: str, reason: str, source: str) -> None:
        """A link, sitemap or feed entry left out of the crawl: counted, logged at DEBUG
        (pages link to many other hosts; the stat is the summary)."""
        self.crawler.stats.inc_value(f"newscrawl/skipped/link_{reason}")
        self.logger.debug("skipped %s: link_%s (on %s)", url, reason, source)

    def on_error(self, failure: Failure) -> None:
        """Errback of every request: log and count why it ended without a response
        (HTTP error after retries, timeout, reset, robots.txt, too large ...)."""
        report_failure(self.crawler, failure)
        finish_lease(self.crawler, getattr(failure, "request", None), failure)

    def _xml_body(self, response: Response) -> bytes:
        body = response.body
        if body[:2] == b"\x1f\x8b":
            maxsize = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
            body = gunzip(body, max_size=maxsize)
        return body

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        root = parse_xml(self._xml_body(response))
        kind = sitemap_kind(root) if root is not None else None
        if kind == "index":
            for loc in sitemap_index_links(root):
                if (why := self._out_of_scope(loc)) is None:
                    yield response.follow(loc, callback=self.parse_sitemap, errback=self.on_error)
                else:
                    self._skip_link(loc, why, response.url)
        elif kind == "urlset":
            for entry in urlset_entries(root):
                if (why := self._out_of_scope(entry.url)) is None:
                    yield response.follow(entry.url, callback=self.parse_page, meta=_CANDIDATE,
                                          errback=self.on_error, cb_kwargs={
                        "via": "sitemap", "depth": 0, "hint_title": entry.title,
                        "hint_published": entry.published or entry.lastmod})
                else:
                    self._skip_link(entry.url, why, response.url)
        elif kind in ("rss", "atom"):
            yield from self.parse_feed(response)
        else:
            self._skip(response, "not_a_sitemap")

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        root = parse_xml(self._xml_body(response))
        if root is None or sitemap_kind(root) not in ("rss", "atom"):
            self._skip(response, "not_a_feed")
            return
        for entry in feed_entries(root):
            if (why := self._out_of_scope(entry.url)) is None:
                yield response.follow(entry.url, callback=self.parse_page, meta=_CANDIDATE,
                                      errback=self.on_error, cb_kwargs={
                    "via": "feed", "depth": 0, "hint_title": entry.title,
                    "hint_published": entry.published})
            else:
                self._skip_link(entry.url, why, response.url)

    def _skip(self, response: Response, reason: str) -> None:
        self.logger.warning("skipped %s: %s", response.url, reason)
        self.crawler.stats.inc_value(f"newscrawl/skipped/{reason}")

    # --- pages -----------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[FetchedPage | scrapy.Request]:
        """Scrapy's default callback (``scrapy parse --spider news URL``, ``scrapy shell``):
        the response as a seed page. The crawl's own requests name their callbacks."""
        return self.parse_page(response, via=kwargs.pop("via", "seed"), depth=kwargs.pop("depth", 0), **kwargs)

    def parse_page(
        self,
        response: Response,
        via: str,
        depth: int,
        hint_title: str | None = None,
        hint_published: str | None = None,
    ) -> Iterator[FetchedPage | scrapy.Request]:
        if not isinstance(response, TextResponse):
            self._skip(response, "not_html")
            return
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
        page = decoded(response, content_type)
        judgement = judge_page(page.response.selector, response.url, self.min_article_chars)
        if judgement.article and not self._may_hand_over():
            # This page and any still in flight are fetched and not archived: say so.
            self.crawler.stats.inc_value("newscrawl/skipped/max_items")
            self.logger.info("skipped %s: max_items: %d article%s handed over, the crawl closes",
                             response.url, self.max_items, "" if self.max_items == 1 else "s")
            raise CloseSpider("max_items")
        if judgement.article:
            # The article's place under max_items is taken now, not after its links:
            # while they are yielded, Scrapy may judge other pages.
            self.articles_found += 1
        # Links first: the page goes to the extractor last, which may change its tree.
        yield from self._follow_links(page.response, depth, judgement)
        if not judgement.article:
            self.crawler.stats.inc_value("newscrawl/pages/listing")
            self.logger.debug("listing %s: not an article (%s)", response.url, judgement.reason)
            return
        self.crawler.stats.inc_value("newscrawl/pages/article")
        fetched = FetchedPage(
            url=response.url,
            body=response.body,
            content_type=content_type,
            encoding=page.encoding,
            text=page.text,
            tree=page.tree,
            http_status=response.status,
            discovered_via=via,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            hint_title=hint_title,
            hint_published=hint_published,
            timezone=self.timezone,
            drop_xpath=self.drop_xpath,
            warc=response.meta.get(WARC_META),
        )
        del page  # the UTF-8 copy and its selector: not held while the page is extracted
        yield fetched

    def _may_hand_over(self) -> bool:
        """Whether one more article may go to the pipelines under ``max_items``."""
        if self.max_items is None:
            return True
        if self.shared_article_quota is not None:
            return self.shared_article_quota()
        return self.articles_found < self.max_items

    def _follow_links(self, page: TextResponse, depth: int, judgement: Judgement) -> Iterator[scrapy.Request]:
        if depth >= (self.max_depth or 0):
            if not judgement.article:  # a listing whose links stop here: how traps end
                self.crawler.stats.inc_value("newscrawl/skipped/max_depth")
                self.logger.debug("skipped %s: max_depth: links not followed at depth %d", page.url, depth)
            return
        for link in self.link_extractor.extract_links(page):
            if (why := self._out_of_scope(link.url)) is None:
                yield scrapy.Request(link.url, callback=self.parse_page, meta=_CANDIDATE, errback=self.on_error,
                                     cb_kwargs={"via": "link", "depth": depth + 1})
            else:
                self._skip_link(link.url, why, page.url)
