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


# --- the article again as one glued line, and dialogs -------------------------------

from newscrawl.clean.boilerplate import DIALOG_MAX_CHARS, is_dialog  # noqa: E402
from newscrawl.extract.assembly import GLUED_MIN_LINES, GLUED_SHARE, _without_glued_copies  # noqa: E402


def test_the_article_glued_into_one_line_goes() -> None:
    assert (GLUED_MIN_LINES, GLUED_SHARE) == (3, 0.5)  # calibrated on all dev sets (assembly.py)
    glued = "".join(ARTICLE)  # a hidden print copy: the paragraphs run together
    assert _without_glued_copies([*ARTICLE, glued]) == ARTICLE


def test_a_summary_quoting_two_lines_stays() -> None:
    """A line holding fewer than GLUED_MIN_LINES others is text of its own."""
    summary = f"In short: {ARTICLE[0]} {ARTICLE[1]}"
    assert _without_glued_copies([*ARTICLE, summary]) == [*ARTICLE, summary]


def test_a_long_line_quoting_three_short_ones_stays() -> None:
    """Three other lines inside, but under GLUED_SHARE of it: a paragraph, not a copy."""
    items = ["The first point made by the council.", "The second point made by the mayor.",
             "The third point made by the unions."]
    long_line = "Summing up the debate, the paper wrote: " + " ".join(items) + " " + " ".join(ARTICLE) * 3
    lines = [*items, ARTICLE[0], long_line]
    assert _without_glued_copies(lines) == lines


def test_dialogs_are_not_body() -> None:
    assert DIALOG_MAX_CHARS == 400
    for line in ["We use cookies to improve your experience. Accept all cookies or manage your preferences.",
                 "Sign in to continue reading this article.", "Allow notifications to get breaking news.",
                 "本网站使用cookie，点击接受所有", "登录后查看全文"]:
        assert is_dialog(line), line
    article_about_cookies = "The regulator said on Tuesday that the website uses cookies to track readers. " * 6
    assert len(article_about_cookies) > DIALOG_MAX_CHARS and not is_dialog(article_about_cookies)
    assert not is_dialog("The council voted on Tuesday to extend the tram line.")
