"""``scrapy extract FILE [FILE...] [--url URL]``: one JSON record per HTML file, no network."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl.extract import extract_article


class Command(ScrapyCommand):
    requires_project = False
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "FILE [FILE...] [--url URL]"

    def short_desc(self) -> str:
        return "Extract article records from saved HTML files (JSON Lines on stdout)"

    def long_desc(self) -> str:
        return (
            "Print one JSON record per HTML file, the record the archive would hold minus "
            "the crawl's fields (fetched_at, crawl_id, ...). Files are read as bytes and "
            "their encoding detected. --url gives the page's URL (default: file:// URL "
            "of the file); with several files, a url.txt beside a file wins."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the URL the page was fetched from")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args:
            raise UsageError("give at least one HTML file")
        failed = 0
        for name in args:
            path = Path(name)
            try:
                data = path.read_bytes()
            except OSError as exc:
                print(f"scrapy extract: cannot read {name}: {exc.strerror}", file=sys.stderr)
                failed += 1
                continue
            url = opts.url
            side = path.parent / "url.txt"
            if (not url or len(args) > 1) and side.is_file():
                url = side.read_text("utf-8").strip() or url
            record = extract_article(data, url or path.resolve().as_uri().replace("file://", "http://localhost", 1))
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.exitcode = 1 if failed else 0
