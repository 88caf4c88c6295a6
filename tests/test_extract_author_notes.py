"""The note about the author at the body's foot ("Jared Newman has been a freelance
technology journalist ...") says who wrote the article, not what it says.

The texts are trimmed excerpts of the WCXB page
https://www.pcworld.com/article/582896/best-streaming-tv-service.html (WCXB, CC-BY-4.0)
and, for the "Written by" line, https://www.prosper.com/blog/millennials-personal-finance-habits (WCXB, CC-BY-4.0).
"""

from __future__ import annotations

from newscrawl import extract_article
from newscrawl.clean.text import squash
from newscrawl.extract.assembly import without_author_notes

METHOD = [
    "Beyond just watching a lot of TV, we evaluate each service’s channel lineup to point out any important "
    "omissions, while also comparing basic features such as simulataneous streams and out-of-home viewing "
    "restrictions. We scrutinize each service’s DVR capabilities, including the ease with which you can access "
    "recordings, manage your storage, and skip through commercials.",
    "We also examine every corner of each service’s interface, comparing features such as the grid guide, "
    "on-demand menu, and home screen. Our in-depth reviews include plenty of screenshots, so you can see for "
    "yourself what each service looks like.",
    "As TechHive’s resident cord-cutting expert, I’ve been reviewing live TV streaming services ever since the "
    "launch of Sling TV back in 2015, and I’ve been a cord-cutter myself since 2008. Beyond just product reviews, I "
    "write a weekly column about streaming and over-the-air TV for TechHive.",
]
NOTE = (
    "Jared Newman has been a freelance technology journalist for more than 15 years and is a regular contributor "
    "to PCWorld, Fast Company, and TechHive, where he’s written a weekly cord-cutting column since 2014."
)


def test_author_note_at_the_foot_goes() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in METHOD)
    html = f"""<html><head><title>Best live TV streaming services</title>
<meta name="author" content="Jared Newman"></head><body><article>
<h1>Best live TV streaming services</h1>{paragraphs}
<h2>Who curated this article?</h2><p>{NOTE}</p></article></body></html>"""
    record = extract_article(html, "https://www.pcworld.com/article/582896/best-streaming-tv-service.html")
    body = squash(record["body"])
    for paragraph in METHOD:
        assert squash(paragraph) in body
    assert squash("has been a freelance technology journalist") not in body
    assert record["authors"] == ["Jared Newman"]


def test_author_note_is_looked_for_only_at_the_foot() -> None:
    lines = [NOTE] + METHOD * 2
    assert without_author_notes(lines, ["Jared Newman"]) == lines


def test_written_by_line_and_note_at_the_foot_go() -> None:
    lines = METHOD * 2 + [
        "Written by Cassidy Horton",
        "Cassidy Horton is a finance writer who’s passionate about helping people find financial freedom.",
    ]
    assert without_author_notes(lines, ["Cassidy Horton"]) == METHOD * 2


def test_a_single_name_or_another_person_is_no_author_note() -> None:
    lines = METHOD * 2 + ["Newman is confident the prices will keep rising.", "Sam Singleton has tested them too."]
    assert without_author_notes(lines, ["Newman", "Jared Newman"]) == lines
