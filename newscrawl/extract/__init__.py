"""HTML + URL -> raw record. Imports nothing from Scrapy: runs the same in a spider,
in ``scrapy extract``, in tests and over stored pages.

``extract_article`` is imported on first use: a crawl whose extraction runs in worker
processes reads pages with ``encoding`` and ``dom`` alone, and its main process need
not hold trafilatura, htmldate and every extraction rule in memory."""

from typing import Any

__all__ = ["extract_article"]


def __getattr__(name: str) -> Any:
    if name == "extract_article":
        from newscrawl.extract.article import extract_article

        return extract_article
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
