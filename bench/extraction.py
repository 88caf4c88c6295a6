"""Article extraction benchmark: newscrawl vs trafilatura vs readability-lxml.

Run by hand from the repo root::

    .venv/bin/python bench/extraction.py [--set aeb|zh|wcxb|all] [--half A|B|all]
        [--limit N] [--repeat N] [--tools newscrawl,trafilatura,readability]
        [--json out.json] [--data DIR] [--worst N] [--page ID]
        [--peer-decoding detect|w3lib] [--no-classifier]

    .venv/bin/python bench/compare.py before.json after.json   # page-by-page diff

Data: ``--data DIR``, else ``$NEWSCRAWL_BENCH_DATA``, else ``../shared/bench``
relative to the repo root (``aeb-dev/``, ``zh-dev/`` and ``wcxb-dev/`` below it).
Metric definitions are in that directory's README.md and implemented in
bench/metrics.py. ``--set all`` runs the three sets.

Every set is split in two halves by site (``metrics.half_of``: sha1 of the page's
domain, even -> A, odd -> B; wcxb by its ``domain``, aeb/zh by the URL host without
``www.``). Each set prints one table with a row per tool and half (A, B, all):
body F1/P/R, pages < 0.5, title exact, date, author, author false positives (share
of records with any author that carry a name that is not a person,
``metrics.non_person``), median and p95 CPU ms per page, slowest page / median, and
crashes. On wcxb the headline row is over the ``article`` pages; further tables give
body F1 per page type, the ``with``/``without`` snippets, and "article or not": the
share of each page type that the spider's ``is_article_page`` (with
NEWSCRAWL_MIN_ARTICLE_CHARS) takes as an article, timed apart from the extraction
(``--no-classifier`` skips it). ``--half A`` runs half A only (develop on A, confirm
on B). ``--json`` writes the summaries and per-page results (site, half, page type,
scores, author FP flags, prediction) for bench/compare.py.

All tools run in the same process, page by page, each timed with
``time.process_time()`` around its own call (one untimed warm-up call per tool
first, and dateparser's locales loaded once before, see warm_shared_date_parser;
with ``--repeat N`` the sets run N times over and each page keeps its least time).
Peers get decoded text: zh bytes are decoded before the timer starts,
newscrawl gets the bytes and its time includes its own decoding.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import metrics as M  # noqa: E402
from bench.tools import (  # noqa: E402
    CAPABILITIES,
    DEFAULT_PEER_DECODING,
    PEER_DECODINGS,
    TOOLS,
    Prediction,
    Runner,
    ToolUnavailable,
    make_runner,
)

LOW_F1 = 0.5


# ------------------------------------------------------------------- scoring


def score_page(page: M.Page, pred: Prediction) -> dict[str, Any]:
    """All per-page scores of one prediction (with the page's site, half, type)."""
    s: dict[str, Any] = {"id": page.id, "cpu_ms": pred.cpu_ms, "error": pred.error,
                         "site": page.site, "half": page.half, "page_type": page.page_type}
    caps = CAPABILITIES.get(pred.tool, set())
    if page.set == "aeb":
        s["body"] = M.aeb_page_scores(page.body, pred.body)
        s["tp_fp_fn"] = M.shingle_tp_fp_fn(page.body, pred.body)
    elif page.set == "wcxb":
        s["body"] = M.wcxb_scores(page.body, pred.body)
        s["snippets"] = M.wcxb_snippet_scores(pred.body, page.must_include, page.must_exclude)
    elif page.body_truth == "snippets":
        s["snippets"] = M.snippet_scores(pred.body, page.must_include, page.must_exclude)
    else:
        s["body"] = M.char_scores(page.body, pred.body)
        s["bigram"] = M.bigram_scores(page.body, pred.body)
    s["title"] = M.title_match(page.title, pred.title) if "title" in caps else None
    if page.set == "wcxb":
        s["date"] = M.date_match_parts(page.publish_time, pred.published) if "date" in caps else None
        s["author"] = M.author_right(page.author, pred.authors) if "author" in caps else None
        s["author_person"] = M.person_author_right(page, pred.authors) if "author" in caps else None
    else:
        s["date"] = M.date_match(page.publish_time, pred.published) if "date" in caps else None
        s["author"] = M.author_hit(page.author, pred.authors) if "author" in caps else None
    fp = M.author_fp(pred.authors, page) if "author" in caps else {"record": None, "names": []}
    s["author_fp"] = fp["record"]
    s["author_fp_names"] = fp["names"]
    # A miss whose truth "author" is the name our record keeps as `editor` (the page's
    # 责任编辑; design.md keeps editors out of `authors`): counted apart, never as a hit.
    s["author_is_editor"] = bool(s["author"] is False and pred.editor
                                 and M.author_hit(page.author, re.split(r"[、,，;；/\s]+", pred.editor)))
    return s


def _rate(values: list[bool | None]) -> dict[str, Any]:
    known = [v for v in values if v is not None]
    return {"hits": sum(1 for v in known if v), "n": len(known)}


def _snippet_totals(snip: list[dict[str, Any]]) -> dict[str, int]:
    return {
        "pages": len(snip),
        "include_hits": sum(x["include_hits"] for x in snip),
        "include_total": sum(x["include_total"] for x in snip),
        "exclude_leaks": sum(x["exclude_leaks"] for x in snip),
        "exclude_total": sum(x["exclude_total"] for x in snip),
    }


def summarise(set_name: str, scores: list[dict[str, Any]]) -> dict[str, Any]:
    full = [s for s in scores if "body" in s]
    if set_name == "aeb":
        agg = M.aeb_aggregate([s["tp_fp_fn"] for s in full])
    else:
        agg = M.zh_aggregate([s["body"] for s in full])
        if set_name == "zh":
            agg["bigram_f1"] = statistics.mean(s["bigram"]["f1"] for s in full) if full else 0.0
        agg["snippets"] = _snippet_totals([s["snippets"] for s in scores if "snippets" in s])
    ms = [s["cpu_ms"] for s in scores]
    median = statistics.median(ms) if ms else float("nan")
    slowest = max(((s["cpu_ms"], s["id"]) for s in scores), default=(float("nan"), ""))
    agg.update(
        {
            "pages": len(scores),
            "pages_full": len(full),
            "low_f1": sum(1 for s in full if s["body"]["f1"] < LOW_F1),
            "title": _rate([s["title"] for s in scores]),
            "date": _rate([s["date"] for s in scores]),
            "author": _rate([s["author"] for s in scores]),
            "author_fp": _rate([s.get("author_fp") for s in scores]),
            "author_person": _rate([s.get("author_person") for s in scores]),
            "author_is_editor": sorted(s["id"] for s in scores if s.get("author_is_editor")),
            "median_ms": median,
            "p95_ms": M.percentile(ms, 95),
            "slowest": slowest,
            "slowest_over_median": slowest[0] / median if median and median == median else float("nan"),
            "crashes": sum(1 for s in scores if s["error"]),
            "errors": [(s["id"], s["error"]) for s in scores if s["error"]],
        }
    )
    return agg


def halves_of(scores: list[dict[str, Any]], half: str) -> dict[str, list[dict[str, Any]]]:
    """The scores of half A, half B and all (or of the one half run with --half)."""
    if half in M.HALVES:
        return {half: [s for s in scores if s["half"] == half]}
    return {"A": [s for s in scores if s["half"] == "A"],
            "B": [s for s in scores if s["half"] == "B"],
            "all": list(scores)}


def headline(set_name: str, scores: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pages the headline numbers are over: wcxb articles, all pages elsewhere."""
    if set_name == "wcxb":
        return [s for s in scores if s["page_type"] == "article"]
    return scores


# ------------------------------------------------------------------- output


def _fmt_rate(rate: dict[str, Any], capable: bool = True) -> str:
    if not capable or rate["n"] == 0:
        return "n/a"
    return f"{100 * rate['hits'] / rate['n']:.0f}% ({rate['hits']}/{rate['n']})"


def _print_md(head: list[str], rows: list[list[Any]]) -> None:
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: list[Any]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))


SET_TITLES = {"aeb": "aeb-dev", "zh": "zh-dev", "wcxb": "wcxb-dev"}


def print_table(set_name: str, summaries: dict[str, dict[str, dict[str, Any]]],
                n_pages: int, site_counts: dict[str, tuple[int, int]]) -> None:
    """One table per set: a row per tool and half. ``summaries[tool][half]``."""
    metric = {"aeb": "4-shingle F1", "zh": "char F1", "wcxb": "word F1"}[set_name]
    head = ["tool", "half", "pages", f"body {metric}", "precision", "recall", f"pages<{LOW_F1}",
            "title exact", "date right" if set_name == "wcxb" else "date day-match",
            "author right" if set_name == "wcxb" else "author hit", "author FP",
            *(["author right (person truths)"] if set_name == "wcxb" else []),
            "median ms", "p95 ms", "slowest / median", "crashes"]
    rows = []
    for tool, by_half in summaries.items():
        caps = CAPABILITIES.get(tool, set())
        for half, a in by_half.items():
            rows.append([
                tool, half, a["pages"],
                f"{a['f1']:.3f}", f"{a['precision']:.3f}", f"{a['recall']:.3f}",
                f"{a['low_f1']}/{a['pages_full']}",
                _fmt_rate(a["title"], "title" in caps),
                _fmt_rate(a["date"], "date" in caps),
                _fmt_rate(a["author"], "author" in caps),
                _fmt_rate(a["author_fp"], "author" in caps),
                *([_fmt_rate(a["author_person"], "author" in caps)] if set_name == "wcxb" else []),
                f"{a['median_ms']:.1f}", f"{a['p95_ms']:.1f}",
                f"{a['slowest_over_median']:.1f}x ({a['slowest'][1][:8]})",
                a["crashes"],
            ])
    sites = ", ".join(f"{h} {p} pages / {n} sites" for h, (p, n) in site_counts.items())
    scope = " (headline numbers over `article` pages)" if set_name == "wcxb" else ""
    print(f"\n## {SET_TITLES[set_name]}: {n_pages} pages{scope}; {sites}")
    _print_md(head, rows)


def print_extra_tables(set_name: str, per_half_all: dict[str, dict[str, list[dict[str, Any]]]],
                       summaries: dict[str, dict[str, dict[str, Any]]]) -> None:
    """zh: bigram F1 and snippet pages; wcxb: body F1 per page type and snippets.
    ``per_half_all[tool][half]`` = all scores of that half (every page type)."""
    if set_name == "zh":
        print()
        rows = []
        for tool, by_half in summaries.items():
            for half, a in by_half.items():
                sn = a["snippets"]
                rows.append([tool, half, f"{a['bigram_f1']:.3f}",
                             f"{sn['include_hits']}/{sn['include_total']} ({sn['pages']} pages)",
                             f"{sn['exclude_leaks']}/{sn['exclude_total']}"])
        _print_md(["tool", "half", "char-bigram F1", "snippet pages: must_include found",
                   "must_exclude leaked"], rows)
    if set_name != "wcxb":
        return
    types = sorted({s["page_type"] for by_half in per_half_all.values()
                    for scores in by_half.values() for s in scores},
                   key=lambda t: (t != "article", t))
    print(f"\n### {SET_TITLES[set_name]}: body word F1 per page type (pages<{LOW_F1} in brackets)")
    rows = []
    for tool, by_half in per_half_all.items():
        for half, scores in by_half.items():
            row: list[Any] = [tool, half]
            for t in types:
                xs = [s["body"]["f1"] for s in scores if s["page_type"] == t]
                low = sum(1 for x in xs if x < LOW_F1)
                row.append(f"{statistics.mean(xs):.3f} ({low}/{len(xs)})" if xs else "n/a")
            xs = [s["body"]["f1"] for s in scores]
            row.append(f"{statistics.mean(xs):.3f}" if xs else "n/a")
            row.append(sum(1 for s in scores if s["error"]))
            rows.append(row)
    _print_md(["tool", "half", *types, "all types", "crashes (all types)"], rows)
    print(f"\n### {SET_TITLES[set_name]}: snippets (`with` found / `without` leaked)")
    rows = []
    for tool, by_half in per_half_all.items():
        for half, scores in by_half.items():
            art = _snippet_totals([s["snippets"] for s in scores if s["page_type"] == "article"])
            alls = _snippet_totals([s["snippets"] for s in scores])
            rows.append([tool, half,
                         f"{art['include_hits']}/{art['include_total']}",
                         f"{art['exclude_leaks']}/{art['exclude_total']}",
                         f"{alls['include_hits']}/{alls['include_total']}",
                         f"{alls['exclude_leaks']}/{alls['exclude_total']}"])
    _print_md(["tool", "half", "articles: with found", "articles: without leaked",
               "all types: with found", "all types: without leaked"], rows)


def print_table_notes(summaries: dict[str, dict[str, dict[str, Any]]]) -> None:
    for tool, by_half in summaries.items():
        a = by_half.get("all") or next(iter(by_half.values()))
        if a.get("author_is_editor"):
            misses = a["author"]["n"] - a["author"]["hits"]
            print(f"note: {tool} author misses {misses}; on {len(a['author_is_editor'])} of them "
                  f"({', '.join(a['author_is_editor'])}) the truth names the page's responsible editor, "
                  "which the record holds in `editor`, not `authors`.")
    for tool, by_half in summaries.items():
        a = by_half.get("all") or next(iter(by_half.values()))
        if a["errors"]:
            ids = ", ".join(i for i, _ in a["errors"][:10])
            print(f"note: {tool} raised on {len(a['errors'])} page(s) (scored as empty): {ids}")
            print(f"      first error: {a['errors'][0][1]}")


def print_notes(set_name: str, peer_decoding: str, encodings: dict[str, int]) -> None:
    if set_name == "aeb":
        print("notes: body F1 = 2PR/(P+R) of P averaged over pages with tp+fp>0 and R over pages "
              "with tp+fn>0 (shingle counts normalised per page); pages<0.5 uses each page's "
              "own F1. "
              "No title/date/author truth in aeb: n/a. HTML decoded as UTF-8 (errors='replace') "
              "for every tool.")
        return
    if set_name == "wcxb":
        print("notes: headline row numbers are over `article` pages (timing included); body word "
              "F1 = mean of per-page F1 over bags of lower-cased \\w+ words, precision averaged "
              "over pages with a prediction, recall over pages with a truth. Title exact after "
              "whitespace normalisation. Date right = year, month and day as far as the truth gives "
              "them. Author right = every truth name (split on , ; and &) occurs, case-insensitively, "
              "in the predicted names. Author FP = share of records with any author that carry a "
              "name that is not a person (metrics.non_person). HTML decoded as UTF-8 for every tool.")
        return
    enc = ", ".join(f"{k} {v}" for k, v in sorted(encodings.items()))
    print("notes: body char F1 = mean of per-page F1 over non-whitespace characters (bag of "
          "characters); precision averaged over pages with a prediction, recall over pages with a "
          "truth; snippet-truth pages are excluded from it and scored above. Title: truth `title` "
          "only (`title_html` ignored). Date: `publish_time` pages whose value parses as a date. "
          "Author: hit = equal/contains/contained after whitespace removal. Author FP = share of "
          "records with any author that carry a name that is not a person (metrics.non_person).")
    how = (
        "w3lib html_to_unicode(None, bytes)"
        if peer_decoding == "w3lib"
        else "valid UTF-8 -> UTF-8, else w3lib html_to_unicode(None, bytes) with "
        "charset-normalizer for undeclared pages"
    )
    print(f"       newscrawl gets the page BYTES and its time includes its own encoding detection; "
          f"peers get text decoded outside the timer with --peer-decoding={peer_decoding} "
          f"({how}); peer decodings used: {enc}.")


def print_worst(set_name: str, per_tool: dict[str, list[dict[str, Any]]], n: int) -> None:
    for tool, scores in per_tool.items():
        full = sorted((s for s in scores if "body" in s), key=lambda s: s["body"]["f1"])
        print(f"\n### {set_name}: {n} worst pages for {tool}")
        print(f"{'id':<20} {'F1':>6} {'P':>6} {'R':>6}  ms")
        for s in full[:n]:
            b = s["body"]
            err = f"  ERROR {s['error']}" if s["error"] else ""
            print(f"{s['id'][:20]:<20} {b['f1']:6.3f} {b['p']:6.3f} {b['r']:6.3f}  "
                  f"{s['cpu_ms']:.1f}{err}")
        for s in scores:
            if "snippets" in s and (s["snippets"]["missing"] or s["snippets"]["leaked"]):
                sn = s["snippets"]
                print(f"{s['id']:<20} snippets: missing {sn['missing']} leaked {sn['leaked']}")


def _mark_lines(text: str, reference: str, zh: bool) -> list[tuple[bool, str]]:
    ref = M.compact(reference) if zh else M.normalise_ws(reference)
    out = []
    for line in (text or "").split("\n"):
        if not line.strip():
            continue
        key = M.compact(line) if zh else M.normalise_ws(line)
        out.append((key in ref, line))
    return out


def print_page(page: M.Page, preds: dict[str, Prediction],
               scores: dict[str, dict[str, Any]]) -> None:
    zh = page.set == "zh"
    print(f"\n===== {page.set} page {page.id}  url={page.url}")
    for k in ("title", "author", "publish_time", "publish_date", "page_type", "domain",
              "body_truth", "encoding", "source_repo", "truth_origin", "notes"):
        if k in page.row:
            print(f"truth {k}: {page.row[k]}")
    if page.body_truth == "snippets":
        print(f"truth must_include: {page.must_include}\ntruth must_exclude: {page.must_exclude}")
    else:
        if page.set == "wcxb":
            print(f"truth with: {page.must_include}\ntruth without: {page.must_exclude}")
        print("----- truth body")
        print(page.body)
    for tool, pred in preds.items():
        s = scores[tool]
        print(f"\n----- {tool}: ms={pred.cpu_ms:.1f} encoding={pred.encoding} error={pred.error}")
        print(f"title: {pred.title!r} -> {s['title']}")
        print(f"published: {pred.published!r} -> {s['date']}")
        print(f"authors: {pred.authors!r} -> {s['author']}"
              + (f" (not a person: {s['author_fp_names']})" if s.get("author_fp") else ""))
        if pred.editor:
            print(f"editor: {pred.editor!r}")
        if "body" in s:
            b = s["body"]
            print(f"body: F1={b['f1']:.3f} P={b['p']:.3f} R={b['r']:.3f}"
                  + (f" bigram F1={s['bigram']['f1']:.3f}" if "bigram" in s else ""))
        if "snippets" in s:
            print(f"snippets: {s['snippets']}")
        print("(lines: '  ' in truth, '+ ' not in truth)")
        for ok, line in _mark_lines(pred.body, page.body or "", zh):
            print(("  " if ok else "+ ") + line)
        if page.body:
            missing = [ln for ok, ln in _mark_lines(page.body, pred.body, zh) if not ok]
            if missing:
                print("(truth lines not found whole in the prediction: '- ')")
                for line in missing:
                    print("- " + line)


# ---------------------------------------------------------------------- main


def build_runners(names: list[str], peer_decoding: str) -> dict[str, Runner]:
    runners = {}
    for name in names:
        try:
            runners[name] = make_runner(name, peer_decoding)
        except ToolUnavailable as exc:
            print(f"note: skipping {name}: {exc}", file=sys.stderr)
    return runners


def _load_classifier() -> tuple[Any, int] | None:
    """The spider's ``is_article_page`` and NEWSCRAWL_MIN_ARTICLE_CHARS (200 if unset),
    or None when newscrawl cannot be imported."""
    if str(M.REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(M.REPO_ROOT))
    try:
        from newscrawl.spiders.pages import is_article_page
    except Exception as exc:  # noqa: BLE001 - the bench must run while newscrawl is broken
        print(f"note: article classifier not importable ({type(exc).__name__}: {exc})",
              file=sys.stderr)
        return None
    try:
        from newscrawl import settings as nc_settings

        min_chars = int(getattr(nc_settings, "NEWSCRAWL_MIN_ARTICLE_CHARS", 200))
    except Exception:  # noqa: BLE001
        min_chars = 200
    return is_article_page, min_chars


def classify_pages(pages: list[M.Page]) -> list[dict[str, Any]]:
    """Run the spider's article classifier on every page (timed apart from the
    extraction timers; the Selector is built outside the timer)."""
    loaded = _load_classifier()
    if loaded is None:
        return []
    from parsel import Selector

    is_article_page, min_chars = loaded
    out = []
    for page in pages:
        rec: dict[str, Any] = {"id": page.id, "page_type": page.page_type, "half": page.half,
                               "site": page.site, "min_chars": min_chars}
        try:
            sel = Selector(text=page.html or "")
            t0 = time.process_time()
            rec["is_article"] = bool(is_article_page(sel, page.url_or_placeholder, min_chars))
            rec["cpu_ms"] = (time.process_time() - t0) * 1000
            rec["error"] = None
        except Exception as exc:  # noqa: BLE001
            rec.update({"is_article": None, "cpu_ms": None,
                        "error": f"{type(exc).__name__}: {exc}"[:300]})
        out.append(rec)
    return out


def print_classifier(set_name: str, recs: list[dict[str, Any]], half: str) -> None:
    if not recs:
        return
    types = sorted({r["page_type"] for r in recs}, key=lambda t: (t != "article", t))
    print(f"\n### {SET_TITLES[set_name]}: article or not -- share of pages the spider's "
          f"is_article_page(min_chars={recs[0]['min_chars']}) takes as an article")
    rows = []
    for h, sub in halves_of(recs, half).items():
        row: list[Any] = [h]
        for t in types:
            xs = [r["is_article"] for r in sub if r["page_type"] == t and r["is_article"] is not None]
            row.append(_fmt_rate({"hits": sum(xs), "n": len(xs)}))
        others = [r["is_article"] for r in sub if r["page_type"] != "article"
                  and r["is_article"] is not None]
        row.append(_fmt_rate({"hits": sum(others), "n": len(others)}))
        row.append(sum(1 for r in sub if r["error"]))
        rows.append(row)
    _print_md(["half", *[f"{t}" for t in types], "all non-article", "errors"], rows)
    ms = [r["cpu_ms"] for r in recs if r["cpu_ms"] is not None]
    if ms:
        print(f"(articles should be high, other types low; classifier CPU median "
              f"{statistics.median(ms):.1f} ms, p95 {M.percentile(ms, 95):.1f} ms per page, "
              "timed apart from the extraction)")
    errs = [r for r in recs if r["error"]]
    if errs:
        print(f"note: the classifier raised on {len(errs)} page(s): "
              f"{', '.join(r['id'] for r in errs[:10])}; first error: {errs[0]['error']}")


def warm_shared_date_parser() -> None:
    """Load dateparser's locales before any page is timed. htmldate (run by newscrawl
    and by trafilatura alike) falls back to dateparser over every locale, and the first
    such calls in a process load them all (one for Latin, one for CJK text): about 2 s
    of CPU once per process, which would land on whichever tool meets the first such
    page (newscrawl runs first, so trafilatura never paid it)."""
    try:
        from htmldate.extractors import get_external_parser
    except ImportError:  # an htmldate without the hook: nothing to warm
        return
    for text in ("12 maart 2024", "发布时间 2024年3月12日 10:00"):  # Latin and CJK paths of its locale scan
        get_external_parser().get_date_data(text)


def run_set(set_name: str, args: argparse.Namespace, runners: dict[str, Runner]) -> dict[str, Any]:
    ids = [args.page] if args.page else None
    pages = M.load_set(set_name, args.data, None if args.page else args.limit, ids,
                       half=None if args.page else args.half)
    if not pages:
        return {}
    warm_shared_date_parser()
    for r in runners.values():
        r.warm_up(pages[0])
    preds: dict[str, list[Prediction]] = {t: [] for t in runners}
    scores: dict[str, list[dict[str, Any]]] = {t: [] for t in runners}
    encodings: dict[str, int] = {}
    for page in pages:
        for tool, runner in runners.items():
            pred = runner.run(page)
            preds[tool].append(pred)
        if page.set == "zh":
            peer = next((p[-1] for t, p in preds.items() if t != "newscrawl"), None)
            if peer is not None and peer.encoding:
                encodings[peer.encoding] = encodings.get(peer.encoding, 0) + 1
    # One call's CPU time swings 20-40% on a shared VM, in spells of seconds or minutes;
    # with --repeat, the whole set runs N times over and each page keeps the least time
    # of its N calls (as timeit reports), alike for every tool.
    for _ in range(args.repeat - 1):
        for i, page in enumerate(pages):
            for tool, runner in runners.items():
                preds[tool][i].cpu_ms = min(preds[tool][i].cpu_ms, runner.run(page).cpu_ms)
    for tool in runners:
        scores[tool] = [score_page(page, pred) for page, pred in zip(pages, preds[tool], strict=True)]
    if args.page:
        print_page(pages[0], {t: p[0] for t, p in preds.items()},
                   {t: s[0] for t, s in scores.items()})
    half = "all" if args.page else args.half
    # summaries[tool][half]: headline pages (wcxb: articles) of half A, half B, all
    per_half = {tool: halves_of(s, half) for tool, s in scores.items()}
    summaries = {tool: {h: summarise(set_name, headline(set_name, sub)) for h, sub in hs.items()}
                 for tool, hs in per_half.items()}
    site_counts = {h: (len(sub), len({s["site"] for s in sub}))
                   for h, sub in halves_of(next(iter(scores.values())), half).items()}
    print_table(set_name, summaries, len(pages), site_counts)
    print_extra_tables(set_name, per_half, summaries)
    classifier = classify_pages(pages) if set_name == "wcxb" and not args.no_classifier else []
    print_classifier(set_name, classifier, half)
    if set_name == "wcxb":  # crash notes over every page type, not the articles only
        print_table_notes({t: {"all": summarise(set_name, s)} for t, s in scores.items()})
    else:
        print_table_notes(summaries)
    print_notes(set_name, args.peer_decoding, encodings)
    if args.worst:
        print_worst(set_name, scores, args.worst)
    return {
        "pages": len(pages),
        "half": half,
        "peer_decoding": args.peer_decoding if set_name == "zh" else "utf-8",
        "article_classifier": classifier,
        "tools": {
            tool: {
                "summary": summaries[tool].get("all") or next(iter(summaries[tool].values())),
                "summary_by_half": summaries[tool],
                "pages": [
                    {**{k: v for k, v in s.items() if k != "tp_fp_fn"}, "prediction": p.as_dict()}
                    for s, p in zip(scores[tool], preds[tool], strict=True)
                ],
            }
            for tool in runners
        },
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=[*M.SETS, "all"], default="all",
                    help="aeb, zh, wcxb or all three (default all)")
    ap.add_argument("--half", choices=[*M.HALVES, "all"], default="all",
                    help="run only the pages of half A or B (split by a hash of the site); "
                    "default all, printing A, B and all")
    ap.add_argument("--no-classifier", action="store_true",
                    help="skip the spider's article-or-not check on wcxb")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="run every tool N times per page and keep the least CPU time (default 1)")
    ap.add_argument("--limit", type=int, default=None,
                    help="first N pages of each set (of the chosen half with --half)")
    ap.add_argument("--tools", default=",".join(TOOLS),
                    help=f"comma-separated subset of {','.join(TOOLS)}")
    ap.add_argument("--json", type=Path, default=None, help="write summaries and per-page results")
    ap.add_argument("--data", type=Path, default=None,
                    help="benchmark data dir (default $NEWSCRAWL_BENCH_DATA or ../shared/bench)")
    ap.add_argument("--worst", type=int, default=0, metavar="N",
                    help="print the N worst pages per tool")
    ap.add_argument("--page", default=None, metavar="ID",
                    help="show truth vs predictions for one page")
    ap.add_argument("--peer-decoding", choices=PEER_DECODINGS, default=DEFAULT_PEER_DECODING,
                    help="how zh bytes are decoded for the peer tools (default %(default)s)")
    args = ap.parse_args(argv)
    args.data = args.data or M.default_data_dir()
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    names = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in names if t not in TOOLS]
    if unknown:
        print(f"unknown tool(s): {unknown}; expected {TOOLS}", file=sys.stderr)
        return 2
    if not Path(args.data).is_dir():
        print(f"benchmark data not found at {args.data} (use --data or NEWSCRAWL_BENCH_DATA)",
              file=sys.stderr)
        return 2
    runners = build_runners(names, args.peer_decoding)
    if not runners:
        print("no tool available", file=sys.stderr)
        return 1
    sets = list(M.SETS) if args.set == "all" else [args.set]
    if args.page:  # find which set holds the page
        sets = [s for s in sets if M.load_set(s, args.data, ids=[args.page])] or sets
    results = {}
    for set_name in sets:
        results[set_name] = run_set(set_name, args, runners)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str),
                             encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
