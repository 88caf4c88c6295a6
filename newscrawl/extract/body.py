"""The article text of a page, as raw paragraphs, plus the images inside it.

trafilatura (precision mode) finds the main content; when it finds nothing, the
JSON-LD ``articleBody`` and then the densest paragraph container stand in.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from lxml import html as lxml_html
from trafilatura import bare_extraction

from newscrawl.clean.text import normalize_text, split_paragraphs
from newscrawl.urls import absolute

# trafilatura logs every page it gives up on at WARNING; we report our own drops.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

_OUT_BLOCKS = frozenset({"p", "head", "item", "quote", "row", "list", "table", "code", "lb", "graphic", "div"})
_ICON = re.compile(r"logo|icon|btn|button|qrcode|qr_|erweima|ewm|share|avatar|spacer|blank|pixel|/ad[s/_]", re.I)
_PUNCT = re.compile(r"[，。！？；、,.!?;]")


@dataclass
class BodyResult:
    paragraphs: list[str] = field(default_factory=list)
    images: list[dict[str, str | None]] = field(default_factory=list)
    method: str = "none"


def _lines_of(root: lxml_html.HtmlElement) -> list[str]:
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            text = normalize_text("".join(buf))
            buf.clear()
            if text:
                lines.append(text)

    def walk(el: lxml_html.HtmlElement) -> None:
        block = el.tag in _OUT_BLOCKS
        if block:
            flush()
        if el.tag == "cell":
            buf.append(" ")
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                if child.tag in _OUT_BLOCKS:
                    flush()
                buf.append(child.tail)
        if block:
            flush()

    walk(root)
    flush()
    return lines


def _images(root: lxml_html.HtmlElement, base_url: str) -> list[dict[str, str | None]]:
    out = []
    for g in root.iter("graphic"):
        url = absolute(base_url, g.get("src"))
        if not url or _ICON.search(url):
            continue
        caption = normalize_text(g.get("alt") or g.get("title") or "") or None
        out.append({"url": url, "caption": caption})
    return out


def _densest_container(tree: lxml_html.HtmlElement) -> list[str]:
    """Paragraph texts of the element whose direct <p>/<br> text, weighted by
    sentence punctuation, is largest: a last resort for pages trafilatura rejects."""
    best, best_score = None, 0.0
    for el in tree.iter("div", "td", "article", "section", "main", "body"):
        score = 0.0
        for child in el:
            if child.tag in ("p", "br", "span", "font") or (child.tag == "div" and len(child) == 0):
                text = child.text_content()
                score += len(text) * (1 + len(_PUNCT.findall(text)) / 10)
        if el.text:
            score += len(el.text) * (1 + len(_PUNCT.findall(el.text)) / 10)
        if score > best_score:
            best, best_score = el, score
    if best is None:
        return []
    parts = [best.text or ""] + [f"{c.text_content()}\n{c.tail or ''}" for c in best]
    return split_paragraphs("\n".join(parts))


def extract_body(tree: lxml_html.HtmlElement, url: str, ld_body: str | None = None) -> BodyResult:
    try:
        doc = bare_extraction(
            tree, url=url, favor_precision=True, include_comments=False, include_tables=True,
            include_images=True, with_metadata=False, deduplicate=False,
        )
    except Exception:  # noqa: BLE001 - a library bug on one page must not stop the crawl
        doc = None
    if doc is not None and getattr(doc, "body", None) is not None:
        lines = _lines_of(doc.body)
        if sum(len(line) for line in lines) >= 20:
            return BodyResult(lines, _images(doc.body, url), "trafilatura")
    if ld_body:
        return BodyResult(split_paragraphs(ld_body), [], "json-ld")
    return BodyResult(_densest_container(tree), [], "density")
