"""Benchmark data loaders and scoring functions (definitions in /work/shared/bench/README.md).

Three sets:

* ``aeb`` -- Article Extraction Benchmark dev half: ``html/<id>.html.gz`` plus
  ``ground-truth.json``; scored with the benchmark's own 4-token shingle metric
  (ported from ``evaluate.py`` of scrapinghub/article-extraction-benchmark).
* ``zh`` -- Chinese pages, original bytes plus ``truth.jsonl``; scored with a
  bag-of-characters F1 over non-whitespace characters (and a character-bigram F1),
  averaged over pages. Pages whose truth is only ``must_include``/``must_exclude``
  snippets (``body_truth == "snippets"``) are scored by snippet hit rate instead.
* ``wcxb`` -- development split of WCXB (general web pages of seven page types):
  ``html/<id>.html.gz`` (UTF-8) plus ``ground-truth.json``; scored with WCXB's
  bag-of-words F1 (lower-cased ``\\w+`` words, F1 per page, averaged over pages), the
  ``with``/``without`` snippets, title exact, author right (every true name found)
  and date right as far as the truth gives it (year, month, day).

Every page also has a *site* (:func:`site_of`) and a *half* (:func:`half_of`, "A" or
"B" by a stable hash of the site), so rules can be developed on one half and checked
on the other; and :func:`non_person` flags predicted author names that are not people.

Everything here is pure (no extraction tool is imported), so the functions can be
imported by other scripts and checked by ``bench/metrics_selfcheck.py``.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import json
import os
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
SETS = ("aeb", "zh", "wcxb")
SET_DIRS = {"aeb": "aeb-dev", "zh": "zh-dev", "wcxb": "wcxb-dev"}
HALVES = ("A", "B")

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
    page_type: str | None = None
    """wcxb: article, service, forum, listing, product, collection, documentation."""
    domain: str | None = None
    """wcxb: the truth's ``domain``; other sets: None (see :func:`site_of`)."""

    @property
    def site(self) -> str:
        return site_of(self)

    @property
    def half(self) -> str:
        return half_of(self.site)

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


def parse_list(value: Any) -> list[str]:
    """A truth list field: a JSON list, or a stringified Python/JSON list
    (``"['a', 'b']"``), or one bare string; None/empty -> []."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and str(v).strip()]
    text = str(value).strip()
    if not text:
        return []
    if text[0] in "[(":
        for parse in (ast.literal_eval, json.loads):
            try:
                parsed = parse(text)
            except (ValueError, SyntaxError, TypeError):
                continue
            if isinstance(parsed, (list, tuple)):
                return [str(v) for v in parsed if v is not None and str(v).strip()]
    return [text]


def load_wcxb(data_dir: Path, limit: int | None = None,
              ids: Iterable[str] | None = None) -> list[Page]:
    root = Path(data_dir) / SET_DIRS["wcxb"]
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
                set="wcxb",
                id=page_id,
                url=row.get("url"),
                html=raw.decode("utf-8", errors="replace"),
                body=row.get("main_content") or "",
                title=row.get("title"),
                author=row.get("author"),
                publish_time=row.get("publish_date"),
                must_include=parse_list(row.get("with")),
                must_exclude=parse_list(row.get("without")),
                row=row,
                page_type=row.get("page_type") or "unknown",
                domain=row.get("domain"),
            )
        )
        if limit and len(pages) >= limit:
            break
    return pages


def load_set(name: str, data_dir: Path | None = None, limit: int | None = None,
             ids: Iterable[str] | None = None, half: str | None = None) -> list[Page]:
    """Pages of one set; ``half`` ("A"/"B") keeps that half only, before ``limit``."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    loaders = {"aeb": load_aeb, "zh": load_zh, "wcxb": load_wcxb}
    if name not in loaders:
        raise ValueError(f"unknown set {name!r} (expected one of {SETS})")
    if half in (None, "all"):
        return loaders[name](data_dir, limit, ids)
    pages = [p for p in loaders[name](data_dir, None, ids) if p.half == half]
    return pages[:limit] if limit else pages


# ------------------------------------------------------------------ halves by site


def host_of(url: str | None) -> str:
    """Lower-cased host of a URL without a leading ``www.``; "" when there is none."""
    if not url:
        return ""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def site_of(page: Page) -> str:
    """The page's site: wcxb its truth ``domain``; aeb/zh the host of its ``url``
    without ``www.``; a page without either by its id (a site of its own)."""
    if page.domain:
        d = page.domain.strip().lower()
        return d[4:] if d.startswith("www.") else d
    return host_of(page.url) or f"id:{page.id}"


def half_of(site: str) -> str:
    """Stable half of a site: "A" when sha1(site) is even, else "B" (no salt, no
    process-dependent hash, so every run and every machine agrees)."""
    return "A" if int(hashlib.sha1(site.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


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


# Typographic quotes against their ASCII forms: WCXB's truth titles write "We've" where
# the page (and so every tool) has "We’ve"; the quote's shape is no title error.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"'})


def title_match(truth: str | None, pred: str | None) -> bool | None:
    """Exact match after whitespace normalisation, typographic quotes read as ASCII ones;
    None when there is no truth title."""
    if not truth:
        return None
    return normalise_ws(truth).translate(_QUOTES) == normalise_ws(pred).translate(_QUOTES)


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


# ------------------------------------------------------------- wcxb metrics

_WORD_RE = re.compile(r"\w+", re.UNICODE)


def word_bag(text: str | None) -> Counter[str]:
    """WCXB: the lower-cased ``\\w+`` words of a text, as a multiset."""
    return Counter(_WORD_RE.findall((text or "").lower()))


def wcxb_scores(true: str | None, pred: str | None) -> dict[str, float]:
    """WCXB per-page P, R, F1 over bags of lower-cased words (both empty scores 1,
    an empty prediction against a truth 0, see :func:`bag_scores`)."""
    return bag_scores(word_bag(true), word_bag(pred))


def _word_seq(text: str | None) -> str:
    return " " + " ".join(_WORD_RE.findall((text or "").lower())) + " "


def wcxb_snippet_scores(pred: str | None, with_: Sequence[str],
                        without: Sequence[str]) -> dict[str, Any]:
    """``with`` snippets found in / ``without`` snippets leaked into the prediction,
    compared as lower-cased word sequences (punctuation and spacing ignored)."""
    body = _word_seq(pred)
    found = [s for s in with_ if _word_seq(s).strip() and _word_seq(s) in body]
    leaked = [s for s in without if _word_seq(s).strip() and _word_seq(s) in body]
    return {
        "include_hits": len(found),
        "include_total": len(with_),
        "exclude_leaks": len(leaked),
        "exclude_total": len(without),
        "missing": [s for s in with_ if s not in found],
        "leaked": leaked,
    }


_PARTIAL_DATE_RE = re.compile(r"^\s*(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?)?")


def date_match_parts(truth: Any, pred: Any) -> bool | None:
    """Date right as far as the truth gives it: year, month and day when the truth
    has a day (``2025-09-04``), year and month for ``2025-09``, the year for ``2025``.
    None when the truth has no date."""
    if truth is None or not str(truth).strip():
        return None
    m = _PARTIAL_DATE_RE.match(str(truth))
    if not m or not m.group(3):
        if not m:
            return date_match(truth, pred)
        want = m.group(1) + (f"-{int(m.group(2)):02d}" if m.group(2) else "")
        got = parse_day(pred)
        if got is None and pred is not None:
            # the prediction may itself be partial ("2025-09"); never complete it
            pm = _PARTIAL_DATE_RE.match(str(pred))
            if pm and (pm.group(2) or not m.group(2)):
                got = pm.group(1) + (f"-{int(pm.group(2)):02d}" if pm.group(2) else "")
        return got is not None and got[: len(want)] == want
    return date_match(truth, pred)


_NAME_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)


def split_truth_names(truth: str | None) -> list[str]:
    """The names of a truth ``author``: split on ``,`` ``;`` ``and`` ``&``."""
    return [n for n in (normalise_ws(x) for x in _NAME_SPLIT_RE.split(truth or "")) if n]


def author_right(truth: str | None, authors: Sequence[str] | None) -> bool | None:
    """WCXB: right when every name of the truth occurs, case-insensitively (spacing
    normalised), in the predicted names; None when the truth names nobody."""
    names = split_truth_names(truth)
    if not names:
        return None
    predicted = " ; ".join(normalise_ws(a) for a in authors or [] if a).casefold()
    return all(n.casefold() in predicted for n in names)


# Credentials and honorifics a truth writes with a name ("Dylan Bailey, MS, RD",
# "Rebecca Lake, CEPF®", "Dr Marna van der Merwe"): not names, so not required.
_CREDENTIAL_RE = re.compile(r"^(?:[A-Z][A-Za-z]{0,2}[A-Z]{1,4}\.?|PhD|MD|MS|RN|DO|JD|Esq\.?|[\w-]+®|[A-Z-]+ \d+)$")
_HONORIFIC_RE = re.compile(r"^(?:dr|prof|mr|mrs|ms|sir)\.?\s+", re.IGNORECASE)


_BUSINESS_WORDS = frozenset("marketing strategies consulting agency store shop bank clinic dental "
                            "solutions blog lab labs".split())


def truth_person_names(page: Page) -> list[str]:
    """The people a truth ``author`` names, or ``[]`` when it names an organisation, a
    team or the site ("Help Net Security", "The Lavazza Team", "Soliant" on soliant.com):
    credentials and honorifics dropped, and every remaining name must pass
    :func:`non_person` without the page (which would exempt the truth itself), hold no
    organisation, team or business word, and, if one word, be neither the site's label
    nor lower-case (a handle). "Rick Steves" on ricksteves.com is a person."""
    names = [_HONORIFIC_RE.sub("", n) for n in split_truth_names(page.author)
             if not _CREDENTIAL_RE.match(n.strip())]
    if not names:
        return []
    site = site_of(page)
    site_keys = {_key(site), _key(site_label(site))}
    for n in names:
        tokens = _WORD_RE.findall(n.casefold())
        if non_person(n, None) or _looks_org(n) or any(t in UI_WORDS or t in _BUSINESS_WORDS for t in tokens):
            return []
        if len(tokens) < 2 and (_key(n) in site_keys or n.islower()):  # "Soliant", "whova", a handle
            return []
    return names


def person_author_right(page: Page, authors: Sequence[str] | None) -> bool | None:
    """Author right over pages whose truth names people (:func:`truth_person_names`);
    None on the others."""
    names = truth_person_names(page)
    if not names:
        return None
    predicted = " ; ".join(normalise_ws(a) for a in authors or [] if a).casefold()
    return all(n.casefold() in predicted for n in names)


# ------------------------------------------------- author false positives

# UI and role words: a predicted "name" made only of these is not a person.
UI_WORDS = frozenset("""
admin administrator staff editor editors editorial team home login log in sign share
comments comment read more news desk newsroom contributor contributors guest author
authors writer writers reporter reporters correspondent by the and of posted published
updated written user users anonymous unknown webmaster moderator member members
subscribe follow menu search privacy policy cookie cookies
""".split())
UI_PHRASES = frozenset({"read more", "log in", "sign in", "sign up", "posted by"})
HAN_UI_WORDS = ("访问统计", "责任编辑", "文章", "编辑", "来源", "记者", "作者", "本报",
                "通讯员", "发布", "分享", "评论", "首页", "登录", "管理员", "小编")
# Words that mark an organisation, not a person.
ORG_WORDS = frozenset("""
news media press times post daily group inc ltd llc corp corporation company agency
network magazine journal tribune herald gazette radio tv television channel studio
studios association institute foundation university college office department
ministry council committee service services solutions official online digital
""".split())
HAN_ORG_WORDS = ("新闻", "日报", "网", "社", "报", "公司", "集团", "中心", "电视台")
# generic labels dropped from the end of a domain before taking its site label
_GENERIC_LABELS = frozenset("com org net gov edu mil int info biz io co ac or ne go "
                            "www m blog blogs news".split())
_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_URLISH_RE = re.compile(r"https?:|www\.|@|\b[\w-]+\.(?:com|net|org|info|io|co|cn|uk|de|fr|ru|jp)\b",
                        re.IGNORECASE)


def _key(text: str | None) -> str:
    """Case-folded letters and digits only (spaces and punctuation dropped)."""
    return "".join(_WORD_RE.findall((text or "").casefold())).replace("_", "")


def site_label(domain: str | None) -> str:
    """The distinctive label of a domain: ``prevention.com`` -> ``prevention``,
    ``news.bbc.co.uk`` -> ``bbc``, ``people.com.cn`` -> ``people``."""
    labels = [x for x in (domain or "").lower().split(".") if x]
    while len(labels) > 1 and (labels[-1] in _GENERIC_LABELS or len(labels[-1]) <= 2):
        labels.pop()
    return labels[-1] if labels else ""


def _looks_org(name: str) -> bool:
    if any(w in name for w in HAN_ORG_WORDS):
        return True
    return any(t in ORG_WORDS for t in _WORD_RE.findall(name.casefold()))


def _names_match(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    return bool(ka and kb and (ka == kb or ka in kb or kb in ka))


def non_person(name: str | None, page: Page | None = None) -> str | None:
    """Why a predicted author name is not a person, or None when it may be one.

    Conservative and deterministic. A name equal (after :func:`_key`) to the page's
    truth author or to one of its names is never flagged (personal sites: "Rick
    Steves" on ricksteves.com). Otherwise the reasons, in order:

    * ``empty``  -- no text, or one character after stripping;
    * ``digits`` -- contains a digit (dates, counters, "User123");
    * ``url``    -- an URL, ``www.``, an ``@`` (handle or e-mail) or a bare domain;
    * ``site``   -- equal (case-insensitive, spaces and punctuation ignored) to the
      page site's domain or its distinctive label (``prevention.com``/"Prevention");
    * ``title``  -- equal in the same way to the truth title of the page;
    * ``ui``     -- made only of UI/role words (:data:`UI_WORDS`: "Admin", "Editorial
      Team", "Read more", "News Desk", "Guest Contributor"), or Han text that is
      empty once the Han UI words (:data:`HAN_UI_WORDS`: 文章, 访问统计, 责任编辑,
      编辑, 来源, 记者, 作者 ...) and punctuation are removed ("记者 刘涛" stays a person);
    * ``long``   -- more than 6 words in Latin script, or more than 8 Han characters
      besides the Han UI words;
    * ``org``    -- only when the truth names a person (a truth author that itself
      passes these checks and is not org-like): a predicted name that matches none
      of the truth names (containment after :func:`_key`) and, without its Han UI
      words, looks like an organisation (:data:`ORG_WORDS` such as News, Media, Press, Times, Post, Daily,
      Group, Inc, Ltd, Agency; or :data:`HAN_ORG_WORDS` such as 新闻, 日报, 网, 社, 报).
    """
    text = normalise_ws(name)
    key = _key(text)
    if len(text) <= 1 or len(key) <= 1:
        return "empty"
    if page is not None and page.author and key in (
            {_key(page.author)} | {_key(n) for n in split_truth_names(page.author)}):
        return None
    if re.search(r"\d", text):
        return "digits"
    if _URLISH_RE.search(text):
        return "url"
    if page is not None:
        site = site_of(page)
        if not site.startswith("id:") and key in {_key(site), _key(site_label(site))}:
            return "site"
        if page.title and key == _key(page.title):
            return "title"
    low = text.casefold()
    tokens = _WORD_RE.findall(low)
    han = _HAN_RE.findall(text)
    if low in UI_PHRASES or (tokens and not han and all(t in UI_WORDS for t in tokens)):
        return "ui"
    rest = text  # the name without its Han UI words (本报记者, 作者, 编辑 ...)
    if han:
        for w in HAN_UI_WORDS:
            rest = rest.replace(w, "")
        if len(_key(rest)) == 0:
            return "ui"
    if _LATIN_RE.search(text) and not han and len(tokens) > 6:
        return "long"
    if len(_HAN_RE.findall(rest)) > 8:  # "本报记者 王乐文 方敏": the label is not counted
        return "long"
    if page is not None and page.author and _looks_org(rest):
        truth_names = split_truth_names(page.author)
        names_person = [n for n in truth_names
                        if non_person(n, None) is None and not _looks_org(n)]
        if names_person and not any(_names_match(text, n) for n in truth_names):
            return "org"
    return None


def author_fp(authors: Sequence[str] | None, page: Page | None = None) -> dict[str, Any]:
    """Author false-positive check of one record: ``record`` is None when the tool
    returned no author, else whether any name is not a person; ``names`` the flagged
    names with their reasons."""
    names = [a for a in authors or [] if a is not None]
    if not any(normalise_ws(a) for a in names):
        return {"record": None, "names": []}
    flagged = [(a, r) for a in names if (r := non_person(a, page))]
    return {"record": bool(flagged), "names": flagged}


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
