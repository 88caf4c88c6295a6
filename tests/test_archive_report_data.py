"""``scrapy archive report``'s data (newscrawl.archive.report_data) and page
(report_html): on an archive of two real crawls of the sample site, and on manifests
with the keys the monitors add (exit_status, sites, monitors), written by hand."""

from __future__ import annotations

import gzip
import json
import math
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from newscrawl.archive.manifest import write_manifest
from newscrawl.archive.report_data import BINS_PER_DECADE, REPORT_FIELDS, LogHistogram, gather
from newscrawl.archive.report_html import render
from tests.conftest import read_archive

REPO = Path(__file__).resolve().parents[1]


def manifests(archive: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8")) for p in sorted((archive / "runs").glob("*.json"))]


def present(value: Any) -> bool:
    return value not in (None, "", [], {})


def test_records_per_day_per_site_are_the_archives(two_run_archive: Path) -> None:
    records = read_archive(two_run_archive)
    data = gather(two_run_archive)
    expected = Counter((r["fetched_at"][:10], r["site"]) for r in records)
    assert data.by_day_site == expected
    assert data.records == len(records) == 14 + 5  # the whole sample site, then max_items=5
    assert data.warnings == []


def test_runs_listed_oldest_first(two_run_archive: Path) -> None:
    data = gather(two_run_archive)
    listed = manifests(two_run_archive)
    assert [r.crawl_id for r in data.runs] == [m["crawl_id"] for m in listed]
    assert [r.finish_reason for r in data.runs] == ["finished", "max_items"]
    assert [r.archived for r in data.runs] == [14, 5]
    for run, manifest in zip(data.runs, listed, strict=True):
        assert run.fetched == manifest["summary"]["fetched"] > 0
        assert run.skipped == manifest["summary"]["skipped"]
        assert run.pages_per_second == pytest.approx(run.fetched / manifest["summary"]["elapsed_seconds"])
        if "exit_status" not in manifest:  # a manifest of before the monitors: derived
            assert (run.exit_status, run.exit_derived) == (0, True)
    assert data.failed_runs() == []


def test_coverage_per_run_and_site_from_the_records(two_run_archive: Path) -> None:
    records = read_archive(two_run_archive)
    data = gather(two_run_archive)
    for run in data.runs:
        mine = [r for r in records if r["crawl_id"] == run.crawl_id]
        coverage = data.record_coverage(run.crawl_id, "127.0.0.1")
        assert coverage is not None
        assert coverage == {f: sum(present(r.get(f)) for r in mine) / len(mine) for f in REPORT_FIELDS}
        assert coverage["title"] == coverage["body"] == 1.0
        # The monitors' count of the same records (manifest "sites", where written) agrees.
        assert data.coverage(run.crawl_id, "127.0.0.1") == pytest.approx(coverage, abs=1e-4)
    whole = data.record_coverage(data.runs[0].crawl_id, "127.0.0.1")
    assert whole is not None and 0 < whole["images"] < 1  # some sample articles have images, not all
    assert data.coverage(data.runs[0].crawl_id, "example.com") is None


def test_coverage_of_the_manifest_first(monitored: Path) -> None:
    coverage = dict.fromkeys(REPORT_FIELDS, 1.0) | {"body": 0.25}
    manifest = monitored_manifest("20261201T100000Z-aaaaaa", 4, sites={"a.example": {"coverage": coverage}})
    write_manifest(monitored, "20261201T100000Z-aaaaaa", manifest)
    good = {"site": "a.example", "title": "t", "body": "b", "fetched_at": "2026-12-01T10:01:00+00:00"}
    write_part(monitored, [json.dumps(good).encode()])
    data = gather(monitored)
    assert data.coverage("20261201T100000Z-aaaaaa", "a.example") == coverage
    assert data.record_coverage("20261201T100000Z-aaaaaa", "a.example") == dict.fromkeys(REPORT_FIELDS, 0.0) | {
        "title": 1.0, "body": 1.0}


def test_freshness_quantiles_within_one_bin(two_run_archive: Path) -> None:
    ages = sorted(
        (datetime.fromisoformat(r["fetched_at"]) - datetime.fromisoformat(r["published_at"])).total_seconds()
        for r in read_archive(two_run_archive) if r.get("published_at"))
    hist = gather(two_run_archive).freshness["127.0.0.1"]
    assert hist.count == len(ages) > 0
    for q in (0.5, 0.9):
        estimate = hist.quantile(q)
        assert estimate is not None
        exact = ages[max(1, math.ceil(q * len(ages))) - 1]  # nearest rank
        assert abs(math.log10(estimate / exact)) <= 0.5 / BINS_PER_DECADE + 1e-9


@pytest.mark.parametrize(("values", "q", "expected"), [
    ([], 0.5, None),
    ([3600.0] * 9 + [86400.0], 0.5, 3600.0),
    ([3600.0] * 9 + [86400.0], 0.95, 86400.0),
    ([0.2, 0.5], 0.5, 1.0),  # under a second counts as the first bin
])
def test_log_histogram_quantile(values: list[float], q: float, expected: float | None) -> None:
    hist = LogHistogram()
    for value in values:
        hist.add(value)
    got = hist.quantile(q)
    if expected is None:
        assert got is None
    else:
        assert got is not None and abs(math.log10(got / expected)) <= 0.5 / BINS_PER_DECADE + 1e-9


@pytest.mark.parametrize("decade", range(7))
def test_log_histogram_within_six_percent(decade: int) -> None:
    """What the page promises of median and p90: 6% (a bin 12% wide, read at its middle)."""
    for step in range(50):
        value = 10 ** (decade + step / 50)
        hist = LogHistogram()
        hist.add(value)
        got = hist.quantile(0.5)
        assert got is not None and abs(got / value - 1) <= 0.06, (value, got)


def test_published_after_fetch_is_counted_apart() -> None:
    hist = LogHistogram()
    hist.add(-60.0)
    hist.add(120.0)
    assert (hist.count, hist.negative) == (1, 1)


# --- manifests with the monitors' keys, and damage --------------------------------------

FAILURE = {"site": "b.example", "monitor": "min_coverage", "field": "body", "value": 0.0,
           "threshold": 0.95, "baseline": 1.0, "message": "body coverage 0% < 95% <script>alert(1)</script>"}


def monitored_manifest(crawl_id: str, exit_status: int | None, **extra: Any) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "crawl_id": crawl_id, "started_at": "2026-12-01T10:00:00+00:00",
        "finished_at": "2026-12-01T10:02:00+00:00", "finish_reason": "finished", "files": [],
        "summary": {"requests": 130, "fetched": 120, "archived": 0, "duplicates": 0,
                    "dropped": {"invalid": 2}, "skipped": {"seen": 40}, "elapsed_seconds": 60.0},
    }
    if exit_status is not None:
        manifest.update(exit_status=exit_status, exit_reason="monitor failed: b.example body")
    manifest.update(extra)
    return manifest


@pytest.fixture
def monitored(tmp_path: Path) -> Path:
    sites = {"a.example": {"fetched": 60, "http_status": {"200": 57, "403": 2, "429": 1}},
             "b.example": {"fetched": 60, "http_status": {"200": 60}, "freshness_seconds": {"median": 7200.0,
                                                                                        "p90": None}}}
    write_manifest(tmp_path, "20261201T100000Z-aaaaaa", monitored_manifest(
        "20261201T100000Z-aaaaaa", 4, sites=sites,
        monitors={"passed": False, "sites_checked": 2, "failures": [FAILURE]}))
    write_manifest(tmp_path, "20261130T100000Z-old000", monitored_manifest(
        "20261130T100000Z-old000", None, finish_reason="shutdown"))
    write_manifest(tmp_path, "20261129T100000Z-clean0", monitored_manifest("20261129T100000Z-clean0", None))
    (tmp_path / "runs" / "20261128T100000Z-broken.json").write_text("{not json", "utf-8")
    return tmp_path


def test_new_manifest_keys_are_read(monitored: Path) -> None:
    data = gather(monitored)
    assert [r.crawl_id for r in data.runs] == ["20261129T100000Z-clean0", "20261130T100000Z-old000",
                                               "20261201T100000Z-aaaaaa"]
    clean, old, new = data.runs
    assert (new.exit_status, new.exit_derived, new.monitors_passed) == (4, False, False)
    assert new.monitor_failures == [FAILURE]
    assert new.sites["a.example"]["http_status"]["403"] == 2
    assert (old.exit_status, old.exit_derived, old.exit_reason) == (3, True, "interrupted (shutdown)")
    assert (clean.exit_status, clean.exit_derived) == (0, True)
    assert data.failed_runs() == [old, new]
    assert data.warnings == ["runs/20261128T100000Z-broken.json: skipped, unreadable manifest "
                             "(Expecting property name enclosed in double quotes: line 1 column 2 (char 1))"]


def test_page_shows_failures_shares_and_escapes(monitored: Path) -> None:
    page = render(gather(monitored), runs=20)
    assert "<script>" not in page
    assert "body coverage 0% &lt; 95% &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<td>4</td><td class=\"text\">monitor failed: b.example body</td>" in page
    assert "<td class=\"text\">3 (derived)</td><td class=\"text\">interrupted (shutdown)</td>" in page
    # a.example: 3 of 60 responses were 403 or 429
    assert "<td class=\"text\">a.example</td><td>60</td><td>3</td><td>5%</td>" in page
    assert "2.0 h" in page  # b.example's last-run median freshness from its manifest
    assert page.count("<img class=\"plot\"") >= 4


def test_runs_option_limits_the_per_run_sections(monitored: Path) -> None:
    page = render(gather(monitored), runs=1)
    assert "20261201T100000Z-aaaaaa" in page
    assert "20261130T100000Z-old000" not in page  # interrupted, but older than the last run


def write_part(root: Path, lines: list[bytes], crawl_id: str = "20261201T100000Z-aaaaaa",
               day: str = "2026-12-01") -> Path:
    part = root / "articles" / f"date={day}" / f"part-{crawl_id}-1.jsonl.gz"
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(gzip.compress(b"".join(line + b"\n" for line in lines)))
    return part


def test_damaged_part_file_is_skipped_with_one_warning(monitored: Path) -> None:
    good = {"site": "a.example", "crawl_id": "20261201T100000Z-aaaaaa", "title": "t", "body": "b",
            "fetched_at": "2026-12-01T10:01:00+00:00", "published_at": "2026-12-01T09:01:00+00:00"}
    part = write_part(monitored, [json.dumps(good).encode(), b"[1, 2]", json.dumps(good).encode()])
    data = gather(monitored)
    assert data.records == 1
    assert data.by_day_site == {("2026-12-01", "a.example"): 1}
    damaged = [w for w in data.warnings if "damaged" in w]
    assert len(damaged) == 1
    assert damaged[0].startswith(f"{part.relative_to(monitored)}:2: rest of the file skipped")


def report(*args: str, python: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    cmd = python or [sys.executable, "-m", "scrapy"]
    return subprocess.run([*cmd, "archive", "report", *args], capture_output=True, text=True, timeout=120,
                          cwd=REPO)


def test_command_writes_into_the_archive_or_stdout(monitored: Path) -> None:
    proc = report(str(monitored))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"report of 3 runs and 0 records written to {monitored / 'report.html'}\n"
    assert "warning: runs/20261128T100000Z-broken.json: skipped" in proc.stderr
    written = (monitored / "report.html").read_text("utf-8")
    assert written.startswith("<!DOCTYPE html>")
    stdout = report(str(monitored), "-o", "-", "--runs", "2")
    assert stdout.returncode == 0
    assert stdout.stdout.startswith("<!DOCTYPE html>") and "the per-run sections show the last 2;" in stdout.stdout


def test_command_without_matplotlib_says_so(monitored: Path) -> None:
    blocked = [sys.executable, "-c", "import sys; sys.modules['matplotlib'] = None; "
               "from scrapy.cmdline import execute; execute(['scrapy'] + sys.argv[1:])"]
    proc = report(str(monitored), python=blocked)
    assert proc.returncode == 1
    assert proc.stderr == ("scrapy archive report: matplotlib is not installed: "
                           "pip install 'newscrawl[report]'\n")
    assert not (monitored / "report.html").exists()


def test_archive_without_records_reports_empty(tmp_path: Path) -> None:
    write_manifest(tmp_path, "20240501T100000Z-empty1", {
        "crawl_id": "20240501T100000Z-empty1", "started_at": None, "finished_at": None,
        "finish_reason": "finished", "files": [], "records": 0})
    proc = report(str(tmp_path), "-o", "-")
    assert proc.returncode == 0, proc.stderr
    assert "<p>0 records from 0 sites; 1 runs, the per-run sections show the last 1;" in proc.stdout
    assert "<p>No records in the archive.</p>" in proc.stdout
    assert "<p>No records in these runs.</p>" in proc.stdout


def test_many_sites_and_days_are_capped(tmp_path: Path) -> None:
    """11 sites over 62 days: 9 sites by name and "other", the last 60 days shown."""
    start = datetime.fromisoformat("2026-10-01T12:00:00+00:00")
    for n in range(62):
        day = (start + timedelta(days=n)).date().isoformat()
        lines = [json.dumps({"site": f"s{i:02d}.example", "title": "t", "body": "b",
                             "fetched_at": f"{day}T12:00:00+00:00"}).encode() for i in range(11)]
        write_part(tmp_path, lines, day=day)
    no_runs = render(gather(tmp_path))  # part files whose manifests are gone: no per-run sections
    assert "field coverage of s" not in no_runs and "<th>other (2 sites)</th>" in no_runs
    write_manifest(tmp_path, "20261201T100000Z-aaaaaa", monitored_manifest("20261201T100000Z-aaaaaa", 0))
    page = render(gather(tmp_path))
    assert page.count("field coverage of s") == 9  # heatmaps of the 9 sites with most records
    assert "<th>other (2 sites)</th>" in page
    assert "the last 60 days with records, 22 records on earlier days" in page
    assert "<td class=\"text\">2026-10-02</td>" not in page
    assert "<td class=\"text\">2026-10-03</td>" in page
