"""Log lines for dropped items that name the URL and the reason, without dumping the
whole record (or a page's bytes) into the log."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter


class NewsLogFormatter(LogFormatter):
    def dropped(  # type: ignore[override]  # Scrapy's signature varies across 2.13-2.19
        self, item: Any, exception: BaseException, response: Any, spider: Any = None
    ) -> dict[str, Any]:
        return {
            "level": logging.WARNING,
            "msg": "%(exception)s",
            "args": {"exception": exception},
        }
