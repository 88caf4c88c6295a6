"""The ``replay`` spider: article pages out of WARC files, no network.

``scrapy reextract SOURCE...`` runs it: its ``start()`` reads the stored responses
(``newscrawl.warc.reader``) and yields a ``FetchedPage`` for each, exactly as the
``news`` spider built it when it fetched the page (same body, encoding, how it was
found, when, sitemap/feed hints, profile), so the same pipelines (extract, dedup,
validate, archive), progress line and summary run over them. It sends no request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import scrapy

from newscrawl.extract.encoding import decode_html
from newscrawl.pages import FetchedPage
from newscrawl.spiders.arguments import split
from newscrawl.warc.layout import WARC
from newscrawl.warc.reader import stored_pages, warc_sources


class ReplaySpider(scrapy.Spider):
    name = "replay"

    def __init__(self, sources: str | list[str] | None = None, since: str | None = None,
                 until: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.since = since or None
        self.until = until or None
        self.sources = warc_sources(split(sources) if isinstance(sources, str) else (sources or []),
                                    self.since, self.until)

    @property
    def reextract_info(self) -> dict[str, Any]:
        """For the run manifest: the WARC files read and the archives they are in
        (``scrapy archive verify`` finds the records' ``warc_file`` there)."""
        roots = {str(p.resolve().parent.parent.parent) for p in self.sources if p.parent.parent.name == WARC}
        return {"sources": [str(p.resolve()) for p in self.sources], "warc_roots": sorted(roots),
                "since": self.since, "until": self.until}

    async def start(self) -> AsyncIterator[FetchedPage]:
        stats = self.crawler.stats
        stats.set_value("newscrawl/replay/warc_files", len(self.sources))
        for page in stored_pages(self.sources, self.since, self.until):
            info = page.info
            # As the news spider decoded it: the extract pipeline reads exactly this text.
            text, encoding = decode_html(page.body, page.content_type)  # as the news spider reads it
            stats.inc_value("newscrawl/replay/pages")
            stats.inc_value("newscrawl/pages/article")
            yield FetchedPage(
                url=page.url, body=page.body, content_type=page.content_type, encoding=encoding, text=text,
                http_status=int(info.get("http_status") or page.http_status),
                discovered_via=str(info.get("discovered_via") or "link"),
                fetched_at=str(info.get("fetched_at") or ""),
                hint_title=info.get("hint_title"), hint_published=info.get("hint_published"),
                timezone=info.get("timezone"), drop_xpath=tuple(info.get("drop_xpath") or ()),
                warc_file=page.warc_file, warc_record_id=page.warc_record_id,
            )
