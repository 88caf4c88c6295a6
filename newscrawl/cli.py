"""``newscrawl crawl|extract|archive ...``: Scrapy's command line with newscrawl's
settings, from any directory.

Outside a directory with newscrawl's ``scrapy.cfg``, ``scrapy`` does not know the
project (``scrapy extract`` is an "Unknown command") unless ``SCRAPY_SETTINGS_MODULE``
names it. This entry point sets it to ``newscrawl.settings`` when unset and hands
over to Scrapy's own machinery (``scrapy.cmdline.execute``): the commands, their
options and exit statuses are Scrapy's and newscrawl's, unchanged.
"""

from __future__ import annotations

import os
import sys

SETTINGS_MODULE = "newscrawl.settings"


def main(argv: list[str] | None = None) -> None:
    """Run ``newscrawl COMMAND [OPTIONS] [ARGS]`` as ``scrapy COMMAND ...``; exits."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", SETTINGS_MODULE)
    from scrapy.cmdline import execute

    execute(["newscrawl", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":  # python -m newscrawl.cli
    main()
