"""Validate every record against the shipped JSON Schema before it is written."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import NotConfigured

from newscrawl.pipelines import as_record, drop
from newscrawl.schema import record_errors

logger = logging.getLogger(__name__)


class ValidatePipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidatePipeline:
        if not crawler.settings.getbool("NEWSCRAWL_VALIDATE_ENABLED"):
            raise NotConfigured("NEWSCRAWL_VALIDATE_ENABLED is off")
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        record = as_record(item)
        errors = record_errors(record)
        if errors:
            raise drop(self.crawler, "invalid", str(record.get("url")), "; ".join(errors[:5]))
        return item
