"""Keep each response as received, before Scrapy decompresses it.

At priority 950, nearer the downloader than HttpCompressionMiddleware (590), the
response's body is still the bytes the server sent (gzip, br ...). For a 2xx
response the exchange is kept on the request's meta (``newscrawl.pages.WARC_META``),
where the spider finds it when it judges the page an article; with
``NEWSCRAWL_WARC_ALL`` every response (redirects, errors, listings, feeds, sitemaps,
robots.txt) is also written at once. A response whose download was stopped on its
headers (``download_stopped``: a PDF, an image) has no body to keep and is not written.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scrapy.exceptions import NotConfigured
from warcio.timeutils import datetime_to_iso_date

from newscrawl.pages import WARC_META
from newscrawl.warc.capture import WarcCapture
from newscrawl.warc.records import Exchange


def _pairs(headers: Any) -> list[tuple[str, str]]:
    out = []
    for name in headers:
        for value in headers.getlist(name):
            out.append((name.decode("latin-1"), value.decode("latin-1")))
    return out


def exchange_of(request: Any, response: Any) -> Exchange:
    ip = getattr(response, "ip_address", None)
    return Exchange(
        url=response.url, method=request.method, request_headers=_pairs(request.headers),
        request_body=request.body or b"", protocol=getattr(response, "protocol", None) or "HTTP/1.1",
        status=response.status, response_headers=_pairs(response.headers), body=response.body,
        ip_address=str(ip) if ip is not None else None,
        warc_date=datetime_to_iso_date(datetime.now(UTC).replace(tzinfo=None), use_micros=True),
    )


class WarcCaptureMiddleware:
    def __init__(self, capture: WarcCapture) -> None:
        self.capture = capture

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcCaptureMiddleware:
        capture = crawler.get_extension(WarcCapture)
        if capture is None:
            raise NotConfigured("WARC capture is off")
        return cls(capture)

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        if "download_stopped" in (response.flags or []):
            return response
        ok = 200 <= response.status < 300
        if not ok and not self.capture.all_responses:
            return response
        ex = exchange_of(request, response)
        if self.capture.all_responses:
            self.capture.write_exchange(ex)
        if ok:
            request.meta[WARC_META] = ex
        return response
