"""FetchedPage -> record: run the extractor and add the crawl's fields."""

from __future__ import annotations

import logging
from typing import Any

from newscrawl.extract import extract_article
from newscrawl.extract.dates import parse_date, zone_for
from newscrawl.extract.encoding import decode_as
from newscrawl.items import RECORD_FIELDS
from newscrawl.pages import FetchedPage
from newscrawl.pipelines import drop
from newscrawl.runinfo import crawl_id_of

logger = logging.getLogger(__name__)


def unusable(record: dict[str, Any], max_replacement_share: float) -> tuple[str, str] | None:
    """``(reason, detail)`` when an extracted record is not worth keeping, else None:
    ``no_body`` (no article text) or ``undecodable`` (more than ``max_replacement_share``
    of the body is U+FFFD). The crawl drops such pages; ``scrapy extract`` refuses them."""
    body = record["body"]
    if not body:
        return "no_body", "no article text found"
    replaced = body.count("\ufffd")
    if replaced and replaced > max_replacement_share * len(body):
        return "undecodable", f"{replaced} of {len(body)} body characters are U+FFFD"
    return None


class ExtractPipeline:
    """Decodes the page with the encoding the spider chose (``FetchedPage.encoding``)
    and extracts the record from that text.

    Drops (``newscrawl/dropped/<reason>``): ``extract_error`` (the extractor raised),
    ``no_body`` (no article text), ``undecodable`` (more than
    ``NEWSCRAWL_MAX_REPLACEMENT_SHARE`` of the body is U+FFFD: bytes no encoding read)."""

    def __init__(self, crawler: Any, crawl_id: str, max_replacement_share: float = 0.01) -> None:
        self.crawler = crawler
        self.crawl_id = crawl_id
        self.max_replacement_share = max_replacement_share

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        return cls(crawler, crawl_id_of(crawler),
                   crawler.settings.getfloat("NEWSCRAWL_MAX_REPLACEMENT_SHARE", 0.01))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        try:
            # The spider judged the page on its decoding with item.encoding: read that text.
            html = decode_as(item.body, item.encoding) if item.encoding else item.body
            record = extract_article(html, item.url, content_type=item.content_type,
                                     timezone=item.timezone, drop_xpath=item.drop_xpath)
        except Exception as exc:  # noqa: BLE001 - one bad page never stops the crawl
            logger.exception("extraction failed on %s", item.url)
            raise drop(self.crawler, "extract_error", item.url, repr(exc)) from exc
        problem = unusable(record, self.max_replacement_share)
        if problem:
            reason, detail = problem
            raise drop(self.crawler, reason, item.url, detail)
        # A Google News sitemap or a feed may know what the page does not say.
        if not record["title"] and item.hint_title:
            record["title"] = item.hint_title.strip()
        if not record["published_at"] and item.hint_published:
            zone = zone_for(record["site"], record["language"], item.timezone)
            record["published_at"] = parse_date(item.hint_published, zone)
        record.update(
            duplicate_of=None,
            discovered_via=item.discovered_via,
            fetched_at=item.fetched_at,
            http_status=item.http_status,
            crawl_id=self.crawl_id,
            warc_file=item.warc_file,
            warc_record_id=item.warc_record_id,
        )
        return {name: record[name] for name in RECORD_FIELDS}


