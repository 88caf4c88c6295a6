"""A worker started without seeds joins a shared crawl and crawls by the scope the
seeded worker stored in Redis; with no crawl to join it fails at once. Real
redis-server (tests/conftest.py ``redis_server``), real worker processes, the sample
site server."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import redis

from newscrawl.distributed.keys import CrawlKeys
from newscrawl.distributed.scope import SharedCrawlError, join_crawl
from newscrawl.sample_site.launch import start_subprocess
from newscrawl.spiders.news import NewsSpider
from newscrawl.spiders.scope import CrawlScope
from tests.conftest import SITE_ROOT, read_archive
from tests.test_distributed import FAST, REPO, fetched, finish, redis_url, start

__all__ = ["redis_url"]  # the fixture, shared with tests/test_distributed.py

BASE = "newscrawl:news:"


def worker_cmd(archive: Path, arguments: dict[str, str], **settings: str) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news"]
    for name, value in arguments.items():
        cmd += ["-a", f"{name}={value}"]
    for name, value in {**FAST, "NEWSCRAWL_ARCHIVE_DIR": str(archive), **settings}.items():
        cmd += ["-s", f"{name}={value}"]
    return cmd


def wait_for_scope(server: redis.Redis, proc: subprocess.Popen[bytes], log: Path) -> str:
    """The crawl id once the seeded worker has defined the crawl in Redis."""
    deadline = time.monotonic() + 120
    while True:
        current = server.get(BASE + "current")
        if current and server.exists(CrawlKeys(BASE, current.decode()).scope):
            return current.decode()
        assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
        time.sleep(0.05)


def test_seedless_worker_crawls_the_crawls_scope(tmp_path: Path, redis_url: str,
                                                 site_manifest: dict[str, Any]) -> None:
    requests_log = tmp_path / "requests.log"
    with start_subprocess(request_log=requests_log) as base:
        seeds = {"start_urls": f"{base}/", "feed_urls": f"{base}/rss.xml,{base}/atom.xml",
                 "sitemap_urls": f"{base}/sitemap.xml", "deny": "/tech/"}
        archives = {name: tmp_path / name for name in ("seeded", "seedless")}
        logs = {name: tmp_path / f"{name}.log" for name in archives}
        # The seeded worker fetches one page a second, one at a time, so it cannot
        # take the crawl's ~100 pages before the other worker joins: the seedless
        # worker does most of the crawl.
        seeded = start(worker_cmd(archives["seeded"], seeds, NEWSCRAWL_REDIS_URL=redis_url,
                                  NEWSCRAWL_REDIS_WORKER="seeded", CONCURRENT_REQUESTS="1",
                                  DOWNLOAD_DELAY="1", RANDOMIZE_DOWNLOAD_DELAY="False"), logs["seeded"])
        server = redis.Redis.from_url(redis_url)
        crawl = wait_for_scope(server, seeded, logs["seeded"])
        seedless = start(worker_cmd(archives["seedless"], {}, NEWSCRAWL_REDIS_URL=redis_url,
                                    NEWSCRAWL_REDIS_WORKER="seedless"), logs["seedless"])
        statuses = [finish(seeded, logs["seeded"]), finish(seedless, logs["seedless"])]
    assert statuses == [0, 0], [log.read_text()[-3000:] for log in logs.values()]
    assert f"shared crawl {crawl}" in logs["seedless"].read_text()
    per_worker = {name: read_archive(archive) for name, archive in archives.items()}
    assert per_worker["seedless"], "the worker without seeds archived articles"
    union = per_worker["seeded"] + per_worker["seedless"]
    paths = Counter(urlsplit(r["url"]).path for r in union)
    assert max(paths.values()) == 1, paths
    # The scope held on both: every article but the denied /tech/ ones, nothing under /tech/ fetched.
    expected = {a["path"] for a in site_manifest["articles"] if not a["path"].startswith("/tech/")}
    assert set(paths) == expected
    served = fetched(requests_log)
    assert not [p for p in served if p.startswith("/tech/")], sorted(served)
    twice = {path: n for path, n in served.items() if n > 1}
    assert not twice, f"fetched more than once: {twice}"


def test_seedless_worker_without_a_crawl_fails_at_once(tmp_path: Path, redis_url: str) -> None:
    done = subprocess.run(worker_cmd(tmp_path / "archive", {}, NEWSCRAWL_REDIS_URL=redis_url), cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    errors = [line for line in done.stderr.splitlines() if " ERROR: " in line]
    assert len(errors) == 1 and "no shared crawl to join" in errors[0], done.stderr
    assert not redis.Redis.from_url(redis_url).exists(BASE + "current"), "a seedless worker defines no crawl"


def test_seedless_worker_refuses_other_arguments() -> None:
    with pytest.raises(ValueError, match="a worker without seeds joins the shared crawl"):
        NewsSpider(deny="/tech/", _join_shared_crawl=True)


def test_a_seeded_worker_with_another_scope_is_refused(redis_url: str) -> None:
    server = redis.Redis.from_url(redis_url)
    first = NewsSpider(start_urls="http://a.example/", deny="/tech/", _join_shared_crawl=True)
    crawl = join_crawl(server, BASE, None, first)
    same = NewsSpider(start_urls="http://a.example/world/", deny="/tech/", _join_shared_crawl=True)
    assert join_crawl(server, BASE, None, same) == crawl  # other seeds, one scope: joins
    other = NewsSpider(start_urls="http://b.example/", _join_shared_crawl=True)
    with pytest.raises(SharedCrawlError, match="allowed_domains: crawl \\('a.example',\\), this worker"):
        join_crawl(server, BASE, None, other)
    seedless = NewsSpider(_join_shared_crawl=True)
    assert join_crawl(server, BASE, None, seedless) == crawl
    assert seedless.crawl_scope() == first.crawl_scope()
    assert not seedless.seed_urls and seedless._out_of_scope("http://a.example/tech/x.html") == "pattern"


@pytest.mark.parametrize(("field", "value"), [("allowed_domains", "a.example"), ("max_depth", -1),
                                               ("max_items", True), ("site", 3), ("extra", 1)])
def test_a_damaged_scope_is_refused(field: str, value: Any) -> None:
    data = {**json.loads(CrawlScope(allowed_domains=("a.example",)).to_json()), field: value}
    with pytest.raises(ValueError, match="crawl scope"):
        CrawlScope.from_json(json.dumps(data))


def test_scope_round_trips() -> None:
    scope = NewsSpider(site="tibet", max_items="5", _join_shared_crawl=True).crawl_scope()
    assert scope.timezone and scope.max_items == 5
    assert CrawlScope.from_json(scope.to_json()) == scope


WIRE = "/politics/2022-07/24/c_1128858541.htm"
REPRINT = "/china/2022-07-24/doc-imizirav5123789.shtml"  # the same body: an exact copy


def near_copy_site(tmp_path: Path) -> Path:
    """The sample site with the reprint lightly edited: a near, not an exact, copy."""
    root = tmp_path / "site"
    shutil.copytree(SITE_ROOT, root)
    page = root / REPRINT.lstrip("/")
    text = page.read_text("utf-8")
    assert "高温持续时间长、影响范围广" in text
    page.write_text(text.replace("高温持续时间长、影响范围广", "这轮高温过程持续时间较长、影响的范围较广"), "utf-8")
    return root


@pytest.mark.parametrize("kind", ["exact", "near"])
def test_two_copies_judged_at_once_on_two_workers(kind: str, tmp_path: Path, redis_url: str) -> None:
    """Two crawls on one Redis state, one copy each; the server answers both pages at
    the same moment, so both workers extract and judge their copy at once."""
    root = near_copy_site(tmp_path) if kind == "near" else None
    with start_subprocess(root=root, together=(WIRE, REPRINT)) as base:
        archives = {path: tmp_path / f"w{n}" for n, path in enumerate((WIRE, REPRINT))}
        logs = {path: tmp_path / f"w{n}.log" for n, path in enumerate((WIRE, REPRINT))}
        procs = {path: start(worker_cmd(archives[path], {"start_urls": base + path, "max_depth": "0"},
                                        NEWSCRAWL_REDIS_URL=redis_url, NEWSCRAWL_REDIS_WORKER=f"w{n}",
                                        NEWSCRAWL_CRAWL_ID=f"dup{n}"), logs[path])
                 for n, path in enumerate((WIRE, REPRINT))}
        statuses = [finish(procs[path], logs[path]) for path in procs]
    assert statuses == [0, 0], [log.read_text()[-3000:] for log in logs.values()]
    records = [r for archive in archives.values() for r in read_archive(archive)]
    assert sorted(urlsplit(r["url"]).path for r in records) == sorted((WIRE, REPRINT))
    originals = [r for r in records if r["duplicate_of"] is None]
    assert len(originals) == 1, [(r["url"], r["duplicate_of"]) for r in records]
    (copy,) = [r for r in records if r["duplicate_of"] is not None]
    assert copy["duplicate_of"] == originals[0]["id"]
    assert (copy["content_hash"] == originals[0]["content_hash"]) == (kind == "exact")
    copy_log = logs[urlsplit(copy["url"]).path].read_text()
    assert f"'newscrawl/duplicates/{kind}': 1" in copy_log


def test_max_items_counts_across_workers(tmp_path: Path, redis_url: str) -> None:
    with start_subprocess() as base:
        arguments = {"start_urls": f"{base}/", "feed_urls": f"{base}/rss.xml,{base}/atom.xml",
                     "sitemap_urls": f"{base}/sitemap.xml", "max_items": "4"}
        archives = [tmp_path / f"w{n}" for n in (1, 2)]
        logs = [tmp_path / f"w{n}.log" for n in (1, 2)]
        procs = [start(worker_cmd(archive, arguments, NEWSCRAWL_REDIS_URL=redis_url, NEWSCRAWL_REDIS_WORKER=f"w{n}",
                                  CONCURRENT_REQUESTS_PER_DOMAIN="1", DOWNLOAD_DELAY="0.25"), log)
                 for n, (archive, log) in enumerate(zip(archives, logs, strict=True), 1)]
        statuses = [finish(proc, log) for proc, log in zip(procs, logs, strict=True)]
    assert statuses == [0, 0], [log.read_text()[-3000:] for log in logs]
    records = [r for archive in archives for r in read_archive(archive)]
    assert len(records) == 4, [r["url"] for r in records]
    for archive in archives:  # every worker stopped at the shared limit
        manifest = json.loads(next((archive / "runs").glob("*.json")).read_text())
        assert manifest["finish_reason"] == "max_items"
    # The crawl reached its end: the next run starts a new one.
    server = redis.Redis.from_url(redis_url)
    assert not server.keys(BASE + "crawl:*") and not server.exists(BASE + "current")
