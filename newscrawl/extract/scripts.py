"""Article text a page ships as data inside a script: a live blog's JSON-LD updates,
and the article body in a framework's JSON state (Next.js ``__NEXT_DATA__``, Nuxt,
``application/json`` islands), plain or as escaped HTML. Pages that render the article
in the browser have little of it in their HTML."""

from __future__ import annotations

import json
import re
from typing import Any

from lxml import html as lxml_html

from newscrawl.clean.text import split_paragraphs

#: Keys under which JSON states keep an article's text.
BODY_KEYS = frozenset({"articlebody", "body", "bodyhtml", "content", "contenthtml", "html", "text", "articletext"})
#: A value is an article body only when it is long: 500 characters is about 80 words
#: (shorter strings in such states are teasers, captions and labels).
MIN_BODY_CHARS = 500
#: JSON states of whole sites run to megabytes; beyond this a script is not searched.
MAX_SCRIPT_CHARS = 5_000_000
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre", "div", "br")


def live_blog_text(ld_objects: list[dict[str, Any]]) -> str | None:
    """The updates of a JSON-LD ``LiveBlogPosting``, oldest first, each its headline and
    its text: a live blog's DOM often shows a few updates and loads the rest."""
    for obj in ld_objects:
        kinds = obj.get("@type")
        types = {str(t).lower() for t in (kinds if isinstance(kinds, list) else [kinds])}
        updates = obj.get("liveBlogUpdate")
        if "liveblogposting" not in types or not isinstance(updates, list):
            continue
        parts = [obj["articleBody"]] if isinstance(obj.get("articleBody"), str) else []
        entries = [u for u in updates if isinstance(u, dict)]
        entries.sort(key=lambda u: str(u.get("datePublished") or ""))
        for update in entries:
            for key in ("headline", "articleBody", "text"):
                if isinstance(update.get(key), str) and update[key].strip():
                    parts.append(update[key].strip())
        if parts:
            return "\n".join(parts)
    return None


_JSON_SCRIPT = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/(?:ld\+)?json[\"']?[^>]*>(.*?)</script\s*>", re.I | re.S)


def script_body(source: str) -> str | None:
    """The longest article text found under a body key in the JSON scripts of a page's
    source (``application/json``: Next.js's ``__NEXT_DATA__``, Nuxt's state; JSON-LD),
    as paragraphs (HTML values turned into lines); None when there is none."""
    best = ""
    for match in _JSON_SCRIPT.finditer(source):
        raw = match.group(1)
        if not raw.strip() or len(raw) > MAX_SCRIPT_CHARS:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        for value in _body_strings(data):
            if len(value) > len(best):
                best = value
    if len(best) < MIN_BODY_CHARS:
        return None
    return "\n".join(_text_lines(best)) or None


def _body_strings(data: Any) -> list[str]:
    found: list[str] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str):
                    if key.lower() in BODY_KEYS and len(value) >= MIN_BODY_CHARS:
                        found.append(value)
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, (dict, list)))
    return found


def _text_lines(value: str) -> list[str]:
    """Paragraphs of a body value: plain text by its lines, HTML by its block elements."""
    if "<" not in value or ">" not in value:
        return split_paragraphs(value)
    try:
        root = lxml_html.fragment_fromstring(value, create_parent="div")
    except (ValueError, lxml_html.etree.ParserError):
        return split_paragraphs(value)
    for bad in root.xpath(".//script | .//style | .//figure | .//aside"):
        bad.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    return split_paragraphs(root.text_content())
