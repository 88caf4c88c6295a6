"""The report's plots: matplotlib figures (no pyplot, no global state) drawn as SVG
and embedded in the page as ``data:`` images, so the page loads nothing."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Sites drawn in one plot by name before the rest are summed as "other": with "other"
#: that is the default colour cycle's 10 colours, none drawn twice (bench/report.py's
#: 12 sites showed an 11th series taking the first one's colour).
MAX_PLOTTED_SITES = 9
MISSING = "matplotlib is not installed: pip install 'newscrawl[report]'"


class PlotsUnavailable(RuntimeError):
    """matplotlib is not installed."""


def figure(width: float = 8.0, height: float = 3.2) -> Figure:
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise PlotsUnavailable(MISSING) from exc
    return Figure(figsize=(width, height), layout="constrained")


def check_available() -> None:
    """Raise PlotsUnavailable before any work when matplotlib is missing."""
    figure()


def embed(fig: Figure, alt: str) -> str:
    """``fig`` as an ``<img>`` holding its SVG (fonts drawn as paths: nothing to load)."""
    from matplotlib import rc_context

    buf = io.BytesIO()
    with rc_context({"svg.fonttype": "path", "svg.hashsalt": "newscrawl"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    width, height = (round(v * 96) for v in fig.get_size_inches())
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f'<img class="plot" width="{width}" height="{height}" alt="{html.escape(alt)}" '
            f'src="data:image/svg+xml;base64,{data}">')


def stacked_bars(x: Sequence[str], series: Mapping[str, Sequence[float]], title: str, ylabel: str) -> Figure:
    fig = figure()
    ax = fig.add_subplot()
    bottom = [0.0] * len(x)
    for name, values in series.items():
        ax.bar(range(len(x)), values, bottom=bottom, label=name)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    _x_labels(ax, x)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    _integer_y(ax)  # counts
    if series:
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    else:
        ax.text(0.5, 0.5, "none in these runs", ha="center", va="center", transform=ax.transAxes)
    return fig


def heatmap(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float | None]],
            title: str) -> Figure:
    """Shares 0..1, one row per field, one column per run; no data is left blank."""
    import numpy as np

    fig = figure(8.0, 0.35 * len(rows) + 1.4)
    ax = fig.add_subplot()
    grid = np.array([[np.nan if v is None else v for v in row] for row in values], dtype=float)
    image = ax.imshow(np.ma.masked_invalid(grid), cmap="RdYlGn", vmin=0.0, vmax=1.0, aspect="auto")
    ax.set_yticks(range(len(rows)), labels=list(rows))
    _x_labels(ax, columns)
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label="share of records")
    return fig


def histograms(edges_hours: Sequence[float], series: Mapping[str, Sequence[float]], title: str) -> Figure:
    """Step lines over a log axis: how many records were fetched how long after publication."""
    fig = figure()
    ax = fig.add_subplot()
    for name, counts in series.items():
        ax.stairs(counts, edges_hours, label=name)
    ax.set_xscale("log")
    ax.set_xlim(edges_hours[0] / 3, edges_hours[-1] * 3)  # a decade in view when all fall in one bin
    _integer_y(ax)
    ax.set_xlabel("hours from published_at to fetched_at")
    ax.set_ylabel("records")
    ax.set_title(title)
    if series:
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def two_bars(x: Sequence[str], first: Sequence[float], second: Sequence[float],
             labels: tuple[str, str], title: str) -> Figure:
    fig = figure(8.0, 4.2)
    top, bottom = fig.subplots(2, 1, sharex=True)
    top.bar(range(len(x)), first)
    top.set_ylabel(labels[0])
    top.set_title(title)
    bottom.bar(range(len(x)), second, color="tab:orange")
    bottom.set_ylabel(labels[1])
    _x_labels(bottom, x)
    return fig


def _x_labels(ax: Any, labels: Sequence[str]) -> None:
    ax.set_xticks(range(len(labels)), labels=list(labels), rotation=45, ha="right", fontsize="small")


def _integer_y(ax: Any) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
