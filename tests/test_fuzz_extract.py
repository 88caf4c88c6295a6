"""Property tests: extraction and every cleaner survive random and mutated input,
and what extraction returns is a record the schema accepts (or rejects only for an
empty title/body, which the pipeline drops with a stat)."""

from __future__ import annotations

import random
from html import escape

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newscrawl import extract_article
from newscrawl.clean.boilerplate import (
    is_copyright,
    is_meta_line,
    is_navigation,
    is_widget,
    strip_edit_link,
)
from newscrawl.clean.byline import (
    authors_in,
    byline_line,
    credits_in,
    meta_fields,
    names_from_credit,
    names_line,
    poster_in,
    split_byline,
)
from newscrawl.clean.headline import strip_headline_echo, strip_site_suffix
from newscrawl.clean.pinyin import strip_pinyin
from newscrawl.clean.text import normalize_text, split_paragraphs
from newscrawl.schema import record_errors
from tests.conftest import SITE_ROOT

CRAWL = {"duplicate_of": None, "discovered_via": "link", "fetched_at": "2022-07-24T00:00:00+00:00",
         "http_status": 200, "crawl_id": "fuzz", "warc_file": None, "warc_record_id": None}
SEED = (SITE_ROOT / "tibet/2022-07/24/content_1.htm").read_bytes()
TAGS = ["<p>", "</p>", "<div class='content'>", "</div>", "<a href='/x/2022/07/24/1.html'>", "</a>",
        "<table><tr><td>", "</td></tr></table>", "<script>", "</script>", "<h1>", "</h1>", "<br>",
        "<!--", "-->", "<meta charset='gbk'>", "<li>", "<ul>", "&#x0;", "&nbsp;", "\x00", "\ufeff"]
settings.register_profile("newscrawl", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("newscrawl")


def check(record: dict) -> None:
    errors = record_errors({**record, **CRAWL})
    allowed = ("title:", "body:")
    assert all(e.startswith(allowed) for e in errors), errors


@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    check(extract_article(data, "http://example.com/2022/07/24/a.html"))


@given(st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=40)), max_size=80))
def test_random_tag_soup(parts: list[str]) -> None:
    check(extract_article("".join(parts), "https://example.cn/news/1.html"))


@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=60))
def test_mutated_real_page(seed: int, flips: int) -> None:
    rng = random.Random(seed)
    data = bytearray(SEED)
    for _ in range(flips):
        op = rng.randrange(3)
        pos = rng.randrange(len(data))
        if op == 0:
            data[pos] = rng.randrange(256)
        elif op == 1:
            del data[pos : pos + rng.randrange(1, 200)]
        else:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 20)))
    check(extract_article(bytes(data), "http://127.0.0.1/tibet/2022-07/24/content_1.htm"))


def test_mangled_links_keep_the_record_valid() -> None:
    """Found by bench/fuzz.py: a related link whose bytes were mangled ("http:\ufffd/…")
    joined to a URL without a host, and the schema then rejected the whole record."""
    links = "".join(
        f'<li><a href="{href}">拉萨市开展第{i}次城市环境卫生综合整治行动</a></li>'
        for i, href in enumerate(["http:\ufffd/bbs.sohu.com/license.htm", "HTTP://Example.com/A.html",
                                  "/2022/07/24/3.html", "http:/no-host.html"])
    )
    html = (
        "<html><head><title>拉萨启动城市环境卫生整治_中国西藏网</title></head><body><h1>拉萨启动城市环境卫生整治</h1>"
        + "<p>" + "拉萨市于7月24日启动城市环境卫生综合整治行动，覆盖全市各城区主要街道和居民小区。" * 3 + "</p>"
        + f"<h3>相关新闻</h3><ul>{links}</ul></body></html>"
    )
    record = extract_article(html, "https://www.tibet.cn/news/2022/07/24/1.html")
    check(record)
    assert record["related"], "the list is still found"
    assert all(r["url"].startswith(("http://", "https://")) for r in record["related"])
    assert "http://Example.com/A.html" in [r["url"] for r in record["related"]]


def test_truncated_real_page() -> None:
    for cut in range(0, len(SEED), max(1, len(SEED) // 40)):
        check(extract_article(SEED[:cut], "http://127.0.0.1/tibet/2022-07/24/content_1.htm"))


TEXT_CLEANERS = [strip_pinyin, normalize_text, strip_edit_link, lambda t: strip_site_suffix(t, None),
                 lambda t: strip_site_suffix(t, "中國西藏網")]
PREDICATES = [is_copyright, is_meta_line, is_navigation, is_widget, byline_line, credits_in, meta_fields,
              names_from_credit, lambda t: names_from_credit(t, handles=True), split_byline, authors_in,
              names_line, poster_in]


@given(st.text(max_size=200))
def test_cleaners_never_raise_and_are_idempotent(text: str) -> None:
    for clean in TEXT_CLEANERS:
        once = clean(text)
        assert isinstance(once, str)
        assert clean(once) == once
    for predicate in PREDICATES:
        predicate(text)
    lines = split_paragraphs(text)
    body, _, _ = strip_headline_echo(lines, text[:20])
    assert all(line in lines for line in body)


TITLE_PARTS = st.one_of(st.text(max_size=30), st.sampled_from(
    ["powered by Discuz! Archiver", "社会资本与下岗职工的再就业(页 1)", "中國西藏網", "Page 2", "", " "]))


@given(st.lists(TITLE_PARTS, min_size=1, max_size=5), st.sampled_from([" - ", "_", " | ", "｜", " — ", "-"]),
       st.integers(min_value=0, max_value=4))
@example(["社会资本与下岗职工的再就业", "powered by Discuz! Archiver"], " - ", 0)  # only a credit after it
@example(["社会资本与下岗职工的再就业", "学术前沿", "三校社会学论坛"], " - ", 0)
def test_title_shapes(segments: list[str], separator: str, shown: int) -> None:
    """Any <title> made of segments, one of them shown on the page as a line of its own
    (the shape the headline rules read), gives a valid record."""
    line = segments[min(shown, len(segments) - 1)]
    page = (f"<html><head><title>{escape(separator.join(segments))}</title></head><body>"
            f"<b>{escape(line)}</b><p>{escape(line)}</p><p>近年来，这一问题越来越引人注目，成为了社会关注的焦点。</p>"
            "</body></html>")
    check(extract_article(page, "https://example.cn/news/1.html"))


# ---------------------------------------------------------------------------------------
# Issue 12 ("never raises"): regressions for what bench/fuzz.py's url_arg / bad_links /
# bad_dates generators found: malformed ports, broken IPv6 hosts and lone surrogates in
# the URL and in links, an upper-case scheme, URL dates before 1990.

import pytest  # noqa: E402

FUZZ_PAGE = ("<html><head><title>Port test</title>{head}</head><body><h1>Port test</h1>"
             + "<p>" + "The council met on Tuesday and agreed the budget for next year. " * 4 + "</p>"
             + "{body}</body></html>")


@pytest.mark.parametrize("url", ["http://example.com:99999/a.html", "http://example.com:abc/a.html",
                                 "http://example.com:-1/", "http://[::1", "http://[zz::1]/a", "http://x[::1]/a",
                                 "http://\ud800.com/"])
def test_fuzz_bad_url_argument_gives_a_record(url: str) -> None:
    record = extract_article(FUZZ_PAGE.format(head="", body=""), url)
    assert record["body"]


@pytest.mark.parametrize("head, body", [
    ('<link rel="canonical" href="http://example.com:65536/a.html">', ""),
    ('<link rel="canonical" href="//[">', ""),
    ('<meta property="og:image" content="//[">', ""),
    ('<meta property="og:image" content="https://[zz::1]/a.png">', ""),
    ("", '<h3>Related</h3><ul><li><a href="http://example.com:0x50/b.html">拉萨市开展城市环境卫生综合整治行动</a></li>'
         '<li><a href="/c.html">拉萨市开展第二次城市环境卫生综合整治行动</a></li></ul>'),
    ("", '<h3>Related</h3><ul><li><a href="//[">拉萨市开展城市环境卫生综合整治行动</a></li>'
         '<li><a href="/c.html">拉萨市开展第二次城市环境卫生综合整治行动</a></li></ul>'),
    ("", '<p><img src="http://].png"> A photo of the council.</p>'),
])
def test_fuzz_malformed_links_in_the_page_are_dropped(head: str, body: str) -> None:
    record = extract_article(FUZZ_PAGE.format(head=head, body=body), "https://example.com/news/1.html")
    check(record)
    urls = [i["url"] for i in record["images"]] + [r["url"] for r in record["related"]] + [record["canonical_url"]]
    assert not any("[" in u or ":65536" in u or ":0x50" in u for u in urls), urls


def test_fuzz_upper_case_scheme_gives_a_valid_record() -> None:
    record = extract_article(FUZZ_PAGE.format(head="", body=""), "HTTP://EXAMPLE.COM/A")
    check(record)
    assert record["url"] == "http://EXAMPLE.COM/A"


@pytest.mark.parametrize("value", ["2024-02-30", "9999-99-99T99:99", "0000-01-01T00:00:00Z", "2024-01-01T10:00:00+99:99",
                                   "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+14:00", "99999999999999999999-01-01",
                                   "1e308", "2024年13月45日 25时61分", "Feb 30, 2024", "٢٠٢٤-٠٢-٣٠"])
def test_fuzz_impossible_dates_give_no_date(value: str) -> None:
    """No failure found by bench/fuzz.py's bad_dates: kept so it stays that way."""
    ld = '{"@type":"NewsArticle","datePublished":"' + value + '","dateModified":99999999999999999999}'
    head = (f'<meta property="article:published_time" content="{value}">'
            f'<meta property="article:modified_time" content="{value}">'
            f'<script type="application/ld+json">{ld}</script>')
    body = f'<time datetime="{value}">{value}</time><span itemprop="datePublished" content="{value}"></span>'
    record = extract_article(FUZZ_PAGE.format(head=head, body=body), "https://example.com/2024/02/30/a.html")
    check(record)
    assert record["published_at"] is None or record["published_at"][:4] != "9999"


@pytest.mark.parametrize("url", ["https://example.com/19470913/a.html", "https://example.com/1989/12/31/a.html"])
def test_fuzz_url_date_before_1990_is_no_date(url: str) -> None:
    """Found by bench/fuzz.py's url_arg once the URL failures were patched: a page with no
    date of its own and a URL date before 1990 (an archive URL such as /1989/12/31/)."""
    record = extract_article("<p>x</p>", url)
    assert record["published_at"] is None
