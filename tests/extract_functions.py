"""Page-to-record functions for NEWSCRAWL_EXTRACT_FUNCTION in tests: the real
extractor, except on pages that carry a marker, where a worker crashes, hangs or the
page's text becomes the body. Module-level, so spawned worker processes import them."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from newscrawl.workers import PageTask, extract_page

CRASH = "newscrawl-test: crash the worker"
HANG = "newscrawl-test: hang the worker"
SLOW = "newscrawl-test: slow page"


def misbehaving(task: PageTask, tree: Any = None) -> dict[str, Any]:
    """``extract_page``, except that a page containing CRASH kills its worker with
    SIGSEGV (as a crash in a C library does), one containing HANG never returns, and
    one containing SLOW takes half a second (so later pages finish first)."""
    if CRASH in task.text:
        os.kill(os.getpid(), signal.SIGSEGV)
    if HANG in task.text:
        time.sleep(3600)
    if SLOW in task.text:
        time.sleep(0.5)
    return extract_page(task, tree=tree)


def text_as_body(task: PageTask, tree: Any = None) -> dict[str, Any]:
    """A record whose body is the page's text: the checks after extraction, alone."""
    return {"body": task.text, "title": "t", "published_at": None, "site": "example.com", "language": None}
