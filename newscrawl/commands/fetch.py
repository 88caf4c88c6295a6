"""``scrapy fetch``: Scrapy's, leaving the archive and the crawl state alone (see ``debugging``)."""

from __future__ import annotations

from scrapy.commands.fetch import Command as ScrapyCommand

from newscrawl.commands.debugging import LeavesArchiveAlone


class Command(LeavesArchiveAlone, ScrapyCommand):
    pass
