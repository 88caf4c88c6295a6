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
