"""Mark (or drop) records whose body repeats an earlier record's, across sites and
runs; drop records whose page is already in the archive. The logic is in
``newscrawl.dedup``; this adapter keeps the per-item bookkeeping."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.dedup.extension import DedupState
from newscrawl.dedup.near import THRESHOLD, DuplicateFinder, Verdict
from newscrawl.dedup.state import SharedIndex, SqliteState
from newscrawl.pipelines import drop

logger = logging.getLogger(__name__)

MODES = ("mark", "drop")


class DedupPipeline:
    def __init__(self, crawler: Any, finder: DuplicateFinder, mode: str, state: DedupState | None) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.finder = finder
        self.index = finder.index
        self.mode = mode
        self.state = state
        # Verdicts (and content hashes) of items between this pipeline and the end of
        # the chain: a record is stored as written only when it has passed validation
        # and the archive; until then later items are checked against it here.
        self._pending: dict[str, tuple[str, Verdict]] = {}
        # A state several workers share (Redis): originals are claimed in it when
        # judged (DuplicateFinder.claim); record id -> id() of the item that claimed it,
        # released if that item is dropped after all.
        self.shared: SharedIndex | None = self.index if isinstance(self.index, SharedIndex) else None
        self._claims: dict[str, int] = {}
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_left, signal=signals.item_dropped)
        crawler.signals.connect(self.item_left, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_DEDUP_ENABLED"):
            raise NotConfigured("NEWSCRAWL_DEDUP_ENABLED is off")
        mode = str(settings.get("NEWSCRAWL_DUPLICATES") or "mark").strip().lower()
        if mode not in MODES:
            raise ValueError(f"NEWSCRAWL_DUPLICATES must be one of {', '.join(MODES)}, got {mode!r}")
        state = crawler.get_extension(DedupState)
        if state is not None:
            finder = state.finder
        else:  # no state across runs: duplicates are still found within this run
            finder = DuplicateFinder(SqliteState(":memory:"),
                                     threshold=settings.getfloat("NEWSCRAWL_DEDUP_THRESHOLD", THRESHOLD))
        return cls(crawler, finder, mode, state)

    def process_item(self, item: Any) -> Any:
        record = ItemAdapter(item)
        record_id = record.get("id")
        if not record_id or "content_hash" not in record:
            return item
        url = str(record.get("url"))
        if record_id in self._pending or self.index.has_record(record_id):
            raise drop(self.crawler, "already_archived", url, f"record {record_id} is already archived")
        content_hash = record.get("content_hash") or ""
        verdict = self.finder.check(record_id, record.get("body") or "", content_hash)
        if not verdict.duplicate_of:
            verdict = self._pending_original(content_hash, verdict)
        if self.shared is not None and not verdict.duplicate_of:
            verdict = self._claim(item, record_id, content_hash, verdict, url)
        if verdict.duplicate_of:
            self.stats.inc_value(f"newscrawl/duplicates/{verdict.kind}")
            detail = f"{verdict.kind} duplicate of {verdict.duplicate_of} (similarity {verdict.similarity:.2f})"
            if self.mode == "drop":
                if self.state is not None:
                    urls = [url, str(record.get("canonical_url") or url)]
                    self.state.note_dropped_duplicate(urls, verdict.duplicate_of)
                raise drop(self.crawler, "duplicate", url, detail)
            logger.debug("%s: %s", url, detail)
            record["duplicate_of"] = verdict.duplicate_of
        self._pending[record_id] = (content_hash, verdict)
        return item

    def _claim(self, item: Any, record_id: str, content_hash: str, verdict: Verdict, url: str) -> Verdict:
        """An original, claimed in the shared state: the verdict that holds across workers."""
        claimed = self.finder.claim(record_id, content_hash, verdict)
        if claimed is None:
            raise drop(self.crawler, "already_archived", url, f"record {record_id} is claimed by another worker")
        self._claims[record_id] = id(item)
        return claimed

    def _pending_original(self, content_hash: str, verdict: Verdict) -> Verdict:
        """The first original still on its way to the archive whose body this one
        repeats: two copies in flight at once (pages extracted in parallel) must
        not both pass as originals."""
        mine = verdict.fingerprint
        fingerprinter = self.finder.fingerprinter
        for other_id, (other_hash, other) in self._pending.items():
            if other.duplicate_of:
                continue  # a copy: its original is stored or pending itself
            if content_hash and other_hash == content_hash:
                return Verdict(other_id, "exact", 1.0, mine)
            theirs = other.fingerprint
            if mine is not None and theirs is not None and mine.usable and theirs.usable:
                similarity = fingerprinter.similarity(mine.signature, theirs.signature)
                if similarity >= self.finder.threshold:
                    return Verdict(other_id, "near", similarity, mine)
        return verdict

    def item_scraped(self, item: Any) -> None:
        record = ItemAdapter(item)
        self._claims.pop(str(record.get("id")), None)
        pending = self._pending.pop(str(record.get("id")), None)
        if pending is None:
            return
        verdict = pending[1]
        self.finder.remember(str(record["id"]), record.get("content_hash") or "",
                             duplicate_of=verdict.duplicate_of, body=record.get("body") or "",
                             fingerprint=verdict.fingerprint)

    def item_left(self, item: Any, **kwargs: Any) -> None:
        if not ItemAdapter.is_item(item):
            return
        record_id = str(ItemAdapter(item).get("id"))
        self._pending.pop(record_id, None)
        if self._claims.get(record_id) == id(item):  # not an item dropped for having a claimed id
            del self._claims[record_id]
            if self.shared is not None:
                self.shared.release_record(record_id)
