"""A downstream consumer reads the archive with DuckDB (the real library), as design.md
promises: ``read_json('<dir>/articles/*/*.jsonl.gz', hive_partitioning=true)``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newscrawl.archive import read
from newscrawl.archive.manifest import read_manifests
from newscrawl.archive.writer import ArchiveWriter
from tests.test_archive_manifest import crawl_sample_site
from tests.test_archive_writer import sample_records

duckdb = pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def archive(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real crawl of the sample site plus a partition of another day, written with
    the archive's own writer."""
    root = tmp_path_factory.mktemp("consumer")
    crawl_sample_site(sample_site, root, NEWSCRAWL_ARCHIVE_MAX_RECORDS="5")
    writer = ArchiveWriter(root, "20240101T000000Z-oldday")
    for record in sample_records(3, fetched_at="2024-01-01T08:00:00+00:00",
                                 crawl_id="20240101T000000Z-oldday"):
        writer.write(dict(record, site="news.example.com"))
    writer.close()
    return root


def query(sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect()
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def source(root: Path, suffix: str = "jsonl.gz") -> str:
    return f"read_json('{root}/articles/*/*.{suffix}', hive_partitioning=true)"


def crawled_records(root: Path) -> int:
    return sum(m["records"] for m in read_manifests(root))


def test_count_matches_manifests(archive: Path) -> None:
    ((count,),) = query(f"select count(*) from {source(archive)}")
    assert count == crawled_records(archive) + 3 == 14 + 3
    assert count == sum(1 for _ in read(archive))


def test_query_by_site_and_date(archive: Path) -> None:
    (manifest,) = read_manifests(archive)
    day = manifest["files"][0]["date"]  # the crawl's fetch date (today, UTC)
    rows = query(f"select site, cast(date as varchar), count(*), count(distinct id) "
                 f"from {source(archive)} "
                 f"where site = '127.0.0.1' and date = DATE '{day}' group by all")
    assert rows == [("127.0.0.1", day, 14, 14)]
    rows = query(f"select count(*) from {source(archive)} "
                 "where site = 'news.example.com' and date = DATE '2024-01-01'")
    assert rows == [(3,)]


def test_partition_column_and_fields(archive: Path) -> None:
    rows = query(f"select cast(date as varchar) d, count(*) from {source(archive)} "
                 "group by d order by d")
    assert rows[0] == ("2024-01-01", 3)
    ((title, authors, language),) = query(
        f"select title, authors, language from {source(archive)} "
        "where url like '%/tibet/2022-07/24/content_1.htm' limit 1")
    assert title.startswith("蔡奇") and authors == ["祁夢竹", "范俊生"] and language == "zh-Hant"


def test_duplicates_point_at_archived_records(archive: Path) -> None:
    rows = query(f"select d.id, o.id from {source(archive)} d left join {source(archive)} o "
                 "on d.duplicate_of = o.id where d.duplicate_of is not null")
    assert rows == [(a, b) for a, b in rows if b is not None]
    ((marked,),) = query(f"select count(*) from {source(archive)} where duplicate_of is not null")
    assert marked == len(rows) == sum(1 for r in read(archive) if r["duplicate_of"])


def test_zstd_parts_are_readable(tmp_path: Path) -> None:
    pytest.importorskip("zstandard")
    writer = ArchiveWriter(tmp_path, "c1", compression="zstd", max_records=2)
    for record in sample_records(5, crawl_id="c1"):
        writer.write(record)
    writer.close()
    assert query(f"select count(*) from {source(tmp_path, 'jsonl.zst')}") == [(5,)]
