"""NewsLogFormatter: the DEBUG "Crawled"/"Scraped" lines are built only when a
handler would show them; dropped items log one WARNING line without the record."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse

from newscrawl.logformatter import NewsLogFormatter, shows_debug


@pytest.fixture
def isolated() -> Iterator[tuple[logging.Logger, logging.Logger]]:
    """Scrapy's engine and scraper loggers cut off from the root handlers; pytest's
    capture handlers arrive after set-up, so each test sets its loggers' handlers."""
    loggers = [logging.getLogger("scrapy.core.engine"), logging.getLogger("scrapy.core.scraper")]
    saved = [(lg.propagate, list(lg.handlers), lg.level) for lg in loggers]
    for lg in loggers:
        lg.propagate = False
        lg.handlers = []
        lg.setLevel(logging.DEBUG)  # as under Scrapy, which opens the root logger to all levels
    yield loggers[0], loggers[1]
    for lg, (propagate, handlers, level) in zip(loggers, saved, strict=True):
        lg.propagate, lg.handlers = propagate, handlers
        lg.setLevel(level)


def _page() -> tuple[Request, HtmlResponse]:
    request = Request("https://news.example/a.html")
    response = HtmlResponse(request.url, body=b"<html><p>x</p></html>", request=request)
    return request, response


def test_no_debug_lines_built_when_handlers_show_info(isolated: tuple[logging.Logger, logging.Logger]) -> None:
    engine, scraper = isolated
    for lg in isolated:
        lg.handlers = [logging.NullHandler(logging.INFO)]
    request, response = _page()
    formatter, spider = NewsLogFormatter(), Spider("news")
    assert formatter.crawled(request, response, spider) is None
    assert formatter.scraped({"url": request.url}, response, spider) is None
    assert not shows_debug(engine.name) and not shows_debug(scraper.name)


def test_debug_lines_kept_when_a_handler_shows_debug(isolated: tuple[logging.Logger, logging.Logger]) -> None:
    engine, scraper = isolated
    engine.handlers = [logging.NullHandler(logging.DEBUG)]
    scraper.handlers = [logging.NullHandler(logging.NOTSET)]
    request, response = _page()
    formatter, spider = NewsLogFormatter(), Spider("news")
    crawled = formatter.crawled(request, response, spider)
    scraped = formatter.scraped({"url": request.url}, response, spider)
    assert crawled["level"] == logging.DEBUG and crawled["args"]["status"] == 200
    assert scraped["level"] == logging.DEBUG and scraped["args"]["src"] is response


def test_a_logger_level_above_debug_hides_debug(isolated: tuple[logging.Logger, logging.Logger]) -> None:
    engine, _ = isolated
    engine.handlers = [logging.NullHandler(logging.DEBUG)]
    engine.setLevel(logging.INFO)
    assert not shows_debug(engine.name)


def test_a_propagating_logger_uses_its_ancestors_handlers() -> None:
    parent = logging.getLogger("newscrawl-test-parent")
    child = logging.getLogger("newscrawl-test-parent.child")
    parent.propagate = False
    parent.setLevel(logging.DEBUG)
    handler = logging.NullHandler(logging.WARNING)
    parent.addHandler(handler)
    try:
        assert not shows_debug(child.name)
        handler.setLevel(logging.DEBUG)
        assert shows_debug(child.name)
    finally:
        parent.removeHandler(handler)


def test_dropped_is_one_warning_without_the_record() -> None:
    item = {"url": "https://news.example/a.html", "body": "x" * 10_000}
    out = NewsLogFormatter().dropped(item, DropItem("too short: https://news.example/a.html"), None)
    assert out["level"] == logging.WARNING
    assert "x" * 100 not in out["msg"] % out["args"]
