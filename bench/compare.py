"""Compare two runs of bench/extraction.py page by page.

    .venv/bin/python bench/compare.py before.json after.json [--tools newscrawl] [--eps 0.001]

Both files are ``bench/extraction.py --json`` outputs. For every set, tool and half
(A, B, all) it prints, over the pages present in both runs:

* the metric deltas (after - before): body F1 (the set's own aggregate: aeb 2PR/(P+R)
  of the averaged shingle P and R, zh/wcxb mean per-page F1), date, author, title
  (hit rates, in points);
* per metric the pages improved / worsened (body F1 by more than ``--eps``; the
  others when the verdict flips) and the distinct sites among them.

wcxb is split into ``wcxb`` (the ``article`` pages, the headline) and ``wcxb-other``
(every other page type, body only). A change that moves fewer than 3 pages of
different sites is flagged: a rule that changes fewer than 3 pages of different
sites is not a rule.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import metrics as M  # noqa: E402

METRICS = ("body", "date", "author", "title")
MIN_SITES = 3


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _groups(set_name: str, pages: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Scope name -> pages of a set (wcxb: articles and the other page types apart)."""
    if set_name != "wcxb":
        return {set_name: pages}
    return {"wcxb": [p for p in pages if p.get("page_type") == "article"],
            "wcxb-other": [p for p in pages if p.get("page_type") != "article"]}


def body_aggregate(set_name: str, pages: list[dict[str, Any]]) -> float | None:
    bodies = [p["body"] for p in pages if p.get("body")]
    if not bodies:
        return None
    if set_name == "aeb":
        return M.aeb_aggregate([(b["tp"], b["fp"], b["fn"]) for b in bodies])["f1"]
    return statistics.mean(b["f1"] for b in bodies)


def _rate(values: list[Any]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(1 for v in known if v) / len(known) if known else None


def _site(p: dict[str, Any]) -> str:
    return p.get("site") or p.get("domain") or p["id"]


def compare_pages(set_name: str, old: list[dict[str, Any]], new: list[dict[str, Any]],
                  eps: float) -> dict[str, Any]:
    """Deltas and improved/worsened pages over the pages of ``old`` and ``new`` that
    share an id (both lists of one tool, one scope, one half)."""
    new_by_id = {p["id"]: p for p in new}
    pairs = [(o, new_by_id[o["id"]]) for o in old if o["id"] in new_by_id]
    olds, news = [o for o, _ in pairs], [n for _, n in pairs]
    out: dict[str, Any] = {"pages": len(pairs)}
    for metric in METRICS:
        if metric == "body":
            before, after = body_aggregate(set_name, olds), body_aggregate(set_name, news)
            better, worse = [], []
            for o, n in pairs:
                if o.get("body") and n.get("body"):
                    d = n["body"]["f1"] - o["body"]["f1"]
                    if d > eps:
                        better.append(o)
                    elif d < -eps:
                        worse.append(o)
        else:
            before = _rate([o.get(metric) for o in olds])
            after = _rate([n.get(metric) for n in news])
            both = [(o, n) for o, n in pairs if o.get(metric) is not None and n.get(metric) is not None]
            better = [o for o, n in both if n[metric] and not o[metric]]
            worse = [o for o, n in both if o[metric] and not n[metric]]
        changed = better + worse
        out[metric] = {
            "before": before,
            "after": after,
            "delta": None if before is None or after is None else after - before,
            "improved": len(better),
            "improved_sites": len({_site(p) for p in better}),
            "worsened": len(worse),
            "worsened_sites": len({_site(p) for p in worse}),
            "changed_sites": len({_site(p) for p in changed}),
            "improved_ids": [p["id"] for p in better],
            "worsened_ids": [p["id"] for p in worse],
        }
    fp_before = _rate([o.get("author_fp") for o in olds])
    fp_after = _rate([n.get("author_fp") for n in news])
    out["author_fp"] = {"before": fp_before, "after": fp_after}
    return out


def _fmt(metric: str, r: dict[str, Any]) -> str:
    """``before -> after (delta) +improved/-worsened, N sites`` in one cell."""
    if r["before"] is None and r["after"] is None:
        return "n/a"
    scale, digits = (1, 3) if metric == "body" else (100, 1)

    def v(x: float | None) -> str:
        return "n/a" if x is None else f"{scale * x:.{digits}f}"

    delta = "" if r["delta"] is None else f" ({scale * r['delta']:+.{digits}f})"
    cell = f"{v(r['before'])} -> {v(r['after'])}{delta} +{r['improved']}/-{r['worsened']}"
    if r["improved"] or r["worsened"]:
        cell += f", {r['changed_sites']} sites" + ("!" if r["changed_sites"] < MIN_SITES else "")
    return cell


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--tools", default=None, help="comma-separated tools (default: those in both)")
    ap.add_argument("--eps", type=float, default=0.001,
                    help="body F1 change that counts a page improved/worsened (default %(default)s)")
    ap.add_argument("--ids", action="store_true", help="list the ids of the pages that moved")
    args = ap.parse_args(argv)
    old, new = load(args.before), load(args.after)
    wanted = set(args.tools.split(",")) if args.tools else None
    print(f"# {args.before} -> {args.after}\n(body F1 in F1 units, date/author/title hit rates in "
          f"points; +improved/-worsened pages and the distinct sites among them; '!' marks fewer "
          f"than {MIN_SITES} sites changed: not a rule)")
    for set_name in [s for s in old if s in new and old[s] and new[s]]:
        tools = [t for t in old[set_name]["tools"] if t in new[set_name]["tools"]
                 and (wanted is None or t in wanted)]
        for tool in tools:
            for scope, old_pages in _groups(set_name, old[set_name]["tools"][tool]["pages"]).items():
                new_pages = _groups(set_name, new[set_name]["tools"][tool]["pages"])[scope]
                print(f"\n## {scope} / {tool}")
                head = ["half", "pages", *(f"{m} (delta) +improved/-worsened" for m in METRICS),
                        "author FP"]
                rows = []
                moved_ids: list[str] = []
                for half in (*M.HALVES, "all"):
                    sub_old = [p for p in old_pages if half == "all" or p.get("half") == half]
                    sub_new = [p for p in new_pages if half == "all" or p.get("half") == half]
                    r = compare_pages(set_name, sub_old, sub_new, args.eps)
                    if not r["pages"]:
                        continue
                    row = [half, str(r["pages"])]
                    for m in METRICS:
                        row.append(_fmt(m, r[m]))
                        if half == "all" and args.ids and (r[m]["improved"] or r[m]["worsened"]):
                            moved_ids.append(f"{m}: +{r[m]['improved_ids']} -{r[m]['worsened_ids']}")
                    fp = r["author_fp"]
                    row.append("n/a" if fp["before"] is None and fp["after"] is None else
                               " -> ".join("n/a" if x is None else f"{100 * x:.1f}%"
                                           for x in (fp["before"], fp["after"])))
                    rows.append(row)
                # drop metric columns that are n/a on every row
                keep = [i for i in range(len(head))
                        if any(row[i] != "n/a" for row in rows) or i < 2]
                head_k = [head[i] for i in keep]
                rows_k = [[row[i] for i in keep] for row in rows]
                widths = [max(len(x[i]) for x in [head_k, *rows_k]) for i in range(len(head_k))]
                print("| " + " | ".join(h.ljust(w) for h, w in zip(head_k, widths, strict=True)) + " |")
                print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
                for row in rows_k:
                    print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
                for line in moved_ids:
                    print(f"  moved {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
