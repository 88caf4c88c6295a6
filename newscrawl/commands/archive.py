"""``scrapy archive verify|stats|recover [DIR]``: check, describe or repair an archive."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl.archive.compression import CorruptFile
from newscrawl.archive.layout import NO_ARCHIVE, as_date, is_archive
from newscrawl.archive.recovery import recover
from newscrawl.archive.stats import archive_stats, format_stats
from newscrawl.archive.verify import verify_archive
from newscrawl.runinfo import archive_dir_of

ACTIONS = ("verify", "stats", "recover")


class Command(ScrapyCommand):
    requires_project = False
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "verify|stats|recover [DIR]"

    def short_desc(self) -> str:
        return "Verify an archive, print its statistics, or recover a crashed crawl's leftovers"

    def long_desc(self) -> str:
        return (
            "verify: check every part file (decompresses, every line parses and passes the "
            "record schema), every manifest (counts, sizes, sha256), that every file is "
            "listed in a manifest, that no id repeats within a crawl, and that no crashed "
            "crawl left anything behind; exit status 0 only when all hold, else one line "
            "per problem (file:line: problem). "
            "stats: records per date and per site, duplicates, field coverage. "
            "recover: what the next crawl does at start: turn a crashed crawl's temp files "
            "into finished part files and write its manifest. "
            "DIR defaults to the NEWSCRAWL_ARCHIVE_DIR setting (output); a directory "
            "with neither articles/ nor runs/ is no archive: every action says so, exit status 1."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--since",
                            help="stats: only partitions on or after this date (YYYY-MM-DD)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args or args[0] not in ACTIONS or len(args) > 2:
            raise UsageError(f"give one of {', '.join(ACTIONS)} and at most one DIR")
        action = args[0]
        root = Path(args[1]) if len(args) > 1 else archive_dir_of(self.settings)
        if not is_archive(root):  # every action says so alike: a mistyped DIR is no empty archive
            print(f"scrapy archive {action}: {NO_ARCHIVE.format(root=root)}", file=sys.stderr)
            self.exitcode = 1
            return
        self.exitcode = getattr(self, f"_{action}")(root, opts)

    def _verify(self, root: Path, opts: argparse.Namespace) -> int:
        report = verify_archive(root)
        for line in report.lines():
            print(line)
        return 0 if report.ok else 1

    def _stats(self, root: Path, opts: argparse.Namespace) -> int:
        try:
            since = as_date(getattr(opts, "since", None))
            print(format_stats(archive_stats(root, since), root))
        except (ValueError, CorruptFile) as exc:
            print(f"scrapy archive stats: {exc} (see `scrapy archive verify {root}`)",
                  file=sys.stderr)
            return 1
        return 0

    def _recover(self, root: Path, opts: argparse.Namespace) -> int:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        log = logging.getLogger("newscrawl.archive")
        log.addHandler(handler)
        log.propagate = False  # no second copy through Python's last-resort handler
        try:
            report = recover(root)
        finally:
            log.removeHandler(handler)
            log.propagate = True
        if not report:
            print(f"nothing to recover in {root}")
        for crawl in report.crawls:
            print(f"crawl {crawl.crawl_id}: {crawl.records} records recovered into "
                  f"{len(crawl.files)} files ({crawl.skipped_known_id} already archived, "
                  f"{crawl.skipped_invalid} invalid, {crawl.partial_lines} partial lines dropped); "
                  f"removed {len(crawl.removed)} temp files; "
                  f"manifest {crawl.manifest or 'unchanged'}")
        return 0
