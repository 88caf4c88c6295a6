"""Adapters that run each extraction tool on a benchmark page, timed in CPU time.

Tools:

* ``newscrawl``   -- ``newscrawl.extract_article(html, url)`` (imported lazily; skipped
  with a note while it does not exist). zh pages are given as BYTES: newscrawl
  detects the encoding itself, so its time includes decoding.
* ``trafilatura`` -- ``trafilatura.bare_extraction(html, url, favor_precision=True,
  with_metadata=True)``: body = ``.text`` (main text only, comments excluded),
  plus ``.title``, ``.date``, ``.author``.
* ``readability`` -- readability-lxml ``Document(html).summary(html_partial=True)``
  turned into paragraph text with lxml, title = ``.short_title()``.

Peers get decoded text. On zh pages the bytes are decoded before the timer starts
(see :func:`decode_for_peers`), so peer times exclude decoding.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.metrics import REPO_ROOT, Page

TOOLS = ("newscrawl", "trafilatura", "readability")

# ------------------------------------------------------------------ decoding

PEER_DECODINGS = ("detect", "w3lib")
DEFAULT_PEER_DECODING = "detect"

# GB2312/GBK labels decode with the GB18030 superset, as browsers do (WHATWG maps
# the gb2312 label to the GBK decoder); plain gb2312 drops characters such as 镕.
_GB_FAMILY = {"gb2312", "gbk", "gb_2312", "gb_2312-80", "cp936", "ms936", "x-gbk", "euc-cn"}


def _detect_encoding(raw: bytes) -> str | None:
    """Statistical guess for pages that declare nothing (charset-normalizer)."""
    try:
        import charset_normalizer
    except ImportError:  # pragma: no cover - it ships with requests
        return None
    best = charset_normalizer.from_bytes(raw[:200_000]).best()
    if best is None:
        return None
    enc = best.encoding.replace("_", "-").lower()
    return "gb18030" if enc in _GB_FAMILY or enc == "gb2312" else enc


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_for_peers(raw: bytes, mode: str = DEFAULT_PEER_DECODING) -> tuple[str, str]:
    """Decode zh page bytes for the peer tools (which take text): ``(encoding, text)``.

    ``w3lib``  -- ``w3lib.encoding.html_to_unicode(None, raw)``: BOM, then the
                  ``<meta>`` declaration, else UTF-8. No header (we have none).
    ``detect`` -- the same call, but bytes that are valid UTF-8 are taken as UTF-8
                  whatever the ``<meta>`` says (GBK text practically never validates
                  as UTF-8; several pages were re-saved as UTF-8 with a stale
                  ``charset=gb2312``), and undeclared pages go through
                  charset-normalizer instead of defaulting to UTF-8 (GBK pages that
                  declare nothing). GB text maps 0xA3A0 to U+3000 as browsers do.
                  This is the default: a fair generic detector, nothing page-specific.
    """
    from w3lib.encoding import html_to_unicode

    if mode == "w3lib":
        return html_to_unicode(None, raw)
    if mode != "detect":
        raise ValueError(f"unknown peer decoding {mode!r}")
    if _is_utf8(raw):
        text = raw.decode("utf-8")
        return "utf-8", text[1:] if text.startswith("\ufeff") else text
    enc, text = html_to_unicode(None, raw, auto_detect_fun=_detect_encoding)
    if enc.replace("_", "-").lower() in _GB_FAMILY | {"gb18030"}:
        # GB 0xA3A0 is a full-width space on old pages; Python's codec maps it to the
        # private-use U+E5E5, the WHATWG gb18030 decoder (browsers) to U+3000.
        text = text.replace("\ue5e5", "\u3000")
    return enc, text


# --------------------------------------------------------------- predictions


@dataclass
class Prediction:
    tool: str
    page_id: str
    body: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    """newscrawl only: the responsible editor (责任编辑), a field of its own in our records."""
    published: str | None = None
    cpu_ms: float = 0.0
    error: str | None = None
    encoding: str | None = None
    """zh peers: the encoding the page was decoded with before the tool saw it."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "page_id": self.page_id,
            "body": self.body,
            "title": self.title,
            "authors": self.authors,
            "editor": self.editor,
            "published": self.published,
            "cpu_ms": self.cpu_ms,
            "error": self.error,
            "encoding": self.encoding,
        }


class ToolUnavailable(Exception):
    """The tool cannot be imported (e.g. newscrawl.extract_article not written yet)."""


# ------------------------------------------------------------ text conversion

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main "
    "nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)


def html_to_paragraphs(fragment: str) -> str:
    """HTML (a readability summary) -> text, one line per block element or ``<br>``,
    whitespace collapsed inside lines, empty lines dropped (lxml text content)."""
    import lxml.html

    if not fragment or not fragment.strip():
        return ""
    try:
        root = lxml.html.fromstring(fragment)
    except Exception:  # noqa: BLE001 - a broken summary is an empty prediction
        return ""
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag in ("script", "style", "noscript", "template"):
            return
        block = tag in _BLOCK_TAGS
        if block or tag == "br":
            parts.append("\n")
        if tag is not None and el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def split_authors(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v and str(v).strip()]
    return [a.strip() for a in str(value).split(";") if a.strip()]


# --------------------------------------------------------------------- runners


def _load_newscrawl() -> Callable[..., Any]:
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    try:
        from newscrawl import extract_article  # type: ignore[attr-defined]
    except ImportError as exc:
        raise ToolUnavailable(f"newscrawl.extract_article not importable ({exc})") from exc
    return extract_article


def _load_trafilatura() -> Callable[..., Any]:
    try:
        import trafilatura
    except ImportError as exc:
        raise ToolUnavailable(f"trafilatura not importable ({exc})") from exc
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    return trafilatura.bare_extraction


def _load_readability() -> Callable[..., Any]:
    try:
        from readability import Document
    except ImportError as exc:
        raise ToolUnavailable(
            f"readability-lxml not importable ({exc}); pip install readability-lxml lxml_html_clean"
        ) from exc
    logging.getLogger("readability").setLevel(logging.CRITICAL)
    logging.getLogger("readability.readability").setLevel(logging.CRITICAL)
    return Document


class Runner:
    """Runs one tool on pages. Build with :func:`make_runner` (raises ToolUnavailable)."""

    def __init__(self, name: str, fn: Callable[..., Any],
                 peer_decoding: str = DEFAULT_PEER_DECODING):
        self.name = name
        self.fn = fn
        self.peer_decoding = peer_decoding
        self._warm = False

    def _input(self, page: Page) -> tuple[str | bytes, str | None]:
        """What the tool gets, decoded outside the timer for peers."""
        if page.html is not None:
            return page.html, None
        assert page.raw is not None
        if self.name == "newscrawl":
            return page.raw, None  # decodes itself, inside the timer
        enc, text = decode_for_peers(page.raw, self.peer_decoding)
        return text, enc

    def _call(self, html: str | bytes, url: str) -> dict[str, Any]:
        if self.name == "newscrawl":
            rec = self.fn(html, url) or {}
            return {
                "body": rec.get("body") or "",
                "title": rec.get("title"),
                "authors": split_authors(rec.get("authors")),
                "editor": rec.get("editor"),
                "published": rec.get("published_at"),
            }
        if self.name == "trafilatura":
            doc = self.fn(html, url=url, favor_precision=True, with_metadata=True)
            if doc is None:
                return {"body": "", "title": None, "authors": [], "published": None}
            return {
                "body": doc.text or "",
                "title": doc.title,
                "authors": split_authors(doc.author),
                "published": doc.date,
            }
        if self.name == "readability":
            doc = self.fn(html, url=url)
            summary = doc.summary(html_partial=True)
            return {
                "body": html_to_paragraphs(summary),
                "title": doc.short_title(),
                "authors": [],
                "published": None,
            }
        raise ValueError(self.name)

    def warm_up(self, page: Page) -> None:
        """One untimed call so lazy imports and regex compilation do not land on page 1."""
        if self._warm:
            return
        self._warm = True
        html, _ = self._input(page)
        try:
            self._call(html, page.url_or_placeholder)
        except Exception:  # noqa: BLE001
            pass

    def run(self, page: Page) -> Prediction:
        html, enc = self._input(page)
        pred = Prediction(tool=self.name, page_id=page.id, encoding=enc)
        t0 = time.process_time()
        try:
            out = self._call(html, page.url_or_placeholder)
        except Exception as exc:  # noqa: BLE001 - a crash is an empty prediction, reported
            pred.cpu_ms = (time.process_time() - t0) * 1000
            pred.error = f"{type(exc).__name__}: {exc}"[:300]
            return pred
        pred.cpu_ms = (time.process_time() - t0) * 1000
        pred.body = out["body"] or ""
        pred.title = out["title"]
        pred.authors = out["authors"]
        pred.editor = out.get("editor")
        pred.published = None if out["published"] is None else str(out["published"])
        return pred


_LOADERS = {
    "newscrawl": _load_newscrawl,
    "trafilatura": _load_trafilatura,
    "readability": _load_readability,
}

# which metadata each tool can produce at all (others are reported n/a, not 0%)
CAPABILITIES = {
    "newscrawl": {"title", "date", "author"},
    "trafilatura": {"title", "date", "author"},
    "readability": {"title"},
}


def make_runner(name: str, peer_decoding: str = DEFAULT_PEER_DECODING) -> Runner:
    if name not in _LOADERS:
        raise ValueError(f"unknown tool {name!r} (expected one of {TOOLS})")
    return Runner(name, _LOADERS[name](), peer_decoding)
