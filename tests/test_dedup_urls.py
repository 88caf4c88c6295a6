"""Canonical URLs as the seen-state keys them: every documented tracking parameter
goes, the page's own parameters stay, and the variants of one page share a key."""

from __future__ import annotations

import pytest

from newscrawl.urls import TRACKING_PARAMS, normalize_url, record_id, url_key

BASE = "https://example.com/news/1.html"


def _example(param: str) -> str:
    return param[:-1] + "campaign" if param.endswith("*") else param


@pytest.mark.parametrize("param", TRACKING_PARAMS)
def test_every_documented_tracking_param_is_removed(param: str) -> None:
    name = _example(param)
    assert normalize_url(f"{BASE}?{name}=x&id=7") == f"{BASE}?id=7"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?UTM_Source=x&ID=3", "https://example.com/a?ID=3"),  # names: case-insensitive
        ("https://example.com/a?fbclid=1&FBCLID=2", "https://example.com/a"),
        ("https://example.com/a?page=2&spm=a.b.c", "https://example.com/a?page=2"),  # pagination kept
        ("https://example.com/a?from_page=2", "https://example.com/a?from_page=2"),  # exact names only
        ("https://example.com/a?referrer=x&reference=y", "https://example.com/a?reference=y"),
        ("https://example.com/a?share_source=wx&shared=1", "https://example.com/a?shared=1"),
        ("https://example.com/a;JSESSIONID=ABC123", "https://example.com/a"),
        ("https://example.com/a;phpsessid=1/b", "https://example.com/a/b"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a?id=1#comments", "https://example.com/a?id=1"),
        ("https://example.com/a?q=%E4%B8%AD", "https://example.com/a?q=%E4%B8%AD"),
        ("https://example.com/中文/页.html", "https://example.com/%E4%B8%AD%E6%96%87/%E9%A1%B5.html"),
        ("https://example.com", "https://example.com/"),
    ],
)
def test_normalize_cases(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


@pytest.mark.parametrize(
    "variant",
    [
        "http://www.example.com/news/1.html",
        "https://WWW.EXAMPLE.COM/news/1.html?utm_source=rss&utm_medium=feed",
        "https://example.com/news/1.html#top",
        "https://example.com:443/news/1.html?from=timeline&isappinstalled=0",
    ],
)
def test_variants_are_one_key(variant: str) -> None:
    assert url_key(variant) == url_key(BASE)
    assert record_id(variant) == record_id(BASE)


@pytest.mark.parametrize(
    "other",
    [
        "https://example.com/news/2.html",
        "https://example.com/news/1.html?id=2",
        "https://news.example.com/news/1.html",  # another host, not just www
        "https://example.com/News/1.html",  # paths are case-sensitive
    ],
)
def test_distinct_pages_are_distinct_keys(other: str) -> None:
    assert url_key(other) != url_key(BASE)

