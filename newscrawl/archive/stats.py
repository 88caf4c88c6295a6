"""What an archive holds: records per date and per site, duplicates, field coverage."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscrawl.archive.compression import iter_lines
from newscrawl.archive.layout import part_files
from newscrawl.warc.layout import warc_files

#: Fields whose coverage is reported: the share of records where they are not null,
#: not empty and not an empty list.
COVERAGE_FIELDS = (
    "published_at", "modified_at", "authors", "byline", "source", "editor", "copyright",
    "related", "images", "kicker", "subtitle", "description", "site_name", "language",
    "section", "tags", "duplicate_of",
)


@dataclass
class ArchiveStats:
    files: int = 0
    records: int = 0
    by_date: Counter[str] = field(default_factory=Counter)
    files_by_date: Counter[str] = field(default_factory=Counter)
    duplicates_by_date: Counter[str] = field(default_factory=Counter)
    by_site: Counter[str] = field(default_factory=Counter)
    duplicates_by_site: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    discovered_via: Counter[str] = field(default_factory=Counter)
    coverage: Counter[str] = field(default_factory=Counter)
    crawls: set[str] = field(default_factory=set)
    unique_ids: int = 0
    warc_files: int = 0
    warc_bytes: int = 0
    captured: int = 0
    """Records whose page is in a WARC (``warc_record_id`` set)."""

    @property
    def duplicates(self) -> int:
        return sum(self.duplicates_by_date.values())


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def archive_stats(root: str | Path, since: str | None = None) -> ArchiveStats:
    """One streaming pass over the finished part files (ids kept as 20-byte digests)."""
    stats = ArchiveStats()
    ids: set[bytes] = set()
    for part in part_files(Path(root), since):
        stats.files += 1
        stats.files_by_date[part.date] += 1
        stats.crawls.add(part.crawl_id)
        for line in iter_lines(part.path):
            record = json.loads(line)
            stats.records += 1
            stats.by_date[part.date] += 1
            site = str(record.get("site") or "?")
            stats.by_site[site] += 1
            if record.get("duplicate_of"):
                stats.duplicates_by_date[part.date] += 1
                stats.duplicates_by_site[site] += 1
            if record.get("warc_record_id"):
                stats.captured += 1
            stats.languages[str(record.get("language") or "-")] += 1
            stats.discovered_via[str(record.get("discovered_via") or "-")] += 1
            for name in COVERAGE_FIELDS:
                if _present(record.get(name)):
                    stats.coverage[name] += 1
            try:
                ids.add(bytes.fromhex(str(record.get("id"))))
            except ValueError:
                pass
    stats.unique_ids = len(ids)
    for warc in warc_files(Path(root), since):
        stats.warc_files += 1
        stats.warc_bytes += warc.path.stat().st_size
    return stats


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    cells = [headers] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    out = []
    for n, row in enumerate(cells):
        out.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                             for i, (c, w) in enumerate(zip(row, widths, strict=True))).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def _share(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "-"


def format_stats(stats: ArchiveStats, root: str | Path) -> str:
    total = stats.records
    lines = [
        f"archive {root}: {total} records in {stats.files} part files "
        f"from {len(stats.crawls)} crawls; "
        f"{stats.unique_ids} distinct ids ({total - stats.unique_ids} re-fetched versions); "
        f"{stats.duplicates} duplicates (duplicate_of set)",
        f"pages kept: {stats.warc_files} WARC files, {stats.warc_bytes / 1e6:.1f} MB; "
        f"{stats.captured} of {total} records ({_share(stats.captured, total)}) point at their WARC record",
        "",
        "records per date (UTC fetch date)",
    ]
    lines += _table(
        ["date", "records", "files", "duplicates"],
        [[d, stats.by_date[d], stats.files_by_date[d], stats.duplicates_by_date[d]]
         for d in sorted(stats.files_by_date)]
        + [["total", total, stats.files, stats.duplicates]],
    )
    lines += ["", "records per site"]
    lines += _table(
        ["site", "records", "share", "duplicates"],
        [[s, n, _share(n, total), stats.duplicates_by_site[s]]
         for s, n in sorted(stats.by_site.items(), key=lambda kv: (-kv[1], kv[0]))],
    )
    lines += ["", "field coverage (not null, not empty)"]
    lines += _table(
        ["field", "records", "share"],
        [[f, stats.coverage[f], _share(stats.coverage[f], total)] for f in COVERAGE_FIELDS],
    )
    lines += ["", "languages"]
    lines += _table(["language", "records", "share"],
                    [[k, n, _share(n, total)] for k, n in stats.languages.most_common()])
    lines += ["", "discovered via"]
    lines += _table(["via", "records", "share"],
                    [[k, n, _share(n, total)] for k, n in stats.discovered_via.most_common()])
    return "\n".join(lines)
