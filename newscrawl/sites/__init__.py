"""Declarative site profiles: ``newscrawl/sites/<name>.json``.

A profile may give ``start_urls``, ``sitemap_urls``, ``feed_urls``, ``allowed_domains``,
``allow``/``deny`` URL regexes, ``timezone`` (IANA name for dates written without
one) and ``drop_xpath`` (elements that are never article text on that site). Every
extraction rule works without a profile; a profile only narrows and sharpens it.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


def load_profile(name: str) -> dict[str, Any]:
    if not _NAME.match(name):
        raise ValueError(f"bad site profile name {name!r}")
    path = resources.files(__package__).joinpath(f"{name}.json")
    if not path.is_file():
        known = sorted(p.name[:-5] for p in resources.files(__package__).iterdir() if p.name.endswith(".json"))
        raise ValueError(f"no site profile {name!r}; known: {', '.join(known) or 'none'}")
    return json.loads(path.read_text("utf-8"))
