"""Fields users see first: description and tags decoded and split, a headline that is
never the site's name alone, language from the page's declaration."""

from __future__ import annotations

import pytest

from newscrawl import extract_article
from newscrawl.extract.metadata import plain_text, split_tags

BODY = """<p>The council voted on Tuesday to extend the tram line to the northern districts by 2030.</p>
<p>Opponents said the cost had doubled since the plan was first presented three years ago.</p>"""


def page(head: str, body: str = BODY, lang: str = "en") -> str:
    return f'<html lang="{lang}"><head>{head}</head><body><article>{body}</article></body></html>'


@pytest.mark.parametrize(
    ("values", "tags"),
    [
        (["tram, council; transport"], ["tram", "council", "transport"]),
        (["tram,council", "Tram", "budget"], ["tram", "council", "budget"]),  # once, case-insensitively
        (["交通、地铁，北京"], ["交通", "地铁", "北京"]),
        (["#news | politics"], ["news", "politics"]),
    ],
)
def test_split_tags(values: list[str], tags: list[str]) -> None:
    assert split_tags(values) == tags


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("Tram &amp;amp; bus fares rise", "Tram & bus fares rise"),
        ("&lt;p&gt;The council voted.&lt;/p&gt;", "The council voted."),
        ("<p>The council <b>voted</b>.</p>", "The council voted ."),
        ("plain", "plain"),
    ],
)
def test_plain_text(value: str, text: str) -> None:
    assert plain_text(value) == text


def test_record_description_and_tags() -> None:
    head = ('<title>Tram line extended - City News</title>'
            '<meta name="description" content="The council &amp;amp; the mayor agree &lt;b&gt;at last&lt;/b&gt;">'
            '<meta name="keywords" content="tram, council,transport">')
    record = extract_article(page(head, "<h1>Tram line extended</h1>" + BODY), "https://example.com/news/tram")
    assert record["description"] == "The council & the mayor agree at last"
    assert record["tags"] == ["tram", "council", "transport"]


def test_title_is_never_the_site_name_alone() -> None:
    """The <title> is only the site's name and the one <h1> is the logo's: the
    structured headline stands."""
    head = '<title>MDR.de</title><meta property="og:title" content="Tram bis 2030">'
    body = "<h1>MDR.de</h1>" + BODY
    record = extract_article(page(head, body, "de"), "https://www.mdr.de/nachrichten/tram-100.html")
    assert record["title"] == "Tram bis 2030"
    assert record["language"] == "de"


def test_japanese_page_is_ja() -> None:
    body = ("<h1>東京都、新しい交通計画を発表</h1><p>東京都は十二日、二〇三〇年までに北部地域へ路面電車を延伸する計画を発表した。"
            "市民の生活を守るための対策だという。</p><p>反対派は、費用が当初の計画から倍増したと指摘している。</p>")
    record = extract_article(page("<title>東京都、新しい交通計画を発表</title>", body, "ja"), "https://example.jp/news/1")
    assert record["language"] == "ja"


@pytest.mark.parametrize(
    ("h1", "title"),
    [
        ("Top MBA Programs of 2025 (US)<br>Your Guide to the Best Business Schools",
         "Top MBA Programs of 2025 (US) Your Guide to the Best Business Schools"),
        ('The Best Notion Alternatives<span class="block text-sm">Top Note-taking Tools</span>',
         "The Best Notion Alternatives Top Note-taking Tools"),
        ("Rates <em>held</em> again", "Rates held again"),  # inline markup adds no space
    ],
)
def test_heading_parts_are_not_glued(h1: str, title: str) -> None:
    record = extract_article(page("<title>x</title>", f"<h1>{h1}</h1>" + BODY), "https://example.com/a/1")
    assert record["title"] == title


@pytest.mark.parametrize(
    ("og_title", "title"),
    [
        ("Houston&amp;#39;s Hottest New Restaurants", "Houston's Hottest New Restaurants"),
        ("12 Data Tools | Python, SQL &amp;#x26; AI", "12 Data Tools | Python, SQL & AI"),
        ("AT&amp;T and the &amp;copy2024 notice", "AT&T and the &copy2024 notice"),  # no entity: kept
    ],
)
def test_entities_escaped_twice_are_decoded(og_title: str, title: str) -> None:
    head = f'<title>x</title><meta property="og:title" content="{og_title}">'
    record = extract_article(page(head), "https://example.com/a/1")
    assert record["title"] == title


@pytest.mark.parametrize(
    ("headline", "site_name", "site", "title"),
    [
        ("Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst", "Artlyst", "artlyst.com",
         "Critics’ Choice: Best UK Art Exhibitions 2025"),
        ("GAME CHANGER | Newegg.com", None, "promotions.newegg.com", "GAME CHANGER"),
        ("A Guide to Retirement Calculators | White Coat Investor", None, "whitecoatinvestor.com",
         "A Guide to Retirement Calculators"),
        ("The Ultimate Car Maintenance Checklist | Bridgestone Tires", None, "tires.bridgestone.com",
         "The Ultimate Car Maintenance Checklist"),
        # a last segment that is not the site's stays: it is part of the headline
        ("Best Residential Movers in NYC 2025 | Top 19 Companies", None, "supermove.com",
         "Best Residential Movers in NYC 2025 | Top 19 Companies"),
        ("Rates held - a third time", "Example News", "example.com", "Rates held - a third time"),
        # never shorter than NOT_SITE_NAME_MIN characters: "Wow" is no headline
        ("Wow | Artlyst", "Artlyst", "artlyst.com", "Wow | Artlyst"),
    ],
)
def test_title_without_its_own_site_suffix(headline: str, site_name: str | None, site: str, title: str) -> None:
    from newscrawl.extract.title import without_own_suffix

    assert without_own_suffix(headline, site_name, site) == title


def test_a_heading_naming_the_site_is_not_the_headline() -> None:
    """The logo's "Clever Hiker" equals the <title>'s site segment "CleverHiker": the
    headline is the <h1>, not the site's name."""
    html = """<html><head><title>Best Camping Hammocks of 2026, Tested &amp; Reviewed | CleverHiker</title>
<meta property="og:title" content="Best Camping Hammocks of 2026, Tested &amp; Reviewed | CleverHiker">
<meta property="og:site_name" content="CleverHiker"></head><body>
<header><h3>Clever Hiker</h3></header><article><h1>Best Camping Hammocks of 2026</h1>
<p>We slept in twenty hammocks over three seasons to find the ones worth carrying.</p>
<p>Weight, comfort and the time a hammock takes to hang decided the ranking.</p></article></body></html>"""
    assert extract_article(html, "https://www.cleverhiker.com/backpacking/hammocks/")["title"] == (
        "Best Camping Hammocks of 2026")


def test_the_first_heading_spelled_as_the_title_segment_is_the_headline() -> None:
    """A later <h2> with the same letters ("Low-Light" for "Low Light") does not replace
    the <h1> that spells the <title>'s segment."""
    html = """<html><head><title>The Best Houseplants for Low Light Spaces - Dennis' 7 Dees</title></head>
<body><article><h1>The Best Houseplants for Low Light Spaces</h1>
<p>Snake plants, pothos and ZZ plants all cope with a north-facing window.</p>
<h2>The Best Houseplants for Low-Light Spaces</h2>
<p>Water them less than plants in bright rooms: the soil dries slowly.</p></article></body></html>"""
    assert extract_article(html, "https://dennis7dees.com/houseplants/")["title"] == (
        "The Best Houseplants for Low Light Spaces")


def test_of_two_headings_alike_the_one_spelled_as_the_title_is_the_headline() -> None:
    html = """<html><head><title>10 DIY Woodworking Projects for Your Home - Creative Ramblings</title></head>
<body><article><h1 class="entry-title">10 DIY Woodworking Projects for Your Home</h1>
<p>A floating shelf, a step stool and a plant stand need only a saw and a drill.</p>
<h1 class="mv-create-title">10 DIY Woodworking Projects for your Home</h1>
<p>Sand every piece before you oil it, and work along the grain.</p></article></body></html>"""
    assert extract_article(html, "https://creativeramblingsblog.com/woodworking/")["title"] == (
        "10 DIY Woodworking Projects for Your Home")


# Real <head> excerpts (CC-BY-4.0, WCXB development split): mhealth.jmir.org/2019/6/e14273
# (one DC.Creator, a citation_authors tag per author) and arxiv.org/abs/2512.16245
# (citation_author as "Last, First"). Whole pages: tests/fixtures/bench/wcxb/0380, 0495.
JMIR_HEAD = """<title>JMIR mHealth and uHealth - Efficacy of the Mindfulness Meditation Mobile App</title>
<meta data-n-head="ssr" name="DC.Creator" content="Jennifer Huberty">
<meta data-n-head="ssr" name="citation_authors" content="Jennifer Huberty">
<meta data-n-head="ssr" name="citation_authors" content="Jeni Green">
<meta data-n-head="ssr" name="citation_authors" content="Christine Glissmann">
<meta data-n-head="ssr" name="citation_authors" content="Linda Larkey">
<meta data-n-head="ssr" name="citation_authors" content="Megan Puzia">
<meta data-n-head="ssr" name="citation_authors" content="Chong Lee">"""
ARXIV_HEAD = """<title>[2512.16245] A study</title>
<meta name="citation_author" content="Roy, Aniruddha" />
<meta name="citation_author" content="Patel, Jyoti" />
<meta name="citation_author" content="Chadha, Aman" />"""


@pytest.mark.parametrize(
    ("head", "authors"),
    [
        (JMIR_HEAD, ["Jennifer Huberty", "Jeni Green", "Christine Glissmann", "Linda Larkey", "Megan Puzia",
                     "Chong Lee"]),
        (ARXIV_HEAD, ["Aniruddha Roy", "Jyoti Patel", "Aman Chadha"]),
        # one tag, the authors ';'-joined
        ('<meta name="citation_authors" content="Huberty, Jennifer; Green, Jeni">', ["Jennifer Huberty", "Jeni Green"]),
    ],
)
def test_citation_authors(head: str, authors: list[str]) -> None:
    assert extract_article(page(head), "https://example.org/paper/1")["authors"] == authors
