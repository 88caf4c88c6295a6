"""``scrapy extract FILE [FILE...] [--url URL]``: one JSON record per HTML file, no network."""

from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl.extract import extract_article
from newscrawl.middlewares import binary_reason
from newscrawl.pipelines.extract import unusable

#: Any tag, comment or doctype in the head of a file: a page has one in its first
#: kilobytes, a plain-text note or a CSV has none.
_MARKUP = re.compile(rb"<[!/?]?[A-Za-z]")
_MARKUP_SAMPLE = 64 * 1024
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_GZIP = b"\x1f\x8b"


class NotPage(Exception):
    """The input is not an HTML page (or not an article); the message says why."""


def _gunzip(data: bytes, max_size: int) -> bytes:
    """One whole gzip member, at most ``max_size`` bytes once decompressed. Unlike
    Scrapy's ``gunzip`` (lenient with truncated responses), a cut file is refused."""
    stream = zlib.decompressobj(wbits=31)
    try:
        out = stream.decompress(data, max_size + 1)
    except zlib.error as exc:
        raise NotPage(f"cannot decompress gzip data: {exc}") from exc
    if len(out) > max_size:
        raise NotPage(f"more than {max_size} bytes once decompressed (DOWNLOAD_MAXSIZE)")
    if not stream.eof:
        raise NotPage("cannot decompress gzip data: truncated (no end of stream)")
    return out


def page_bytes(data: bytes, max_size: int) -> bytes:
    """The bytes of an HTML page: gunzipped when gzip (at most ``max_size``); raise
    :class:`NotPage` when they are empty, binary or hold no markup."""
    if data.startswith(_GZIP):
        data = _gunzip(data, max_size)
    if not data.strip():
        raise NotPage("not HTML: empty file")
    why = binary_reason(data)
    if why:
        raise NotPage(f"not HTML: binary ({why})")
    head = data[:_MARKUP_SAMPLE]
    if head.startswith(_UTF16_BOMS):
        head = head.decode("utf-16", "replace").encode("utf-8")
    if not _MARKUP.search(head):
        raise NotPage(f"not HTML: no markup in the first {len(head)} bytes")
    return data


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
            "their encoding detected; gzip files (page.html.gz) are decompressed; - reads "
            "standard input. A file that is not an HTML page (empty, binary such as a PDF, "
            "no markup) or has no article text is refused with one line on stderr, the "
            "other files are still printed, and the exit status is 1. --url gives the "
            "page's URL (default: http://localhost/<absolute path> of the file, "
            "http://localhost/ for stdin: a record's url is an http(s) URL and its site a "
            "host); with several files, a url.txt beside a file wins."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the URL the page was fetched from")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args:
            raise UsageError("give at least one HTML file (or - for standard input)")
        assert self.settings is not None
        max_size = self.settings.getint("DOWNLOAD_MAXSIZE")
        max_share = self.settings.getfloat("NEWSCRAWL_MAX_REPLACEMENT_SHARE", 0.01)
        failed = 0
        for name in args:
            try:
                data, url = self._read(name, opts.url, several=len(args) > 1)
                record = extract_article(page_bytes(data, max_size), url)
                problem = unusable(record, max_share)
                if problem:
                    raise NotPage(f"not an article: {problem[1]}")
            except NotPage as exc:
                print(f"scrapy extract: {name}: {exc}", file=sys.stderr)
                failed += 1
                continue
            except OSError as exc:
                print(f"scrapy extract: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
                failed += 1
                continue
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        self.exitcode = 1 if failed else 0

    @staticmethod
    def _read(name: str, url: str | None, *, several: bool) -> tuple[bytes, str]:
        if name == "-":
            return sys.stdin.buffer.read(), url or "http://localhost/"
        path = Path(name)
        data = path.read_bytes()
        side = path.parent / "url.txt"
        if (not url or several) and side.is_file():
            url = side.read_text("utf-8").strip() or url
        return data, url or "http://localhost" + path.resolve().as_posix()
