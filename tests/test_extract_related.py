"""Lists inside the article column that are not its text: inline hover cards of other
stories in a paragraph, a wiki's footnote list. The paragraph's own words, its
ordinary links and its footnote markers stay. Whole-page case for the cards: the aeb
fixture 6ebac05f (The Hill)."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from newscrawl import extract_article
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


def test_wiki_footnote_list_is_not_text() -> None:
    prose = "".join(
        f"<p>雄安新区位于河北省保定市境内，地处北京、天津、保定腹地，区位优势明显，交通便捷通畅。第{i}段。"
        f'<sup class="reference"><a href="#cite_note-{i}">[{i}]</a></sup></p>'
        for i in range(1, 6)
    )
    notes = "".join(
        f'<li id="cite_note-{i}"><a href="#cite_ref-{i}">^</a> 中共中央、国务院决定设立河北雄安新区. 新华社. 2017-04-0{i}.</li>'
        for i in range(1, 6)
    )
    html = (
        "<html><head><title>雄安新区 - 维基百科，自由的百科全书</title></head><body>"
        f'<div id="content"><h1>雄安新区</h1><div class="mw-parser-output">{prose}'
        f'<h2>参考文献</h2><div class="reflist"><ol class="references">{notes}</ol></div></div></div></body></html>'
    )
    record = extract_article(html, "https://zh.wikipedia.org/wiki/xiongan")
    assert "第5段。[5]" in record["body"]
    assert "决定设立河北雄安新区" not in record["body"]
