"""The ``/hostile/`` routes of the sample site: what real news sites do to crawlers.

Lying and missing encodings, garbage and truncated pages, empty and huge bodies, a
gzip bomb, error statuses with ``Retry-After``, slow responses, reset connections,
redirect loops and off-site redirects, PDFs and images behind HTML-looking URLs,
calendar and pagination traps, session ids, parameter permutations, links to other
schemes and hosts, and names that try to climb out of the archive directory.

``server.py`` sends every path under ``/hostile`` here; its docstring maps the routes.
Nothing in the normal site, its sitemaps or its feeds links here: only ``/hostile/``
(the index) does, so the demo and the end-to-end crawls never see these pages.

Article text is the sample site's own (``site/MANIFEST.json``): the Simplified seed
article (GBK in the site), the Big5 rain story and the English wire story, re-encoded
as each case needs. ``CASES`` says what a crawl of each route must end with; the tests
read it, and ``server.py``'s docstring lists the same routes.
"""

from __future__ import annotations

import html
import json
import random
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

PREFIX = "/hostile"
#: Upper bound of any sleep in a handler, so a test's server thread always ends.
MAX_SLEEP = 10.0
#: Bodies of the size cases: above Scrapy's and newscrawl's default DOWNLOAD_MAXSIZE
#: (16 MiB) so they are refused with the shipped settings too.
HUGE_BYTES = 20 * 1024 * 1024
BOMB_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One hostile route and how a crawl of it must end."""

    path: str
    expect: str
    """``archived``, ``dropped/<reason>``, ``skipped/<reason>`` or ``bounded`` (traps)."""
    doc: str
    sentence: str | None = None
    """For ``archived``: a sentence the record's body must contain."""


# ---------------------------------------------------------------------- page texts


@dataclass(frozen=True)
class Text:
    title: str
    paragraphs: tuple[str, ...]
    lang: str
    published: str
    sentence: str


def load_texts(root: Path) -> dict[str, Text]:
    """The article texts the hostile pages reuse, from the site's MANIFEST.json."""
    manifest = json.loads((root / "MANIFEST.json").read_text("utf-8"))
    by_key = {a["key"]: a for a in manifest["articles"]}
    out = {}
    for name, key in (("simp", "tibet_simp"), ("trad", "big5_rain"), ("en", "en_wire")):
        a = by_key[key]
        out[name] = Text(a["title"], tuple(a["body_paragraphs"]), a["language"], a["published_at"],
                         a["body_contains"][0])
    return out


# The sentences a mixed-script page must keep, one per script.
MIXED = (
    "当前疫情防控处於胶着状态,最后的胜利就在于再坚持的努力之中。",
    "目前正值文旦、芒果、鳳梨等水果的採收期，農委會呼籲農友及早採收。",
    "Spot rates for shipping containers on major routes out of Asia fell for a seventh straight week.",
    "東京の港湾当局によると、コンテナ船の待ち時間は一日から二日に短縮された。",
    "부산항 운영사는 선박 대기 시간이 하루에서 이틀 사이로 줄었다고 밝혔다.",
    "Стоимость перевозки контейнера из Шанхая в Роттердам снизилась на четыре процента.",
    "وقال محلل في سنغافورة إن السوق قد تغيرت بوضوح هذا الأسبوع.",
    "Freight analysts 🚢 said congestion eased — “the market has clearly turned” ✓.",
)


def article_html(text: Text, *, charset_meta: str | None = None, title: str | None = None,
                 head_extra: str = "", paragraphs: tuple[str, ...] | None = None, lang: str | None = None,
                 og_article: bool = True) -> str:
    """A plain article page (og:type=article, unless not ``og_article``: then only its
    prose says it is an article) around ``text``; no links out."""
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    title = title if title is not None else text.title
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in (paragraphs or text.paragraphs))
    og = '<meta property="og:type" content="article">\n' if og_article else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang or text.lang}"><head>{meta}<title>{html.escape(title)}</title>\n'
        f"{og}"
        f'<meta property="article:published_time" content="{text.published}">\n{head_extra}</head>\n'
        f"<body><article><h1>{html.escape(title)}</h1>\n{paras}\n</article></body></html>\n"
    )


def listing_html(title: str, links: list[tuple[str, str]], note: str = "") -> str:
    items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(label)}</a></li>' for href, label in links)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<title>{html.escape(title)}</title><meta property="og:type" content="website"></head>\n'
        f"<body><h1>{html.escape(title)}</h1><p>{html.escape(note)}</p>\n<ul>\n{items}\n</ul></body></html>\n"
    )


# ------------------------------------------------------------------------- state


class HostileState:
    """Per-server state: counters of the flaky routes, the prebuilt gzip bomb."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.lock = threading.Lock()
        self.hits: dict[str, int] = {}
        self._bomb: bytes | None = None
        self._texts: dict[str, Text] | None = None

    def hit(self, key: str) -> int:
        """How many times ``key`` was requested, this request included."""
        with self.lock:
            self.hits[key] = self.hits.get(key, 0) + 1
            return self.hits[key]

    @property
    def texts(self) -> dict[str, Text]:
        if self._texts is None:
            self._texts = load_texts(self.root)
        return self._texts

    def bomb(self) -> bytes:
        """An HTML start then BOMB_BYTES of spaces, gzipped: ~64 KB on the wire."""
        with self.lock:
            if self._bomb is None:
                comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
                parts = [comp.compress(b'<!DOCTYPE html><html><head><meta charset="utf-8">'
                                       b"<title>bomb</title></head><body><p>")]
                chunk = b" " * (1024 * 1024)
                for _ in range(BOMB_BYTES // len(chunk)):
                    parts.append(comp.compress(chunk))
                parts.append(comp.flush())
                self._bomb = b"".join(parts)
            return self._bomb


# ---------------------------------------------------------------------- handlers

Handler = Any  # newscrawl.sample_site.server.SampleSiteHandler (no import cycle)
Query = dict[str, list[str]]


def _state(h: Handler) -> HostileState:
    return h.server.hostile  # type: ignore[no-any-return]


def _html(h: Handler, body: bytes | str, ctype: str = "text/html; charset=utf-8",
          status: int = HTTPStatus.OK, headers: dict[str, str] | None = None) -> None:
    data = body.encode("utf-8") if isinstance(body, str) else body
    h._send(status, data, {"Content-Type": ctype, **(headers or {})}, h._head_only)


def _qint(query: Query, name: str, default: int) -> int:
    try:
        return int(query.get(name, [str(default)])[0])
    except ValueError:
        return default


def _qfloat(query: Query, name: str, default: float) -> float:
    try:
        return float(query.get(name, [str(default)])[0])
    except ValueError:
        return default


# --- encodings -----------------------------------------------------------------

def _encoding_case(text_key: str, encoding: str, header: str, meta: str | None, bom: bytes = b"",
                   lang: str | None = None, og_article: bool = True) -> Callable[[Handler, Query], None]:
    def handle(h: Handler, query: Query) -> None:
        text = _state(h).texts[text_key]
        page = article_html(text, charset_meta=meta, lang=lang, og_article=og_article)
        _html(h, bom + page.encode(encoding, errors="xmlcharrefreplace"), header)
    return handle


def _mixed(h: Handler, query: Query) -> None:
    text = _state(h).texts["en"]
    page = article_html(text, title="多語言 Mixed-script 報道 — ミックス", paragraphs=MIXED, charset_meta="utf-8",
                        lang="mul")
    _html(h, page)


# --- broken pages --------------------------------------------------------------

def _malformed(h: Handler, query: Query) -> None:
    """Tag soup a browser still shows: unquoted attributes, no </head>, unclosed and
    mis-nested tags, stray end tags, a broken tag, an unterminated comment."""
    t = _state(h).texts["en"]
    p = [html.escape(x) for x in t.paragraphs]
    page = (
        f"<html><head><title>{html.escape(t.title)}</title><meta property=og:type content=article>"
        f"<meta charset=utf-8><body><div class=wrap><table><tr><td><article>"
        f"<h1>{html.escape(t.title)}</h2><p>{p[0]}<p><b><i>{p[1]}</b></i>"
        f"</div></div></td><p class=x>{p[2]}<span <p>{p[3]}</p></p></article>"
        f"<p>{p[4]}</table></body></html></html><p><!-- unterminated comment <p>never shown</p>"
    )
    _html(h, page)


def _truncated(h: Handler, query: Query) -> None:
    page = article_html(_state(h).texts["en"], charset_meta="utf-8")
    cut = page.index("about $9,800")  # in the middle of the second paragraph
    _html(h, page[:cut])


def _dataloss(h: Handler, query: Query) -> None:
    body = article_html(_state(h).texts["en"], charset_meta="utf-8").encode()
    h.send_response(HTTPStatus.OK)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(len(body) * 2))  # promises twice what comes
    h.end_headers()
    h.wfile.write(body)
    h.wfile.flush()
    h.close_connection = True


def _empty(h: Handler, query: Query) -> None:
    _html(h, b"", "text/html")


def _scripts_only(h: Handler, query: Query) -> None:
    scripts = "\n".join(f"<script>window.__d{i} = {json.dumps({'k': 'v' * 80, 'n': i})};</script>" for i in range(40))
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Loading…</title>'
            '<meta property="og:type" content="article"><script src="/static/app.js"></script></head>'
            f"<body>{scripts}<noscript></noscript></body></html>")
    _html(h, page)


def _binary(h: Handler, query: Query) -> None:
    rng = random.Random(20220724)
    _html(h, bytes(rng.getrandbits(8) for _ in range(64 * 1024)), "text/html")


def _stream(h: Handler, total: int, chunk: bytes, *, length: bool) -> None:
    h.send_response(HTTPStatus.OK)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    if length:
        h.send_header("Content-Length", str(total))
    else:
        h.send_header("Connection", "close")
        h.close_connection = True
    h.end_headers()
    if h._head_only:
        return
    sent = 0
    while sent < total:  # the client hangs up at its DOWNLOAD_MAXSIZE: BrokenPipe ends this
        piece = chunk[: total - sent]
        h.wfile.write(piece)
        sent += len(piece)


_FILLER = (b"<p>" + b"The quick brown fox jumps over the lazy dog. " * 20 + b"</p>\n") * 50


def _huge(h: Handler, query: Query) -> None:
    _stream(h, HUGE_BYTES, _FILLER, length=True)


def _huge_stream(h: Handler, query: Query) -> None:
    _stream(h, HUGE_BYTES, _FILLER, length=False)


def _bomb(h: Handler, query: Query) -> None:
    _html(h, _state(h).bomb(), headers={"Content-Encoding": "gzip"})


# --- HTTP trouble ----------------------------------------------------------------

def _status(code: int, retry_after: str | None = None) -> Callable[[Handler, Query], None]:
    def handle(h: Handler, query: Query) -> None:
        headers = {"Retry-After": query.get("retry_after", [retry_after])[0]} if retry_after else {}
        body = f"<!DOCTYPE html><html><body><h1>{code}</h1><p>{HTTPStatus(code).phrase}</p></body></html>"
        _html(h, body, status=code, headers=headers)
    return handle


def _flaky(h: Handler, query: Query) -> None:
    """503 (Retry-After: 0) on the first request of each ``k``, then the article."""
    if _state(h).hit("flaky:" + query.get("k", [""])[0]) == 1:
        _status(503, "0")(h, query)
        return
    _html(h, article_html(_state(h).texts["en"], charset_meta="utf-8"))


def _sleep(seconds: float) -> None:
    time.sleep(max(0.0, min(seconds, MAX_SLEEP)))


def _slow(h: Handler, query: Query) -> None:
    _sleep(_qfloat(query, "s", 3.0))
    _html(h, article_html(_state(h).texts["en"], charset_meta="utf-8"))


def _slow_body(h: Handler, query: Query) -> None:
    """Headers and half the page at once, the rest after ``s`` seconds."""
    body = article_html(_state(h).texts["en"], charset_meta="utf-8").encode()
    h.send_response(HTTPStatus.OK)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body[: len(body) // 2])
    h.wfile.flush()
    _sleep(_qfloat(query, "s", 3.0))
    h.wfile.write(body[len(body) // 2:])


def _reset(h: Handler, query: Query) -> None:
    reset_connection(h)


def reset_connection(h: Handler) -> None:
    """Read the request, then reset the connection (RST, no response at all)."""
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.close_connection = True
    h.connection.close()


def _redirect(h: Handler, location: str, status: int = HTTPStatus.FOUND) -> None:
    if location.startswith("/") and not location.startswith("//"):
        location = h.base_url() + location
    h._send(status, b"", {"Location": location}, h._head_only)


def _chain(h: Handler, path: str, query: Query) -> bool:
    rest = path.removeprefix(PREFIX + "/redirect/chain/").removesuffix(".html")
    if not rest.isdigit():
        return False
    _redirect(h, f"{PREFIX}/redirect/chain/{int(rest) + 1}.html")
    return True


def _offsite_after_retry(h: Handler, query: Query) -> None:
    if _state(h).hit("offsite-after-retry:" + query.get("k", [""])[0]) == 1:
        _status(503, "0")(h, query)
        return
    _redirect(h, "http://example.invalid/hostile/after-retry.html")


# --- content types -----------------------------------------------------------------

def _typed(ctype: str, head: bytes, size: int) -> Callable[[Handler, Query], None]:
    def handle(h: Handler, query: Query) -> None:
        _html(h, head + bytes(size), ctype)
    return handle


PDF_HEAD = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


# --- traps ----------------------------------------------------------------------------

def _calendar(h: Handler, path: str, query: Query) -> bool:
    parts = path.removeprefix(PREFIX + "/calendar/").strip("/").split("/")
    try:
        day = date(int(parts[0]), int(parts[1]), int(parts[2])) if len(parts) == 3 else None
    except ValueError:
        day = None
    if day is None:
        return False

    def href(d: date) -> str:
        return f"{PREFIX}/calendar/{d:%Y/%m/%d}"

    links = [(href(day - timedelta(days=1)), "previous day"), (href(day + timedelta(days=1)), "next day"),
             (href(day + timedelta(days=31)), "next month"), (href(day + timedelta(days=365)), "next year")]
    _html(h, listing_html(f"Archive for {day:%Y-%m-%d}", links, "No stories on this day."))
    return True


def _paginate(h: Handler, query: Query) -> None:
    page = max(1, _qint(query, "page", 1))
    links = [(f"{PREFIX}/paginate.html?page={page + 1}", "Next »")]
    if page > 1:
        links.append((f"{PREFIX}/paginate.html?page={page - 1}", "« Previous"))
    _html(h, listing_html(f"Latest news, page {page}", links, "Nothing here but more pages."))


def _session(h: Handler, query: Query) -> None:
    rng = random.Random()  # a new id on every render, as session-id sites do
    sid = f"{rng.getrandbits(64):016X}"
    links = [(f"{PREFIX}/session.html;jsessionid={sid}", "home (jsessionid)"),
             (f"{PREFIX}/session.html?sid={sid.lower()}", "home (sid)"),
             (f"{PREFIX}/session.html?PHPSESSID={sid[:8]}&utm_source=nav", "home (PHPSESSID)")]
    _html(h, listing_html("Session-id site", links, "Every visit gets a new session id in its links."))


_PARAMS = (("a", "1"), ("b", "2"), ("c", "3"))


def _params(h: Handler, query: Query) -> None:
    from itertools import permutations

    links = []
    for order in permutations(_PARAMS):
        qs = "&".join(f"{k}={v}" for k, v in order)
        links.append((f"{PREFIX}/params.html?{qs}", qs))
        links.append((f"{PREFIX}/params.html?{qs}&utm_medium=web#top", qs + " (tracked)"))
    _html(h, listing_html("One page, many parameter orders", links))


def _trap_dir(h: Handler, path: str, query: Query) -> bool:
    # Every path below /hostile/trap/ serves this page, whose relative link grows the path.
    _html(h, listing_html("Relative-link trap", [("loop/", "deeper"), ("./loop/index.html", "deeper still")]))
    return True


# --- scope and safety -----------------------------------------------------------------

def _links(h: Handler, query: Query) -> None:
    port = h.server.server_address[1]
    links = [
        ("ftp://127.0.0.1/pub/file.txt", "ftp"),
        ("javascript:alert(1)", "javascript"),
        ("file:///etc/passwd", "file"),
        ("mailto:editor@example.invalid", "mailto"),
        ("data:text/html,<p>hi</p>", "data"),
        ("tel:+1-555-0100", "tel"),
        ("http://example.invalid/news/2022/07/24/elsewhere.html", "another host"),
        ("//evil.invalid/2022/07/24/protocol-relative.html", "protocol-relative, another host"),
        (f"http://localhost:{port}{PREFIX}/links.html", "the same server by another name"),
        ("http://127.0.0.1.evil.invalid/2022/07/24/lookalike.html", "look-alike host"),
        ("http://user:pass@evil.invalid/2022/07/24/userinfo.html", "userinfo"),
        ("/private/draft-2022-07-24.html", "robots.txt Disallow"),
        (f"{PREFIX}/types/photo.jpg", "an image by its extension"),
        (f"{PREFIX}/types/report.pdf", "a PDF by its extension"),
    ]
    _html(h, listing_html("Links a crawler must not follow", links))


def _escape(h: Handler, query: Query) -> None:
    t = _state(h).texts["en"]
    evil = "../../../../../../tmp/newscrawl-escape"
    head = (f'<meta property="og:site_name" content="{evil}">\n'
            f'<link rel="canonical" href="/../../../../etc/passwd%00.html">\n'
            f'<meta property="og:url" content="file:///etc/passwd">\n'
            f'<meta name="author" content="..\\..\\..\\Windows\\System32">\n'
            f'<meta property="article:section" content="/etc/cron.d">\n')
    page = article_html(t, charset_meta="utf-8", title="../../etc/passwd: " + t.title, head_extra=head)
    _html(h, page)


def _index(h: Handler, query: Query) -> None:
    # A fresh key per render, so the flaky routes fail once for every crawl of the index.
    key = f"{random.Random().getrandbits(48):012x}"
    links = [(c.path.replace("k=case", f"k={key}"), f"{c.path} -> {c.expect}") for c in CASES]
    _html(h, listing_html("Hostile sample site", links,
                          "Every case a crawler must survive; see newscrawl/sample_site/server.py."))


# ------------------------------------------------------------------------ routes

ENCODING_ROUTES: dict[str, tuple[Callable[[Handler, Query], None], str, str]] = {
    # name: (handler, text key, what it is)
    "utf8-declared-gbk": (_encoding_case("simp", "gbk", "text/html; charset=utf-8", "utf-8"), "simp",
                          "header and <meta> say UTF-8, the bytes are GBK"),
    "undeclared-gb18030": (_encoding_case("simp", "gb18030", "text/html", None), "simp",
                           "GB18030 bytes, no charset anywhere"),
    "undeclared-big5": (_encoding_case("trad", "big5", "text/html", None), "trad",
                        "Big5 bytes, no charset anywhere (堃 as &#22531;)"),
    "undeclared-utf8": (_encoding_case("trad", "utf-8", "text/html", None), "trad",
                        "UTF-8 bytes, no charset anywhere"),
    "header-latin1-meta-gbk": (_encoding_case("simp", "gbk", "text/html; charset=iso-8859-1", "gbk"), "simp",
                               "header says ISO-8859-1, <meta> says GBK; the bytes are GBK"),
    "header-utf8-meta-gb2312": (_encoding_case("simp", "utf-8", "text/html; charset=utf-8", "gb2312"), "simp",
                                "header says UTF-8, a stale <meta> says GB2312; the bytes are UTF-8"),
    "utf8-meta-gb2312": (_encoding_case("simp", "utf-8", "text/html", "gb2312", og_article=False), "simp",
                         "<meta> says GB2312, the header no charset; the bytes are UTF-8 and only the "
                         "page's prose (no og:type, no JSON-LD) says it is an article"),
    "bom-utf8-meta-gbk": (_encoding_case("simp", "utf-8", "text/html", "gbk", bom=b"\xef\xbb\xbf"), "simp",
                          "UTF-8 BOM, <meta> says GBK; the bytes are UTF-8"),
    "bom-utf16le": (_encoding_case("trad", "utf-16-le", "text/html", None, bom=b"\xff\xfe"), "trad",
                    "UTF-16LE with its BOM, no charset anywhere"),
}

EXACT: dict[str, Callable[[Handler, Query], None]] = {
    "/": _index,
    "/index.html": _index,
    "/encoding/mixed-script.html": _mixed,
    "/broken/malformed.html": _malformed,
    "/broken/truncated.html": _truncated,
    "/broken/dataloss.html": _dataloss,
    "/broken/empty.html": _empty,
    "/broken/scripts-only.html": _scripts_only,
    "/broken/binary.html": _binary,
    "/broken/huge.html": _huge,
    "/broken/huge-stream.html": _huge_stream,
    "/broken/gzip-bomb.html": _bomb,
    "/status/404.html": _status(404),
    "/status/410.html": _status(410),
    "/status/429.html": _status(429, "1"),
    "/status/500.html": _status(500),
    "/status/503.html": _status(503, "1"),
    "/status/flaky.html": _flaky,
    "/net/slow.html": _slow,
    "/net/slow-body.html": _slow_body,
    "/net/reset.html": _reset,
    "/redirect/loop-a.html": lambda h, q: _redirect(h, f"{PREFIX}/redirect/loop-b.html"),
    "/redirect/loop-b.html": lambda h, q: _redirect(h, f"{PREFIX}/redirect/loop-a.html"),
    "/redirect/self.html": lambda h, q: _redirect(h, f"{PREFIX}/redirect/self.html?utm_source=loop"),
    "/redirect/offsite.html": lambda h, q: _redirect(h, "http://example.invalid/hostile/offsite-target.html"),
    "/redirect/protocol-relative.html": lambda h, q: _redirect(h, "//evil.invalid/hostile/target.html"),
    "/redirect/offsite-after-retry.html": _offsite_after_retry,
    "/redirect/file-scheme.html": lambda h, q: _redirect(h, "file:///etc/passwd"),
    # 2 MiB: more than the tests' DOWNLOAD_MAXSIZE, so a crawl that read the body
    # would report too_large, not content_type. The octet-stream one is read (the
    # type is accepted: gzip sitemaps come as octet-stream): 32 KiB.
    "/types/report": _typed("application/pdf", PDF_HEAD, 2 * 1024 * 1024),
    "/types/photo": _typed("image/jpeg", JPEG_HEAD, 2 * 1024 * 1024),
    "/types/octet.html": _typed("application/octet-stream", PDF_HEAD, 32 * 1024),
    "/paginate.html": _paginate,
    "/session.html": _session,
    "/params.html": _params,
    "/links.html": _links,
    "/escape/2022/07/24/escape.html": _escape,
}
for _name, (_handler, _key, _doc) in ENCODING_ROUTES.items():
    EXACT[f"/encoding/{_name}.html"] = _handler

PREFIXED: tuple[tuple[str, Callable[[Handler, str, Query], bool]], ...] = (
    ("/redirect/chain/", _chain),
    ("/calendar/", _calendar),
    ("/trap/", _trap_dir),
)


def handle(h: Handler, path: str, query_string: str, head_only: bool) -> bool:
    """Serve ``path`` (under ``/hostile``) if it is a hostile route; False if not
    (the caller answers 404)."""
    h._head_only = head_only
    path = path.split(";", 1)[0]  # ;jsessionid=... path parameters
    rel = path.removeprefix(PREFIX) or "/"
    query = parse_qs(query_string, keep_blank_values=True)
    handler = EXACT.get(rel)
    if handler is not None:
        handler(h, query)
        return True
    for prefix, prefixed in PREFIXED:
        if rel.startswith(prefix) and prefixed(h, path, query):
            return True
    return False


# ------------------------------------------------------------------------- cases

def _cases() -> tuple[Case, ...]:
    p = PREFIX
    # The sentences come from MANIFEST.json's body_contains of the source articles.
    simp = "当前疫情防控处於胶着状态,最后的胜利就在于再坚持的努力之中。"
    trad = "目前正值文旦、芒果、鳳梨等水果的採收期"
    en = "rates to the U.S. West Coast slipped below $7,000 for the first time since early 2021."
    sentences = {"simp": simp, "trad": trad}
    cases = [Case(f"{p}/encoding/{name}.html", "archived", doc, sentences[key])
             for name, (_h, key, doc) in ENCODING_ROUTES.items()]
    cases += [
        Case(f"{p}/encoding/mixed-script.html", "archived",
             "UTF-8: Simplified, Traditional, English, Japanese, Korean, Russian, Arabic, emoji", MIXED[4]),
        Case(f"{p}/broken/malformed.html", "archived", "mis-nested, unclosed and stray tags", en),
        Case(f"{p}/broken/truncated.html", "archived", "HTML cut off mid-paragraph (transfer complete)",
             "Spot rates for shipping containers on major routes out of Asia fell for a seventh straight week"),
        Case(f"{p}/broken/dataloss.html", "dropped/data_loss", "Content-Length twice the bytes sent, then close"),
        Case(f"{p}/broken/empty.html", "dropped/empty_body", "200 with an empty body"),
        Case(f"{p}/broken/scripts-only.html", "dropped/no_body", "og:type=article page made only of scripts"),
        Case(f"{p}/broken/binary.html", "dropped/binary_body", "64 KiB of random bytes as text/html"),
        Case(f"{p}/broken/huge.html", "dropped/too_large", "20 MiB page, Content-Length given"),
        Case(f"{p}/broken/huge-stream.html", "dropped/too_large", "20 MiB page, no Content-Length"),
        Case(f"{p}/broken/gzip-bomb.html", "dropped/too_large",
             "Content-Encoding: gzip, ~64 KB compressed, 64 MiB decompressed"),
        Case(f"{p}/status/404.html", "dropped/http_404", "404 (not retried)"),
        Case(f"{p}/status/410.html", "dropped/http_410", "410 Gone (not retried)"),
        Case(f"{p}/status/429.html", "dropped/http_429", "429 with Retry-After: 1 (?retry_after=N), always"),
        Case(f"{p}/status/500.html", "dropped/http_500", "500, always"),
        Case(f"{p}/status/503.html", "dropped/http_503", "503 with Retry-After: 1, always"),
        Case(f"{p}/status/flaky.html?k=case", "archived",
             "503 (Retry-After: 0) on the first request of each ?k=, then the article", en),
        Case(f"{p}/net/slow.html", "dropped/timeout", "answers after ?s= seconds (default 3, at most 10)"),
        Case(f"{p}/net/slow-body.html", "dropped/timeout", "half the body, then ?s= seconds of silence"),
        Case(f"{p}/net/reset.html", "dropped/connection_error", "connection reset (RST), no response"),
        Case(f"{p}/redirect/loop-a.html", "dropped/redirect_loop", "302 -> loop-b.html -> 302 -> loop-a.html"),
        Case(f"{p}/redirect/self.html", "dropped/redirect_loop", "302 to itself plus a tracking parameter"),
        Case(f"{p}/redirect/chain/1.html", "dropped/too_many_redirects", "302 -> chain/2.html -> ... for ever"),
        Case(f"{p}/redirect/offsite.html", "skipped/offsite", "302 -> http://example.invalid/..."),
        Case(f"{p}/redirect/protocol-relative.html", "skipped/offsite", "302 -> //evil.invalid/..."),
        Case(f"{p}/redirect/offsite-after-retry.html?k=case", "skipped/offsite",
             "503 first (the retry is dont_filter), then 302 -> http://example.invalid/..."),
        Case(f"{p}/redirect/file-scheme.html", "skipped/scheme", "302 -> file:///etc/passwd"),
        Case(f"{p}/types/report", "skipped/content_type", "application/pdf, 2 MiB, no extension in the URL"),
        Case(f"{p}/types/photo", "skipped/content_type", "image/jpeg, 2 MiB, no extension in the URL"),
        Case(f"{p}/types/octet.html", "dropped/binary_body", "a 32 KiB PDF as application/octet-stream"),
        Case(f"{p}/calendar/2022/07/24", "bounded", "calendar: prev/next day, next month, next year, for ever"),
        Case(f"{p}/paginate.html?page=1", "bounded", "?page=N links to ?page=N+1 for ever"),
        Case(f"{p}/session.html", "bounded", "links to itself with a new ;jsessionid= / ?sid= each time"),
        Case(f"{p}/params.html?a=1&b=2&c=3", "bounded",
             "links to itself under all 6 parameter orders, with utm_* and #fragments"),
        Case(f"{p}/trap/", "bounded", "relative link loop/ -> /hostile/trap/loop/loop/... (any path below)"),
        Case(f"{p}/links.html", "bounded",
             "links to ftp:, javascript:, file:, mailto:, data:, tel:, other hosts, robots-disallowed"),
        Case(f"{p}/escape/2022/07/24/escape.html", "archived",
             "site name, title, canonical, author with ../ and absolute paths", en),
    ]
    return tuple(cases)


CASES = _cases()
