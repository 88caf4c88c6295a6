"""Dates written in words ("3. März 2021", "March 3rd, 2021") read in the page's own
languages, not in all of dateparser's.

htmldate's extensive search hands such strings to dateparser through
``htmldate.extractors.get_external_parser``: one ``DateDataParser`` over every
locale. The first string no locale reads makes it load all 205 of them: +41 MB of
RSS and 1.9 s of CPU in each process that extracts (dateparser 1.5.0, htmldate
1.11.0; ``languages=["de", "en"]``: +5 MB and 0.13 s). In a crawl that is every
extraction worker, once per worker. ``in_languages`` makes htmldate's parser, for the
span of one call, a parser of the page's language and English (dates in English
are everywhere, in every language's pages); a page of no known language keeps
htmldate's own, all locales.

htmldate memoises ``try_date_expr`` on the string alone, so a string read under one
page's languages would be served to a page of others: that cache is cleared whenever
the languages change, so a record depends on its page, never on the page before it
(the same records inline and in any number of workers).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

import htmldate.extractors as _htmldate
from dateparser import DateDataParser  # type: ignore[attr-defined]
from dateparser.data.languages_info import language_order

#: htmldate 1.11.0's own settings for its external parser (extractors.get_external_parser).
_SETTINGS = {
    "NORMALIZE": True,
    "PARSERS": ["custom-formats", "absolute-time"],
    "PREFER_DATES_FROM": "past",
    "PREFER_LOCALE_DATE_ORDER": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
}
_KNOWN = frozenset(language_order)
#: htmldate's own parser (kept on ours, so a second import of this module finds it).
_ALL_LOCALES = getattr(_htmldate.get_external_parser, "all_locales", _htmldate.get_external_parser)
_languages: ContextVar[tuple[str, ...] | None] = ContextVar("newscrawl_date_languages", default=None)
_last: list[tuple[str, ...] | None] = [None]


def dateparser_languages(language: str | None) -> tuple[str, ...] | None:
    """The dateparser languages to read a page of BCP 47 ``language`` in: the tag
    itself where dateparser knows it (``zh-Hant``), its primary language (``zh``) and
    English; None (all locales) for a page of no language dateparser knows."""
    if not language:
        return None
    primary = language.split("-", 1)[0].lower()
    own = [code for code in dict.fromkeys((language, primary)) if code in _KNOWN]
    if not own:
        return None
    return tuple(dict.fromkeys([*own, "en"]))


@lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...]) -> Any:
    return DateDataParser(languages=list(languages), settings=_SETTINGS)


def _external_parser() -> Any:
    """What htmldate calls for its parser: the current page's, else its own."""
    languages = _languages.get()
    return _ALL_LOCALES() if languages is None else _parser(languages)


@contextmanager
def in_languages(language: str | None) -> Iterator[None]:
    """Within the block, htmldate reads dates in words in ``language`` (and English)."""
    languages = dateparser_languages(language)
    if languages != _last[0]:
        _htmldate.try_date_expr.cache_clear()
        _last[0] = languages
    token = _languages.set(languages)
    try:
        yield
    finally:
        _languages.reset(token)


setattr(_external_parser, "all_locales", _ALL_LOCALES)  # noqa: B010 - an attribute mypy does not know
_htmldate.get_external_parser = _external_parser  # type: ignore[assignment]
