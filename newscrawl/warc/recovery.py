"""Finish what a killed crawl left of its WARC files (called by
:func:`newscrawl.archive.recovery.recover`, for crawls that are not running).

A temporary WARC (``.<crawl_id>-<n>.warc.gz.tmp``) holds one gzip member per record,
each written whole and flushed when its group was complete. Recovery keeps the prefix
of complete members (each one decompresses to its end and its gzip CRC matches), the
truncated last one dropped, copies it to ``.recovered-...tmp``, fsyncs and renames it
to the final name the crawl had given it, ``<crawl_id>-<n>.warc.gz`` (records in the
JSONL archive name that file), writes its CDXJ index and removes the temp file. A temp
holding nothing but its warcinfo is removed. Offsets are unchanged: a byte prefix.

Every step is idempotent: a finished file whose temp is still there (killed between
the rename and the unlink) only loses the temp; an index being written is written
again; a finished WARC without an index gets one.
"""

from __future__ import annotations

import logging
import os
import zlib
from pathlib import Path
from typing import BinaryIO

from newscrawl.archive.writer import fsync_dir
from newscrawl.warc.layout import TMP_SUFFIX, index_path_for, parse_warc_temp, warc_files
from newscrawl.warc.writer import WarcFile, sha256_of, write_index

logger = logging.getLogger(__name__)

CHUNK = 1 << 16


def complete_members(fh: BinaryIO) -> tuple[int, int]:
    """``(end, count)``: the byte offset where the last complete gzip member ends and
    how many complete members precede it, reading ``fh`` from its start."""
    pos = end = count = 0
    buf = b""
    d: zlib._Decompress | None = None
    while True:
        if not buf:
            buf = fh.read(CHUNK)
            if not buf:
                break
        if d is None:
            d = zlib.decompressobj(wbits=31)
        try:
            d.decompress(buf)
        except zlib.error:
            break
        if d.eof:
            pos += len(buf) - len(d.unused_data)
            end, count = pos, count + 1
            buf, d = d.unused_data, None
        else:
            pos += len(buf)
            buf = b""
    return end, count


def describe_warc(root: Path, path: Path) -> WarcFile:
    """What a manifest says of a finished WARC file, read back from disk; writes its
    CDXJ index if it has none."""
    with open(path, "rb") as fh:
        _, count = complete_members(fh)
    size, sha = sha256_of(path)
    index = index_path_for(path)
    if not index.is_file():
        write_index(root, path)
    index_size, index_sha = sha256_of(index)
    return WarcFile(
        path=path.relative_to(root).as_posix(), date=path.parent.name.removeprefix("date="),
        records=count, bytes=size, sha256=sha, index=index.relative_to(root).as_posix(),
        index_bytes=index_size, index_sha256=index_sha,
    )


def _copy_prefix(src: Path, dst: Path, length: int) -> None:
    with open(src, "rb") as inp, open(dst, "wb") as out:
        left = length
        while left > 0:
            chunk = inp.read(min(CHUNK * 16, left))
            if not chunk:
                break
            out.write(chunk)
            left -= len(chunk)
        out.flush()
        os.fsync(out.fileno())


def salvage_warc(root: Path, tmp: Path) -> WarcFile | None:
    """Turn the crawl's temp WARC ``tmp`` into its finished file (complete records
    only); None when it held no record but its warcinfo. Removes ``tmp``."""
    parsed = parse_warc_temp(tmp)
    assert parsed is not None and parsed[0] == "part" and parsed[3] == "warc.gz", tmp
    _, crawl_id, n, _ = parsed
    final = tmp.parent / f"{crawl_id}-{n}.warc.gz"
    done: WarcFile | None = None
    if final.exists():  # an earlier recovery renamed it and was killed before the unlink
        done = describe_warc(root, final)
    else:
        with open(tmp, "rb") as fh:
            end, count = complete_members(fh)
        dropped = tmp.stat().st_size - end
        if count > 1:
            out = tmp.parent / f".recovered-{crawl_id}-{n}.warc.gz{TMP_SUFFIX}"
            _copy_prefix(tmp, out, end)
            os.replace(out, final)
            fsync_dir(final.parent)
            done = describe_warc(root, final)
            logger.warning("crash recovery: %d WARC records of crawl %s from %s into %s (%d bytes of "
                           "a partial record dropped)", count, crawl_id, tmp.name, done.path, dropped)
    tmp.unlink(missing_ok=True)
    fsync_dir(tmp.parent)
    logger.warning("crash recovery: removed temp WARC %s", tmp.relative_to(root))
    return done


def recover_warcs(root: Path, crawl_id: str, temps: list[Path]) -> tuple[list[WarcFile], list[str]]:
    """Salvage ``temps`` (the crawl's temp WARC and index files); the finished files
    written and the temp files removed (relative paths)."""
    root = Path(root)
    recovered: list[WarcFile] = []
    removed: list[str] = []
    ordered = sorted(temps, key=lambda p: (p.parent.name, parse_warc_temp(p) or ("", "", 0, "")))
    for tmp in ordered:
        parsed = parse_warc_temp(tmp)
        if parsed and (parsed[0] == "recovered" or parsed[3] == "cdxj"):
            tmp.unlink(missing_ok=True)  # an interrupted recovery or index: done again below
            removed.append(tmp.relative_to(root).as_posix())
    for tmp in ordered:
        parsed = parse_warc_temp(tmp)
        if not parsed or parsed[0] != "part" or parsed[3] != "warc.gz" or not tmp.exists():
            continue
        rel = tmp.relative_to(root).as_posix()
        done = salvage_warc(root, tmp)
        removed.append(rel)
        if done is not None:
            recovered.append(done)
    return recovered, removed


def crawl_warcs(root: Path, crawl_id: str) -> list[Path]:
    """The crawl's finished WARC files."""
    return [w.path for w in warc_files(root) if w.crawl_id == crawl_id]

