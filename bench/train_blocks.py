"""Experiment (issue 12): a learned block classifier for the body, trained on WCXB-dev
half A and checked on half B, against newscrawl's current body.

Run from the repo root (scikit-learn is a bench-time tool only)::

    .venv/bin/python -m pip install scikit-learn
    .venv/bin/python bench/extraction.py --tools newscrawl --no-classifier --json base.json
    .venv/bin/python bench/train_blocks.py --base base.json [--types article|all]

``--base`` is a bench run of newscrawl on wcxb (its per-page bodies are the rules'
verdicts). Every page is parsed as newscrawl does (``parse_html`` then
``leaf_blocks``); a block is labelled 1 when >= LABEL_SHARE of its words are in the
truth's word multiset (consumed in page order). Cheap per-block features (length,
link share, punctuation, tag and parent tag, class/id tokens near and far, position,
newscrawl's verdict, the density container, neighbours) feed a small
HistGradientBoostingClassifier trained on half A. Variants scored on both halves
with ``metrics.wcxb_scores`` (mean per-page word F1, pages < 0.5):

* ``newscrawl``: the bench run's body;
* ``verdict``: the blocks newscrawl's body holds, joined (the rules' verdict only);
* ``model@t``: the blocks with p >= t, in page order;
* ``drop@t``: newscrawl's body without its lines whose block has p < t;
* ``add@t``: newscrawl's body plus blocks with p > t next to a kept block.

Numbers it printed (article pages, model on half-A articles, 100 trees depth 4),
see the module's RESULTS below.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import metrics as M  # noqa: E402
from newscrawl.clean.text import squash  # noqa: E402
from newscrawl.extract.density import main_blocks  # noqa: E402
from newscrawl.extract.dom import in_chrome, in_footer, leaf_blocks, parse_html  # noqa: E402

RESULTS = """First run (article pages, verdicts from the bench run's final body, 100 trees depth 4):
half A (train): newscrawl 0.9259 (15/363 < 0.5), verdict 0.9204, oracle blocks 0.9535,
  model@0.3 0.9392 (7), model@0.5 0.9387 (9), drop@0.3 0.9290, add@0.7 0.9270
half B (held out): newscrawl 0.9298 (14/348), verdict 0.9225 (14), oracle 0.9626 (1),
  model@0.3 0.9383 (5), model@0.5 0.9288 (10), model@0.7 0.8911 (21),
  drop@0.05 0.9298, drop@0.3 0.9255, add@0.7 0.9294, add@0.95 0.9298"""

#: A block is main content when this share of its words is in the truth's multiset.
LABEL_SHARE = 0.7
TOKENS = ("comment", "related", "footer", "share", "nav", "menu", "sidebar", "content", "article",
          "body", "post", "entry", "text", "story", "main", "header", "widget", "ad", "social",
          "author", "meta", "caption", "tag", "breadcrumb", "subscribe", "newsletter", "promo",
          "recommend", "title", "date", "byline", "footnote", "bio", "list", "card", "teaser")
TAGS = ("p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "figcaption", "dd", "dt", "section", "article", "span", "a", "ul", "ol", "table", "tr",
        "header", "footer", "aside", "nav", "form", "body", "main", "figure", "address", "strong")
_WORD = re.compile(r"\w+")
_PUNCT = re.compile(r"[,.;:!?，。！？；、]")
_SENT = re.compile(r"[.!?。！？]")
_TOKEN_SPLIT = re.compile(r"[^a-z]+")
CACHE = Path("/tmp/train_blocks_cache.json.gz")


def _tokens(el: Any) -> set[str]:
    words = f"{el.get('id') or ''} {el.get('class') or ''}".lower()
    out = set()
    for part in _TOKEN_SPLIT.split(words):
        for tok in TOKENS:
            if part == tok or (len(tok) >= 4 and tok in part):
                out.add(tok)
    return out


def page_blocks(html: str) -> list[dict[str, Any]]:
    """Every leaf block of a page with its features (without the verdict ones)."""
    tree = parse_html(html)
    if tree is None:
        return []
    blocks = list(leaf_blocks(tree))
    container = {id(b) for b in main_blocks(blocks)}
    memo: dict[Any, bool] = {}
    n = len(blocks)
    out = []
    for i, (text, el, share) in enumerate(blocks):
        words = _WORD.findall(text)
        chars = max(len(text), 1)
        depth = 0
        near: set[str] = set()
        far: set[str] = set()
        in_article = 0
        node = el
        while node is not None and isinstance(node.tag, str):
            toks = _tokens(node)
            if depth < 3:
                near |= toks
            far |= toks
            if node.tag in ("article", "main"):
                in_article = 1
            node = node.getparent()
            depth += 1
        parent = el.getparent()
        f = {
            "len": math.log1p(len(text)), "words": math.log1p(len(words)), "link": share,
            "punct": len(_PUNCT.findall(text)) / chars, "sent": len(_SENT.findall(text)),
            "ends": int(text.rstrip().endswith((".", "!", "?", "。", "！", "？", '"', "”", ":"))),
            "digits": sum(c.isdigit() for c in text) / chars, "upper": sum(c.isupper() for c in text) / chars,
            "depth": depth, "pos": i / max(n - 1, 1), "n_blocks": math.log1p(n),
            "tag": TAGS.index(el.tag) if el.tag in TAGS else len(TAGS),
            "ptag": TAGS.index(parent.tag) if parent is not None and parent.tag in TAGS else len(TAGS),
            "chrome": int(in_chrome(el, memo)), "footer": int(in_footer(el)), "in_article": in_article,
            "container": int(id(blocks[i]) in container),
        }
        for tok in TOKENS:
            f["near_" + tok] = int(tok in near)
            f["far_" + tok] = int(tok in far)
        out.append({"text": text, "f": f})
    return out


def label_blocks(blocks: list[dict[str, Any]], truth: str) -> None:
    bag = M.word_bag(truth)
    for b in blocks:
        words = _WORD.findall(b["text"].lower())
        found = 0
        for w in words:
            if bag[w] > 0:
                bag[w] -= 1
                found += 1
        b["y"] = int(bool(words) and found >= LABEL_SHARE * len(words))


def verdicts(blocks: list[dict[str, Any]], body: str) -> None:
    """newscrawl's verdict per block: its text is a body line, or lies in one."""
    lines = {squash(line) for line in body.split("\n")}
    whole = squash(body)
    for b in blocks:
        key = squash(b["text"])
        b["v"] = int(key in lines or (len(key) >= 15 and key in whole))


def add_context(blocks: list[dict[str, Any]]) -> None:
    n = len(blocks)
    kept = [i for i, b in enumerate(blocks) if b["v"]]
    first, last = (kept[0], kept[-1]) if kept else (n, -1)
    for i, b in enumerate(blocks):
        f = b["f"]
        f["v"] = b["v"]
        f["before_first"] = int(i < first)
        f["after_last"] = int(i > last)
        f["between"] = int(first <= i <= last)
        f["share_kept"] = len(kept) / max(n, 1)
        for d in (-2, -1, 1, 2):
            j = i + d
            nb = blocks[j] if 0 <= j < n else None
            f[f"v{d}"] = nb["v"] if nb else -1
            f[f"len{d}"] = nb["f"]["len"] if nb else -1
            f[f"link{d}"] = nb["f"]["link"] if nb else -1
            f[f"c{d}"] = nb["f"]["container"] if nb else -1


def build(base: Path, types: str) -> list[dict[str, Any]]:
    if CACHE.exists():
        cached = json.loads(gzip.decompress(CACHE.read_bytes()))
        if cached["base"] == str(base):
            return [p for p in cached["pages"] if types == "all" or p["type"] == "article"]
    run = json.loads(base.read_text())["wcxb"]["tools"]["newscrawl"]["pages"]
    bodies = {p["id"]: p["prediction"]["body"] or "" for p in run}
    pages = []
    for k, page in enumerate(M.load_set("wcxb")):
        if page.id not in bodies:
            continue
        blocks = page_blocks(page.html or "")
        label_blocks(blocks, page.body or "")
        verdicts(blocks, bodies[page.id])
        add_context(blocks)
        pages.append({"id": page.id, "half": page.half, "type": page.page_type, "truth": page.body or "",
                      "body": bodies[page.id], "blocks": blocks})
        if k % 200 == 0:
            print(f"  parsed {k} pages", file=sys.stderr)
    CACHE.write_bytes(gzip.compress(json.dumps({"base": str(base), "pages": pages}).encode()))
    return [p for p in pages if types == "all" or p["type"] == "article"]


ONE_HOT = ("p", "div", "li", "td", "h1", "h2", "h3", "h4", "blockquote", "figcaption", "section", "article",
           "span", "a", "ul", "ol", "tr", "header", "footer", "aside", "nav", "form", "body", "strong")


def features(b: dict[str, Any]) -> dict[str, float]:
    """The block's features, its tag and its parent's one-hot."""
    f = {k: v for k, v in b["f"].items() if k not in ("tag", "ptag")}
    tag = TAGS[b["f"]["tag"]] if b["f"]["tag"] < len(TAGS) else "other"
    ptag = TAGS[b["f"]["ptag"]] if b["f"]["ptag"] < len(TAGS) else "other"
    for t in ONE_HOT:
        f["tag_" + t] = int(tag == t)
        f["ptag_" + t] = int(ptag == t)
    return f


def matrix(pages: list[dict[str, Any]], names: list[str] | None = None) -> tuple[Any, Any, list[str]]:
    import numpy as np

    x, y = [], []
    for p in pages:
        for b in p["blocks"]:
            f = features(b)
            if names is None:
                names = sorted(f)
            x.append([f[k] for k in names])
            y.append(b["y"])
    return np.array(x, dtype=float), np.array(y), names or []


def summary(scores: list[dict[str, float]]) -> str:
    f1s = [s["f1"] for s in scores]
    return f"F1 {sum(f1s) / len(f1s):.4f}  pages<0.5 {sum(f < 0.5 for f in f1s)}/{len(f1s)}"


def evaluate(pages: list[dict[str, Any]], probs: list[list[float]]) -> dict[str, str]:
    variants: dict[str, list[dict[str, float]]] = {}

    def add(name: str, truth: str, pred: str) -> None:
        variants.setdefault(name, []).append(M.wcxb_scores(truth, pred))

    for p, pr in zip(pages, probs, strict=True):
        blocks, truth = p["blocks"], p["truth"]
        add("newscrawl", truth, p["body"])
        add("verdict", truth, "\n".join(b["text"] for b in blocks if b["v"]))
        add("oracle", truth, "\n".join(b["text"] for b in blocks if b["y"]))
        for t in (0.3, 0.5, 0.7):
            add(f"model@{t}", truth, "\n".join(b["text"] for b, q in zip(blocks, pr, strict=True) if q >= t))
        prob = {}
        for b, q in zip(blocks, pr, strict=True):
            key = squash(b["text"])
            prob[key] = min(prob.get(key, 1.0), q)
        for t in (0.05, 0.1, 0.2, 0.3):
            lines = [line for line in p["body"].split("\n") if prob.get(squash(line), 1.0) >= t]
            add(f"drop@{t}", truth, "\n".join(lines))
        for t in (0.7, 0.8, 0.9, 0.95):
            extra = [b["text"] for i, (b, q) in enumerate(zip(blocks, pr, strict=True))
                     if not b["v"] and q > t
                     and any(0 <= j < len(blocks) and blocks[j]["v"] for j in (i - 1, i + 1))]
            add(f"add@{t}", truth, "\n".join([p["body"], *extra]))
            drop = [line for line in p["body"].split("\n") if prob.get(squash(line), 1.0) >= 0.1]
            add(f"drop@0.1+add@{t}", truth, "\n".join([*drop, *extra]))
    return {name: summary(s) for name, s in variants.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", type=Path, default=Path("/work/base.json"))
    ap.add_argument("--types", choices=("article", "all"), default="article",
                    help="page types to train on (evaluation is on articles)")
    ap.add_argument("--trees", type=int, default=100)
    ap.add_argument("--depth", type=int, default=4)
    args = ap.parse_args()
    from sklearn.ensemble import HistGradientBoostingClassifier

    pages = build(args.base, "all")
    train = [p for p in pages if p["half"] == "A" and (args.types == "all" or p["type"] == "article")]
    x, y, names = matrix(train)
    model = HistGradientBoostingClassifier(max_iter=args.trees, max_depth=args.depth, learning_rate=0.1,
                                           random_state=0)
    model.fit(x, y)
    print(f"trained on {len(train)} half-A pages, {len(y)} blocks, {sum(y)} positive; "
          f"block accuracy on A {model.score(x, y):.4f}")
    for half in ("A", "B"):
        sel = [p for p in pages if p["half"] == half and p["type"] == "article"]
        probs = []
        for p in sel:
            xs, _, _ = matrix([p], names)
            probs.append(list(model.predict_proba(xs)[:, 1]) if len(xs) else [])
        xb, yb, _ = matrix(sel, names)
        print(f"\n== half {half}: {len(sel)} article pages; block accuracy {model.score(xb, yb):.4f}, "
              f"verdict-only accuracy {sum(xb[:, names.index('v')] == yb) / len(yb):.4f}")
        for name, line in evaluate(sel, probs).items():
            print(f"  {name:22s} {line}")


if __name__ == "__main__":
    main()
