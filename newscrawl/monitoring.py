"""The Scrapy side of the monitors: per-site figures from the crawl's signals, the
checks of ``newscrawl.monitors`` run once when the spider closes, one ERROR line per
failure, and the counts the exit status reads (``newscrawl/monitors/failures``)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scrapy import signals

from newscrawl.archive.layout import RUNS
from newscrawl.archive.manifest import RUNNING
from newscrawl.monitors import FAILURES_STAT, SITES_STAT, MonitorConfig, check
from newscrawl.pipelines import as_record
from newscrawl.runinfo import archive_dir_of, crawl_id_of
from newscrawl.signals import reported
from newscrawl.sitestats import COVERAGE_FIELDS, SiteFigures
from newscrawl.urls import site_of

logger = logging.getLogger(__name__)


#: MonitorConfig field -> (setting, type) of the numeric thresholds.
_NUMBERS = {
    "max_coverage_drop": ("NEWSCRAWL_MONITOR_MAX_COVERAGE_DROP", float),
    "coverage_alpha": ("NEWSCRAWL_MONITOR_COVERAGE_ALPHA", float),
    "min_item_share": ("NEWSCRAWL_MONITOR_MIN_ITEM_SHARE", float),
    "max_blocked_share": ("NEWSCRAWL_MONITOR_MAX_BLOCKED_SHARE", float),
    "max_error_share": ("NEWSCRAWL_MONITOR_MAX_ERROR_SHARE", float),
    "baseline_runs": ("NEWSCRAWL_MONITOR_BASELINE_RUNS", int),
    "min_sample": ("NEWSCRAWL_MONITOR_MIN_SAMPLE", int),
}


def config_from(settings: Any) -> MonitorConfig:
    """The thresholds of ``settings``; ValueError naming the setting when one is wrong."""
    name = "NEWSCRAWL_MONITOR_MIN_COVERAGE"
    try:
        floors = {str(k): float(v) for k, v in settings.getdict(name).items()}
    except (ValueError, TypeError):
        raise ValueError(f"{name}={settings.get(name)!r}: expected {{field: share}}") from None
    unknown = sorted(set(floors) - set(COVERAGE_FIELDS))
    if unknown:  # a typo would silently switch a floor off
        raise ValueError(f"{name}: unknown field(s) {', '.join(unknown)}; known: {', '.join(COVERAGE_FIELDS)}")
    numbers: dict[str, Any] = {}
    for key, (setting, kind) in _NUMBERS.items():
        try:
            numbers[key] = kind(settings.get(setting))
        except (ValueError, TypeError):
            raise ValueError(f"{setting}={settings.get(setting)!r}: expected a number") from None
    return MonitorConfig(min_coverage=floors, **numbers)


def settings_problem(settings: Any) -> str | None:
    """What is wrong with the ``NEWSCRAWL_MONITOR_*`` settings, in one line, or None."""
    try:
        config_from(settings)
    except (ValueError, TypeError) as exc:
        return str(exc)
    return None


def previous_manifests(root: Path, crawl_id: str) -> Iterator[dict[str, Any]]:
    """The archive's finished run manifests but ``crawl_id``'s, newest written first,
    read one at a time (the caller stops once it has its baseline)."""
    runs = Path(root) / RUNS
    try:
        paths = [p for p in runs.glob("*.json") if not p.name.startswith(".") and p.stem != crawl_id]
        paths.sort(key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
    except OSError:
        return
    for path in paths:
        try:
            manifest = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue  # a damaged manifest is archive verify's to report, not the monitors'
        if isinstance(manifest, dict) and manifest.get("finish_reason") != RUNNING:
            yield manifest


def _url(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("url") or "")
    return str(getattr(item, "url", "") or "")


class SiteMonitor:
    """Collects ``SiteFigures`` during the crawl; ``finish(reason)`` runs the monitors
    (once) and returns ``(sites, monitors)`` for the manifest. With
    ``NEWSCRAWL_MONITOR_ENABLED`` off the figures are still kept; ``monitors`` is None."""

    def __init__(self, crawler: Any, root: Path, crawl_id: str, config: MonitorConfig | None) -> None:
        self.crawler = crawler
        self.root = root
        self.crawl_id = crawl_id
        self.config = config
        self.figures = SiteFigures()
        self._result: tuple[dict[str, Any], dict[str, Any] | None] | None = None
        connect = crawler.signals.connect
        connect(self.response_downloaded, signal=signals.response_downloaded)
        connect(self.response_received, signal=signals.response_received)
        connect(self.item_scraped, signal=signals.item_scraped)
        connect(self.item_left, signal=signals.item_dropped)
        connect(self.item_error, signal=signals.item_error)
        connect(self.spider_error, signal=signals.spider_error)
        connect(self.reported, signal=reported)
        connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> SiteMonitor:
        settings = crawler.settings
        config = config_from(settings) if settings.getbool("NEWSCRAWL_MONITOR_ENABLED") else None
        return cls(crawler, archive_dir_of(settings), crawl_id_of(crawler), config)

    # Signal handlers take only the arguments they read (pydispatch passes those).
    def response_downloaded(self, response: Any) -> None:
        self.figures.response_downloaded(site_of(response.url), response.status)

    def response_received(self, response: Any) -> None:
        self.figures.response_received(site_of(response.url))

    def item_scraped(self, item: Any) -> None:
        record = as_record(item)
        self.figures.article_page_done(str(record.get("site") or site_of(_url(record))))
        self.figures.archived(record)

    def item_left(self, item: Any) -> None:
        self.figures.article_page_done(site_of(_url(item)))

    def item_error(self, item: Any) -> None:
        site = site_of(_url(item))
        self.figures.article_page_done(site)
        self.figures.spider_error(site)

    def spider_error(self, response: Any) -> None:
        self.figures.spider_error(site_of(response.url))

    def reported(self, kind: str, reason: str, url: str, stage: str) -> None:
        self.figures.reported(site_of(url), kind, reason, stage)

    def spider_closed(self, reason: str) -> None:
        self.finish(reason)

    def sites(self) -> dict[str, Any]:
        """The figures so far (a running manifest's ``sites``)."""
        return self._result[0] if self._result is not None else self.figures.manifest()

    def finish(self, reason: str | None) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """Run the monitors once: ERROR lines, stats, the manifest's two blocks."""
        if self._result is not None:
            return self._result
        sites = self.figures.manifest()
        result = None
        if self.config is not None:
            shared = bool(self.crawler.settings.get("NEWSCRAWL_REDIS_CRAWL"))
            try:
                result = check(sites, previous_manifests(self.root, self.crawl_id), self.config, reason,
                               shared=shared)
            except Exception:  # noqa: BLE001 - a bug here must not cost the run its manifest
                logger.exception("the monitors could not run")
                self._result = (sites, None)
                return self._result
            for failure in result["failures"]:
                logger.error("monitor failed: %s", failure["message"])
            stats = self.crawler.stats
            stats.set_value(FAILURES_STAT, len(result["failures"]))
            stats.set_value(SITES_STAT, result["sites_checked"])
        self._result = (sites, result)
        return self._result
