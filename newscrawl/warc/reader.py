"""Read article pages back from WARC files: each ``response`` record that a newscrawl
``metadata`` record marks as an article page, with its body as the spider saw it
(transfer and content encodings undone by warcio, as Scrapy undid them) and what the
crawl knew of it (``discovered_via``, ``fetched_at``, sitemap/feed hints, profile)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from newscrawl.warc.layout import WARC, parse_warc, warc_files
from newscrawl.warc.records import PAGE_METADATA_TYPE


@dataclass
class StoredPage:
    url: str
    body: bytes
    """The body after Content-Encoding (and chunking) is undone: what the spider judged."""
    content_type: str | None
    http_status: int
    info: dict[str, Any]
    """The page's metadata record (see ``newscrawl.pipelines.warc.page_info``)."""
    warc_file: str
    warc_record_id: str


def warc_sources(sources: Iterable[str | Path], since: str | None = None,
                 until: str | None = None) -> list[Path]:
    """WARC files named, or those of archive directories (``DIR/warc/date=*/``, only
    partitions within ``since``..``until``). Raises ValueError for a source that is
    neither."""
    out: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            if not (path / WARC).is_dir():
                raise ValueError(f"{path}: no WARC files (no {WARC}/ directory)")
            out += [w.path for w in warc_files(path, since, until)]
        elif path.is_file() and path.name.endswith((".warc.gz", ".warc")):
            out.append(path)
        else:
            raise ValueError(f"{path}: not a WARC file (.warc.gz) nor an archive directory")
    return list(dict.fromkeys(out))


def relative_name(path: Path) -> str:
    """``warc/date=.../<name>``, as records name a WARC file, when ``path`` sits in an archive."""
    parsed = parse_warc(path)
    if parsed and path.parent.parent.name == WARC:
        return f"{WARC}/{path.parent.name}/{path.name}"
    return path.name


def _index(paths: Iterable[Path]) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, tuple[Path, int]]]:
    """Pass one: every newscrawl page record in file order, ``(response id, metadata)``
    (the order the crawl's pipelines saw the pages in), and where each response record
    starts (a page's metadata may be in another file than its response)."""
    pages: list[tuple[str, dict[str, Any]]] = []
    responses: dict[str, tuple[Path, int]] = {}
    for path in paths:
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh)
            for record in it:
                if record.rec_type == "response":
                    responses[record.rec_headers.get_header("WARC-Record-ID")] = (path, it.get_record_offset())
                elif (record.rec_type == "metadata"
                        and record.rec_headers.get_header("Content-Type") == PAGE_METADATA_TYPE):
                    target = record.rec_headers.get_header("WARC-Refers-To")
                    if target:
                        pages.append((target, json.loads(record.content_stream().read())))
    return pages, responses


def stored_pages(paths: list[Path], since: str | None = None, until: str | None = None) -> Iterator[StoredPage]:
    """Every article page of ``paths`` fetched (UTC date of ``fetched_at``) within
    ``since``..``until``, in the order the crawl handed them to its pipelines (so
    duplicates are found as they were); listings and feeds are left out."""
    pages, responses = _index(paths)
    handles: dict[Path, Any] = {}
    try:
        for rid, info in pages:
            day = str(info.get("fetched_at", ""))[:10]
            if (since and day < since) or (until and day > until) or rid not in responses:
                continue
            path, offset = responses[rid]
            fh = handles.get(path) or handles.setdefault(path, open(path, "rb"))  # noqa: SIM115
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)))
            http = record.http_headers
            yield StoredPage(
                url=record.rec_headers.get_header("WARC-Target-URI"),
                body=record.content_stream().read(),
                content_type=http.get_header("Content-Type") if http else None,
                http_status=int(http.get_statuscode()) if http else 200,
                info=info,
                warc_file=str(info.get("warc_file") or relative_name(path)),
                warc_record_id=rid,
            )
    finally:
        for fh in handles.values():
            fh.close()
