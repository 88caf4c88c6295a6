"""The page's JSON-LD articleBody as the judge of body lines, when it is the whole article."""

from __future__ import annotations

from newscrawl import extract_article
from newscrawl.extract.body import LD_BODY_FULL, LD_KEEP_MIN, LD_LINE_SHARE, _within_ld_body

ARTICLE = [
    "The council voted on Tuesday to extend the tram line to the northern districts by 2030.",
    "Opponents said the cost had doubled since the plan was first presented three years ago.",
    "The mayor said the extension would take ten thousand cars off the ring road every day.",
    "Work on the first two kilometres is due to begin next spring, once the bridge is finished.",
]
PROMPT = "Sign up for our morning briefing and never miss a story from City Hall"


def test_lines_outside_a_full_article_body_go() -> None:
    assert (LD_BODY_FULL, LD_LINE_SHARE, LD_KEEP_MIN) == (0.7, 0.5, 0.5)  # calibrated on all dev sets
    assert _within_ld_body([*ARTICLE[:2], PROMPT, *ARTICLE[2:]], " ".join(ARTICLE)) == ARTICLE


def test_a_teaser_article_body_judges_nothing() -> None:
    """articleBody of one sentence is a teaser (under LD_BODY_FULL of our words)."""
    lines = [*ARTICLE, PROMPT]
    assert _within_ld_body(lines, ARTICLE[0]) == lines


def test_another_version_of_the_story_judges_nothing() -> None:
    """An articleBody as long as ours but of other words (a translation, another story):
    the filter would keep under LD_KEEP_MIN of the words, so it stands down."""
    other = " ".join(["Der Stadtrat stimmte am Dienstag für die Verlängerung der Straßenbahn."] * 4)
    assert _within_ld_body(ARTICLE, other) == ARTICLE


def test_record_body_drops_the_prompt() -> None:
    ld = '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Tram line extended", ' \
         f'"articleBody": "{" ".join(ARTICLE)}"}}'
    paragraphs = "".join(f"<p>{line}</p>" for line in [*ARTICLE[:2], PROMPT, *ARTICLE[2:]])
    html = (f'<html><head><title>Tram line extended</title><script type="application/ld+json">{ld}</script>'
            f"</head><body><article><h1>Tram line extended</h1>{paragraphs}</article></body></html>")
    body = extract_article(html, "https://example.com/news/2024/05/14/tram")["body"]
    assert "Sign up for our morning briefing" not in body
    assert all(line in body for line in ARTICLE)
