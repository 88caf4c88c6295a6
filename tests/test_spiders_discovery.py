"""Sitemap, sitemap-index, Google News sitemap, RSS and Atom parsing; page classification."""

from __future__ import annotations

import pytest
from parsel import Selector

from newscrawl.spiders.discovery import (
    feed_entries,
    parse_xml,
    sitemap_index_links,
    sitemap_kind,
    urlset_entries,
)
from newscrawl.spiders.pages import article_like_url, is_article_page

NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://news.example.cn/2022-07/24/c_1.htm</loc>
    <news:news>
      <news:publication><news:name>Example</news:name><news:language>zh-cn</news:language></news:publication>
      <news:publication_date>2022-07-24T08:31:00+08:00</news:publication_date>
      <news:title>国务院常务会议部署稳就业举措</news:title>
    </news:news>
  </url>
  <url><loc>https://news.example.cn/2022-07/23/c_2.htm</loc><lastmod>2022-07-23</lastmod></url>
</urlset>""".encode()

INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example.cn/sitemap-news.xml</loc></sitemap>
<sitemap><loc>https://news.example.cn/sitemap-2.xml.gz</loc></sitemap></sitemapindex>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>x</title>
<item><title>第一条新闻标题</title><link>https://news.example.cn/a/1.html</link><pubDate>Sun, 24 Jul 2022 08:31:00 +0800</pubDate></item>
<item><title>guid only</title><guid isPermaLink="true">https://news.example.cn/a/2.html</guid></item>
</channel></rss>""".encode()

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
<entry><title>Atom entry</title><link rel="alternate" href="https://news.example.com/2022/07/24/atom-entry"/>
<published>2022-07-24T08:31:00Z</published></entry></feed>"""


def test_google_news_fields_kept() -> None:
    root = parse_xml(NEWS_SITEMAP)
    assert sitemap_kind(root) == "urlset"
    entries = list(urlset_entries(root))
    assert [e.url for e in entries] == ["https://news.example.cn/2022-07/24/c_1.htm",
                                        "https://news.example.cn/2022-07/23/c_2.htm"]
    assert entries[0].title == "国务院常务会议部署稳就业举措"
    assert entries[0].published == "2022-07-24T08:31:00+08:00"
    assert entries[1].lastmod == "2022-07-23" and entries[1].title is None


def test_sitemap_index() -> None:
    root = parse_xml(INDEX)
    assert sitemap_kind(root) == "index"
    assert list(sitemap_index_links(root))[1].endswith("sitemap-2.xml.gz")


@pytest.mark.parametrize(
    ("data", "kind", "urls"),
    [
        (RSS, "rss", ["https://news.example.cn/a/1.html", "https://news.example.cn/a/2.html"]),
        (ATOM, "atom", ["https://news.example.com/2022/07/24/atom-entry"]),
    ],
)
def test_feeds(data: bytes, kind: str, urls: list[str]) -> None:
    root = parse_xml(data)
    assert sitemap_kind(root) == kind
    assert [e.url for e in feed_entries(root)] == urls


def test_garbage_is_not_xml() -> None:
    root = parse_xml(b"\x00\x01 not xml at all <<<")
    assert root is None or sitemap_kind(root) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.tibet.cn/cn/news/yc/202207/t20220724_7233.html", True),
        ("http://www.xinhuanet.com/politics/2022-07/24/c_1128858765.htm", True),
        ("https://example.com/2022/07/24/markets-rally-as-fed-holds.html", True),
        ("https://example.com/world/", False),
        ("https://example.com/china/index_2.html", False),
        ("https://example.com/about", False),
    ],
)
def test_article_like_url(url: str, expected: bool) -> None:
    assert article_like_url(url) is expected


PROSE = "<p>" + "国务院总理主持召开国务院常务会议，部署进一步稳就业的政策举措，要求各地抓好落实。" * 3 + "</p>"


@pytest.mark.parametrize(
    ("html", "url", "expected"),
    [
        ('<meta property="og:type" content="article"><p>short</p>', "https://e.com/x", True),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "h"}</script>',
         "https://e.com/x", True),
        (PROSE * 2, "https://e.com/2022/07/24/a.html", True),
        ('<meta property="og:type" content="website">' + "".join(
            f'<li><a href="/2022/07/24/{i}.html">新闻标题第{i}条新闻标题</a></li>' for i in range(30)),
         "https://e.com/china/", False),
        (PROSE, "https://e.com/china/index.html", False),
    ],
)
def test_is_article_page(html: str, url: str, expected: bool) -> None:
    assert is_article_page(Selector(text=f"<html><body>{html}</body></html>"), url, 200) is expected
