"""Where extraction finds the writer when no byline or meta tag names one: an element
marked as the author's, and what must never be taken for it (a commenter, the
responsible editor). Whole-page cases are in the benchmark fixtures (zh 080, 084,
088, 134)."""

from __future__ import annotations

import pytest

from newscrawl import extract_article

TEXT = (
    "<p>The city council voted on Tuesday to approve a new budget that raises spending on schools "
    "and parks by ten percent next year.</p>"
    "<p>Members debated for four hours before the vote, which passed seven to two after a late "
    "amendment on transit funding was adopted.</p>"
)


def page(header: str, after: str = "") -> str:
    return (
        "<html><head><title>Council votes on the new budget - Example News</title></head><body>"
        f"<article><h1>Council votes on the new budget</h1>{header}{TEXT}</article>{after}</body></html>"
    )


@pytest.mark.parametrize(
    ("header", "after", "authors"),
    [
        # schema.org markup: the name inside the author element, the job title beside it
        ('<div class="meta"><span itemprop="author" itemscope><span itemprop="name">Jane Doe</span>'
         '<span itemprop="jobTitle">City Hall Reporter</span></span></div>', "", ["Jane Doe"]),
        # qdaily: <div class="author"><span class="name">, the date beside it
        ('<div class="author"><a class="avatar"><img src="/f.jpg"></a><span class="name">谢若含</span>'
         '<span class="date">2017-03-01 14:27:02</span></div>', "", ["谢若含"]),
        ('<p>By <a rel="author" href="/staff/sam-lee">Sam Lee</a></p>', "", ["Sam Lee"]),
        # a commenter's name is not the writer's
        ("", '<div class="comments"><div class="comment-author"><span class="name">Troll Face</span></div>'
             "<p>I disagree with all of this.</p></div>", []),
        ("", '<div class="comment-author">Troll Face</div><p>I disagree with all of this.</p>', []),
        # an editor box marked "author" names the editor, kept out of authors
        ('<p class="show_author">责任编辑：刘德宾</p>', "", []),
    ],
)
def test_author_element(header: str, after: str, authors: list[str]) -> None:
    record = extract_article(page(header, after), "https://example.com/news/1.html")
    assert record["authors"] == authors
    assert "The city council voted on Tuesday" in record["body"]


def blog(masthead: str, footer: str, headline: str = "<h2>Council votes on the new budget</h2>") -> str:
    return (
        f'<html><body><div id="top"><h1>{masthead}</h1></div>'
        f'<div class="post">{headline}{TEXT}</div><div id="footer"><p>{footer}</p></div></body></html>'
    )


@pytest.mark.parametrize(
    ("masthead", "footer", "authors"),
    [
        # a personal blog: its name in the masthead and its copyright holder are one person
        ('<a href="https://example.com/jane/">Jane Doe</a>', "© 2019 Jane Doe. All rights reserved.", ["Jane Doe"]),
        ('<a href="https://example.com/lijianzhong/">李建忠</a>', "Copyright © 李建忠", ["李建忠"]),
        # either alone is not enough
        ('<a href="https://example.com/jane/">Jane Doe</a>', "© 2019 Example Media. All rights reserved.", []),
        ('<a href="https://example.com/">Example News</a>', "© 2019 Jane Doe. All rights reserved.", []),
        # a paper's masthead and notice name the paper
        ('<a href="https://example.com/">新华网</a>', "Copyright © 新华网", []),
    ],
)
def test_site_owner(masthead: str, footer: str, authors: list[str]) -> None:
    record = extract_article(blog(masthead, footer), "https://example.com/jane/archive/1.html")
    assert record["authors"] == authors
    assert record["title"] == "Council votes on the new budget"  # the masthead <h1> is not the headline


def test_headline_h1_linking_to_itself_stays_the_title() -> None:
    """A theme that wraps the headline <h1> in the header and links it to the post's
    own permalink: that <h1> is the headline, not a masthead."""
    url = "https://example.com/jane/archive/1.html"
    html = blog(f'<a href="{url}">Council votes on the new budget</a>', "© 2019 Jane Doe", headline="")
    record = extract_article(html, url)
    assert record["title"] == "Council votes on the new budget"
    assert record["authors"] == []


def test_the_publication_is_no_author() -> None:
    """A meta author that is the site itself ("CNN Business" on CNN) is left out; the
    person beside it stays."""
    html = page('<p class="byline">By Jane Doe, CNN Business</p>').replace(
        "<head>", '<head><meta property="og:site_name" content="CNN">'
        '<meta name="author" content="Jane Doe, CNN Business">'
    )
    record = extract_article(html, "https://www.cnn.com/2019/11/18/council.html")
    assert record["authors"] == ["Jane Doe"]


def test_a_fuller_byline_beats_a_meta_tag_naming_the_first_writer() -> None:
    html = page('<p class="byline">By Stefan Becket, Kathryn Watson, Grace Segers</p>').replace(
        "<head>", '<head><meta name="author" content="Stefan Becket">'
    )
    record = extract_article(html, "https://example.com/news/1.html")
    assert record["authors"] == ["Stefan Becket", "Kathryn Watson", "Grace Segers"]


def test_a_publisher_as_markup_author_leaves_the_byline_to_name_the_writer() -> None:
    """JSON-LD naming the publication ("Cleveland Clinic") as the author names no writer:
    the credit shown on the page does."""
    html = page('<p class="byline">By Holly Wilgus</p>').replace(
        "<head>", '<head><meta property="og:site_name" content="Cleveland Clinic">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tram line extended",'
        ' "author": {"@type": "Organization", "name": "Cleveland Clinic"}}</script>'
    )
    record = extract_article(html, "https://health.clevelandclinic.org/tram-line")
    assert record["authors"] == ["Holly Wilgus"]


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Daniel Burstein, Senior Director, Content &amp; Marketing, MECLABS Institute", ["Daniel Burstein"]),
        ("By Brett Cruz, Privacy and Digital Security Expert &amp; Gene Petrino, Home Security Expert",
         ["Brett Cruz"]),
        ("By Claire Wilson, Co-Founder", ["Claire Wilson"]),
        # before any name a job-title word is no title: the writer's pen name
        ("By Luxury Travel Expert", ["Luxury Travel Expert"]),
    ],
)
def test_a_job_title_after_the_name_ends_the_credit(byline: str, authors: list[str]) -> None:
    html = page(f'<p class="byline">{byline}</p>')
    assert extract_article(html, "https://example.com/news/1.html")["authors"] == authors


def test_a_web_page_s_person_author_in_json_ld() -> None:
    """No article object in the JSON-LD: the WebPage's Person author is the writer, not
    the meta tag naming the publication; an Organization there names nobody."""
    ld = ('<script type="application/ld+json">{"@type": "WebPage", "name": "Tram line extended",'
          ' "author": %s}</script><meta name="author" content="Digjitale">')
    person = '{"@type": "Person", "name": "\u00c7elik Nimani"}'
    html = page("").replace("<head>", "<head>" + ld % person)
    assert extract_article(html, "https://www.digjitale.com/p/signal-18")["authors"] == ["\u00c7elik Nimani"]
    html = page("").replace("<head>", "<head>" + ld % '{"@type": "Organization", "name": "Tram Weekly"}')
    assert extract_article(html, "https://www.digjitale.com/p/signal-18")["authors"] == []
