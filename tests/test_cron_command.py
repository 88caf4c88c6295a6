"""``scrapy crawl`` as cron runs it: exit statuses, a second overlapping run on the
same state directory, and pause/resume with JOBDIR by SIGINT, in subprocesses."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from newscrawl.commands.crawl import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_OK, exit_status
from tests.conftest import SITE_ROOT, read_archive

REPO = Path(__file__).resolve().parents[1]
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_ENABLED=False"]


def scrapy_crawl(archive: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "scrapy", "crawl", "news", "-s", f"NEWSCRAWL_ARCHIVE_DIR={archive}", *args]


OK_STATS = {"finish_reason": "finished", "downloader/response_status_count/200": 12,
            "robotstxt/response_status_count/200": 1, "log_count/INFO": 40}


@pytest.mark.parametrize(
    ("stats", "max_errors", "status", "why"),
    [
        (OK_STATS, 0, EXIT_OK, "finished"),
        ({**OK_STATS, "finish_reason": "max_items"}, 0, EXIT_OK, "max_items"),
        ({**OK_STATS, "finish_reason": "closespider_timeout"}, 0, EXIT_OK, "closespider_timeout"),
        ({**OK_STATS, "downloader/response_status_count/200": 1}, 0, EXIT_FAILED, "nothing fetched"),
        ({**OK_STATS, "downloader/response_status_count/200": 0, "downloader/response_status_count/404": 3},
         0, EXIT_FAILED, "nothing fetched"),
        ({**OK_STATS, "spider_exceptions/KeyError": 2}, 0, EXIT_FAILED, "callback exception"),
        ({**OK_STATS, "log_count/ERROR": 1}, 0, EXIT_FAILED, "error(s) logged"),
        ({**OK_STATS, "log_count/ERROR": 1}, 5, EXIT_OK, "finished"),
        ({**OK_STATS, "newscrawl/state/errors": 1}, 0, EXIT_FAILED, "crawl state"),
        ({**OK_STATS, "finish_reason": "closespider_errorcount"}, 0, EXIT_FAILED, "closespider_errorcount"),
        ({**OK_STATS, "finish_reason": "shutdown"}, 0, EXIT_INTERRUPTED, "interrupted"),
        ({**OK_STATS, "finish_reason": "shutdown", "downloader/response_status_count/200": 0}, 0,
         EXIT_INTERRUPTED, "interrupted"),
    ],
)
def test_exit_status(stats: dict[str, Any], max_errors: int, status: int, why: str) -> None:
    code, message = exit_status(stats, max_errors=max_errors)
    assert code == status and why in message


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("case", ["nothing_fetched", "state_not_writable", "bad_argument"])
def test_failed_crawl_exits_non_zero(case: str, sample_site: str, tmp_path: Path) -> None:
    archive = tmp_path / "out"
    if case == "nothing_fetched":
        args, expect = ["-a", f"start_urls=http://127.0.0.1:{_closed_port()}/"], "nothing fetched"
    elif case == "state_not_writable":
        (tmp_path / "blocker").write_text("a file where the state directory should go")
        args = ["-a", f"start_urls={sample_site}/", "-s", f"NEWSCRAWL_STATE_DIR={tmp_path / 'blocker' / 'state'}"]
        expect = "cannot use the state directory"
    else:
        args, expect = ["-a", f"start_urls={sample_site}/", "-a", "max_depth=deep"], "could not start"
    proc = subprocess.run(scrapy_crawl(archive, *args, *FAST), capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == EXIT_FAILED, proc.stderr[-3000:]
    assert expect in proc.stderr
    if case == "state_not_writable":  # a known condition: the message, no traceback
        assert "Traceback" not in proc.stderr


class Tail:
    """Reads a subprocess's stderr in a thread; ``wait_for`` blocks until a line
    containing ``text`` has appeared ``count`` times."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self._thread.start()

    def _read(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()
        with self._changed:
            self.lines.append("")  # EOF
            self._changed.notify_all()

    def wait_for(self, text: str, count: int = 1, timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        with self._changed:
            while sum(text in line for line in self.lines) < count:
                if "" in self.lines or not self._changed.wait(deadline - time.monotonic()):
                    return False
            return True

    def text(self) -> str:
        self._thread.join(timeout=60)
        return "".join(self.lines)


@pytest.fixture(scope="module")
def cron(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run A (slow, JOBDIR) starts; while it runs, run B starts on the same archive and
    state; A gets SIGINT after a few records; run C resumes A's job."""
    base = tmp_path_factory.mktemp("cron")
    archive, jobdir = base / "out", base / "job"
    seeds = ["-a", f"start_urls={sample_site}/", "-a", f"sitemap_urls={sample_site}/sitemap.xml",
             "-a", f"feed_urls={sample_site}/rss.xml,{sample_site}/atom.xml"]
    job = ["-s", f"JOBDIR={jobdir}", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=1"]
    result: dict[str, Any] = {}
    a = subprocess.Popen(scrapy_crawl(archive, *seeds, *job, "-s", "DOWNLOAD_DELAY=0.2", "-s", "LOG_LEVEL=DEBUG"),
                         stderr=subprocess.PIPE, text=True, cwd=REPO)
    tail = Tail(a)
    try:
        assert tail.wait_for("Scraped from", 1), tail.text()[-3000:]
        started = time.monotonic()
        b = subprocess.run(scrapy_crawl(archive, *seeds, *FAST), capture_output=True, text=True, timeout=60, cwd=REPO)
        result.update(b_status=b.returncode, b_stderr=b.stderr, b_seconds=time.monotonic() - started,
                      a_alive_after_b=a.poll() is None)
        assert tail.wait_for("Scraped from", 4), tail.text()[-3000:]
        a.send_signal(signal.SIGINT)  # once: graceful stop
        result["a_status"] = a.wait(timeout=60)
    finally:
        if a.poll() is None:
            a.kill()
            a.wait()
    result["a_stderr"] = tail.text()
    if a.stderr is not None:
        a.stderr.close()
    result["a_records"] = read_archive(archive)
    c = subprocess.run(scrapy_crawl(archive, *seeds, *job, "-s", "DOWNLOAD_DELAY=0"),
                       capture_output=True, text=True, timeout=120, cwd=REPO)
    result.update(c_status=c.returncode, c_stderr=c.stderr, records=read_archive(archive), archive=archive)
    return result


def test_overlapping_run_exits_at_once(cron: dict[str, Any]) -> None:
    assert cron["b_status"] == EXIT_LOCKED, cron["b_stderr"][-3000:]
    assert "another crawl is running on this state directory" in cron["b_stderr"]
    assert cron["a_alive_after_b"]
    assert cron["b_seconds"] < 20
    assert "Traceback" not in cron["b_stderr"]


def test_interrupted_run_exits_3(cron: dict[str, Any]) -> None:
    assert cron["a_status"] == EXIT_INTERRUPTED, cron["a_stderr"][-3000:]
    assert "'finish_reason': 'shutdown'" in cron["a_stderr"]
    assert cron["a_records"], "the interrupted run archived nothing"


def test_resumed_run_finishes(cron: dict[str, Any]) -> None:
    assert cron["c_status"] == EXIT_OK, cron["c_stderr"][-3000:]
    assert "crawl exit status 0" in cron["c_stderr"]


def test_no_record_lost_or_written_twice(cron: dict[str, Any]) -> None:
    manifest = json.loads((SITE_ROOT / "MANIFEST.json").read_text("utf-8"))
    records = cron["records"]
    paths = Counter(urlsplit(r["url"]).path for r in records)
    assert set(paths) == {a["path"] for a in manifest["articles"]}
    assert max(paths.values()) == 1
    assert len({r["id"] for r in records}) == len(records)
    runs = Counter(r["crawl_id"] for r in records)
    assert len(runs) == 2 and len(cron["a_records"]) < len(records)  # both runs wrote some


def test_only_two_runs_wrote_manifests(cron: dict[str, Any]) -> None:
    manifests = [json.loads(p.read_text("utf-8")) for p in (cron["archive"] / "runs").glob("*.json")]
    assert sorted(m["finish_reason"] for m in manifests) == ["finished", "shutdown"]
    # the locked-out run B wrote no log into the archive either: the two logs are A's and C's
    assert sorted(p.stem for p in (cron["archive"] / "runs").glob("*.log")) == sorted(m["crawl_id"] for m in manifests)


def test_jobdir_run_after_a_finished_run_fetches_seeds_again(sample_site: str, tmp_path: Path) -> None:
    """cron with ``-s JOBDIR=...``: a finished job is over, so the next run with the
    same job directory fetches the seeds, sitemaps and feeds again (it used to find
    them all in the job's seen requests, fetch nothing and exit 1)."""
    archive, jobdir = tmp_path / "out", tmp_path / "job"
    seeds = ["-a", f"start_urls={sample_site}/", "-a", f"sitemap_urls={sample_site}/sitemap.xml",
             "-a", f"feed_urls={sample_site}/rss.xml"]
    command = scrapy_crawl(archive, *seeds, *FAST, "-s", f"JOBDIR={jobdir}", "-s", "LOG_LEVEL=DEBUG")
    runs = [subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=REPO) for _ in range(2)]
    first, second = runs
    assert first.returncode == EXIT_OK, first.stderr[-3000:]
    assert second.returncode == EXIT_OK, second.stderr[-3000:]
    site = json.loads((SITE_ROOT / "MANIFEST.json").read_text("utf-8"))
    listings = [item["url_path"] for item in site["listings"]]
    fetched = set(re.findall(r"Crawled \(200\) <GET (\S+)>", second.stderr))
    for path in ["/sitemap.xml", "/sitemap-news.xml", "/sitemap-pages.xml.gz", "/rss.xml", *listings]:
        assert f"{sample_site}{path}" in fetched, path
    records = read_archive(archive)
    assert {r["crawl_id"] for r in records} == {records[0]["crawl_id"]}  # nothing archived twice
    assert f"skipped/seen: {len(records)}" in second.stderr



def interrupt_after(command: list[str], line: str) -> tuple[int, float, str]:
    """Run a crawl, send one SIGINT once its stderr shows ``line``: ``(exit status,
    seconds from the signal to the exit, stderr)``."""
    a = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=REPO)
    tail = Tail(a)
    try:
        assert tail.wait_for(line, 1), tail.text()[-3000:]
        a.send_signal(signal.SIGINT)
        signalled = time.monotonic()
        status = a.wait(timeout=60)
        stopped_in = time.monotonic() - signalled
    finally:
        if a.poll() is None:
            a.kill()
            a.wait()
    stderr = tail.text()
    if a.stderr is not None:
        a.stderr.close()
    return status, stopped_in, stderr


def test_one_sigint_stops_a_slow_crawl_at_once(sample_site: str, tmp_path: Path) -> None:
    """With DOWNLOAD_DELAY=1 the downloader holds many requests waiting for their turn;
    one SIGINT must not wait for them all (it took 20 s): they are not sent, but kept
    in the job directory, and the resumed run archives every article exactly once."""
    archive, jobdir = tmp_path / "out", tmp_path / "job"
    seeds = ["-a", f"start_urls={sample_site}/", "-a", f"sitemap_urls={sample_site}/sitemap.xml",
             "-a", f"feed_urls={sample_site}/rss.xml,{sample_site}/atom.xml"]
    job = ["-s", f"JOBDIR={jobdir}", "-s", "AUTOTHROTTLE_ENABLED=False"]
    status, stopped_in, stderr = interrupt_after(
        scrapy_crawl(archive, *seeds, *job, "-s", "DOWNLOAD_DELAY=1", "-s", "LOG_LEVEL=DEBUG"), "Scraped from")
    assert status == EXIT_INTERRUPTED, stderr[-3000:]
    assert stopped_in < 10, f"took {stopped_in:.1f} s to stop"  # a DOWNLOAD_DELAY or two, not the queue
    assert "requests not sent" in stderr and "kept in the job directory" in stderr
    assert stderr.index("crawl summary:") < stderr.index("crawl exit status 3")
    assert "crawl exit status 3" in stderr.strip().splitlines()[-1]
    first = read_archive(archive)
    assert 0 < len(first) < 14
    resumed = subprocess.run(scrapy_crawl(archive, *seeds, *job, "-s", "DOWNLOAD_DELAY=0"),
                             capture_output=True, text=True, timeout=120, cwd=REPO)
    assert resumed.returncode == EXIT_OK, resumed.stderr[-3000:]
    paths = Counter(urlsplit(r["url"]).path for r in read_archive(archive))
    manifest = json.loads((SITE_ROOT / "MANIFEST.json").read_text("utf-8"))
    assert set(paths) == {a["path"] for a in manifest["articles"]} and max(paths.values()) == 1


def test_one_sigint_does_not_wait_out_a_retry_backoff(sample_site: str, tmp_path: Path) -> None:
    """A retry waiting 30 s for its Retry-After is not waited out either: set aside
    (kept in the job directory) and the crawl stops."""
    archive, jobdir = tmp_path / "out", tmp_path / "job"
    url = f"{sample_site}/hostile/status/503.html?retry_after=30"
    status, stopped_in, stderr = interrupt_after(
        scrapy_crawl(archive, "-a", f"start_urls={url}", *FAST[:4], "-s", f"JOBDIR={jobdir}", "-s", "LOG_LEVEL=DEBUG"),
        "before retrying")
    assert status == EXIT_INTERRUPTED, stderr[-3000:]
    assert stopped_in < 10, f"took {stopped_in:.1f} s to stop"
    assert "skipped/interrupted: 1" in stderr and "dropped/http_503" not in stderr
    assert "Resuming crawl (1 requests scheduled)" in subprocess.run(
        scrapy_crawl(archive, "-a", f"start_urls={url}", *FAST, "-s", f"JOBDIR={jobdir}"),
        capture_output=True, text=True, timeout=120, cwd=REPO).stderr


def test_log_file_directory_is_created(sample_site: str, tmp_path: Path) -> None:
    # The README's cron line logs to /var/log/newscrawl/crawl.log, a directory a
    # fresh host does not have.
    log = tmp_path / "log" / "newscrawl" / "crawl.log"
    proc = subprocess.run(scrapy_crawl(tmp_path / "out", "-a", f"start_urls={sample_site}/", "-a", "max_depth=1",
                                       "-s", f"LOG_FILE={log}", *FAST),
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == EXIT_OK, proc.stderr[-3000:]
    assert "crawl exit status 0" in log.read_text("utf-8")
    assert "Traceback" not in proc.stderr


def test_log_file_directory_that_cannot_be_made(sample_site: str, tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where the log directory should go")
    log = tmp_path / "blocker" / "newscrawl" / "crawl.log"
    proc = subprocess.run(scrapy_crawl(tmp_path / "out", "-a", f"start_urls={sample_site}/", "--logfile", str(log),
                                       *FAST), capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == EXIT_FAILED
    assert proc.stderr.strip().splitlines() == [
        f"scrapy crawl: the crawl could not start: cannot create the log directory {log.parent}: Not a directory"]
