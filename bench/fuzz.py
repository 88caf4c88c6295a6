"""Long-run fuzzing of extraction and the cleaners (not a test; the bounded property
tests are tests/test_fuzz_extract.py).

Run by hand from the repo root::

    .venv/bin/python bench/fuzz.py [--minutes 3] [--seed N] [--out output/fuzz] [--timeout 20]

Feeds, in rotation:

* ``extract_article`` -- random bytes; tag soup; real pages (the sample site,
  tests/fixtures/bench, and /work/shared/bench's zh-dev, aeb-dev and wcxb-dev pages
  when present; wcxb-dev with its ground-truth URLs) mutated by byte flips,
  deletions, insertions, splices of two pages, truncation, a lying
  ``<meta charset>``, re-encoding in another charset, deep nesting, huge attributes
  and entity floods. Then three generators aimed at URLs and dates:

  - ``url_arg``: a real page with the ``url`` argument itself fuzzed: malformed
    ports (``:99999``, ``:-1``, ``:abc``), broken IPv6 (``http://[::1``), IDN and
    invalid-IDNA hosts, very long URLs, ``file:``/``javascript:``/``data:``
    schemes, no host, the empty string, spaces and control characters;
  - ``bad_links``: a real page whose ``href``/``src``/``og:url``/``og:image`` values
    (and an added ``<link rel=canonical>``, ``og:image`` and related-links list)
    are malformed the same ways (bad ports, broken IPv6, spaces, control
    characters, bad percent-escapes);
  - ``bad_dates``: a real page whose date strings in markup (every ISO-like date in
    an attribute or a script, plus added ``article:published_time``/
    ``article:modified_time`` metas, JSON-LD ``datePublished``/``dateModified``,
    ``<time datetime>``, ``itemprop``, ``data-published`` and a visible dateline) are
    impossible dates: ``2024-02-30``, ``9999-99-99T99:99``, year 0, huge numbers,
    offsets past +-24:00, dates at the ends of ``datetime``'s range, non-strings in
    JSON-LD.

  Checks: it never raises, never hangs past ``--timeout`` seconds, and its record
  (with the crawl's fields added) passes the schema except for an empty title/body
  (the pipeline drops those) and, when the ``url`` argument is itself no http(s) URL
  with a valid host and port, the fields derived from it (``url``,
  ``canonical_url``, ``site``): for those the record is the error value.
* every public function of ``newscrawl.clean.*`` -- random text and slices of real
  page text, called by their signatures (``str``, ``str | None``, ``list[str]``).
  Checks: no exception; the text cleaners (``strip_pinyin``, ``normalize_text``,
  ``strip_edit_link``, ``strip_site_suffix``, ``squash``) return a ``str`` and are
  idempotent.

Each failure is shrunk (greedy chunk removal while the same failure reproduces; the
URL too, by the same rule, when it is the URL that was fuzzed) and saved as ``<out>/<kind>-<sha1>.bin`` (the input),
``.url`` (the URL argument) and ``.txt`` (what failed, the traceback, how to replay
it). A failure is told apart by its exception and place: the innermost frame and
the innermost frame in newscrawl/ and the stage of extract_article (one library
error reached from two callers is two failures); a failure seen again is counted,
not shrunk again. Prints inputs run per generator, failures found, the
slowest extraction, and exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib
import inspect
import json
import pkgutil
import random
import re
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import newscrawl.clean  # noqa: E402
from newscrawl import extract_article  # noqa: E402
from newscrawl.schema import record_errors  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED_BENCH = Path("/work/shared/bench")
CRAWL_FIELDS = {"duplicate_of": None, "discovered_via": "link", "fetched_at": "2022-07-24T00:00:00+00:00",
                "http_status": 200, "crawl_id": "fuzz", "warc_file": None, "warc_record_id": None}
IDEMPOTENT = {"strip_pinyin", "normalize_text", "strip_edit_link", "strip_site_suffix", "squash"}
TAGS = ["<p>", "</p>", "<div class='content'>", "</div>", "<a href='/x/2022/07/24/1.html'>", "</a>",
        "<table><tr><td>", "</td></tr></table>", "<script>", "</script>", "<style>", "</style>", "<h1>", "</h1>",
        "<br>", "<!--", "-->", "<![CDATA[", "]]>", "<meta charset='gbk'>", "<meta charset='big5'>", "<li>", "<ul>",
        "&#x0;", "&nbsp;", "&#xD800;", "&#99999999;", "\x00", "\ufeff", "<title>", "</title>",
        "<meta property='og:type' content='article'>", "<article>", "</article>", "<time datetime='2022-13-45'>",
        "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":", "</script>",
        "责任编辑：", "来源：", "记者 ", "By ", "Copyright ©", "相关新闻", "<img src='//x'>", "<svg><a>"]
ENCODINGS = ["utf-8", "gb18030", "gbk", "big5", "big5hkscs", "utf-16", "utf-16-le", "shift_jis", "euc-kr",
             "cp1252", "latin-1", "koi8-r", "iso-2022-jp"]


class Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Hang("no result within the --timeout")


# --------------------------------------------------------------------------- corpus


def load_pages() -> list[tuple[str, bytes]]:
    """(url, bytes) of every real page available."""
    pages: list[tuple[str, bytes]] = []
    site = REPO / "newscrawl" / "sample_site" / "site"
    for path in sorted(site.rglob("*.htm*")):
        pages.append((f"http://127.0.0.1/{path.relative_to(site).as_posix()}", path.read_bytes()))
    for path in sorted((REPO / "tests" / "fixtures" / "bench").rglob("page.html")):
        url_file = path.with_name("url.txt")
        url = url_file.read_text("utf-8").strip() if url_file.exists() else "https://bench.invalid/x.html"
        pages.append((url, path.read_bytes()))
    for path in sorted((SHARED_BENCH / "zh-dev" / "pages").glob("*.html")):
        pages.append((f"https://bench.invalid/zh/{path.stem}.html", path.read_bytes()))
    for path in sorted((SHARED_BENCH / "aeb-dev" / "html").glob("*.html.gz")):
        pages.append((f"https://bench.invalid/aeb/{path.name[:16]}.html", gzip.decompress(path.read_bytes())))
    wcxb = SHARED_BENCH / "wcxb-dev"
    truth_file = wcxb / "ground-truth.json"
    truth = json.loads(truth_file.read_text("utf-8")) if truth_file.exists() else {}
    for path in sorted((wcxb / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        url = (truth.get(page_id) or {}).get("url") or f"https://bench.invalid/wcxb/{page_id}.html"
        pages.append((url, gzip.decompress(path.read_bytes())))
    return pages


def page_texts(pages: list[tuple[str, bytes]], rng: random.Random, n: int = 200) -> list[str]:
    """Text lines from real pages (decoded loosely) for the cleaners."""
    lines: list[str] = []
    for _, data in rng.sample(pages, min(n, len(pages))):
        for enc in ("utf-8", "gb18030", "big5hkscs"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            text = data.decode("utf-8", "replace")
        lines += [ln.strip() for ln in text.splitlines() if 5 < len(ln.strip()) < 400]
    return lines or ["本报讯(记者 祁梦竹范俊生)昨天下午"]


# ----------------------------------------------------------------------- generators


def gen_random_bytes(rng: random.Random, pages: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    size = rng.choice([0, 1, 16, 256, 4096, 65536])
    return "http://example.com/2022/07/24/a.html", rng.randbytes(size)


def gen_tag_soup(rng: random.Random, pages: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    parts = []
    for _ in range(rng.randrange(1, 300)):
        if rng.random() < 0.6:
            parts.append(rng.choice(TAGS))
        else:
            parts.append("".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x4E00, 0x9FFF),
                                                 rng.randrange(0, 0x110000)])) for _ in range(rng.randrange(40))))
    text = "".join(parts)
    return "https://example.cn/news/2022-07-24/1.html", text.encode("utf-8", "surrogatepass")


def _mutate(rng: random.Random, data: bytearray, pages: list[tuple[str, bytes]]) -> bytearray:
    op = rng.randrange(10)
    pos = rng.randrange(len(data) + 1)
    if op == 0 and data:  # byte flips
        for _ in range(rng.randrange(1, 50)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif op == 1:  # delete a run
        del data[pos: pos + rng.randrange(1, 2000)]
    elif op == 2:  # insert random bytes
        data[pos:pos] = rng.randbytes(rng.randrange(1, 64))
    elif op == 3:  # splice another page in
        other = rng.choice(pages)[1]
        start = rng.randrange(len(other) + 1)
        data[pos:pos] = other[start: start + rng.randrange(1, 5000)]
    elif op == 4:  # truncate
        del data[pos:]
    elif op == 5:  # a lying charset
        data[0:0] = f'<meta charset="{rng.choice(ENCODINGS)}">'.encode()
    elif op == 6:  # re-encode as text in another charset
        text = bytes(data).decode("utf-8", "replace")
        data = bytearray(text.encode(rng.choice(ENCODINGS), "replace"))
    elif op == 7:  # deep nesting
        depth = rng.choice([100, 1000, 5000, 20000])
        tag = rng.choice([b"<div>", b"<p>", b"<table><tr><td>", b"<b><i>", b"<a href='/x'>"])
        data[pos:pos] = tag * depth
    elif op == 8:  # a huge attribute / text node
        data[pos:pos] = b'<p title="' + b"x" * rng.choice([10_000, 200_000]) + b'">' + rng.randbytes(16)
    else:  # entity flood
        data[pos:pos] = rng.choice([b"&amp;", b"&#x4E2D;", b"&#0;", b"&bogus;"]) * rng.randrange(1, 20000)
    return data


def gen_mutated_page(rng: random.Random, pages: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    url, data = rng.choice(pages)
    buf = bytearray(data)
    for _ in range(rng.randrange(1, 6)):
        buf = _mutate(rng, buf, pages)
    return url, bytes(buf)


# ------------------------------------------------------------- URLs, links and dates

BAD_PORTS = [":99999", ":65536", ":-1", ":abc", ":", ":0", ":080", ":" + "9" * 30, ":８０", ":80:80", ": 80",
             ":1e3", ":0x50", ":\u0661\u0662"]
BAD_HOSTS = ["[::1", "[::1]x", "[zz::1]", "[::1]]", "]", "[", "[fe80::1%eth0]", "[::ffff:999.1.1.1]", "[v1.x]",
             "999.999.999.999", "1.2.3", "0x7f.1", "bücher.de", "中国.cn", "例子.测试", "xn--", "xn--zz.com",
             "xn--a.com", "a" * 64 + ".com", ("a" * 63 + ".") * 5 + "com", "ex ample.com", "exa\x00mple.com",
             "exa\tmple.com", "exa\nmple.com", "example.com\ufffd", "\u3002", ".", "..", "a..b", "-a-.com",
             "\u200bexample.com", "ｅｘａｍｐｌｅ.com", "💩.la", "user:pw@", "@", "user@host@example.com",
             "%zz.com", "%00.com", "example.com%2F..", "ex\u0301ample.com", "\ud800.com", "ß.de", "\u0000"]
BAD_SCHEMES = ["file:///etc/passwd", "file:", "javascript:alert(1)", "data:text/html,<p>x", "mailto:a@b.c",
               "ftp://example.com/a", "about:blank", "http:", "https:", "http:/x", "http://", "https:///a",
               "//example.com/a", "http:\\\\example.com\\a", "HTTP://EXAMPLE.COM/A", "hTtP://x.com/", "ws://x.com/",
               " http://example.com/ ", "\thttp://example.com/", "http://example.com/\x00", "", " ", "\x00",
               "http://example.com/%zz%", "http://example.com/?a=%E0%A4%A", "http://example.com/#" + "#" * 100]
SEPARATORS = ["", " ", "\t", "\n", "\r\n", "\x00", "\x01", "\x7f", "\u00a0", "\u2028", "\ufffd", "\\", "%",
              "%zz", "[", "]", "@", ":", "//", "\u202e"]


def _text_of(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _bytes_of(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def bad_url(rng: random.Random, base: str) -> str:
    """A malformed URL: ``base`` with a bad port, host, scheme, length or character
    in it, or one of the fixed bad forms."""
    try:
        parts = urlsplit(base) if "://" in base else None
    except ValueError:  # a bad URL already
        parts = None
    scheme, host, path = ("https", "example.com", "/2024/02/30/a.html") if parts is None else (
        parts.scheme or "http", parts.netloc or "example.com", parts.path or "/")
    op = rng.randrange(9)
    if op == 0:
        return f"{scheme}://{host.rsplit(':', 1)[0]}{rng.choice(BAD_PORTS)}{path}"
    if op == 1:
        return f"{scheme}://{rng.choice(BAD_HOSTS)}{rng.choice(['', rng.choice(BAD_PORTS)])}{path}"
    if op == 2:
        return rng.choice(BAD_SCHEMES)
    if op == 3:  # very long: path, query, host labels
        n = rng.choice([2_000, 2_084, 10_000, 100_000])
        return rng.choice([f"{scheme}://{host}/" + "a" * n, f"{scheme}://{host}/?q=" + "%41" * (n // 3),
                           f"{scheme}://" + "a." * (n // 2) + "com/", f"{scheme}://" + "a" * n + ".com/"])
    if op == 4:  # a bad character somewhere in the URL
        url = f"{scheme}://{host}{path}"
        i = rng.randrange(len(url) + 1)
        return url[:i] + rng.choice(SEPARATORS) + url[i:]
    if op == 5:  # a date in the path that is none
        day = rng.choice(["2024/02/30", "9999/99/99", "0000/00/00", "2024-13-45", "19470913", "20240230"])
        return f"{scheme}://{host}/{day}/a.html"
    if op == 6:  # userinfo, fragments, queries that break parsers
        user, query = rng.choice(["a:b@", ":@", "@@", "a%zz@"]), rng.choice(["a=%", "=&=", "%%%", "a=1;b"])
        return f"{scheme}://{user}{host}{path}?{query}#{rng.choice(['', '%', '#'])}"
    if op == 7:  # two of the above
        return bad_url(rng, bad_url(rng, base))
    return "".join(chr(rng.randrange(0, 0x3000)) for _ in range(rng.randrange(0, 60)))


def gen_url_arg(rng: random.Random, pages: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    """A real page (sometimes mutated) with the ``url`` argument malformed."""
    url, data = rng.choice(pages)
    if rng.random() < 0.3:
        buf = bytearray(data)
        buf = _mutate(rng, buf, pages)
        data = bytes(buf)
    return bad_url(rng, url), data


_LINK_ATTR = re.compile(
    rb"""(?P<pre>\b(?:href|src|content|action|data-src|srcset)\s*=\s*)(?P<q>["'])(?P<v>[^"'<>]{0,2000})(?P=q)""", re.I)


def _bad_href(rng: random.Random, url: str, value: str) -> str:
    roll = rng.random()
    if roll < 0.5:
        return bad_url(rng, url)
    if roll < 0.8 and value:  # the page's own link, broken in one place
        i = rng.randrange(len(value) + 1)
        return value[:i] + rng.choice(SEPARATORS + BAD_PORTS + ["[::1", "]"]) + value[i:]
    return rng.choice(["/a b.html", "//[::1", "//example.com:99999/x", "http://[::1/x", "?%zz", "../../../../x",
                       "\\\\evil", "http:\u3000//x", "https://" + "a" * 300 + ".com", "#", " ", "\x01\x02"])


def _html_attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def gen_bad_links(rng: random.Random, pages: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    """A real page with link values malformed, plus a canonical link, an og:image and
    a related-links list that carry malformed URLs."""
    url, data = rng.choice(pages)
    share = rng.choice([0.05, 0.3, 1.0])

    def swap(m: re.Match[bytes]) -> bytes:
        if rng.random() > share:
            return m.group(0)
        new = _html_attr(_bad_href(rng, url, m.group("v").decode("utf-8", "replace")))
        return m.group("pre") + m.group("q") + _bytes_of(new) + m.group("q")

    data = _LINK_ATTR.sub(swap, data)
    extra = []
    if rng.random() < 0.5:
        extra.append(f'<link rel="canonical" href="{_html_attr(_bad_href(rng, url, url))}">')
    if rng.random() < 0.5:
        extra.append(f'<meta property="og:image" content="{_html_attr(_bad_href(rng, url, url))}">')
    if rng.random() < 0.3:
        extra.append(f'<meta property="og:url" content="{_html_attr(_bad_href(rng, url, url))}">')
    head = _bytes_of("".join(extra))
    i = data.lower().find(b"</head>")
    data = data[:i] + head + data[i:] if i >= 0 else head + data
    if rng.random() < 0.5:
        items = "".join(f'<li><a href="{_html_attr(_bad_href(rng, url, url))}">'
                        f"相关新闻标题第{k}条 Related story {k}</a></li>" for k in range(rng.randrange(1, 8)))
        img = _html_attr(_bad_href(rng, url, url))
        block = _bytes_of(f'<h3>相关新闻 Related</h3><ul>{items}</ul><img src="{img}">')
        j = data.lower().rfind(b"</body>")
        data = data[:j] + block + data[j:] if j >= 0 else data + block
    return url, data


BAD_DATES = ["2024-02-30", "2023-02-29", "2024-02-30T10:00:00Z", "9999-99-99T99:99", "9999-99-99", "0000-00-00",
             "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00-23:59",
             "9999-12-31T23:59:59-23:59", "9999-12-31T23:59:59Z", "10000-01-01", "-0001-01-01", "+002024-01-01",
             "2024-13-01", "2024-00-10", "2024-01-32", "2024-01-01T24:00:00", "2024-01-01T25:61:61",
             "2024-01-01T10:00:00+99:99", "2024-01-01T10:00:00+25:00", "2024-01-01T10:00:00+24:00",
             "2024-01-01T10:00:00.99999999999999999Z", "2024-01-01T10:00:00,5Z", "2024-01-01T10:00:00ZZ",
             "2024-01-01 10:00", "2024-02-30 15:44", "2024-W99-9", "2024-400", "20240230", "20240230T999999",
             "99999999999999999999-01-01", "2024-99999999999999999999-01", "1" * 400, "9" * 20, "1e308", "-1",
             "NaN", "Infinity", "0", "1700000000", "1700000000000", "Feb 30, 2024", "30 February 2024 99:99",
             "February 31st, 99999", "Sun, 99 Foo 2024 99:99:99 +9999", "2024年2月30日", "2024年13月45日 25时61分",
             "0000年00月00日", "１９９９年１２月３１日", "٢٠٢٤-٠٢-٣٠", "2024-02-3０", "2024\u201002\u201030",
             "2024-01-01T10:00:00+08:00[Asia/Nowhere]", "2024-01-01T10:00:00 GMT+99", "yesterday", "", " ",
             "\x00", "2024-01-01T10:00:00\x00Z", "1990-01-01T00:00:00+14:00", "2100-12-31T23:59:59-12:00",
             "1989-12-31T23:00:00-02:00"]
_DATE_IN_MARKUP = re.compile(rb"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_LD_VALUES: list[Any] = [1e308, -1, 0, 99999999999999999999, None, True, [], {}, ["2024-02-30", 5],
                         {"@value": "2024-02-30"}, [[["2024-01-01"]]], "2024-02-30"]


def gen_bad_dates(rng: random.Random, pages: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    """A real page with its dates in markup replaced by impossible ones, plus date
    metas, JSON-LD dates, <time datetime> and a dateline that hold impossible dates."""
    url, data = rng.choice(pages)
    share = rng.choice([0.2, 1.0])
    data = _DATE_IN_MARKUP.sub(lambda m: _bytes_of(rng.choice(BAD_DATES)) if rng.random() < share else m.group(0), data)
    bad = lambda: _html_attr(rng.choice(BAD_DATES))  # noqa: E731
    head: list[str] = []
    for _ in range(rng.randrange(0, 4)):
        key = rng.choice(["property='article:published_time'", "property='article:modified_time'",
                          "name='pubdate'", "name='date'", "itemprop='datePublished'", "name='dc.date'",
                          "property='og:updated_time'", "name='parsely-pub-date'", "name='publishdate'"])
        head.append(f'<meta {key} content="{bad()}">')
    if rng.random() < 0.6:
        ld: dict[str, Any] = {"@context": "https://schema.org", "@type": rng.choice(["NewsArticle", "Article",
                                                                                     "LiveBlogPosting", "BlogPosting"])}
        for key in ("datePublished", "dateModified", "dateCreated"):
            if rng.random() < 0.7:
                ld[key] = rng.choice(BAD_DATES) if rng.random() < 0.7 else rng.choice(_LD_VALUES)
        if ld["@type"] == "LiveBlogPosting" and rng.random() < 0.7:
            ld["liveBlogUpdate"] = [{"@type": "BlogPosting", "datePublished": rng.choice(BAD_DATES + _LD_VALUES),
                                     "articleBody": "Update text of the live blog. " * 3}
                                    for _ in range(rng.randrange(1, 4))]
        head.append('<script type="application/ld+json">'
                    + json.dumps(ld, ensure_ascii=False).replace("</", "<\\/") + "</script>")
    body: list[str] = []
    for _ in range(rng.randrange(0, 4)):
        body.append(rng.choice([f'<time datetime="{bad()}">{bad()}</time>', f'<time pubdate datetime="{bad()}"></time>',
                                f'<span itemprop="datePublished" content="{bad()}">{bad()}</span>',
                                f'<span class="date" data-published="{bad()}">{bad()}</span>',
                                f'<abbr class="published" title="{bad()}">x</abbr>',
                                f'<div class="pub-time">发布时间：{bad()}</div>', f"<p>Published {bad()}</p>",
                                f"<p>{bad()} 来源：新华社</p>"]))
    hb, bb = _bytes_of("".join(head)), _bytes_of("".join(body))
    i = data.lower().find(b"</head>")
    data = data[:i] + hb + data[i:] if i >= 0 else hb + data
    for tag in (b"</h1>", b"<body", b"</body>"):
        j = data.lower().find(tag)
        if j >= 0:
            if tag == b"<body":
                j = data.find(b">", j) + 1 or len(data)
            data = data[:j] + bb + data[j:]
            break
    else:
        data += bb
    return url, data


GENERATORS: dict[str, Callable[[random.Random, list[tuple[str, bytes]]], tuple[str, bytes]]] = {
    "random_bytes": gen_random_bytes,
    "tag_soup": gen_tag_soup,
    "mutated_page": gen_mutated_page,
    "url_arg": gen_url_arg,
    "bad_links": gen_bad_links,
    "bad_dates": gen_bad_dates,
}


# ------------------------------------------------------------------------- checks


_HTTP_URL = re.compile(r"^https?://[^\s/]+", re.I)
_URL_FIELDS = ("url:", "canonical_url:", "site:")


def usable_url(url: str) -> bool:
    """Whether ``url`` is one a crawl could have fetched: http(s), a host without
    spaces or control characters, a valid port. For any other ``url`` argument the
    record's url, canonical_url and site cannot be valid, and the schema rejecting
    them is the clear error value."""
    if not _HTTP_URL.match(url) or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return False
    try:
        # The canonical form (w3lib's canonicalize_url) reads a backslash as "/", so
        # "http://\\x" becomes "http:///x", with no host: canonical_url cannot be valid.
        parts = urlsplit(url.replace("\\", "/"))
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return False
    return bool(parts.hostname)


def check_extract(url: str, data: bytes) -> None:
    record = extract_article(data, url)
    errors = record_errors({**record, **CRAWL_FIELDS})
    allowed = ("title:", "body:") if usable_url(url) else ("title:", "body:", *_URL_FIELDS)
    bad = [e for e in errors if not e.startswith(allowed)]
    if bad:
        raise AssertionError(f"schema: {bad[:3]}")


@dataclass
class Cleaner:
    name: str
    func: Callable[..., Any]
    kinds: list[str]
    """What each required parameter takes: text, optional_text, lines."""


def discover_cleaners() -> list[Cleaner]:
    """Every public function defined in a ``newscrawl.clean`` module."""
    found = []
    for info in pkgutil.iter_modules(newscrawl.clean.__path__):
        module = importlib.import_module(f"newscrawl.clean.{info.name}")
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or func.__module__ != module.__name__:
                continue
            kinds = []
            for param in inspect.signature(func).parameters.values():
                if param.default is not inspect.Parameter.empty or param.kind in (param.VAR_POSITIONAL,
                                                                                 param.VAR_KEYWORD):
                    continue
                note = str(param.annotation)
                kinds.append("lines" if "list" in note else "optional_text" if "None" in note else "text")
            found.append(Cleaner(f"{info.name}.{name}", func, kinds))
    return found


def random_text(rng: random.Random, corpus: list[str]) -> str:
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(corpus)
    if roll < 0.7:
        line = rng.choice(corpus)
        i = rng.randrange(len(line) + 1)
        return line[:i] + "".join(chr(rng.randrange(0, 0x3000)) for _ in range(rng.randrange(5))) + line[i:]
    return "".join(chr(rng.choice([rng.randrange(0, 0x80), rng.randrange(0x80, 0x3000), rng.randrange(0x4E00, 0xA000),
                                   rng.randrange(0xA000, 0x110000)])) for _ in range(rng.randrange(0, 300)))


def check_cleaner(cleaner: Cleaner, args: list[Any]) -> None:
    result = cleaner.func(*args)
    short = cleaner.name.split(".")[-1]
    if short in IDEMPOTENT:
        if not isinstance(result, str):
            raise AssertionError(f"returned {type(result).__name__}, not str")
        again = cleaner.func(result, *args[1:])
        if again != result:
            raise AssertionError(f"not idempotent: {result!r} -> {again!r}")


# ------------------------------------------------------------------------ shrinking


def shrink(data: Any, fails: Callable[[Any], bool], budget: float = 30.0) -> Any:
    """Greedy chunk removal (halving chunk sizes) while ``fails`` still holds; ``data``
    is bytes (a page) or a str (a URL)."""
    deadline = time.monotonic() + budget
    chunk = max(1, len(data) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        i = 0
        progressed = False
        while i < len(data) and time.monotonic() < deadline:
            candidate = data[:i] + data[i + chunk:]
            if candidate != data and fails(candidate):
                data = candidate
                progressed = True
            else:
                i += chunk
        if not progressed:
            chunk //= 2
    return data


def signature(exc: BaseException) -> str:
    """The exception's type and where: the innermost frame, and the innermost one in
    newscrawl/ when that is another (a library's ValueError reached from two places
    in newscrawl is two failures), and the stage of ``extract_article`` it was in. A
    schema failure is told apart by the fields."""
    if isinstance(exc, Hang):
        return "Hang"  # where the alarm struck says little: one finding
    tb = traceback.extract_tb(exc.__traceback__)
    where = f"{tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else "?"
    ours = [f for f in tb if "/newscrawl/" in f.filename]
    stage = [f for f in ours if f.filename.endswith("/newscrawl/extract/article.py")]
    places = [f"{f.filename.split('/newscrawl/', 1)[1]}:{f.lineno}" for f in ours[-1:] + stage[-1:]
              if f is not tb[-1]]
    for place in dict.fromkeys(places):
        where += f"<-{place}"
    if isinstance(exc, AssertionError) and str(exc).startswith("schema:"):
        where += "[" + ",".join(sorted(set(re.findall(r"""["']([\w/]+): """, str(exc))))) + "]"
    return f"{type(exc).__name__}@{where}"


# ---------------------------------------------------------------------------- main


@dataclass
class Finding:
    kind: str
    target: str
    signature: str
    detail: str
    path: Path


def run(minutes: float, seed: int, out: Path, timeout: int) -> int:
    rng = random.Random(seed)
    pages = load_pages()
    corpus = page_texts(pages, rng)
    cleaners = discover_cleaners()
    signal.signal(signal.SIGALRM, _alarm)
    counts: Counter[str] = Counter()
    findings: dict[str, Finding] = {}
    hits: Counter[str] = Counter()
    """Inputs that failed, per signature (a known one is counted, not shrunk again)."""
    hits_by_gen: Counter[str] = Counter()
    slowest = (0.0, "", b"")
    deadline = time.monotonic() + minutes * 60
    started = time.monotonic()
    gens = list(GENERATORS.items())
    print(f"fuzzing {minutes:g} min, seed {seed}: {len(pages)} real pages, {len(cleaners)} cleaners "
          f"({', '.join(c.name for c in cleaners)})", flush=True)

    def save(kind: str, target: str, exc: BaseException, data: bytes, replay: str, url: str | None = None) -> None:
        sig = f"{target}:{signature(exc)}"
        if sig in findings:
            return
        digest = hashlib.sha1(data + (url or "").encode("utf-8", "surrogatepass")).hexdigest()[:12]
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"{kind}-{digest}.bin"
        path.write_bytes(data)
        if url is not None:
            path.with_suffix(".url").write_text(url, "utf-8", "surrogatepass")
        text = "".join(traceback.format_exception(exc))
        replay = replay.replace("{path}", str(path))
        path.with_suffix(".txt").write_text(f"{target}\n{sig}\n\nreplay:\n  {replay}\n\n{text}", "utf-8")
        findings[sig] = Finding(kind, target, sig, str(exc)[:200], path)
        print(f"  FOUND {sig}: {str(exc)[:120]} -> {path}", flush=True)

    i = extract_i = 0
    while time.monotonic() < deadline:
        i += 1
        if i % 4:  # three extraction inputs, then a round of the cleaners
            name, gen = gens[extract_i % len(gens)]
            extract_i += 1
            url, data = gen(rng, pages)
            counts[f"extract/{name}"] += 1
            t0 = time.process_time()
            signal.alarm(timeout)
            try:
                check_extract(url, data)
            except Exception as exc:  # noqa: BLE001 - a finding
                signal.alarm(0)
                sig = signature(exc)
                hits[f"extract_article:{sig}"] += 1
                hits_by_gen[name] += 1
                if f"extract_article:{sig}" in findings:
                    continue  # shrunk and saved already: only counted

                def fails(candidate: bytes, url: str = url, sig: str = sig) -> bool:
                    signal.alarm(timeout)
                    try:
                        check_extract(url, candidate)
                    except Exception as again:  # noqa: BLE001
                        return signature(again) == sig
                    finally:
                        signal.alarm(0)
                    return False

                small, small_url = data, url
                if not isinstance(exc, Hang):
                    small = shrink(data, fails, budget=15.0)

                    def url_fails(candidate: str, small: bytes = small, sig: str = sig) -> bool:
                        return fails(small, url=candidate, sig=sig)

                    if name == "url_arg":  # else the page's own URL stays, as a crawl would pass it
                        small_url = shrink(url, url_fails, budget=5.0)
                replay = ("python -c \"import newscrawl, pathlib; newscrawl.extract_article("
                          "pathlib.Path('{path}').read_bytes(), "
                          "pathlib.Path('{path}').with_suffix('.url').read_text('utf-8', 'surrogatepass'))\""
                          "   # url: " + repr(small_url))
                save("extract", "extract_article", exc, small, replay, url=small_url)
            finally:
                signal.alarm(0)
            spent = time.process_time() - t0
            if spent > slowest[0]:
                slowest = (spent, f"{name} {url} ({len(data)} bytes)", data)
        else:
            for cleaner in cleaners:
                args = []
                for kind in cleaner.kinds:
                    if kind == "lines":
                        args.append([random_text(rng, corpus) for _ in range(rng.randrange(0, 12))])
                    elif kind == "optional_text" and rng.random() < 0.3:
                        args.append(None)
                    else:
                        args.append(random_text(rng, corpus))
                counts[f"clean/{cleaner.name}"] += 1
                signal.alarm(timeout)
                try:
                    check_cleaner(cleaner, args)
                except Exception as exc:  # noqa: BLE001 - a finding
                    blob = json.dumps(args, ensure_ascii=False).encode("utf-8", "surrogatepass")
                    save("clean", cleaner.name, exc, blob,
                         "the arguments of newscrawl.clean." + cleaner.name
                         + " are json.loads(pathlib.Path('{path}').read_text('utf-8'))")
                finally:
                    signal.alarm(0)

    elapsed = time.monotonic() - started
    extract_total = sum(v for k, v in counts.items() if k.startswith("extract/"))
    clean_total = sum(v for k, v in counts.items() if k.startswith("clean/"))
    print(f"\nran {extract_total + clean_total:,} inputs in {elapsed:.0f} s "
          f"({extract_total:,} extract_article, {clean_total:,} cleaner calls)")
    for key in sorted(counts):
        if key.startswith("extract/"):
            failed = hits_by_gen[key.removeprefix("extract/")]
            print(f"  {key:<40} {counts[key]:>9,}   {failed:>7,} failed")
    print(f"  clean/* ({len(cleaners)} functions)          {clean_total:>9,}")
    if slowest[1]:
        print(f"slowest extraction: {slowest[0]:.2f} s CPU on {slowest[1]}")
        out.mkdir(parents=True, exist_ok=True)
        (out / "slowest-input.bin").write_bytes(slowest[2])
    if findings:
        print(f"\n{len(findings)} distinct failure(s):")
        for f in findings.values():
            seen = hits.get(f.signature)
            times = f" [{seen:,} inputs]" if seen else ""
            print(f"  {f.signature}{times}: {f.detail[:100]}  ({f.path})")
        return 1
    print("no failures")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--seed", type=int, default=None, help="default: random (printed)")
    ap.add_argument("--out", type=Path, default=REPO / "output" / "fuzz", help="where findings are saved")
    ap.add_argument("--timeout", type=int, default=20, help="seconds one input may take before it is a hang")
    args = ap.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    return run(args.minutes, seed, args.out, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
