"""One crawl on several machines: worker processes of a shared crawl on one real
redis-server (tests/conftest.py ``redis_server``) against the sample site server,
each writing its own archive directory."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import redis

from newscrawl.items import RECORD_FIELDS
from newscrawl.sample_site.launch import start_subprocess
from tests.conftest import read_archive

REPO = Path(__file__).resolve().parents[1]
CRAWL_FIELDS = ("fetched_at", "crawl_id", "warc_file", "warc_record_id")
FAST = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "NEWSCRAWL_EXTRACT_WORKERS": "1",
        "LOG_LEVEL": "INFO", "NEWSCRAWL_REDIS_IDLE_TIMEOUT": "3", "NEWSCRAWL_REDIS_LEASE_TIMEOUT": "3"}


def crawl_cmd(base: str, archive: Path, **settings: str) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={base}/"]
    for name, value in {**FAST, "NEWSCRAWL_ARCHIVE_DIR": str(archive), **settings}.items():
        cmd += ["-s", f"{name}={value}"]
    return cmd


def start(cmd: list[str], log: Path) -> subprocess.Popen[bytes]:
    # Own session: kill -9 reaches the worker and its extraction processes alike.
    with log.open("wb") as out:
        return subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def finish(proc: subprocess.Popen[bytes], log: Path, timeout: float = 240) -> int:
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError(f"worker did not exit: {log.read_text()[-3000:]}") from None


def comparable(records: list[dict[str, Any]]) -> list[str]:
    """Records but for their crawl's own fields and the sample site's port (which is
    in every URL, so in the ``id`` made from it: ``duplicate_of`` becomes the URL of
    the record it names)."""
    kept = [name for name in RECORD_FIELDS if name not in (*CRAWL_FIELDS, "id")]
    url_of = {r["id"]: r["url"] for r in records}
    texts = (json.dumps({**{k: r.get(k) for k in kept}, "duplicate_of": url_of.get(r.get("duplicate_of") or "")},
                        sort_keys=True, ensure_ascii=False) for r in records)
    return sorted(re.sub(r"127\.0\.0\.1:\d+", "SITE", text) for text in texts)


def fetched(log: Path) -> Counter[str]:
    """Requests the sample site served, robots.txt aside (each worker reads it once)."""
    lines = [line.split()[1] for line in log.read_text().splitlines() if line.strip()]
    return Counter(path for path in lines if path != "/robots.txt")


@pytest.fixture
def redis_url(redis_server: str, request: pytest.FixtureRequest) -> str:
    url = f"{redis_server}/{len(request.node.name) % 16}"
    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The records of a one-process crawl (SQLite state, no Redis) of the sample site."""
    archive = tmp_path_factory.mktemp("single") / "archive"
    with start_subprocess() as base:
        log = archive.parent / "crawl.log"
        assert finish(start(crawl_cmd(base, archive), log), log) == 0, log.read_text()[-3000:]
    return read_archive(archive)


def test_two_workers_archive_each_article_once(tmp_path: Path, redis_url: str,
                                               one_process: list[dict[str, Any]]) -> None:
    requests_log = tmp_path / "requests.log"
    with start_subprocess(request_log=requests_log) as base:
        archives = [tmp_path / f"w{n}" for n in (1, 2)]
        logs = [tmp_path / f"w{n}.log" for n in (1, 2)]
        procs = [start(crawl_cmd(base, archive, NEWSCRAWL_REDIS_URL=redis_url, NEWSCRAWL_REDIS_WORKER=f"w{n}",
                                 CONCURRENT_REQUESTS="1", DOWNLOAD_DELAY="0.25"), log)
                 for n, (archive, log) in enumerate(zip(archives, logs, strict=True), 1)]
        statuses = [finish(proc, log) for proc, log in zip(procs, logs, strict=True)]
    assert statuses == [0, 0], [log.read_text()[-3000:] for log in logs]
    per_worker = [read_archive(archive) for archive in archives]
    assert all(per_worker), "both workers archived articles"
    union = per_worker[0] + per_worker[1]
    urls = Counter(r["url"] for r in union)
    assert max(urls.values()) == 1, urls
    assert comparable(union) == comparable(one_process)
    twice = {path: n for path, n in fetched(requests_log).items() if n > 1}
    assert not twice, f"fetched more than once: {twice}"
    for n, archive in enumerate(archives, 1):
        manifest = json.loads(next((archive / "runs").glob("*.json")).read_text())
        assert manifest["worker"] == f"w{n}"
        assert manifest["crawl_id"] == f"{manifest['shared_crawl_id']}-w{n}"
        assert all(f"-w{n}-" in f["path"] for f in manifest["files"])
        check = subprocess.run([sys.executable, "-m", "scrapy", "archive", "verify", str(archive)],
                               cwd=REPO, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    # The crawl is over: its queue and dupefilter are gone, the state stays.
    server = redis.Redis.from_url(redis_url)
    assert not [k for k in server.keys("newscrawl:news:crawl:*")]
    assert not server.exists("newscrawl:news:current")
    assert server.scard("newscrawl:news:state:seen") >= len(union)

    # A second crawl of the same site (same port) on the same Redis: every article is seen.
    again = tmp_path / "again"
    log = tmp_path / "again.log"
    with start_subprocess(port=int(base.rsplit(":", 1)[1])) as base:
        assert finish(start(crawl_cmd(base, again, NEWSCRAWL_REDIS_URL=redis_url), log), log) == 0
    assert read_archive(again) == []
    assert "skipped/seen" in log.read_text()


def test_killed_worker_loses_nothing(tmp_path: Path, redis_url: str, one_process: list[dict[str, Any]]) -> None:
    slow = {"NEWSCRAWL_REDIS_URL": redis_url, "DOWNLOAD_DELAY": "0.4", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}
    with start_subprocess() as base:
        victim_dir, survivor_dir = tmp_path / "victim", tmp_path / "survivor"
        victim_log, survivor_log = tmp_path / "victim.log", tmp_path / "survivor.log"
        victim = start(crawl_cmd(base, victim_dir, NEWSCRAWL_REDIS_WORKER="victim", **slow), victim_log)
        server = redis.Redis.from_url(redis_url)
        deadline = time.monotonic() + 120
        # Killed once it archived something (an open part) and holds requests it popped.
        while not (list((victim_dir / "articles").glob("date=*/.part-*.tmp"))
                   and any(server.hlen(k) for k in server.keys("newscrawl:news:crawl:*:inflight:victim"))):
            assert victim.poll() is None and time.monotonic() < deadline, victim_log.read_text()[-3000:]
            time.sleep(0.1)
        survivor = start(crawl_cmd(base, survivor_dir, NEWSCRAWL_REDIS_WORKER="survivor", **slow), survivor_log)
        time.sleep(1.5)
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()
        assert finish(survivor, survivor_log) == 0, survivor_log.read_text()[-3000:]
    assert "back in the queue" in survivor_log.read_text()
    # The killed worker's open part is recovered as after any kill -9 (also at its next start).
    recover = subprocess.run([sys.executable, "-m", "scrapy", "archive", "recover", str(victim_dir)],
                             cwd=REPO, capture_output=True, text=True)
    assert recover.returncode == 0, recover.stdout + recover.stderr
    union = read_archive(victim_dir) + read_archive(survivor_dir)
    assert read_archive(victim_dir), "the victim had archived something before it was killed"
    urls = Counter(r["url"] for r in union)
    assert max(urls.values()) == 1, urls
    assert sorted(u.split("/", 3)[3] for u in urls) == sorted(r["url"].split("/", 3)[3] for r in one_process)
