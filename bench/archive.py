"""Archive write benchmark: records/s of ArchiveWriter, and what schema validation,
per-record sync flushes, fsync and zstd cost.

Run by hand from the repo root, after ``make demo`` (its records are the input)::

    .venv/bin/python bench/archive.py [--records N] [--source DIR] [--repeat R]

Input: every record of the archive in ``--source`` (default ``output``), cycled to
``--records`` records (default 20000), each with its own URL (``?n=<i>`` appended) and
so its own id: real bodies, real field mix. Output goes to a temporary directory on
the same file system as the current directory (fsync on tmpfs would measure nothing)
and is removed afterwards.

Each configuration writes the same records; the time is wall-clock (``perf_counter``)
around the writes and the final ``close()`` (rotations, fsyncs and renames included),
best of ``--repeat`` runs. Validation runs ``newscrawl.schema.record_errors`` on each
record, as ``ValidatePipeline`` does before the archive. ``fsync=False`` is a
benchmark-only flag of ArchiveWriter.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newscrawl.archive import read  # noqa: E402
from newscrawl.archive.writer import ArchiveWriter  # noqa: E402
from newscrawl.schema import record_errors  # noqa: E402
from newscrawl.urls import record_id  # noqa: E402


def load_records(source: Path, n: int) -> list[dict[str, Any]]:
    base = [r for r in read(source) if not r.get("duplicate_of")] or list(read(source))
    if not base:
        raise SystemExit(f"no records in {source}: run `make demo` first (or give --source DIR)")
    out = []
    for i in range(n):
        record = dict(base[i % len(base)])
        url = f"{record['canonical_url']}?n={i}"
        record.update(url=url, canonical_url=url, id=record_id(url), crawl_id="bench",
                      fetched_at="2024-05-01T12:00:00+00:00")
        out.append(record)
    return out


def run(records: list[dict[str, Any]], workdir: Path, *, validate: bool = False,
        write: bool = True, **writer_args: Any) -> tuple[float, int, int, int]:
    """Seconds, files, bytes on disk, uncompressed bytes."""
    root = Path(tempfile.mkdtemp(prefix="run-", dir=workdir))
    try:
        writer = ArchiveWriter(root, "bench", **writer_args) if write else None
        start = time.perf_counter()
        for record in records:
            if validate and record_errors(record):
                raise SystemExit(f"invalid record {record['url']}")
            if writer is not None:
                writer.write(record)
        files = writer.close() if writer is not None else []
        elapsed = time.perf_counter() - start
        return (elapsed, len(files), sum(f.bytes for f in files),
                sum(f.uncompressed_bytes for f in files))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--source", type=Path, default=Path("output"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    records = load_records(args.source, args.records)
    n = len(records)
    configs: list[tuple[str, dict[str, Any]]] = [
        ("gzip, flush each record, fsync (default)", {}),
        ("  + schema validation (record_errors)", {"validate": True}),
        ("  fsync off", {"fsync": False}),
        ("  no per-record flush (flush at close)", {"flush_records": 0}),
        ("  flush every 100 records", {"flush_records": 100}),
        ("  parts of 100 records, fsync", {"max_records": 100}),
        ("  parts of 100 records, fsync off", {"max_records": 100, "fsync": False}),
        ("zstd, flush each record, fsync", {"compression": "zstd"}),
        ("zstd, no per-record flush", {"compression": "zstd", "flush_records": 0}),
        ("schema validation alone", {"validate": True, "write": False}),
    ]
    workdir = Path(tempfile.mkdtemp(prefix=".bench-archive-", dir=Path.cwd()))
    rows = []
    try:
        for name, options in configs:
            options = {"max_records": 5000, **options}
            if options.get("write") is False:
                options.pop("max_records")
            try:
                best = min((run(records, workdir, **options) for _ in range(args.repeat)),
                           key=lambda r: r[0])
            except RuntimeError as exc:  # zstandard missing
                print(f"{name}: skipped ({exc})", file=sys.stderr)
                continue
            rows.append((name, *best))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    default = rows[0][1]
    print(f"{n} records ({rows[0][4] / n / 1024:.1f} KiB each uncompressed), "
          f"best of {args.repeat}, Python {sys.version.split()[0]}")
    header = (f"{'configuration':<42} {'seconds':>8} {'records/s':>10} {'MB/s in':>8} "
              f"{'vs default':>10} {'files':>6} {'bytes/rec':>10}")
    print(header)
    print("-" * len(header))
    for name, seconds, files, size, raw in rows:
        mbps = f"{raw / seconds / 1e6:8.1f}" if raw else f"{'-':>8}"
        per = f"{size / n:10.0f}" if size else f"{'-':>10}"
        print(f"{name:<42} {seconds:8.3f} {n / seconds:10.0f} {mbps} "
              f"{seconds / default:9.2f}x {files:6d} {per}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
