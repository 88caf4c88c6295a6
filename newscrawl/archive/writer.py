"""Write records into the archive: ``articles/date=YYYY-MM-DD/part-<crawl_id>-<n>.jsonl.gz``.

A part file is written under a hidden temporary name (``.part-...jsonl.gz.tmp``, which
no ``*.jsonl.gz`` glob matches), then flushed, fsynced and renamed: a consumer never
sees a partial file under a final name. Parts rotate by record count, by uncompressed
size and at the UTC date boundary.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from scrapy.exporters import JsonLinesItemExporter

logger = logging.getLogger(__name__)

TMP_PREFIX = ".part-"
TMP_SUFFIX = ".tmp"


class _HashingFile:
    """A write-only file wrapper that hashes and counts the bytes that reach the disk."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()


@dataclass
class PartFile:
    """A finished (or open) part file and what the manifest says of it."""

    path: str
    records: int = 0
    bytes: int = 0
    sha256: str = ""
    uncompressed_bytes: int = 0


@dataclass
class _OpenPart:
    part: PartFile
    tmp: Path
    final: Path
    raw: BinaryIO
    hashing: _HashingFile
    gz: gzip.GzipFile
    exporter: JsonLinesItemExporter
    counter: _CountingWriter = field(repr=False)


class _CountingWriter:
    """What the exporter writes to: counts uncompressed bytes for size rotation."""

    def __init__(self, gz: gzip.GzipFile) -> None:
        self.gz = gz
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return self.gz.write(data)


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class ArchiveWriter:
    """Routes records to per-date part files and finishes them atomically."""

    def __init__(
        self,
        root: Path,
        crawl_id: str,
        *,
        max_records: int = 5000,
        max_bytes: int = 64 * 1024 * 1024,
        compresslevel: int = 6,
    ) -> None:
        self.root = Path(root)
        self.crawl_id = crawl_id
        self.max_records = max_records
        self.max_bytes = max_bytes
        self.compresslevel = compresslevel
        self.files: list[PartFile] = []
        self._open: dict[str, _OpenPart] = {}
        self._seq = 0

    @property
    def articles_dir(self) -> Path:
        return self.root / "articles"

    def clean_leftovers(self) -> list[Path]:
        """Remove temporary part files left by a crashed run; their records were never
        visible to consumers, and the pages are fetched again by the next crawl."""
        removed = []
        if self.articles_dir.is_dir():
            for tmp in self.articles_dir.glob(f"date=*/{TMP_PREFIX}*{TMP_SUFFIX}"):
                logger.warning("removing unfinished part file left by an earlier crash: %s", tmp)
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
        return removed

    def write(self, record: dict[str, Any]) -> None:
        date = str(record["fetched_at"])[:10]
        part = self._open.get(date) or self._open_part(date)
        part.exporter.export_item(record)
        part.part.records += 1
        if part.part.records >= self.max_records or part.counter.size >= self.max_bytes:
            self._finish(date)

    def _open_part(self, date: str) -> _OpenPart:
        for other in [d for d in self._open if d != date]:
            self._finish(other)  # the date boundary has passed: close yesterday's part
        self._seq += 1
        directory = self.articles_dir / f"date={date}"
        directory.mkdir(parents=True, exist_ok=True)
        name = f"part-{self.crawl_id}-{self._seq}.jsonl.gz"
        final = directory / name
        tmp = directory / f".{name}{TMP_SUFFIX}"
        raw = open(tmp, "wb")  # noqa: SIM115 - closed in _finish
        hashing = _HashingFile(raw)
        gz = gzip.GzipFile(filename="", mode="wb", fileobj=hashing, compresslevel=self.compresslevel, mtime=0)
        counter = _CountingWriter(gz)
        exporter = JsonLinesItemExporter(counter, encoding="utf-8", ensure_ascii=False)
        exporter.start_exporting()
        rel = final.relative_to(self.root).as_posix()
        opened = _OpenPart(PartFile(path=rel), tmp, final, raw, hashing, gz, exporter, counter)
        self._open[date] = opened
        return opened

    def _finish(self, date: str) -> None:
        part = self._open.pop(date)
        part.exporter.finish_exporting()
        part.gz.close()
        part.raw.flush()
        os.fsync(part.raw.fileno())
        part.raw.close()
        os.replace(part.tmp, part.final)
        fsync_dir(part.final.parent)
        part.part.bytes = part.hashing.size
        part.part.sha256 = part.hashing.sha256.hexdigest()
        part.part.uncompressed_bytes = part.counter.size
        self.files.append(part.part)
        logger.info("archived %s (%d records)", part.part.path, part.part.records)

    def close(self) -> list[PartFile]:
        for date in list(self._open):
            self._finish(date)
        return self.files
