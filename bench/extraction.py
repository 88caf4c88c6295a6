"""Article extraction benchmark: newscrawl vs trafilatura vs readability-lxml.

Run by hand from the repo root::

    .venv/bin/python bench/extraction.py [--set aeb|zh|all] [--limit N] [--repeat N]
        [--tools newscrawl,trafilatura,readability] [--json out.json]
        [--data DIR] [--worst N] [--page ID] [--peer-decoding detect|w3lib]

Data: ``--data DIR``, else ``$NEWSCRAWL_BENCH_DATA``, else ``../shared/bench``
relative to the repo root (``aeb-dev/`` and ``zh-dev/`` below it). Metric
definitions are in that directory's README.md and implemented in bench/metrics.py.

All tools run in the same process, page by page, each timed with
``time.process_time()`` around its own call (one untimed warm-up call per tool
first; with ``--repeat N`` the sets run N times over and each page keeps its least
time). Peers get decoded text: zh bytes are decoded before the timer starts,
newscrawl gets the bytes and its time includes its own decoding.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
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
    """All per-page scores of one prediction."""
    s: dict[str, Any] = {"id": page.id, "cpu_ms": pred.cpu_ms, "error": pred.error}
    if page.set == "aeb":
        s["body"] = M.aeb_page_scores(page.body, pred.body)
        s["tp_fp_fn"] = M.shingle_tp_fp_fn(page.body, pred.body)
    elif page.body_truth == "snippets":
        s["snippets"] = M.snippet_scores(pred.body, page.must_include, page.must_exclude)
    else:
        s["body"] = M.char_scores(page.body, pred.body)
        s["bigram"] = M.bigram_scores(page.body, pred.body)
    caps = CAPABILITIES.get(pred.tool, set())
    s["title"] = M.title_match(page.title, pred.title) if "title" in caps else None
    s["date"] = M.date_match(page.publish_time, pred.published) if "date" in caps else None
    s["author"] = M.author_hit(page.author, pred.authors) if "author" in caps else None
    # A miss whose truth "author" is the name our record keeps as `editor` (the page's
    # 责任编辑; design.md keeps editors out of `authors`): counted apart, never as a hit.
    s["author_is_editor"] = bool(s["author"] is False and pred.editor
                                 and M.author_hit(page.author, re.split(r"[、,，;；/\s]+", pred.editor)))
    return s


def _rate(values: list[bool | None]) -> dict[str, Any]:
    known = [v for v in values if v is not None]
    return {"hits": sum(1 for v in known if v), "n": len(known)}


def summarise(set_name: str, scores: list[dict[str, Any]]) -> dict[str, Any]:
    full = [s for s in scores if "body" in s]
    if set_name == "aeb":
        agg = M.aeb_aggregate([s["tp_fp_fn"] for s in full])
    else:
        agg = M.zh_aggregate([s["body"] for s in full])
        agg["bigram_f1"] = statistics.mean(s["bigram"]["f1"] for s in full) if full else 0.0
        snip = [s["snippets"] for s in scores if "snippets" in s]
        agg["snippets"] = {
            "pages": len(snip),
            "include_hits": sum(x["include_hits"] for x in snip),
            "include_total": sum(x["include_total"] for x in snip),
            "exclude_leaks": sum(x["exclude_leaks"] for x in snip),
            "exclude_total": sum(x["exclude_total"] for x in snip),
        }
    ms = [s["cpu_ms"] for s in scores]
    agg.update(
        {
            "pages": len(scores),
            "pages_full": len(full),
            "low_f1": sum(1 for s in full if s["body"]["f1"] < LOW_F1),
            "title": _rate([s["title"] for s in scores]),
            "date": _rate([s["date"] for s in scores]),
            "author": _rate([s["author"] for s in scores]),
            "author_is_editor": sorted(s["id"] for s in scores if s.get("author_is_editor")),
            "median_ms": statistics.median(ms) if ms else float("nan"),
            "p95_ms": M.percentile(ms, 95),
            "slowest": max(((s["cpu_ms"], s["id"]) for s in scores), default=(float("nan"), "")),
            "errors": [(s["id"], s["error"]) for s in scores if s["error"]],
        }
    )
    return agg


# ------------------------------------------------------------------- output


def _fmt_rate(rate: dict[str, Any], capable: bool) -> str:
    if not capable or rate["n"] == 0:
        return "n/a"
    return f"{100 * rate['hits'] / rate['n']:.0f}% ({rate['hits']}/{rate['n']})"


def print_table(set_name: str, summaries: dict[str, dict[str, Any]], n_pages: int) -> None:
    metric = "4-shingle F1" if set_name == "aeb" else "char F1"
    head = ["tool", f"body {metric}", "precision", "recall", f"pages<{LOW_F1}",
            "title exact", "date day-match", "author hit", "median ms", "p95 ms", "slowest / median"]
    rows = []
    for tool, a in summaries.items():
        caps = CAPABILITIES.get(tool, set())
        rows.append([
            tool,
            f"{a['f1']:.3f}",
            f"{a['precision']:.3f}",
            f"{a['recall']:.3f}",
            f"{a['low_f1']}/{a['pages_full']}",
            _fmt_rate(a["title"], "title" in caps),
            _fmt_rate(a["date"], "date" in caps),
            _fmt_rate(a["author"], "author" in caps),
            f"{a['median_ms']:.1f}",
            f"{a['p95_ms']:.1f}",
            f"{a['slowest'][0] / a['median_ms']:.1f}x ({a['slowest'][1][:8]})",
        ])
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    title = {"aeb": "aeb-dev", "zh": "zh-dev"}[set_name]
    print(f"\n## {title}: {n_pages} pages")
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    if set_name == "zh":
        print()
        print("| tool | char-bigram F1 | snippet pages: must_include found | must_exclude leaked |")
        print("|---|---|---|---|")
        for tool, a in summaries.items():
            sn = a["snippets"]
            print(f"| {tool} | {a['bigram_f1']:.3f} | {sn['include_hits']}/{sn['include_total']} "
                  f"({sn['pages']} pages) | {sn['exclude_leaks']}/{sn['exclude_total']} |")
    for tool, a in summaries.items():
        if a.get("author_is_editor"):
            misses = a["author"]["n"] - a["author"]["hits"]
            print(f"note: {tool} author misses {misses}; on {len(a['author_is_editor'])} of them "
                  f"({', '.join(a['author_is_editor'])}) the truth names the page's responsible editor, "
                  "which the record holds in `editor`, not `authors`.")
    for tool, a in summaries.items():
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
    enc = ", ".join(f"{k} {v}" for k, v in sorted(encodings.items()))
    print("notes: body char F1 = mean of per-page F1 over non-whitespace characters (bag of "
          "characters); precision averaged over pages with a prediction, recall over pages with a "
          "truth; snippet-truth pages are excluded from it and scored above. Title: truth `title` "
          "only (`title_html` ignored). Date: `publish_time` pages whose value parses as a date. "
          "Author: hit = equal/contains/contained after whitespace removal.")
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
    for k in ("title", "author", "publish_time", "body_truth", "encoding", "source_repo",
              "truth_origin", "notes"):
        if k in page.row:
            print(f"truth {k}: {page.row[k]}")
    if page.body_truth == "snippets":
        print(f"truth must_include: {page.must_include}\ntruth must_exclude: {page.must_exclude}")
    else:
        print("----- truth body")
        print(page.body)
    for tool, pred in preds.items():
        s = scores[tool]
        print(f"\n----- {tool}: ms={pred.cpu_ms:.1f} encoding={pred.encoding} error={pred.error}")
        print(f"title: {pred.title!r} -> {s['title']}")
        print(f"published: {pred.published!r} -> {s['date']}")
        print(f"authors: {pred.authors!r} -> {s['author']}")
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


def run_set(set_name: str, args: argparse.Namespace, runners: dict[str, Runner]) -> dict[str, Any]:
    ids = [args.page] if args.page else None
    pages = M.load_set(set_name, args.data, None if args.page else args.limit, ids)
    if not pages:
        return {}
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
    summaries = {tool: summarise(set_name, s) for tool, s in scores.items()}
    print_table(set_name, summaries, len(pages))
    print_notes(set_name, args.peer_decoding, encodings)
    if args.worst:
        print_worst(set_name, scores, args.worst)
    return {
        "pages": len(pages),
        "peer_decoding": args.peer_decoding if set_name == "zh" else "utf-8",
        "tools": {
            tool: {
                "summary": summaries[tool],
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
    ap.add_argument("--set", choices=["aeb", "zh", "all"], default="all")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="run every tool N times per page and keep the least CPU time (default 1)")
    ap.add_argument("--limit", type=int, default=None, help="first N pages of each set")
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
