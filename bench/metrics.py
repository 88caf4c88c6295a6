"""Benchmark data loaders and scoring functions (definitions in /work/shared/bench/README.md).

Two sets:

* ``aeb`` -- Article Extraction Benchmark dev half: ``html/<id>.html.gz`` plus
  ``ground-truth.json``; scored with the benchmark's own 4-token shingle metric
  (ported from ``evaluate.py`` of scrapinghub/article-extraction-benchmark).
* ``zh`` -- Chinese pages, original bytes plus ``truth.jsonl``; scored with a
  bag-of-characters F1 over non-whitespace characters (and a character-bigram F1),
  averaged over pages. Pages whose truth is only ``must_include``/``must_exclude``
  snippets (``body_truth == "snippets"``) are scored by snippet hit rate instead.

Everything here is pure (no extraction tool is imported), so the functions can be
imported by other scripts and checked by ``bench/metrics_selfcheck.py``.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SETS = ("aeb", "zh")
SET_DIRS = {"aeb": "aeb-dev", "zh": "zh-dev"}

# Placeholder for pages whose dataset gives no URL; ``.invalid`` is reserved (RFC 2606)
# so no extractor can mistake it for a real site.
PLACEHOLDER_URL = "https://bench.invalid/{set}/{id}.html"


# --------------------------------------------------------------------------- data


@dataclass
class Page:
    """One benchmark page with its ground truth."""

    set: str
    id: str
    url: str | None
    html: str | None = None
    """aeb: the decoded HTML text (the benchmark's own runners read it as UTF-8)."""
    raw: bytes | None = None
    """zh: the original bytes, undecoded (many are GBK, not all declare it)."""
    body: str | None = None
    """Truth body; None when the truth is snippets only."""
    title: str | None = None
    author: str | None = None
    publish_time: str | None = None
    body_truth: str = "full"
    must_include: list[str] = field(default_factory=list)
    must_exclude: list[str] = field(default_factory=list)
    row: dict[str, Any] = field(default_factory=dict)
    """The whole truth row as stored (source_repo, source_license, encoding, ...)."""

    @property
    def url_or_placeholder(self) -> str:
        return self.url or PLACEHOLDER_URL.format(set=self.set, id=self.id)


def default_data_dir() -> Path:
    """``$NEWSCRAWL_BENCH_DATA`` or ``../shared/bench`` relative to the repo root."""
    env = os.environ.get("NEWSCRAWL_BENCH_DATA")
    if env:
        return Path(env)
    return (REPO_ROOT / ".." / "shared" / "bench").resolve()


def load_aeb(data_dir: Path, limit: int | None = None,
             ids: Iterable[str] | None = None) -> list[Page]:
    root = Path(data_dir) / SET_DIRS["aeb"]
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    wanted = set(ids) if ids else None
    pages = []
    for page_id in sorted(truth):
        if wanted is not None and page_id not in wanted:
            continue
        with gzip.open(root / "html" / f"{page_id}.html.gz", "rb") as fh:
            raw = fh.read()
        row = truth[page_id]
        pages.append(
            Page(
                set="aeb",
                id=page_id,
                url=row.get("url"),
                # as the benchmark's runners do (gzip.open(..., 'rt', encoding='utf8')),
                # with errors='replace' so a stray byte cannot abort the run
                html=raw.decode("utf-8", errors="replace"),
                body=row.get("articleBody") or "",
                row=row,
            )
        )
        if limit and len(pages) >= limit:
            break
    return pages


def load_zh(data_dir: Path, limit: int | None = None,
            ids: Iterable[str] | None = None) -> list[Page]:
    root = Path(data_dir) / SET_DIRS["zh"]
    wanted = set(ids) if ids else None
    pages = []
    with open(root / "truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            if wanted is not None and row["id"] not in wanted:
                continue
            snippets = row.get("body_truth") == "snippets"
            pages.append(
                Page(
                    set="zh",
                    id=row["id"],
                    url=row.get("url"),
                    raw=(root / "pages" / f"{row['id']}.html").read_bytes(),
                    body=None if snippets else (row.get("body") or ""),
                    title=row.get("title"),
                    author=row.get("author"),
                    publish_time=row.get("publish_time"),
                    body_truth="snippets" if snippets else "full",
                    must_include=list(row.get("must_include") or []),
                    must_exclude=list(row.get("must_exclude") or []),
                    row=row,
                )
            )
            if limit and len(pages) >= limit:
                break
    return pages


def load_set(name: str, data_dir: Path | None = None, limit: int | None = None,
             ids: Iterable[str] | None = None) -> list[Page]:
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    if name == "aeb":
        return load_aeb(data_dir, limit, ids)
    if name == "zh":
        return load_zh(data_dir, limit, ids)
    raise ValueError(f"unknown set {name!r} (expected one of {SETS})")


# ------------------------------------------------------------------ text helpers

_WS_RE = re.compile(r"\s+")


def normalise_ws(text: str | None) -> str:
    """Collapse whitespace runs to one space and strip."""
    return _WS_RE.sub(" ", text or "").strip()


def compact(text: str | None) -> str:
    """Remove all whitespace (the zh comparisons ignore spacing and line breaks)."""
    return _WS_RE.sub("", text or "")


# ------------------------------------------------------- aeb: shingle metric

TpFpFn = tuple[float, float, float]

# identical to evaluate.py of the benchmark
_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def tokenize(text: str | None) -> list[str]:
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a text shorter than n tokens is one shingle."""
    tokens = tokenize(text)
    result: Counter[tuple[str, ...]] = Counter()
    for i in range(0, max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i : i + n])
        if shingle:
            result[shingle] += 1
    return result


def shingle_tp_fp_fn(true: str | None, pred: str | None, n: int = 4) -> TpFpFn:
    """Per-page tp, fp, fn over shingle multisets, normalised by their sum."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    s = tp + fp + fn
    if s > 0:
        return tp / s, fp / s, fn / s
    return tp, fp, fn


def aeb_precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def aeb_recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def aeb_page_scores(true: str | None, pred: str | None) -> dict[str, float]:
    """Per-page P, R, F1 (the page's own P and R; for ``pages < 0.5`` and ``--worst``)."""
    tp, fp, fn = shingle_tp_fp_fn(true, pred)
    p, r = aeb_precision(tp, fp, fn), aeb_recall(tp, fp, fn)
    return {"tp": tp, "fp": fp, "fn": fn, "p": p, "r": r, "f1": f1(p, r)}


def aeb_aggregate(tp_fp_fns: Sequence[TpFpFn]) -> dict[str, float]:
    """Precision averaged over pages with tp+fp > 0, recall over pages with tp+fn > 0,
    F1 = 2PR/(P+R) of the two averages (the benchmark's ``metrics_from_tp_fp_fns``)."""
    ps = [aeb_precision(*x) for x in tp_fp_fns if x[0] + x[1] > 0]
    rs = [aeb_recall(*x) for x in tp_fp_fns if x[0] + x[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": f1(p, r)}


# ---------------------------------------------- zh: character bag metrics


def char_bag(text: str | None) -> Counter[str]:
    """Multiset of the non-whitespace characters of a text."""
    return Counter(compact(text))


def bigram_bag(text: str | None) -> Counter[str]:
    """Multiset of character bigrams of the text with all whitespace removed
    (so line breaking and spacing differences do not count)."""
    s = compact(text)
    return Counter(s[i : i + 2] for i in range(len(s) - 1))


def bag_scores(true: Counter[str], pred: Counter[str]) -> dict[str, float]:
    """P, R, F1 of two multisets. An empty prediction scores P=R=F1=0 against a
    non-empty truth; both empty scores 1 (nothing to find, nothing wrongly found)."""
    tp = sum((true & pred).values())
    n_pred, n_true = sum(pred.values()), sum(true.values())
    if n_pred == 0 and n_true == 0:
        return {"tp": 0, "n_pred": 0, "n_true": 0, "p": 1.0, "r": 1.0, "f1": 1.0}
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_true if n_true else 0.0
    return {"tp": tp, "n_pred": n_pred, "n_true": n_true, "p": p, "r": r, "f1": f1(p, r)}


def char_scores(true: str | None, pred: str | None) -> dict[str, float]:
    return bag_scores(char_bag(true), char_bag(pred))


def bigram_scores(true: str | None, pred: str | None) -> dict[str, float]:
    return bag_scores(bigram_bag(true), bigram_bag(pred))


def zh_aggregate(page_scores: Sequence[dict[str, float]]) -> dict[str, float]:
    """Body F1 = mean of per-page F1 (empty prediction = 0). Precision is averaged over
    pages where the tool returned text, recall over pages with a truth body (the
    averaging convention of the aeb metric), so P and R are not bound to the F1."""
    if not page_scores:
        return {"f1": 0.0, "precision": 0.0, "recall": 0.0}
    ps = [s["p"] for s in page_scores if s["n_pred"] > 0]
    rs = [s["r"] for s in page_scores if s["n_true"] > 0]
    return {
        "f1": statistics.mean(s["f1"] for s in page_scores),
        "precision": statistics.mean(ps) if ps else 0.0,
        "recall": statistics.mean(rs) if rs else 0.0,
    }


def snippet_scores(pred: str | None, must_include: Sequence[str],
                   must_exclude: Sequence[str]) -> dict[str, Any]:
    """Snippet-truth pages: which must_include strings the prediction holds and which
    must_exclude strings it (wrongly) holds; compared with whitespace removed."""
    body = compact(pred).casefold()
    inc = [s for s in must_include if compact(s).casefold() in body]
    exc = [s for s in must_exclude if compact(s).casefold() in body]
    return {
        "include_hits": len(inc),
        "include_total": len(must_include),
        "exclude_leaks": len(exc),
        "exclude_total": len(must_exclude),
        "missing": [s for s in must_include if s not in inc],
        "leaked": exc,
    }


# ------------------------------------------------------------ metadata checks


def title_match(truth: str | None, pred: str | None) -> bool | None:
    """Exact match after whitespace normalisation; None when there is no truth title."""
    if not truth:
        return None
    return normalise_ws(truth) == normalise_ws(pred)


_DAY_RES = (
    # 2024-05-09, 2024/5/9, 2024.05.09, 2024年5月9日, 2024-05-09T..., 2005-1-2 12:00
    re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)"),
    # 20240509 (compact, only when nothing else matched)
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"),
)


def parse_day(value: Any) -> str | None:
    """Lenient date -> ``YYYY-MM-DD`` (the day as written, no time-zone shift), or None.

    Accepts ISO 8601 strings, ``date``/``datetime`` objects, Chinese dates
    (2005年3月11日), slashes/dots, and as a last resort dateutil's fuzzy parser."""
    if value is None:
        return None
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    text = str(value).strip()
    if not text:
        return None
    for regex in _DAY_RES:
        for m in regex.finditer(text):
            y, mo, d = (int(g) for g in m.groups())
            if 1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    if not re.search(r"\d{4}", text):
        return None  # no year: do not let a fuzzy parser invent one
    try:
        from dateutil import parser as du_parser

        dt = du_parser.parse(text, fuzzy=True)
    except (ValueError, OverflowError, ImportError):
        return None
    return f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}"


def date_match(truth: Any, pred: Any) -> bool | None:
    """Same calendar day; None when the truth has no parseable date."""
    t = parse_day(truth)
    if t is None:
        return None
    return parse_day(pred) == t


def author_hit(truth: str | None, authors: Sequence[str] | None) -> bool | None:
    """Hit if any extracted author equals, contains or is contained in the truth author
    (whitespace removed, case-folded); None when the truth has no author."""
    t = compact(truth).casefold()
    if not t:
        return None
    for a in authors or []:
        a = compact(a).casefold()
        if a and (a == t or a in t or t in a):
            return True
    return False


# ------------------------------------------------------------------ statistics


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolation percentile (q in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    xs = sorted(values)
    if len(xs) == 1:
        return xs[0]
    k = (len(xs) - 1) * q / 100.0
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)
