"""Decoding pages that lie about, or say nothing of, their encoding."""

from __future__ import annotations

import pytest

from newscrawl.extract.encoding import decode_html

SIMPLIFIED = "北京市委书记蔡奇到朝阳区检查疫情处置工作，看望慰问在高温天气下坚守防疫一线的工作人员。" * 3
TRADITIONAL = "北京市委書記蔡奇到朝陽區檢查疫情處置工作，看望慰問在高溫天氣下堅守防疫一線的工作人員。" * 3
# 镕 and 堃 are in GBK/GB18030 but not in GB2312: pages declaring gb2312 use them anyway.
BEYOND_GB2312 = "朱镕基与王堃出席会议并讲话，会议强调要做好各项工作。"


def page(text: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("text", "declared", "encoding", "header", "expected_codec"),
    [
        (SIMPLIFIED, "gbk", "gbk", None, "gb18030"),
        (SIMPLIFIED, None, "gbk", None, "gb18030"),
        (SIMPLIFIED, "utf-8", "gbk", None, "gb18030"),  # says UTF-8, serves GBK
        (SIMPLIFIED + BEYOND_GB2312, "gb2312", "gb18030", None, "gb18030"),
        (TRADITIONAL, "big5", "big5", None, "big5hkscs"),
        (TRADITIONAL, None, "big5", None, "big5hkscs"),
        (TRADITIONAL, "gb2312", "big5", None, "big5hkscs"),  # meta lies: Big5 bytes
        (TRADITIONAL, None, "utf-8", None, "utf-8"),
        (SIMPLIFIED, "gbk", "gbk", "text/html; charset=utf-8", "gb18030"),  # header lies
        (SIMPLIFIED, "utf-8", "utf-8", "text/html; charset=gbk", "utf-8"),  # header lies
        ("Plain English café", "windows-1252", "cp1252", None, "cp1252"),
    ],
)
def test_decodes_right(text: str, declared: str | None, encoding: str, header: str | None,
                       expected_codec: str) -> None:
    data = page(text, declared).encode(encoding)
    decoded, codec = decode_html(data, header)
    assert text in decoded
    assert "\ufffd" not in decoded
    assert codec == expected_codec


@pytest.mark.parametrize("bom,codec", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le")])
def test_bom_wins(bom: bytes, codec: str) -> None:
    text = page(SIMPLIFIED, "gbk")
    data = bom + text.encode("utf-8" if codec == "utf-8" else codec)
    decoded, found = decode_html(data, "text/html; charset=gbk")
    assert SIMPLIFIED in decoded
    assert found.replace("_", "-") == codec


def test_binary_garbage_does_not_raise() -> None:
    decoded, codec = decode_html(bytes(range(256)) * 20)
    assert isinstance(decoded, str) and codec


def test_generic_latin_header_gives_way_to_meta() -> None:
    """Apache's default charset=iso-8859-1 on a GBK page that says so in <meta>."""
    data = page(SIMPLIFIED, "gbk").encode("gbk")
    decoded, codec = decode_html(data, "text/html; charset=iso-8859-1")
    assert SIMPLIFIED in decoded and codec == "gb18030"


def test_latin1_page_stays_latin1() -> None:
    text = "Les élèves ont été reçus à l'école française; à côté, déjà, l'été arrive. " * 5
    decoded, codec = decode_html(page(text, None).encode("latin-1"), "text/html; charset=iso-8859-1")
    assert text in decoded and codec == "cp1252"


@pytest.mark.parametrize("data", [b"<p>a</p>&#8<!-- -->x", b"&#8<!>\xdb", b"<p>x&#x1f;y</p>&#31;t"])
def test_control_character_references(data: bytes) -> None:
    from newscrawl import extract_article

    record = extract_article(data, "http://example.com/a.html")
    assert all(ord(ch) >= 32 or ch == "\n" for ch in record["body"])


# decode_as is how the crawl decodes a FetchedPage with the encoding the spider chose:
# for every page, decoding with decode_html's choice gives decode_html's text.
_AGREE = [
    pytest.param(page(SIMPLIFIED, "gbk").encode("gbk"), None, id="gbk-declared"),
    pytest.param(page(SIMPLIFIED, None).encode("gb18030"), None, id="gb18030-undeclared"),
    pytest.param(page(TRADITIONAL, "big5").encode("big5"), None, id="big5-declared"),
    pytest.param(page(TRADITIONAL, "gb2312").encode("big5"), None, id="big5-meta-lies"),
    pytest.param(page(SIMPLIFIED, "gb2312").encode("utf-8"), None, id="utf8-meta-gb2312"),
    pytest.param(b"\xef\xbb\xbf" + page(SIMPLIFIED, "gbk").encode("utf-8"), "text/html; charset=gbk",
                 id="utf8-bom"),
    pytest.param(b"\xff\xfe" + page(TRADITIONAL, None).encode("utf-16-le"), None, id="utf16le-bom"),
    pytest.param(b"\xfe\xff" + page(TRADITIONAL, None).encode("utf-16-be"), None, id="utf16be-bom"),
    pytest.param(page("Les élèves ont été reçus. " * 5, None).encode("latin-1"),
                 "text/html; charset=iso-8859-1", id="latin1"),
    pytest.param(page(SIMPLIFIED, "gbk").encode("gbk")[:-7] + b"\xff\xfe\x80", None, id="gbk-broken-bytes"),
    pytest.param(bytes(range(256)) * 20, None, id="binary"),
    pytest.param(b"", None, id="empty"),
]


@pytest.mark.parametrize(("data", "header"), _AGREE)
def test_decode_as_agrees_with_decode_html(data: bytes, header: str | None) -> None:
    from newscrawl.extract.encoding import decode_as

    text, codec = decode_html(data, header)
    assert decode_as(data, codec) == text


def test_decode_as_strips_only_its_own_bom() -> None:
    """A BOM of the encoding asked for is not text; decoding with another encoding (a
    caller's own choice) reads the bytes as they are."""
    from newscrawl.extract.encoding import decode_as

    data = b"\xef\xbb\xbf<p>caf\xc3\xa9</p>"
    assert decode_as(data, "utf-8") == "<p>café</p>"
    assert decode_as(data, "cp1252") == "ï»¿<p>cafÃ©</p>"


def test_decode_as_replaces_bytes_it_cannot_read() -> None:
    from newscrawl.extract.encoding import decode_as

    assert decode_as(b"<p>\xff\xfe ok</p>", "utf-8") == "<p>\ufffd\ufffd ok</p>"
