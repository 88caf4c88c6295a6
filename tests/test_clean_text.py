"""Whitespace and Unicode normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawl.clean.text import dedupe_paragraphs, normalize_text, split_paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u3000\u3000昨天下午，蔡奇到朝阳区", "昨天下午，蔡奇到朝阳区"),
        ("Hello\u00a0\u00a0world", "Hello world"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("e\u0301te\u0301", "été"),  # NFC
        ("全角，标点。保持！", "全角，标点。保持！"),
        ("  many   spaces\t\there ", "many spaces here"),
        ("跨\n行", "跨 行"),
    ],
)
def test_normalize_text(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一段\n\n\n第二段\r\n  \n第三段", ["第一段", "第二段", "第三段"]),
        ("\u3000\u3000第一段\n\u3000\u3000第二段", ["第一段", "第二段"]),
        ("First.\n \nSecond.", ["First.", "Second."]),
    ],
)
def test_split_paragraphs(text: str, expected: list[str]) -> None:
    assert split_paragraphs(text) == expected


def test_repeated_paragraph_kept_once() -> None:
    assert dedupe_paragraphs(["一", "二", "一", "三"]) == ["一", "二", "三"]


@given(st.text(max_size=200))
def test_normalize_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.text(max_size=200))
def test_split_idempotent(text: str) -> None:
    once = split_paragraphs(text)
    assert split_paragraphs("\n".join(once)) == once


def test_page_caches_hold_only_the_last_page() -> None:
    """squash() and trafilatura's trim() cache whole-page texts: kept across pages they
    grew a worker by 60 MB over 400 pages. After any number of pages, the caches hold
    what the last page alone leaves."""
    from trafilatura.utils import trim

    from newscrawl.clean.text import squash
    from newscrawl.extract.article import extract_article

    fixtures = Path(__file__).parent / "fixtures" / "bench"
    pages = [p / "page.html" for p in sorted((fixtures / "wcxb").iterdir()) + sorted((fixtures / "aeb").iterdir())
             if (p / "page.html").is_file()]
    assert len(pages) >= 6
    last = pages[-1]

    def cached_after(sequence: list[Path]) -> tuple[int, int]:
        squash.cache_clear()
        trim.cache_clear()
        for page in sequence:
            extract_article(page.read_bytes(), "https://example.com/news/2024/01/a.html")
        return squash.cache_info().currsize, trim.cache_info().currsize

    alone = cached_after([last])
    assert alone[0] > 0, "the last page's own texts are cached while it is worked on"
    assert cached_after(pages) == alone
