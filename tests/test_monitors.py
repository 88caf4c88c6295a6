"""The monitors' comparison logic (newscrawl.monitors), the per-site figures it reads
(newscrawl.sitestats) and the exit status they lead to; no crawl."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from scrapy.settings import Settings

import newscrawl.settings as defaults
from newscrawl.commands.crawl import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_MONITOR, EXIT_OK, exit_status
from newscrawl.monitoring import config_from, previous_manifests
from newscrawl.monitors import FAILURES_STAT, binomial_cdf, check
from newscrawl.sitestats import COVERAGE_FIELDS, SiteFigures, freshness_seconds, percentile

REPO = Path(__file__).resolve().parents[1]
CONFIG = config_from(Settings(vars(defaults)))
FULL = dict.fromkeys(COVERAGE_FIELDS, 1.0)


def entry(archived: int = 14, coverage: dict[str, float | None] | None = None, *, article_pages: int | None = None,
          seen: int = 0, no_body: int = 0, fetched: int = 80, http_status: dict[str, int] | None = None,
          errors: int = 0) -> dict[str, Any]:
    """One site of a manifest's ``sites`` block."""
    return {
        "fetched": fetched, "archived": archived, "duplicates": 0, "errors": errors,
        "article_pages": archived + no_body if article_pages is None else article_pages,
        "dropped": {"no_body": no_body} if no_body else {}, "skipped": {"seen": seen} if seen else {},
        "http_status": http_status or {"200": fetched}, "coverage": {**FULL, **(coverage or {})},
        "freshness_seconds": {"median": None, "p90": None},
    }


def run(sites: dict[str, dict[str, Any]], reason: str = "finished") -> dict[str, Any]:
    return {"crawl_id": "earlier", "finish_reason": reason, "sites": sites}


def failed(result: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    return [(f["site"], f["monitor"], f["field"]) for f in result["failures"]]


def test_defaults_are_pinned() -> None:
    """Moving a default is a decision: this test says which numbers were calibrated."""
    assert defaults.NEWSCRAWL_MONITOR_MIN_COVERAGE == {"body": 0.9, "published_at": 0.8}
    assert (defaults.NEWSCRAWL_MONITOR_MAX_COVERAGE_DROP, defaults.NEWSCRAWL_MONITOR_COVERAGE_ALPHA) == (0.3, 0.01)
    assert defaults.NEWSCRAWL_MONITOR_MIN_ITEM_SHARE == 0.5
    assert defaults.NEWSCRAWL_MONITOR_MAX_BLOCKED_SHARE == 0.5
    assert defaults.NEWSCRAWL_MONITOR_MAX_ERROR_SHARE == 0.5
    assert (defaults.NEWSCRAWL_MONITOR_BASELINE_RUNS, defaults.NEWSCRAWL_MONITOR_MIN_SAMPLE) == (5, 5)


def test_first_run_judges_floors_only() -> None:
    """No previous run: no relative check can fail (item count 1 of nothing, images
    lost), but an absolute floor still does, and its message says there is no baseline."""
    sites = {"a.example": entry(coverage={"images": 0.0}, article_pages=1),
             "b.example": entry(coverage={"published_at": 0.5})}
    result = check(sites, [], CONFIG, "finished")
    assert failed(result) == [("b.example", "coverage", "published_at")]
    assert result["failures"][0]["message"] == "site b.example published_at coverage 0.50 < 0.80 (no previous runs)"
    assert result["failures"][0]["baseline"] is None and result["sites_checked"] == 2


@pytest.mark.parametrize(("field", "value", "fails"), [
    ("body", 0.89, True), ("body", 0.90, False), ("body", 16 / 17, False),  # the /hostile/ crawl
    ("published_at", 0.79, True), ("published_at", 0.80, False),
])
def test_coverage_floor(field: str, value: float, fails: bool) -> None:
    sites = {"a.example": entry(archived=100, coverage={field: value})}
    assert failed(check(sites, [run({"a.example": entry(archived=100)})], CONFIG, "finished")) == (
        [("a.example", "coverage", field)] if fails else [])


def test_broken_body_fails_body_only() -> None:
    """Every page dropped as no_body: body coverage 0 of 14, other fields uncounted."""
    broken = entry(archived=0, no_body=14, coverage={name: None for name in COVERAGE_FIELDS} | {"body": 0.0})
    result = check({"a.example": entry(), "b.example": broken},
                   [run({"a.example": entry(), "b.example": entry()})], CONFIG, "finished")
    assert failed(result) == [("b.example", "coverage", "body")]
    failure = result["failures"][0]
    assert (failure["value"], failure["threshold"], failure["baseline"]) == (0.0, 0.9, 1.0)
    assert failure["message"] == "site b.example body coverage 0.00 < 0.90 (previous runs 1.00)"


@pytest.mark.parametrize(("archived", "images", "fails"), [
    (14, 0.0, True),      # images gone from all 14 records: p 0.002
    (9, 0.0, False),      # 9 image-less records of a site at 5/14: p 0.019, chance
    (14, 2 / 14, False),  # 0.36 -> 0.14: a drop of 0.21, within 0.3
    (100, 0.05, True),    # 0.36 -> 0.05 on 100 records
])
def test_coverage_drop_against_baseline(archived: int, images: float, fails: bool) -> None:
    previous = [run({"a.example": entry(coverage={"images": 5 / 14})})]
    result = check({"a.example": entry(archived=archived, coverage={"images": images})}, previous, CONFIG, "finished")
    assert failed(result) == ([("a.example", "coverage", "images")] if fails else [])


def test_small_runs_are_not_judged() -> None:
    """4 new records (below NEWSCRAWL_MONITOR_MIN_SAMPLE), 10 seen: no body check even at 0.25."""
    result = check({"a.example": entry(archived=4, seen=10, coverage={"body": 0.25})}, [run({"a.example": entry()})],
                   CONFIG, "finished")
    assert result["passed"] and not result["failures"]


@pytest.mark.parametrize(("found", "reason", "fails"), [
    (6, "finished", True), (7, "finished", False), (2, "max_items", False), (2, "shutdown", False),
])
def test_item_count(found: int, reason: str, fails: bool) -> None:
    """Median of the previous full runs 14; half of it is 7."""
    previous = [run({"a.example": entry(archived=n)}) for n in (14, 15, 12)] + [run({"a.example": entry(3)}, "shutdown")]
    result = check({"a.example": entry(archived=found)}, previous, CONFIG, reason)
    assert failed(result) == ([("a.example", "item_count", None)] if fails else [])
    if fails:
        assert result["failures"][0]["baseline"] == 14 and result["failures"][0]["threshold"] == 7


def test_incremental_run_counts_seen_articles() -> None:
    """The second `make demo`: nothing new, 14 skipped as seen; articles found 14."""
    second = entry(archived=0, seen=14, coverage=dict.fromkeys(COVERAGE_FIELDS))
    assert check({"127.0.0.1": second}, [run({"127.0.0.1": entry()})], CONFIG, "finished")["passed"]


def test_baseline_is_the_last_runs_of_the_site() -> None:
    """Newest first: the last 5 runs that had the site; older ones (where the site was
    at 100 articles) and runs of other sites do not count."""
    previous = ([run({"other.example": entry(archived=500)})] + [run({"a.example": entry(archived=10)})] * 5
                + [run({"a.example": entry(archived=100)})] * 10)
    assert check({"a.example": entry(archived=6)}, previous, CONFIG, "finished")["passed"]
    assert failed(check({"a.example": entry(archived=4)}, previous, CONFIG, "finished")) == [
        ("a.example", "item_count", None)]


@pytest.mark.parametrize(("statuses", "fails"), [
    ({"200": 4, "403": 6}, True), ({"200": 5, "429": 5}, False), ({"403": 4}, False),
])
def test_http_blocked(statuses: dict[str, int], fails: bool) -> None:
    result = check({"a.example": entry(archived=0, http_status=statuses,
                                       coverage=dict.fromkeys(COVERAGE_FIELDS))}, [], CONFIG, "finished")
    assert failed(result) == ([("a.example", "http_blocked", None)] if fails else [])


@pytest.mark.parametrize(("fetched", "errors", "fails"), [(4, 5, True), (5, 5, False), (0, 4, False)])
def test_errors(fetched: int, errors: int, fails: bool) -> None:
    result = check({"a.example": entry(archived=0, fetched=fetched, errors=errors,
                                       coverage=dict.fromkeys(COVERAGE_FIELDS))}, [], CONFIG, "finished")
    assert failed(result) == ([("a.example", "errors", None)] if fails else [])


@pytest.mark.parametrize(("k", "n", "p", "expected"), [
    (0, 14, 5 / 14, (9 / 14) ** 14), (0, 14, 1.0, 0.0), (14, 14, 0.3, 1.0), (1, 2, 0.5, 0.75), (0, 3, 0.0, 1.0),
])
def test_binomial_cdf(k: int, n: int, p: float, expected: float) -> None:
    assert binomial_cdf(k, n, p) == pytest.approx(expected)


def test_binomial_cdf_on_large_counts() -> None:
    """Thousands of records: no overflow, and the tail is small."""
    assert binomial_cdf(4000, 10_000, 0.5) < 1e-80


@pytest.mark.parametrize(("stats", "status", "why"), [
    ({FAILURES_STAT: 1, "log_count/ERROR": 1}, EXIT_MONITOR, "1 monitor failure"),
    ({FAILURES_STAT: 1, "log_count/ERROR": 2}, EXIT_FAILED, "1 error(s) logged"),
    ({FAILURES_STAT: 1, "log_count/ERROR": 1, "finish_reason": "shutdown"}, EXIT_INTERRUPTED, "interrupted"),
    ({FAILURES_STAT: 1, "log_count/ERROR": 1, "spider_exceptions/KeyError": 1}, EXIT_FAILED, "callback"),
    ({FAILURES_STAT: 0, "log_count/ERROR": 0}, EXIT_OK, "finished"),
])
def test_exit_status_of_monitor_failures(stats: dict[str, Any], status: int, why: str) -> None:
    """The monitors' own ERROR lines give 4, not 1; a real error, a callback exception
    or an interruption still wins."""
    base = {"finish_reason": "finished", "downloader/response_status_count/200": 12}
    code, message = exit_status({**base, **stats}, max_errors=0)
    assert code == status and why in message


def test_site_figures() -> None:
    figures = SiteFigures()
    for status in (200, 200, 429, 301):
        figures.response_downloaded("a.example", status)
    figures.response_received("a.example")
    figures.reported("a.example", "dropped", "http_429", "request")  # blocked, not an error
    figures.reported("a.example", "dropped", "timeout", "request")
    figures.reported("a.example", "dropped", "no_body", "item")
    figures.reported("a.example", "skipped", "seen", "request")
    figures.archived({"site": "a.example", "title": "T", "body": "B", "authors": [], "images": ["x"],
                      "duplicate_of": "f00", "fetched_at": "2026-12-02T01:00:00+00:00",
                      "published_at": "2026-12-02T08:00:00+08:00"})
    site = figures.manifest()["a.example"]
    assert site["http_status"] == {"200": 2, "301": 1, "429": 1} and site["fetched"] == 1
    assert site["errors"] == 1 and site["dropped"] == {"http_429": 1, "no_body": 1, "timeout": 1}
    assert site["skipped"] == {"seen": 1} and (site["archived"], site["duplicates"]) == (1, 1)
    assert site["coverage"]["body"] == 0.5 and site["coverage"]["title"] == 1.0  # no_body: an empty body
    assert site["coverage"]["authors"] == 0.0 and site["coverage"]["images"] == 1.0
    assert site["freshness_seconds"] == {"median": 3600.0, "p90": 3600.0}


def test_site_without_records_has_no_coverage() -> None:
    figures = SiteFigures()
    figures.response_received("a.example")
    assert set(figures.manifest()["a.example"]["coverage"].values()) == {None}


@pytest.mark.parametrize(("fetched", "published", "expected"), [
    ("2026-12-02T00:00:00+00:00", "2026-12-01", 86400.0),  # a date alone: midnight UTC
    ("2026-12-02T00:00:00+00:00", None, None), ("2026-12-02T00:00:00+00:00", "yesterday", None),
])
def test_freshness_seconds(fetched: str, published: str | None, expected: float | None) -> None:
    assert freshness_seconds(fetched, published) == expected


@pytest.mark.parametrize(("values", "share", "expected"), [
    ([3.0, 1.0, 2.0], 0.5, 2.0), ([4.0, 1.0, 2.0, 3.0], 0.5, 2.5), (list(map(float, range(1, 11))), 0.9, 9.0),
    ([], 0.5, None),
])
def test_percentile(values: list[float], share: float, expected: float | None) -> None:
    assert percentile(values, share) == expected


def test_previous_manifests_newest_first(tmp_path: Path) -> None:
    """Finished manifests of other runs, newest written first; the current run, a
    running (crashed) one, a hidden temp file and a damaged one are left out."""
    runs = tmp_path / "runs"
    runs.mkdir()
    for n, (name, reason) in enumerate([("old", "finished"), ("crashed", "running"), ("new", "shutdown"),
                                        ("current", "finished")]):
        path = runs / f"{name}.json"
        path.write_text(json.dumps({"crawl_id": name, "finish_reason": reason}), "utf-8")
        os.utime(path, ns=(10**18 + n * 10**9, 10**18 + n * 10**9))
    (runs / "damaged.json").write_text("{", "utf-8")
    (runs / ".current.json.tmp").write_text("{}", "utf-8")
    assert [m["crawl_id"] for m in previous_manifests(tmp_path, "current")] == ["new", "old"]


def test_workers_of_a_shared_crawl_are_not_judged_on_item_count() -> None:
    """A worker (NEWSCRAWL_REDIS_URL) found its share of the site: neither judged on
    item count nor a baseline of it; coverage still is."""
    previous = [run({"a.example": entry(archived=14)})] * 3
    assert failed(check({"a.example": entry(archived=2)}, previous, CONFIG, "finished")) == [
        ("a.example", "item_count", None)]
    assert failed(check({"a.example": entry(archived=2)}, previous, CONFIG, "finished", shared=True)) == []
    worker = entry(archived=10, coverage={"published_at": 0.5})
    assert failed(check({"a.example": worker}, previous, CONFIG, "finished", shared=True)) == [
        ("a.example", "coverage", "published_at")]
    workers = [{**run({"a.example": entry(archived=1)}), "shared_crawl_id": "x"}] * 3
    result = check({"a.example": entry(archived=6)}, workers + previous, CONFIG, "finished")
    assert failed(result) == [("a.example", "item_count", None)] and result["failures"][0]["baseline"] == 14


@pytest.mark.parametrize(("finish_reason", "rewritten"), [("finished", True), ("running", False)])
def test_command_rewrites_a_stale_exit_status(tmp_path: Path, finish_reason: str, rewritten: bool) -> None:
    """The archive wrote exit_status at spider_closed; an ERROR logged after it makes the
    command's status differ, and the command's is kept (not in a crashed run's manifest)."""
    from scrapy.utils.test import get_crawler

    from newscrawl.archive.manifest import write_manifest
    from newscrawl.commands.crawl import record_exit

    crawler = get_crawler(settings_dict={"NEWSCRAWL_ARCHIVE_DIR": str(tmp_path)})
    crawler._newscrawl_crawl_id = "run-1"
    before = {"crawl_id": "run-1", "finish_reason": finish_reason, "exit_status": EXIT_MONITOR,
              "exit_reason": "1 monitor failure(s)"}
    path = write_manifest(tmp_path, "run-1", before)
    record_exit(crawler, EXIT_FAILED, "1 error(s) logged")
    after = json.loads(path.read_text("utf-8"))
    expected = (EXIT_FAILED, "1 error(s) logged") if rewritten else (EXIT_MONITOR, "1 monitor failure(s)")
    assert (after["exit_status"], after["exit_reason"]) == expected


def test_unreadable_previous_entry_is_left_out(caplog: pytest.LogCaptureFixture) -> None:
    """A hand-edited or foreign manifest never stops the monitors: one WARNING, and the
    readable runs are the baseline."""
    bad = {"crawl_id": "bad", "finish_reason": "finished", "sites": {"a.example": {"coverage": {"body": "all"},
                                                                                  "archived": 14}}}
    with caplog.at_level("WARNING", logger="newscrawl.monitors"):
        result = check({"a.example": entry(archived=2)}, [bad, run({"a.example": entry()})], CONFIG, "finished")
    assert failed(result) == [("a.example", "item_count", None)]
    assert [r.getMessage() for r in caplog.records if "run bad left out" in r.getMessage()] != []
    assert len(caplog.records) == 1


@pytest.mark.parametrize(("name", "value", "message"), [
    ("NEWSCRAWL_MONITOR_MIN_COVERAGE", '{"bdy": 0.9}', "NEWSCRAWL_MONITOR_MIN_COVERAGE: unknown field(s) bdy; known: title"),
    ("NEWSCRAWL_MONITOR_MIN_COVERAGE", "body", "NEWSCRAWL_MONITOR_MIN_COVERAGE='body': expected {field: share}"),
    ("NEWSCRAWL_MONITOR_MAX_BLOCKED_SHARE", "lots", "NEWSCRAWL_MONITOR_MAX_BLOCKED_SHARE='lots': expected a number"),
])
def test_bad_monitor_setting_stops_the_crawl_before_it_starts(name: str, value: str, message: str,
                                                              tmp_path: Path) -> None:
    """One line naming the setting, exit status 1, no traceback, nothing written."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "start_urls=http://127.0.0.1:9/",
           "-s", f"NEWSCRAWL_ARCHIVE_DIR={tmp_path / 'out'}", "-s", f"{name}={value}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == EXIT_FAILED
    assert proc.stderr.strip().startswith(f"scrapy crawl: the crawl could not start: {message}"), proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and not (tmp_path / "out").exists()


def test_unknown_floor_field_is_refused() -> None:
    settings = Settings({**vars(defaults), "NEWSCRAWL_MONITOR_MIN_COVERAGE": '{"bdy": 0.9}'})
    with pytest.raises(ValueError, match="unknown field.*bdy"):
        config_from(settings)


def test_hosts_only_skipped_are_no_sites() -> None:
    """A redirect or link to another host is skipped as off-site: that host is not a
    site of the run; a host whose every request failed is."""
    figures = SiteFigures()
    figures.reported("example.invalid", "skipped", "offsite", "request")
    figures.reported("dead.example", "dropped", "dns_error", "request")
    assert list(figures.manifest()) == ["dead.example"]
    assert figures.manifest()["dead.example"]["errors"] == 1
