"""Monitors end to end: ``scrapy crawl`` of the sample site served as two sites
(127.0.0.1 and 127.0.0.2, two real servers), twice into one archive; the second time
127.0.0.2's article template is broken (bodies empty)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from newscrawl.commands.crawl import EXIT_MONITOR, EXIT_OK
from newscrawl.sample_site.launch import start_subprocess
from newscrawl.sitestats import COVERAGE_FIELDS
from tests.conftest import SITE_ROOT

REPO = Path(__file__).resolve().parents[1]
SITES = ("127.0.0.1", "127.0.0.2")
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_ENABLED=False"]


def break_article_template(root: Path) -> int:
    """Copy the sample site to ``root`` with every article page in a new template: the
    head kept (og:type=article added where missing, JSON-LD ``articleBody`` removed), the
    body a headline and an empty client-side app shell. Returns the pages changed."""
    shutil.copytree(SITE_ROOT, root)
    articles = json.loads((SITE_ROOT / "MANIFEST.json").read_text("utf-8"))["articles"]
    for article in articles:
        page = root / article["path"].lstrip("/")
        html = page.read_bytes().decode(article["encoding"])
        html = re.sub(r'"articleBody"\s*:\s*"(?:[^"\\]|\\.)*"\s*,?', "", html)
        if 'property="og:type"' not in html:
            html = re.sub(r"(<head[^>]*>)", r'\1<meta property="og:type" content="article">', html, count=1, flags=re.I)
        shell = (f'<body><h1>{article["title"]}</h1><div id="app" data-article="{article["key"]}"></div>'
                 '<script src="/static/js/app.js"></script></body>')
        html, bodies = re.subn(r"<body\b.*</body>", shell, html, flags=re.S | re.I)
        assert bodies == 1, article["path"]
        page.write_bytes(html.encode(article["encoding"], "xmlcharrefreplace"))
    return len(articles)


def crawl(archive: Path, bases: list[str]) -> subprocess.CompletedProcess[str]:
    seeds = ["-a", "start_urls=" + ",".join(f"{b}/" for b in bases),
             "-a", "sitemap_urls=" + ",".join(f"{b}/sitemap.xml" for b in bases),
             "-a", "feed_urls=" + ",".join(f"{b}/rss.xml,{b}/atom.xml" for b in bases)]
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", *seeds, "-s", f"NEWSCRAWL_ARCHIVE_DIR={archive}", *FAST]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=240, cwd=REPO)


def manifests(archive: Path) -> list[dict[str, Any]]:
    found = [json.loads(p.read_text("utf-8")) for p in (archive / "runs").glob("*.json")]
    return sorted(found, key=lambda m: m["started_at"])


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("monitors")
    archive, broken = base / "out", base / "broken-site"
    assert break_article_template(broken) == 14
    with ExitStack() as first_servers:
        first = crawl(archive, [first_servers.enter_context(start_subprocess(host)) for host in SITES])
        # The first servers stay up, so the second ones get other ports: other URLs, the
        # same sites (a site is the host without the port), nothing skipped as seen.
        with ExitStack() as second_servers:
            bases = [second_servers.enter_context(start_subprocess("127.0.0.1")),
                     second_servers.enter_context(start_subprocess("127.0.0.2", root=broken))]
            second = crawl(archive, bases)
    runs = manifests(archive)
    assert len(runs) == 2, [m["crawl_id"] for m in runs]
    return {"first": first, "second": second, "runs": runs, "archive": archive}


def test_first_run_passes(two_runs: dict[str, Any]) -> None:
    first, manifest = two_runs["first"], two_runs["runs"][0]
    assert first.returncode == EXIT_OK, first.stderr[-3000:]
    assert manifest["monitors"] == {"passed": True, "sites_checked": 2, "failures": []}
    assert (manifest["exit_status"], manifest["exit_reason"]) == (EXIT_OK, "finish reason 'finished'")
    assert "monitor failed" not in first.stderr and "monitors: passed (2 sites checked)" in first.stderr


def test_first_run_sites_block(two_runs: dict[str, Any]) -> None:
    sites = two_runs["runs"][0]["sites"]
    assert sorted(sites) == list(SITES)
    for site in sites.values():
        assert site["archived"] == site["article_pages"] == 14 and site["fetched"] > 14
        assert site["http_status"] == {"200": site["fetched"]}
        assert set(site["coverage"]) == set(COVERAGE_FIELDS)
        assert site["coverage"]["body"] == site["coverage"]["published_at"] == 1.0
        assert 0 < site["coverage"]["images"] < 1
        # the sample site's articles are of July 2022: years before any run of this test
        assert site["freshness_seconds"]["median"] > 365 * 86400
        assert site["freshness_seconds"]["p90"] >= site["freshness_seconds"]["median"]
    assert sum(s["duplicates"] for s in sites.values()) >= 14  # the second host's copies of the first's


def test_broken_site_fails_body_only(two_runs: dict[str, Any]) -> None:
    monitors = two_runs["runs"][1]["monitors"]
    assert monitors["passed"] is False and monitors["sites_checked"] == 2
    assert monitors["failures"] == [{
        "site": "127.0.0.2", "monitor": "coverage", "field": "body", "value": 0.0, "threshold": 0.9,
        "baseline": 1.0, "message": "site 127.0.0.2 body coverage 0.00 < 0.90 (previous runs 1.00)",
    }]
    sites = two_runs["runs"][1]["sites"]
    assert sites["127.0.0.2"]["dropped"] == {"no_body": 14} and sites["127.0.0.2"]["archived"] == 0
    assert sites["127.0.0.1"]["archived"] == 14


def test_broken_site_exit_status(two_runs: dict[str, Any]) -> None:
    """Exit status 4, in the manifest too; the monitor's ERROR line does not make it 1
    (NEWSCRAWL_EXIT_MAX_ERRORS is 0)."""
    second, manifest = two_runs["second"], two_runs["runs"][1]
    assert second.returncode == EXIT_MONITOR, second.stderr[-3000:]
    assert manifest["exit_status"] == EXIT_MONITOR and "1 monitor failure" in manifest["exit_reason"]
    assert manifest["stats"]["newscrawl/monitors/failures"] == 1


def test_one_error_line_per_failure(two_runs: dict[str, Any]) -> None:
    """One ERROR on the console and in the run log, the summary says so too."""
    second, manifest = two_runs["second"], two_runs["runs"][1]
    line = "ERROR: monitor failed: site 127.0.0.2 body coverage 0.00 < 0.90 (previous runs 1.00)"
    assert [x for x in second.stderr.splitlines() if "monitor failed" in x] == [
        x for x in second.stderr.splitlines() if x.endswith(line)]
    assert sum(x.endswith(line) for x in second.stderr.splitlines()) == 1
    run_log = (two_runs["archive"] / manifest["log"]).read_text("utf-8")
    assert sum(x.endswith(line) for x in run_log.splitlines()) == 1
    assert "monitors: 1 failed (2 sites checked)" in second.stderr


def test_banned_site_fails_http_blocked_and_the_failed_crawl_says_1(sample_site: str, tmp_path: Path) -> None:
    """Every page 429, one 500, one reset: the http_blocked monitor fails (6 of 8
    responses), the errors one not (2 of 9); nothing was fetched, so the status is 1
    (a failed crawl wins over a monitor failure), in the manifest as on exit."""
    urls = [f"{sample_site}/hostile/status/429.html?n={n}" for n in range(6)]
    urls += [f"{sample_site}/hostile/status/500.html", f"{sample_site}/hostile/net/reset.html"]
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "start_urls=" + ",".join(urls),
           "-s", f"NEWSCRAWL_ARCHIVE_DIR={tmp_path}", *FAST]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=240, cwd=REPO)
    assert proc.returncode == 1, proc.stderr[-3000:]
    [manifest] = manifests(tmp_path)
    site = manifest["sites"]["127.0.0.1"]
    assert site["http_status"] == {"200": 1, "429": 6, "500": 1}  # robots.txt, the pages
    assert site["dropped"] == {"connection_error": 1, "http_429": 6, "http_500": 1}
    assert site["errors"] == 2 and site["fetched"] == 8
    assert [(f["site"], f["monitor"], f["value"]) for f in manifest["monitors"]["failures"]] == [
        ("127.0.0.1", "http_blocked", 0.75)]
    assert manifest["exit_status"] == 1 and manifest["exit_reason"] == "nothing fetched"
    assert "monitor failed: site 127.0.0.1 HTTP 403/429 share 0.75 > 0.50 (6 of 8 responses)" in proc.stderr
