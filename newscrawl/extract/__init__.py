"""HTML + URL -> raw record. Imports nothing from Scrapy: runs the same in a spider,
in ``scrapy extract``, in tests and over stored pages."""

from newscrawl.extract.article import extract_article

__all__ = ["extract_article"]
