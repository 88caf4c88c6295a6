"""Run manifests (``runs/<crawl_id>.json``, one per crawl, written atomically) and run
markers (``runs/.<crawl_id>.running``, locked while the crawl runs).

A manifest holds: when the run started and ended and why it ended, the settings that
shape the archive, every part file with its record count, size and sha256, a summary
of the crawl's stats under plain keys (``summary``) and the raw Scrapy stats
(``stats``). A crawl recovered after a crash has ``finish_reason: "crashed
(recovered)"``, a ``recovery`` block and no raw stats.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import socket
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newscrawl.archive.compression import iter_lines
from newscrawl.archive.layout import RUNS
from newscrawl.archive.writer import PartFile, fsync_dir

#: finish_reason of the manifest a crawl keeps up to date while it runs; one that
#: stays so after the crawl died marks a crash that recovery finishes.
RUNNING = "running"

logger = logging.getLogger(__name__)

MANIFEST_VERSION = 1
RECOVERED_REASON = "crashed (recovered)"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def manifest_path(root: Path, crawl_id: str) -> Path:
    return Path(root) / RUNS / f"{crawl_id}.json"


def write_manifest(root: Path, crawl_id: str, manifest: dict[str, Any]) -> Path:
    runs = Path(root) / RUNS
    runs.mkdir(parents=True, exist_ok=True)
    final = runs / f"{crawl_id}.json"
    tmp = runs / f".{crawl_id}.json.tmp"
    data = json.dumps(_plain(manifest), ensure_ascii=False, indent=2, sort_keys=False)
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(data + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, final)
    fsync_dir(runs)
    return final


def read_manifests(root: Path) -> list[dict[str, Any]]:
    runs = Path(root) / RUNS
    if not runs.is_dir():
        return []
    return [
        json.loads(p.read_text("utf-8"))
        for p in sorted(runs.glob("*.json")) if not p.name.startswith(".")
    ]


def describe_part(root: Path, path: Path) -> PartFile:
    """What a manifest says of an existing finished part file, read back from disk."""
    sha = hashlib.sha256()
    records = uncompressed = 0
    for line in iter_lines(path, hasher=sha):
        records += 1
        uncompressed += len(line) + 1
    return PartFile(
        path=path.relative_to(root).as_posix(), date=path.parent.name.removeprefix("date="),
        records=records, bytes=path.stat().st_size, sha256=sha.hexdigest(),
        uncompressed_bytes=uncompressed,
    )


def files_entry(files: list[PartFile]) -> list[dict[str, Any]]:
    return [asdict(f) for f in files]


# --- Stats summary ---------------------------------------------------------------

def _under(stats: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {k.removeprefix(prefix): v for k, v in sorted(stats.items()) if k.startswith(prefix)}


def summarise_stats(stats: dict[str, Any]) -> dict[str, Any]:
    """The crawl's Scrapy stats under stable, plain keys (the raw stats stay beside)."""
    dropped = _under(stats, "newscrawl/dropped/")
    http_errors = {
        code: n for code, n in _under(stats, "downloader/response_status_count/").items()
        if code.isdigit() and int(code) >= 400
    }
    download = _under(stats, "downloader/exception_type_count/")
    download.pop("scrapy.exceptions.IgnoreRequest", None)  # robots.txt, filters: not errors
    spider = _under(stats, "spider_exceptions/")
    spider.pop("count", None)
    return {
        "requests": stats.get("downloader/request_count", 0),
        "fetched": stats.get("response_received_count", 0),
        "article_pages": stats.get("newscrawl/pages/article", 0),
        "listing_pages": stats.get("newscrawl/pages/listing", 0),
        "archived": stats.get("newscrawl/archived", 0),
        "duplicates": stats.get("newscrawl/archive/duplicates", 0),
        "duplicates_by_kind": _under(stats, "newscrawl/duplicates/"),
        "dropped": dropped,
        "dropped_total": sum(v for v in dropped.values() if isinstance(v, int)),
        "skipped": _under(stats, "newscrawl/skipped/"),
        "errors": {
            "logged": stats.get("log_count/ERROR", 0),
            "http_status": http_errors,
            "download_exceptions": download,
            "spider_exceptions": spider,
            "retries_exhausted": stats.get("retry/max_reached", 0),
        },
        "elapsed_seconds": stats.get("elapsed_time_seconds"),
    }


# --- Run markers -------------------------------------------------------------------

class RunMarker:
    """``runs/.<crawl_id>.running``: says a crawl is writing to the archive.

    The running crawl holds an exclusive ``flock`` on it; the kernel drops the lock when
    the process dies, however it dies (kill -9 included), so "marker present but not
    locked" means "crashed". It also keeps what a recovered manifest needs: start time,
    host, pid and the settings that shape the output. Needs a local file system with
    working ``flock`` (not every NFS setup has one).
    """

    def __init__(self, root: Path, crawl_id: str) -> None:
        self.path = Path(root) / RUNS / f".{crawl_id}.running"
        self.crawl_id = crawl_id
        self._fd: int | None = None

    def acquire(self, info: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise RuntimeError(f"crawl {self.crawl_id} is already running here") from None
        body = dict(info, crawl_id=self.crawl_id, pid=os.getpid(), host=socket.gethostname())
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(_plain(body), ensure_ascii=False).encode("utf-8"))
        os.fsync(fd)
        self._fd = fd

    @property
    def held(self) -> bool:
        """Whether this process holds the marker (between acquire and release)."""
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        self.path.unlink(missing_ok=True)
        os.close(self._fd)  # closing drops the lock
        self._fd = None


def marker_info(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text("utf-8") or "{}")
    except (OSError, ValueError):
        return {}


def is_running(root: Path, crawl_id: str) -> bool:
    """True while the crawl that owns ``runs/.<crawl_id>.running`` holds its lock."""
    path = Path(root) / RUNS / f".{crawl_id}.running"
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def now() -> datetime:
    return datetime.now(UTC)
