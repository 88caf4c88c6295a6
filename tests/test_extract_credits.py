"""Writers named where no markup names them: a credit line anywhere on the page, and
links to the writer's profile page."""

from __future__ import annotations

import pytest

from newscrawl import extract_article
from newscrawl.extract.credits import WRITER_LINE_MAX

TEXT = "".join(f"<p>{line}</p>" for line in (
    "The council voted on Tuesday to extend the tram line to the northern districts by 2030.",
    "Opponents said the cost had doubled since the plan was first presented three years ago.",
    "The mayor said the extension would take ten thousand cars off the ring road every day.",
    "Work on the first two kilometres is due to begin next spring, once the bridge is finished.",
    "Shop owners along the route asked for compensation for the months of building work.",
    "The transport authority expects the first trams to run on the new line in late 2029.",
    "A public consultation on the position of the six new stops opens next month.",
    "The line will be the first in the city to run on power from its own solar farm.",
    "Cyclists' groups welcomed the plan but asked for a separate lane beside the tracks.",
))


def page(credit: str, after: str = "") -> str:
    return f"""<html><head><title>Tram line extended</title></head><body>
<article><h1>Tram line extended</h1>{TEXT}{after}</article>{credit}</body></html>"""


@pytest.mark.parametrize(
    ("credit", "authors"),
    [
        ('<div class="bio"><div>Written by</div><div>Jack Shepherd</div></div>', ["Jack Shepherd"]),
        ('<div class="bio"><p>Written by John Crenshaw</p></div>', ["John Crenshaw"]),
        ('<section><h2>Article by</h2><div>Matias Heikkilä</div></section>', ["Matias Heikkilä"]),
        # a reviewer is not the writer; a sentence with "by" is no credit
        ('<div class="bio"><p>Medically reviewed by Jane Roe</p></div>', []),
        ('<div><p>By the end of the year the line will reach the northern districts and beyond.</p></div>', []),
        # credits in a comment thread are commenters
        ('<div class="comments"><p>By Mark Lee</p></div>', []),
        # a menu heading in <nav> ("Solutions" > "By Event Type") is navigation
        ('<nav><div class="menu-solutions"><h4>By Event Type</h4><a href="/conferences">Conferences</a></div></nav>',
         []),
    ],
)
def test_labelled_writer(credit: str, authors: list[str]) -> None:
    assert extract_article(page(credit), "https://example.com/news/tram")["authors"] == authors


@pytest.mark.parametrize(
    ("credit", "authors"),
    [
        ('<p><a href="/articles/authors/shannon-grilli">Shannon Grilli</a></p>', ["Shannon Grilli"]),
        ('<p><a href="https://example.com/author/bence-kovacs/">Bence Kovács</a></p>', ["Bence Kovács"]),
        ('<p><a href="/people/ana-diaz.html">Ana Díaz</a> and <a href="/people/li-wei.html">Li Wei</a></p>',
         ["Ana Díaz", "Li Wei"]),
        # the slug must be the name's: a link to a section or another person is not a credit
        ('<p><a href="/authors/">All authors</a></p>', []),
        ('<p><a href="/author/jdoe">Jane Doe</a></p>', []),
        # profile links in a list of other stories name those stories' writers
        ('<ul class="related-list"><li><a href="/author/mark-lee">Mark Lee</a></li></ul>', []),
    ],
)
def test_author_links(credit: str, authors: list[str]) -> None:
    assert extract_article(page(credit), "https://example.com/news/tram")["authors"] == authors


def test_credit_line_length_bound() -> None:
    """Calibrated on WCXB-dev bylines (8-45 characters): a longer "by" block is prose."""
    assert WRITER_LINE_MAX == 60
    long_line = "By Jane Roe and her colleagues at the city desk of the paper, 2024"
    assert len(long_line) > WRITER_LINE_MAX
    assert extract_article(page(f'<div class="bio"><p>{long_line}</p></div>'),
                           "https://example.com/news/tram")["authors"] == []


@pytest.mark.parametrize(
    ("credit", "authors"),
    [
        # an English date (and its "Last updated on" label) beside the name is left out
        ('<p class="author">Andrew Gerrand<br>4 August 2010</p>', ["Andrew Gerrand"]),
        ('<div class="resource-author"><p>Luke Kim</p><small>December 17, 2025</small></div>', ["Luke Kim"]),
        ('<div class="author_cont"><h3>Craig McCarthy</h3><p>Last updated on 17 December 2025</p></div>',
         ["Craig McCarthy"]),
    ],
)
def test_author_element_with_an_english_date(credit: str, authors: list[str]) -> None:
    assert extract_article(page(credit), "https://example.org/news/tram")["authors"] == authors


def test_twitter_card_names_the_writer_when_nothing_else_does() -> None:
    card = ('<meta name="twitter:label1" content="Written by">'
            '<meta name="twitter:data1" content="Nawaz Dhandala">')
    html = page("").replace("<head>", "<head>" + card)
    assert extract_article(html, "https://example.org/news/tram")["authors"] == ["Nawaz Dhandala"]
    # the byline on the page goes first: the card names the account that posted it
    html = page('<div class="author">Christian Dupuis</div>').replace("<head>", "<head>" + card)
    assert extract_article(html, "https://example.org/news/tram")["authors"] == ["Christian Dupuis"]

