"""extract/title.py: the headline when the <h1> and the structured title disagree."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from newscrawl.clean import headline as headline_mod
from newscrawl.extract import title
from newscrawl.extract.metadata import PageMeta

URL = "https://news.example.com/2024/05/storm.html"


def tree_of(body: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html><head></head><body>{body}</body></html>")


def headline(h1: str, og_title: str, html_title: str | None = None) -> str:
    tree = tree_of(f"<article><h1>{h1}</h1><p>The storm reached the coast at dawn.</p></article>")
    meta = PageMeta(title=og_title, html_title=html_title or f"{og_title} | Example News")
    return title.choose_title(meta, tree, "Example News", set(), URL)[0]


@pytest.mark.parametrize(
    ("h1", "expected"),
    [
        # A <title>-style segment after a bar is not the headline's.
        ("Best Movers in Boston 2025 | Top 19 Companies", "Best Movers in Boston 2025"),
        ("Best Movers in Boston 2025 ｜ Top 19 Companies", "Best Movers in Boston 2025"),
        # After a dash or a colon it is the headline's own second half.
        ("Best Movers in Boston 2025 – Tips and Tricks", "Best Movers in Boston 2025 – Tips and Tricks"),
        ("Best Movers in Boston 2025: Tips and Tricks", "Best Movers in Boston 2025: Tips and Tricks"),
        # A short label before the headline goes.
        ("Blog: Best Movers in Boston 2025", "Best Movers in Boston 2025"),
        ("2024 - Best Movers in Boston 2025", "Best Movers in Boston 2025"),
    ],
)
def test_glued_segment(h1: str, expected: str) -> None:
    assert headline(h1, "Best Movers in Boston 2025") == expected


@pytest.mark.parametrize(
    ("label", "glued"),
    [
        # KICKER_MAX_WORDS = 3: a label of 3 words before the headline goes, of 4 stays.
        pytest.param("Our Company Blog:", True, id="KICKER_MAX_WORDS-at"),
        pytest.param("From Our Company Blog:", False, id="KICKER_MAX_WORDS-past"),
    ],
)
def test_kicker_max_words(label: str, glued: bool) -> None:
    assert headline_mod.KICKER_MAX_WORDS == 3
    ref = "Best Movers in Boston 2025"
    assert headline_mod.glued_to(f"{label} {ref}", ref) is glued


@pytest.mark.parametrize(
    ("h1", "expected"),
    [
        # An <h1> in capitals or in lower case only is a styled spelling of the typed title.
        ("TIPS FOR ONLINE SUCCESS", "Tips for Online Success"),
        ("tips for online success", "Tips for Online Success"),
        # A heading in mixed case is the page's own spelling and stands.
        ("Tips For Online Success", "Tips For Online Success"),
    ],
)
def test_one_case_heading(h1: str, expected: str) -> None:
    assert headline(h1, "Tips for Online Success") == expected


def test_one_case_heading_matching_a_title_segment() -> None:
    tree = tree_of("<article><h1>history of coffee</h1><p>Coffee spread from Ethiopia.</p></article>")
    meta = PageMeta(html_title="History of coffee | Origin, Spread, Facts | Britannica")
    assert title.choose_title(meta, tree, None, set(), URL)[0] == "History of coffee"


def test_glued_headline_leaves_the_body() -> None:
    # The <h1> repeated as the body's first line goes though the title dropped its tail.
    body, _, _ = headline_mod.strip_headline_echo(
        ["How meditation rewires brains and improves physical health | Opinion",
         "In a world marked by war, meditation offers a counterbalance.", "More text."],
        "How meditation rewires brains and improves physical health",
    )
    assert body == ["In a world marked by war, meditation offers a counterbalance.", "More text."]
