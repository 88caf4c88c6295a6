"""Canonical URLs, keys and ids."""

from __future__ import annotations

import pytest

from newscrawl.urls import absolute, normalize_url, record_id, site_of, url_key


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?utm_source=x&utm_medium=y&id=3#top", "https://example.com/a?id=3"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://EXAMPLE.com:443/a?spm=1.2.3&from=timeline", "https://example.com/a"),
        ("http://example.com/a;jsessionid=ABC?x=1", "http://example.com/a?x=1"),
    ],
)
def test_normalize_url(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


@pytest.mark.parametrize(
    "variant",
    [
        "http://www.example.com/news/1.html",
        "https://example.com/news/1.html",
        "https://www.example.com/news/1.html?utm_campaign=z#comments",
    ],
)
def test_variants_share_key_and_id(variant: str) -> None:
    base = "https://example.com/news/1.html"
    assert url_key(variant) == url_key(base)
    assert record_id(variant) == record_id(base)


def test_distinct_pages_distinct_ids() -> None:
    assert record_id("https://example.com/news/1.html") != record_id("https://example.com/news/2.html")


@pytest.mark.parametrize(
    ("url", "site"),
    [("https://www.tibet.cn/cn/x.html", "tibet.cn"), ("http://127.0.0.1:8080/a", "127.0.0.1")],
)
def test_site_of(url: str, site: str) -> None:
    assert site_of(url) == site


@pytest.mark.parametrize(
    ("href", "expected"),
    [("/a/b.html", "https://e.com/a/b.html"), ("javascript:void(0)", None), ("mailto:x@e.com", None),
     ("#top", None), ("ftp://e.com/x", None)],
)
def test_absolute(href: str, expected: str | None) -> None:
    assert absolute("https://e.com/x/y.html", href) == expected



def test_overlong_links_are_not_taken() -> None:
    """A link longer than Scrapy's URLLENGTH_LIMIT default is no page to follow or cite
    (and a 300,000-character host is slow to canonicalise)."""
    from newscrawl.urls import MAX_URL_LENGTH

    base = "https://example.com/news/"
    ok = "a" * (MAX_URL_LENGTH - len(base))
    assert absolute(base, ok) == base + ok
    assert absolute(base, ok + "a") is None  # too long once joined
    assert absolute(base, "https://" + "h" * 300_000 + ".com/") is None


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("http:\ufffd/bbs.sohu.com/license.htm", None),  # mangled bytes: no host
        ("http:/bbs.sohu.com/license.htm", None),
        ("HTTP://Example.com/A", "http://Example.com/A"),
    ],
)
def test_links_without_a_host_are_not_taken(href: str, expected: str | None) -> None:
    assert absolute("https://bench.invalid/zh/1.html", href) == expected
