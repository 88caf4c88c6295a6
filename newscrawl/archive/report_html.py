"""``scrapy archive report``'s page: one self-contained HTML file, tables beside the
plots (readable without images or scripts), every string from the archive escaped."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from newscrawl.archive import report_plots as plots
from newscrawl.archive.report_data import BINS_PER_DECADE, REPORT_FIELDS, ReportData, RunRow, int_values

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 72em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .6em 0; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 2px 7px; text-align: right; white-space: nowrap; }
div.scroll { overflow-x: auto; }
th:first-child, td:first-child { text-align: left; }
td.text { text-align: left; } tr.bad td { background: #fde8e8; }
img.plot { display: block; max-width: 100%; height: auto; margin: .6em 0; }
p.note { color: #555; font-size: 13px; } .warn { color: #a00; }
"""
#: Days in the records-per-day plot and table: two months of daily bars still read at
#: 8 inches wide (checked on bench/report.py's archive); older days are summed in a note.
DAYS_SHOWN = 60
_CRAWL_ID = re.compile(r"^\d{4}(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z")


def e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def label(run: RunRow) -> str:
    """A short axis label for a run: ``12-01 23:41:07`` from its crawl id's start time."""
    match = _CRAWL_ID.match(run.crawl_id)
    return f"{match[1]}-{match[2]} {match[3]}:{match[4]}:{match[5]}" if match else run.crawl_id[:16]


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], bad: Sequence[bool] = ()) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = []
    for n, row in enumerate(rows):
        cls = ' class="bad"' if n < len(bad) and bad[n] else ""
        cells = "".join(f'<td class="text">{e(c)}</td>' if isinstance(c, str) and not _numeric(c)
                        else f"<td>{e(c)}</td>" for c in row)
        body.append(f"<tr{cls}>{cells}</tr>")
    return (f"<div class=scroll><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d.,]+%?|-", text))


def pct(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.0f}%"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if abs(seconds) >= size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds:.1f} s"


def plotted_sites(data: ReportData) -> tuple[list[str], list[str]]:
    """(sites drawn by name, sites summed as "other")."""
    sites = data.sites
    return sites[:plots.MAX_PLOTTED_SITES], sites[plots.MAX_PLOTTED_SITES:]


def section_failures(runs: list[RunRow], failed: list[RunRow]) -> str:
    out = ["<h2 id=failures>Runs that did not exit 0</h2>"]
    if not failed:
        out.append(f"<p>None: every one of the {len(runs)} runs exited 0 "
                   "(and passed its monitors where they ran).</p>")
    else:
        out.append(table(
            ["run", "started", "exit status", "reason", "monitor failures"],
            [[r.crawl_id, r.started_at or "-",
              "-" if r.exit_status is None else f"{r.exit_status}{' (derived)' if r.exit_derived else ''}",
              r.exit_reason or "-", len(r.monitor_failures)] for r in failed],
            bad=[True] * len(failed)))
    if any(r.exit_derived for r in runs):
        out.append("<p class=note>(derived): the manifest has no <code>exit_status</code> (written before "
                   "it was recorded); the status is derived from <code>finish_reason</code> alone, as "
                   "<code>scrapy crawl</code> classifies reasons, so error counts and monitors are not "
                   "in it.</p>")
    rows = [[r.crawl_id, f.get("site", "-"), f.get("monitor", "-"), f.get("field") or "-",
             _num(f.get("value")), _num(f.get("threshold")), _num(f.get("baseline")), f.get("message", "")]
            for r in runs for f in r.monitor_failures]
    if rows:
        out.append("<h3>Monitor failures</h3>")
        out.append(table(["run", "site", "monitor", "field", "value", "threshold", "baseline", "message"],
                         rows, bad=[True] * len(rows)))
    return "\n".join(out)


def _num(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "-"
    return f"{value:.3g}"


def section_days(data: ReportData) -> str:
    days = data.days[-DAYS_SHOWN:]
    earlier = sum(n for (d, _), n in data.by_day_site.items() if days and d < days[0])
    shown, rest = plotted_sites(data)
    out = ["<h2 id=days>Records per day per site</h2>",
           "<p class=note>UTC fetch date (the record's partition)"
           f"{f'; the last {DAYS_SHOWN} days with records, {earlier} records on earlier days' if earlier else ''}"
           ".</p>"]
    if not days:
        return "\n".join(out + ["<p>No records in the archive.</p>"])
    series = {s: [data.by_day_site[(d, s)] for d in days] for s in shown}
    if rest:
        series[f"other ({len(rest)} sites)"] = [sum(data.by_day_site[(d, s)] for s in rest) for d in days]
    out.append(plots.embed(plots.stacked_bars(days, series, "records per day", "records"),
                           "records per day per site"))
    out.append(table(["day", *series, "total"],
                     [[d, *(v[i] for v in series.values()), sum(v[i] for v in series.values())]
                      for i, d in enumerate(days)]))
    return "\n".join(out)


def section_coverage(data: ReportData, runs: list[RunRow]) -> str:
    out = [f"<h2 id=coverage>Field coverage per site, last {len(runs)} runs</h2>",
           "<p class=note>Share of a run's records of the site where the field is not null, not empty and "
           "not an empty list, as the run's manifest has it (<code>sites</code>, what its monitors judged), "
           "else computed from the records. Blank: the run archived nothing of the site.</p>"]
    shown, _ = plotted_sites(data)
    rows = []
    for site in data.sites:
        grid = [[(data.coverage(r.crawl_id, site) or {}).get(f) for r in runs] for f in REPORT_FIELDS]
        if site in shown and runs:
            fig = plots.heatmap(REPORT_FIELDS, [label(r) for r in runs], grid, f"{site}: field coverage")
            out.append(plots.embed(fig, f"field coverage of {site} over the last runs"))
        latest = next((r for r in reversed(runs) if data.coverage(r.crawl_id, site)), None)
        cov = data.coverage(latest.crawl_id, site) if latest else None
        lows = [min((v for v in grid[i] if v is not None), default=None) for i in range(len(REPORT_FIELDS))]
        rows.append([site, latest.crawl_id if latest else "-", *(pct((cov or {}).get(f)) for f in REPORT_FIELDS)])
        rows.append([f"{site} (lowest)", "-", *(pct(v) for v in lows)])
    if not rows:
        out.append("<p>No records in these runs.</p>")
    else:
        out.append(table(["site", "latest run with records", *REPORT_FIELDS], rows))
    return "\n".join(out)


def _reasons(runs: list[RunRow], key: str) -> dict[str, list[float]]:
    totals: Counter[str] = Counter()
    for run in runs:
        totals.update(getattr(run, key))
    return {reason: [getattr(r, key).get(reason, 0) for r in runs] for reason, _ in totals.most_common()}


def section_reasons(runs: list[RunRow]) -> str:
    out = ["<h2 id=reasons>Dropped and skipped, per run</h2>"]
    labels = [label(r) for r in runs]
    for key, what in (("dropped", "records dropped (newscrawl/dropped/<reason>)"),
                      ("skipped", "requests skipped (newscrawl/skipped/<reason>)")):
        series = _reasons(runs, key)
        out.append(plots.embed(plots.stacked_bars(labels, series, what, "count"), what))
        out.append(table(["run", *series], [[r.crawl_id, *(getattr(r, key).get(k, 0) for k in series)]
                                            for r in runs]))
    return "\n".join(out)


def section_duplicates(data: ReportData, runs: list[RunRow]) -> str:
    out = ["<h2 id=duplicates>Duplicates found</h2>",
           "<p class=note>Per run: the crawl's count (<code>newscrawl/archive/duplicates</code>) by kind, "
           "and the records it wrote with <code>duplicate_of</code> set.</p>"]
    kinds = sorted({k for r in runs for k in r.duplicates_by_kind})
    series = {k: [float(r.duplicates_by_kind.get(k, 0)) for r in runs] for k in kinds}
    if not series:
        series = {"duplicates": [float(r.duplicates) for r in runs]}
    out.append(plots.embed(plots.stacked_bars([label(r) for r in runs], series, "duplicates per run", "records"),
                           "duplicates per run"))
    out.append(table(["run", "duplicates", *kinds, "records with duplicate_of"],
                     [[r.crawl_id, r.duplicates, *(r.duplicates_by_kind.get(k, 0) for k in kinds),
                       data.duplicates_by_run[r.crawl_id]] for r in runs]))
    return "\n".join(out)


def section_freshness(data: ReportData, runs: list[RunRow]) -> str:
    out = ["<h2 id=freshness>Freshness: published_at to fetched_at</h2>",
           f"<p class=note>From every record with both times. Median and p90 are read from log bins "
           f"{BINS_PER_DECADE} per decade wide: within 6% of the exact value.</p>"]
    shown, _ = plotted_sites(data)
    hists = {s: data.freshness[s] for s in shown if data.freshness[s].count}
    if hists:
        low = min(min(h.bins) for h in hists.values())
        high = max(max(h.bins) for h in hists.values()) + 1
        edges = [10 ** (i / BINS_PER_DECADE) / 3600 for i in range(low, high + 1)]
        series = {s: [float(h.bins.get(i, 0)) for i in range(low, high)] for s, h in hists.items()}
        out.append(plots.embed(plots.histograms(edges, series, "how late records were fetched"),
                               "distribution of freshness per site"))
    rows = []
    from_manifests = sorted({s for r in runs for s in r.sites} - set(data.sites))
    for site in data.sites + from_manifests:
        h = data.freshness[site]
        last = next((r.sites[site].get("freshness_seconds") for r in reversed(runs) if site in r.sites), None)
        last = last if isinstance(last, dict) else {}
        rows.append([site, h.count, duration(h.quantile(0.5)), duration(h.quantile(0.9)), h.negative,
                     duration(last.get("median")) if isinstance(last.get("median"), (int, float)) else "-",
                     duration(last.get("p90")) if isinstance(last.get("p90"), (int, float)) else "-"])
    out.append(table(["site", "records with both times", "median", "p90", "published after fetch",
                      "last run median (manifest)", "last run p90 (manifest)"], rows))
    return "\n".join(out)


def section_speed(runs: list[RunRow]) -> str:
    out = ["<h2 id=speed>Run durations and pages per second</h2>"]
    labels = [label(r) for r in runs]
    fig = plots.two_bars(labels, [(r.elapsed_seconds or 0) / 60 for r in runs],
                         [r.pages_per_second or 0 for r in runs], ("minutes", "pages/s"), "per run")
    out.append(plots.embed(fig, "run durations and pages per second"))
    out.append(table(["run", "finish reason", "duration", "requests", "fetched", "archived", "pages/s"],
                     [[r.crawl_id, r.finish_reason or "-", duration(r.elapsed_seconds), r.requests, r.fetched,
                       r.archived, "-" if r.pages_per_second is None else f"{r.pages_per_second:.1f}"]
                      for r in runs]))
    return "\n".join(out)


def section_blocked(runs: list[RunRow]) -> str:
    """403/429 share per site, from the manifests' ``sites`` blocks (runs since issue 17)."""
    rows = []
    for run in runs:
        for site, block in sorted(run.sites.items()):
            codes = int_values(block.get("http_status"))
            total = sum(codes.values())
            blocked = codes.get("403", 0) + codes.get("429", 0)
            rows.append([run.crawl_id, site, total, blocked, pct(blocked / total if total else None)])
    out = ["<h2 id=blocked>HTTP 403 and 429 per site</h2>"]
    if not rows:
        out.append("<p>No run in this range recorded per-site HTTP statuses (manifests written before "
                   "the <code>sites</code> block).</p>")
    else:
        out.append(table(["run", "site", "responses", "403 + 429", "share"], rows))
    return "\n".join(out)


def render(data: ReportData, runs: int = 20, now: datetime | None = None) -> str:
    """The whole page for the last ``runs`` runs (0: all)."""
    plots.check_available()
    recent = data.last_runs(runs)
    when = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    head = [f"<h1>newscrawl archive report: {e(data.root)}</h1>",
            f"<p>{data.records} records from {len(data.sites)} site{'s' * (len(data.sites) != 1)}; "
            f"{len(data.runs)} runs, the per-run sections show the last {len(recent)}; "
            f"generated {e(when)}.</p>"]
    if data.warnings:
        head.append("<ul class=warn>" + "".join(f"<li>{e(w)}</li>" for w in data.warnings) + "</ul>")
    body = [section_failures(recent, data.failed_runs(recent)), section_days(data),
            section_coverage(data, recent), section_reasons(recent), section_duplicates(data, recent),
            section_freshness(data, recent), section_speed(recent), section_blocked(recent)]
    return ("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width, initial-scale=1'>"
            f"<title>newscrawl report: {e(data.root)}</title><style>{STYLE}</style></head><body>\n"
            + "\n".join(head + body) + "\n</body></html>\n")
