"""Near-duplicate bodies: shingling, signatures, and the calibration set (syndicated
copies must match, look-alike articles must not)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from newscrawl.dedup.calibration import Pair, lookalike_pairs, sample_bodies, syndicated_pairs
from newscrawl.dedup.fingerprints import (
    BANDS,
    MIN_SHINGLES,
    NUM_PERM,
    SCHEME,
    SEED,
    Fingerprinter,
    is_cjk,
    minhash,
    normalise,
    permutations,
    shingle_hashes,
)
from newscrawl.dedup.near import THRESHOLD, DuplicateFinder
from newscrawl.dedup.state import SqliteState

SYNDICATED = list(syndicated_pairs())
LOOKALIKES = list(lookalike_pairs())


def test_signatures_equal_datasketchs_bit_for_bit() -> None:
    """newscrawl computes datasketch's affine32 MinHash itself (importing datasketch
    costs the crawl 61 MB); every calibration body, the empty one and random inputs
    must give datasketch's exact signature, or stored indexes would stop matching."""
    from datasketch import MinHash

    a, b = permutations()
    reference = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    assert (a == reference.permutations[0]).all() and (b == reference.permutations[1]).all()
    rng = np.random.default_rng(7)
    inputs = [shingle_hashes(body) for pair in SYNDICATED + LOOKALIKES for body in (pair.a, pair.b)]
    inputs += [np.zeros(0, dtype=np.uint32), np.array([0, 1, 0xFFFFFFFF], dtype=np.uint32),
               rng.integers(0, 1 << 32, 5000, dtype=np.uint32)]
    for hashes in inputs:
        theirs = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=lambda v: v, scheme=SCHEME,
                         permutations=reference.permutations)
        theirs.update_batch(hashes.tolist())
        ours = minhash(hashes, a, b)
        assert ours.dtype == np.uint32
        assert (ours == np.asarray(theirs.hashvalues, dtype=np.uint32)).all()


def test_a_crawl_on_one_machine_does_not_import_datasketch_scipy_or_redis() -> None:
    code = ("import sys, newscrawl.dedup.near, newscrawl.pipelines.dedup, newscrawl.distributed.addon, "
            "newscrawl.spiders.news; print(sorted(m for m in ('datasketch', 'scipy', 'redis') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def fingerprinter() -> Fingerprinter:
    return Fingerprinter()


@pytest.mark.parametrize(
    ("text", "cjk"),
    [
        ("新华社北京7月24日电 记者24日从中央气象台获悉", True),
        ("本報訊(記者 祁夢竹范俊生)昨天下午", True),
        ("SINGAPORE, July 24 (Reuters) - Spot rates fell", False),
        ("iPhone 14 在中国发布，售价5999元起", True),
        ("The word 中国 appears once in this English sentence about trade.", False),
        ("", False),
    ],
)
def test_script_detection(text: str, cjk: bool) -> None:
    assert is_cjk(normalise(text)) is cjk


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Spot rates fell, analysts said.", "spot RATES fell analysts said"),  # case, punctuation
        ("记者24日从中央气象台获悉，当前我国南方地区高温", "记者２４日从中央气象台获悉 当前我国南方地区高温"),  # width, spaces
    ],
)
def test_shingles_ignore_case_width_and_punctuation(a: str, b: str) -> None:
    assert np.array_equal(shingle_hashes(a), shingle_hashes(b))


def test_empty_and_tiny_bodies(fingerprinter: Fingerprinter) -> None:
    assert len(shingle_hashes("")) == 0
    assert not fingerprinter.fingerprint("Short note.").usable
    assert fingerprinter.fingerprint(next(iter(sample_bodies().values()))).shingles >= MIN_SHINGLES


def test_signature_is_stable_across_processes(fingerprinter: Fingerprinter) -> None:
    body = sample_bodies()["en_wire"]
    code = ("from newscrawl.dedup.calibration import sample_bodies;"
            "from newscrawl.dedup.fingerprints import Fingerprinter;"
            "print(Fingerprinter().fingerprint(sample_bodies()['en_wire']).to_bytes().hex())")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "12345", "PATH": ""}).stdout.strip()
    assert other == fingerprinter.fingerprint(body).to_bytes().hex()


def test_band_keys(fingerprinter: Fingerprinter) -> None:
    fp = fingerprinter.fingerprint(sample_bodies()["museum_modern"])
    keys = fingerprinter.band_keys(fp.signature)
    assert len(fp.signature) == NUM_PERM and len(keys) == BANDS == len(set(keys))
    assert all(-(2**31) <= k < 2**31 for k in keys)


@pytest.mark.parametrize("pair", SYNDICATED, ids=[p.name for p in SYNDICATED])
def test_syndicated_copy_matches(pair: Pair, fingerprinter: Fingerprinter) -> None:
    a, b = fingerprinter.fingerprint(pair.a), fingerprinter.fingerprint(pair.b)
    assert fingerprinter.similarity(a.signature, b.signature) >= THRESHOLD + 0.1  # margin, see near.py


@pytest.mark.parametrize("pair", LOOKALIKES, ids=[p.name for p in LOOKALIKES])
def test_lookalikes_do_not_match(pair: Pair, fingerprinter: Fingerprinter) -> None:
    a, b = fingerprinter.fingerprint(pair.a), fingerprinter.fingerprint(pair.b)
    assert fingerprinter.similarity(a.signature, b.signature) <= THRESHOLD - 0.15


def _finder() -> DuplicateFinder:
    return DuplicateFinder(SqliteState(":memory:"))


def test_finder_first_record_wins() -> None:
    finder = _finder()
    body = sample_bodies()["en_wire"]
    first, second = "a" * 40, "b" * 40
    verdict = finder.check(first, body, "01" * 32)
    assert verdict.duplicate_of is None
    finder.remember(first, "01" * 32, duplicate_of=None, fingerprint=verdict.fingerprint)
    copy = next(p.b for p in SYNDICATED if p.name == "syndicated-en_wire-combined")
    verdict = finder.check(second, copy, "02" * 32)
    assert (verdict.duplicate_of, verdict.kind) == (first, "near")
    finder.remember(second, "02" * 32, duplicate_of=first)
    # A copy of the copy (same bytes as the second record) still points at the first.
    assert finder.check("c" * 40, copy, "02" * 32).duplicate_of == first


def test_finder_exact_match_by_content_hash() -> None:
    finder = _finder()
    finder.remember("a" * 40, "0f" * 32, duplicate_of=None, body="Short note.")
    verdict = finder.check("b" * 40, "Short note.", "0f" * 32)
    assert (verdict.duplicate_of, verdict.kind) == ("a" * 40, "exact")


def test_finder_ignores_its_own_record() -> None:
    finder = _finder()
    body = sample_bodies()["hk_heat"]
    finder.remember("a" * 40, "0a" * 32, duplicate_of=None, body=body)
    assert finder.check("a" * 40, body, "0a" * 32).duplicate_of is None


@pytest.mark.parametrize("threshold", [0.0, -1.0, 1.5])
def test_finder_rejects_bad_threshold(threshold: float) -> None:
    with pytest.raises(ValueError):
        DuplicateFinder(SqliteState(":memory:"), threshold=threshold)
