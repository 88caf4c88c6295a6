"""Per-site figures of one run (responses, records, drops, field coverage, freshness),
counted as the crawl goes and written into the run manifest under ``sites``."""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

#: Record fields whose coverage (share of records with the field non-empty) is kept.
COVERAGE_FIELDS = ("title", "body", "authors", "published_at", "language", "images", "related", "copyright")
#: Drop reason of a page whose extraction found no article text: it is not archived,
#: so body coverage counts it as a record with an empty body.
NO_BODY = "no_body"
#: HTTP statuses of a site refusing us (a ban, rate limiting): the http_blocked monitor's.
BLOCKED_STATUSES = ("403", "429")
#: Their request drop reasons: not counted as errors, http_blocked counts them.
_BLOCKED_DROPS = frozenset(f"http_{status}" for status in BLOCKED_STATUSES)


@dataclass
class Site:
    """The running counts of one site."""

    fetched: int = 0
    article_pages: int = 0
    archived: int = 0
    duplicates: int = 0
    errors: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    http_status: Counter[str] = field(default_factory=Counter)
    filled: Counter[str] = field(default_factory=Counter)
    freshness: array[float] = field(default_factory=lambda: array("d"))  # 8 bytes a record


class SiteFigures:
    """Counts per site; every method is O(1) per event (coverage: one pass over 8 fields)."""

    def __init__(self) -> None:
        self.sites: dict[str, Site] = {}

    def _site(self, site: str) -> Site:
        found = self.sites.get(site)
        if found is None:
            found = self.sites[site] = Site()
        return found

    def response_downloaded(self, site: str, status: int) -> None:
        """Every response as downloaded, retried and redirected ones too."""
        self._site(site).http_status[str(status)] += 1

    def response_received(self, site: str) -> None:
        self._site(site).fetched += 1

    def article_page_done(self, site: str) -> None:
        """An article page left the item pipeline: archived, dropped or failed."""
        self._site(site).article_pages += 1

    def reported(self, site: str, kind: str, reason: str, stage: str) -> None:
        """A ``newscrawl/<kind>/<reason>`` count; a request dropped for another reason
        than the site refusing us (403/429: http_blocked) is an error of the site."""
        entry = self._site(site)
        if kind == "dropped":
            entry.dropped[reason] += 1
            if stage == "request" and reason not in _BLOCKED_DROPS:
                entry.errors += 1
        else:
            entry.skipped[reason] += 1

    def spider_error(self, site: str) -> None:
        self._site(site).errors += 1

    def archived(self, record: dict[str, Any]) -> None:
        entry = self._site(str(record.get("site") or ""))
        entry.archived += 1
        if record.get("duplicate_of"):
            entry.duplicates += 1
        for name in COVERAGE_FIELDS:
            if record.get(name):
                entry.filled[name] += 1
        age = freshness_seconds(record.get("fetched_at"), record.get("published_at"))
        if age is not None:
            entry.freshness.append(age)

    def manifest(self) -> dict[str, dict[str, Any]]:
        """The manifest's ``sites`` block (docs/record.md): the sites the crawl asked
        something of; a host that only had links or redirects skipped (off-site) is none."""
        return {name: site_entry(entry) for name, entry in sorted(self.sites.items())
                if entry.http_status or entry.fetched or entry.dropped or entry.article_pages}


def site_entry(entry: Site) -> dict[str, Any]:
    return {
        "fetched": entry.fetched,
        "article_pages": entry.article_pages,
        "archived": entry.archived,
        "duplicates": entry.duplicates,
        "errors": entry.errors,
        "dropped": dict(sorted(entry.dropped.items())),
        "skipped": dict(sorted(entry.skipped.items())),
        "http_status": dict(sorted(entry.http_status.items())),
        "coverage": coverage(entry),
        "freshness_seconds": {"median": percentile(entry.freshness, 0.5), "p90": percentile(entry.freshness, 0.9)},
    }


def coverage(entry: Site) -> dict[str, float | None]:
    """Share of the site's archived records with each field non-empty; ``body`` also
    counts the pages dropped as ``no_body`` (empty bodies). None: no record to count."""
    out: dict[str, float | None] = {}
    for name in COVERAGE_FIELDS:
        total = entry.archived + (entry.dropped.get(NO_BODY, 0) if name == "body" else 0)
        out[name] = round(entry.filled[name] / total, 4) if total else None
    return out


def freshness_seconds(fetched_at: Any, published_at: Any) -> float | None:
    """``fetched_at - published_at`` in seconds; None when either is missing or unreadable.
    A date without a time or offset is taken as UTC."""
    fetched, published = _instant(fetched_at), _instant(published_at)
    if fetched is None or published is None:
        return None
    return (fetched - published).total_seconds()


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest-rank percentile (``share`` 0.5: the median of an odd count), None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    if share == 0.5 and len(ordered) % 2 == 0:
        middle = len(ordered) // 2
        return (ordered[middle - 1] + ordered[middle]) / 2
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]
