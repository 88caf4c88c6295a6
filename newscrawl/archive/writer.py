"""Write records into the archive: ``articles/date=YYYY-MM-DD/part-<crawl_id>-<n>.jsonl.gz``.

A part file is written under a hidden temporary name (``.part-...jsonl.gz.tmp``, which
no ``*.jsonl.gz`` glob matches), then flushed, fsynced and renamed, and its directory
fsynced: a consumer never sees a partial file under a final name. Parts rotate by
record count, by uncompressed size and at the UTC date boundary.

While a part is open the compressed stream is sync-flushed to the OS every
``flush_records`` records, so a killed crawl leaves a temp file whose complete lines
can all be recovered (see :mod:`newscrawl.archive.recovery`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from scrapy.exporters import JsonLinesItemExporter

from newscrawl.archive.compression import SUFFIXES, check_compression, open_compressor
from newscrawl.archive.layout import ARTICLES, TMP_SUFFIX

logger = logging.getLogger(__name__)

TMP_PREFIX = ".part-"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


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


class _CountingWriter:
    """What the exporter writes to: counts uncompressed bytes for size rotation."""

    def __init__(self, sink: Any) -> None:
        self.sink = sink
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return self.sink.write(data)


@dataclass
class PartFile:
    """A finished part file and what the manifest says of it."""

    path: str
    """Relative to the archive root, ``/``-separated."""
    date: str = ""
    """The partition's date (UTC fetch date of every record in it)."""
    records: int = 0
    bytes: int = 0
    """Size of the file on disk (compressed)."""
    sha256: str = ""
    """sha256 hex of the file on disk."""
    uncompressed_bytes: int = 0


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


class PartWriter:
    """One part file: lines go to a hidden temp file; :meth:`finish` makes it visible."""

    def __init__(
        self, root: Path, final: Path, tmp: Path, *, compression: str = "gzip",
        compresslevel: int = 3, fsync: bool = True, flush_records: int = 1,
    ) -> None:
        self.final = final
        self.tmp = tmp
        self.fsync = fsync
        self.flush_records = flush_records
        self.part = PartFile(path=final.relative_to(root).as_posix(),
                             date=final.parent.name.removeprefix("date="))
        self._raw = open(tmp, "xb")  # noqa: SIM115 - closed in finish/abort
        self._hashing = _HashingFile(self._raw)
        self._compressor = open_compressor(self._hashing, compression, compresslevel)  # type: ignore[arg-type]
        self.counter = _CountingWriter(self._compressor)
        self._exporter = JsonLinesItemExporter(
            self.counter, encoding="utf-8", ensure_ascii=False)  # type: ignore[arg-type]
        self._exporter.start_exporting()

    def write_record(self, record: dict[str, Any]) -> None:
        self._exporter.export_item(record)
        self._wrote()

    def write_line(self, line: bytes) -> None:
        """An already serialised record (without its newline), e.g. a recovered line."""
        self.counter.write(line + b"\n")
        self._wrote()

    def _wrote(self) -> None:
        self.part.records += 1
        if self.flush_records and self.part.records % self.flush_records == 0:
            self._compressor.sync()
            self._hashing.flush()

    def finish(self) -> PartFile:
        self._exporter.finish_exporting()
        self._compressor.close()
        self._raw.flush()
        if self.fsync:
            os.fsync(self._raw.fileno())
        self._raw.close()
        if self.final.exists():  # never replace a visible file: they are immutable
            raise FileExistsError(f"refusing to overwrite finished part file {self.final}")
        os.replace(self.tmp, self.final)
        if self.fsync:
            fsync_dir(self.final.parent)
        self.part.bytes = self._hashing.size
        self.part.sha256 = self._hashing.sha256.hexdigest()
        self.part.uncompressed_bytes = self.counter.size
        return self.part

    def abort(self) -> None:
        self._raw.close()
        self.tmp.unlink(missing_ok=True)


class ArchiveWriter:
    """Routes records to per-date part files and finishes them atomically."""

    def __init__(
        self,
        root: Path,
        crawl_id: str,
        *,
        max_records: int = 5000,
        max_bytes: int = 64 * 1024 * 1024,
        compression: str = "gzip",
        compresslevel: int = 3,
        flush_records: int = 1,
        fsync: bool = True,
    ) -> None:
        """``fsync=False`` is for benchmarks only: it gives up durability on power loss."""
        self.root = Path(root)
        self.crawl_id = crawl_id
        self.max_records = max(1, max_records)
        self.max_bytes = max(1, max_bytes)
        self.compression = check_compression(compression)
        self.compresslevel = compresslevel
        self.flush_records = flush_records
        self.fsync = fsync
        self.files: list[PartFile] = []
        self.records = 0
        self._open: dict[str, PartWriter] = {}
        self._seq = 0

    @property
    def articles_dir(self) -> Path:
        return self.root / ARTICLES

    def write(self, record: dict[str, Any]) -> None:
        fetched = str(record.get("fetched_at") or "")
        if not _DATE.match(fetched):
            raise ValueError(f"record has no ISO 8601 fetched_at: {fetched!r}")
        date = fetched[:10]
        part = self._open.get(date) or self._open_part(date)
        part.write_record(record)
        self.records += 1
        if part.part.records >= self.max_records or part.counter.size >= self.max_bytes:
            self._finish(date)

    def _open_part(self, date: str) -> PartWriter:
        for other in [d for d in self._open if d != date]:
            self._finish(other)  # the date boundary has passed: close yesterday's part
        directory = self.articles_dir / f"date={date}"
        directory.mkdir(parents=True, exist_ok=True)
        suffix = SUFFIXES[self.compression]
        while True:
            self._seq += 1
            name = f"part-{self.crawl_id}-{self._seq}{suffix}"
            final, tmp = directory / name, directory / f".{name}{TMP_SUFFIX}"
            if not final.exists() and not tmp.exists():
                break
        opened = PartWriter(self.root, final, tmp, compression=self.compression,
                            compresslevel=self.compresslevel, fsync=self.fsync,
                            flush_records=self.flush_records)
        self._open[date] = opened
        return opened

    def _finish(self, date: str) -> None:
        part = self._open.pop(date).finish()
        self.files.append(part)
        logger.info("archived %s (%d records)", part.path, part.records)

    def close(self) -> list[PartFile]:
        for date in list(self._open):
            self._finish(date)
        return self.files
