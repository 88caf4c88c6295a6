"""URL normalisation shared by the spider, extraction and dedup: canonical form, site, ids."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

#: Query parameters that identify a visit, not a page. Names are matched
#: case-insensitively; entries ending in ``*`` are prefixes.
TRACKING_PARAMS = (
    "utm_*", "spm", "from", "share", "share_*", "shareid", "ref", "ref_*", "referrer",
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid",
    "_ga", "_gl", "cmpid", "ocid", "wt.mc_id", "ncid", "sr_share", "scene", "srcid",
    "isappinstalled", "clicktime", "enterid", "wfr", "sessionid", "sid", "jsessionid",
    "phpsessid", "s_cid",
)
_EXACT = frozenset(p for p in TRACKING_PARAMS if not p.endswith("*"))
_PREFIXES = tuple(p[:-1] for p in TRACKING_PARAMS if p.endswith("*"))
_SESSION_IN_PATH = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.I)


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in _EXACT or low.startswith(_PREFIXES)


def normalize_url(url: str) -> str:
    """``url`` without tracking parameters, session ids and fragment, query sorted and
    host lower-cased (w3lib's canonical form): a real, fetchable URL."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    path = _SESSION_IN_PATH.sub("", parts.path) or "/"
    scheme, netloc = parts.scheme.lower(), parts.netloc.lower()
    if (scheme, netloc.rpartition(":")[2]) in (("http", "80"), ("https", "443")):
        netloc = netloc.rpartition(":")[0]
    rebuilt = urlunsplit((scheme, netloc, path, urlencode(query), ""))
    return canonicalize_url(rebuilt, keep_fragments=False)


def url_key(url: str) -> str:
    """The identity of a page: ``normalize_url`` with the scheme and a leading ``www.``
    folded away, so http/https and www/bare-host variants of one page are one key."""
    parts = urlsplit(normalize_url(url))
    netloc = parts.netloc
    if netloc.startswith("www."):
        netloc = netloc[4:]
    return urlunsplit(("", netloc, parts.path, parts.query, ""))[2:]


def site_of(url: str) -> str:
    """Host without ``www.`` and without a port, e.g. ``tibet.cn`` (docs/record.md)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    return host



def record_id(canonical_url: str) -> str:
    """sha1 hex of the canonical URL's key (scheme and ``www.`` folded): the record id,
    stable across runs and shared by the http/https and www/bare variants of a page."""
    return hashlib.sha1(url_key(canonical_url).encode("utf-8")).hexdigest()


#: What a record's URL fields hold (the schema's ``http_url``): scheme, "://", a host.
#: "http:\ufffd/bbs.sohu.com/" from a mangled page joins to a URL without a host.
_HTTP_URL = re.compile(r"^(https?)://[^\s/]+", re.I)
#: Longest link taken from a page: Scrapy's own URLLENGTH_LIMIT default. A longer one
#: is no page to follow or cite, and canonicalising a 300,000-character host (IDNA)
#: took a fuzzed page over a second.
MAX_URL_LENGTH = 2083


def absolute(base: str, href: str | None) -> str | None:
    """``href`` made absolute against ``base`` (scheme lower-cased); None unless it is
    an http(s) URL with a host, and for links longer than MAX_URL_LENGTH."""
    if not href:
        return None
    href = href.strip()
    if not href or len(href) > MAX_URL_LENGTH or href.startswith(("javascript:", "mailto:", "tel:", "#", "data:")):
        return None
    url = urljoin(base, href)
    found = _HTTP_URL.match(url)
    if len(url) > MAX_URL_LENGTH or not found:
        return None
    return found.group(1).lower() + url[found.end(1):]  # HTTP://… as http://…
