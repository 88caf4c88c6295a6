"""Stream items of other stories (a linked headline and its summary, in a run of alike
items) are not article text when they trail the article; a guide whose sections open
with linked headings keeps every section."""

from __future__ import annotations

from newscrawl import extract_article
from newscrawl.clean.text import squash

SECTIONS = [
    ("Trek FX 3", "The Trek FX 3 is the lightest commuter we rode this year, and its carbon fork soaks up rough streets."),
    ("Cannondale Quick 4", "The Cannondale Quick 4 costs less than the rest and still shifts cleanly on every climb we tried."),
    ("Giant Escape 2", "The Giant Escape 2 has the most upright position, which makes it the easiest bike to ride in traffic."),
    ("Specialized Sirrus", "The Specialized Sirrus has a stiff frame that suits riders who also want weekend fitness rides."),
]


def _item(name: str, text: str, cls: str) -> str:
    return f'<div class="{cls}"><h3><a href="/go/{name.split()[0].lower()}">{name}</a></h3><p>{text}</p></div>'


def test_guide_sections_with_linked_headings_stay() -> None:
    sections = "".join(_item(n, t, "product") for n, t in SECTIONS)
    html = f"""<html><head><title>The best commuter bikes</title></head><body><article>
<h1>The best commuter bikes</h1>
<p>We rode twenty commuter bikes over three months of city streets to find the four worth buying.</p>
{sections}
<p>Whichever you choose, have a shop fit it to you: a bike that fits is a bike you will ride every day.</p>
</article></body></html>"""
    body = squash(extract_article(html, "https://example.com/guides/best-commuter-bikes")["body"])
    for _, text in SECTIONS:
        assert squash(text) in body


def test_trailing_stream_of_other_stories_goes() -> None:
    stream = "".join(_item(n, t, "story") for n, t in SECTIONS)
    html = f"""<html><head><title>Council extends tram line</title></head><body><main>
<div class="article"><h1>Council extends tram line</h1>
<p>The council voted on Tuesday to extend the tram line to the northern districts by 2030.</p>
<p>Opponents said the cost had doubled since the plan was first presented three years ago.</p></div>
<div class="more">{stream}</div>
</main></body></html>"""
    body = squash(extract_article(html, "https://example.com/news/2024/05/14/tram")["body"])
    assert squash("The council voted on Tuesday") in body
    for _, text in SECTIONS:
        assert squash(text) not in body


def test_trailing_list_of_places_that_link_out_stays() -> None:
    """A listicle's last items each open with a linked heading too, but they link to
    the places' own sites: that is the article's text, not a stream of other stories."""
    places = "".join(
        f'<div class="entry"><h3><a href="https://{n.split()[0].lower()}.example.org/">{n}</a></h3><p>{t}</p></div>'
        for n, t in SECTIONS)
    html = f"""<html><head><title>New restaurants this month</title></head><body><main>
<div class="article"><h1>New restaurants this month</h1>
<p>Four new places opened their doors in the city this month, from tacos to tasting menus.</p></div>
<div class="list">{places}</div>
</main></body></html>"""
    body = squash(extract_article(html, "https://citymag.example.com/eat/new-restaurants")["body"])
    for _, text in SECTIONS:
        assert squash(text) in body
