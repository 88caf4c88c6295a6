"""``scrapy archive report`` on a large archive: time, peak memory and page size (not a test).

Run by hand from the repo root::

    .venv/bin/python bench/report.py [--records 200000] [--runs 40] [--sites 12] [--dir DIR] [--keep]

Builds an archive of ``--records`` records (part files of 5,000, gzip) from the sample
site's 14 real records (one ``make demo``-style crawl into a temp dir first), spread
over ``--runs`` runs with manifests and ``--sites`` sites, over a fortnight of fetch
dates, each record with a random subset of its optional fields blanked (so coverage
varies) and a random published-to-fetched delay. Then runs ``scrapy archive report``
on it as a child process; its wall time and peak RSS come from ``os.wait4``. The
report reads records streaming, so the RSS should not grow with ``--records``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newscrawl.archive import read  # noqa: E402
from newscrawl.archive.manifest import write_manifest  # noqa: E402
from newscrawl.demo import crawl_command  # noqa: E402
from newscrawl.sample_site.launch import start_subprocess  # noqa: E402

BLANKABLE = {"authors": [], "published_at": None, "language": None, "images": [], "related": [],
             "copyright": None, "body": ""}
PART_RECORDS = 5000


def sample_records(work: Path) -> list[dict]:
    archive = work / "sample"
    with start_subprocess() as base:
        subprocess.run(crawl_command(base, archive), check=True, capture_output=True, cwd=REPO, timeout=300)
    return list(read(archive))


def build(root: Path, templates: list[dict], records: int, runs: int, sites: int, rng: random.Random) -> None:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    per_run = records // runs
    for n in range(runs):
        when = start + timedelta(hours=n * 14 * 24 / runs)
        crawl_id = f"{when:%Y%m%dT%H%M%SZ}-{n:06x}"
        day = when.strftime("%Y-%m-%d")
        files = []
        for part_no, first in enumerate(range(0, per_run, PART_RECORDS), start=1):
            path = root / "articles" / f"date={day}" / f"part-{crawl_id}-{part_no}.jsonl.gz"
            path.parent.mkdir(parents=True, exist_ok=True)
            with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as fh:
                for i in range(first, min(per_run, first + PART_RECORDS)):
                    record = dict(rng.choice(templates), crawl_id=crawl_id, site=f"site{i % sites}.example",
                                  id=f"{rng.getrandbits(160):040x}")
                    fetched = when + timedelta(seconds=rng.randrange(600))
                    record["fetched_at"] = fetched.isoformat(timespec="seconds")
                    record["published_at"] = (fetched - timedelta(seconds=rng.expovariate(1 / 20000))).isoformat(
                        timespec="seconds")
                    for name, empty in BLANKABLE.items():
                        if rng.random() < 0.05 * (i % sites) / sites:
                            record[name] = empty
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            files.append({"path": path.relative_to(root).as_posix(), "records": PART_RECORDS})
        write_manifest(root, crawl_id, {
            "crawl_id": crawl_id, "started_at": when.isoformat(),
            "finished_at": (when + timedelta(minutes=10)).isoformat(),
            "finish_reason": "finished" if n % 9 else "shutdown", "files": files,
            "summary": {"requests": per_run * 3, "fetched": per_run * 3, "archived": per_run, "duplicates": n,
                        "dropped": {"invalid": n % 3}, "skipped": {"seen": per_run, "robots": 2},
                        "elapsed_seconds": 600.0}})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--sites", type=int, default=12)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="report-bench-"))
    try:
        root = work / "archive"
        built = time.monotonic()
        build(root, sample_records(work), args.records, args.runs, args.sites, random.Random(17))
        print(f"built {args.records} records in {args.runs} runs, {args.sites} sites: "
              f"{time.monotonic() - built:.1f} s")
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "scrapy", "archive", "report", str(root)], cwd=REPO,
                                stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        page = (root / "report.html").stat().st_size
        print(f"scrapy archive report: exit {proc.returncode}, {seconds:.1f} s, "
              f"{args.records / seconds:,.0f} records/s, peak RSS {usage.ru_maxrss / 1024:.0f} MB, "
              f"page {page / 1e6:.2f} MB")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
