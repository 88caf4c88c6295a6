"""Body assembly: the raw body lines cleaned of widgets, navigation, link-list rows,
metadata strips, copyright notices and editor lines, keeping what the record holds."""

from __future__ import annotations

import re
from bisect import bisect_left

from newscrawl.clean.boilerplate import (
    editor_of,
    is_affiliate_disclosure,
    is_caption,
    is_copyright,
    is_dialog,
    is_meta_line,
    is_navigation,
    is_newsletter_prompt,
    is_related_heading,
    is_widget,
    split_trailing_editor,
    strip_edit_link,
)
from newscrawl.clean.byline import (
    source_in,
)
from newscrawl.clean.pinyin import strip_pinyin
from newscrawl.clean.text import normalize_text, squash
from newscrawl.extract.credits import EDITING_BY, SIGN_OFF
from newscrawl.extract.related import LinkGroup
from newscrawl.urls import site_of

_SELF_LINK = re.compile(r"^https?://\S+$")


#: Body lines made of link texts from the page's link lists are boilerplate only up to
#: this length (longer lines are prose that a page happens to link) and when the link
#: texts cover >= 70% of the line (the rest being bullets, dates, numbering: on the
#: zh-dev pages such rows are 75-95% link text, prose lines under 20%).
LINK_LINE_MAX = 200


LINK_COVER = 0.7


#: Only lines with at least 30% link text (or no block of their own) are scanned for
#: link-list rows; below it a line is a text block of the page, not a row. Introduced
#: with the prefix index as a CPU shortcut (commit 6a7ccf4: the zh-dev wiki page 946 ->
#: ~510 ms), not swept.
MIN_ROW_LINK_SHARE = 0.3


#: A row of short link cells run together (体育 活动 手机 汽车 ...) has at least 3 words,
#: every one a link text. Set by hand on the zh-dev pages (commit f9b8b40), not swept.
LINK_CELLS_MIN = 3


#: Link texts cover a line only when they are at least 4 characters long (the prefix
#: index keys on the first 4). Set with the prefix index (commit 6a7ccf4), not swept.
PREFIX_LEN = 4


#: Rows of several link titles are short (a few titles with dates; 200 letters and
#: digits at most: swept 120/200/400 on aeb-dev and zh-dev, no change above 120); a
#: longer line with that much linked text is prose with inline links.
LINK_ROW_MAX = 200


def _is_boilerplate_line(
    line: str, link_texts: set[str], index: dict[str, list[str]], link_share: dict[str, float]
) -> bool:
    if is_widget(line) or is_dialog(line) or is_navigation(line) or is_related_heading(line) or is_caption(line):
        return True
    if is_newsletter_prompt(line) or is_affiliate_disclosure(line):
        return True
    key = squash(line)
    # A line that is a text block of the page with little link text is no link row;
    # only lines with much link text or no block of their own are scanned.
    if link_share.get(key, 1.0) < MIN_ROW_LINK_SHARE:
        return False
    if len(line) > LINK_LINE_MAX:
        return False
    # A row of short link cells run together (体育 活动 手机 汽车 ...): every word a link.
    words = line.split()
    if len(words) >= LINK_CELLS_MIN and sum(len(w) for w in words if squash(w) in link_texts) >= LINK_COVER * len(key):
        return True
    return _link_covered(key, link_texts, index)


def _prefix_index(link_texts: set[str]) -> dict[str, list[str]]:
    """Link texts of PREFIX_LEN+ characters by their first PREFIX_LEN characters."""
    index: dict[str, list[str]] = {}
    for text in link_texts:
        if len(text) >= PREFIX_LEN:
            index.setdefault(text[:PREFIX_LEN], []).append(text)
    return index


def _link_covered(key: str, link_texts: set[str], index: dict[str, list[str]]) -> bool:
    """The line is (mostly) the text of links from the page's link lists: a related
    row rendered as one line, "· title 2022-07-08", "1. title"."""
    if not key:
        return False
    if key in link_texts:
        return True
    if len(key) > LINK_ROW_MAX:
        return False
    mask = bytearray(len(key))  # characters covered by some link text, each counted once
    for start in range(len(key) - PREFIX_LEN + 1):
        for text in index.get(key[start : start + PREFIX_LEN], ()):
            if key.startswith(text, start):
                mask[start : start + len(text)] = b"\x01" * len(text)
    return sum(mask) >= LINK_COVER * len(key)


def _same_site(url: str, site: str) -> bool:
    return bool(site) and site_of(url) == site  # site_of gives "" for an unparseable host


def clean_lines(
    raw: list[str], groups: list[LinkGroup], link_share: dict[str, float], site: str
) -> tuple[list[str], list[str], str | None, str | None]:
    """Body lines without widgets, navigation, link-list entries, metadata strips,
    copyright notices and the editor line; returns what was taken out that the record
    keeps: ``(paragraphs, notices, editor, source)``."""
    link_texts = {
        squash(text) for g in groups if len(g.links) >= 2 for text, _ in g.links
        if not text.lower().startswith(("http", "www."))  # a printed URL is text, not a title
    }
    index = _prefix_index(link_texts)
    paragraphs: list[str] = []
    notices: list[str] = []
    editor = source = None
    for line in raw:
        line = strip_edit_link(normalize_text(strip_pinyin(line)))
        if not line:
            continue
        if is_copyright(line):
            notices.append(line)
            continue
        name = editor_of(line)
        if name:
            editor = editor or name
            continue
        line, name = split_trailing_editor(line)
        editor = editor or name
        if is_meta_line(line):
            source = source or source_in(line)
            continue
        if SIGN_OFF.match(line):  # "Reporting by ...; Editing by ..."
            found = EDITING_BY.search(line)
            editor = editor or (found.group(1) if found else None)
            continue
        if _is_boilerplate_line(line, link_texts, index, link_share):
            continue
        if _SELF_LINK.match(line) and _same_site(line, site):
            continue  # the page's own address printed by a share box
        if line:
            paragraphs.append(line)
    return _without_glued_copies(paragraphs), notices, editor, source


#: A line holding this many of the body's other lines (each of 20+ characters, squashed)
#: ...
GLUED_MIN_LINES = 3
#: ... that make up at least half of it is the article again, glued into one line (a
#: hidden print or AMP copy, a "read the whole story" block). All dev sets: 30 pages of
#: 30 sites change, 22 for the better (WCXB-dev A +0.0017, B +0.0001, aeb-dev A
#: +0.0014, zh-dev none); without the half-share condition 13 got worse instead of 8.
GLUED_SHARE = 0.5
GLUED_PART_MIN = 20


def _without_glued_copies(paragraphs: list[str]) -> list[str]:
    """The body without lines that repeat several of its other lines run together."""
    keys = [squash(p) for p in paragraphs]
    parts = sorted((k for k in keys if len(k) >= GLUED_PART_MIN), key=len)
    if len(parts) <= GLUED_MIN_LINES:
        return paragraphs
    lengths = [len(k) for k in parts]
    out = []
    for line, key in zip(paragraphs, keys, strict=True):
        # Only a shorter line can lie in this one (an equal one in it is itself):
        # the parts are sorted by length, and most lines are shorter than most parts.
        shorter = bisect_left(lengths, len(key))
        if shorter >= GLUED_MIN_LINES:
            within = [other for other in parts[:shorter] if other in key]
            if len(within) >= GLUED_MIN_LINES and sum(map(len, within)) >= GLUED_SHARE * len(key):
                continue
        out.append(line)
    return out


#: An author's note sits in the body's last quarter: on WCXB-dev half A the notes that
#: the truth leaves out stand at 89-99% of the body's lines (8 pages of 8 sites; a
#: "Written by" line at 69% is left). Set by hand there, not swept.
AUTHOR_NOTE_TAIL = 0.25
#: A note about the author is a paragraph or two ("Jared Newman has been a freelance
#: technology journalist for more than 15 years ..."); WCXB-dev half A's run 147-481
#: characters. A longer paragraph that opens with the author's name is text.
AUTHOR_NOTE_MAX_CHARS = 500


def without_author_notes(paragraphs: list[str], authors: list[str]) -> list[str]:
    """The body without the note about its author at its foot ("Jane Doe is a finance
    writer who ...", "Written by Jane Doe"): it says who wrote the article, not what.
    Only names of two words or more are looked for, so a first name opening a sentence
    ("Sam is ...") is not taken for the author's note."""
    names = [a for a in authors if len(a.split()) >= 2]
    if not names or not paragraphs:
        return paragraphs
    note = re.compile(
        r"^(?:written by\s+(?:" + "|".join(map(re.escape, names)) + r")\s*$|"
        r"(?:" + "|".join(map(re.escape, names)) + r")\s+(?:is|was|has|has been)\s)",
        re.I,
    )
    start = len(paragraphs) - max(1, int(len(paragraphs) * AUTHOR_NOTE_TAIL))
    return paragraphs[:start] + [
        p for p in paragraphs[start:] if len(p) > AUTHOR_NOTE_MAX_CHARS or not note.match(p)
    ]
