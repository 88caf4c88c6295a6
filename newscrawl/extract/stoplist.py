"""trafilatura's jusText fallback with one copy of its all-languages stoplist, not two.

For a page of no given language, trafilatura 2.x hands jusText the union of all of
jusText's stoplists (154,000 words) as a tuple, ``trafilatura.external.JT_STOPLIST``,
and jusText's ``classify_paragraphs`` turns it into a frozenset of freshly lower-cased
words, memoised on that tuple (``justext.core.define_stoplist``): two copies of every
word for the life of each extracting process. tracemalloc over 400 pages of the bench
crawl site (in a profile of 300 of them, 12 reach jusText): 12.1 MB for the tuple,
12.1 MB for the set.
jusText's own stoplists are lower case already (``justext.utils.get_stoplist`` lowers
them), so here the union is built once as a frozenset and jusText takes a frozenset
as it is: the same words, one copy.

Importing this module installs both replacements; nothing else changes in either
library.
"""

from __future__ import annotations

from typing import Any

import justext.core as _justext
import trafilatura.external as _trafilatura
from justext.utils import get_stoplist, get_stoplists

#: jusText's own (memoised) lower-casing, for anything that is not already a frozenset.
_LOWERED = getattr(_justext.define_stoplist, "lowered", _justext.define_stoplist)


def all_languages() -> frozenset[str]:
    """The union of jusText's stoplists, built on first use and kept where trafilatura
    looks for it."""
    union: Any = _trafilatura.JT_STOPLIST
    if not isinstance(union, frozenset):
        union = frozenset(word for language in get_stoplists() for word in get_stoplist(language))
        setattr(_trafilatura, "JT_STOPLIST", union)  # noqa: B010 - typed None in trafilatura
    return union


def define_stoplist(stoplist: Any) -> frozenset[str]:
    """jusText's ``define_stoplist``: a frozenset (jusText's per-language stoplists and
    the union, all lower case) is used as it is; anything else is lower-cased as jusText does."""
    return stoplist if isinstance(stoplist, frozenset) else _LOWERED(stoplist)


setattr(define_stoplist, "lowered", _LOWERED)  # noqa: B010 - an attribute mypy does not know
_justext.define_stoplist = define_stoplist  # classify_paragraphs looks it up at each call
_trafilatura.jt_stoplist_init = all_languages  # type: ignore[assignment]  # try_justext: JT_STOPLIST or jt_stoplist_init()
