"""``make demo``: serve the bundled sample news site on loopback, crawl it with
``scrapy crawl news`` (a real subprocess, as an operator would run it), then print a
summary from the run's manifest."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from newscrawl.sample_site.launch import start_subprocess


def main() -> int:
    started = time.monotonic()
    archive = Path("output")
    with start_subprocess() as base:
        print(f"sample site served at {base}")
        cmd = [
            sys.executable, "-m", "scrapy", "crawl", "news",
            "-a", f"start_urls={base}/",
            "-a", f"sitemap_urls={base}/sitemap.xml",
            "-a", f"feed_urls={base}/rss.xml,{base}/atom.xml",
            "-s", f"NEWSCRAWL_ARCHIVE_DIR={archive}",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
            "-s", "LOG_LEVEL=INFO",
        ]
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
    stats = manifest["stats"]
    print()
    print(f"crawl {manifest['crawl_id']} finished: {manifest['finish_reason']}")
    print(f"  pages fetched     {stats.get('response_received_count', 0)}")
    print(f"  article pages     {stats.get('newscrawl/pages/article', 0)}")
    print(f"  listing pages     {stats.get('newscrawl/pages/listing', 0)}")
    print(f"  records archived  {manifest['records']}")
    for key in sorted(k for k in stats if k.startswith(("newscrawl/dropped/", "newscrawl/skipped/"))):
        print(f"  {key.removeprefix('newscrawl/'):<17} {stats[key]}")
    print(f"  files written     {len(manifest['files'])}")
    for f in manifest["files"]:
        print(f"    {archive / f['path']}  {f['records']} records  sha256 {f['sha256'][:16]}...")
    print(f"  manifest          {manifests[-1]}")
    print(f"done in {time.monotonic() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
