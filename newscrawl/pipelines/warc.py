"""Write each article page's exchange into the crawl's WARC file, with a metadata record
saying how it was found (what ``scrapy reextract`` needs), and name the record on the
page (``warc_file``, ``warc_record_id``), which the extract pipeline copies into the record.

It runs first (before extraction): a page extraction then drops (no article text,
undecodable) is kept too, so a later, better extractor can be run over it; and the raw
bytes leave the item here, before extraction (which may ship items to worker processes)."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import NotConfigured

from newscrawl.pages import FetchedPage
from newscrawl.runinfo import crawl_id_of
from newscrawl.warc.capture import WarcCapture


def page_info(item: FetchedPage, crawl_id: str) -> dict[str, Any]:
    """What the metadata record keeps of a page: the spider's view of it."""
    return {
        "crawl_id": crawl_id, "url": item.url, "discovered_via": item.discovered_via,
        "fetched_at": item.fetched_at, "http_status": item.http_status,
        "content_type": item.content_type, "encoding": item.encoding,
        "hint_title": item.hint_title, "hint_published": item.hint_published,
        "timezone": item.timezone, "drop_xpath": list(item.drop_xpath),
    }


class WarcPipeline:
    def __init__(self, crawler: Any, capture: WarcCapture) -> None:
        self.crawler = crawler
        self.capture = capture
        self.crawl_id = crawl_id_of(crawler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcPipeline:
        capture = crawler.get_extension(WarcCapture)
        if capture is None:
            raise NotConfigured("WARC capture is off")
        return cls(crawler, capture)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, FetchedPage) and item.warc is not None:
            item.warc_file, item.warc_record_id = self.capture.write_page(item.warc, page_info(item, self.crawl_id))
            item.warc = None
        return item

    def close_spider(self) -> None:
        # Before the archive pipeline's final manifest (spider_closed): it lists the files.
        self.capture.close()
