"""WARC capture end to end: a real ``scrapy crawl news`` of the sample site with every
response captured (``NEWSCRAWL_WARC_ALL``, files rotated small), read back by the real
``warcio check`` and ``warcio index``, looked up in the CDXJ indexes, replayed with
warcio's ArchiveIterator, verified, and re-extracted by ``scrapy reextract`` with no
download handler: the records match the crawl's, record by record."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import urllib.request
import zlib
from pathlib import Path
from typing import Any

import pytest
import surt
from scrapy.http import HtmlResponse, Request
from scrapy.settings import Settings
from scrapy.signalmanager import SignalManager
from scrapy.statscollectors import MemoryStatsCollector
from warcio.archiveiterator import ArchiveIterator

from newscrawl.archive import read
from newscrawl.archive.manifest import read_manifests
from newscrawl.archive.verify import verify_archive
from newscrawl.items import CRAWL_FIELDS
from newscrawl.pages import WARC_META
from newscrawl.schema import record_errors
from newscrawl.warc.capture import WarcCapture
from newscrawl.warc.middleware import WarcCaptureMiddleware
from newscrawl.warc.writer import WarcWriter
from tests.conftest import SITE_ROOT
from tests.test_archive_crash import crawl_command

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
#: Small enough that the sample site's responses fill several WARC files.
MAX_BYTES = 40_000


def run(args: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=180, cwd=REPO, **kw)


@pytest.fixture(scope="module")
def captured(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    archive = tmp_path_factory.mktemp("warc-archive")
    command = crawl_command(sample_site, archive, "-s", "DOWNLOAD_DELAY=0", "-s", "NEWSCRAWL_WARC_ALL=True",
                            "-s", f"NEWSCRAWL_WARC_MAX_BYTES={MAX_BYTES}")
    # A redirect and a 404 among the seeds: with NEWSCRAWL_WARC_ALL those are kept too.
    command[command.index(f"start_urls={sample_site}/")] = (
        f"start_urls={sample_site}/,{sample_site}/old-url.html,{sample_site}/missing.html")
    proc = run(command)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (manifest,) = read_manifests(archive)
    return {"archive": archive, "manifest": manifest, "records": list(read(archive)),
            "warcs": sorted(archive.glob("warc/date=*/*.warc.gz"))}


def test_every_warc_passes_warcio_check_and_index(captured: dict[str, Any]) -> None:
    warcs = captured["warcs"]
    assert len(warcs) >= 3, "the files should have rotated"
    assert not list(captured["archive"].glob("warc/*/.*")), "no temp file left"
    check = run([str(BIN / "warcio"), "check", "-v", *map(str, warcs)])
    assert check.returncode == 0, check.stdout[-3000:]
    assert "digest pass" in check.stdout and "failed" not in check.stdout
    index = run([str(BIN / "warcio"), "index", "-f", "warc-type,warc-target-uri,http:status", *map(str, warcs)])
    assert index.returncode == 0, index.stderr
    lines = [json.loads(line) for line in index.stdout.splitlines()]
    types = [line["warc-type"] for line in lines]
    assert types.count("warcinfo") == len(warcs)  # one per file
    assert types.count("response") == types.count("request")  # pairs
    assert types.count("metadata") == len(captured["records"])  # one per article page
    uris = {line.get("warc-target-uri", "") for line in lines}
    # Every response, not only articles: robots.txt, sitemaps, feeds, listings, errors.
    assert any(u.endswith("/robots.txt") for u in uris)
    assert any(u.endswith("/sitemap.xml") for u in uris) and any(u.endswith("/rss.xml") for u in uris)
    assert {line.get("http:status") for line in lines if line["warc-type"] == "response"} >= {"200", "301", "404"}


def test_manifest_lists_every_warc_with_size_and_sha256(captured: dict[str, Any]) -> None:
    archive = captured["archive"]
    listed = {entry["path"]: entry for entry in captured["manifest"]["warc_files"]}
    assert set(listed) == {w.relative_to(archive).as_posix() for w in captured["warcs"]}
    for path, entry in listed.items():
        data = (archive / path).read_bytes()
        assert entry["bytes"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert (archive / entry["index"]).is_file()
    assert captured["manifest"]["schema_version"] == 2


def test_cdxj_index_finds_every_article_url(captured: dict[str, Any]) -> None:
    archive = captured["archive"]
    by_key: dict[str, list[dict[str, Any]]] = {}
    for index in archive.glob("warc/date=*/*.cdxj"):
        lines = index.read_text("utf-8").splitlines()
        assert lines == sorted(lines), f"{index.name} is not sorted"
        for line in lines:
            key, _, rest = line.split(" ", 2)
            by_key.setdefault(key, []).append(json.loads(rest))
    records = captured["records"]
    assert len(records) == 14
    for record in records:
        hits = [h for h in by_key.get(surt.surt(record["url"]), []) if h.get("status") == "200"]
        assert hits, f"{record['url']} is not in the CDXJ indexes"
        hit = hits[0]
        # The index points at the very record the article names.
        with open(archive / hit["filename"], "rb") as fh:
            fh.seek(int(hit["offset"]))
            found = next(iter(ArchiveIterator(fh)))
        assert found.rec_headers.get_header("WARC-Target-URI") == record["url"]
        assert hit["filename"] == record["warc_file"]
        assert found.rec_headers.get_header("WARC-Record-ID") == record["warc_record_id"]


def test_replay_gives_the_original_bytes(captured: dict[str, Any], sample_site: str) -> None:
    record = next(r for r in captured["records"] if "/tibet/gb/" in r["url"])  # a GBK page
    with open(captured["archive"] / record["warc_file"], "rb") as fh:
        response = next(r for r in ArchiveIterator(fh)
                        if r.rec_headers.get_header("WARC-Record-ID") == record["warc_record_id"])
        assert response.rec_type == "response"
        assert response.http_headers.get_statuscode() == "200"
        stored = response.content_stream().read()
    with urllib.request.urlopen(record["url"], timeout=10) as live:
        original = live.read()
    assert stored == original
    assert b"charset=gb" in stored.lower() or b"gb2312" in stored.lower()  # bytes, not a re-encoded text
    with open(captured["archive"] / record["warc_file"], "rb") as fh:
        requests = [r for r in ArchiveIterator(fh) if r.rec_type == "request"
                    and r.rec_headers.get_header("WARC-Concurrent-To") == record["warc_record_id"]]
    assert len(requests) == 1
    assert requests[0].http_headers.get_header("User-Agent").startswith("newscrawl/")


def test_verify_checks_warc_records(captured: dict[str, Any]) -> None:
    report = verify_archive(captured["archive"])
    assert report.ok, report.lines()
    assert report.warc_files == len(captured["warcs"])
    assert report.warc_refs == len(captured["records"]) == 14


def test_verify_fails_on_a_damaged_or_missing_warc(captured: dict[str, Any], tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(captured["archive"], damaged)
    record = captured["records"][0]
    path = damaged / record["warc_file"]
    data = path.read_bytes()
    members, pos = [], 0
    while pos < len(data):
        d = zlib.decompressobj(wbits=31)
        members.append(d.decompress(data[pos:]))
        pos = len(data) - len(d.unused_data)
    target = next(i for i, m in enumerate(members) if record["warc_record_id"].encode() in m[:400])
    body = members[target]
    at = body.index(b"<html") + 20  # one flipped bit in the page, gzip still sound
    members[target] = body[:at] + bytes([body[at] ^ 1]) + body[at + 1:]
    path.write_bytes(b"".join(gzip.compress(m) for m in members))
    report = verify_archive(damaged)
    assert not report.ok
    text = "\n".join(report.lines())
    assert "block digest failed" in text and "payload digest failed" in text
    assert f"{record['warc_file']}: sha256" in text

    missing = tmp_path / "missing"
    shutil.copytree(captured["archive"], missing)
    (missing / record["warc_file"]).unlink()
    text = "\n".join(verify_archive(missing).lines())
    assert f"warc_file {record['warc_file']} does not exist" in text
    assert f"lists {record['warc_file']}, which does not exist" in text


@pytest.fixture(scope="module")
def reextracted(captured: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("reextracted")
    # No proxy would help either: the command runs with no download handler at all.
    proc = run([sys.executable, "-m", "scrapy", "reextract", str(captured["archive"]), "-o", str(out)],
               env={**os.environ, "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"})
    (manifest,) = read_manifests(out)
    return {"proc": proc, "archive": out, "manifest": manifest, "records": list(read(out))}


def test_reextract_reproduces_the_crawl_record_by_record(captured: dict[str, Any], reextracted: dict[str, Any]) -> None:
    assert reextracted["proc"].returncode == 0, reextracted["proc"].stderr[-3000:]
    original = {r["id"]: r for r in captured["records"]}
    again = {r["id"]: r for r in reextracted["records"]}
    assert len(again) == len(reextracted["records"]) == 14
    assert again.keys() == original.keys()
    crawl_id = reextracted["manifest"]["crawl_id"]
    assert crawl_id != captured["manifest"]["crawl_id"]
    for record_id, record in original.items():
        new = again[record_id]
        assert new["crawl_id"] == crawl_id
        assert record_errors(new) == []
        # Same page fields, and the crawl's own fields kept: how it was found, when, where its bytes are.
        for field in record:
            if field in ("crawl_id", "duplicate_of"):
                continue
            assert new[field] == record[field], (record["url"], field)
        for field in ("discovered_via", "fetched_at", "http_status", "warc_file", "warc_record_id"):
            assert field in CRAWL_FIELDS and new[field] == record[field]


def test_reextract_is_offline_with_progress_and_summary(reextracted: dict[str, Any]) -> None:
    proc, manifest = reextracted["proc"], reextracted["manifest"]
    stats = manifest["stats"]
    assert stats.get("downloader/request_count", 0) == 0
    assert stats["newscrawl/replay/pages"] == 14 and stats["newscrawl/archived"] == 14
    assert manifest["spider"] == "replay" and manifest["finish_reason"] == "finished"
    assert "crawl summary:" in proc.stderr and "records archived: 14" in proc.stderr
    assert "WARC files written" not in proc.stderr  # nothing captured: no request was made
    assert "reextract: 14 pages from" in proc.stderr
    assert "WARNING" not in proc.stderr  # what it leaves out by design is not "Disabled ..." cron mail
    report = verify_archive(reextracted["archive"])  # the records' WARC ids found in the source archive
    assert report.ok, report.lines()
    assert report.warc_refs == 14


def test_reextract_into_the_source_archive(captured: dict[str, Any], tmp_path: Path) -> None:
    """The default: the new records go beside the old, as later versions of the same ids."""
    archive = tmp_path / "archive"
    shutil.copytree(captured["archive"], archive)
    proc = run([sys.executable, "-m", "scrapy", "reextract", str(archive), "-s", f"NEWSCRAWL_ARCHIVE_DIR={archive}"])
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = verify_archive(archive)
    assert report.ok, report.lines()
    assert report.versions == 14 and report.warc_refs == 28
    assert len(read_manifests(archive)) == 2


def test_reextract_date_bounds(captured: dict[str, Any], tmp_path: Path) -> None:
    day = captured["records"][0]["fetched_at"][:10]
    proc = run([sys.executable, "-m", "scrapy", "reextract", "--since", "2999-01-01", str(captured["archive"]),
                "-o", str(tmp_path / "none")])
    assert proc.returncode == 1
    assert "no WARC files in" in proc.stderr and "within the dates given" in proc.stderr
    assert not (tmp_path / "none").exists()
    proc = run([sys.executable, "-m", "scrapy", "reextract", "--until", "1999-12-31", str(captured["warcs"][0])])
    assert proc.returncode == 1 and "no article page" in proc.stderr, proc.stderr[-2000:]
    assert day > "1999-12-31"


def test_schema_2_and_version_1_records() -> None:
    v2 = json.loads((Path(__file__).parent / "fixtures" / "record_v2.json").read_text("utf-8"))
    assert record_errors(v2) == []
    v1 = {k: v for k, v in v2.items() if k not in ("warc_file", "warc_record_id")}
    v1["schema_version"] = 1
    assert record_errors(v1) == []  # version-1 records stay valid
    assert record_errors({**v1, "schema_version": 2})  # version 2 has both fields
    assert record_errors({**v2, "schema_version": 1})  # version 1 had neither
    assert record_errors({**v2, "warc_file": None, "warc_record_id": None}) == []  # capture off
    assert record_errors({**v2, "warc_record_id": "urn:uuid:x"})


class _Crawler:
    def __init__(self) -> None:
        self.settings = Settings()
        self.signals = SignalManager(self)
        self.stats = MemoryStatsCollector(self)  # type: ignore[arg-type]


def test_capture_keeps_the_body_as_received_before_decompression(tmp_path: Path) -> None:
    from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware

    page = (SITE_ROOT / "world" / "2022" / "07" / "24" / "asia-container-freight-rates-ease.html").read_bytes()
    encoded = gzip.compress(page)
    crawler = _Crawler()
    capture = WarcCapture(crawler, WarcWriter(tmp_path, "t1"), all_responses=False)
    middleware = WarcCaptureMiddleware(capture)
    request = Request("http://example.com/world/2022/07/24/a.html", headers={"Accept-Encoding": "gzip"})
    response = HtmlResponse(request.url, body=encoded, request=request,
                            headers={"Content-Encoding": "gzip", "Content-Type": "text/html; charset=utf-8"})
    middleware.process_response(request, response)
    decompressed = HttpCompressionMiddleware(crawler=crawler).process_response(request, response)  # type: ignore[arg-type]
    assert decompressed.body == page  # what the spider sees
    exchange = request.meta[WARC_META]
    assert exchange.body == encoded  # what the server sent
    warc_file, record_id = capture.write_page(exchange, {"crawl_id": "t1"})
    capture.close()
    with open(tmp_path / warc_file, "rb") as fh:
        response_record = next(r for r in ArchiveIterator(fh) if r.rec_type == "response")
        assert response_record.rec_headers.get_header("WARC-Record-ID") == record_id
        assert response_record.http_headers.get_header("Content-Encoding") == "gzip"
        assert response_record.content_stream().read() == page  # replay undoes the encoding
    with open(tmp_path / warc_file, "rb") as fh:
        raw = next(r for r in ArchiveIterator(fh) if r.rec_type == "response")
        assert raw.raw_stream.read() == encoded  # and keeps the bytes as received
    check = run([str(BIN / "warcio"), "check", str(tmp_path / warc_file)])
    assert check.returncode == 0, check.stdout


def test_warc_records_are_gzipped_at_the_calibrated_level(tmp_path: Path) -> None:
    """NEWSCRAWL_WARC_COMPRESSLEVEL is 3 (calibrated in newscrawl/settings.py on 400
    WCXB pages: half level 6's CPU for 12% more bytes), the writer's default agrees,
    and a captured page's member is level 3's deflate stream, not level 6's."""
    from newscrawl import settings as defaults
    from newscrawl.warc.writer import gzip_member

    assert defaults.NEWSCRAWL_WARC_COMPRESSLEVEL == 3
    assert WarcWriter(tmp_path, "t0").compresslevel == 3
    page = (REPO / "tests" / "fixtures" / "bench" / "wcxb" / "0020" / "page.html").read_bytes()
    level3, level6 = gzip_member(page, 3), gzip_member(page, 6)
    assert level3 != level6 and zlib.decompress(level3, zlib.MAX_WBITS + 16) == page
    assert len(level6) < len(level3) < len(page) // 2
