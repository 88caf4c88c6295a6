"""One crawl per state directory: an exclusive ``fcntl.flock`` on ``<state>/crawl.lock``.

The kernel drops the lock when the holder exits, however it exits, so a crashed
run never leaves a stale lock behind. The file itself stays (deleting a lock file
races with a process that has just opened it); it holds the holder's pid, crawl id
and start time for the message the next run prints.
"""

from __future__ import annotations

import fcntl
import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

LOCK_FILE = "crawl.lock"


class StateLocked(RuntimeError):
    """Another crawl holds the state directory."""

    def __init__(self, path: Path, holder: str) -> None:
        self.path = path
        self.holder = holder
        super().__init__(
            f"another crawl is running on this state directory ({holder or 'holder unknown'}; "
            f"lock {path}): not starting a second one"
        )


class StateLock:
    def __init__(self, directory: Path) -> None:
        self.path = Path(directory) / LOCK_FILE
        self._file: TextIO | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self, owner: str = "") -> None:
        """Take the lock without waiting; raise ``StateLocked`` if another process (or
        another crawler in this one) holds it, ``OSError`` if the file cannot be made."""
        if self._file is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            raise StateLocked(self.path, holder) from None
        except BaseException:
            fh.close()
            raise
        started = datetime.now(UTC).isoformat(timespec="seconds")
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} on {socket.gethostname()}, crawl {owner or '?'}, since {started}\n")
        fh.flush()
        self._file = fh

    def release(self) -> None:
        if self._file is None:
            return
        try:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
        finally:
            self._file.close()
            self._file = None

    def __enter__(self) -> StateLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
