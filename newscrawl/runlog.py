"""The whole log of a crawl in ``<archive>/runs/<crawl_id>.log``, next to its manifest,
whatever the console's ``LOG_LEVEL`` (a quiet cron line still leaves a full record)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.archive.layout import RUNS
from newscrawl.runinfo import archive_dir_of, crawl_id_of


def run_log_path(settings: Any, crawl_id: str) -> Path:
    return archive_dir_of(settings) / RUNS / f"{crawl_id}.log"


class RunLog:
    """A ``logging.FileHandler`` on the root logger (where Scrapy's own handler is)
    from the moment the extension is built until the engine stops, with Scrapy's
    ``LOG_FORMAT`` and ``LOG_DATEFORMAT`` at ``NEWSCRAWL_RUN_LOG_LEVEL``.

    Built after the crawl state (``DedupState``), so a run that another crawl's lock
    stops writes no log into the archive either.
    """

    def __init__(self, path: Path, level: int | str, fmt: str, datefmt: str, encoding: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.handler: logging.Handler | None = logging.FileHandler(path, encoding=encoding)
        self.handler.setLevel(level)
        self.handler.setFormatter(logging.Formatter(fmt, datefmt))
        logging.root.addHandler(self.handler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunLog:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_RUN_LOG_ENABLED"):
            raise NotConfigured("NEWSCRAWL_RUN_LOG_ENABLED is off")
        o = cls(run_log_path(settings, crawl_id_of(crawler)), str(settings.get("NEWSCRAWL_RUN_LOG_LEVEL")).upper(),
                settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT"), settings.get("LOG_ENCODING") or "utf-8")
        crawler.signals.connect(o.close, signal=signals.engine_stopped)
        return o

    def close(self) -> None:
        if self.handler is not None:
            logging.root.removeHandler(self.handler)
            self.handler.close()
            self.handler = None
