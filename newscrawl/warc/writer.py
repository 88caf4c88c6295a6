"""Write WARC/1.1 files: ``warc/date=YYYY-MM-DD/<crawl_id>-<n>.warc.gz``.

Like a JSONL part file, a WARC file is written under a hidden temporary name
(``.<crawl_id>-<n>.warc.gz.tmp``, which no ``*.warc.gz`` glob matches), then flushed,
fsynced and renamed, and its directory fsynced: a reader never sees a partial file
under a final name. Each file starts with a ``warcinfo`` record (software, crawl id,
host). Every record is its own gzip member, written with one ``write`` and flushed
to the OS at the end of each group (an exchange and its metadata), so a killed crawl
leaves a temp file whose complete members are all good (see
:mod:`newscrawl.warc.recovery`), and a record the JSONL archive names is on the OS's
side before the record naming it is written. Files rotate by size on disk
(``max_bytes``, checked after each group) and at the UTC date boundary. When a file
is finished its CDXJ index is written beside it, ``<crawl_id>-<n>.cdxj`` (temp name and
rename as well).

No pipeline logic here: callers build records (:mod:`newscrawl.warc.records`) and say
which UTC date they belong to.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.warcwriter import WARCWriter

from newscrawl.archive.writer import fsync_dir
from newscrawl.warc.layout import TMP_SUFFIX, WARC, index_path_for

logger = logging.getLogger(__name__)

WARC_VERSION = "1.1"


@dataclass
class WarcFile:
    """A finished WARC file and what the manifest says of it."""

    path: str
    """Relative to the archive root, ``/``-separated."""
    date: str = ""
    records: int = 0
    """WARC records in the file, warcinfo included."""
    bytes: int = 0
    sha256: str = ""
    index: str | None = None
    """The CDXJ index beside it, relative to the archive root."""
    index_bytes: int = 0
    index_sha256: str = ""


def warc_files_entry(files: list[WarcFile]) -> list[dict[str, Any]]:
    return [asdict(f) for f in files]


def gzip_member(data: bytes, level: int) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    return compressor.compress(data) + compressor.flush()


def serialise(record: ArcWarcRecord) -> bytes:
    """One record as uncompressed WARC bytes (warcio computes digests and lengths)."""
    buf = BytesIO()
    WARCWriter(buf, gzip=False, warc_version=WARC_VERSION).write_record(record)
    return buf.getvalue()


def sha256_of(path: Path) -> tuple[int, str]:
    sha = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()


def write_index(root: Path, warc: Path) -> tuple[Path, int, str]:
    """Write the sorted CDXJ index of the finished file ``warc`` beside it (temp name,
    then rename); its path, size and sha256. ``filename`` in each line is the WARC's
    path relative to the archive root."""
    from cdxj_indexer.main import CDXJIndexer

    final = index_path_for(warc)
    tmp = final.with_name(f".{final.name}{TMP_SUFFIX}")
    with open(tmp, "w", encoding="utf-8") as out:
        CDXJIndexer(output=out, inputs=[str(warc)], sort=True, dir_root=str(root)).process_all()
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, final)
    size, sha = sha256_of(final)
    return final, size, sha


class _OpenWarc:
    def __init__(self, root: Path, final: Path, tmp: Path, date: str) -> None:
        self.final = final
        self.tmp = tmp
        self.file = WarcFile(path=final.relative_to(root).as_posix(), date=date)
        self._raw: BinaryIO = open(tmp, "xb")  # noqa: SIM115 - closed in finish
        self._sha = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self._raw.write(data)
        self._sha.update(data)
        self.file.bytes += len(data)

    def flush(self) -> None:
        self._raw.flush()

    def finish(self, fsync: bool) -> WarcFile:
        self._raw.flush()
        if fsync:
            os.fsync(self._raw.fileno())
        self._raw.close()
        if self.final.exists():
            raise FileExistsError(f"refusing to overwrite finished WARC file {self.final}")
        os.replace(self.tmp, self.final)
        if fsync:
            fsync_dir(self.final.parent)
        self.file.sha256 = self._sha.hexdigest()
        return self.file


class WarcWriter:
    """Routes record groups to per-date WARC files and finishes them atomically."""

    def __init__(
        self, root: Path, crawl_id: str, *, max_bytes: int = 1 << 30, compresslevel: int = 3,
        info: dict[str, Any] | None = None, fsync: bool = True, index: bool = True,
        on_finished: Callable[[WarcFile], None] | None = None,
    ) -> None:
        self.root = Path(root)
        self.crawl_id = crawl_id
        self.max_bytes = max(1, max_bytes)
        self.compresslevel = compresslevel
        self.info = dict(info or {})
        self.fsync = fsync
        self.index = index
        self.on_finished = on_finished
        self.builder = RecordBuilder(warc_version=WARC_VERSION)
        self.files: list[WarcFile] = []
        self.records = 0
        self._open: _OpenWarc | None = None
        self._seq = 0

    def next_path(self, date: str) -> str:
        """The file the next group of UTC ``date`` goes to (opened if need be)."""
        current = self._open if self._open and self._open.file.date == date else self._start(date)
        return current.file.path

    def write(self, records: list[ArcWarcRecord], date: str) -> str:
        """Write ``records`` (one group: they stay in one file) into the file of UTC
        ``date``; the file's path relative to the archive root."""
        current = self._open if self._open and self._open.file.date == date else self._start(date)
        for record in records:
            current.write(gzip_member(serialise(record), self.compresslevel))
            current.file.records += 1
            self.records += 1
        current.flush()
        path = current.file.path
        if current.file.bytes >= self.max_bytes:
            self._finish()
        return path

    def _start(self, date: str) -> _OpenWarc:
        if self._open is not None:
            self._finish()  # the date boundary has passed
        directory = self.root / WARC / f"date={date}"
        directory.mkdir(parents=True, exist_ok=True)
        while True:
            self._seq += 1
            name = f"{self.crawl_id}-{self._seq}.warc.gz"
            final, tmp = directory / name, directory / f".{name}{TMP_SUFFIX}"
            if not final.exists() and not tmp.exists():
                break
        opened = _OpenWarc(self.root, final, tmp, date)
        info = {"software": "newscrawl (warcio)", "format": "WARC File Format 1.1",
                "hostname": socket.gethostname(), "crawl_id": self.crawl_id, **self.info}
        opened.write(gzip_member(serialise(self.builder.create_warcinfo_record(name, info)),
                                 self.compresslevel))
        opened.file.records += 1
        opened.flush()
        self._open = opened
        return opened

    def _finish(self) -> None:
        opened, self._open = self._open, None
        if opened is None:
            return
        done = opened.finish(self.fsync)
        if self.index:
            index, done.index_bytes, done.index_sha256 = write_index(self.root, opened.final)
            done.index = index.relative_to(self.root).as_posix()
        self.files.append(done)
        logger.info("captured %s (%d WARC records, %d bytes)", done.path, done.records, done.bytes)
        if self.on_finished is not None:
            self.on_finished(done)

    def close(self) -> list[WarcFile]:
        self._finish()
        return self.files
