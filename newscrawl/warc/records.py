"""An HTTP exchange as received, and the WARC/1.1 records that keep it.

``Exchange`` is what the capture middleware takes from a response before Scrapy
decompresses it: the request line and headers as sent, the status, the headers and
the body as received. ``exchange_records`` turns it into a ``response`` record and a
``request`` record (``WARC-Concurrent-To`` the response); ``page_record`` is the
``metadata`` record that says the page was an article and carries what a
re-extraction needs (crawl id, ``discovered_via``, ``fetched_at``, sitemap/feed hints,
the site profile's zone and XPaths).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import urlsplit

from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders

#: Content-Type of newscrawl's metadata records (one JSON object).
PAGE_METADATA_TYPE = "application/vnd.newscrawl.page+json"
#: Hop-by-hop framing the HTTP client already undid: the body kept is de-chunked, so
#: the header is kept under another name (as wget and warcprox do).
_FRAMING = {"transfer-encoding"}


@dataclass
class Exchange:
    """One request and its response, bytes as sent and received."""

    url: str
    method: str = "GET"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    request_body: bytes = b""
    protocol: str = "HTTP/1.1"
    status: int = 200
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    """The body as received: still gzip/br-encoded when the server encoded it."""
    ip_address: str | None = None
    warc_date: str = ""
    """WARC-Date of the capture (ISO 8601 UTC, microseconds)."""
    written: tuple[str, str] | None = None
    """``(warc_file, response WARC-Record-ID)`` once the pair is in a WARC file."""


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def exchange_records(builder: RecordBuilder, ex: Exchange) -> list[ArcWarcRecord]:
    """``[response, request]`` records of ``ex``; the request is concurrent to the response."""
    warc_headers: dict[str, str] = {"WARC-Date": ex.warc_date} if ex.warc_date else {}
    if ex.ip_address:
        warc_headers["WARC-IP-Address"] = ex.ip_address
    headers = [(f"X-Archive-Orig-{k}" if k.lower() in _FRAMING else k, v) for k, v in ex.response_headers]
    status_line = f"{ex.status} {_reason(ex.status)}".rstrip()
    response = builder.create_warc_record(
        ex.url, "response", payload=BytesIO(ex.body), length=len(ex.body),
        warc_headers_dict=dict(warc_headers),
        http_headers=StatusAndHeaders(status_line, headers, protocol=ex.protocol or "HTTP/1.1"),
    )
    parts = urlsplit(ex.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    req_headers = list(ex.request_headers)
    if not any(k.lower() == "host" for k, _ in req_headers):
        req_headers.insert(0, ("Host", parts.netloc))
    request_warc = {k: v for k, v in warc_headers.items() if k == "WARC-Date"}
    request_warc["WARC-Concurrent-To"] = response.rec_headers.get_header("WARC-Record-ID")
    request = builder.create_warc_record(
        ex.url, "request", payload=BytesIO(ex.request_body), length=len(ex.request_body),
        warc_headers_dict=request_warc,
        http_headers=StatusAndHeaders(f"{ex.method} {target} HTTP/1.1", req_headers, is_http_request=True),
    )
    return [response, request]


def page_record(builder: RecordBuilder, url: str, response_id: str, warc_date: str,
                info: dict[str, Any]) -> ArcWarcRecord:
    """The ``metadata`` record saying the response ``response_id`` was an article page."""
    payload = json.dumps(info, ensure_ascii=False, sort_keys=True).encode("utf-8")
    headers = {"WARC-Refers-To": response_id, "WARC-Concurrent-To": response_id}
    if warc_date:
        headers["WARC-Date"] = warc_date
    return builder.create_warc_record(
        url, "metadata", payload=BytesIO(payload), length=len(payload),
        warc_content_type=PAGE_METADATA_TYPE, warc_headers_dict=headers,
    )


def record_id(record: ArcWarcRecord) -> str:
    return str(record.rec_headers.get_header("WARC-Record-ID"))
