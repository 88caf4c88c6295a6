"""``scrapy parse``: Scrapy's, leaving the archive and the crawl state alone (see
``debugging``); with ``--spider news`` and no seed argument the URL is the seed, so
the spider's scope is the URL's host."""

from __future__ import annotations

import argparse

from scrapy.commands.parse import Command as ScrapyCommand

from newscrawl.commands.debugging import LeavesArchiveAlone

#: Spider arguments of the ``news`` spider that give it seeds.
SEED_ARGUMENTS = ("start_urls", "sitemap_urls", "feed_urls", "site")


class Command(LeavesArchiveAlone, ScrapyCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if args and not any(opts.spargs.get(name) for name in SEED_ARGUMENTS):
            opts.spargs["start_urls"] = args[0]
