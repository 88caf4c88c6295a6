"""Downloader middlewares: skip archived pages, keep every request in scope, wait
before retries, refuse bodies that are not pages; and the one vocabulary in which
every skipped or dropped request is logged and counted.

Every request that does not end as a page handed to the pipelines ends with one
log line naming its URL and the reason, and one ``newscrawl/skipped/<reason>`` or
``newscrawl/dropped/<reason>`` stat (``report``). *Skipped*: newscrawl chose not to
fetch or follow it (robots.txt, off-site, other scheme, content type, already seen).
*Dropped*: it was wanted but failed or was unusable (HTTP errors after retries,
timeouts, resets, too large, empty or binary bodies, redirect loops). Whoever
decides reports: these middlewares for their own refusals, the spider's errback
(``report_failure``) for what Scrapy's own components and the network decided.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Iterable
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request, signals
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefreshMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    NotConfigured,
    ResponseDataLossError,
    StopDownload,
    UnsupportedURLSchemeError,
)
from scrapy.http import HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.job import job_dir
from twisted.internet import error as txerror
from twisted.python.failure import Failure

from newscrawl.dedup.extension import DedupState
from newscrawl.signals import count_reported
from newscrawl.urls import normalize_url

logger = logging.getLogger(__name__)

#: Request meta key the spider sets on requests that may lead to an article page
#: (sitemap and feed entries, followed links). Seeds, sitemaps, feeds and
#: robots.txt never carry it, so they are fetched on every run.
ARTICLE_CANDIDATE = "newscrawl_article_candidate"
#: Request meta key set once a request's skip or drop has been logged and counted,
#: so that the spider's errback does not report it a second time.
REPORTED = "newscrawl_reported"
#: Request meta key: when (``time.monotonic()``) a retry may be sent.
RETRY_AT = "newscrawl_retry_at"


class SkipSeenMiddleware:
    """Skip, before download, an article candidate whose page is already archived
    (its URL key is in the crawl state); counted as ``newscrawl/skipped/seen``."""

    def __init__(self, crawler: Any, state: DedupState) -> None:
        self.crawler = crawler
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
            count_reported(self.crawler, SKIPPED, "seen", request.url, "request")
            raise IgnoreRequest(f"already archived: {request.url}")


# --- reporting ---------------------------------------------------------------------

SKIPPED = "skipped"
DROPPED = "dropped"


def report(crawler: Any, kind: str, reason: str, url: str, detail: str = "", *,
           level: int = logging.WARNING) -> None:
    """Count ``newscrawl/<kind>/<reason>`` and log ``<kind> <url>: <reason>: <detail>``
    (the pipelines' drop lines have the same shape)."""
    count_reported(crawler, kind, reason, url, "request")
    if logger.isEnabledFor(level):
        logger.log(level, "%s %s: %s%s", kind, url, reason, f": {detail}" if detail else "")


class Refused(IgnoreRequest):
    """A request one of newscrawl's middlewares refused; already reported."""

    def __init__(self, kind: str, reason: str, url: str, detail: str = "") -> None:
        super().__init__(f"{kind} {url}: {reason}" + (f": {detail}" if detail else ""))
        self.kind = kind
        self.reason = reason


def refuse(crawler: Any, request: Request, kind: str, reason: str, detail: str = "", *,
           level: int = logging.WARNING) -> Refused:
    """Report ``request`` as skipped/dropped and build the exception that ends it."""
    report(crawler, kind, reason, request.url, detail, level=level)
    request.meta[REPORTED] = True
    return Refused(kind, reason, request.url, detail)


def set_aside(crawler: Any, request: Request, why: str) -> Refused:
    """A request not sent because the crawl is stopping (``skipped/interrupted``): with
    ``JOBDIR`` a copy goes back into the scheduler, whose disk queue the job keeps
    (``dont_filter``: the job's seen requests hold it); without, the next run requests
    it again, since no page of it is archived. Returns the exception that ends it."""
    keep = bool(job_dir(crawler.settings))
    if keep:
        copy = request.replace(dont_filter=True)
        copy.meta.pop(REPORTED, None)
        crawler.engine.crawl(copy)
    return refuse(crawler, request, SKIPPED, "interrupted",
                  f"not sent ({why}): the crawl is stopping; "
                  f"{'kept in the job directory' if keep else 'left for the next run'}", level=logging.DEBUG)


def _retries(request: Request | None) -> str:
    n = request.meta.get("retry_times", 0) if request is not None else 0
    return f" after {n} retr{'y' if n == 1 else 'ies'}" if n else ""


_TIMEOUTS = (DownloadTimeoutError, txerror.TimeoutError, txerror.TCPTimedOutError)
_CONNECTION = (DownloadConnectionRefusedError, DownloadFailedError, txerror.ConnectError,
               txerror.ConnectionLost, txerror.ConnectionDone, txerror.ConnectionAborted, ConnectionError)


def _describe(exc: BaseException) -> str:
    """``ConnectionLost`` rather than Scrapy's wrapper around a list of Failures."""
    cause = exc.__cause__
    reasons = getattr(cause, "reasons", None)
    if reasons:
        names = sorted({getattr(r, "type", type(r)).__name__ for r in reasons})
        return f"{type(cause).__name__}: {', '.join(names)}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def classify_failure(failure: Failure, request: Request | None = None) -> tuple[str, str, str, int] | None:
    """``(kind, reason, detail, log level)`` of a failed request, or None when a
    newscrawl middleware already reported it."""
    exc = failure.value
    if isinstance(exc, Refused) or (request is not None and request.meta.get(REPORTED)):
        return None
    if isinstance(exc, HttpError):
        status = exc.response.status
        return DROPPED, f"http_{status}", f"HTTP {status}{_retries(request)}", logging.WARNING
    if isinstance(exc, IgnoreRequest):
        message = str(exc)
        if message.startswith("already archived"):  # SkipSeenMiddleware: counted there
            return SKIPPED, "seen", "already in the archive", logging.DEBUG
        if message.startswith("Forbidden by robots.txt"):
            return SKIPPED, "robots", "disallowed by robots.txt", logging.INFO
        if message.startswith("max redirections"):
            hops = len(request.meta.get("redirect_urls", ())) if request is not None else 0
            return DROPPED, "too_many_redirects", f"{hops} redirects (REDIRECT_MAX_TIMES)", logging.WARNING
        if "DOWNLOAD_MAXSIZE" in message:  # HttpCompressionMiddleware: a decompression bomb
            return DROPPED, "too_large", "decompressed body over DOWNLOAD_MAXSIZE", logging.WARNING
        if message.startswith("Filtered offsite"):
            return SKIPPED, "offsite", message, logging.INFO
        return DROPPED, "ignored", message or type(exc).__name__, logging.WARNING
    if isinstance(exc, DownloadCancelledError):
        # The HTTP/1.1 handler cancels a download only at DOWNLOAD_MAXSIZE (the
        # timeout has its own error), declared by Content-Length or streamed.
        return DROPPED, "too_large", "body over DOWNLOAD_MAXSIZE", logging.WARNING
    if isinstance(exc, _TIMEOUTS):
        return DROPPED, "timeout", f"no complete response within DOWNLOAD_TIMEOUT{_retries(request)}", logging.WARNING
    if isinstance(exc, ResponseDataLossError):
        return DROPPED, "data_loss", f"connection closed before Content-Length bytes{_retries(request)}", \
            logging.WARNING
    if isinstance(exc, (CannotResolveHostError, txerror.DNSLookupError)):
        return DROPPED, "dns_error", f"{exc}{_retries(request)}", logging.WARNING
    if isinstance(exc, _CONNECTION):
        return DROPPED, "connection_error", f"{_describe(exc)}{_retries(request)}", logging.WARNING
    if isinstance(exc, UnsupportedURLSchemeError):
        return SKIPPED, "scheme", str(exc), logging.INFO
    if isinstance(exc, StopDownload):
        return DROPPED, "stopped", "download stopped by a signal handler", logging.WARNING
    return DROPPED, "download_error", f"{type(exc).__name__}: {exc}", logging.WARNING


def report_failure(crawler: Any, failure: Failure) -> None:
    """The errback's job: report a request that ended in ``failure``."""
    request = getattr(failure, "request", None)
    verdict = classify_failure(failure, request)
    if verdict is None:
        return
    kind, reason, detail, level = verdict
    url = request.url if request is not None else "?"
    chain = request.meta.get("redirect_urls") if request is not None else None
    if chain:
        detail += f" (redirected from {chain[0]})"
    if reason == "seen":  # the stat is SkipSeenMiddleware's; the line is ours
        logger.log(level, "%s %s: %s: %s", kind, url, reason, detail)
    else:
        report(crawler, kind, reason, url, detail, level=level)
    if request is not None:
        request.meta[REPORTED] = True


# --- scope -------------------------------------------------------------------------


def repeated_segment(path: str, limit: int) -> str | None:
    """A path segment that occurs more than ``limit`` times (a relative-link trap:
    ``/a/b/b/b/b/``), else None."""
    counts: dict[str, int] = {}
    for segment in path.split("/"):
        if segment:
            counts[segment] = counts.get(segment, 0) + 1
            if counts[segment] > limit:
                return segment
    return None


class ScopeMiddleware(OffsiteMiddleware):
    """Scrapy's OffsiteMiddleware, made strict and talkative: no request leaves the
    spider's ``allowed_domains`` or http(s), whatever links or redirects say.

    Unlike Scrapy's, ``dont_filter`` does not exempt a request (a retried request is
    ``dont_filter``, and so is any redirect it gets); only the ``allow_offsite`` meta
    key, which code sets and pages cannot. Also refuses URLs whose path repeats a
    segment more than ``NEWSCRAWL_MAX_REPEATED_SEGMENTS`` times. Each refusal is
    reported (``skipped/offsite``, ``skipped/scheme``, ``skipped/url_trap``).

    Also reports the requests the scheduler refuses as duplicates (same canonical
    URL, see ``newscrawl.dedup.requests``): ``skipped/duplicate_url``, or
    ``dropped/redirect_loop`` when a redirect leads back into its own chain.
    """

    def __init__(self, crawler: Any, max_repeated_segments: int) -> None:
        super().__init__(crawler.stats)
        self.crawler = crawler
        self.max_repeated_segments = max_repeated_segments

    @classmethod
    def from_crawler(cls, crawler: Any) -> ScopeMiddleware:
        if not crawler.settings.getbool("NEWSCRAWL_SCOPE_ENABLED"):
            raise NotConfigured("NEWSCRAWL_SCOPE_ENABLED is off")
        o = cls(crawler, crawler.settings.getint("NEWSCRAWL_MAX_REPEATED_SEGMENTS"))
        crawler.signals.connect(o.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(o.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(o.request_dropped, signal=signals.request_dropped)
        return o

    def request_scheduled(self, request: Request, spider: Any) -> None:
        self.process_request(request)

    def process_request(self, request: Request) -> None:  # type: ignore[override]
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https"):
            raise refuse(self.crawler, request, SKIPPED, "scheme", f"{parts.scheme}: is not crawled",
                         level=logging.INFO)
        spider = self.crawler.spider
        assert spider is not None  # requests flow only while a spider is open
        if not request.meta.get("allow_offsite") and not self.should_follow(request, spider):
            self.stats.inc_value("offsite/filtered")
            host = parts.hostname or ""
            if host not in self.domains_seen:
                self.domains_seen.add(host)
                self.stats.inc_value("offsite/domains")
            via = request.meta.get("redirect_urls")
            detail = f"host {host!r} is not in allowed_domains" + (f" (redirected from {via[-1]})" if via else "")
            raise refuse(self.crawler, request, SKIPPED, "offsite", detail, level=logging.INFO)
        segment = repeated_segment(parts.path, self.max_repeated_segments)
        if segment is not None:
            raise refuse(self.crawler, request, SKIPPED, "url_trap",
                         f"path segment {segment!r} repeated more than {self.max_repeated_segments} times",
                         level=logging.INFO)

    def request_dropped(self, request: Request, spider: Any) -> None:
        chain = request.meta.get("redirect_urls") or []
        if chain:
            here = normalize_url(request.url)
            if any(normalize_url(u) == here for u in chain):
                report(self.crawler, DROPPED, "redirect_loop", chain[0],
                       f"redirects back to {request.url} ({len(chain)} hops)")
                return
        report(self.crawler, SKIPPED, "duplicate_url", request.url,
               "same canonical URL as a request already made", level=logging.DEBUG)


# --- robots.txt --------------------------------------------------------------------


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, with a robots.txt that cannot be fetched
    (connection reset or refused, DNS failure, timeout, after retries) taken as a
    condition of its host, not a crawl error: one WARNING naming the URL and why,
    ``newscrawl/dropped/robots_txt``, and the host is crawled as Scrapy crawls it
    then, as if it had no robots.txt. (Scrapy's own logs an ERROR with a traceback,
    which fails a cron run whose articles were all archived.)

    Scrapy fetches robots.txt through the whole downloader middleware chain; this
    sits at Scrapy's place (100), outside RetryMiddleware (550), so it sees the
    exception once retries are spent, and answers it with an already reported
    ``IgnoreRequest``, which Scrapy's middleware takes without a log line.
    """

    def process_exception(self, request: Request, exception: Exception) -> None:
        if not request.meta.get("dont_obey_robotstxt") or urlparse_cached(request).path != "/robots.txt":
            return None
        verdict = classify_failure(Failure(exception), request)
        if verdict is None:  # refused by a newscrawl middleware: already reported
            return None
        _, reason, detail, _ = verdict
        host = urlparse_cached(request).netloc
        raise refuse(self.crawler, request, DROPPED, "robots_txt",
                     f"{reason}: {detail}; {host} is crawled as if it had no robots.txt")


# --- retries -----------------------------------------------------------------------


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date; None if
    absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class RetryBackoffMiddleware:
    """Waits before each retry that Scrapy's RetryMiddleware (``RETRY_TIMES``,
    ``RETRY_HTTP_CODES``, ``RETRY_EXCEPTIONS``) makes: the server's ``Retry-After``
    when it sends one, else ``NEWSCRAWL_RETRY_BACKOFF_BASE * 2**(n-1)`` seconds with
    +-50% jitter, at most ``NEWSCRAWL_RETRY_BACKOFF_MAX``. A ``Retry-After`` longer
    than ``NEWSCRAWL_RETRY_AFTER_MAX`` is not waited for: the request is not retried
    (and is dropped as ``http_429``/``http_503``).

    Sits just outside RetryMiddleware (560 > 550): it sees each failed response or
    exception first and stamps the request's meta with when a retry may go; the
    retry copies the meta, and ``process_request`` waits until then. The wait holds
    one of ``CONCURRENT_REQUESTS``, not the site's download slot.
    """

    def __init__(self, crawler: Any, *, base: float, cap: float, retry_after_max: float,
                 codes: Iterable[int], rng: random.Random | None = None) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.base = base
        self.cap = cap
        self.retry_after_max = retry_after_max
        self.codes = set(codes)
        self.rng = rng or random.Random()

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryBackoffMiddleware:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_RETRY_BACKOFF_ENABLED") or not settings.getbool("RETRY_ENABLED"):
            raise NotConfigured("NEWSCRAWL_RETRY_BACKOFF_ENABLED or RETRY_ENABLED is off")
        return cls(crawler, base=settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_BASE"),
                   cap=settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_MAX"),
                   retry_after_max=settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX"),
                   codes=(int(c) for c in settings.getlist("RETRY_HTTP_CODES")))

    def backoff(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based)."""
        if self.base <= 0:
            return 0.0
        return min(self.cap, self.base * 2 ** (attempt - 1) * self.rng.uniform(0.5, 1.5))

    def _stamp(self, request: Request, delay: float) -> None:
        request.meta[RETRY_AT] = time.monotonic() + delay

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in self.codes or request.meta.get("dont_retry"):
            return response
        after = retry_after_seconds(response.headers.get(b"Retry-After"))
        if after is not None and after > self.retry_after_max:
            # Not worth holding the crawl for: give up now, politely.
            request.meta["dont_retry"] = True
            logger.info("not retrying %s: Retry-After %.0f s is over NEWSCRAWL_RETRY_AFTER_MAX (%.0f s)",
                        request.url, after, self.retry_after_max)
            return response
        attempt = request.meta.get("retry_times", 0) + 1
        self._stamp(request, min(after, self.retry_after_max) if after is not None else self.backoff(attempt))
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._stamp(request, self.backoff(request.meta.get("retry_times", 0) + 1))

    async def process_request(self, request: Request) -> None:
        retry_at = request.meta.get(RETRY_AT)
        if retry_at is None or not request.meta.get("retry_times"):
            return
        del request.meta[RETRY_AT]
        delay = retry_at - time.monotonic()
        if delay > 0:
            self.stats.inc_value("newscrawl/retry/waits")
            self.stats.inc_value("newscrawl/retry/wait_ms", int(delay * 1000))
            logger.debug("waiting %.2f s before retrying %s", delay, request.url)
            await self._wait(delay)
            if not self.crawler.crawling:  # a stop came during the wait: do not send it now
                raise set_aside(self.crawler, request, "its retry was waiting")

    async def _wait(self, seconds: float) -> None:
        """Sleep ``seconds``, or less when the crawler stops meanwhile (``crawling``
        turns False): one Ctrl-C must not wait out a 30 s ``Retry-After``."""
        deadline = time.monotonic() + seconds
        while self.crawler.crawling and (left := deadline - time.monotonic()) > 0:
            await _sleep(min(left, STOP_CHECK_INTERVAL))


#: Seconds between two looks at whether the crawler is stopping, in a backoff wait.
STOP_CHECK_INTERVAL = 0.2


async def _sleep(seconds: float) -> None:
    from twisted.internet import reactor, task

    await maybe_deferred_to_future(task.deferLater(reactor, seconds))  # type: ignore[arg-type]


# --- response bodies ---------------------------------------------------------------

#: Magic numbers of files that are never a page, whatever the Content-Type says.
_MAGIC = (b"%PDF-", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04",
          b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x00\x00\x01\x00", b"RIFF", b"OggS", b"ID3", b"\x1a\x45\xdf\xa3")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_GZIP = b"\x1f\x8b"
#: Bytes that do not occur in text in any encoding newscrawl reads (ASCII controls
#: other than tab, newlines, form feed and escape, which ISO-2022 uses).
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
#: Share of control bytes in the first BINARY_SAMPLE bytes above which a body is
#: binary. Calibration: no page of the sample site, tests/fixtures/bench or the
#: 166 zh-dev/aeb-dev bench pages (UTF-8, GBK, GB2312, Big5, many languages) is
#: flagged; random bytes hold 27/256 = 10.5% control bytes; a page with a stray
#: control byte per paragraph stays far below 1%.
BINARY_SHARE = 0.01
BINARY_SAMPLE = 8192


def binary_reason(body: bytes) -> str | None:
    """Why ``body`` is not text (a magic number, NUL or control bytes), else None.
    UTF-16/UTF-8 BOMs and gzip (a compressed sitemap) count as text."""
    head = body[:BINARY_SAMPLE]
    if not head or head.startswith(_BOMS) or head.startswith(_GZIP):
        return None
    for magic in _MAGIC:
        if head.startswith(magic):
            return f"starts with {magic[:8]!r}"
    controls = len(_CONTROL.findall(head))
    if controls > BINARY_SHARE * len(head):
        return f"{controls} control bytes in the first {len(head)}"
    return None


def _media_type(value: bytes | str | None) -> str:
    if not value:
        return ""
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    return text.split(";", 1)[0].strip().lower()


def type_accepted(media_type: str, accepted: Iterable[str]) -> bool:
    """``media_type`` (no parameters) matches one of ``accepted`` (``type/sub``,
    ``type/*`` or ``type/*+suffix``); an absent type is accepted."""
    if not media_type:
        return True
    main, _, sub = media_type.partition("/")
    for pattern in accepted:
        p_main, _, p_sub = pattern.lower().partition("/")
        if p_main not in (main, "*"):
            continue
        if p_sub in (sub, "*") or (p_sub.startswith("*+") and sub.endswith(p_sub[1:])):
            return True
    return False


#: Bytes of a page that MetaRefreshMiddleware reads: Scrapy's own reads the first 4,096
#: characters of the decoded text (``get_meta_refresh``), at most 16 KiB of UTF-8.
META_REFRESH_HEAD_BYTES = 16 * 1024


class MetaRefreshMiddleware(ScrapyMetaRefreshMiddleware):
    """Scrapy's meta-refresh redirects, found in the head of the page alone.

    Scrapy's middleware decodes the whole page (``response.text``, with its own
    encoding detection: charset-normalizer on every page that does not declare one)
    to read its first 4,096 characters. That is a second decode of every page, on
    top of the spider's own (``decode_html``); here only the first
    ``META_REFRESH_HEAD_BYTES`` are decoded, which hold those characters, and only
    when they hold the word: in an ASCII-compatible encoding (no NUL byte: not
    UTF-16/32) ``http-equiv="refresh"`` is ASCII bytes, so a head without
    ``refresh`` in any case has no meta refresh and is not decoded at all. Over the
    1,000 pages of ``bench/crawl.py --sizes 1000`` the middleware's CPU went from
    0.64 to 0.07 ms per page (most of it was charset-normalizer on the pages that
    declare no charset)."""

    # Without Scrapy's deprecated spider argument, which Scrapy then does not pass.
    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if isinstance(response, HtmlResponse):
            start = response.body[:META_REFRESH_HEAD_BYTES]
            if b"\x00" not in start and b"refresh" not in start.lower():
                return response
        if not isinstance(response, HtmlResponse) or len(response.body) <= META_REFRESH_HEAD_BYTES:
            return super().process_response(request, response)
        head = response.replace(body=response.body[:META_REFRESH_HEAD_BYTES])
        result = super().process_response(request, head)
        return response if result is head else result


class ResponseGuardMiddleware:
    """Refuse what is not a page before the spider sees it.

    - ``skipped/content_type``: a Content-Type outside ``NEWSCRAWL_ACCEPT_CONTENT_TYPES``
      (PDF, images, video ...). Decided on the headers (``headers_received``): the body
      is never downloaded. Checked again on the response for handlers that do not
      send that signal.
    - ``dropped/empty_body``: a 2xx response with no body.
    - ``dropped/binary_body``: a body that is a file (PDF, image, archive) or random
      bytes, whatever its Content-Type says (see ``binary_reason``).
    - ``skipped/scheme``: a redirect to a non-http(s) URL (Scrapy's RedirectMiddleware
      leaves it unfollowed).

    robots.txt requests are left alone (Scrapy's robots.txt middleware judges them).
    Sits inside RetryMiddleware (540 < 550), so it sees the final response.
    """

    def __init__(self, crawler: Any, accepted: list[str]) -> None:
        self.crawler = crawler
        self.accepted = accepted

    @classmethod
    def from_crawler(cls, crawler: Any) -> ResponseGuardMiddleware:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_RESPONSE_GUARD_ENABLED"):
            raise NotConfigured("NEWSCRAWL_RESPONSE_GUARD_ENABLED is off")
        o = cls(crawler, settings.getlist("NEWSCRAWL_ACCEPT_CONTENT_TYPES"))
        crawler.signals.connect(o.headers_received, signal=signals.headers_received)
        return o

    def _judged(self, request: Request) -> bool:
        return not request.meta.get("dont_obey_robotstxt") and not request.meta.get(REPORTED)

    def headers_received(self, headers: Any, body_length: int, request: Request, spider: Any) -> None:
        # The signal carries no status: a redirect (it has a Location) is not judged.
        if not self._judged(request) or b"Location" in headers:
            return
        media_type = _media_type(headers.get(b"Content-Type"))
        if not type_accepted(media_type, self.accepted):
            size = f", {body_length} bytes not downloaded" if body_length and body_length > 0 else ""
            report(self.crawler, SKIPPED, "content_type", request.url, f"{media_type}{size}", level=logging.INFO)
            request.meta[REPORTED] = True
            raise StopDownload(fail=True)

    def process_response(self, request: Request, response: Response) -> Response:
        if not self._judged(request):
            return response
        status = response.status
        if 300 <= status < 400 and b"Location" in response.headers:
            location = (response.headers.get(b"Location") or b"").decode("latin-1")
            scheme = location.split(":", 1)[0].lower() if ":" in location.split("/", 1)[0] else ""
            if scheme and scheme not in ("http", "https"):
                raise refuse(self.crawler, request, SKIPPED, "scheme",
                             f"redirect to {location[:200]!r} not followed", level=logging.INFO)
            return response
        if not 200 <= status < 300:
            return response
        media_type = _media_type(response.headers.get(b"Content-Type"))
        if not type_accepted(media_type, self.accepted):
            raise refuse(self.crawler, request, SKIPPED, "content_type", media_type, level=logging.INFO)
        if not response.body:
            raise refuse(self.crawler, request, DROPPED, "empty_body", f"HTTP {status} with no body")
        why = binary_reason(response.body)
        if why is not None:
            raise refuse(self.crawler, request, DROPPED, "binary_body", f"{media_type or 'no type'}, {why}")
        return response
