"""The identity of one crawl run, shared by the components of a crawler."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: Finish reasons of a crawl that ran to its planned end.
COMPLETE_REASONS = frozenset({
    "finished", "max_items", "closespider_itemcount", "closespider_pagecount", "closespider_timeout",
})
#: Finish reasons of a crawl stopped before its end (SIGINT/SIGTERM): resumable with JOBDIR.
INTERRUPTED_REASONS = frozenset({"shutdown"})

# No leading dot (hidden files, "..") and no path separators: the id names files.
_VALID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")


def new_crawl_id(now: datetime | None = None) -> str:
    """``20261129T052503Z-3f9a1c``: sortable by start time, unique across machines."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def crawl_id_of(crawler: Any) -> str:
    """The crawl id of ``crawler``: ``NEWSCRAWL_CRAWL_ID`` if set, else made once and
    kept on the crawler so every component writes the same one."""
    existing = getattr(crawler, "_newscrawl_crawl_id", None)
    if existing:
        return existing
    wanted = crawler.settings.get("NEWSCRAWL_CRAWL_ID")
    if wanted and not _VALID.match(str(wanted)):
        raise ValueError(f"NEWSCRAWL_CRAWL_ID must match {_VALID.pattern}, got {wanted!r}")
    crawl_id = str(wanted) if wanted else new_crawl_id()
    crawler._newscrawl_crawl_id = crawl_id
    return crawl_id


def archive_dir_of(settings: Any) -> Path:
    """The archive root of a run: ``NEWSCRAWL_ARCHIVE_DIR``, ``output`` when unset or empty."""
    return Path((settings.get("NEWSCRAWL_ARCHIVE_DIR") if settings else None) or "output")
