"""newscrawl: a Scrapy news crawler and archiver.

``newscrawl.extract_article(html, url)`` turns one page into a record without
crawling; it is imported lazily so that loading the Scrapy settings stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["extract_article", "__version__"]

if TYPE_CHECKING:
    from newscrawl.extract import extract_article


def __getattr__(name: str) -> Any:
    if name == "extract_article":
        from newscrawl.extract import extract_article

        return extract_article
    raise AttributeError(name)
