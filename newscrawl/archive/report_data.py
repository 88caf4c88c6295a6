"""What ``scrapy archive report`` shows, gathered from the run manifests and one
streaming pass over the archive's part files (no Scrapy imports, no rendering)."""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newscrawl.archive.compression import CorruptFile, iter_lines
from newscrawl.archive.layout import RUNS, part_files
from newscrawl.archive.manifest import RUNNING
from newscrawl.runinfo import COMPLETE_REASONS, INTERRUPTED_REASONS

#: The fields whose coverage per site and run the report plots (issue 17's list).
REPORT_FIELDS = ("title", "body", "authors", "published_at", "language", "images", "related", "copyright")

#: Freshness histogram: bins of 10**(1/BINS_PER_DECADE) seconds, from 1 s up. 20 bins per
#: decade make a bin 12% wide, so a median or p90 read from the bins (its bin's
#: geometric middle) is within 6% of the exact value; calibrated as enough for "hours
#: or days late", at 20 counters per decade per site whatever the archive's size.
BINS_PER_DECADE = 20


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None  # a naive time has no known offset


@dataclass
class LogHistogram:
    """Counts of positive durations in log-spaced bins; quantiles read from the bins."""

    bins: Counter[int] = field(default_factory=Counter)
    count: int = 0
    negative: int = 0
    """Values below zero (published after it was fetched: a wrong date or clock)."""

    def add(self, seconds: float) -> None:
        if seconds < 0:
            self.negative += 1
            return
        self.bins[max(0, math.floor(math.log10(max(seconds, 1.0)) * BINS_PER_DECADE))] += 1
        self.count += 1

    @staticmethod
    def middle(index: int) -> float:
        """The geometric middle (seconds) of bin ``index``."""
        return float(10 ** ((index + 0.5) / BINS_PER_DECADE))

    def quantile(self, q: float) -> float | None:
        """The nearest-rank ``q`` quantile (the ``ceil(q * count)``-th value), as its bin's middle."""
        if not self.count:
            return None
        rank = max(1, math.ceil(q * self.count))
        seen = 0
        for index in sorted(self.bins):
            seen += self.bins[index]
            if seen >= rank:
                return self.middle(index)
        return self.middle(max(self.bins))


@dataclass
class RunRow:
    """One run as its manifest tells it (every key the monitors added is optional)."""

    crawl_id: str
    started_at: str | None = None
    finished_at: str | None = None
    finish_reason: str | None = None
    elapsed_seconds: float | None = None
    requests: int = 0
    fetched: int = 0
    archived: int = 0
    duplicates: int = 0
    duplicates_by_kind: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    exit_status: int | None = None
    exit_reason: str = ""
    exit_derived: bool = False
    """True when the manifest had no ``exit_status`` and it was derived from ``finish_reason``."""
    monitors_passed: bool | None = None
    monitor_failures: list[dict[str, Any]] = field(default_factory=list)
    sites: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def pages_per_second(self) -> float | None:
        if not self.elapsed_seconds or self.elapsed_seconds <= 0:
            return None
        return self.fetched / self.elapsed_seconds


@dataclass
class ReportData:
    root: str
    runs: list[RunRow] = field(default_factory=list)
    """Every run, oldest first (by crawl id, which starts with the UTC start time)."""
    records: int = 0
    by_day_site: Counter[tuple[str, str]] = field(default_factory=Counter)
    """Records per (UTC fetch date, site)."""
    records_by_run_site: Counter[tuple[str, str]] = field(default_factory=Counter)
    present_by_run_site: dict[tuple[str, str], Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter))
    duplicates_by_run: Counter[str] = field(default_factory=Counter)
    """Records written with ``duplicate_of`` set, per crawl id."""
    freshness: dict[str, LogHistogram] = field(default_factory=lambda: defaultdict(LogHistogram))
    """Per site: seconds from ``published_at`` to ``fetched_at``."""
    warnings: list[str] = field(default_factory=list)

    @property
    def sites(self) -> list[str]:
        """Every site with records, most records first."""
        totals: Counter[str] = Counter()
        for (_, site), n in self.by_day_site.items():
            totals[site] += n
        return [s for s, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]

    @property
    def days(self) -> list[str]:
        return sorted({day for day, _ in self.by_day_site})

    def record_coverage(self, crawl_id: str, site: str) -> dict[str, float] | None:
        """Share of the run's records of ``site`` with each of REPORT_FIELDS present."""
        total = self.records_by_run_site.get((crawl_id, site), 0)
        if not total:
            return None
        present = self.present_by_run_site[(crawl_id, site)]
        return {name: present[name] / total for name in REPORT_FIELDS}

    def coverage(self, crawl_id: str, site: str) -> dict[str, float] | None:
        """The run's coverage of ``site`` as its manifest's ``sites`` block has it (what its
        monitors judged: bodies dropped as ``no_body`` count as empty there), else, for a
        manifest written before that block, from the records."""
        run = next((r for r in self.runs if r.crawl_id == crawl_id), None)
        block = run.sites.get(site, {}).get("coverage") if run else None
        if isinstance(block, dict) and all(isinstance(block.get(f), (int, float)) for f in REPORT_FIELDS):
            return {f: float(block[f]) for f in REPORT_FIELDS}
        return self.record_coverage(crawl_id, site)

    def last_runs(self, n: int) -> list[RunRow]:
        return self.runs[-n:] if n > 0 else list(self.runs)

    def failed_runs(self, runs: list[RunRow] | None = None) -> list[RunRow]:
        """Runs (of ``runs``, default all) that exited non-zero or failed a monitor."""
        return [r for r in (self.runs if runs is None else runs)
                if r.exit_status not in (0, None) or r.monitor_failures or r.monitors_passed is False]


def int_values(value: Any) -> dict[str, int]:
    """A manifest's ``{name: count}`` object with its whole-number values only."""
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, int) and not isinstance(v, bool)}


def derive_exit(finish_reason: str | None) -> tuple[int | None, str]:
    """A run's exit status from its finish reason alone, as ``scrapy crawl`` classifies
    reasons (newscrawl.runinfo); None while the run is still going."""
    if finish_reason == RUNNING:
        return None, "running (or crashed, not yet recovered)"
    if finish_reason in INTERRUPTED_REASONS:
        return 3, f"interrupted ({finish_reason})"
    if finish_reason in COMPLETE_REASONS:
        return 0, f"finish reason {finish_reason!r}"
    return 1, f"finish reason {finish_reason!r}"


def run_row(manifest: dict[str, Any]) -> RunRow:
    summary: dict[str, Any] = manifest["summary"] if isinstance(manifest.get("summary"), dict) else {}
    row = RunRow(
        crawl_id=str(manifest.get("crawl_id") or "?"),
        started_at=manifest.get("started_at"), finished_at=manifest.get("finished_at"),
        finish_reason=manifest.get("finish_reason"),
        requests=int(summary.get("requests") or 0), fetched=int(summary.get("fetched") or 0),
        archived=int(summary.get("archived") or manifest.get("records") or 0),
        duplicates=int(summary.get("duplicates") or 0),
        duplicates_by_kind=int_values(summary.get("duplicates_by_kind")),
        dropped=int_values(summary.get("dropped")), skipped=int_values(summary.get("skipped")),
    )
    elapsed = summary.get("elapsed_seconds")
    if isinstance(elapsed, (int, float)):
        row.elapsed_seconds = float(elapsed)
    else:
        start, end = _parse_time(row.started_at), _parse_time(row.finished_at)
        if start and end:
            row.elapsed_seconds = (end - start).total_seconds()
    if isinstance(manifest.get("exit_status"), int):
        row.exit_status = manifest["exit_status"]
        row.exit_reason = str(manifest.get("exit_reason") or "")
    else:
        row.exit_status, row.exit_reason = derive_exit(row.finish_reason)
        row.exit_derived = True
    monitors = manifest.get("monitors")
    if isinstance(monitors, dict):
        passed = monitors.get("passed")
        row.monitors_passed = passed if isinstance(passed, bool) else None
        failures = monitors.get("failures")
        row.monitor_failures = [f for f in failures if isinstance(f, dict)] if isinstance(failures, list) else []
    sites = manifest.get("sites")
    if isinstance(sites, dict):
        row.sites = {str(k): v for k, v in sites.items() if isinstance(v, dict)}
    return row


def read_runs(root: Path, warnings: list[str]) -> list[RunRow]:
    """Every manifest under ``runs/`` (as newscrawl.archive.manifest.read_manifests
    reads them), one that does not parse skipped with a warning."""
    runs = []
    for path in sorted((root / RUNS).glob("*.json")) if (root / RUNS).is_dir() else []:
        if path.name.startswith("."):
            continue
        try:
            manifest = json.loads(path.read_text("utf-8"))
            if not isinstance(manifest, dict):
                raise ValueError(f"not a JSON object but {type(manifest).__name__}")
        except (OSError, ValueError) as exc:
            warnings.append(f"{path.relative_to(root)}: skipped, unreadable manifest ({exc})")
            continue
        runs.append(run_row(manifest))
    return sorted(runs, key=lambda r: r.crawl_id)


def _add_record(data: ReportData, record: dict[str, Any], day: str, crawl_id: str) -> None:
    site = str(record.get("site") or "?")
    crawl = str(record.get("crawl_id") or crawl_id)
    data.records += 1
    data.by_day_site[(day, site)] += 1
    data.records_by_run_site[(crawl, site)] += 1
    present = data.present_by_run_site[(crawl, site)]
    for name in REPORT_FIELDS:
        if _present(record.get(name)):
            present[name] += 1
    if record.get("duplicate_of"):
        data.duplicates_by_run[crawl] += 1
    published, fetched = _parse_time(record.get("published_at")), _parse_time(record.get("fetched_at"))
    if published and fetched:
        data.freshness[site].add((fetched - published).total_seconds())


def gather(root: str | Path) -> ReportData:
    """Everything the report shows; records are read streaming and only counted."""
    root = Path(root)
    data = ReportData(root=str(root))
    data.runs = read_runs(root, data.warnings)
    for part in part_files(root):
        lines = 0
        try:
            for line in iter_lines(part.path):
                lines += 1
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError(f"not a JSON object but {type(record).__name__}")
                _add_record(data, record, part.date, part.crawl_id)
        except (CorruptFile, ValueError) as exc:
            where = f"{part.path.relative_to(root)}:{lines if isinstance(exc, ValueError) else lines + 1}"
            data.warnings.append(f"{where}: rest of the file skipped, damaged ({exc}); "
                                 f"see `scrapy archive verify {root}`")
    return data
