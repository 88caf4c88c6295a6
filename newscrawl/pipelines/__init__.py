"""Thin Scrapy adapters over extract/clean/dedup/archive, one concern each."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newscrawl.signals import count_reported

logger = logging.getLogger(__name__)


def drop(crawler: Any, reason: str, url: str, detail: str) -> DropItem:
    """Count a dropped item under ``newscrawl/dropped/<reason>`` and build the DropItem
    whose message Scrapy logs (with the URL and the reason)."""
    count_reported(crawler, "dropped", reason, url, "item")
    return DropItem(f"dropped {url}: {reason}: {detail}")


def as_record(item: Any) -> dict[str, Any]:
    """The item as a plain dict: the item itself when it is one (what the extract
    pipeline makes), read in place, not copied field by field; else ItemAdapter's copy."""
    if isinstance(item, dict):
        return item
    return ItemAdapter(item).asdict()
