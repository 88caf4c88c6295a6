"""trafilatura's jusText fallback reads one frozenset of jusText's stoplists: the same
words as trafilatura's own tuple, one copy per process instead of two."""

from __future__ import annotations

import justext.core
import lxml.html
import trafilatura.external
from justext.utils import get_stoplist, get_stoplists

import newscrawl.extract.body  # noqa: F401 - the extractor installs the stoplist
from newscrawl.extract import stoplist

PROSE = ("The council voted on Tuesday to extend the opening hours of the city library, "
         "after a year in which the number of visitors rose by a third and the staff said "
         "that the reading rooms were full from the morning until the evening. ")


def test_installed_where_trafilatura_and_justext_look() -> None:
    assert trafilatura.external.jt_stoplist_init is stoplist.all_languages
    assert justext.core.define_stoplist is stoplist.define_stoplist


def test_the_union_holds_the_same_words_all_lower_case() -> None:
    """Taking a frozenset as it is is only right because every stoplist word is lower
    case already: if a jusText release ships one that is not, this fails."""
    union = stoplist.all_languages()
    assert isinstance(union, frozenset)
    assert union == {word for language in get_stoplists() for word in get_stoplist(language)}
    assert all(word == word.lower() for word in union)
    assert stoplist.all_languages() is union  # built once


def test_define_stoplist_keeps_a_frozenset_and_lowers_anything_else() -> None:
    words = frozenset({"the", "a"})
    assert stoplist.define_stoplist(words) is words
    assert stoplist.define_stoplist(("The", "A")) == frozenset({"the", "a"})


def test_justext_fallback_keeps_prose_with_the_union() -> None:
    html = (f"<html><body><div><a href='/'>Home</a> <a href='/news'>News</a></div>"
            f"<p>{PROSE * 2}</p><p>{PROSE}</p><div><a href='/a'>Share</a></div></body></html>")
    body = trafilatura.external.try_justext(lxml.html.fromstring(html), None, None)
    texts = [p.text or "" for p in body]
    assert isinstance(trafilatura.external.JT_STOPLIST, frozenset)
    assert any("council voted" in t for t in texts)
    assert not any(t.strip() in {"Home", "News", "Share"} for t in texts)
