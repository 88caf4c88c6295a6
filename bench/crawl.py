"""Load benchmark: crawl a generated local news site end to end (not a test).

Run by hand from the repo root::

    .venv/bin/python bench/crawl.py [--sizes 1000,5000,20000] [--scaling 0,1,2,4] [--no-plain]
        [--no-clean-probe] [--concurrency 16] [--dir DIR] [--keep]

For each size N it builds a site of N article pages into a temp dir (cached in
``--dir``): real pages -- the sample site's 14 articles and the pages of
tests/fixtures/bench, in their own encodings (UTF-8, GBK, GB2312, Big5) -- used as
templates whose headline, canonical URL and every prose block are replaced by
sentences drawn at random from the pages of the same script (plus a per-page
reference), so pages keep their real chrome (navigation, related lists, scripts,
share widgets) but their bodies are not duplicates of each other. A source page the
spider does not take as an article (a product page among the fixtures) is left out,
so both tools extract every page. A sitemap index (1,000 URLs per sitemap) and
robots.txt lead to them. The sample site server serves
it (``--root``), in its own process.

Then, on the same site, in the same run:

* **newscrawl**: ``scrapy crawl news -a sitemap_urls=... -a max_depth=0`` (sitemap
  entries only, as the baseline does), full pipeline: extract, clean, dedup,
  validate, archive (gzip) and manifest.
* **plain**: ``scrapy runspider bench/plain_spider.py``: SitemapSpider +
  ``trafilatura.extract(json, with_metadata)`` + FEEDS JSON Lines, Scrapy defaults.

Both with the same concurrency (``--concurrency`` requests, all to the one host), no
delay, no AutoThrottle. Each crawl is a child process; its peak RSS and CPU come
from ``os.wait4``. CPU per stage comes from a probe (``StageProbe`` below, an
extension added with ``-s EXTENSIONS``) that times, with ``time.process_time``:
the spider callbacks (``spider``: classification, sitemap parsing), ExtractPipeline
(``extract``, less the time inside newscrawl.clean functions, which is ``clean``),
DedupPipeline + the crawl state (``dedup``), ValidatePipeline (``validate``) and
ArchivePipeline (``write``); ``download`` is the rest of the crawl's CPU (Twisted,
HTTP, middlewares, scheduler, engine). Process start-up (imports) is reported apart.

newscrawl runs with its default NEWSCRAWL_EXTRACT_WORKERS (one per usable core);
``--scaling`` also crawls the largest size with those worker counts (0: inline).
CPU is counted over every process (the forkserver's workers are sampled from /proc:
they are not the crawl's children), memory as the peak sum of RSS (and PSS) over the
crawl process and its workers.

Prints one table; the ratio row compares newscrawl (default workers) with the plain
spider at the largest size (targets: pages/s >= 2.0x, CPU per page <= 1.0x); peak RSS
of all processes must stay under 400 MB and flat from 1,000 to 20,000 pages.
"""

from __future__ import annotations

import argparse
import functools
import html
import inspect
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(REPO))

PER_SITEMAP = 1000
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENT_CJK = re.compile(r"(?<=[。！？])")
_SENT_LATIN = re.compile(r"(?<=[.!?])\s+")
_BLOCK_TAGS = {"p", "div", "td", "li", "table", "ul", "ol", "section", "article", "dd", "blockquote", "h1", "h2",
               "h3", "tr", "tbody", "form"}
# ASCII markers: lxml percent-escapes non-ASCII characters in href attributes.
P_MARK = "XBENCHPARA{}X"
T_MARK = "XBENCHTITLEX"
U_MARK = "XBENCHURLX"


# ============================================================================ the site


@dataclass
class Template:
    name: str
    encoding: str
    group: str
    text: str
    """Serialized page with P/T/U markers."""
    block_lengths: list[int]
    sentences: list[str] = field(default_factory=list)


def _codec(name: str) -> str:
    name = (name or "utf-8").lower()
    return {"gbk": "gb18030", "gb2312": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs"}.get(name, name)


def _sources() -> list[tuple[str, bytes, str]]:
    """(name, bytes, python codec) of the real pages used as templates."""
    site = REPO / "newscrawl" / "sample_site" / "site"
    manifest = json.loads((site / "MANIFEST.json").read_text("utf-8"))
    out = []
    for article in manifest["articles"]:
        path = site / article["path"].lstrip("/")
        out.append((article["key"], path.read_bytes(), _codec(article.get("encoding", "utf-8"))))
    for page in sorted((REPO / "tests" / "fixtures" / "bench").glob("*/*/page.html")):
        expected = json.loads(page.with_name("expected.json").read_text("utf-8"))
        out.append((f"{page.parent.parent.name}/{page.parent.name[:8]}", page.read_bytes(),
                    _codec(expected.get("encoding", "utf-8"))))
    return out


def _is_leaf_block(el: Any) -> bool:
    return not any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in el.iterdescendants())


def make_template(name: str, raw: bytes, codec: str) -> Template:
    import lxml.html

    text = raw.decode(codec, errors="replace")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    doc = lxml.html.document_fromstring(text)
    blocks: list[int] = []
    originals: list[str] = []
    for el in list(doc.iter("p", "td", "li", "div", "dd", "blockquote")):
        if el.getparent() is None or not _is_leaf_block(el):
            continue
        if any(a.tag == "a" for a in el.iterancestors()):
            continue
        content = el.text_content().strip()
        if len(content) < 40:
            continue
        tail = el.tail
        for child in list(el):
            el.remove(child)
        el.text = P_MARK.format(len(blocks))
        el.tail = tail
        blocks.append(len(content))
        originals.append(content)
    for el in doc.iter("title", "h1"):
        for child in list(el):
            el.remove(child)
        el.text = T_MARK
    for el in doc.xpath("//meta[@property='og:title' or @name='twitter:title' or @property='twitter:title']"):
        el.set("content", T_MARK)
    for el in doc.xpath("//link[@rel='canonical'] | //meta[@property='og:url']"):
        el.set("href" if el.tag == "link" else "content", U_MARK)
    for el in doc.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(el.text or "")
        except ValueError:
            el.getparent().remove(el)
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                item.pop("articleBody", None)
                if "headline" in item:
                    item["headline"] = T_MARK
                for key in ("url", "mainEntityOfPage"):
                    if isinstance(item.get(key), str):
                        item[key] = U_MARK
        el.text = json.dumps(data, ensure_ascii=False)
    doctype = doc.getroottree().docinfo.doctype or ""
    serialized = lxml.html.tostring(doc, encoding="unicode", doctype=doctype)
    joined = " ".join(originals)
    group = "cjk" if len(_CJK.findall(joined)) > 0.3 * max(1, len(joined)) else "latin"
    splitter = _SENT_CJK if group == "cjk" else _SENT_LATIN
    sentences = [s.strip() for o in originals for s in splitter.split(o) if len(s.strip()) >= 8]
    return Template(name, codec, group, serialized, blocks, sentences)


def page_for(i: int, tpl: Template, pools: dict[str, list[str]], path: str) -> bytes:
    rng = random.Random(i)
    pool = pools[tpl.group]
    sep = "" if tpl.group == "cjk" else " "
    ref = f"（编号{i:06d}）" if tpl.group == "cjk" else f" (ref {i:06d})"
    text = tpl.text
    for n, length in enumerate(tpl.block_lengths):
        parts: list[str] = []
        size = 0
        while size < length:
            s = rng.choice(pool)
            parts.append(s)
            size += len(s)
        para = sep.join(parts) + (ref if n == 0 else "")
        text = text.replace(P_MARK.format(n), html.escape(para, quote=False), 1)
    title = rng.choice(pool)[:40].rstrip("，。,. ") + ref
    text = text.replace(T_MARK, html.escape(title)).replace(U_MARK, path)
    return text.encode(tpl.encoding, errors="xmlcharrefreplace")


def _taken_as_article(tpl: Template) -> bool:
    """Whether the spider takes a page of this template as an article: one it does not
    (a product page among the fixtures) would be extracted by the plain spider only,
    and the two tools would not do the same work."""
    from parsel import Selector

    from newscrawl.spiders.pages import judge_page

    sample = tpl.text.replace(T_MARK, "Title").replace(U_MARK, "/news/2022/07/01/000000.html")
    for n, length in enumerate(tpl.block_lengths):
        sample = sample.replace(P_MARK.format(n), "A sentence of prose. " * max(1, length // 21), 1)
    return judge_page(Selector(text=sample), "http://127.0.0.1/news/2022/07/01/000000.html", 200).article


def templates() -> list[Template]:
    """The article templates: every source page with prose blocks that the spider
    takes as an article."""
    made = [make_template(*src) for src in _sources()]
    return [t for t in made if t.block_lengths and _taken_as_article(t)]


def site_marker(n: int) -> str:
    """The file that says a site of ``n`` pages was built from today's templates."""
    names = ",".join(t.name for t in templates())
    return f".built-{n}-{zlib.crc32(names.encode()):08x}"


def build_site(root: Path, n: int) -> int:
    """Write N article pages, sitemaps and robots.txt under ``root``; return bytes."""
    templates_ = templates()
    pools: dict[str, list[str]] = {}
    for t in templates_:
        pools.setdefault(t.group, []).extend(t.sentences)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    urls = []
    total = 0
    for i in range(n):
        tpl = templates_[i % len(templates_)]
        path = f"/news/2022/07/{1 + i % 28:02d}/{i:06d}.html"
        data = page_for(i, tpl, pools, path)
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        total += len(data)
        urls.append(path)
    maps = []
    for k in range(0, n, PER_SITEMAP):
        name = f"sitemap-{k // PER_SITEMAP + 1}.xml"
        entries = "".join(f"<url><loc>{{{{BASE}}}}{u}</loc></url>\n" for u in urls[k:k + PER_SITEMAP])
        (root / name).write_text('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns='
                                 f'"http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n', "utf-8")
        maps.append(name)
    index = "".join(f"<sitemap><loc>{{{{BASE}}}}/{m}</loc></sitemap>\n" for m in maps)
    (root / "sitemap.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns='
                                      f'"http://www.sitemaps.org/schemas/sitemap/0.9">\n{index}</sitemapindex>\n',
                                      "utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n\nSitemap: {{BASE}}/sitemap.xml\n", "utf-8")
    (root / "index.html").write_text("<!DOCTYPE html><html><body><h1>bench site</h1></body></html>", "utf-8")
    (root / site_marker(n)).write_text(str(total))
    return total


# ========================================================================= the probe


class StageProbe:
    """Bench-only Scrapy extension (``-s EXTENSIONS``): CPU seconds per stage of a
    newscrawl crawl, written as JSON to the ``BENCH_PROBE_OUT`` setting's path at close.
    Patches classes, so it must be built before the components it times (order 0)."""

    def __init__(self, crawler: Any, out: str, clean: bool) -> None:
        from scrapy import signals

        from newscrawl.dedup.extension import DedupState
        from newscrawl.middlewares import SkipSeenMiddleware
        from newscrawl.pipelines.archive import ArchivePipeline
        from newscrawl.pipelines.dedup import DedupPipeline
        from newscrawl.pipelines.extract import ExtractPipeline
        from newscrawl.pipelines.validate import ValidatePipeline
        from newscrawl.pipelines.warc import WarcPipeline
        from newscrawl.spiders.news import NewsSpider
        from newscrawl.warc.capture import WarcCapture
        from newscrawl.warc.middleware import WarcCaptureMiddleware

        self.crawler = crawler
        self.out = out
        self.cpu: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._clean_depth = 0
        import newscrawl.workers as workers

        # Inline (NEWSCRAWL_EXTRACT_WORKERS=0) the page-to-record function runs here:
        # patched before the pipeline loads it. In workers it runs elsewhere, unseen.
        workers.extract_page = self._timed(workers.extract_page, "extract")
        for cls, names, stage in (
            (NewsSpider, ("parse_page", "parse_sitemap", "parse_feed"), "spider"),
            (ExtractPipeline, ("_finish",), "extract"),
            (DedupPipeline, ("process_item", "item_scraped"), "dedup"),
            (DedupState, ("part_finished", "spider_opened", "spider_closed"), "dedup"),
            (SkipSeenMiddleware, ("process_request",), "dedup"),
            (ValidatePipeline, ("process_item",), "validate"),
            (ArchivePipeline, ("process_item", "close_spider", "spider_closed"), "write"),
            # WARC capture: the raw exchange kept, the records built, gzipped, written,
            # each finished file's CDXJ index (WarcCapture.close indexes the last one).
            (WarcCaptureMiddleware, ("process_response",), "warc"),
            (WarcPipeline, ("process_item",), "warc"),
            (WarcCapture, ("close",), "warc"),
        ):
            for name in names:
                setattr(cls, name, self._timed(getattr(cls, name), stage))
        if clean:
            self._patch_clean()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> StageProbe:
        return cls(crawler, crawler.settings.get("BENCH_PROBE_OUT"), crawler.settings.getbool("BENCH_PROBE_CLEAN"))

    def _add(self, stage: str, seconds: float) -> None:
        self.cpu[stage] = self.cpu.get(stage, 0.0) + seconds
        self.calls[stage] = self.calls.get(stage, 0) + 1

    def _timed(self, func: Callable[..., Any], stage: str) -> Callable[..., Any]:
        probe = self
        if inspect.isgeneratorfunction(func):
            @functools.wraps(func)
            def gen_wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
                it = func(*args, **kwargs)
                while True:
                    t0 = time.process_time()
                    try:
                        value = next(it)
                    except StopIteration:
                        probe._add(stage, time.process_time() - t0)
                        return
                    probe._add(stage, time.process_time() - t0)
                    yield value
            return gen_wrapper

        # Signal receivers get only the keyword arguments they name (pydispatch reads
        # the receiver's code, which for this wrapper is *args/**kwargs).
        params = inspect.signature(func).parameters
        takes_any = any(p.kind is p.VAR_KEYWORD for p in params.values())

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not takes_any:
                kwargs = {k: v for k, v in kwargs.items() if k in params}
            t0 = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                probe._add(stage, time.process_time() - t0)
        return wrapper

    def _patch_clean(self) -> None:
        """Time the outermost call into any newscrawl.clean function made by extraction."""
        import newscrawl.extract as extract_pkg

        probe = self
        modules = [m for name, m in sys.modules.items() if name.startswith(extract_pkg.__name__ + ".")]
        for module in modules:
            for name, func in list(vars(module).items()):
                if not callable(func) or not getattr(func, "__module__", "").startswith("newscrawl.clean"):
                    continue
                if not inspect.isfunction(func):
                    continue

                def make(f: Callable[..., Any]) -> Callable[..., Any]:
                    @functools.wraps(f)
                    def clean_wrapper(*args: Any, **kwargs: Any) -> Any:
                        if probe._clean_depth:
                            return f(*args, **kwargs)
                        probe._clean_depth += 1
                        t0 = time.process_time()
                        try:
                            return f(*args, **kwargs)
                        finally:
                            probe._clean_depth -= 1
                            probe._add("clean", time.process_time() - t0)
                    return clean_wrapper

                setattr(module, name, make(func))

    def spider_opened(self, spider: Any) -> None:
        self._t0 = time.process_time()
        self._all0 = _cpu_with_children()

    def spider_closed(self, spider: Any, reason: str) -> None:
        """Runs after the pipelines closed: the extraction workers are reaped, their CPU
        is in RUSAGE_CHILDREN (``all_cpu``: this process and its workers)."""
        stats = self.crawler.stats.get_stats()
        with open(self.out, "w", encoding="utf-8") as fh:
            json.dump({"crawl_cpu": time.process_time() - self._t0, "reaped_cpu": _cpu_with_children() - self._all0
                       - (time.process_time() - self._t0),
                       "stages": self.cpu, "calls": self.calls,
                       "stats": {k: v for k, v in stats.items() if isinstance(v, int | float)}}, fh)


def _cpu_with_children() -> float:
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# ======================================================================== the runs


@dataclass
class Run:
    tool: str
    size: int
    wall: float
    cpu_total: float
    memory: TreeMemory
    probe: dict[str, Any]
    records: int
    exit: int
    workers: int | None = None

    @property
    def label(self) -> str:
        return self.tool if self.workers is None else f"{self.tool} w={self.workers}"

    @property
    def peak_rss_mb(self) -> float:
        return self.memory.peak_rss

    @property
    def cpu_ms(self) -> float:
        """CPU per page of every process of the crawl (workers too), the crawl
        process's start-up aside."""
        return 1000 * (self.probe.get("crawl_cpu", 0.0) + self.memory.descendants_cpu) / max(1, self.pages)

    @property
    def pages(self) -> int:
        stats = self.probe.get("stats", {})
        ok = stats.get("downloader/response_status_count/200", 0)
        return max(0, ok - 1 - stats.get("robotstxt/response_status_count/200", 0)
                   - (self.size + PER_SITEMAP - 1) // PER_SITEMAP)  # less robots.txt and sitemaps


class TreeMemory:
    """Samples, every ``interval`` s, the resident memory of a process and all its
    descendants (the extraction workers and their forkserver) from /proc: peak sum of
    RSS (pages shared between processes counted in each) and of PSS (shared pages
    split among them); and the CPU time each descendant had used when last seen
    (forkserver workers are not the crawl's children: wait4 does not count them)."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        import threading

        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0.0
        self._cpu: dict[int, float] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
                children.setdefault(ppid, []).append(int(entry.name))
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += children.get(pid, [])
        return tree

    @staticmethod
    def _kb(pid: int) -> tuple[int, int]:
        rss = pss = 0
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
        except OSError:
            pass
        return rss, pss

    @property
    def descendants_cpu(self) -> float:
        """CPU seconds of every descendant, as last sampled (a worker's last quarter
        second before it exited may be missed)."""
        return sum(self._cpu.values())

    def _sample_cpu(self, pid: int) -> None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return
        self._cpu[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime

    def _run(self) -> None:
        while not self._done.wait(self.interval):
            tree = self._tree()
            for pid in tree[1:]:
                self._sample_cpu(pid)
            sizes = [self._kb(pid) for pid in tree]
            self.peak_rss = max(self.peak_rss, sum(r for r, _ in sizes) / 1024)
            self.peak_pss = max(self.peak_pss, sum(p for _, p in sizes) / 1024)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def _run_child(cmd: list[str], cwd: Path, log: Path) -> tuple[int, float, float, TreeMemory]:
    """(exit status, wall s, CPU s of the child and its reaped descendants, memory)."""
    with log.open("w") as fh:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=fh, stderr=subprocess.STDOUT)
        memory = TreeMemory(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - started
        memory.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, wall, usage.ru_utime + usage.ru_stime, memory


def _count_lines(paths: list[Path]) -> int:
    import gzip

    total = 0
    for p in paths:
        opener = gzip.open if p.suffix == ".gz" else open
        with opener(p, "rt", encoding="utf-8") as fh:
            total += sum(1 for line in fh if line.strip())
    return total


def run_newscrawl(base: str, size: int, work: Path, concurrency: int, clean_probe: bool,
                  workers: int | None = None) -> Run:
    import newscrawl.settings as ps
    from newscrawl.workers import usable_cores

    workers = usable_cores() if workers is None else workers
    archive = work / f"newscrawl-{size}"
    shutil.rmtree(archive, ignore_errors=True)
    probe_out = work / f"probe-newscrawl-{size}.json"
    extensions = {"bench.crawl.StageProbe": 0, **ps.EXTENSIONS}
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sitemap_urls={base}/sitemap.xml",
           "-a", "max_depth=0", "-s", f"NEWSCRAWL_ARCHIVE_DIR={archive}", "-s", "AUTOTHROTTLE_ENABLED=False",
           "-s", "DOWNLOAD_DELAY=0", "-s", f"CONCURRENT_REQUESTS={concurrency}",
           "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}", "-s", "LOG_LEVEL=INFO",
           "-s", f"EXTENSIONS={json.dumps(extensions)}", "-s", f"BENCH_PROBE_OUT={probe_out}",
           "-s", f"BENCH_PROBE_CLEAN={clean_probe}", "-s", f"NEWSCRAWL_EXTRACT_WORKERS={workers}"]
    status, wall, cpu, memory = _run_child(cmd, REPO, work / f"newscrawl-{size}-w{workers}.log")
    probe = json.loads(probe_out.read_text()) if probe_out.exists() else {}
    records = _count_lines(sorted((archive / "articles").glob("*/*.jsonl.gz")))
    probe["warc_bytes"] = sum(p.stat().st_size for p in (archive / "warc").glob("*/*.warc.gz"))
    return Run("newscrawl", size, wall, cpu, memory, probe, records, status, workers)


@contextmanager
def redis_server() -> Iterator[str]:
    """A throwaway redis-server on a free loopback port (Debian's redis-server)."""
    import socket

    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("--workers-redis needs redis-server (apt-get install redis-server)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait()


REDIS_IDLE = 2.0  # NEWSCRAWL_REDIS_IDLE_TIMEOUT of the bench workers, taken off their wall time


def run_redis_workers(base: str, size: int, work: Path, concurrency: int, count: int, url: str) -> dict[str, Any]:
    """One shared crawl of ``count`` worker processes on one Redis (a fresh database
    each time), each with its own archive and an equal share of the cores for its
    extraction processes; pages/s = articles archived / (wall until the last worker
    exits - the idle timeout every worker waits at the end)."""
    import redis

    from newscrawl.workers import usable_cores

    db = f"{url}/{count}"
    redis.Redis.from_url(db).flushdb()
    extract = max(1, usable_cores() // count)
    procs, archives = [], []
    t0 = time.monotonic()
    for n in range(count):
        archive = work / f"redis-{size}-{count}-w{n}"
        shutil.rmtree(archive, ignore_errors=True)
        archives.append(archive)
        cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sitemap_urls={base}/sitemap.xml",
               "-a", "max_depth=0", "-s", f"NEWSCRAWL_ARCHIVE_DIR={archive}", "-s", "AUTOTHROTTLE_ENABLED=False",
               "-s", "DOWNLOAD_DELAY=0", "-s", f"CONCURRENT_REQUESTS={concurrency}",
               "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}", "-s", "LOG_LEVEL=WARNING",
               "-s", f"NEWSCRAWL_EXTRACT_WORKERS={extract}", "-s", f"NEWSCRAWL_REDIS_URL={db}",
               "-s", f"NEWSCRAWL_REDIS_WORKER=w{n}", "-s", f"NEWSCRAWL_REDIS_IDLE_TIMEOUT={REDIS_IDLE}"]
        log = (work / f"redis-{size}-{count}-w{n}.log").open("wb")
        procs.append((subprocess.Popen(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT), log))
    statuses = []
    for proc, log in procs:
        statuses.append(proc.wait())
        log.close()
    wall = time.monotonic() - t0 - REDIS_IDLE
    per_worker = [_count_lines(sorted((a / "articles").glob("*/*.jsonl.gz"))) for a in archives]
    for archive in archives:
        shutil.rmtree(archive, ignore_errors=True)
    return {"workers": count, "extract_per_worker": extract, "wall": wall, "records": sum(per_worker),
            "per_worker": per_worker, "pages_s": sum(per_worker) / wall if wall > 0 else 0.0, "exit": statuses}


def run_plain(base: str, size: int, work: Path, concurrency: int) -> Run:
    out = work / f"plain-{size}.jsonl"
    out.unlink(missing_ok=True)
    probe_out = work / f"probe-plain-{size}.json"
    cwd = work / "plain-cwd"  # no scrapy.cfg: plain Scrapy defaults, not newscrawl's settings
    cwd.mkdir(exist_ok=True)
    feeds = json.dumps({str(out): {"format": "jsonlines", "encoding": "utf-8"}})
    cmd = [sys.executable, "-m", "scrapy", "runspider", str(REPO / "bench" / "plain_spider.py"),
           "-a", f"sitemap={base}/sitemap.xml", "-s", f"FEEDS={feeds}", "-s", "ROBOTSTXT_OBEY=True",
           "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", f"CONCURRENT_REQUESTS={concurrency}",
           "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}", "-s", "LOG_LEVEL=INFO",
           "-s", "TELNETCONSOLE_ENABLED=False", "-s", f"BENCH_PROBE_OUT={probe_out}"]
    status, wall, cpu, memory = _run_child(cmd, cwd, work / f"plain-{size}.log")
    probe = json.loads(probe_out.read_text()) if probe_out.exists() else {}
    records = _count_lines([out]) if out.exists() else 0
    return Run("plain", size, wall, cpu, memory, probe, records, status)


# ======================================================================== the table

STAGES = ("download", "spider", "extract", "clean", "dedup", "validate", "write", "warc")


def stage_ms(run: Run) -> dict[str, float]:
    pages = max(1, run.pages)
    cpu = dict(run.probe.get("stages", {}))
    if "clean" in cpu and "extract" in cpu:
        cpu["extract"] -= cpu["clean"]  # clean runs inside extract_article
    crawl_cpu = run.probe.get("crawl_cpu", 0.0)
    cpu["download"] = crawl_cpu - sum(v for k, v in cpu.items() if k != "download")
    return {k: 1000 * v / pages for k, v in cpu.items()}


RSS_LIMIT_MB = 400  # issue 14: all processes together, flat from 1,000 to 20,000 pages


def print_table(runs: list[Run]) -> None:
    head = (f"{'tool':<14}{'pages':>7}{'records':>8}{'wall s':>8}{'pages/s':>9}{'CPU ms/pg':>10}"
            f"{'start s':>8}" + "".join(f"{s:>9}" for s in STAGES) + f"{'RSS MB':>8}{'PSS MB':>8}")
    print(head)
    print("-" * len(head))
    for r in runs:
        ms = stage_ms(r)
        start = r.cpu_total - r.probe.get("crawl_cpu", 0.0) - r.probe.get("reaped_cpu", 0.0)
        row = (f"{r.label:<14}{r.pages:>7}{r.records:>8}{r.wall:>8.1f}{r.pages / r.wall:>9.1f}"
               f"{r.cpu_ms:>10.1f}{start:>8.1f}")
        row += "".join(f"{ms[s]:>9.1f}" if s in ms and not r.workers else f"{'-':>9}" for s in STAGES)
        row += f"{r.memory.peak_rss:>8.0f}{r.memory.peak_pss:>8.0f}"
        if r.exit:
            row += f"   (exit {r.exit})"
        print(row)
    print("CPU ms/pg: every process of the crawl (workers too), start-up aside; stages: inline runs only "
          "(w=0; in workers, extraction is out of the crawl process's sight); RSS/PSS: peak sums over the "
          "crawl process and its workers, sampled every 0.25 s (PSS shares pages between them).")
    _print_ratios(runs)


def _print_ratios(runs: list[Run]) -> None:
    from newscrawl.workers import usable_cores

    default = usable_cores()
    sizes = sorted({r.size for r in runs})
    biggest = sizes[-1]
    ours = next((r for r in runs if r.tool == "newscrawl" and r.size == biggest and r.workers == default), None)
    theirs = next((r for r in runs if r.tool == "plain" and r.size == biggest), None)
    if ours and theirs:
        speed = (ours.pages / ours.wall) / (theirs.pages / theirs.wall)
        print(f"\n{ours.label} / plain at {biggest:,} pages: pages/s x{speed:.2f} (target >= 2.0), "
              f"CPU/page x{ours.cpu_ms / max(1e-9, theirs.cpu_ms):.2f} (target <= 1.0), "
              f"RSS x{ours.memory.peak_rss / theirs.memory.peak_rss:.2f}")
    for r in (r for r in runs if r.tool == "newscrawl"):
        warc_cpu = r.probe.get("stages", {}).get("warc", 0.0)
        share = 1000 * warc_cpu / max(1, r.pages) / max(1e-9, r.cpu_ms)
        print(f"WARC capture, {r.label} at {r.size:,} pages: "
              f"{r.probe.get('warc_bytes', 0) / max(1, r.records) / 1024:.1f} KB per article, "
              f"{1000 * warc_cpu / max(1, r.pages):.2f} ms CPU per page, {100 * share:.1f}% of the crawl's CPU "
              f"(all processes; target < 10%): {'OK' if share < 0.10 else 'OVER'}")
    mine = [r for r in runs if r.tool == "newscrawl" and r.workers == default]
    if len(mine) >= 2:
        small, big = mine[0], mine[-1]
        print(f"{small.label} peak RSS (all processes): {small.memory.peak_rss:.0f} MB at {small.size:,} pages, "
              f"{big.memory.peak_rss:.0f} MB at {big.size:,} ({big.memory.peak_rss - small.memory.peak_rss:+.0f} MB; "
              f"PSS {small.memory.peak_pss:.0f} -> {big.memory.peak_pss:.0f} MB); limit {RSS_LIMIT_MB} MB: "
              f"{'OK' if max(r.memory.peak_rss for r in mine) < RSS_LIMIT_MB else 'OVER'}")
    scaling = sorted((r for r in runs if r.tool == "newscrawl" and r.size == biggest), key=lambda r: r.workers or 0)
    if len(scaling) >= 2:
        base = scaling[0]
        print(f"scaling at {biggest:,} pages ({usable_cores()} usable cores): " + ", ".join(
            f"w={r.workers} {r.pages / r.wall:.1f} pages/s (x{(r.pages / r.wall) / (base.pages / base.wall):.2f})"
            for r in scaling))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Crawl a generated local news site end to end.")
    ap.add_argument("--sizes", default="1000,5000")
    ap.add_argument("--no-plain", action="store_true", help="skip the plain Scrapy + trafilatura spider")
    ap.add_argument("--no-clean-probe", action="store_true", help="do not time newscrawl.clean calls")
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "newscrawl-bench-crawl")
    ap.add_argument("--keep", action="store_true", help="keep the generated sites and archives")
    ap.add_argument("--workers-redis", type=int, default=0, metavar="N",
                    help="only crawl the largest size as a shared crawl of 1 and of N worker processes on one "
                         "redis-server, and report pages/s of each")
    ap.add_argument("--scaling", default="",
                    help="also crawl the largest size with these NEWSCRAWL_EXTRACT_WORKERS counts, e.g. 0,1,2,4")
    args = ap.parse_args(argv)
    from newscrawl.sample_site.launch import start_subprocess

    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.dir
    work.mkdir(parents=True, exist_ok=True)
    if args.workers_redis:
        return bench_redis(sizes[-1], work, args.concurrency, args.workers_redis)
    runs: list[Run] = []
    for size in sizes:
        site = work / f"site-{size}"
        if not (site / site_marker(size)).exists():
            t0 = time.monotonic()
            total = build_site(site, size)
            print(f"built {size:,} pages ({total / 1e6:.0f} MB) in {time.monotonic() - t0:.0f} s: {site}", flush=True)
        with start_subprocess(root=site) as base:
            print(f"serving {site} at {base}", flush=True)
            run = run_newscrawl(base, size, work, args.concurrency, not args.no_clean_probe)
            print(f"  {run.label} {size:,}: {run.wall:.0f} s, exit {run.exit}", flush=True)
            runs.append(run)
            counts = [int(n) for n in args.scaling.split(",") if n.strip()] if size == sizes[-1] else []
            for workers in (n for n in counts if n != run.workers):
                extra = run_newscrawl(base, size, work, args.concurrency, not args.no_clean_probe, workers)
                print(f"  {extra.label} {size:,}: {extra.wall:.0f} s, exit {extra.exit}", flush=True)
                runs.append(extra)
            if not args.no_plain:
                run = run_plain(base, size, work, args.concurrency)
                print(f"  plain     {size:,}: {run.wall:.0f} s, exit {run.exit}", flush=True)
                runs.append(run)
    print()
    runs.sort(key=lambda r: (r.tool != "newscrawl", r.size, r.workers or 0))
    print_table(runs)
    if not args.keep:
        for size in sizes:
            shutil.rmtree(work / f"newscrawl-{size}", ignore_errors=True)
    return 0 if all(r.exit == 0 for r in runs) else 1


def bench_redis(size: int, work: Path, concurrency: int, workers: int) -> int:
    from newscrawl.sample_site.launch import start_subprocess

    site = work / f"site-{size}"
    if not (site / site_marker(size)).exists():
        build_site(site, size)
    results = []
    with start_subprocess(root=site) as base, redis_server() as url:
        for count in sorted({1, workers}):
            result = run_redis_workers(base, size, work, concurrency, count, url)
            print(f"  {count} Redis worker(s): {result['records']:,} articles {result['per_worker']} in "
                  f"{result['wall']:.1f} s = {result['pages_s']:.1f} pages/s (exit {result['exit']})", flush=True)
            results.append(result)
    print()
    print("| Redis workers | extraction processes each | articles | per worker | wall s | pages/s |")
    print("|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['workers']} | {r['extract_per_worker']} | {r['records']:,} | {r['per_worker']} | "
              f"{r['wall']:.1f} | {r['pages_s']:.1f} |")
    return 0 if all(s == 0 for r in results for s in r["exit"]) else 1


if __name__ == "__main__":
    sys.exit(main())
