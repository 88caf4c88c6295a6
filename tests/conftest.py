"""Shared fixtures: the sample news site served by a real subprocess on loopback, and
helpers to run crawls and read archives back."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newscrawl.sample_site.launch import start_subprocess

SITE_ROOT = Path(__file__).resolve().parents[1] / "newscrawl" / "sample_site" / "site"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sample_site() -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT``) of the sample site server subprocess."""
    with start_subprocess() as base:
        yield base


@pytest.fixture(scope="session")
def site_manifest() -> dict[str, Any]:
    return json.loads((SITE_ROOT / "MANIFEST.json").read_text("utf-8"))


def read_archive(root: Path) -> list[dict[str, Any]]:
    """Every record of every finished part file under ``root/articles``."""
    records = []
    for part in sorted((root / "articles").glob("date=*/part-*.jsonl.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh if line.strip()]
    return records


def run_inline(coroutine: Any) -> Any:
    """Run a coroutine that never waits (the extract pipeline with
    NEWSCRAWL_EXTRACT_WORKERS=0) to its result, without a reactor."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise AssertionError("the coroutine waited: it was not inline")


@pytest.fixture(scope="session")
def redis_server() -> Iterator[str]:
    """``redis://127.0.0.1:PORT`` of a real redis-server (Debian's ``redis-server``,
    installed by .ci/run) on a free loopback port, without persistence. Tests take
    a database each (``/0``, ``/1`` ...) or flush it first."""
    import shutil
    import socket
    import subprocess
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server; .ci/run does it)")
    for _ in range(5):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no", "--databases", "16"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        if proc.poll() is None:
            break
    else:
        pytest.fail("redis-server did not start")
    try:
        yield f"redis://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def two_run_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive written by two real ``scrapy crawl news`` runs (as ``make demo`` runs
    it) of the sample site: the whole site, then, served again on another port (so its
    URLs are new), at most 5 articles. For ``scrapy archive report`` and its data."""
    import subprocess

    from newscrawl.demo import crawl_command

    archive = tmp_path_factory.mktemp("two_runs") / "out"
    repo = Path(__file__).resolve().parents[1]
    for extra in ([], ["-a", "max_items=5"]):
        with start_subprocess() as base:
            proc = subprocess.run(crawl_command(base, archive) + extra, capture_output=True, text=True,
                                  timeout=240, cwd=repo)
        assert proc.returncode == 0, proc.stderr[-3000:]
    return archive
