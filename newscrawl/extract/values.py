"""Small value helpers shared by the field extractors."""

from __future__ import annotations

import html
import re
from typing import Any

from newscrawl.clean.pinyin import strip_pinyin
from newscrawl.clean.text import normalize_text

#: Entities left in a value that was escaped twice (``Houston&#39;s``, ``SQL &#x26; AI``):
#: numeric ones and the five XML names, written out in full; "AT&T" and "&copy2024" stay.
_LEFT_ENTITY = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|amp|lt|gt|quot|apos|nbsp);")


def clean_value(value: str | None) -> str | None:
    """A metadata or heading value: entities escaped twice decoded, pinyin
    annotations removed, whitespace normalised; None when nothing is left."""
    if not value:
        return None
    if "&" in value:
        value = _LEFT_ENTITY.sub(lambda m: html.unescape(m.group(0)), value)
    return normalize_text(strip_pinyin(normalize_text(value))) or None


def has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


_BLOCK_CHILDREN = frozenset({"br", "div", "p", "li", "h1", "h2", "h3", "h4", "h5", "h6"})


def heading_text(el: Any) -> str:
    """An element's text with a space where a line break or a block child separates
    its parts (``Top MBA Programs<br>Your Guide``; a Tailwind ``<span class="block">``),
    which ``text_content()`` glues together."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node.tag, str):
            if node is not el and (node.tag in _BLOCK_CHILDREN or "block" in (node.get("class") or "").split()):
                parts.append(" ")
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not el:
            parts.append(node.tail or "")

    walk(el)
    return "".join(parts)
