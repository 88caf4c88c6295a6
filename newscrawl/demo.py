"""``make demo``: serve the bundled sample news site on loopback, crawl it with
``scrapy crawl news`` (a real subprocess, as an operator would run it), then print a
summary from the run's manifest."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from newscrawl.archive import read
from newscrawl.sample_site.launch import start_subprocess

#: The demo serves the site on a fixed port when it is free, so a second ``make demo``
#: crawls the same URLs and shows the incremental run (articles skipped as seen).
DEMO_PORT = 8737


def previous_port(archive: Path) -> int | None:
    """The port of the sample site the archive's newest demo records came from."""
    port = None
    try:
        for record in read(archive):
            parts = urlsplit(record.get("url") or "")
            if parts.hostname == "127.0.0.1" and parts.port:
                port = parts.port
    except Exception:  # noqa: BLE001 - a damaged or foreign archive: no previous port
        return None
    return port


def is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def choose_port(archive: Path) -> tuple[int, str | None]:
    """``(port, note)`` to serve the sample site on. The port of the last demo run when
    it is free, so this run crawls the same URLs and skips what that run archived;
    on a first run ``NEWSCRAWL_DEMO_PORT`` (8737); else 0 (any free port), with a note."""
    last = previous_port(archive)
    fixed = int(os.environ.get("NEWSCRAWL_DEMO_PORT", DEMO_PORT))
    if last and is_free(last):
        return last, None
    port = fixed if is_free(fixed) else 0
    if last:
        return port, (f"port {last} of the last demo run is in use: the sample site's URLs differ from "
                      f"that run's, so its articles are archived again under the new ones")
    if port == 0:
        return 0, f"port {fixed} is in use: serving on another one (the next demo run reuses it if free)"
    return port, None


def crawl_command(base: str, archive: Path) -> list[str]:
    """The demo's ``scrapy crawl news`` of the sample site at ``base`` into ``archive``."""
    return [
        sys.executable, "-m", "scrapy", "crawl", "news",
        "-a", f"start_urls={base}/",
        "-a", f"sitemap_urls={base}/sitemap.xml",
        "-a", f"feed_urls={base}/rss.xml,{base}/atom.xml",
        "-s", f"NEWSCRAWL_ARCHIVE_DIR={archive}",
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
        "-s", "LOG_LEVEL=INFO",
    ]


def main() -> int:
    started = time.monotonic()
    archive = Path("output")
    port, note = choose_port(archive)
    with start_subprocess(port=port) as base:
        print(f"sample site served at {base}")
        if note:
            print(f"note: {note}")
        cmd = crawl_command(base, archive)
        print("running:", " ".join(cmd[2:]))
        proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-5000:])
        print(f"crawl failed with exit status {proc.returncode}")
        return proc.returncode
    manifests = sorted((archive / "runs").glob("*.json"), key=lambda p: p.stat().st_mtime)
    if not manifests:
        sys.stderr.write(proc.stderr[-5000:])
        print("crawl wrote no manifest")
        return 1
    manifest = json.loads(manifests[-1].read_text("utf-8"))
    summary = manifest["summary"]
    print()
    print(f"crawl {manifest['crawl_id']} finished: {manifest['finish_reason']}")
    print(f"  pages fetched           {summary['fetched']}")
    print(f"  article pages           {summary['article_pages']}")
    print(f"  listing pages           {summary['listing_pages']}")
    print(f"  records archived        {manifest['records']}")
    print(f"  marked duplicate        {summary['duplicates']}")
    for reason, count in sorted(summary["skipped"].items()):
        print(f"  {'skipped/' + reason:<23} {count}")
    for reason, count in sorted(summary["dropped"].items()):
        print(f"  {'dropped/' + reason:<23} {count}")
    print(f"  files written           {len(manifest['files'])}")
    for f in manifest["files"]:
        print(f"    {archive / f['path']}  {f['records']} records  sha256 {f['sha256'][:16]}...")
    print(f"  manifest                {manifests[-1]}")
    print(f"done in {time.monotonic() - started:.1f}s; check it with: .venv/bin/scrapy archive verify {archive}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
