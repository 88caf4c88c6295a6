"""Publication dates: the URL's date only when it is a calendar date, and htmldate as
one candidate reconciled with the page's markup and its visible dateline."""

from __future__ import annotations

from datetime import UTC

import pytest

from newscrawl import extract_article
from newscrawl.extract.dates import DATE_SLACK_DAYS, date_from_url, reconcile


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://example.com/2022/07/24/slug.html", "2022-07-24"),
        ("https://example.com/2022-07-24-slug", "2022-07-24"),
        ("https://example.com/news/20220724/123.html", "2022-07-24"),
        ("https://example.com/194709-13-ways-to-cook", None),  # mixed separators: no date
        ("https://example.com/2022/07-24/x", None),
        ("https://example.com/2022/02/30/x", None),  # no such day
        ("https://example.com/202207241530/x", None),  # a 12-digit id, not a date
    ],
)
def test_date_from_url(url: str, day: str | None) -> None:
    found = date_from_url(url, UTC)
    assert (found[:10] if found else None) == day


@pytest.mark.parametrize(
    ("structured", "shown", "day", "expected"),
    [
        # a day apart: the markup's instant in UTC, the site's local day; the instant stays
        ("2025-12-19T02:41:00+00:00", None, "2025-12-18", "2025-12-19T02:41:00+00:00"),
        # two days apart: beyond the slack, htmldate's day wins
        ("2025-12-20T02:41:00+00:00", None, "2025-12-18", "2025-12-18T00:00:00+00:00"),
        # the site's first version against the page's date, no dateline: htmldate
        ("2021-08-12T19:35:44+00:00", None, "2025-02-22", "2025-02-22T00:00:00+00:00"),
        # the dateline under the headline agrees with the markup: the markup
        ("2024-09-10T16:07:00+00:00", "2024-09-10T00:00:00+00:00", "2024-10-09", "2024-09-10T16:07:00+00:00"),
        # the dateline agrees with htmldate: the dateline, with its time
        ("2021-08-12T19:35:44+00:00", "2025-02-22T08:30:00+00:00", "2025-02-22", "2025-02-22T08:30:00+00:00"),
        # htmldate found nothing: the markup
        ("2021-08-12T19:35:44+00:00", None, None, "2021-08-12T19:35:44+00:00"),
        # htmldate read a dateline "09.10.2024" day first, the markup says September: the markup
        ("2024-09-10T16:07:00+00:00", None, "2024-10-09", "2024-09-10T16:07:00+00:00"),
        # the same month and day in both orders is no swap: beyond the slack, htmldate
        ("2024-03-03T10:00:00+00:00", None, "2024-05-05", "2024-05-05T00:00:00+00:00"),
    ],
)
def test_reconcile(structured: str, shown: str | None, day: str | None, expected: str) -> None:
    assert DATE_SLACK_DAYS == 1  # calibrated on WCXB-dev (see dates.py); the cases above pin it
    assert reconcile(structured, shown, day, UTC) == expected


def test_htmldate_is_a_candidate_when_the_markup_has_none() -> None:
    """No date in the markup, no numeric dateline, none in the URL: the date the page
    writes in words, as htmldate reads it."""
    html = """<html><head><title>Rates held again</title></head><body><article>
<h1>Rates held again</h1><p>By Jane Roe</p>
<p>The central bank kept its main rate unchanged on Tuesday, the third meeting in a row.</p>
<p>Officials said inflation was easing but not yet close enough to the target for a cut.</p>
<p class="meta">Last reviewed May 14, 2024</p>
</article></body></html>"""
    assert (extract_article(html, "https://example.com/a/rates")["published_at"] or "")[:10] == "2024-05-14"


@pytest.mark.parametrize(
    ("line", "day", "revised"),
    [
        ("By Daryl Austin Published March 9, 2026", "2026-03-09", False),
        ("8 Oct 2022", "2022-10-08", False),
        ("Dec 18th, 2025 · 5 min read", "2025-12-18", False),
        ("Updated August 14, 2025", "2025-08-14", True),
        ("Last updated on November 19, 2025 • 5 min read", "2025-11-19", True),
        ("2022-07-24 08:31 来源：北京日报", "2022-07-24", False),
        ("更新时间：2022-07-24", "2022-07-24", False),  # zh sites label the publication so
        ("Read more stories", None, False),
        # numeric day and month in an order the text does not say: read only when one
        # order is a calendar date or both are the same day
        ("By The Currency editors 12.12.2025", "2025-12-12", False),
        ("31.05.2023 · 4 min read", "2023-05-31", False),
        ("Posted 01/13/2024", "2024-01-13", False),
        ("09.10.2024", None, False),
        ("Updated 25/11/2025", "2025-11-25", True),
        ("Version 1.2.12.2025", None, False),  # part of a longer number
    ],
)
def test_find_shown_date(line: str, day: str | None, revised: bool) -> None:
    from newscrawl.extract.dates import find_shown_date

    found, is_revision = find_shown_date(line, UTC)
    assert (found[:10] if found else None) == day
    assert is_revision is revised


def test_a_written_dateline_under_the_headline_is_the_date() -> None:
    html = """<html><head><title>Rates held again</title></head><body><article><h1>Rates held again</h1>
<p class="meta">By Jane Roe · Published March 9, 2024</p>
<p>The central bank kept its main rate unchanged on Tuesday, the third meeting in a row.</p>
<p>Officials said inflation was easing but not yet close enough to the target for a cut.</p>
</article></body></html>"""
    assert extract_article(html, "https://example.com/a/rates")["published_at"][:10] == "2024-03-09"


def test_a_numeric_dateline_under_the_headline_is_read_when_its_order_is_certain() -> None:
    """A CMS's "12.12.2025" strip under the headline, no markup date (empower.com's
    article template): both orders are the same day."""
    html = """<html><head><title>Tax 101: Understanding the basics</title></head><body><article>
<h1>Tax 101: Understanding the basics</h1>
<div class="field-article-byline">By The Currency editors</div>
<div class="block-content">12.12.2025</div>
<p>The U.S. uses a progressive system: your marginal rate applies only to income within each bracket.</p>
<p>Your effective tax rate is usually lower than your marginal rate, the average paid on total income.</p>
<p class="related">Read next: Roth or traditional? Posted 19 December 2025</p>
</article></body></html>"""
    assert extract_article(html, "https://example.com/the-currency/what-are-taxes")["published_at"][:10] == "2025-12-12"


def test_a_time_element_settles_the_order_of_its_numeric_text() -> None:
    """<time datetime="2023-10-12T19:38:01Z">10/12/2023 7:38:01 PM</time> (a blog
    platform's post page, no other date): the month is October, as the markup says."""
    html = """<html><head><title>Skiplagging in the relocation process</title></head><body>
<header><nav><a href="/">Home</a> <a href="/topics">Topics</a></nav></header>
<main><small class="post-view__date"><time class="localised-date" datetime="2023-10-12T19:38:01.0870000Z">10/12/2023 7:38:01 PM</time></small>
<h1>Skiplagging in the relocation process</h1>
<p>Skiplagging means booking a flight with a layover in the city you actually want to reach.</p>
<p>Relocating employees sometimes try it to save money, but airlines treat it as a breach of their terms.</p>
</main></body></html>"""
    found = extract_article(html, "https://example.com/post/102iphi/skiplagging")["published_at"]
    assert found is not None and found[:10] == "2023-10-12"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # a space for the "T" and a space before the offset: the offset is the page's, kept
        ("2024-05-09 23:30:00 +0000", "2024-05-09T23:30:00+00:00"),
        ("2024-05-09 23:30:00+0000", "2024-05-09T23:30:00+00:00"),
        ("2024-05-09 10:00 +05:30", "2024-05-09T10:00:00+05:30"),
        ("2024-05-09 23:30:00 Z", "2024-05-09T23:30:00+00:00"),
        # JSON-LD without a zone ("2026-05-13 15:44"): the site's zone
        ("2026-05-13 15:44", "2026-05-13T15:44:00+02:00"),
        ("2024-05-09T23:30:00+0000", "2024-05-09T23:30:00+00:00"),
    ],
)
def test_iso_with_a_space_keeps_its_offset(value: str, expected: str) -> None:
    from zoneinfo import ZoneInfo

    from newscrawl.extract.dates import parse_date

    assert parse_date(value, ZoneInfo("Europe/Berlin")) == expected
