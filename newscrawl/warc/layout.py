"""Names of the WARC files in the archive.

    warc/date=YYYY-MM-DD/<crawl_id>-<n>.warc.gz         finished (immutable)
    warc/date=YYYY-MM-DD/<crawl_id>-<n>.cdxj            its CDXJ index
    warc/date=YYYY-MM-DD/.<crawl_id>-<n>.warc.gz.tmp    being written (hidden)
    warc/date=YYYY-MM-DD/.recovered-<crawl_id>-<n>.warc.gz.tmp   being recovered
    warc/date=YYYY-MM-DD/.<crawl_id>-<n>.cdxj.tmp       an index being written
"""

from __future__ import annotations

import re
from pathlib import Path

from newscrawl.archive.layout import TMP_SUFFIX, PartName, parse_in_partition, partitions

WARC = "warc"
__all__ = ["WARC", "TMP_SUFFIX", "WarcName", "parse_warc", "parse_warc_temp", "warc_files",
           "warc_temp_files", "index_path_for"]

WARC_RE = re.compile(r"^(?P<crawl>[A-Za-z0-9][A-Za-z0-9_.-]{0,79})-(?P<n>\d+)\.warc\.gz$")
INDEX_RE = re.compile(r"^(?P<crawl>[A-Za-z0-9][A-Za-z0-9_.-]{0,79})-(?P<n>\d+)\.cdxj$")
WARC_TEMP_RE = re.compile(
    r"^\.(?P<kind>recovered-)?(?P<crawl>[A-Za-z0-9][A-Za-z0-9_.-]{0,79})-(?P<n>\d+)\.(?P<ext>warc\.gz|cdxj)\.tmp$")


#: A WARC file's place in the archive: the same fields as a part file's.
WarcName = PartName


def parse_warc(path: Path) -> WarcName | None:
    return parse_in_partition(path, WARC_RE)


def parse_warc_temp(path: Path) -> tuple[str, str, int, str] | None:
    """``(kind, crawl_id, n, ext)`` of a temporary WARC or index name (kind ``part``
    for the crawl's own, ``recovered`` for recovery's), else None."""
    match = WARC_TEMP_RE.match(path.name)
    if not match:
        return None
    return ("recovered" if match["kind"] else "part", match["crawl"], int(match["n"]), match["ext"])


def index_path_for(warc: Path) -> Path:
    return warc.with_name(warc.name.removesuffix(".warc.gz") + ".cdxj")


def _partitions(root: Path) -> list[tuple[str, Path]]:
    return partitions(root, under=WARC)


def warc_files(root: Path, since: str | None = None, until: str | None = None) -> list[WarcName]:
    """Every finished WARC file, partitions oldest first, then by crawl id and number."""
    out: list[WarcName] = []
    for date, directory in _partitions(root):
        if (since and date < since) or (until and date > until):
            continue
        names = [parse_warc(p) for p in directory.iterdir() if p.is_file()]
        out += sorted((n for n in names if n is not None), key=lambda n: (n.crawl_id, n.n))
    return out


def warc_temp_files(root: Path) -> list[Path]:
    return sorted(p for _, d in _partitions(root) for p in d.iterdir()
                  if p.is_file() and parse_warc_temp(p) is not None)
