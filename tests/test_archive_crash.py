"""kill -9 a real ``scrapy crawl news`` of the sample site at seeded random moments:
after each kill ``scrapy archive verify`` passes (every visible file complete, valid and
in a manifest; the crash noted as pending recovery), the leftovers are recovered (by
``scrapy archive recover`` or by the next crawl's start) and verify passes again; after
a final full run the archive holds every article of the sample site exactly once."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from newscrawl.archive import read
from newscrawl.archive.manifest import RECOVERED_REASON, read_manifests
from newscrawl.archive.verify import verify_archive
from tests.test_archive_manifest import run_command

REPO = Path(__file__).resolve().parents[1]
SEED = 20240501
KILLS = 3
#: Slow enough that a kill lands mid-crawl: one request at a time, 0.2 s apart.
SLOW = ("-s", "DOWNLOAD_DELAY=0.2", "-s", "CONCURRENT_REQUESTS=1")


def crawl_command(base: str, archive: Path, *settings: str) -> list[str]:
    return [
        sys.executable, "-m", "scrapy", "crawl", "news",
        "-a", f"start_urls={base}/", "-a", f"sitemap_urls={base}/sitemap.xml",
        "-a", f"feed_urls={base}/rss.xml,{base}/atom.xml",
        "-s", f"NEWSCRAWL_ARCHIVE_DIR={archive}", "-s", "NEWSCRAWL_ARCHIVE_MAX_RECORDS=2",
        "-s", "AUTOTHROTTLE_ENABLED=False", *settings,
    ]


def archive_command(action: str, archive: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrapy", "archive", action, str(archive)],
                          capture_output=True, text=True, timeout=60, cwd=REPO)


def run_and_kill(base: str, archive: Path, log: Path, delay: float) -> bool:
    """Start a slow crawl, wait until it is writing a part, let it run ``delay`` more
    seconds, then SIGKILL it. False if it ended by itself first."""
    with open(log, "w") as err:
        proc = subprocess.Popen(crawl_command(base, archive, *SLOW), cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + 60
            while not list(archive.glob("articles/*/.part-*.tmp")):
                if proc.poll() is not None or time.monotonic() > deadline:
                    return False
                time.sleep(0.02)
            time.sleep(delay)
            if proc.poll() is not None:
                return False
            proc.send_signal(signal.SIGKILL)
            return True
        finally:
            if proc.poll() is None and not proc.returncode:
                proc.wait(timeout=60)


def article_paths(site_manifest: dict[str, Any]) -> set[str]:
    return {a["path"] for a in site_manifest["articles"]}


@pytest.mark.timeout(240)
def test_kill9_recover_verify_then_complete(
    sample_site: str, tmp_path: Path, site_manifest: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    rng = random.Random(SEED)
    archive = tmp_path / "out"
    crashed = 0
    for round_ in range(KILLS):
        log = tmp_path / f"crawl-{round_}.log"
        killed = run_and_kill(sample_site, archive, log, rng.uniform(0.1, 2.5))
        if not killed:
            break  # the site is all archived: nothing left to interrupt
        crashed += 1
        before = verify_archive(archive)
        assert before.ok, before.lines()  # nothing a consumer can see is partial or unlisted
        assert any("crashed" in note for note in before.notes), before.lines()
        # The crawl lists each part in its manifest as soon as it is finished: at most the
        # part renamed in the instant before the kill can be missing from it.
        assert sum("not yet in its manifest" in note for note in before.notes) <= 1, before.lines()
        if round_ == KILLS - 1:
            break  # the last crash is left for the next crawl's start to recover
        # ``scrapy archive recover`` then ``verify``, in process to save two start-ups.
        status, out = run_command(["recover", str(archive)], capsys)
        assert status == 0 and "records recovered" in out, out
        status, out = run_command(["verify", str(archive)], capsys)
        assert status == 0, out
    assert crashed >= 2, "the kills should land while the crawl is still writing"

    final = subprocess.run(crawl_command(sample_site, archive, "-s", "DOWNLOAD_DELAY=0"),
                           capture_output=True, text=True, timeout=120, cwd=REPO)
    assert final.returncode == 0, final.stderr[-3000:]
    if crashed == KILLS:
        assert "recovered crashed crawl" in final.stderr  # done by the crawl's own start
    verified = archive_command("verify", archive)
    assert verified.returncode == 0, verified.stdout + verified.stderr

    manifests = read_manifests(archive)
    assert [m["finish_reason"] for m in manifests].count(RECOVERED_REASON) == crashed
    assert manifests[-1]["finish_reason"] == "finished"
    records = list(read(archive))
    assert sum(m["records"] for m in manifests) == len(records)
    paths = Counter(urlsplit(r["url"]).path for r in records)
    assert set(paths) == article_paths(site_manifest)  # every article, nothing else
    # Exactly once: a restarted crawl skips pages already in a finished part (the
    # crawl state, newscrawl/dedup/state.py), and recovery never adds an id twice.
    assert [p for p, n in paths.items() if n > 1] == []
    assert len({r["id"] for r in records}) == len(records)
