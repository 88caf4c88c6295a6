"""Part-file codecs (gzip, zstd): streaming compressors for the writer and one streaming
line reader, strict for readers and ``verify``, salvaging for crash recovery."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Protocol

#: Compression name -> file name suffix of a finished part file.
SUFFIXES = {"gzip": ".jsonl.gz", "zstd": ".jsonl.zst"}
_CHUNK = 1 << 16


class CorruptFile(Exception):
    """A part file whose compressed stream is broken, truncated or followed by garbage."""

    def __init__(self, message: str, lines: int, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.lines = lines
        """Complete lines read before the damage."""
        self.path = path
        """The file, when the raiser knows it (``newscrawl.archive.read`` does)."""


def _zstandard() -> Any:
    try:
        import zstandard
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "zstd compression needs the zstandard package: pip install 'newscrawl[zstd]' "
            "(or zstandard>=0.22)"
        ) from exc
    return zstandard


def check_compression(name: str) -> str:
    """``name`` if it is a supported codec whose library is importable, else a clear error."""
    if name not in SUFFIXES:
        raise ValueError(
            f"NEWSCRAWL_ARCHIVE_COMPRESSION must be one of {', '.join(SUFFIXES)}, got {name!r}"
        )
    if name == "zstd":
        _zstandard()
    return name


def compression_of(path: str | Path) -> str | None:
    """The codec of a finished part file, by its suffix (None: not a part file name)."""
    name = str(path)
    for codec, suffix in SUFFIXES.items():
        if name.endswith(suffix) or name.endswith(suffix + ".tmp"):
            return codec
    return None


class Compressor(Protocol):
    def write(self, data: bytes) -> int: ...

    def sync(self) -> None:
        """Push everything written so far to the file object, decodable on its own."""

    def close(self) -> None:
        """End the stream (trailer, checksum); the file object stays open."""


class _Gzip:
    def __init__(self, fileobj: BinaryIO, level: int) -> None:
        self._gz = gzip.GzipFile(filename="", mode="wb", fileobj=fileobj, compresslevel=level,
                                 mtime=0)

    def write(self, data: bytes) -> int:
        return self._gz.write(data)

    def sync(self) -> None:
        # Z_SYNC_FLUSH ends the deflate block on a byte boundary without resetting the
        # dictionary: every line written so far can be decompressed from the file.
        self._gz.flush(zlib.Z_SYNC_FLUSH)

    def close(self) -> None:
        self._gz.close()


class _Zstd:
    def __init__(self, fileobj: BinaryIO, level: int) -> None:
        self._zstd = _zstandard()
        cctx = self._zstd.ZstdCompressor(level=level, write_checksum=True)
        self._writer = cctx.stream_writer(fileobj, closefd=False)

    def write(self, data: bytes) -> int:
        self._writer.write(data)
        return len(data)

    def sync(self) -> None:
        self._writer.flush(self._zstd.FLUSH_BLOCK)

    def close(self) -> None:
        self._writer.close()


def open_compressor(fileobj: BinaryIO, compression: str, level: int) -> Compressor:
    if compression == "zstd":
        return _Zstd(fileobj, level)
    return _Gzip(fileobj, level)


class _Decoder:
    """One decompression stream at a time; a file may hold several (gzip members,
    zstd frames), as ``cat a.gz b.gz`` makes."""

    def __init__(self, compression: str) -> None:
        self.compression = compression
        self._zstd = _zstandard() if compression == "zstd" else None
        self._obj = self._new()
        self.started = False  # compressed bytes fed to the current stream

    def _new(self) -> Any:
        if self._zstd is not None:
            return self._zstd.ZstdDecompressor().decompressobj()
        return zlib.decompressobj(wbits=31)

    def feed(self, data: bytes) -> bytes:
        out = []
        while data:
            self.started = True
            out.append(self._obj.decompress(data))
            if not self._obj.eof:
                break
            data = self._obj.unused_data
            self._obj = self._new()
            self.started = False
        return b"".join(out)

    def finished(self) -> bool:
        return not self.started


def _errors() -> tuple[type[BaseException], ...]:
    errors: tuple[type[BaseException], ...] = (zlib.error, EOFError, OSError)
    try:
        import zstandard
    except ImportError:  # pragma: no cover
        return errors
    return (*errors, zstandard.ZstdError)


def iter_lines(
    path: str | Path, *, salvage: dict[str, Any] | None = None, hasher: Any = None, chunk_size: int = _CHUNK,
) -> Iterator[bytes]:
    """The lines of a part file (without their ``\\n``), streaming, memory-flat.

    Strict (default): raise :class:`CorruptFile` when the compressed stream is damaged,
    truncated, or its last line has no newline. With a ``salvage`` dict: stop quietly at
    the first damage and drop the trailing partial line (recovery of a crashed run's
    temp file); the dict receives ``stopped`` (why reading ended early, or None) and
    ``partial_bytes`` (size of the dropped partial line).
    ``hasher`` (e.g. ``hashlib.sha256()``) is updated with the raw file bytes.
    ``chunk_size``: compressed bytes decoded at a time; a damaged stream loses what the
    chunk it breaks in would have given, so salvaging uses small ones.
    """
    compression = compression_of(path) or "gzip"
    decoder = _Decoder(compression)
    errors = _errors()
    pending = b""
    lines = 0
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(chunk_size)
            if not chunk:
                break
            if hasher is not None:
                hasher.update(chunk)
            try:
                data = decoder.feed(chunk)
            except errors as exc:
                if salvage is not None:
                    salvage.update(stopped=f"corrupt {compression} data: {exc}",
                                   partial_bytes=len(pending))
                    return
                raise CorruptFile(f"corrupt {compression} data: {exc}", lines) from exc
            if not data:
                continue
            parts = (pending + data).split(b"\n")
            pending = parts.pop()
            for line in parts:
                lines += 1
                yield line
    if salvage is not None:
        salvage.update(stopped=None if decoder.finished() else f"truncated {compression} stream",
                       partial_bytes=len(pending))
        return
    if not decoder.finished():
        raise CorruptFile(f"truncated {compression} stream (no end of stream)", lines)
    if pending:
        raise CorruptFile("last line has no newline (truncated record)", lines)
