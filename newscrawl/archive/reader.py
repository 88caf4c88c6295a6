"""Read the archive back: records of finished part files, oldest partition first."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newscrawl.archive.compression import CorruptFile, iter_lines
from newscrawl.archive.layout import as_date, part_files


def read(root: str | Path, since: str | date | datetime | None = None) -> Iterator[dict[str, Any]]:
    """Yield every record under ``root/articles``, streaming (one line in memory at a time).

    Partitions come in date order (newest last); inside a partition, by crawl id then
    part number. Only finished part files (``part-*.jsonl.gz`` / ``.jsonl.zst``) are
    read, never hidden temp files. ``since`` (``YYYY-MM-DD``, a ``date`` or a
    ``datetime``): only partitions on or after that UTC date. A damaged file raises
    :class:`newscrawl.archive.compression.CorruptFile` after its readable lines, also
    when a line is not a JSON object (``scrapy archive verify`` says which and where,
    ``scrapy archive repair`` quarantines it).
    """
    for part in part_files(Path(root), as_date(since)):
        lines = 0
        try:
            for line in iter_lines(part.path):
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError(f"not a JSON object but {type(record).__name__}")
                lines += 1
                yield record
        except CorruptFile as exc:
            raise CorruptFile(f"{part.path}: {exc}", exc.lines, part.path) from exc
        except ValueError as exc:
            raise CorruptFile(f"{part.path}:{lines + 1}: {exc}", lines, part.path) from exc
