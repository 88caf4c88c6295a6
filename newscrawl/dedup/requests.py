"""Request fingerprints on the canonical URL, so that tracking parameters, parameter
order, fragments and session ids never make one page two requests."""

from __future__ import annotations

import hashlib
from typing import Any
from weakref import WeakKeyDictionary

from scrapy import Request

from newscrawl.urls import normalize_url


class CanonicalRequestFingerprinter:
    """Fingerprint = sha1(method, normalised URL, body). The scheme and ``www.`` are
    kept: folding them would make an http -> https redirect look like a duplicate of
    the request that caused it, and the page would never be fetched."""

    def __init__(self) -> None:
        self._cache: WeakKeyDictionary[Request, bytes] = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler: Any) -> CanonicalRequestFingerprinter:
        return cls()

    def fingerprint(self, request: Request) -> bytes:
        cached = self._cache.get(request)
        if cached is None:
            digest = hashlib.sha1()
            for part in (request.method.encode(), normalize_url(request.url).encode(), request.body or b""):
                digest.update(len(part).to_bytes(8, "big"))
                digest.update(part)
            cached = self._cache[request] = digest.digest()
        return cached
