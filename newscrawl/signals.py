"""Project signals, sent through ``crawler.signals`` like Scrapy's own.

``part_file_finished``
    Sent by the archive once a part file is complete under its final name
    (flushed, fsynced, renamed). Keyword arguments:

    - ``path``: the finished file, absolute or relative to ``NEWSCRAWL_ARCHIVE_DIR``
      (``articles/date=YYYY-MM-DD/part-<crawl_id>-<n>.jsonl.gz``);
    - ``records``: how many records it holds.

    The crawl state (``newscrawl.dedup.extension.DedupState``) reads the file back
    and marks its pages as seen: a page counts as archived only once its record is
    in a finished file. Send it with ``send_catch_log`` (a failing receiver must not
    stop the archive); ``announce_finished_parts`` does it for a list of parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

part_file_finished = object()


def announce_finished_parts(crawler: Any, root: Path, parts: Sequence[Any], announced: int) -> int:
    """Send ``part_file_finished`` for ``parts[announced:]`` (objects with ``path``
    relative to ``root`` and ``records``); return the new count of announced parts.
    The archive pipeline calls it after each write and after closing its writer."""
    for part in parts[announced:]:
        crawler.signals.send_catch_log(part_file_finished, path=Path(root) / part.path, records=part.records)
    return len(parts)

#: Sent (``request=``) when a request popped from a shared Redis queue is done: its
#: lease can end (``newscrawl.distributed.leases``).
request_done = object()

#: Sent (``kind=``, ``reason=``, ``url=``, ``stage=``) beside every
#: ``newscrawl/<kind>/<reason>`` count (kind ``skipped`` or ``dropped``) of a request
#: (``stage="request"``) or of an item in the pipeline (``stage="item"``): the per-site
#: figures of the run (``newscrawl.monitoring``) read it. Send it with ``count_reported``.
reported = object()


def count_reported(crawler: Any, kind: str, reason: str, url: str, stage: str) -> None:
    """Count ``newscrawl/<kind>/<reason>`` and send ``reported`` for it."""
    crawler.stats.inc_value(f"newscrawl/{kind}/{reason}")
    crawler.signals.send_catch_log(reported, kind=kind, reason=reason, url=url, stage=stage)
