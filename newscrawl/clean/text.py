"""Whitespace and Unicode normalisation of extracted text."""

from __future__ import annotations

import functools
import re
import unicodedata

# Zero-width and BOM characters carry nothing a reader sees.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # a class: str.translate is slower
# NBSP, ideographic space, en/em spaces and friends all read as one space.
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def normalize_text(text: str) -> str:
    """One paragraph: NFC, invisible characters dropped, space runs folded, trimmed.
    Full-width punctuation is kept as published."""
    if not text.isascii():  # ASCII is already NFC and holds none of the invisibles
        text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return " ".join(text.split())  # str.split() splits on every Unicode space and line break


def split_paragraphs(text: str) -> list[str]:
    """Normalised, non-empty paragraphs of a text whose paragraphs are lines."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    lines = (_SPACES.sub(" ", line).strip() for line in re.split(r"[\r\n\u2028\u2029\x85]+", text))
    return [line for line in lines if line]


def dedupe_paragraphs(paragraphs: list[str]) -> list[str]:
    """Paragraphs with verbatim repeats kept once (first occurrence)."""
    seen: set[str] = set()
    out = []
    for para in paragraphs:
        if para not in seen:
            seen.add(para)
            out.append(para)
    return out



_NON_ALNUM = re.compile(r"[\W_]+")


#: A page squashes its blocks, then its lines again; the cache is cleared as each page
#: is parsed (``newscrawl.extract.article._parse``): its entries can be whole-page
#: texts, and kept across pages, 8,192 of them held 38 MB after 400 WCXB pages in one
#: worker and kept growing (tracemalloc). Bounding the length cached costs the
#: extraction CPU instead: a whole-page block is squashed ~12 times per page (120
#: WCXB pages: 1,441 squashes of long texts, 4.9 s).
@functools.lru_cache(maxsize=8192)
def squash(text: str) -> str:
    """``text`` reduced to letters and digits, lower-cased: for comparing lines that
    differ only in spacing and punctuation."""
    return _NON_ALNUM.sub("", unicodedata.normalize("NFKC", text).lower())


def fingerprint_text(body: str) -> str:
    """The body as hashed for ``content_hash``: NFKC, case-folded, all whitespace removed,
    so re-wrapped or re-spaced copies of one text hash alike."""
    return "".join(unicodedata.normalize("NFKC", body).casefold().split())
