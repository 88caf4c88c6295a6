"""``scrapy archive verify|stats|report|recover|repair [DIR]``: check, describe, report on or repair an archive."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl.archive.compression import CorruptFile
from newscrawl.archive.layout import NO_ARCHIVE, as_date, is_archive
from newscrawl.archive.recovery import recover
from newscrawl.archive.repair import RepairReport, repair_archive
from newscrawl.archive.report_data import gather
from newscrawl.archive.report_html import render
from newscrawl.archive.report_plots import PlotsUnavailable, check_available
from newscrawl.archive.stats import archive_stats, format_stats
from newscrawl.archive.verify import verify_archive
from newscrawl.dedup.ingest import forget_lost, read_part
from newscrawl.dedup.lock import StateLock, StateLocked
from newscrawl.dedup.state import STATE_FILE, open_state
from newscrawl.runinfo import archive_dir_of
from newscrawl.warc.repair import repair_warcs

ACTIONS = ("verify", "stats", "report", "recover", "repair")
REPORT_FILE = "report.html"  # report: written into DIR unless -o says otherwise
EXIT_LOCKED = 75  # as scrapy crawl: another crawl holds the state directory, try later


class Command(ScrapyCommand):
    requires_project = False
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "verify|stats|report|recover|repair [DIR]"

    def short_desc(self) -> str:
        return ("Verify an archive, print its statistics or an HTML report, recover a crashed crawl's "
                "leftovers, repair damage")

    def long_desc(self) -> str:
        return (
            "verify: check every part file (decompresses, every line parses and passes the "
            "record schema), every manifest (counts, sizes, sha256), that every file is "
            "listed in a manifest, that no id repeats within a crawl, and that no crashed "
            "crawl left anything behind; exit status 0 only when all hold, else one line "
            "per problem (file:line: problem). "
            "stats: records per date and per site, duplicates, field coverage. "
            "report: one self-contained HTML page (plots and tables, loads nothing) of records per "
            "day and site, field coverage per site and run, drop and skip reasons, duplicates, "
            "freshness, run durations and pages/s, runs that did not exit 0 and monitor failures; "
            "written to DIR/report.html, or where -o says (-o - for stdout); needs matplotlib "
            "(pip install 'newscrawl[report]'). "
            "recover: what the next crawl does at start: turn a crashed crawl's temp files "
            "into finished part files and write its manifest. "
            "repair: move damaged part files to quarantine/ with a note, rewrite their readable "
            "records into new part files, list those in the manifests, and drop the lost "
            "records from the crawl state (NEWSCRAWL_STATE_DIR, default DIR/state) so the next "
            "crawl fetches their pages again (with NEWSCRAWL_REDIS_URL also from the shared state in "
            "Redis, the records each damaged part lost); then damaged WARC files: quarantined, their "
            "good WARC records copied byte for byte to a file of the same name, its index rewritten; "
            "exit status 75 while a crawl holds the state. "
            "DIR defaults to the NEWSCRAWL_ARCHIVE_DIR setting (output); a directory "
            "with neither articles/ nor runs/ is no archive: every action says so, exit status 1."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--since",
                            help="stats: only partitions on or after this date (YYYY-MM-DD)")
        parser.add_argument("-o", "--output", metavar="FILE",
                            help=f"report: write the page to FILE ('-': stdout; default DIR/{REPORT_FILE})")
        parser.add_argument("--runs", type=int, default=20, metavar="N",
                            help="report: how many of the latest runs the per-run plots and tables show "
                                 "(default 20; 0: all)")

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

    def _report(self, root: Path, opts: argparse.Namespace) -> int:
        try:
            check_available()
        except PlotsUnavailable as exc:
            print(f"scrapy archive report: {exc}", file=sys.stderr)
            return 1
        runs = getattr(opts, "runs", 20)
        if runs < 0:
            raise UsageError("--runs must be a whole number >= 0")
        data = gather(root)
        for warning in data.warnings:
            print(f"scrapy archive report: warning: {warning}", file=sys.stderr)
        page = render(data, runs)
        target = getattr(opts, "output", None) or str(root / REPORT_FILE)
        if target == "-":
            sys.stdout.write(page)
            return 0
        path = Path(target)
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            tmp.write_text(page, "utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            print(f"scrapy archive report: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"report of {len(data.runs)} runs and {data.records} records written to {path}")
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
            print(f"nothing to recover in {root} (damaged part files are for `scrapy archive repair`)")
        for crawl in report.crawls:
            print(f"crawl {crawl.crawl_id}: {crawl.records} records recovered into "
                  f"{len(crawl.files)} files ({crawl.skipped_known_id} already archived, "
                  f"{crawl.skipped_invalid} invalid, {crawl.partial_lines} partial lines dropped); "
                  f"{len(crawl.warc_files)} WARC files finished from temp WARCs; "
                  f"removed {len(crawl.removed)} temp files; "
                  f"manifest {crawl.manifest or 'unchanged'}")
        return 0

    def _repair(self, root: Path, opts: argparse.Namespace) -> int:
        assert self.settings is not None
        state_dir = Path(self.settings.get("NEWSCRAWL_STATE_DIR") or root / "state")
        lock = StateLock(state_dir)
        if state_dir.is_dir():
            try:
                lock.acquire(owner="scrapy archive repair")
            except (StateLocked, OSError) as exc:
                print(f"scrapy archive repair: {exc}", file=sys.stderr)
                return EXIT_LOCKED if isinstance(exc, StateLocked) else 1
        try:
            report = repair_archive(root)
            for part in report.repaired:
                lost = "lost records unknown (it was in no manifest)" if part.lost is None else f"{part.lost} lost"
                print(f"repaired {part.path} ({part.problem}): {part.readable} records rewritten into "
                      f"{part.rewritten or 'no file'}, {lost}; the damaged file is {part.quarantined} "
                      "(a note beside it)")
            warcs = repair_warcs(root)
            for warc in warcs.repaired:
                print(f"repaired {warc.path} ({warc.problem}): {warc.kept} WARC records kept in "
                      f"{warc.rewritten or 'no file'}, {warc.lost} lost; the damaged file is "
                      f"{warc.quarantined} (a note beside it)")
            for rel in report.skipped_running + warcs.skipped_running:
                print(f"scrapy archive repair: {rel} is damaged but its crawl is running: "
                      "repair it once the crawl has ended", file=sys.stderr)
            if report.repaired and (state_dir / STATE_FILE).is_file():
                state = open_state(state_dir)
                try:
                    seen, records = forget_lost(state, root)
                finally:
                    state.close()
                print(f"crawl state {state_dir}: {seen} seen page keys and {records} records the archive "
                      "no longer holds dropped: the next crawl fetches those pages again")
            if report.repaired and self.settings.get("NEWSCRAWL_REDIS_URL"):
                self._repair_redis(root, report)
        except CorruptFile as exc:
            print(f"scrapy archive repair: {exc}", file=sys.stderr)
            return 1
        finally:
            lock.release()
        if not (report.repaired or report.skipped_running or warcs.repaired or warcs.skipped_running):
            print(f"nothing to repair in {root}: {report.checked} part files and {warcs.checked} "
                  "WARC files read, none damaged")
        return 1 if report.skipped_running or warcs.skipped_running else 0

    def _repair_redis(self, root: Path, report: RepairReport) -> None:
        """The shared crawl state (NEWSCRAWL_REDIS_URL) serves every worker's archive:
        only the records each damaged part lost are forgotten there, from its record list."""
        from newscrawl.distributed.addon import redis_client
        from newscrawl.distributed.keys import base_of
        from newscrawl.distributed.state import RedisState

        assert self.settings is not None
        state = RedisState(redis_client(self.settings.get("NEWSCRAWL_REDIS_URL")),
                           base_of(self.settings) + "state:", "repair")
        try:
            for part in report.repaired:
                kept = [r.get("id") for r in read_part(root / part.rewritten)] if part.rewritten else []
                dropped = state.forget_lost_records(part.path, [str(k) for k in kept if k])
                if dropped is None:
                    print(f"shared crawl state {state.path}: no record list of {part.path} (ingested before "
                          "one was kept): its lost records stay known there, their pages are not fetched "
                          "again", file=sys.stderr)
                else:
                    print(f"shared crawl state {state.path}: {dropped[0]} seen page keys and {dropped[1]} "
                          f"records lost from {part.path} dropped: the shared crawl fetches those pages again")
        finally:
            state.close()
