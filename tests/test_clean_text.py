"""Whitespace and Unicode normalisation."""

from __future__ import annotations

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
