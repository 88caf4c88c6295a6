"""The crawl state of one run: lock, seen store, duplicate index, archive ingestion.

An extension, so that it is built before the engine and the item pipelines: the
lock is taken before anything touches the archive (the archive pipeline removes
leftover temporary parts when it opens, which must never hit a running crawl's
files). ``SkipSeenMiddleware`` and ``DedupPipeline`` find it with
``crawler.get_extension(DedupState)``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.dedup.ingest import DamagedPart, catch_up, ingest_part
from newscrawl.dedup.lock import StateLock
from newscrawl.dedup.near import THRESHOLD, DuplicateFinder
from newscrawl.dedup.state import CrawlState, StateError, open_state
from newscrawl.runinfo import archive_dir_of, crawl_id_of
from newscrawl.signals import part_file_finished
from newscrawl.urls import url_key

logger = logging.getLogger(__name__)


def state_dir_of(settings: Any) -> Path:
    """``NEWSCRAWL_STATE_DIR``, or ``<NEWSCRAWL_ARCHIVE_DIR>/state`` when unset: the
    state describes one archive, so by default it lives (and is locked) with it."""
    explicit = settings.get("NEWSCRAWL_STATE_DIR")
    if explicit:
        return Path(explicit)
    return archive_dir_of(settings) / "state"


def _shared_state(settings: Any) -> Any:
    """The Redis state of a shared crawl (``NEWSCRAWL_REDIS_URL``, set up by
    ``newscrawl.distributed.addon``), else None: the SQLite state of one machine."""
    if not settings.get("NEWSCRAWL_REDIS_CRAWL"):
        return None
    from newscrawl.distributed.addon import redis_client
    from newscrawl.distributed.keys import base_of
    from newscrawl.distributed.state import RedisState

    return RedisState(redis_client(settings.get("NEWSCRAWL_REDIS_URL")), base_of(settings) + "state:",
                      str(settings.get("NEWSCRAWL_REDIS_WORKER")))


class DedupState:
    def __init__(self, crawler: Any, state_dir: Path, archive_dir: Path, *, threshold: float = THRESHOLD,
                 rebuild: bool = False, shared: Any = None) -> None:
        """``shared``: a state several workers use at once (``RedisState``), instead
        of the SQLite file in ``state_dir`` and its lock."""
        self.crawler = crawler
        self.stats = crawler.stats
        self.state_dir = state_dir
        self.archive_dir = archive_dir
        self.lock: StateLock | None = None
        if shared is None:
            self.lock = StateLock(state_dir)
            try:
                self.lock.acquire(owner=crawl_id_of(crawler))
            except OSError as exc:
                raise StateError(f"cannot use the state directory {state_dir}: {exc.strerror or exc}") from exc
        try:
            self.state: CrawlState = shared if shared is not None else open_state(state_dir)
            self.finder = DuplicateFinder(self.state, threshold=threshold)
            version = self.finder.fingerprinter.version
            if rebuild or self.state.get_meta("fingerprints") != version:
                if self.state.record_count():
                    logger.warning("crawl state: rebuilding the record index from the archive (%s)",
                                   "requested" if rebuild else "fingerprint parameters changed")
                self.state.clear_records()
                self.state.set_meta("fingerprints", version)
                self.state.commit()
        except BaseException:
            if self.lock is not None:
                self.lock.release()
            raise
        self._dropped: list[tuple[list[str], str]] = []
        self._damaged: set[str] = set()  # damaged archive parts, reported once per run
        self.closed = False
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.part_finished, signal=part_file_finished)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupState:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_STATE_ENABLED"):
            raise NotConfigured("NEWSCRAWL_STATE_ENABLED is off")
        return cls(
            crawler, state_dir_of(settings), archive_dir_of(settings),
            threshold=settings.getfloat("NEWSCRAWL_DEDUP_THRESHOLD", THRESHOLD),
            rebuild=settings.getbool("NEWSCRAWL_STATE_REBUILD"),
            shared=_shared_state(settings),
        )

    # --- questions from the middleware and the pipeline ---------------------------

    def seen(self, url: str) -> bool:
        """Whether the page at ``url`` is already in a finished archive part."""
        return self.state.has(url_key(url))

    def note_dropped_duplicate(self, urls: list[str], original: str) -> None:
        """A duplicate was not written (``NEWSCRAWL_DUPLICATES = "drop"``): once its
        original is committed, its pages count as seen, or every run would fetch
        and drop them again."""
        self._dropped.append(([url_key(u) for u in urls if u], original))

    # --- signals ---------------------------------------------------------------------

    def spider_opened(self, spider: Any) -> None:
        self._catch_up("open")
        self.stats.set_value("newscrawl/state/seen_keys", self.state.seen_count())

    def part_finished(self, path: str | Path, **kwargs: Any) -> None:
        rel = self._relative(Path(path))
        try:
            records, new_keys = ingest_part(self.state, self.finder, self.archive_dir, rel)
        except DamagedPart as exc:  # written just now and unreadable: the disk, not the state
            self._damaged.add(rel)
            self.stats.inc_value("newscrawl/archive/damaged_parts")
            logger.error("archive part %s is damaged (%s): run `scrapy archive repair %s`",
                         rel, exc.problem, self.archive_dir)
            return
        except Exception:  # noqa: BLE001 - the crawl goes on; the next catch-up retries
            self.state.rollback()
            self.stats.inc_value("newscrawl/state/errors")
            logger.exception("crawl state: cannot record the finished archive part %s", rel)
            return
        self.stats.inc_value("newscrawl/state/parts_ingested")
        self.stats.inc_value("newscrawl/state/keys_added", new_keys)

    def spider_closed(self, spider: Any, reason: str) -> None:
        try:
            self._catch_up("close")
            self._commit_dropped()
            self.stats.set_value("newscrawl/state/seen_keys", self.state.seen_count())
        finally:
            self.close()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self.state.close()
        except Exception:  # noqa: BLE001
            self.stats.inc_value("newscrawl/state/errors")
            logger.exception("crawl state: cannot close %s", self.state.path)
        finally:
            if self.lock is not None:
                self.lock.release()

    # --- helpers ---------------------------------------------------------------------

    def _relative(self, path: Path) -> str:
        if not path.is_absolute():
            return path.as_posix()
        try:
            return path.resolve().relative_to(self.archive_dir.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def _catch_up(self, when: str) -> None:
        try:
            result = catch_up(self.state, self.finder, self.archive_dir, self._damaged)
        except Exception:  # noqa: BLE001
            self.stats.inc_value("newscrawl/state/errors")
            logger.exception("crawl state: cannot catch up with the archive in %s", self.archive_dir)
            return
        if result.failed:
            self.stats.inc_value("newscrawl/state/errors", result.failed)
        if result.damaged:
            self.stats.inc_value("newscrawl/archive/damaged_parts", result.damaged)
        if result.parts:
            if when == "open":
                logger.info("crawl state: %d archive parts (%d records) were not in the state; ingested",
                            result.parts, result.records)
            self.stats.inc_value("newscrawl/state/parts_ingested", result.parts)
            self.stats.inc_value("newscrawl/state/keys_added", result.new_keys)

    def _commit_dropped(self) -> None:
        keys = [k for urls, original in self._dropped if self.state.is_committed(original) for k in urls]
        self._dropped.clear()
        if keys:
            self.stats.inc_value("newscrawl/state/keys_added", self.state.add_many(keys))
            self.state.commit()

