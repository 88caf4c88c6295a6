"""Start the sample site server as a subprocess on an ephemeral loopback port.

The server binds port 0 itself and prints its URL, so there is no bind-then-close
port race; the parent reads that line and stops the server on exit.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def start_subprocess(
    host: str = "127.0.0.1", root: Path | None = None, timeout: float = 20.0, port: int = 0,
    robots_txt: str = "serve", request_log: Path | None = None, together: tuple[str, ...] = (),
) -> Iterator[str]:
    """Yield the base URL of a running server; ``port`` 0 lets the server pick one;
    ``robots_txt="reset"``: its /robots.txt drops the connection; ``together``: URL
    paths answered only once each was requested (``--together``)."""
    cmd = [sys.executable, "-m", "newscrawl.sample_site.server", "--host", host, "--port", str(port),
           "--robots-txt", robots_txt]
    if root is not None:
        cmd += ["--root", str(root)]
    if request_log is not None:
        cmd += ["--request-log", str(request_log)]
    if together:
        cmd += ["--together", ",".join(together)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        if not line.startswith("http"):
            raise RuntimeError(f"sample site server did not start: {line!r}")
        yield line
    finally:
        if proc.stdout is not None:
            proc.stdout.close()
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
