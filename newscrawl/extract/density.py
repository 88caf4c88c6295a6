"""Readability-style main-content scoring over the page's text blocks, counting
characters and Chinese punctuation rather than words, so it works on CJK pages and
on table layouts where paragraphs are ``<br>``-separated runs inside one ``<td>``."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from newscrawl.clean.boilerplate import is_copyright, is_widget
from newscrawl.extract.dom import in_chrome

_PUNCT = re.compile(r"[，。！？；、,.!?;]")
#: A block counts as content when it has >= 10 non-space characters and < 30% of them
#: in links: on the zh-dev pages, body paragraphs are 20-400 characters with no links,
#: while navigation and related lists are 60-100% link text.
#: Swept MAX_LINK_SHARE 0.2 / 0.3 / 0.4: body F1 unchanged on both sets (0.975 / 0.947).
MIN_CHARS = 10
MAX_LINK_SHARE = 0.3
#: Weight of a content block's score at its element and each ancestor above it: a
#: paragraph votes for its container, less for the container's container.
ANCESTOR_WEIGHTS = (1.0, 0.5, 0.33, 0.25)
#: Siblings of the best container join it when they score >= 20% of it (readability's
#: rule), for articles split over sibling <div>s.
SIBLING_SHARE = 0.2
#: Containers inside navigation, headers, footers or sidebars keep 30% of their score.
CHROME_FACTOR = 0.3
#: A content block scores 1, plus one per punctuation mark, plus one per 60 non-space
#: characters up to 4 (readability counts one per 100 characters up to 3; CJK text
#: packs more per character). Set by hand on aeb-dev / zh-dev with the scorer (commit
#: bcb801d), not swept.
LENGTH_POINT_CHARS = 60
LENGTH_POINTS_MAX = 4

Block = tuple[str, Any, float]


def _nonspace(text: str) -> int:
    return len(text) - text.count(" ")


def main_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks of the page's main text container (and its strong siblings)."""
    score: dict[Any, float] = defaultdict(float)
    chars: dict[Any, int] = defaultdict(int)
    linked: dict[Any, float] = defaultdict(float)
    for text, el, share in blocks:
        n = _nonspace(text)
        node = el
        while node is not None:
            chars[node] += n
            linked[node] += n * share
            node = node.getparent()
        if n < MIN_CHARS or share >= MAX_LINK_SHARE or is_widget(text) or is_copyright(text):
            continue
        points = 1 + len(_PUNCT.findall(text)) + min(n / LENGTH_POINT_CHARS, LENGTH_POINTS_MAX)
        node = el
        for weight in ANCESTOR_WEIGHTS:
            if node is None:
                break
            score[node] += points * weight
            node = node.getparent()
    if not score:
        return []

    chrome: dict[Any, bool] = {}
    memo: dict[Any, float] = {}

    def adjusted(node: Any) -> float:
        if node not in memo:
            density = linked[node] / chars[node] if chars[node] else 1.0
            memo[node] = score[node] * (1 - density) * (CHROME_FACTOR if in_chrome(node, chrome) else 1.0)
        return memo[node]

    best = max(score, key=adjusted)
    best_score = adjusted(best)
    chosen = {best}
    parent = best.getparent()
    if parent is not None:
        for sibling in parent:
            if sibling is not best and sibling in score and adjusted(sibling) >= SIBLING_SHARE * best_score:
                chosen.add(sibling)
    # Articles cut into chunks by ad slots repeat the text container's tag and class
    # (Wired's body__container, one per chunk): every scoring twin joins.
    signature = best.get("class")
    if signature:
        for node in score:
            if (node is not best and node.tag == best.tag and node.get("class") == signature
                    and adjusted(node) >= SIBLING_SHARE * best_score):
                chosen.add(node)

    out = []
    for block in blocks:
        node = block[1]
        while node is not None and node not in chosen:
            node = node.getparent()
        if node is not None:
            out.append(block)
    return out
