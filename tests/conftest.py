"""Shared fixtures: the sample news site served by a real subprocess on loopback, and
helpers to run crawls and read archives back."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newscrawl.sample_site.launch import start_subprocess

SITE_ROOT = Path(__file__).resolve().parents[1] / "newscrawl" / "sample_site" / "site"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sample_site() -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT``) of the sample site server subprocess."""
    with start_subprocess() as base:
        yield base


@pytest.fixture(scope="session")
def site_manifest() -> dict[str, Any]:
    return json.loads((SITE_ROOT / "MANIFEST.json").read_text("utf-8"))


def read_archive(root: Path) -> list[dict[str, Any]]:
    """Every record of every finished part file under ``root/articles``."""
    records = []
    for part in sorted((root / "articles").glob("date=*/part-*.jsonl.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh if line.strip()]
    return records


def run_inline(coroutine: Any) -> Any:
    """Run a coroutine that never waits (the extract pipeline with
    NEWSCRAWL_EXTRACT_WORKERS=0) to its result, without a reactor."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise AssertionError("the coroutine waited: it was not inline")
