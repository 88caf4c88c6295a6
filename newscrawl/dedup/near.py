"""Is this record's body the same as, or nearly the same as, an earlier record's?

Exact first (``content_hash``, sha256 of the normalised body), then near: MinHash
signatures of the body's shingles (``newscrawl.dedup.fingerprints``) looked up
through LSH buckets stored in the ``RecordIndex``, so earlier runs and other sites
are searched without holding the index in memory. A candidate is confirmed when
the estimated Jaccard similarity of the two signatures reaches ``THRESHOLD``; of
the confirmed candidates the first stored record wins, so ``duplicate_of`` is the
``id`` of the first record of the story.

Calibration (``.venv/bin/python bench/dedup.py calibrate``, cases in
``newscrawl.dedup.calibration``; MinHash estimates with the shipped parameters):

==========================================  =====  =========================
case                                        pairs  estimated similarity
==========================================  =====  =========================
syndicated copy, light edits (must match)   52     min 0.680, mean 0.893
look-alikes, leaked boilerplate (must not)  22     max 0.234, mean 0.175
distinct bodies, same script, undressed     22     max 0.008, mean 0.0004
one story, Traditional vs Simplified        1      0.117 (not a duplicate)
==========================================  =====  =========================

``THRESHOLD = 0.5`` sits in the middle of the gap: the estimate's standard error
at 128 permutations is at most 0.044, so the lowest syndicated copy and the
highest look-alike are each about 4 standard errors away from it. The LSH has 32
bands of 4 rows: a pair at similarity 0.68 becomes a candidate with probability
1 - (1 - 0.68^4)^32 = 0.9995 (0.87 at 0.5); a look-alike at 0.23 with probability
0.09, and is then rejected by the signature comparison. End to end (bench/dedup.py
near, 100k synthetic bodies indexed): recall 1.0 on lightly edited copies, no
false positive in 1,800 new bodies.
"""

from __future__ import annotations

from dataclasses import dataclass

from newscrawl.dedup.fingerprints import Fingerprint, Fingerprinter
from newscrawl.dedup.state import RecordIndex, SharedIndex

#: Estimated Jaccard similarity from which two bodies are one story (see above).
THRESHOLD = 0.5


@dataclass(frozen=True)
class Verdict:
    duplicate_of: str | None = None
    """``id`` of the first record with the same or nearly the same body."""
    kind: str | None = None
    """``exact`` or ``near``."""
    similarity: float = 0.0
    fingerprint: Fingerprint | None = None
    """The body's fingerprint, computed on the way (None after an exact match)."""


class DuplicateFinder:
    def __init__(self, index: RecordIndex, *, threshold: float = THRESHOLD,
                 fingerprinter: Fingerprinter | None = None) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        self.index = index
        self.threshold = threshold
        self.fingerprinter = fingerprinter or Fingerprinter()

    def check(self, record_id: str, body: str, content_hash: str) -> Verdict:
        """The earlier record this one duplicates, if any; changes nothing."""
        if content_hash:
            original = self.index.first_with_content(content_hash)
            if original and original != record_id:
                return Verdict(original, "exact", 1.0)
        fingerprint = self.fingerprinter.fingerprint(body or "")
        if not fingerprint.usable:
            return Verdict(fingerprint=fingerprint)
        signature = fingerprint.signature
        for candidate in self.index.candidates(self.fingerprinter.band_keys(signature)):
            if candidate.record_id == record_id:
                continue
            similarity = self.fingerprinter.similarity(signature, self.fingerprinter.from_bytes(candidate.signature))
            if similarity >= self.threshold:
                return self._exact_since(record_id, content_hash) or Verdict(
                    candidate.record_id, "near", similarity, fingerprint)
        return Verdict(fingerprint=fingerprint)

    def _exact_since(self, record_id: str, content_hash: str) -> Verdict | None:
        """An exact original stored after the first lookup: on a shared state another
        worker may claim the same body between the exact and the near lookups, and an
        exact copy must not be called a near one."""
        original = self.index.first_with_content(content_hash) if content_hash else None
        return Verdict(original, "exact", 1.0) if original and original != record_id else None

    def claim(self, record_id: str, content_hash: str, verdict: Verdict) -> Verdict | None:
        """Make an original's ``verdict`` (from ``check``) hold across workers, on a
        ``SharedIndex``: claim the record now, atomically with the exact check, then
        compare it with the near candidates claimed before it (lower ``seq``): the
        first similar one is its original and the record is settled as its copy. Of
        two copies judged at once on two workers, exactly one stays the original.
        None: another worker claimed this very record id."""
        index = self.index
        assert isinstance(index, SharedIndex)
        fingerprint = verdict.fingerprint
        usable = fingerprint is not None and fingerprint.usable
        buckets = self.fingerprinter.band_keys(fingerprint.signature) if fingerprint is not None and usable else []
        claim = index.claim_record(record_id, content_hash, buckets=buckets,
                                   signature=fingerprint.to_bytes() if fingerprint is not None and usable else None)
        if claim.original:
            return Verdict(claim.original, "exact", 1.0, fingerprint)
        if claim.seq is None:
            return None
        if fingerprint is not None and usable:
            for candidate in index.candidates(buckets):  # in seq order
                if candidate.seq >= claim.seq:
                    break
                similarity = self.fingerprinter.similarity(fingerprint.signature,
                                                           self.fingerprinter.from_bytes(candidate.signature))
                if similarity >= self.threshold:
                    index.settle_duplicate(record_id, candidate.record_id, buckets)
                    return Verdict(candidate.record_id, "near", similarity, fingerprint)
        return verdict

    def remember(self, record_id: str, content_hash: str, *, duplicate_of: str | None,
                 body: str | None = None, fingerprint: Fingerprint | None = None,
                 committed: bool = False) -> None:
        """Store a record that was (or is being) written. Only originals are indexed
        for near matches: a copy of a copy still finds the first record."""
        if duplicate_of:
            self.index.add_record(record_id, content_hash, duplicate_of=duplicate_of, signature=None,
                                  committed=committed)
            return
        if fingerprint is None:
            fingerprint = self.fingerprinter.fingerprint(body or "")
        if fingerprint.usable:
            self.index.add_record(record_id, content_hash, duplicate_of=None, signature=fingerprint.to_bytes(),
                                  buckets=self.fingerprinter.band_keys(fingerprint.signature),
                                  committed=committed)
        else:
            self.index.add_record(record_id, content_hash, duplicate_of=None, signature=None, committed=committed)
