"""Text -> text cleaners: pure functions, no Scrapy, no HTML parsing."""

from newscrawl.clean.pinyin import strip_pinyin
from newscrawl.clean.text import normalize_text, split_paragraphs

__all__ = ["normalize_text", "split_paragraphs", "strip_pinyin"]
