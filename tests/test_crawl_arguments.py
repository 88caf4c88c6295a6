"""Bad spider arguments and unknown ``NEWSCRAWL_*`` settings: ``scrapy crawl news``
stops before anything starts, with one line naming the argument or the setting and
what is accepted, exit status 1, no banner and no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.commands.crawl import EXIT_FAILED
from newscrawl.config import known_settings

REPO = Path(__file__).resolve().parents[1]
SEED = ["-a", "start_urls=http://127.0.0.1:9/"]  # never requested: nothing starts


def crawl(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrapy", "crawl", "news", "-s",
                           f"NEWSCRAWL_ARCHIVE_DIR={tmp_path / 'out'}", *args],
                          capture_output=True, text=True, timeout=120, cwd=REPO)


@pytest.mark.parametrize(("args", "expected"), [
    ([*SEED, "-a", "max_depth=two"], "-a max_depth='two': expected a whole number >= 0"),
    ([*SEED, "-a", "max_depth=-1"], "-a max_depth='-1': expected a whole number >= 0"),
    ([*SEED, "-a", "max_items=many"], "-a max_items='many': expected a whole number >= 1"),
    ([*SEED, "-a", "allow=("], "-a allow='(': not a regular expression (missing ), unterminated subpattern"),
    ([*SEED, "-a", "deny=/video/,[a-"], "-a deny='[a-': not a regular expression (unterminated character set"),
    (["-a", "site=nosuch"], "-a site='nosuch': no site profile 'nosuch'; known: tibet"),
    (["-a", "start_urls=ftp://example.com/"], "-a start_urls='ftp://example.com/': only http(s) URLs"),
    ([], "give -a start_urls=URL[,URL...], sitemap_urls=..., feed_urls=... or site=NAME"),
    ([*SEED, "-a", "max_dept=2"], "unknown spider argument -a max_dept (did you mean max_depth?); accepted: "
                                  "start_urls, sitemap_urls, feed_urls, site, allow, deny, max_depth, max_items"),
    ([*SEED, "-s", "NEWSCRAWL_ARCHVE_MAX_RECORDS=10"],
     "unknown setting NEWSCRAWL_ARCHVE_MAX_RECORDS (did you mean NEWSCRAWL_ARCHIVE_MAX_RECORDS?)"),
    ([*SEED, "-s", "NEWSCRAWL_NO_SUCH_THING=1"],
     "unknown setting NEWSCRAWL_NO_SUCH_THING; NEWSCRAWL_ settings are those of newscrawl/settings.py: "
     "NEWSCRAWL_ACCEPT_CONTENT_TYPES, "),
], ids=["depth-word", "depth-negative", "items-word", "allow-regex", "deny-regex", "site", "scheme", "no-seeds",
        "argument-typo", "setting-typo", "setting-unknown"])
def test_one_line_and_exit_1(tmp_path: Path, args: list[str], expected: str) -> None:
    proc = crawl(tmp_path, *args)
    assert proc.returncode == EXIT_FAILED, proc.stderr[-3000:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr[-3000:]
    assert lines[0].startswith("scrapy crawl: the crawl could not start: ")
    assert expected in lines[0]
    assert "Traceback" not in proc.stderr and not proc.stdout
    assert not (tmp_path / "out").exists()  # nothing started: no state, no manifest


def test_known_settings_are_those_of_settings_py() -> None:
    import newscrawl.settings as settings

    names = known_settings()
    assert "NEWSCRAWL_ARCHIVE_MAX_RECORDS" in names and "NEWSCRAWL_STATE_DIR" in names
    assert names == {n for n in vars(settings) if n.startswith("NEWSCRAWL_")}


def test_scrapyd_job_argument_is_accepted(tmp_path: Path) -> None:
    # scrapyd passes -a _job=<id>: underscore arguments are not spider arguments.
    proc = crawl(tmp_path, *SEED, "-a", "_job=abc", "-a", "max_depth=two")
    assert "-a max_depth='two'" in proc.stderr and "_job" not in proc.stderr
