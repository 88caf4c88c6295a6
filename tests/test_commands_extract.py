"""``scrapy extract FILE [FILE...] [--url URL]``: one JSON record per file on stdout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newscrawl import extract_article
from newscrawl.items import CRAWL_FIELDS, RECORD_FIELDS
from tests.conftest import FIXTURES, SITE_ROOT

ROOT = Path(__file__).resolve().parents[1]
SEED = SITE_ROOT / "tibet/2022-07/24/content_1.htm"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrapy", "extract", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


def test_one_file_with_url() -> None:
    url = "http://www.tibet.cn/tibet/2022-07/24/content_1.htm"
    proc = run(str(SEED), "--url", url)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) == set(RECORD_FIELDS) - set(CRAWL_FIELDS)
    assert record == extract_article(SEED.read_bytes(), url)
    assert record["site"] == "tibet.cn" and record["title"].startswith("蔡奇")
    assert "標準" in lines[0]  # UTF-8 out, no ASCII escaping


def test_many_files_take_url_txt() -> None:
    pages = sorted((FIXTURES / "bench" / "zh").glob("*/page.html"))[:3]
    proc = run(*map(str, pages))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["url"] for r in records] == [(p.parent / "url.txt").read_text().strip() for p in pages]


def test_missing_file_is_reported() -> None:
    proc = run(str(SEED), "/nonexistent/page.html", "--url", "http://example.com/a.html")
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 1
    assert "cannot read /nonexistent/page.html" in proc.stderr
