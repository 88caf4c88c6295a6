"""extract_article on every article of the bundled sample site: the golden seed page
(Traditional and Simplified/GBK), a 2005 table layout, a modern portal, a wire story,
a Hong Kong page with a "more stories" stream, pages with two related lists.

Expected values live in newscrawl/sample_site/site/MANIFEST.json, written with the pages.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from newscrawl import extract_article
from newscrawl.schema import record_errors
from tests.conftest import SITE_ROOT

MANIFEST = json.loads((SITE_ROOT / "MANIFEST.json").read_text("utf-8"))
ARTICLES = {a["path"]: a for a in MANIFEST["articles"]}
FIELDS = ("title", "language", "published_at", "authors", "site_name", "kicker", "subtitle",
          "byline", "source", "editor")
PINYIN = re.compile(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


def extract(path: str) -> dict[str, Any]:
    spec = ARTICLES[path]
    header = "text/html; charset=utf-8" if spec.get("http_charset") else "text/html"
    data = (SITE_ROOT / path.lstrip("/")).read_bytes()
    return extract_article(data, f"http://127.0.0.1:8000{path}", content_type=header)


CASES = [(path, field) for path, spec in ARTICLES.items() for field in FIELDS if field in spec]


@pytest.mark.parametrize(("path", "field"), CASES, ids=[f"{p}:{f}" for p, f in CASES])
def test_field(path: str, field: str) -> None:
    assert extract(path)[field] == ARTICLES[path][field]


@pytest.mark.parametrize("path", sorted(ARTICLES))
def test_body_sentences_and_boilerplate(path: str) -> None:
    record = extract(path)
    spec = ARTICLES[path]
    for sentence in spec["body_contains"]:
        assert sentence in record["body"]
    for junk in spec["body_excludes"]:
        assert junk not in record["body"]
    if spec.get("body_paragraphs"):
        assert record["body"].split("\n") == spec["body_paragraphs"]


@pytest.mark.parametrize("path", sorted(ARTICLES))
def test_record_valid_and_clean(path: str) -> None:
    record = extract(path)
    assert record_errors({**record, "duplicate_of": None, "discovered_via": "link",
                          "fetched_at": "2022-07-24T00:00:00+00:00", "http_status": 200,
                          "crawl_id": "test", "warc_file": None, "warc_record_id": None}) == []
    texts = [record["title"], record["body"], record["kicker"] or "", record["subtitle"] or "",
             record["byline"] or "", record["copyright"] or ""]
    texts += [r["title"] for r in record["related"]]
    for text in texts:
        assert not PINYIN.search(text), text
        assert "\ufffd" not in text
    assert "\n\n" not in record["body"]
    assert all(r["url"].startswith("http://127.0.0.1:8000/") for r in record["related"])
    assert len({r["url"] for r in record["related"]}) == len(record["related"])
    assert len({r["title"] for r in record["related"]}) == len(record["related"])
    assert all(r["url"] != record["url"] for r in record["related"])


@pytest.mark.parametrize("path", [p for p, a in ARTICLES.items() if a.get("related") is not None])
def test_related(path: str) -> None:
    record = extract(path)
    assert [(r["title"], r["url"].removeprefix("http://127.0.0.1:8000")) for r in record["related"]] == [
        (r["title"], r["path"]) for r in ARTICLES[path]["related"]]


@pytest.mark.parametrize("path", [p for p, a in ARTICLES.items() if "copyright" in a])
def test_copyright(path: str) -> None:
    assert extract(path)["copyright"] == ARTICLES[path]["copyright"]


SEED_TRAD = "/tibet/2022-07/24/content_1.htm"
SEED_SIMP = "/tibet/gb/2022-07/24/content_1.htm"


def test_golden_seed_record() -> None:
    """The record summarised in the seed README, field by field."""
    record = extract(SEED_TRAD)
    assert record["title"] == "蔡奇:以每日清零的標準 防松勁防死角防反彈"
    assert record["kicker"] == "蔡奇到朝陽區檢查疫情處置工作時強調"
    assert record["subtitle"] == "李偉張延昆一同檢查"
    assert record["byline"] == "本報訊(記者 祁夢竹范俊生)"
    paragraphs = record["body"].split("\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("本報訊(記者 祁夢竹范俊生)昨天下午")
    assert paragraphs[-1] == "市領導孫梅君、張家明參加。"
    assert record["body"].count("封(管)控") == 3 and "社區(村)" in record["body"]
    assert record["copyright"].startswith("版權聲明:凡注明“來源:中國西藏網”")
    assert "高原(北京)文化傳播有限公司" in record["copyright"]
    assert len(record["related"]) == 9
    assert sum("全程網辦" in r["title"] for r in record["related"]) == 1
    assert record["language"] == "zh-Hant"


def test_simplified_gbk_seed_matches_in_its_script() -> None:
    trad, simp = extract(SEED_TRAD), extract(SEED_SIMP)
    assert simp["title"] == "蔡奇:以每日清零的标准 防松劲防死角防反弹"
    assert simp["language"] == "zh-Hans"
    for field in ("kicker", "subtitle", "byline", "copyright", "source", "editor"):
        assert (simp[field] is None) == (trad[field] is None), field
    assert len(simp["body"].split("\n")) == len(trad["body"].split("\n")) == 4
    assert len(simp["related"]) == len(trad["related"]) == 9
    assert len(simp["authors"]) == len(trad["authors"]) == 2
    assert "处於" in simp["body"]  # a GBK-only character decoded right
