"""The archived record (schema version 2) and its parts, as dataclasses.

Field order and meaning follow docs/design.md; ``newscrawl/schema/article.schema.json``
is the machine-readable contract and must be kept in step with this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

SCHEMA_VERSION = 2


@dataclass(kw_only=True)
class Image:
    url: str
    """Absolute URL."""
    caption: str | None = None
    """Cleaned caption text, if the page gives one."""


@dataclass(kw_only=True)
class RelatedLink:
    title: str
    """Cleaned link text."""
    url: str
    """Absolute URL."""


@dataclass(kw_only=True)
class Article:
    schema_version: int = SCHEMA_VERSION
    """Record schema version; additive changes keep it."""
    id: str = ""
    """sha1 hex of ``canonical_url``; stable across runs."""
    url: str = ""
    """The URL the record came from, after redirects."""
    canonical_url: str = ""
    """``<link rel=canonical>`` if on the same site, else the normalised ``url``."""
    site: str = ""
    """Host without ``www.``, e.g. ``tibet.cn``."""
    site_name: str | None = None
    """The publishing site's own name, e.g. 中國西藏網."""
    title: str = ""
    """Headline, cleaned (no site suffix, no pinyin annotations)."""
    kicker: str | None = None
    """Overline / 引題."""
    subtitle: str | None = None
    """Deck / 副題."""
    description: str | None = None
    """Summary from the page's metadata."""
    authors: list[str] = field(default_factory=list)
    """Person names only."""
    byline: str | None = None
    """The raw byline or dateline, e.g. 本報訊(記者 祁夢竹范俊生)."""
    source: str | None = None
    """Original publisher credited on the page (來源)."""
    editor: str | None = None
    """Responsible editor (責任編輯)."""
    published_at: str | None = None
    """ISO 8601 with UTC offset."""
    modified_at: str | None = None
    """ISO 8601 with UTC offset."""
    language: str | None = None
    """BCP 47 tag: zh-Hans, zh-Hant, en, ..."""
    section: str | None = None
    """Section or category."""
    tags: list[str] = field(default_factory=list)
    """Keywords / tags."""
    body: str = ""
    """The article text, cleaned; paragraphs joined by \\n."""
    images: list[Image] = field(default_factory=list)
    """Images of the article, absolute URLs."""
    related: list[RelatedLink] = field(default_factory=list)
    """Related-article links shown with the article; unique by URL and by title."""
    copyright: str | None = None
    """The copyright / reprint notice shown with the article."""
    content_hash: str = ""
    """sha256 hex of the normalised body."""
    duplicate_of: str | None = None
    """``id`` of the earlier record whose body is the same or nearly the same."""
    discovered_via: str = "link"
    """How the crawl found the page: seed, sitemap, feed or link."""
    fetched_at: str = ""
    """ISO 8601 UTC time of the fetch."""
    http_status: int = 200
    """HTTP status of the final response."""
    crawl_id: str = ""
    """The run that wrote the record."""
    warc_file: str | None = None
    """The WARC file holding the page's response, relative to the archive root
    (``warc/date=YYYY-MM-DD/<crawl_id>-<n>.warc.gz``); None when capture was off."""
    warc_record_id: str | None = None
    """``WARC-Record-ID`` of that response record (``<urn:uuid:...>``); None when capture was off."""


#: Fields set by the crawl rather than read from the page.
CRAWL_FIELDS = ("duplicate_of", "discovered_via", "fetched_at", "http_status", "crawl_id",
                "warc_file", "warc_record_id")
RECORD_FIELDS = tuple(f.name for f in fields(Article))
