"""What the spider hands to the item pipelines: one fetched article page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Request/response meta key under which ``newscrawl.warc.middleware.WarcCaptureMiddleware``
#: keeps the exchange as received (a ``newscrawl.warc.records.Exchange``).
WARC_META = "newscrawl_warc"


@dataclass(kw_only=True)
class FetchedPage:
    """A fetched page the spider judged to be an article; the pipelines turn it into
    a record. Holds bytes and text, never a Response (JOBDIR and exporters must pickle
    it); the parsed ``tree`` is the one thing not pickled."""

    url: str
    """Final URL, after redirects."""
    body: bytes = field(repr=False)
    """Raw response body, as received."""
    content_type: str | None = None
    """The HTTP Content-Type header."""
    encoding: str | None = None
    """The codec the spider decoded ``body`` with to judge the page (a Python codec
    name chosen by ``newscrawl.extract.encoding.decode_html``: ``utf-8``, ``gb18030``,
    ``big5hkscs``, ``cp1252`` ...); the extract pipeline decodes with exactly this one
    (``decode_as``) when ``text`` is not given. None: not decoded yet, the extractor
    chooses from the bytes."""
    text: str | None = field(default=None, repr=False)
    """``body`` decoded with ``encoding``: the text the spider judged, which the
    extractor reads (the page is decoded once)."""
    http_status: int = 200
    discovered_via: str = "link"
    """seed, sitemap, feed or link."""
    fetched_at: str = ""
    """ISO 8601 UTC."""
    hint_title: str | None = None
    """Title given by a Google News sitemap or a feed."""
    hint_published: str | None = None
    """Publication date given by a Google News sitemap or a feed."""
    timezone: str | None = None
    """The site profile's zone for zoneless dates."""
    drop_xpath: tuple[str, ...] = ()
    """The site profile's XPaths of elements that are never article text."""
    warc: Any = None
    """The exchange as received (``newscrawl.warc.records.Exchange``) when WARC capture
    is on; the WARC pipeline writes it and clears this field."""
    warc_file: str | None = None
    """Where the page's response record is (relative to the archive root), once written."""
    warc_record_id: str | None = None
    """``WARC-Record-ID`` of the page's response record, once written."""
    tree: Any = field(default=None, repr=False, compare=False)
    """The spider's parse of ``text`` (``newscrawl.extract.dom.parse_html``), which an
    inline extractor reads instead of parsing again and may change. Process-local:
    never pickled, and dropped before the page is sent to a worker."""

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["tree"] = None
        return state
