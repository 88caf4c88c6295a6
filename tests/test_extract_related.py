"""Lists of other stories inside the article: inline hover cards in a paragraph go,
the paragraph's own words and its ordinary links stay. Whole-page case: the aeb
fixture 6ebac05f (The Hill)."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from newscrawl.extract.dom import text_of
from newscrawl.extract.related import drop_inline_story_lists

CARD = (
    '<span class="rollover-people"><a href="/people/jane-doe">Jane Doe</a>'
    '<span class="rollover-block"><span><img src="/jd.jpg"><a class="name" href="/people/jane-doe">Jane Doe</a>'
    '<a href="/news/1">Council passes budget after a four hour debate</a> '
    '<a href="/news/2">Mayor names new head of the transit authority</a> '
    '<a class="more" href="/people/jane-doe">MORE</a></span></span></span>'
)


def paragraph_after(inner: str) -> tuple[int, str]:
    tree = lxml_html.document_fromstring(f"<html><body><p>{inner}</p></body></html>")
    removed = drop_inline_story_lists(tree)
    return removed, text_of(tree.find(".//p"))


def test_hover_card_goes_and_the_sentence_stays() -> None:
    removed, text = paragraph_after(f"The motion was tabled by Rep. {CARD} (D-Ohio) on Monday.")
    assert removed == 1
    assert text == "The motion was tabled by Rep. Jane Doe (D-Ohio) on Monday."


@pytest.mark.parametrize(
    "inner",
    [
        # a sentence wrapped in a styling span, with two long linked phrases in it
        '<span style="font-weight: 400;">The office <a href="/a">announced the settlement with the county '
        'on Monday</a> after months of talks, and the county <a href="/b">said it would appeal the ruling '
        'within thirty days</a> of the decision.</span>',
        # one headline link is a citation, not a list
        'See <em><a href="/c">Council passes budget after a four hour debate</a></em> for the vote.',
        # short links (names, places) are no headlines
        '<span><a href="/p/1">Jane Doe</a> and <a href="/p/2">John Roe</a></span> spoke.',
    ],
)
def test_prose_with_links_stays(inner: str) -> None:
    before = text_of(lxml_html.fragment_fromstring(f"<p>{inner}</p>"))
    removed, text = paragraph_after(inner)
    assert removed == 0
    assert text == before
