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
