"""The ``news`` spider's ``-a`` arguments, checked and parsed in one place: a bad one
fails with one line naming it and what it accepts (``SpiderArgumentError``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from newscrawl.config import closest
from newscrawl.sites import load_profile

#: Every argument the spider takes, in the order ``--help`` and messages list them.
ARGUMENTS = ("start_urls", "sitemap_urls", "feed_urls", "site", "allow", "deny", "max_depth", "max_items")
#: The arguments that give a crawl its seeds (a site profile names its own).
SEED_ARGUMENTS = ("start_urls", "sitemap_urls", "feed_urls", "site")


class SpiderArgumentError(ValueError):
    """A bad spider argument; the message names it and what is accepted."""


def split(value: str | list[str] | None) -> list[str]:
    """A comma-separated argument (or a list given in Python) as its non-empty items."""
    if not value:
        return []
    if isinstance(value, list):
        return [v.strip() for v in value if v.strip()]
    return [v.strip() for v in value.split(",") if v.strip()]


@dataclass(frozen=True)
class SpiderArguments:
    seed_urls: list[str]
    sitemap_urls: list[str]
    feed_urls: list[str]
    allowed_domains: list[str]
    allow: list[str]
    deny: list[str]
    allow_re: list[re.Pattern[str]]
    deny_re: list[re.Pattern[str]]
    max_depth: int | None
    max_items: int | None
    profile: dict[str, Any] = field(default_factory=dict)


def check_names(names: Any) -> None:
    """Refuse an argument the spider does not take (``_job`` and other underscore names,
    which scrapyd passes, are not spider arguments)."""
    for name in names:
        if name in ARGUMENTS or str(name).startswith("_"):
            continue
        guess = closest(str(name), ARGUMENTS)
        hint = f" (did you mean {guess}?)" if guess else ""
        raise SpiderArgumentError(f"unknown spider argument -a {name}{hint}; accepted: {', '.join(ARGUMENTS)}")


def _whole(name: str, value: str | int | None, least: int) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = least - 1
    if number < least:
        raise SpiderArgumentError(f"-a {name}={value!r}: expected a whole number >= {least}")
    return number


def patterns(name: str, sources: list[str]) -> list[re.Pattern[str]]:
    compiled = []
    for pattern in sources:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise SpiderArgumentError(
                f"-a {name}={pattern!r}: not a regular expression ({exc}); give comma-separated "
                "Python regular expressions matched against the URL") from None
    return compiled


def _profile(site: str | None) -> dict[str, Any]:
    if not site:
        return {}
    try:
        return load_profile(site)
    except ValueError as exc:
        raise SpiderArgumentError(f"-a site={site!r}: {exc}") from None


def parse_arguments(
    start_urls: str | list[str] | None = None, sitemap_urls: str | list[str] | None = None,
    feed_urls: str | list[str] | None = None, site: str | None = None,
    allow: str | list[str] | None = None, deny: str | list[str] | None = None,
    max_depth: str | int | None = None, max_items: str | int | None = None, *, joining: bool = False,
) -> SpiderArguments:
    """The spider's arguments, checked; raise ``SpiderArgumentError`` on the first bad one.
    ``joining``: a worker of a shared crawl (``NEWSCRAWL_REDIS_URL``), which may have
    no seeds and then takes the crawl's whole scope from Redis, so no other argument."""
    profile = _profile(site)
    seeds = {"start_urls": split(start_urls) or split(profile.get("start_urls")),
             "sitemap_urls": split(sitemap_urls) or split(profile.get("sitemap_urls")),
             "feed_urls": split(feed_urls) or split(profile.get("feed_urls"))}
    if not any(seeds.values()):
        if not joining:
            raise SpiderArgumentError(
                "news spider: give -a start_urls=URL[,URL...], sitemap_urls=..., feed_urls=... or site=NAME")
        given = [name for name, value in (("allow", allow), ("deny", deny), ("max_depth", max_depth),
                                          ("max_items", max_items)) if value not in (None, "")]
        if given:
            raise SpiderArgumentError(
                f"-a {given[0]}: a worker without seeds joins the shared crawl in Redis and takes its "
                "scope from there; give the crawl's arguments to the worker that has the seeds")
    for name, urls in seeds.items():
        for url in urls:
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
                raise SpiderArgumentError(f"-a {name}={url!r}: only http(s) URLs with a host are crawled")
    all_seeds = [u for urls in seeds.values() for u in urls]
    hosts = {urlsplit(u).hostname for u in all_seeds} | set(split(profile.get("allowed_domains")))
    allow_list = split(allow) or split(profile.get("allow"))
    deny_list = split(deny) or split(profile.get("deny"))
    return SpiderArguments(
        seed_urls=seeds["start_urls"], sitemap_urls=seeds["sitemap_urls"], feed_urls=seeds["feed_urls"],
        allowed_domains=sorted(h for h in hosts if h), allow=allow_list, deny=deny_list,
        allow_re=patterns("allow", allow_list), deny_re=patterns("deny", deny_list),
        max_depth=_whole("max_depth", max_depth, 0), max_items=_whole("max_items", max_items, 1),
        profile=profile,
    )
