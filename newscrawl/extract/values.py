"""Small value helpers shared by the field extractors."""

from __future__ import annotations

from newscrawl.clean.pinyin import strip_pinyin
from newscrawl.clean.text import normalize_text


def clean_value(value: str | None) -> str | None:
    if not value:
        return None
    return normalize_text(strip_pinyin(normalize_text(value))) or None


def has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
