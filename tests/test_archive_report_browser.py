"""issue 17's Done-when: the report of two real crawls opens in headless Chromium
(Debian's ``chromium``, installed by .ci/run) with every plot drawn, no console error
and no request leaving the page; the screenshot stays in the test's tmp dir."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
#: Without the background-networking flags Chromium's own connections (updates, sync,
#: QUIC probes) are refused by a closed network and logged; none is the page's.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
PLOTS_JS = """() => [...document.querySelectorAll('img.plot, svg')].map(el => {
    const box = el.getBoundingClientRect();
    return {tag: el.tagName, complete: el.complete ?? true, natural: el.naturalWidth ?? box.width,
            width: box.width, height: box.height, alt: el.getAttribute('alt')};
})"""


def open_in_chromium(page_file: Path, screenshot: Path, profile: Path) -> dict[str, Any]:
    """Load the page, wait for it, screenshot it; what the browser saw."""
    from playwright.sync_api import sync_playwright

    seen: dict[str, Any] = {"console": [], "errors": [], "requests": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1100, "height": 900})
        try:
            page = browser.new_page()
            page.on("console", lambda m: seen["console"].append((m.type, m.text)))
            page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
            page.on("request", lambda r: seen["requests"].append(r.url))
            page.goto(page_file.as_uri(), wait_until="load")
            seen["plots"] = page.evaluate(PLOTS_JS)
            seen["title"] = page.title()
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    return seen


@pytest.fixture(scope="module")
def chromium_view(two_run_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does it)")
    out = tmp_path_factory.mktemp("report")
    page_file = out / "report.html"
    proc = subprocess.run([sys.executable, "-m", "scrapy", "archive", "report", str(two_run_archive),
                           "-o", str(page_file)], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    screenshot = out / "report.png"
    # Playwright's sync API refuses to run where an asyncio loop runs (pytest-twisted's
    # reactor): a thread of its own has none.
    with ThreadPoolExecutor(1) as pool:
        seen = pool.submit(open_in_chromium, page_file, screenshot, out / "profile").result(timeout=180)
    print(f"report screenshot: {screenshot}")
    return dict(seen, page=page_file, screenshot=screenshot)


def test_every_plot_rendered(chromium_view: dict[str, Any]) -> None:
    plots = chromium_view["plots"]
    # days, coverage of the one site, dropped, skipped, duplicates, freshness, speed
    assert len(plots) == 7, plots
    for plot in plots:
        assert plot["tag"] == "IMG" and plot["complete"], plot
        assert plot["natural"] > 100 and plot["width"] > 100 and plot["height"] > 100, plot
        assert plot["alt"]


def test_no_console_error_and_nothing_fetched(chromium_view: dict[str, Any]) -> None:
    assert [m for m in chromium_view["console"] if m[0] in ("error", "warning")] == []
    assert chromium_view["errors"] == []
    assert chromium_view["requests"] == [chromium_view["page"].as_uri()]  # the page, nothing else
    assert chromium_view["title"].startswith("newscrawl report: ")


def test_screenshot_kept(chromium_view: dict[str, Any]) -> None:
    from PIL import Image

    with Image.open(chromium_view["screenshot"]) as shot:
        width, height = shot.size
        colours = shot.convert("RGB").resize((64, 64)).getcolors(64 * 64)
    assert width == 1100 and height > 2000  # the whole page, seven plots and their tables
    assert colours is not None and len(colours) > 10  # not a blank page
