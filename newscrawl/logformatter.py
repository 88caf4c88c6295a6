"""Log lines for dropped items that name the URL and the reason, without dumping the
whole record (or a page's bytes) into the log; and no DEBUG "Crawled"/"Scraped"
line built when nothing would show it.

Scrapy's root handler filters by ``LOG_LEVEL`` at the handler, and leaves the
loggers themselves open to DEBUG, so at ``LOG_LEVEL = "INFO"`` every page still
built its "Crawled (200) ..." and "Scraped from ..." records (the referer string,
the flags, a ``LogRecord`` carrying the item) only for the handler to discard them.
A formatter method returning None tells Scrapy not to log at all.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter


def shows_debug(name: str) -> bool:
    """Whether a DEBUG record of logger ``name`` reaches a handler that would emit it
    (a handler at DEBUG or NOTSET on the logger or an ancestor it propagates to)."""
    logger: logging.Logger | None = logging.getLogger(name)
    if not logging.getLogger(name).isEnabledFor(logging.DEBUG):
        return False
    while logger is not None:
        if any(handler.level <= logging.DEBUG for handler in logger.handlers):
            return True
        if not logger.propagate:
            return False
        logger = logger.parent
    return False  # only logging.lastResort, which shows WARNING and above


class NewsLogFormatter(LogFormatter):
    def crawled(self, request: Any, response: Any, spider: Any) -> Any:
        if not shows_debug("scrapy.core.engine"):
            return None
        return super().crawled(request, response, spider)

    def scraped(self, item: Any, response: Any, spider: Any) -> Any:
        if not shows_debug("scrapy.core.scraper"):
            return None
        return super().scraped(item, response, spider)

    def dropped(  # type: ignore[override]  # Scrapy's signature varies across 2.13-2.19
        self, item: Any, exception: BaseException, response: Any, spider: Any = None
    ) -> dict[str, Any]:
        return {
            "level": logging.WARNING,
            "msg": "%(exception)s",
            "args": {"exception": exception},
        }
