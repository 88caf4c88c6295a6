"""What Scrapy's debugging commands (``fetch``, ``view``, ``shell``, ``parse``) change in
a newscrawl project: they look at pages, and leave the archive, its run manifests and
the crawl state (and its lock) to crawls, so they work next to a running crawl.

Not a command itself: ``fetch.py``, ``view.py``, ``shell.py`` and ``parse.py`` beside it
put ``LeavesArchiveAlone`` in front of Scrapy's own commands.
"""

from __future__ import annotations

import argparse
from typing import Any

#: Switches of the components that belong to a crawl: the archive (part files, run
#: manifest, recovery), WARC capture, the crawl state and its lock, the run's log, the progress
#: line and the end-of-crawl summary.
CRAWL_COMPONENTS = (
    "NEWSCRAWL_ARCHIVE_ENABLED",
    "NEWSCRAWL_WARC_ENABLED",
    "NEWSCRAWL_STATE_ENABLED",
    "NEWSCRAWL_RUN_LOG_ENABLED",
    "NEWSCRAWL_PROGRESS_ENABLED",
    "NEWSCRAWL_SUMMARY_ENABLED",
)


class LeavesArchiveAlone:
    """Mixin for a Scrapy command: the crawl's components are off, whatever ``-s`` says."""

    settings: Any

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)  # type: ignore[misc]
        for name in CRAWL_COMPONENTS:
            self.settings.set(name, False, priority="cmdline")
