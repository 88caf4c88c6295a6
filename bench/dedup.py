"""Dedup benchmark: seen-state lookups and near-duplicate checks at scale (not a test).

Run by hand from the repo root::

    .venv/bin/python bench/dedup.py [all|seen|near|calibrate]
        [--urls 1000000] [--bodies 100000] [--queries 2000] [--dir DIR]

``seen``: builds SQLite states with 10k, 100k and ``--urls`` URL keys (once, in
``--dir``, default a temp dir that is kept for re-runs under
``$TMPDIR/newscrawl-bench-dedup``), then times 200k lookups (half hits, half
misses, random order, so the small LRU rarely helps) and reports peak RSS. Every
measurement runs in a fresh child process, so peak RSS (``ru_maxrss``) belongs to
that phase alone.

``near``: indexes 10k and ``--bodies`` synthetic bodies (words drawn from a
30k-word Zipf vocabulary, a third of them CJK from a 3,500-character one), then
times ``--queries`` full checks (exact hash, shingling + MinHash, LSH bucket
lookup in SQLite, signature comparison; 10% of the queries are lightly edited
copies of indexed bodies) and the same check plus storing the record. For
comparison it also loads every signature into datasketch's in-memory
``MinHashLSH`` (the "rebuild the LSH on start" design): build time, peak RSS and
query time.

``calibrate``: the near-duplicate calibration table (``newscrawl.dedup.calibration``)
and the shingle-size sweep behind the parameters in ``newscrawl.dedup.fingerprints``.

Targets: >= 50k lookups/s with RSS flat in the store size; <= 2 ms per record
with 100k bodies indexed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from newscrawl.dedup.state import STATE_FILE, SqliteState  # noqa: E402

SEEN_LOOKUPS = 200_000
DEFAULT_DIR = Path(tempfile.gettempdir()) / "newscrawl-bench-dedup"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- synthetic data ------------------------------------------------------------------------


def url_of(i: int) -> str:
    return f"example{i % 997}.com/news/2026/{i % 12 + 1:02d}/{i * 2654435761 % 10**9}/story-{i}.html"


class Corpus:
    """Deterministic synthetic bodies: ``body(i)`` is the same in every process."""

    def __init__(self) -> None:
        rng = np.random.default_rng(7)
        syllables = np.array([a + b for a in "bcdfghjklmnprstvwz" for b in ("a", "e", "i", "o", "u", "ai", "ou", "ee")],
                             dtype=object)
        picks = rng.integers(0, len(syllables), size=(80_000, 3))
        lengths = rng.integers(1, 4, size=80_000)
        words = {"".join(syllables[row[:n]]) for row, n in zip(picks, lengths, strict=True)}
        self.words = np.array(sorted(words)[:30_000])
        cjk = [chr(c) for c in range(0x4E00, 0x4E00 + 3500)]
        self.chars = np.array(cjk)
        self.word_p = self._zipf(len(self.words))
        self.char_p = self._zipf(len(self.chars))

    @staticmethod
    def _zipf(n: int) -> np.ndarray:
        w = 1.0 / np.arange(1, n + 1)
        return w / w.sum()

    def body(self, i: int) -> str:
        rng = np.random.default_rng(1_000_003 * i + 11)
        if i % 3 == 0:
            n = int(rng.integers(400, 1200))
            chars = rng.choice(self.chars, n, p=self.char_p)
            return "\n".join("".join(chars[k : k + 120]) + "。" for k in range(0, n, 120))
        n = int(rng.integers(300, 800))
        words = rng.choice(self.words, n, p=self.word_p)
        return "\n".join(" ".join(words[k : k + 60]) + "." for k in range(0, n, 60))

    def edited(self, i: int) -> str:
        """A syndicated copy of ``body(i)``: ~2% of tokens changed, a line added."""
        rng = random.Random(i)
        body = self.body(i)
        if i % 3 == 0:
            chars = list(body)
            for _ in range(len(chars) // 60):
                chars[rng.randrange(len(chars))] = "改"
            return "来源：新华网\n" + "".join(chars)
        words = body.split(" ")
        for _ in range(len(words) // 50):
            words[rng.randrange(len(words))] = "edited"
        return "Source: Reuters\n" + " ".join(words)


# --- children (one phase each, fresh process) ----------------------------------------------


def child_seen_build(directory: Path, n: int) -> dict[str, Any]:
    directory.mkdir(parents=True, exist_ok=True)
    state = SqliteState(directory / STATE_FILE)
    start = time.perf_counter()
    batch = 20_000
    for lo in range(0, n, batch):
        state.add_many(url_of(i) for i in range(lo, min(n, lo + batch)))
        state.commit()
    seconds = time.perf_counter() - start
    state.close()
    size = sum(p.stat().st_size for p in directory.iterdir())
    return {"seconds": seconds, "per_s": n / seconds, "disk_mb": size / 2**20, "peak_rss_mb": peak_rss_mb()}


def child_seen_lookup(directory: Path, n: int) -> dict[str, Any]:
    state = SqliteState(directory / STATE_FILE)
    rng = random.Random(5)
    keys = [url_of(rng.randrange(n)) if k % 2 else url_of(n + rng.randrange(10 * n)) for k in range(SEEN_LOOKUPS)]
    state.has(keys[0])
    before = rss_mb()
    start = time.perf_counter()
    hits = sum(state.has(k) for k in keys)
    seconds = time.perf_counter() - start
    after = rss_mb()
    state.close()
    from newscrawl.urls import url_key

    urls = [f"https://www.{k}?utm_source=rss&id=3" for k in keys[:20_000]]
    start = time.perf_counter()
    for url in urls:
        url_key(url)
    url_key_us = (time.perf_counter() - start) / len(urls) * 1e6
    return {"lookups_per_s": len(keys) / seconds, "us_per_lookup": seconds / len(keys) * 1e6,
            "hits": hits, "url_key_us": url_key_us, "rss_before_mb": before, "rss_after_mb": after,
            "peak_rss_mb": peak_rss_mb()}


def child_near_build(directory: Path, n: int) -> dict[str, Any]:
    from newscrawl.dedup.near import DuplicateFinder

    directory.mkdir(parents=True, exist_ok=True)
    state = SqliteState(directory / STATE_FILE)
    finder = DuplicateFinder(state)
    corpus = Corpus()
    start = time.perf_counter()
    for i in range(n):
        finder.remember(f"{i:040x}", f"{i:064x}", duplicate_of=None, body=corpus.body(i), committed=True)
        if i % 5000 == 4999:
            state.commit()
    state.commit()
    seconds = time.perf_counter() - start
    state.close()
    size = sum(p.stat().st_size for p in directory.iterdir())
    return {"seconds": seconds, "ms_per_record": seconds / n * 1e3, "disk_mb": size / 2**20,
            "peak_rss_mb": peak_rss_mb()}


def child_near_check(directory: Path, n: int, queries: int) -> dict[str, Any]:
    from newscrawl.dedup.near import DuplicateFinder

    state = SqliteState(directory / STATE_FILE)
    finder = DuplicateFinder(state)
    corpus = Corpus()
    rng = random.Random(9)
    plan = [(True, rng.randrange(n)) if k % 10 == 0 else (False, 10 * n + k) for k in range(queries)]
    bodies = [(dup, i, corpus.edited(i) if dup else corpus.body(i)) for dup, i in plan]
    finder.check("f" * 40, bodies[0][2], "e" * 64)  # warm-up
    before = rss_mb()
    check_ms, full_ms, found, false_pos = [], [], 0, 0
    for k, (dup, i, body) in enumerate(bodies):
        record_id, content_hash = f"{10**12 + k:040x}", f"{10**12 + k:064x}"
        t0 = time.perf_counter()
        verdict = finder.check(record_id, body, content_hash)
        t1 = time.perf_counter()
        finder.remember(record_id, content_hash, duplicate_of=verdict.duplicate_of, body=body,
                        fingerprint=verdict.fingerprint)
        t2 = time.perf_counter()
        check_ms.append((t1 - t0) * 1e3)
        full_ms.append((t2 - t0) * 1e3)
        if dup:
            found += verdict.duplicate_of == f"{i:040x}"
        else:
            false_pos += verdict.duplicate_of is not None
    after = rss_mb()
    state.db.execute("ROLLBACK")  # leave the index as built
    state.db.close()
    dups = sum(d for d, _ in plan)
    return {"check_ms_mean": statistics.fmean(check_ms), "check_ms_p50": statistics.median(check_ms),
            "check_ms_p99": float(np.percentile(check_ms, 99)), "full_ms_mean": statistics.fmean(full_ms),
            "recall": found / dups, "false_positives": false_pos, "rss_before_mb": before,
            "rss_after_mb": after, "peak_rss_mb": peak_rss_mb()}


def child_near_memory(directory: Path, n: int, queries: int) -> dict[str, Any]:
    """The alternative design: every signature in datasketch's in-memory MinHashLSH."""
    from datasketch import MinHash, MinHashLSH

    from newscrawl.dedup.fingerprints import BANDS, NUM_PERM, ROWS, SCHEME, SEED, Fingerprinter

    state = SqliteState(directory / STATE_FILE)
    base = rss_mb()
    start = time.perf_counter()
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    perms = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    for record_id, sig in state.db.execute("SELECT record_id, signature FROM records WHERE signature IS NOT NULL"):
        values = np.frombuffer(sig, dtype="<u4")
        lsh.insert(record_id.hex(), MinHash(seed=SEED, hashvalues=values, permutations=perms, scheme=SCHEME),
                   check_duplication=False)
    build = time.perf_counter() - start
    loaded = rss_mb()
    fingerprinter, corpus = Fingerprinter(), Corpus()
    bodies = [corpus.body(10 * n + k) for k in range(queries)]
    start = time.perf_counter()
    for body in bodies:
        fp = fingerprinter.fingerprint(body)
        lsh.query(MinHash(seed=SEED, hashvalues=fp.signature, permutations=perms, scheme=SCHEME))
    query = time.perf_counter() - start
    state.close()
    return {"build_s": build, "index_rss_mb": loaded - base, "query_ms_mean": query / len(bodies) * 1e3,
            "peak_rss_mb": peak_rss_mb()}


CHILDREN = {"seen-build": child_seen_build, "seen-lookup": child_seen_lookup, "near-build": child_near_build,
            "near-check": child_near_check, "near-memory": child_near_memory}


def run_child(name: str, *args: Any) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "_child", name, *map(str, args)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- drivers -------------------------------------------------------------------------------


def table(title: str, header: list[str], rows: list[list[Any]]) -> None:
    cells = [[f"{c:,.1f}" if isinstance(c, float) else f"{c:,}" if isinstance(c, int) else str(c) for c in r]
             for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    print(f"\n{title}")
    print("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)))


def bench_seen(root: Path, sizes: list[int]) -> None:
    rows = []
    for n in sizes:
        directory = root / f"seen-{n}"
        built = None
        if not (directory / STATE_FILE).exists():
            built = run_child("seen-build", directory, n)
        look = run_child("seen-lookup", directory, n)
        rows.append([n, f"{built['per_s']:,.0f}/s" if built else "(cached)", int(look["lookups_per_s"]),
                     look["us_per_lookup"], look["url_key_us"], look["rss_after_mb"] - look["rss_before_mb"],
                     look["peak_rss_mb"],
                     sum(p.stat().st_size for p in directory.iterdir()) / 2**20])
    table(f"seen store: {SEEN_LOOKUPS:,} lookups (50% hits), SQLite, fresh process per row",
          ["URLs stored", "build", "lookups/s", "us/lookup", "+url_key() us", "RSS growth MB", "peak RSS MB",
           "disk MB"], rows)


def bench_near(root: Path, sizes: list[int], queries: int) -> None:
    rows, memory_rows = [], []
    for n in sizes:
        directory = root / f"near-{n}"
        built = None
        if not (directory / STATE_FILE).exists():
            built = run_child("near-build", directory, n)
        check = run_child("near-check", directory, n, queries)
        memory = run_child("near-memory", directory, n, min(queries, 500))
        rows.append([n, f"{built['ms_per_record']:.2f} ms" if built else "(cached)", check["check_ms_mean"],
                     check["check_ms_p50"], check["check_ms_p99"], check["full_ms_mean"],
                     f"{check['recall']:.3f}", check["false_positives"],
                     check["rss_after_mb"] - check["rss_before_mb"], check["peak_rss_mb"],
                     sum(p.stat().st_size for p in directory.iterdir()) / 2**20])
        memory_rows.append([n, memory["build_s"], memory["index_rss_mb"], memory["query_ms_mean"],
                            memory["peak_rss_mb"]])
    table(f"near-duplicate check, SQLite LSH index: {queries:,} queries (10% edited copies), ms per record",
          ["bodies indexed", "build", "check mean", "p50", "p99", "check+store", "recall", "false pos",
           "RSS growth MB", "peak RSS MB", "disk MB"], rows)
    table("alternative: all signatures in datasketch MinHashLSH (in memory, rebuilt at start)",
          ["bodies indexed", "rebuild s", "index RSS MB", "fingerprint+query ms", "peak RSS MB"],
          memory_rows)


def bench_calibrate() -> None:
    import newscrawl.dedup.fingerprints as fpmod
    from newscrawl.dedup.calibration import lookalike_pairs, syndicated_pairs
    from newscrawl.dedup.fingerprints import Fingerprinter
    from newscrawl.dedup.near import THRESHOLD

    positives, negatives = list(syndicated_pairs()), list(lookalike_pairs())
    fingerprinter = Fingerprinter()

    def estimate(pair: Any) -> float:
        a, b = fingerprinter.fingerprint(pair.a), fingerprinter.fingerprint(pair.b)
        return fingerprinter.similarity(a.signature, b.signature)

    rows = []
    for name, pairs in (("syndicated (must match)", positives), ("look-alikes (must not)", negatives)):
        values = [estimate(p) for p in pairs]
        rows.append([name, len(values), min(values), statistics.fmean(values), max(values),
                     sum(v >= THRESHOLD for v in values)])
    table(f"calibration, MinHash estimate with the shipped parameters (threshold {THRESHOLD})",
          ["case", "pairs", "min", "mean", "max", f">= {THRESHOLD}"],
          [[r[0], r[1], f"{r[2]:.3f}", f"{r[3]:.3f}", f"{r[4]:.3f}", r[5]] for r in rows])

    def jaccard(pair: Any) -> float:
        a, b = set(fpmod.shingle_hashes(pair.a).tolist()), set(fpmod.shingle_hashes(pair.b).tolist())
        return len(a & b) / len(a | b)

    sweep = []
    shipped = (fpmod.CHAR_SHINGLE, fpmod.WORD_SHINGLE)
    try:
        for k in (3, 4, 5, 6):
            fpmod.CHAR_SHINGLE = fpmod.WORD_SHINGLE = k
            for script, test in (("CJK chars", lambda p: fpmod.is_cjk(fpmod.normalise(p.a))),
                                 ("words", lambda p: not fpmod.is_cjk(fpmod.normalise(p.a)))):
                pos = [jaccard(p) for p in positives if test(p)]
                neg = [jaccard(p) for p in negatives if test(p)]
                sweep.append([script, k, f"{min(pos):.3f}", f"{statistics.fmean(pos):.3f}", f"{max(neg):.3f}",
                              f"{min(pos) - max(neg):.3f}"])
    finally:
        fpmod.CHAR_SHINGLE, fpmod.WORD_SHINGLE = shipped
    table(f"shingle sweep, exact Jaccard (shipped: {shipped[0]} chars, {shipped[1]} words)",
          ["shingles", "k", "syndicated min", "syndicated mean", "look-alike max", "gap"], sweep)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_child"]:
        name, directory, *numbers = argv[1:]
        print(json.dumps(CHILDREN[name](Path(directory), *map(int, numbers))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", nargs="?", default="all", choices=["all", "seen", "near", "calibrate"])
    ap.add_argument("--urls", type=int, nargs="+", default=[1_000_000],
                    help="store sizes to measure besides 10k and 100k (e.g. 1000000 5000000)")
    ap.add_argument("--bodies", type=int, default=100_000, help="index size to measure besides 10k")
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR,
                    help=f"where states are built once (default {DEFAULT_DIR})")
    args = ap.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, states in {args.dir}")
    if args.what in ("all", "calibrate"):
        bench_calibrate()
    if args.what in ("all", "seen"):
        bench_seen(args.dir, sorted({10_000, 100_000, *args.urls}))
    if args.what in ("all", "near"):
        bench_near(args.dir, sorted({10_000, args.bodies}), args.queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
