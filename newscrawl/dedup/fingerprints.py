"""Body fingerprints for near-duplicate detection: shingles, MinHash signatures and
LSH band keys (MinHash, datasketch's affine32 scheme).

Shingling
---------
The cleaned body is NFKC-normalised and case-folded. A body whose letters are
mostly CJK (>= ``CJK_SHARE``) is shingled by characters: punctuation and
whitespace are dropped, then every ``CHAR_SHINGLE`` consecutive characters form
one shingle (Chinese has no spaces and a word is 1-4 characters). Any other body
is shingled by words: ``\\w+`` tokens, ``WORD_SHINGLE`` consecutive tokens per
shingle. Shingles are hashed without Python-level loops: a polynomial rolling hash
over code points (characters) or over CRC-32 token ids (words), folded to 32 bits,
then fed to MinHash as datasketch 2.0 computes it with its ``affine32`` scheme and an
identity hash function: each input pre-mixed with the MurmurHash3 finaliser, then
``a * h + b`` mod 2^32 per permutation (odd ``a``), the minimum kept.

That kernel is computed here, not by importing datasketch: its package imports its
LSH module, which imports scipy, and its storage module, which imports redis, and the
crawl process paid 61 MB resident for them (measured: RSS after ``import datasketch``
minus after ``import numpy``, 76 vs 15 MB) while newscrawl keeps its own LSH bands.
``tests/test_dedup_near.py`` checks the signatures equal datasketch's, bit for bit,
so an index built either way is the same (``Fingerprinter.version`` unchanged).

Calibration (``.venv/bin/python bench/dedup.py calibrate``; cases in
``newscrawl.dedup.calibration``): shingle sizes 3-6 were swept, by characters and by
words, over 52 syndicated copies (the 13 distinct sample-site bodies, each with
four light edit patterns) and 22 look-alike pairs (distinct bodies of one script
carrying the same opening line, related-news list and copyright block, as a leaky
extractor leaves them). Exact Jaccard, lowest syndicated / highest look-alike:

======  ===============  ===============
k       CJK characters   words
======  ===============  ===============
3       0.695 / 0.270    0.726 / 0.183
4       0.687 / 0.264    0.707 / 0.179
5       0.678 / 0.261    0.688 / 0.175
6       0.668 / 0.259    0.668 / 0.174
======  ===============  ===============

The gap barely moves (0.41-0.54), so the choice rests on what this small set
cannot show, a large corpus: short shingles make unrelated texts share common
n-grams (between distinct same-script sample bodies, 3 characters give a mean
Jaccard of 0.0016 and a max of 0.006, 4 characters 0.0003 / 0.0018); long ones
lose more to each edit. 4 characters (about two Chinese words) and 5 words (the
usual choice for English near-duplicate detection, e.g. data-juicer) it is.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

#: Characters per shingle for CJK bodies.
CHAR_SHINGLE = 4
#: Words per shingle for other bodies.
WORD_SHINGLE = 5
#: Share of CJK among the letters of a body above which it is shingled by characters.
CJK_SHARE = 0.3
#: MinHash permutations: 128 gives a standard error of sqrt(J(1-J)/128) <= 0.044.
NUM_PERM = 128
#: LSH bands x rows (BANDS * ROWS == NUM_PERM); see ``newscrawl.dedup.near``.
BANDS = 32
ROWS = 4
SEED = 1
SCHEME = "affine32"
#: Bodies with fewer shingles are matched by exact ``content_hash`` only: MinHash
#: over a handful of shingles is too coarse to call two texts "nearly the same".
MIN_SHINGLES = 12

#: The CJK code point ranges (kana, CJK ideographs and extension A, compatibility
#: ideographs, Hangul syllables), as inclusive (first, last) pairs.
_CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xAC00, 0xD7AF))
_WORD = re.compile(r"\w+")
_NON_WORD = re.compile(r"[\W_]+")
_MULT = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant (golden ratio)
_MASK32 = np.uint64(0xFFFFFFFF)


#: MurmurHash3's 32-bit finaliser: (shift, multiplier, shift, multiplier, shift).
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_MAX32 = np.uint32(0xFFFFFFFF)


def permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` of ``num_perm`` affine permutations, drawn as datasketch draws them."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def minhash(hashes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """MinHash signature (``len(a)`` uint32 values) of 32-bit input hashes."""
    if not len(hashes):
        return np.full(len(a), _MAX32, dtype=np.uint32)
    s1, m1, s2, m2, s3 = _FMIX32
    with np.errstate(over="ignore"):
        hv = hashes.astype(np.uint32)
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        hv = (hv ^ (hv >> s3)).reshape(-1, 1)
        return (hv * a + b).min(axis=0)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def is_cjk(text: str) -> bool:
    """Whether CJK characters make up at least ``CJK_SHARE`` of the letters."""
    return _cjk_letters(text) is not None


def _cjk_letters(text: str) -> str | None:
    """The letters of ``text`` (punctuation, spaces and ``_`` dropped) when it is CJK
    by ``is_cjk``'s rule, else None: the crawl shingles every body, so the letters
    are cut out once and serve both the test and the character shingles."""
    cjk = _cjk_count(text)
    if not cjk:  # no CJK at all: never CJK, and the letters need not be cut (most bodies)
        return None
    letters = _NON_WORD.sub("", text)
    if letters and cjk >= CJK_SHARE * len(letters):
        return letters
    return None


def _cjk_count(text: str) -> int:
    """How many of ``text``'s characters are CJK, counted over its code points at once
    (a regex findall built one string per character: most of a Chinese body's cost)."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return int(sum(np.count_nonzero((points >= first) & (points <= last)) for first, last in _CJK_RANGES))


def _rolling(ids: np.ndarray, k: int) -> np.ndarray:
    """32-bit hashes of every window of ``k`` consecutive ids (one window if shorter)."""
    n = len(ids) - k + 1
    if n <= 0:
        ids = np.concatenate([ids, np.zeros(k - len(ids), dtype=np.uint64)])
        n = 1
    with np.errstate(over="ignore"):
        h = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            h = h * _MULT + ids[j : j + n] + np.uint64(j + 1)
        return ((h ^ (h >> np.uint64(32))) & _MASK32).astype(np.uint32)


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted unique 32-bit hashes of the body's shingles (empty for an empty body)."""
    text = normalise(text)
    chars = _cjk_letters(text)
    if chars is not None:
        ids = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        return np.unique(_rolling(ids, CHAR_SHINGLE))
    words = _WORD.findall(text)
    if not words:
        return np.zeros(0, dtype=np.uint32)
    # map over builtins, not a generator expression: half the cost per word.
    ids = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    return np.unique(_rolling(ids, WORD_SHINGLE))


@dataclass(frozen=True)
class Fingerprint:
    """A body's MinHash signature (``NUM_PERM`` uint32 values) and shingle count."""

    signature: np.ndarray
    shingles: int

    @property
    def usable(self) -> bool:
        return self.shingles >= MIN_SHINGLES

    def to_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()


class Fingerprinter:
    """Turns bodies into signatures and band keys. The permutations are drawn once
    per instance (datasketch would draw them for every MinHash)."""

    #: Changes whenever signatures or band keys would come out differently, so a
    #: stored index built with other parameters is rebuilt instead of mixed.
    version = f"minhash:{SCHEME}:{NUM_PERM}:{SEED}:c{CHAR_SHINGLE}:w{WORD_SHINGLE}:b{BANDS}x{ROWS}:v1"

    def __init__(self) -> None:
        self._a, self._b = permutations()

    def fingerprint(self, body: str) -> Fingerprint:
        hashes = shingle_hashes(body)
        return Fingerprint(minhash(hashes, self._a, self._b), len(hashes))

    @staticmethod
    def band_keys(signature: np.ndarray) -> list[int]:
        """One signed 32-bit bucket key per band, the band's number mixed in. 32 bits
        keep the stored bucket rows small (SQLite stores the key in 4 bytes); a
        chance collision only adds a candidate that the signature check rejects
        (with 1M records: ~0.75% of lookups, one extra row each)."""
        rows = signature.astype("<u4").reshape(BANDS, ROWS)
        keys = []
        for band, values in enumerate(rows):
            digest = hashlib.blake2b(values.tobytes(), digest_size=4, person=band.to_bytes(2, "big")).digest()
            keys.append(int.from_bytes(digest, "big", signed=True))
        return keys

    @staticmethod
    def from_bytes(data: bytes) -> np.ndarray:
        return np.frombuffer(data, dtype="<u4")

    @staticmethod
    def similarity(a: np.ndarray, b: np.ndarray) -> float:
        """Estimated Jaccard similarity of two signatures (share of equal values)."""
        return float(np.count_nonzero(a == b)) / len(a)
