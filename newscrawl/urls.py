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
    host lower-cased (w3lib's canonical form): a real, fetchable URL. A URL with no
    canonical form (a port that is no number or out of range, a broken IPv6 host, a
    lone surrogate) comes back stripped, as given: never an exception."""
    try:
        return _canonical(url)
    except ValueError:  # UnicodeError is one
        return url.strip()


def _canonical(url: str) -> str:
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
    key = normalize_url(url)
    try:
        parts = urlsplit(key)
    except ValueError:  # no canonical form: the URL as given is its key
        return key
    netloc = parts.netloc
    if netloc.startswith("www."):
        netloc = netloc[4:]
    return urlunsplit(("", netloc, parts.path, parts.query, ""))[2:]


def site_of(url: str) -> str:
    """Host without ``www.`` and without a port, e.g. ``tibet.cn`` (docs/record.md)."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:  # a broken IPv6 host ("http://[::1"): no site
        return ""
    if host.startswith("www."):
        host = host[4:]
    return host



def record_id(canonical_url: str) -> str:
    """sha1 hex of the canonical URL's key (scheme and ``www.`` folded): the record id,
    stable across runs and shared by the http/https and www/bare variants of a page."""
    # surrogatepass: a str URL with a lone surrogate (a caller's surrogateescape) still has an id
    return hashlib.sha1(url_key(canonical_url).encode("utf-8", "surrogatepass")).hexdigest()


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
    try:
        url = urljoin(base, href)
    except ValueError:  # "http://[::1" as the link or the base
        return None
    found = _HTTP_URL.match(url)
    if len(url) > MAX_URL_LENGTH or not found or not _parses(url):
        return None
    return found.group(1).lower() + url[found.end(1):]  # HTTP://… as http://…


#: What may follow a bracketed IPv6 host: nothing or a port (w3lib refuses the rest).
_AFTER_IPV6 = re.compile(r"\[[^\[\]]*\](?::\d*)?")


def _parses(url: str) -> bool:
    """Whether ``url`` has a host and a port (if any) that ``normalize_url`` can
    canonicalise: a link to "http://example.com:99999/", "http://[::1" or
    "http://x[::1]/" is no page."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is no number or out of range
    except ValueError:
        return False
    host_port = parts.netloc.rpartition("@")[2]
    if ("[" in host_port or "]" in host_port) and not _AFTER_IPV6.fullmatch(host_port):
        return False
    return bool(parts.hostname)
