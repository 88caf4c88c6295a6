"""Run manifests: ``runs/<crawl_id>.json``, one per crawl, written atomically."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from newscrawl.archive.writer import fsync_dir


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def write_manifest(root: Path, crawl_id: str, manifest: dict[str, Any]) -> Path:
    runs = Path(root) / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    final = runs / f"{crawl_id}.json"
    tmp = runs / f".{crawl_id}.json.tmp"
    data = json.dumps(_plain(manifest), ensure_ascii=False, indent=2, sort_keys=False)
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(data + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, final)
    fsync_dir(runs)
    return final


def read_manifests(root: Path) -> list[dict[str, Any]]:
    runs = Path(root) / "runs"
    if not runs.is_dir():
        return []
    return [json.loads(p.read_text("utf-8")) for p in sorted(runs.glob("*.json"))]
