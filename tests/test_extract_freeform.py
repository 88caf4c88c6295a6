"""Dates in words are read by dateparser in the page's language and English, never
by loading every locale, and a page's reading never leaks into the next page's."""

from __future__ import annotations

import htmldate.extractors
import lxml.html
import pytest

from newscrawl import extract_article
from newscrawl.extract import freeform
from newscrawl.extract.dates import htmldate_day

FILLER = "<p>" + "Der Text des Artikels geht hier weiter und weiter. " * 12 + "</p>"


def _page(dateline: str, lang: str = "") -> str:
    attr = f' lang="{lang}"' if lang else ""
    return (f"<html{attr}><head><title>Ein Bericht</title></head><body><article><h1>Ein Bericht</h1>"
            f"<p>{dateline}</p>{FILLER}</article></body></html>")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", ("de", "en")),
        ("en", ("en",)),
        ("zh-Hant", ("zh-Hant", "zh", "en")),  # dateparser knows the script subtag
        ("pt-BR", ("pt", "en")),  # ... but not the region: the primary language
        ("PL", ("pl", "en")),
        ("xx", None),  # no language dateparser knows: htmldate's own, all locales
        (None, None),
        ("", None),
    ],
)
def test_dateparser_languages(language: str | None, expected: tuple[str, ...] | None) -> None:
    assert freeform.dateparser_languages(language) == expected


def test_htmldate_asks_us_for_its_parser() -> None:
    """htmldate looks its external parser up as a module global on every call: if a
    release stops doing so, dates in words go back to loading every locale."""
    freeform._parser.cache_clear()
    tree = lxml.html.fromstring(_page("3 marca 2021"))
    assert htmldate_day(tree, "https://example.pl/a", language="pl") == "2021-03-03"
    assert htmldate.extractors.get_external_parser is freeform._external_parser
    info = freeform._parser.cache_info()
    assert info.misses == 1 and info.currsize == 1  # a ("pl", "en") parser was built and asked


@pytest.mark.parametrize(
    ("language", "dateline"),
    [("pl", "3 marca 2021"), ("cs", "3. března 2021"), ("fi", "3. maaliskuuta 2021"), ("hu", "2021. március 3.")],
)
def test_a_date_in_words_is_read_in_the_pages_language(language: str, dateline: str) -> None:
    tree = lxml.html.fromstring(_page(dateline))
    assert htmldate_day(tree, "https://example.org/a", language=language) == "2021-03-03"


def test_a_reading_under_one_language_is_not_served_to_the_next_page() -> None:
    """htmldate memoises strings: a Polish page's reading of "3 marca 2021" must not
    be what a Japanese page with the same string gets (the day is not Japanese), and
    the Polish page reads it again after it."""
    tree = lxml.html.fromstring(_page("3 marca 2021"))
    assert htmldate_day(tree, "https://example.org/a", language="pl") == "2021-03-03"
    assert htmldate_day(tree, "https://example.org/a", language="ja") != "2021-03-03"
    assert htmldate_day(tree, "https://example.org/a", language="pl") == "2021-03-03"


def test_the_record_reads_its_date_in_the_declared_language() -> None:
    """End to end: the page's ``<html lang>`` reaches htmldate's dateparser."""
    freeform._parser.cache_clear()
    record = extract_article(_page("3. března 2021", lang="cs"), "https://example.cz/zpravy/a")
    assert record["language"] == "cs"
    assert (record["published_at"] or "")[:10] == "2021-03-03"
    assert freeform._parser.cache_info().currsize == 1
    freeform._parser(("cs", "en"))  # the one parser built was the Czech one: a cache hit
    assert freeform._parser.cache_info().hits == 1
