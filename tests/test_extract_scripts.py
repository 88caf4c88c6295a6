"""Article text a page ships as data in a script: a live blog's JSON-LD updates and a
framework's JSON state, used when the DOM has little of the article."""

from __future__ import annotations

import json

from newscrawl import extract_article
from newscrawl.extract.body import DOM_LITTLE, SHIPPED_MIN_WORDS
from newscrawl.extract.scripts import MIN_BODY_CHARS, live_blog_text, script_body

UPDATES = [f"Update {i}: the count in district {i} is finished and the turnout there was {40 + i} percent."
           for i in range(1, 41)]


def live_blog(shown: int) -> str:
    ld = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Election night, live",
          "liveBlogUpdate": [{"@type": "BlogPosting", "datePublished": f"2024-05-14T20:{i:02d}:00Z",
                              "articleBody": text} for i, text in enumerate(UPDATES)]}
    visible = "".join(f'<div class="update"><p>{text}</p></div>' for text in UPDATES[-shown:])
    return (f'<html><head><title>Election night, live</title><script type="application/ld+json">{json.dumps(ld)}'
            f"</script></head><body><main><h1>Election night, live</h1>{visible}</main></body></html>")


def test_live_blog_keeps_every_update() -> None:
    """The DOM shows the last 3 updates (the rest load on scroll); JSON-LD has all 40."""
    body = extract_article(live_blog(3), "https://example.com/live/election")["body"]
    assert all(text in body for text in UPDATES)
    assert body.index(UPDATES[0]) < body.index(UPDATES[-1])  # oldest first


def test_live_blog_text_orders_updates() -> None:
    ld = [{"@type": "LiveBlogPosting", "liveBlogUpdate": [
        {"datePublished": "2024-05-14T21:00:00Z", "articleBody": "second"},
        {"datePublished": "2024-05-14T20:00:00Z", "headline": "Polls close", "articleBody": "first"}]}]
    assert live_blog_text(ld) == "Polls close\nfirst\nsecond"
    assert live_blog_text([{"@type": "NewsArticle", "articleBody": "x"}]) is None


ARTICLE_HTML = "".join(f"<p>Paragraph {i} of the story: the council debated the tram extension for a long time and "
                       f"decided at last to fund the northern line.</p>" for i in range(12))


def next_page(dom_text: str) -> str:
    state = {"props": {"pageProps": {"story": {"headline": "Tram line extended", "body": ARTICLE_HTML}}}}
    return (f'<html><head><title>Tram line extended</title></head><body><div id="__next"><h1>Tram line extended</h1>'
            f"{dom_text}</div><script id=\"__NEXT_DATA__\" type=\"application/json\">{json.dumps(state)}</script>"
            "</body></html>")


def test_json_state_body_when_the_dom_has_little() -> None:
    assert (DOM_LITTLE, SHIPPED_MIN_WORDS, MIN_BODY_CHARS) == (0.5, 100, 500)  # calibration: see body.py
    body = extract_article(next_page("<p>Loading the story, please wait a moment.</p>"),
                           "https://example.com/news/tram")["body"]
    assert body.splitlines()[0].startswith("Paragraph 0 of the story")
    assert len(body.splitlines()) == 12


def test_json_state_ignored_when_the_dom_has_the_article() -> None:
    dom = ARTICLE_HTML.replace("Paragraph", "Section")
    body = extract_article(next_page(dom), "https://example.com/news/tram")["body"]
    assert "Section 0 of the story" in body and "Paragraph 0" not in body


def test_script_body_reads_escaped_html() -> None:
    source = f'<script type="application/json">{json.dumps({"content": ARTICLE_HTML})}</script>'
    assert script_body(source).splitlines()[11].startswith("Paragraph 11")
    assert script_body('<script type="application/json">{"body": "short"}</script>') is None
    assert script_body("<script>var x = 1;</script>") is None
