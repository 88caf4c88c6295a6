"""``scrapy extract FILE [FILE...] [--url URL]``: one JSON record per file on stdout."""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

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


# --- input that is not a page, compressed pages, stdin ----------------------------------

FIXTURE = FIXTURES / "bench" / "zh" / "010"


def _pdf(path: Path) -> Path:
    # The head of a real PDF 1.4 file: header, binary comment line, first object.
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                     b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    return path


def _random(path: Path) -> Path:
    path.write_bytes(random.Random(13).randbytes(4096))
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _text(path: Path) -> Path:
    path.write_text("Just a note, no markup at all.\nSecond line of the note.\n" * 20, "utf-8")
    return path


def _scripts(path: Path) -> Path:
    path.write_text("<!doctype html><html><head><title>App</title><script>var a = 1;</script></head>"
                    "<body><div id='root'></div><script src='/app.js'></script></body></html>", "utf-8")
    return path


@pytest.mark.parametrize(("make", "why"), [
    (_pdf, "not HTML: binary (starts with b'%PDF-')"),
    (_random, "not HTML: binary ("),
    (_empty, "not HTML: empty file"),
    (_text, "not HTML: no markup"),
    (_scripts, "not an article: no article text found"),
], ids=["pdf", "random", "empty", "plain-text", "scripts-only"])
def test_non_html_is_refused_and_the_rest_processed(make: Any, why: str, tmp_path: Path) -> None:
    bad = make(tmp_path / "input.html")
    proc = run(str(SEED), str(bad), str(SEED), "--url", "http://www.tibet.cn/a.htm")
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stdout.splitlines()) == 2  # the two real pages
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith(f"scrapy extract: {bad}: {why}")


def test_gzipped_page_is_read(tmp_path: Path) -> None:
    page = (FIXTURE / "page.html").read_bytes()
    url = (FIXTURE / "url.txt").read_text().strip()
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(page))
    proc = run(str(packed), "--url", url)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == extract_article(page, url)


def test_broken_gzip_is_refused(tmp_path: Path) -> None:
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress((FIXTURE / "page.html").read_bytes())[:300])
    proc = run(str(packed), "--url", "http://example.com/a.html")
    assert proc.returncode == 1 and not proc.stdout
    assert proc.stderr.startswith(f"scrapy extract: {packed}: cannot decompress") and len(proc.stderr.splitlines()) == 1


def test_stdin(tmp_path: Path) -> None:
    url = "http://www.tibet.cn/tibet/2022-07/24/content_1.htm"
    proc = subprocess.run([sys.executable, "-m", "scrapy", "extract", "-", "--url", url], input=SEED.read_bytes(),
                          capture_output=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == extract_article(SEED.read_bytes(), url)


def test_default_url_is_what_help_says() -> None:
    record = json.loads(run(str(SEED)).stdout)
    assert record["url"] == "http://localhost" + str(SEED.resolve())
    assert "http://localhost/<absolute path>" in run("--help").stdout
