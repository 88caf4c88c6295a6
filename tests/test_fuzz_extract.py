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
         "http_status": 200, "crawl_id": "fuzz"}
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
