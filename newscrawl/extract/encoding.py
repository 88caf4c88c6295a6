"""Byte -> text decoding that survives pages lying about their encoding.

Order of evidence: BOM, then bytes that are valid UTF-8, then the declared encoding
(HTTP header, then ``<meta>``) when the text it yields is plausible, then the CJK
candidates scored on how common the decoded Han characters are in each script.
"""

from __future__ import annotations

import codecs
import re

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

_HAN = re.compile(r"[\u4e00-\u9fff]")
_CJK_CANDIDATES = ("gb18030", "big5hkscs")
_GENERIC_LATIN = frozenset({"cp1252", "latin-1", "iso8859-1", "ascii"})

#: How much of a page's Han text must be "frequent characters" of an encoding for that
#: encoding's reading to be trusted. Calibrated on the zh-dev bench pages (GBK and
#: Big5, declared and not): correct readings score 0.85-0.99 (GB2312 level 1 for
#: Simplified, Big5 frequent for Traditional); wrong readings 0.25-0.6.
PLAUSIBLE_COMMON_SHARE = 0.75
#: Replacement characters tolerated, per character, before a candidate is rejected:
#: real GBK pages carry a stray broken byte now and then (truncated ad snippets).
MAX_ERROR_SHARE = 0.001
_SAMPLE = 4000  # Han characters scored per candidate: enough to separate, cheap to run


def _common_share(text: str, encoding: str) -> float:
    """Share of the Han characters of ``text`` that are frequent in ``encoding``'s
    script: GB2312 level 1 (lead byte 0xB0-0xD7) or Big5 frequent (0xA4-0xC6)."""
    han = _HAN.findall(text)[:_SAMPLE]
    if not han:
        return 0.0
    if encoding == "gb18030":
        codec, lo, hi = "gb2312", 0xB0, 0xD7
    else:
        codec, lo, hi = "big5", 0xA4, 0xC6
    common = 0
    for ch in han:
        try:
            lead = ch.encode(codec)[0]
        except UnicodeEncodeError:
            continue
        if lo <= lead <= hi:
            common += 1
    return common / len(han)


def decode_as(data: bytes, encoding: str) -> str:
    """Decode ``data`` with ``encoding`` exactly as ``decode_html`` does once it has
    chosen it: a leading BOM of that encoding is dropped, bytes the codec cannot read
    become U+FFFD. The crawl decodes a page with the encoding the spider chose through
    this, so the text the spider judged is the text the extractor reads."""
    codec = codecs.lookup(encoding).name
    bom_enc, bom = read_bom(data)
    if bom_enc and bom and codecs.lookup(bom_enc).name == codec:
        data = data[len(bom):]
    return data.decode(codec, errors="replace")


def _decode(data: bytes, encoding: str) -> tuple[str, int]:
    text = decode_as(data, encoding)
    return text, text.count("\ufffd") - _count_literal_fffd(data)


def _count_literal_fffd(data: bytes) -> int:
    return data.count("\ufffd".encode())


def _ok(text: str, errors: int) -> bool:
    return errors <= max(2, int(len(text) * MAX_ERROR_SHARE))


def _resolved(raw: str | None) -> str | None:
    resolved = resolve_encoding(raw) if raw else None
    return codecs.lookup(resolved).name if resolved else None


def declared_encoding(data: bytes, content_type: str | None = None) -> str | None:
    """The encoding the HTTP header or the page itself declares, resolved by w3lib
    (gb2312/gbk -> gb18030, big5 -> big5hkscs, ascii/latin-1 -> cp1252). A header
    naming a generic Latin charset (a server default: Apache's iso-8859-1) gives way
    to the page's own ``<meta>`` declaration."""
    header = _resolved(http_content_type_encoding(content_type)) if content_type else None
    meta = _resolved(html_body_declared_encoding(data))
    if header and meta and header in _GENERIC_LATIN and meta not in _GENERIC_LATIN:
        return meta
    return header or meta


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page's bytes; return ``(text, encoding)``. The text is always
    ``decode_as(data, encoding)``: whoever keeps the encoding can read the same text
    again from the bytes."""
    bom_enc, bom = read_bom(data)
    if bom_enc and bom:
        codec = codecs.lookup(bom_enc).name
        return decode_as(data, codec), codec
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return decode_as(data, "utf-8"), "utf-8"  # valid UTF-8 with any non-ASCII byte is UTF-8 in practice

    declared = declared_encoding(data, content_type)
    tried: dict[str, tuple[str, int]] = {}
    if declared and declared != "utf-8" and declared not in _GENERIC_LATIN:
        text, errors = tried.setdefault(declared, _decode(data, declared))
        if _ok(text, errors) and (
            declared not in _CJK_CANDIDATES or _common_share(text, declared) >= PLAUSIBLE_COMMON_SHARE
        ):
            return text, declared

    best: tuple[float, str, str] | None = None
    for enc in _CJK_CANDIDATES:
        text, errors = tried.get(enc) or _decode(data, enc)
        if not _ok(text, errors):
            continue
        score = _common_share(text, enc)
        if best is None or score > best[0]:
            best = (score, enc, text)
    # Undeclared bytes take the best CJK reading; a generic Latin declaration gives way
    # only to a plausible one (French or German Latin-1 read as GBK scores ~0.3).
    floor = PLAUSIBLE_COMMON_SHARE if declared in _GENERIC_LATIN else 0.0
    if best is not None and best[0] > floor:
        return best[2], best[1]
    if declared:
        text, _ = tried.get(declared) or _decode(data, declared)
        return text, declared
    return decode_as(data, "cp1252"), "cp1252"
