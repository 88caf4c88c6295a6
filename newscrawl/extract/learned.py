"""A learned block classifier for the body (issue 12): small gradient-boosted trees
over cheap features of each leaf block, read from a JSON file (no pickle, no
scikit-learn at run time). bench/train_blocks.py computes the same features with
:func:`block_features`, trains the trees on WCXB-dev half A and writes the file.

Model file: ``{"features": [name, ...], "baseline": float, "trees": [tree, ...]}``,
a tree a list of nodes ``[feature, threshold, left, right, value]``, node 0 its
root; ``feature`` -1 marks a leaf (its ``value`` is added to the raw score), else
``x[feature] <= threshold`` goes to ``left``. p = sigmoid(baseline + sum of leaves).
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from newscrawl.clean.text import squash
from newscrawl.extract.density import main_blocks
from newscrawl.extract.dom import in_chrome, in_footer

MODEL_PATH = Path(__file__).resolve().parent / "data" / "blocks_model.json"

#: class/id words looked for on a block's element and its ancestors.
TOKENS = ("comment", "related", "footer", "share", "nav", "menu", "sidebar", "content", "article",
          "body", "post", "entry", "text", "story", "main", "header", "widget", "ad", "social",
          "author", "meta", "caption", "tag", "breadcrumb", "subscribe", "newsletter", "promo",
          "recommend", "title", "date", "byline", "footnote", "bio", "list", "card", "teaser")
#: Tags of a block's element and of its parent, one feature each.
ONE_HOT = ("p", "div", "li", "td", "h1", "h2", "h3", "h4", "blockquote", "figcaption", "section", "article",
           "span", "a", "ul", "ol", "tr", "header", "footer", "aside", "nav", "form", "body", "strong")
_WORD = re.compile(r"\w+")
_PUNCT = re.compile(r"[,.;:!?，。！？；、]")
_SENT = re.compile(r"[.!?。！？]")
_TOKEN_SPLIT = re.compile(r"[^a-z]+")
_ENDS = (".", "!", "?", "。", "！", "？", '"', "”", ":")
NEAR_LEVELS = 3


def _tokens(el: Any, memo: dict[Any, frozenset[str]]) -> frozenset[str]:
    found = memo.get(el)
    if found is None:
        words = f"{el.get('id') or ''} {el.get('class') or ''}".lower()
        out = set()
        for part in _TOKEN_SPLIT.split(words):
            if part:
                for tok in TOKENS:
                    if part == tok or (len(tok) >= 4 and tok in part):
                        out.add(tok)
        found = memo[el] = frozenset(out)
    return found


def _own_features(blocks: list[tuple[str, Any, float]]) -> list[dict[str, float]]:
    container = {id(b) for b in main_blocks(blocks)}
    chrome: dict[Any, bool] = {}
    tokens: dict[Any, frozenset[str]] = {}
    n = len(blocks)
    out = []
    for i, (text, el, share) in enumerate(blocks):
        chars = max(len(text), 1)
        depth = 0
        near: set[str] = set()
        far: set[str] = set()
        in_article = 0
        node = el
        while node is not None and isinstance(node.tag, str):
            toks = _tokens(node, tokens)
            if depth < NEAR_LEVELS:
                near |= toks
            far |= toks
            if node.tag in ("article", "main"):
                in_article = 1
            node = node.getparent()
            depth += 1
        parent = el.getparent()
        ptag = parent.tag if parent is not None else ""
        f = {
            "len": math.log1p(len(text)), "words": math.log1p(len(_WORD.findall(text))), "link": share,
            "punct": len(_PUNCT.findall(text)) / chars, "sent": float(len(_SENT.findall(text))),
            "ends": float(text.rstrip().endswith(_ENDS)),
            "digits": sum(c.isdigit() for c in text) / chars, "upper": sum(c.isupper() for c in text) / chars,
            "depth": float(depth), "pos": i / max(n - 1, 1), "n_blocks": math.log1p(n),
            "chrome": float(in_chrome(el, chrome)), "footer": float(in_footer(el)), "in_article": float(in_article),
            "container": float(id(blocks[i]) in container),
        }
        for tok in TOKENS:
            f["near_" + tok] = float(tok in near)
            f["far_" + tok] = float(tok in far)
        for t in ONE_HOT:
            f["tag_" + t] = float(el.tag == t)
            f["ptag_" + t] = float(ptag == t)
        out.append(f)
    return out


def verdicts(blocks: list[tuple[str, Any, float]], paragraphs: list[str]) -> list[int]:
    """The rules' verdict per block: its text is a body line, or lies in one."""
    lines = {squash(line) for line in paragraphs}
    whole = squash("\n".join(paragraphs))
    out = []
    for text, _, _ in blocks:
        key = squash(text)
        out.append(int(key in lines or (len(key) >= 15 and key in whole)))
    return out


def block_features(blocks: list[tuple[str, Any, float]], paragraphs: list[str]) -> list[dict[str, float]]:
    """Every block's features: its own, the rules' verdict (``paragraphs``: the body
    the rules chose) and its neighbours'."""
    feats = _own_features(blocks)
    v = verdicts(blocks, paragraphs)
    n = len(blocks)
    kept = [i for i, x in enumerate(v) if x]
    first, last = (kept[0], kept[-1]) if kept else (n, -1)
    for i, f in enumerate(feats):
        f["v"] = float(v[i])
        f["before_first"] = float(i < first)
        f["after_last"] = float(i > last)
        f["between"] = float(first <= i <= last)
        f["share_kept"] = len(kept) / max(n, 1)
        for d in (-2, -1, 1, 2):
            j = i + d
            inside = 0 <= j < n
            f[f"v{d}"] = float(v[j]) if inside else -1.0
            f[f"len{d}"] = feats[j]["len"] if inside else -1.0
            f[f"link{d}"] = feats[j]["link"] if inside else -1.0
            f[f"c{d}"] = feats[j]["container"] if inside else -1.0
    return feats


class Trees:
    """A gradient-boosted tree ensemble read from its JSON form."""

    def __init__(self, data: dict[str, Any]):
        self.features: list[str] = list(data["features"])
        self.baseline = float(data["baseline"])
        self.trees: list[list[list[float]]] = data["trees"]

    def probability(self, row: list[float]) -> float:
        score = self.baseline
        for tree in self.trees:
            node = tree[0]
            while node[0] >= 0:
                node = tree[int(node[2] if row[int(node[0])] <= node[1] else node[3])]
            score += node[4]
        return 1.0 / (1.0 + math.exp(-score))

    def probabilities(self, feats: list[dict[str, float]]) -> list[float]:
        return [self.probability([f[name] for name in self.features]) for f in feats]


def load_trees(path: Path | str) -> Trees:
    return Trees(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def shipped_trees() -> Trees:
    return load_trees(MODEL_PATH)


#: A block is body text when the model gives it p >= 0.4. Picked on WCXB-dev half-A
#: articles (bench/train_blocks.py, blocks alone, body F1: 0.2 -> 0.9295, 0.3 -> 0.9380,
#: 0.35 -> 0.9401, 0.4 -> 0.9410, 0.5 -> 0.9396; the rules' body 0.9259).
KEEP_P = 0.4


def learned_lines(blocks: list[tuple[str, Any, float]], paragraphs: list[str],
                  trees: Trees | None = None) -> list[str]:
    """The blocks the model keeps, in page order (``paragraphs``: the rules' body);
    the rules' body when it keeps none."""
    if not blocks:
        return paragraphs
    model = trees or shipped_trees()
    probs = model.probabilities(block_features(blocks, paragraphs))
    kept = [text for (text, _, _), p in zip(blocks, probs, strict=True) if p >= KEEP_P]
    return kept or paragraphs
