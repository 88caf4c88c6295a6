"""Names in the archive: date partitions, finished part files, temporary files.

    articles/date=YYYY-MM-DD/part-<crawl_id>-<n>.jsonl.gz   finished (or .jsonl.zst)
    articles/date=YYYY-MM-DD/.part-<crawl_id>-<n>.jsonl.gz.tmp   being written
    articles/date=YYYY-MM-DD/.recovered-<crawl_id>-<n>.jsonl.gz.tmp   being recovered
    runs/<crawl_id>.json   the run's manifest
    runs/<crawl_id>.log    the run's log (newscrawl.runlog)
    runs/.<crawl_id>.json.tmp   a manifest being written
    runs/.<crawl_id>.running   the run marker, locked while the crawl runs
    quarantine/articles/date=.../part-...jsonl.gz(.note.json)   damaged parts, moved by repair

Hidden names (a leading dot) are never read by consumers: no ``*.jsonl.gz`` glob
matches them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ARTICLES = "articles"
RUNS = "runs"
QUARANTINE = "quarantine"  # damaged part files moved out of articles/, each with a note
TMP_SUFFIX = ".tmp"
PARTITION_RE = re.compile(r"^date=(\d{4}-\d{2}-\d{2})$")
PART_RE = re.compile(r"^part-(?P<crawl>[A-Za-z0-9_.-]{1,80})-(?P<n>\d+)\.jsonl\.(?P<ext>gz|zst)$")
TEMP_RE = re.compile(
    r"^\.(?P<kind>part|recovered)-(?P<crawl>[A-Za-z0-9_.-]{1,80})-(?P<n>\d+)\.jsonl\.(?P<ext>gz|zst)\.tmp$"
)


@dataclass(frozen=True, order=True)
class PartName:
    """A part file's place in the archive, parsed from its path."""

    date: str
    crawl_id: str
    n: int
    path: Path


def parse_part(path: Path) -> PartName | None:
    """``path`` as a finished part file inside a date partition, else None."""
    return parse_in_partition(path, PART_RE)


def parse_in_partition(path: Path, name_re: re.Pattern[str]) -> PartName | None:
    """``path`` as a file named by ``name_re`` (groups ``crawl`` and ``n``) inside a
    date partition, else None: part files, and WARC files (``newscrawl.warc.layout``)."""
    match = name_re.match(path.name)
    partition = PARTITION_RE.match(path.parent.name)
    if not match or not partition or not valid_date(partition.group(1)):
        return None
    return PartName(partition.group(1), match["crawl"], int(match["n"]), path)


def parse_temp(path: Path) -> tuple[str, str, int] | None:
    """``(kind, crawl_id, n)`` of a temporary part file name, else None."""
    match = TEMP_RE.match(path.name)
    return (match["kind"], match["crawl"], int(match["n"])) if match else None


def valid_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def as_date(value: str | date | datetime | None) -> str | None:
    """A ``since``-style bound as ``YYYY-MM-DD`` (None stays None)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not valid_date(text):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    return text


def is_archive(root: Path) -> bool:
    """Whether ``root`` holds an archive: ``articles/`` or ``runs/`` (a crawl that
    archived nothing yet still wrote its manifest). A missing or empty directory, or
    one with only ``state/``, is none: a mistyped path is not an empty archive."""
    root = Path(root)
    return (root / ARTICLES).is_dir() or (root / RUNS).is_dir()


NO_ARCHIVE = "no archive found at {root} (no articles/ or runs/)"


def partitions(root: Path, since: str | None = None, under: str = ARTICLES) -> list[tuple[str, Path]]:
    """``(date, directory)`` of every date partition under ``root/articles`` (or
    ``root/<under>``: ``warc``), oldest first."""
    base = Path(root) / under
    if not base.is_dir():
        return []
    found = []
    for child in base.iterdir():
        match = PARTITION_RE.match(child.name)
        if match and child.is_dir() and valid_date(match.group(1)):
            if since is None or match.group(1) >= since:
                found.append((match.group(1), child))
    return sorted(found)


def part_files(root: Path, since: str | None = None) -> list[PartName]:
    """Every finished part file, partitions oldest first; inside a partition by crawl id
    (newscrawl's ids start with the crawl's UTC start time) then part number."""
    out: list[PartName] = []
    for _, directory in partitions(root, since):
        names = [parse_part(p) for p in directory.iterdir() if p.is_file()]
        out += sorted((n for n in names if n is not None), key=lambda n: (n.crawl_id, n.n))
    return out


def temp_files(root: Path) -> list[Path]:
    """Hidden files in the date partitions: part files being written (or left by a crash)."""
    return sorted(
        p for _, directory in partitions(root) for p in directory.iterdir()
        if p.name.startswith(".") and p.is_file()
    )
