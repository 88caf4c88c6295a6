"""A crawl's scope: what the news spider derives from its seeds and arguments and
crawls by (hosts, URL patterns, depth, ``max_items``, the site profile's time zone
and noise), as one value. A worker of a shared crawl stores it in Redis; a worker
started without seeds takes it from there (``newscrawl.distributed.scope``)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class CrawlScope:
    allowed_domains: tuple[str, ...] = ()
    """Host names the crawl stays on (and their subdomains), sorted."""
    allow: tuple[str, ...] = ()
    """URL regexes a followed URL must match one of (none: any)."""
    deny: tuple[str, ...] = ()
    """URL regexes no followed URL may match."""
    max_depth: int = 0
    """Link hops from a seed (after ``NEWSCRAWL_MAX_DEPTH``)."""
    max_items: int | None = None
    """Articles handed over before the crawl closes (None: no limit)."""
    site: str | None = None
    """The site profile's name, if one was given."""
    timezone: str | None = None
    """The profile's IANA zone for dates written without one."""
    drop_xpath: tuple[str, ...] = ()
    """The profile's XPaths of elements never read as text."""

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> CrawlScope:
        """The scope ``to_json`` wrote; ``ValueError`` for anything else."""
        data = json.loads(text)
        if not isinstance(data, dict) or set(data) != {f.name for f in fields(cls)}:
            raise ValueError(f"not a crawl scope: {str(text)[:200]!r}")
        return cls(**{name: _typed(name, value) for name, value in data.items()})


def _typed(name: str, value: Any) -> Any:
    if name in ("allowed_domains", "allow", "deny", "drop_xpath"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"crawl scope: {name} must be a list of strings, got {value!r}")
        return tuple(value)
    if name in ("max_depth", "max_items"):
        if value is None and name == "max_items":
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"crawl scope: {name} must be a whole number, got {value!r}")
        return value
    if value is not None and not isinstance(value, str):
        raise ValueError(f"crawl scope: {name} must be a string, got {value!r}")
    return value
