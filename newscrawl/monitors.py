"""Monitors of a finished run: each site's figures (``newscrawl.sitestats``) against
absolute floors and against the same site in the previous runs' manifests.

No Scrapy here: ``check(sites, previous, config, finish_reason)`` takes plain dicts
(the ``sites`` blocks of this run and of earlier manifests, newest first) and returns
the manifest's ``monitors`` block. The Scrapy glue is ``newscrawl.monitoring``.
"""

from __future__ import annotations

import logging
import math
import statistics
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from newscrawl.sitestats import BLOCKED_STATUSES, COVERAGE_FIELDS, NO_BODY

logger = logging.getLogger(__name__)

#: The stat of the ERROR lines the monitors logged: the exit status (4, not 1) reads it.
FAILURES_STAT = "newscrawl/monitors/failures"
SITES_STAT = "newscrawl/monitors/sites_checked"

COVERAGE = "coverage"
ITEM_COUNT = "item_count"
HTTP_BLOCKED = "http_blocked"
ERRORS = "errors"
#: The finish reason of a run that ran its whole course: only such runs are
#: compared on item count (max_items, closespider_* and interrupted runs stop early).
FULL_RUN = "finished"


@dataclass(frozen=True)
class MonitorConfig:
    """Thresholds; the defaults and what they were calibrated on are in settings.py."""

    min_coverage: dict[str, float] = field(default_factory=dict)
    max_coverage_drop: float = 0.3
    coverage_alpha: float = 0.01
    min_item_share: float = 0.5
    max_blocked_share: float = 0.5
    max_error_share: float = 0.5
    baseline_runs: int = 5
    min_sample: int = 5


@dataclass
class Failure:
    site: str
    monitor: str
    field: str | None
    value: float
    threshold: float
    baseline: float | None
    message: str


@dataclass
class Baseline:
    """One site in its last runs: pooled coverage counts and articles found per full run."""

    runs: int = 0
    filled: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    items: list[int] = field(default_factory=list)

    def rate(self, name: str, min_sample: int) -> float | None:
        total = self.total.get(name, 0)
        return self.filled.get(name, 0) / total if total >= min_sample else None

    def item_count(self) -> float | None:
        return float(statistics.median(self.items)) if self.items else None


def articles_found(entry: dict[str, Any]) -> int:
    """Article pages fetched plus article pages skipped as already archived: what a
    site offers this run, whether or not it is new (hourly runs archive only news)."""
    return int(entry.get("article_pages", 0)) + int((entry.get("skipped") or {}).get("seen", 0))


def coverage_counts(entry: dict[str, Any], name: str) -> tuple[int, int] | None:
    """``(records with the field, records)`` of one site entry, or None when uncounted."""
    share = (entry.get("coverage") or {}).get(name)
    if share is None:
        return None
    total = int(entry.get("archived", 0))
    if name == "body":
        total += int((entry.get("dropped") or {}).get(NO_BODY, 0))
    return round(share * total), total


def baselines(previous: Iterable[dict[str, Any]], sites: Iterable[str], runs: int) -> dict[str, Baseline]:
    """The last ``runs`` runs (newest first) that had each site; stops reading once
    every site has its runs."""
    wanted = {site: Baseline() for site in sites}
    missing = set(wanted)
    for manifest in previous:
        if not missing:
            break
        blocks = manifest.get("sites") or {}
        for site in list(missing):
            entry = blocks.get(site) if isinstance(blocks, dict) else None
            if not entry:
                continue
            try:
                counted = Baseline()
                _add(counted, entry, manifest.get("finish_reason"), bool(manifest.get("shared_crawl_id")))
            except (TypeError, ValueError, AttributeError) as exc:
                logger.warning("monitors: run %s left out of %s's baseline: its sites entry is unreadable (%r)",
                               manifest.get("crawl_id"), site, exc)
                continue
            _merge(wanted[site], counted)
            if wanted[site].runs >= runs:
                missing.discard(site)
    return wanted


def _merge(base: Baseline, run: Baseline) -> None:
    base.runs += run.runs
    for name, n in run.total.items():
        base.total[name] = base.total.get(name, 0) + n
        base.filled[name] = base.filled.get(name, 0) + run.filled.get(name, 0)
    base.items += run.items


def _add(base: Baseline, entry: dict[str, Any], reason: Any, shared: bool) -> None:
    base.runs += 1
    for name in COVERAGE_FIELDS:
        counts = coverage_counts(entry, name)
        if counts is not None:
            base.filled[name] = base.filled.get(name, 0) + counts[0]
            base.total[name] = base.total.get(name, 0) + counts[1]
    if reason == FULL_RUN and not shared:  # a worker of a shared crawl found its share only
        base.items.append(articles_found(entry))


def binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p): how likely so few records have the field if
    the site still fills it as often as before."""
    if p <= 0.0 or k >= n:
        return 1.0
    if p >= 1.0:
        return 0.0
    logs = [math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
            + i * math.log(p) + (n - i) * math.log1p(-p) for i in range(k + 1)]
    top = max(logs)
    return min(1.0, math.exp(top) * sum(math.exp(v - top) for v in logs))


def check(sites: dict[str, dict[str, Any]], previous: Iterable[dict[str, Any]],
          config: MonitorConfig, finish_reason: str | None, *, shared: bool = False) -> dict[str, Any]:
    """The manifest's ``monitors`` block for this run's ``sites``. ``shared``: this run is
    one worker of a shared crawl (NEWSCRAWL_REDIS_URL), whose item count is its share only."""
    base = baselines(previous, sites, config.baseline_runs)
    failures: list[Failure] = []
    for site, entry in sorted(sites.items()):
        failures += check_coverage(site, entry, base[site], config)
        if not shared:
            failures += check_items(site, entry, base[site], config, finish_reason)
        failures += check_blocked(site, entry, config)
        failures += check_errors(site, entry, config)
    return {"passed": not failures, "sites_checked": len(sites), "failures": [asdict(f) for f in failures]}


def _previous(value: float | None) -> str:
    return f"previous runs {value:.2f}" if value is not None else "no previous runs"


def check_coverage(site: str, entry: dict[str, Any], base: Baseline, config: MonitorConfig) -> list[Failure]:
    """Per field: below its absolute floor, else fallen by more than the allowed drop
    below the previous runs' share, and unlikely (binomial) to be chance. One failure
    per field at most; fields of fewer than ``min_sample`` records are not judged."""
    out = []
    for name in COVERAGE_FIELDS:
        counts = coverage_counts(entry, name)
        if counts is None or counts[1] < config.min_sample:
            continue
        filled, total = counts
        value, before = filled / total, base.rate(name, config.min_sample)
        floor = config.min_coverage.get(name)
        if floor is not None and value < floor:
            out.append(Failure(site, COVERAGE, name, value, floor, before,
                               f"site {site} {name} coverage {value:.2f} < {floor:.2f} ({_previous(before)})"))
        elif (before is not None and before - value > config.max_coverage_drop
              and binomial_cdf(filled, total, before) < config.coverage_alpha):
            threshold = before - config.max_coverage_drop
            out.append(Failure(site, COVERAGE, name, value, threshold, before,
                               f"site {site} {name} coverage {value:.2f} < {threshold:.2f} "
                               f"(previous runs {before:.2f}, {filled} of {total} records)"))
    return out


def check_items(site: str, entry: dict[str, Any], base: Baseline, config: MonitorConfig,
                finish_reason: str | None) -> list[Failure]:
    """Articles found (fetched or already archived) below a share of the previous full
    runs' median; only a full run is judged, against a median of at least ``min_sample``."""
    before = base.item_count()
    if finish_reason != FULL_RUN or before is None or before < config.min_sample:
        return []
    value, threshold = articles_found(entry), config.min_item_share * before
    if value >= threshold:
        return []
    return [Failure(site, ITEM_COUNT, None, float(value), threshold, before,
                    f"site {site} item count {value} < {threshold:g} ({config.min_item_share:.2f} of "
                    f"previous runs' {before:g} articles found)")]


def check_blocked(site: str, entry: dict[str, Any], config: MonitorConfig) -> list[Failure]:
    """Share of the site's responses that were 403 or 429 (retries counted)."""
    statuses = entry.get("http_status") or {}
    total = sum(int(n) for n in statuses.values())
    blocked = sum(int(statuses.get(code, 0)) for code in BLOCKED_STATUSES)
    if total < config.min_sample or blocked / total <= config.max_blocked_share:
        return []
    share = blocked / total
    return [Failure(site, HTTP_BLOCKED, None, share, config.max_blocked_share, None,
                    f"site {site} HTTP 403/429 share {share:.2f} > {config.max_blocked_share:.2f} "
                    f"({blocked} of {total} responses)")]


def check_errors(site: str, entry: dict[str, Any], config: MonitorConfig) -> list[Failure]:
    """Requests of the site that ended in an error (timeouts, resets, HTTP errors but
    403/429, callback exceptions), as a share of responses plus errors."""
    errors = int(entry.get("errors", 0))
    attempts = int(entry.get("fetched", 0)) + errors
    if attempts < config.min_sample or errors / attempts <= config.max_error_share:
        return []
    share = errors / attempts
    return [Failure(site, ERRORS, None, share, config.max_error_share, None,
                    f"site {site} error share {share:.2f} > {config.max_error_share:.2f} "
                    f"({errors} errors, {attempts - errors} responses)")]
