"""Long-run fuzzing of extraction and the cleaners (not a test; the bounded property
tests are tests/test_fuzz_extract.py).

Run by hand from the repo root::

    .venv/bin/python bench/fuzz.py [--minutes 3] [--seed N] [--out output/fuzz] [--timeout 20]

Feeds, in rotation:

* ``extract_article`` -- random bytes; tag soup; real pages (the sample site,
  tests/fixtures/bench, and /work/shared/bench's zh-dev and aeb-dev pages when
  present) mutated by byte flips, deletions, insertions, splices of two pages,
  truncation, a lying ``<meta charset>``, re-encoding in another charset, deep
  nesting, huge attributes and entity floods. Checks: it never raises, never
  hangs past ``--timeout`` seconds, and its record (with the crawl's fields added)
  passes the schema except for an empty title/body (the pipeline drops those).
* every public function of ``newscrawl.clean.*`` -- random text and slices of real
  page text, called by their signatures (``str``, ``str | None``, ``list[str]``).
  Checks: no exception; the text cleaners (``strip_pinyin``, ``normalize_text``,
  ``strip_edit_link``, ``strip_site_suffix``, ``squash``) return a ``str`` and are
  idempotent.

Each failure is shrunk (greedy chunk removal while the same failure reproduces) and
saved as ``<out>/<kind>-<sha1>.bin`` (the input) and ``.txt`` (what failed, the
traceback, how to replay it). Prints inputs run per generator, failures found, the
slowest extraction, and exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib
import inspect
import json
import pkgutil
import random
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import newscrawl.clean  # noqa: E402
from newscrawl import extract_article  # noqa: E402
from newscrawl.schema import record_errors  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED_BENCH = Path("/work/shared/bench")
CRAWL_FIELDS = {"duplicate_of": None, "discovered_via": "link", "fetched_at": "2022-07-24T00:00:00+00:00",
                "http_status": 200, "crawl_id": "fuzz"}
IDEMPOTENT = {"strip_pinyin", "normalize_text", "strip_edit_link", "strip_site_suffix", "squash"}
TAGS = ["<p>", "</p>", "<div class='content'>", "</div>", "<a href='/x/2022/07/24/1.html'>", "</a>",
        "<table><tr><td>", "</td></tr></table>", "<script>", "</script>", "<style>", "</style>", "<h1>", "</h1>",
        "<br>", "<!--", "-->", "<![CDATA[", "]]>", "<meta charset='gbk'>", "<meta charset='big5'>", "<li>", "<ul>",
        "&#x0;", "&nbsp;", "&#xD800;", "&#99999999;", "\x00", "\ufeff", "<title>", "</title>",
        "<meta property='og:type' content='article'>", "<article>", "</article>", "<time datetime='2022-13-45'>",
        "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":", "</script>",
        "责任编辑：", "来源：", "记者 ", "By ", "Copyright ©", "相关新闻", "<img src='//x'>", "<svg><a>"]
ENCODINGS = ["utf-8", "gb18030", "gbk", "big5", "big5hkscs", "utf-16", "utf-16-le", "shift_jis", "euc-kr",
             "cp1252", "latin-1", "koi8-r", "iso-2022-jp"]


class Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Hang("no result within the --timeout")


# --------------------------------------------------------------------------- corpus


def load_pages() -> list[tuple[str, bytes]]:
    """(url, bytes) of every real page available."""
    pages: list[tuple[str, bytes]] = []
    site = REPO / "newscrawl" / "sample_site" / "site"
    for path in sorted(site.rglob("*.htm*")):
        pages.append((f"http://127.0.0.1/{path.relative_to(site).as_posix()}", path.read_bytes()))
    for path in sorted((REPO / "tests" / "fixtures" / "bench").rglob("page.html")):
        url_file = path.with_name("url.txt")
        url = url_file.read_text("utf-8").strip() if url_file.exists() else "https://bench.invalid/x.html"
        pages.append((url, path.read_bytes()))
    for path in sorted((SHARED_BENCH / "zh-dev" / "pages").glob("*.html")):
        pages.append((f"https://bench.invalid/zh/{path.stem}.html", path.read_bytes()))
    for path in sorted((SHARED_BENCH / "aeb-dev" / "html").glob("*.html.gz")):
        pages.append((f"https://bench.invalid/aeb/{path.name[:16]}.html", gzip.decompress(path.read_bytes())))
    return pages


def page_texts(pages: list[tuple[str, bytes]], rng: random.Random, n: int = 200) -> list[str]:
    """Text lines from real pages (decoded loosely) for the cleaners."""
    lines: list[str] = []
    for _, data in rng.sample(pages, min(n, len(pages))):
        for enc in ("utf-8", "gb18030", "big5hkscs"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            text = data.decode("utf-8", "replace")
        lines += [ln.strip() for ln in text.splitlines() if 5 < len(ln.strip()) < 400]
    return lines or ["本报讯(记者 祁梦竹范俊生)昨天下午"]


# ----------------------------------------------------------------------- generators


def gen_random_bytes(rng: random.Random, pages: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    size = rng.choice([0, 1, 16, 256, 4096, 65536])
    return "http://example.com/2022/07/24/a.html", rng.randbytes(size)


def gen_tag_soup(rng: random.Random, pages: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    parts = []
    for _ in range(rng.randrange(1, 300)):
        if rng.random() < 0.6:
            parts.append(rng.choice(TAGS))
        else:
            parts.append("".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x4E00, 0x9FFF),
                                                 rng.randrange(0, 0x110000)])) for _ in range(rng.randrange(40))))
    text = "".join(parts)
    return "https://example.cn/news/2022-07-24/1.html", text.encode("utf-8", "surrogatepass")


def _mutate(rng: random.Random, data: bytearray, pages: list[tuple[str, bytes]]) -> bytearray:
    op = rng.randrange(10)
    pos = rng.randrange(len(data) + 1)
    if op == 0 and data:  # byte flips
        for _ in range(rng.randrange(1, 50)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif op == 1:  # delete a run
        del data[pos: pos + rng.randrange(1, 2000)]
    elif op == 2:  # insert random bytes
        data[pos:pos] = rng.randbytes(rng.randrange(1, 64))
    elif op == 3:  # splice another page in
        other = rng.choice(pages)[1]
        start = rng.randrange(len(other) + 1)
        data[pos:pos] = other[start: start + rng.randrange(1, 5000)]
    elif op == 4:  # truncate
        del data[pos:]
    elif op == 5:  # a lying charset
        data[0:0] = f'<meta charset="{rng.choice(ENCODINGS)}">'.encode()
    elif op == 6:  # re-encode as text in another charset
        text = bytes(data).decode("utf-8", "replace")
        data = bytearray(text.encode(rng.choice(ENCODINGS), "replace"))
    elif op == 7:  # deep nesting
        depth = rng.choice([100, 1000, 5000, 20000])
        tag = rng.choice([b"<div>", b"<p>", b"<table><tr><td>", b"<b><i>", b"<a href='/x'>"])
        data[pos:pos] = tag * depth
    elif op == 8:  # a huge attribute / text node
        data[pos:pos] = b'<p title="' + b"x" * rng.choice([10_000, 200_000]) + b'">' + rng.randbytes(16)
    else:  # entity flood
        data[pos:pos] = rng.choice([b"&amp;", b"&#x4E2D;", b"&#0;", b"&bogus;"]) * rng.randrange(1, 20000)
    return data


def gen_mutated_page(rng: random.Random, pages: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    url, data = rng.choice(pages)
    buf = bytearray(data)
    for _ in range(rng.randrange(1, 6)):
        buf = _mutate(rng, buf, pages)
    return url, bytes(buf)


GENERATORS: dict[str, Callable[[random.Random, list[tuple[str, bytes]]], tuple[str, bytes]]] = {
    "random_bytes": gen_random_bytes,
    "tag_soup": gen_tag_soup,
    "mutated_page": gen_mutated_page,
}


# ------------------------------------------------------------------------- checks


def check_extract(url: str, data: bytes) -> None:
    record = extract_article(data, url)
    errors = record_errors({**record, **CRAWL_FIELDS})
    bad = [e for e in errors if not e.startswith(("title:", "body:"))]
    if bad:
        raise AssertionError(f"schema: {bad[:3]}")


@dataclass
class Cleaner:
    name: str
    func: Callable[..., Any]
    kinds: list[str]
    """What each required parameter takes: text, optional_text, lines."""


def discover_cleaners() -> list[Cleaner]:
    """Every public function defined in a ``newscrawl.clean`` module."""
    found = []
    for info in pkgutil.iter_modules(newscrawl.clean.__path__):
        module = importlib.import_module(f"newscrawl.clean.{info.name}")
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or func.__module__ != module.__name__:
                continue
            kinds = []
            for param in inspect.signature(func).parameters.values():
                if param.default is not inspect.Parameter.empty or param.kind in (param.VAR_POSITIONAL,
                                                                                 param.VAR_KEYWORD):
                    continue
                note = str(param.annotation)
                kinds.append("lines" if "list" in note else "optional_text" if "None" in note else "text")
            found.append(Cleaner(f"{info.name}.{name}", func, kinds))
    return found


def random_text(rng: random.Random, corpus: list[str]) -> str:
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(corpus)
    if roll < 0.7:
        line = rng.choice(corpus)
        i = rng.randrange(len(line) + 1)
        return line[:i] + "".join(chr(rng.randrange(0, 0x3000)) for _ in range(rng.randrange(5))) + line[i:]
    return "".join(chr(rng.choice([rng.randrange(0, 0x80), rng.randrange(0x80, 0x3000), rng.randrange(0x4E00, 0xA000),
                                   rng.randrange(0xA000, 0x110000)])) for _ in range(rng.randrange(0, 300)))


def check_cleaner(cleaner: Cleaner, args: list[Any]) -> None:
    result = cleaner.func(*args)
    short = cleaner.name.split(".")[-1]
    if short in IDEMPOTENT:
        if not isinstance(result, str):
            raise AssertionError(f"returned {type(result).__name__}, not str")
        again = cleaner.func(result, *args[1:])
        if again != result:
            raise AssertionError(f"not idempotent: {result!r} -> {again!r}")


# ------------------------------------------------------------------------ shrinking


def shrink(data: bytes, fails: Callable[[bytes], bool], budget: float = 30.0) -> bytes:
    """Greedy chunk removal (halving chunk sizes) while ``fails`` still holds."""
    deadline = time.monotonic() + budget
    chunk = max(1, len(data) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        i = 0
        progressed = False
        while i < len(data) and time.monotonic() < deadline:
            candidate = data[:i] + data[i + chunk:]
            if candidate != data and fails(candidate):
                data = candidate
                progressed = True
            else:
                i += chunk
        if not progressed:
            chunk //= 2
    return data


def signature(exc: BaseException) -> str:
    tb = traceback.extract_tb(exc.__traceback__)
    where = f"{tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else "?"
    return f"{type(exc).__name__}@{where}"


# ---------------------------------------------------------------------------- main


@dataclass
class Finding:
    kind: str
    target: str
    signature: str
    detail: str
    path: Path


def run(minutes: float, seed: int, out: Path, timeout: int) -> int:
    rng = random.Random(seed)
    pages = load_pages()
    corpus = page_texts(pages, rng)
    cleaners = discover_cleaners()
    signal.signal(signal.SIGALRM, _alarm)
    counts: Counter[str] = Counter()
    findings: dict[str, Finding] = {}
    slowest = (0.0, "", b"")
    deadline = time.monotonic() + minutes * 60
    started = time.monotonic()
    gens = list(GENERATORS.items())
    print(f"fuzzing {minutes:g} min, seed {seed}: {len(pages)} real pages, {len(cleaners)} cleaners "
          f"({', '.join(c.name for c in cleaners)})", flush=True)

    def save(kind: str, target: str, exc: BaseException, data: bytes, replay: str) -> None:
        sig = f"{target}:{signature(exc)}"
        if sig in findings:
            return
        digest = hashlib.sha1(data).hexdigest()[:12]
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"{kind}-{digest}.bin"
        path.write_bytes(data)
        text = "".join(traceback.format_exception(exc))
        replay = replay.replace("{path}", str(path))
        path.with_suffix(".txt").write_text(f"{target}\n{sig}\n\nreplay:\n  {replay}\n\n{text}", "utf-8")
        findings[sig] = Finding(kind, target, sig, str(exc)[:200], path)
        print(f"  FOUND {sig}: {str(exc)[:120]} -> {path}", flush=True)

    i = 0
    while time.monotonic() < deadline:
        i += 1
        if i % 4:  # three extraction inputs, then a round of the cleaners
            name, gen = gens[i % len(gens)]
            url, data = gen(rng, pages)
            counts[f"extract/{name}"] += 1
            t0 = time.process_time()
            signal.alarm(timeout)
            try:
                check_extract(url, data)
            except Exception as exc:  # noqa: BLE001 - a finding
                signal.alarm(0)
                sig = signature(exc)

                def fails(candidate: bytes, url: str = url, sig: str = sig) -> bool:
                    signal.alarm(timeout)
                    try:
                        check_extract(url, candidate)
                    except Exception as again:  # noqa: BLE001
                        return signature(again) == sig
                    finally:
                        signal.alarm(0)
                    return False

                small = shrink(data, fails) if not isinstance(exc, Hang) else data
                replay = ("python -c \"import newscrawl, pathlib; newscrawl.extract_article("
                          "pathlib.Path('{path}').read_bytes(), " + repr(url) + ")\"")
                save("extract", "extract_article", exc, small, replay)
            finally:
                signal.alarm(0)
            spent = time.process_time() - t0
            if spent > slowest[0]:
                slowest = (spent, f"{name} {url} ({len(data)} bytes)", data)
        else:
            for cleaner in cleaners:
                args = []
                for kind in cleaner.kinds:
                    if kind == "lines":
                        args.append([random_text(rng, corpus) for _ in range(rng.randrange(0, 12))])
                    elif kind == "optional_text" and rng.random() < 0.3:
                        args.append(None)
                    else:
                        args.append(random_text(rng, corpus))
                counts[f"clean/{cleaner.name}"] += 1
                signal.alarm(timeout)
                try:
                    check_cleaner(cleaner, args)
                except Exception as exc:  # noqa: BLE001 - a finding
                    blob = json.dumps(args, ensure_ascii=False).encode("utf-8", "surrogatepass")
                    save("clean", cleaner.name, exc, blob,
                         "the arguments of newscrawl.clean." + cleaner.name
                         + " are json.loads(pathlib.Path('{path}').read_text('utf-8'))")
                finally:
                    signal.alarm(0)

    elapsed = time.monotonic() - started
    extract_total = sum(v for k, v in counts.items() if k.startswith("extract/"))
    clean_total = sum(v for k, v in counts.items() if k.startswith("clean/"))
    print(f"\nran {extract_total + clean_total:,} inputs in {elapsed:.0f} s "
          f"({extract_total:,} extract_article, {clean_total:,} cleaner calls)")
    for key in sorted(counts):
        if key.startswith("extract/"):
            print(f"  {key:<40} {counts[key]:>9,}")
    print(f"  clean/* ({len(cleaners)} functions)          {clean_total:>9,}")
    if slowest[1]:
        print(f"slowest extraction: {slowest[0]:.2f} s CPU on {slowest[1]}")
        out.mkdir(parents=True, exist_ok=True)
        (out / "slowest-input.bin").write_bytes(slowest[2])
    if findings:
        print(f"\n{len(findings)} distinct failure(s):")
        for f in findings.values():
            print(f"  {f.signature}: {f.detail[:100]}  ({f.path})")
        return 1
    print("no failures")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--seed", type=int, default=None, help="default: random (printed)")
    ap.add_argument("--out", type=Path, default=REPO / "output" / "fuzz", help="where findings are saved")
    ap.add_argument("--timeout", type=int, default=20, help="seconds one input may take before it is a hang")
    args = ap.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    return run(args.minutes, seed, args.out, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
