"""Extraction in worker processes (NEWSCRAWL_EXTRACT_WORKERS), end to end: real
``scrapy crawl`` subprocesses against the sample site server, real spawned workers.

A copy of the sample site carries markers (HTML comments, which the extractor never
reads) that make ``tests.extract_functions.misbehaving`` crash its worker with
SIGSEGV, hang, or take half a second on that page."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_twisted
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred, DeferredList

from newscrawl.commands.crawl import EXIT_INTERRUPTED, EXIT_OK
from newscrawl.items import RECORD_FIELDS
from newscrawl.pages import FetchedPage
from newscrawl.pipelines.extract import ExtractPipeline
from newscrawl.sample_site.launch import start_subprocess
from newscrawl.spiders.news import NewsSpider
from tests.conftest import SITE_ROOT, read_archive
from tests.extract_functions import CRASH, HANG, SLOW

REPO = Path(__file__).resolve().parents[1]
CRASH_PAGE = "/world/2022/07/24/asia-container-freight-rates-ease.html"
HANG_PAGE = "/tech/2022-07-22/1658470012345.shtml"
# The original of the sample site's one reprint (the reprint is only in rss.xml):
# slow, so that a worker finishes pages fetched after it first.
SLOW_PAGE = "/politics/2022-07/24/c_1128858541.htm"
REPRINT = "/china/2022-07-24/doc-imizirav5123789.shtml"


def _mark(root: Path, path: str, marker: str) -> None:
    page = root / path.lstrip("/")
    page.write_bytes(page.read_bytes().replace(b"</body>", f"<!-- {marker} --></body>".encode(), 1))


def _site(tmp_path_factory: pytest.TempPathFactory, marks: dict[str, str]) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site") / "site"
    shutil.copytree(SITE_ROOT, root)
    for path, marker in marks.items():
        _mark(root, path, marker)
    with start_subprocess(root=root) as base:
        yield base


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _site(tmp_path_factory, {CRASH_PAGE: CRASH, HANG_PAGE: HANG})


@pytest.fixture(scope="module")
def slow_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _site(tmp_path_factory, {SLOW_PAGE: SLOW})


def _command(base: str, archive: Path, *settings: str) -> list[str]:
    seeds = ["-a", f"start_urls={base}/", "-a", f"sitemap_urls={base}/sitemap.xml",
             "-a", f"feed_urls={base}/rss.xml,{base}/atom.xml"]
    fast = ["AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "RETRY_ENABLED=False", "CONCURRENT_REQUESTS=1",
            f"NEWSCRAWL_ARCHIVE_DIR={archive}", "NEWSCRAWL_EXTRACT_FUNCTION=tests.extract_functions.misbehaving"]
    options = [arg for setting in (*fast, *settings) for arg in ("-s", setting)]
    return [sys.executable, "-m", "scrapy", "crawl", "news", *seeds, *options]


def _env(token: str) -> dict[str, str]:
    """The crawl's environment, with a token its worker processes inherit."""
    return {**os.environ, "NEWSCRAWL_TEST_TOKEN": token, "PYTHONPATH": str(REPO)}


def _processes_with(token: str) -> list[int]:
    """Live processes whose environment holds ``token`` (workers outlive a crawl only
    as orphans, re-parented away from it: their environment still names it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"NEWSCRAWL_TEST_TOKEN={token}".encode() in environ and state != "Z":
            found.append(int(entry.name))
    return found


def _no_process_left(token: str) -> list[int]:
    """Processes still alive after a short grace (the resource tracker exits on EOF)."""
    deadline = time.monotonic() + 10
    while (left := _processes_with(token)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def _crawl(base: str, archive: Path, *settings: str) -> tuple[subprocess.CompletedProcess[str], str]:
    token = uuid.uuid4().hex
    done = subprocess.run(_command(base, archive, *settings), capture_output=True, text=True, timeout=300,
                          cwd=REPO, env=_env(token))
    return done, token


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url).split("?")[0]


def _paths(records: list[dict[str, Any]]) -> set[str]:
    return {_path(r["url"]) for r in records}


@pytest.fixture(scope="module")
def worker_crawl(broken_site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    archive = tmp_path_factory.mktemp("workers") / "out"
    done, token = _crawl(broken_site, archive, "NEWSCRAWL_EXTRACT_WORKERS=2", "NEWSCRAWL_EXTRACT_TIMEOUT=3")
    return {"done": done, "records": read_archive(archive), "left": _no_process_left(token)}


def test_a_crashed_or_hung_worker_costs_only_its_page(worker_crawl: dict[str, Any]) -> None:
    done = worker_crawl["done"]
    assert done.returncode == EXIT_OK, done.stderr[-3000:]
    stderr = done.stderr
    assert "'newscrawl/dropped/extract_failed': 1," in stderr
    assert "'newscrawl/dropped/extract_timeout': 1," in stderr
    failed = [line for line in stderr.splitlines() if CRASH_PAGE in line and "dropped" in line]
    hung = [line for line in stderr.splitlines() if HANG_PAGE in line and "dropped" in line]
    assert len(failed) == 1 and "extract_failed" in failed[0] and "exit code -11" in failed[0], failed
    assert len(hung) == 1 and "extract_timeout" in hung[0] and "replaced" in hung[0], hung
    assert "Traceback" not in stderr
    paths = _paths(worker_crawl["records"])
    assert CRASH_PAGE not in paths and HANG_PAGE not in paths
    assert len(paths) == 12  # the 14 articles, less the two
    assert "extracting in 2 worker processes" in stderr


def test_no_worker_outlives_the_crawl(worker_crawl: dict[str, Any]) -> None:
    assert worker_crawl["left"] == []


def test_workers_and_inline_write_the_same_archive(slow_site: str, tmp_path: Path) -> None:
    """The same records, ids and duplicates, whichever way the pages were extracted,
    though the slow original is finished after pages fetched later than it."""
    runs = {}
    for workers in (0, 2):
        done, _ = _crawl(slow_site, tmp_path / str(workers), f"NEWSCRAWL_EXTRACT_WORKERS={workers}")
        assert done.returncode == EXIT_OK, done.stderr[-3000:]
        assert ("extracting in 2 worker processes" in done.stderr) == (workers == 2)
        runs[workers] = {r["id"]: r for r in read_archive(tmp_path / str(workers))}
    inline, workers = runs[0], runs[2]
    assert len(inline) == 14 and set(workers) == set(inline)
    kept = [name for name in RECORD_FIELDS if name not in ("fetched_at", "crawl_id", "warc_file", "warc_record_id")]
    for record_id, record in workers.items():
        assert {k: record[k] for k in kept} == {k: inline[record_id][k] for k in kept}, record["url"]
    marked = {_path(r["url"]): r["duplicate_of"] for r in workers.values() if r["duplicate_of"]}
    assert list(marked) == [REPRINT]
    assert [_path(inline[marked[REPRINT]]["url"])] == [SLOW_PAGE]


@pytest.mark.parametrize("how", ["ctrl-c", "kill-term"])
def test_an_interrupted_crawl_drains_the_workers(how: str, slow_site: str, tmp_path: Path) -> None:
    """Ctrl-C in a terminal signals the whole process group, workers too: they ignore
    it; ``kill -TERM`` signals the crawl alone. Either way the crawl stops as after one
    SIGINT (exit 3), no page is lost to a killed worker, no worker is left behind."""
    token = uuid.uuid4().hex
    command = _command(slow_site, tmp_path / "out", "NEWSCRAWL_EXTRACT_WORKERS=2", "DOWNLOAD_DELAY=0.3",
                       "LOG_LEVEL=DEBUG")
    crawl = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=REPO, env=_env(token),
                             start_new_session=True)
    try:
        assert crawl.stderr is not None
        for line in crawl.stderr:
            if "Scraped from" in line:
                break
        if how == "ctrl-c":
            os.killpg(crawl.pid, signal.SIGINT)
        else:
            crawl.send_signal(signal.SIGTERM)
        stderr = crawl.stderr.read()
        status = crawl.wait(timeout=120)
    finally:
        if crawl.poll() is None:
            os.killpg(crawl.pid, signal.SIGKILL)
            crawl.wait()
        if crawl.stderr is not None:
            crawl.stderr.close()
    assert status == EXIT_INTERRUPTED, stderr[-3000:]
    assert "extract_failed" not in stderr and "KeyboardInterrupt" not in stderr
    assert read_archive(tmp_path / "out")
    assert _no_process_left(token) == []


def test_closespider_stops_the_workers(slow_site: str, tmp_path: Path) -> None:
    """``-a max_items=3`` closes the crawl (CloseSpider) with pages still in the
    workers: they are finished, not lost, and no worker is left behind."""
    token = uuid.uuid4().hex
    command = [*_command(slow_site, tmp_path / "out", "NEWSCRAWL_EXTRACT_WORKERS=2", "CONCURRENT_REQUESTS=8"),
               "-a", "max_items=3"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO, env=_env(token))
    assert done.returncode == EXIT_OK, done.stderr[-3000:]
    assert "(max_items)" in done.stderr or "max_items" in done.stderr
    assert len(read_archive(tmp_path / "out")) == 3
    assert "extract_failed" not in done.stderr
    assert _no_process_left(token) == []


# --- the pipeline in process, real workers -------------------------------------------

PAGE = (SITE_ROOT / "politics/2022-07/24/c_1128858541.htm").read_text("utf-8")


@pytest_twisted.ensureDeferred
async def test_pages_out_are_bounded_and_leave_in_order() -> None:
    """Two workers, NEWSCRAWL_EXTRACT_QUEUE_PER_WORKER=1: never more than two pages
    are handed to the pool at once; the slow first page, finished after the other
    worker's, still leaves first."""
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_STATE_ENABLED": False, "NEWSCRAWL_EXTRACT_WORKERS": 2,
                                       "NEWSCRAWL_EXTRACT_QUEUE_PER_WORKER": 1,
                                       "NEWSCRAWL_EXTRACT_FUNCTION": "tests.extract_functions.misbehaving"})
    pipeline = ExtractPipeline.from_crawler(crawler)
    pipeline.open_spider()
    assert pipeline.pool is not None
    submit, out, peak = pipeline.pool.submit, [0], [0]

    def counting(task: Any) -> Any:
        out[0] += 1
        peak[0] = max(peak[0], out[0])
        future = submit(task)
        future.add_done_callback(lambda _: out.__setitem__(0, out[0] - 1))
        return future

    pipeline.pool.submit = counting  # type: ignore[method-assign]
    pages = [FetchedPage(url=f"http://127.0.0.1/politics/{n}.htm", body=b"",
                         text=PAGE.replace("</body>", f"<!-- {SLOW} --></body>") if n == 0 else PAGE)
             for n in range(6)]
    left: list[str] = []
    try:
        runs = [Deferred.fromFuture(asyncio.ensure_future(pipeline.process_item(page))) for page in pages]
        for run in runs:
            run.addCallback(lambda record: left.append(record["url"]) or record)
        records = await DeferredList(runs, fireOnOneErrback=True)
    finally:
        pipeline.close_spider()
    assert peak[0] == 2
    assert left == [page.url for page in pages]
    assert len({r["body"] for _, r in records}) == 1 and records[0][1]["body"]
