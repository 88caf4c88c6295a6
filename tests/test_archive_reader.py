"""newscrawl.archive.read: partitions in date order, ``since``, finished files only,
streaming."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from newscrawl.archive import read
from newscrawl.archive.writer import ArchiveWriter
from tests.test_archive_writer import sample_records

DAYS = ("2024-05-03", "2024-04-30", "2024-05-01")  # written out of order on purpose


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Path]:
    """Three partitions from two crawls, plus an open (hidden) part of a third crawl."""
    n = 0
    for crawl in ("20240501T000000Z-aaaaaa", "20240502T000000Z-bbbbbb"):
        writer = ArchiveWriter(tmp_path, crawl, max_records=2)
        for day in DAYS:
            fetched_at = f"{day}T12:00:00+00:00"
            for record in sample_records(3, fetched_at=fetched_at, crawl_id=crawl, start=n):
                writer.write(record)
            n += 3
        writer.close()
    running = ArchiveWriter(tmp_path, "20240503T000000Z-cccccc")
    running.write(sample_records(1, fetched_at="2024-05-03T13:00:00+00:00",
                                 crawl_id="20240503T000000Z-cccccc", start=n)[0])
    yield tmp_path  # ``running`` is still open: its temp file is there
    running.close()


def test_partitions_in_date_order_newest_last(archive: Path) -> None:
    records = list(read(archive))
    assert len(records) == 2 * 3 * 3
    dates = [r["fetched_at"][:10] for r in records]
    assert dates == sorted(dates)
    assert dates[-1] == "2024-05-03"


def test_inside_a_partition_by_crawl_then_part(archive: Path) -> None:
    day = [r for r in read(archive) if r["fetched_at"].startswith("2024-05-01")]
    crawls = [r["crawl_id"] for r in day]
    assert crawls == sorted(crawls)
    first = [r["url"] for r in day if r["crawl_id"].endswith("aaaaaa")]
    assert first == [r["url"] for r in sample_records(3, start=6)]  # write order kept


@pytest.mark.parametrize(("since", "expected"), [
    ("2024-05-01", {"2024-05-01", "2024-05-03"}),
    (date(2024, 5, 2), {"2024-05-03"}),
    (datetime(2024, 5, 1, 23, 0, tzinfo=UTC), {"2024-05-01", "2024-05-03"}),
    ("2024-04-01", {"2024-04-30", "2024-05-01", "2024-05-03"}),
    ("2030-01-01", set()),
])
def test_since(archive: Path, since: object, expected: set[str]) -> None:
    assert {r["fetched_at"][:10] for r in read(archive, since=since)} == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("since", ["05/01/2024", "2024-5-1", "yesterday"])
def test_since_must_be_a_date(archive: Path, since: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        next(read(archive, since=since))


def test_skips_temp_files(archive: Path) -> None:
    assert list(archive.glob("articles/date=2024-05-03/.part-20240503T000000Z-cccccc-*.tmp"))
    assert not any(r["crawl_id"].endswith("cccccc") for r in read(archive))


def test_skips_other_names(archive: Path) -> None:
    (archive / "articles/date=2024-05-01/notes.txt").write_text("not a part file")
    (archive / "articles/misc").mkdir()
    assert len(list(read(archive))) == 18


def test_streams(archive: Path) -> None:
    records = read(archive)
    assert inspect.isgenerator(records)
    assert next(records)["fetched_at"].startswith("2024-04-30")


def test_empty_or_missing_archive(tmp_path: Path) -> None:
    assert list(read(tmp_path)) == []
    assert list(read(tmp_path / "nowhere")) == []


def test_reads_zstd_beside_gzip(tmp_path: Path) -> None:
    pytest.importorskip("zstandard")
    for crawl, compression in (("c1", "gzip"), ("c2", "zstd")):
        writer = ArchiveWriter(tmp_path, crawl, compression=compression)
        for record in sample_records(2, crawl_id=crawl):
            writer.write(record)
        writer.close()
    assert [r["crawl_id"] for r in read(tmp_path)] == ["c1", "c1", "c2", "c2"]


def test_a_line_that_is_not_json_raises_corrupt_file(tmp_path: Path) -> None:
    # A stream that decompresses but holds a broken line (what a damaged file can
    # decode to before zlib notices): CorruptFile, as the docstring says, not a bare
    # JSONDecodeError.
    from newscrawl.archive.compression import CorruptFile
    from newscrawl.archive.writer import PartWriter

    directory = tmp_path / "articles" / "date=2024-05-01"
    directory.mkdir(parents=True)
    final = directory / "part-20240501T100000Z-aaaaaa-1.jsonl.gz"
    writer = PartWriter(tmp_path, final, directory / f".{final.name}.tmp")
    good = sample_records(1)[0]
    writer.write_record(good)
    writer.write_line(b'{"schema_version": 1, "id": "\xef\xbf\xbd')
    writer.finish()
    records = read(tmp_path)
    assert next(records) == good
    with pytest.raises(CorruptFile, match=r"part-20240501T100000Z-aaaaaa-1\.jsonl\.gz:2: ") as raised:
        next(records)
    assert raised.value.lines == 1 and raised.value.path == final
