"""Date strings as pages write them -> ISO 8601 with a UTC offset.

A date without a zone gets the site's zone (a site profile's, else one inferred from
the host's country domain or the page's language); a date is never invented from
the crawl time.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as du_parser
from htmldate import find_date as htmldate_find_date

from newscrawl.extract.freeform import in_languages

#: Country domains whose sites publish in one zone, for pages that give no offset.
TLD_ZONES = {
    "cn": "Asia/Shanghai", "hk": "Asia/Hong_Kong", "mo": "Asia/Macau", "tw": "Asia/Taipei",
    "sg": "Asia/Singapore", "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "uk": "Europe/London",
    "de": "Europe/Berlin", "fr": "Europe/Paris", "au": "Australia/Sydney", "in": "Asia/Kolkata",
}
#: Chinese-language pages on generic domains (.com, .net) are overwhelmingly mainland,
#: Hong Kong or Taiwan sites: all three are UTC+8 all year.
CHINESE_ZONE = "Asia/Shanghai"

_FIXED_FALLBACK = {"Asia/Shanghai": 8, "Asia/Hong_Kong": 8, "Asia/Macau": 8, "Asia/Taipei": 8,
                   "Asia/Singapore": 8, "Asia/Tokyo": 9, "Asia/Seoul": 9, "Asia/Kolkata": 5.5}

# 2022-07-24 08:31[:05], 2022/7/24, 2022.07.24, 2022年07月24日 08时31分, 2022年7月24日08:31
_CJK_NUMERIC = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*T?\s*(?P<H>\d{1,2})\s*[:：时時点點]\s*(?P<M>\d{2})(?:\s*[:：分]\s*(?P<S>\d{2}))?)?"
)
#: ISO 8601 with a "T" or, as many CMSs write it (JSON-LD "2026-05-13 15:44", meta
#: "2024-05-09 00:00:00 +0000"), a space between day and time, and a space before the offset.
_ISO = re.compile(r"^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_ISO_OFFSET_SPACE = re.compile(r"(?<=\d)\s+(?=(?:Z|[+-]\d{2}:?\d{2})$)")
#: /2022/07/24/, /2022-07-24-slug, /2022_07_24, or /20220724 followed by no other digit:
#: the separators are the same twice or absent twice, so /194709-13-ways is no date.
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})(?P<sep>[-/_]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?=[/_.-]|$)"
)


def zone_for(site: str | None, language: str | None = None, override: str | None = None) -> tzinfo:
    """The zone to read zoneless dates in."""
    name = override
    if not name and site:
        name = TLD_ZONES.get(site.rsplit(".", 1)[-1].lower())
    if not name and language and language.lower().startswith("zh"):
        name = CHINESE_ZONE
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        hours = _FIXED_FALLBACK.get(name)
        return timezone(timedelta(hours=hours)) if hours is not None else UTC


def _valid(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime | None:
    try:
        return datetime(y, m, d, hh, mm, ss)
    except ValueError:
        return None


#: Dates outside 1990-2100 are implausible for a news page (a copyright year, a
#: typo, an ID read as a date). Set by hand (commit 2d920bb, extraction v1), not swept.
YEAR_MIN = 1990
YEAR_MAX = 2100
#: A value of more than 200 characters is text, not one date. Set by hand (commit
#: 2d920bb), not swept.
DATE_VALUE_MAX = 200


def _finish(dt: datetime, zone: tzinfo) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zone)
    if not YEAR_MIN <= dt.year <= YEAR_MAX:
        raise ValueError("implausible year")
    return dt.isoformat(timespec="seconds")


def parse_date(value: str | None, zone: tzinfo = UTC) -> str | None:
    """Parse one date string; None when it holds no plausible date."""
    if not value:
        return None
    value = value.strip()
    if not value or len(value) > DATE_VALUE_MAX:
        return None
    try:
        if _ISO.match(value):
            return _finish(datetime.fromisoformat(_ISO_OFFSET_SPACE.sub("", value).replace("Z", "+00:00")), zone)
    except ValueError:
        pass
    match = _CJK_NUMERIC.search(value)
    if match:
        g = match.groupdict()
        dt = _valid(int(g["y"]), int(g["m"]), int(g["d"]), int(g["H"] or 0), int(g["M"] or 0),
                    int(g["S"] or 0))
        if dt:
            try:
                return _finish(dt, zone)
            except ValueError:
                return None
    if not re.search(r"[A-Za-z]{3}", value) or not re.search(r"\d", value):
        return None
    try:  # English forms: "July 24, 2022 8:31 AM EDT", "Sun, 24 Jul 2022 08:31:00 +0000"
        dt = du_parser.parse(value, fuzzy=True, default=datetime(1, 1, 1))
    except (ValueError, OverflowError, du_parser.ParserError):
        return None
    if dt.year < YEAR_MIN:
        return None
    try:
        return _finish(dt, zone)
    except ValueError:
        return None


def find_date(text: str, zone: tzinfo) -> str | None:
    """The first numeric date (with its time, if written) in a stretch of visible text."""
    match = _CJK_NUMERIC.search(text)
    return parse_date(match.group(0), zone) if match else None


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
#: "August 14, 2025", "Aug. 14 2025", "14 August 2025", "8 Oct 2022", "Dec 18th, 2025"
_WRITTEN = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?:19|20)\d{{2}})\b",
    re.I,
)
#: Words before a shown date that make it the revision's, not the publication's.
_REVISED = re.compile(r"\b(?:updated|modified|edited|revised|reviewed)\b", re.I)


#: "12.12.2025", "09/10/2024", "31.05.2023": a day and a month in an order the text
#: does not say, then a four-digit year.
DAY_MONTH_YEAR = re.compile(
    r"(?<![\d.,/])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?![\d.,/])"
)


def day_month_year(match: re.Match[str], zone: tzinfo) -> str | None:
    """A D.M.Y or M.D.Y date when only one reading is a calendar date (31.05.2023) or
    both are the same day (12.12.2025); None when the order is a guess (09.10.2024)."""
    a, b, y = int(match["a"]), int(match["b"]), int(match["y"])
    readings = {dt for dt in (_valid(y, b, a), _valid(y, a, b)) if dt}
    if len(readings) != 1:
        return None
    try:
        return _finish(readings.pop(), zone)
    except ValueError:
        return None


def find_shown_date(text: str, zone: tzinfo) -> tuple[str | None, bool]:
    """The first date a dateline shows, numeric or with an English month name
    ("Published March 9, 2026"), and whether a word before it ("Updated", 更新) makes it
    the date of a revision."""
    matches = (_CJK_NUMERIC.search(text), _WRITTEN.search(text), DAY_MONTH_YEAR.search(text))
    match = min((m for m in matches if m), key=lambda m: m.start(), default=None)
    if match is None:
        return None, False
    found = day_month_year(match, zone) if match.re is DAY_MONTH_YEAR else parse_date(match.group(0), zone)
    return found, bool(found and _REVISED.search(text[max(0, match.start() - 30):match.start()]))


def date_from_url(url: str, zone: tzinfo) -> str | None:
    """A date spelled in the URL path (/2022/07/24/, /2022-07/24/, /20220724/): day only."""
    match = _URL_DATE.search(url)
    if not match:
        return None
    dt = _valid(int(match["y"]), int(match["m"]), int(match["d"]))
    try:
        return _finish(dt, zone) if dt else None
    except ValueError:  # /1989/12/31/: a calendar date, but before 1990 (an archive's, not a publication's)
        return None


#: htmldate's latest accepted date: no page is published after the crawl's day
#: (one day of slack for zones east of UTC).
def _max_day() -> str:
    return (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%d")


def htmldate_day(tree: Any, url: str, extensive: bool = True, language: str | None = None) -> str | None:
    """htmldate's reading of the original publication day (``YYYY-MM-DD``): markup,
    URL and visible text together, as trafilatura uses it (``extensive``: also its
    search of the whole text, with dateparser for free-form dates, read in the page's
    ``language`` and English, see extract.freeform); None when it finds none. It
    copies the tree before pruning it, so ``tree`` is left as it was."""
    try:
        with in_languages(language):
            found = htmldate_find_date(tree, url=url, original_date=True, extensive_search=extensive,
                                       max_date=_max_day())
    except Exception:  # noqa: BLE001 - a page htmldate cannot read has no date from it
        return None
    return found if isinstance(found, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", found) else None


#: The markup's date and htmldate's may differ by a day (an instant in UTC, a day in the
#: site's zone: "2025-12-19T02:41Z" is the 18th in New York); more than that, they are two
#: dates. WCXB-dev articles, half A: slack 0 -> 255/302 right, 1 -> 254/302 (the instant
#: kept), 2 -> 254/302; half B 248 / 247 / 247 of 286.
DATE_SLACK_DAYS = 1


def days_apart(day: str, iso: str) -> int:
    try:
        return abs((date.fromisoformat(day[:10]) - date.fromisoformat(iso[:10])).days)
    except ValueError:
        return 0


def swapped(day: str, iso: str) -> bool:
    """Whether ``day`` is ``iso``'s day with its month and day swapped (2024-10-09 for
    2024-09-10): htmldate's guess at the order of a dateline "09.10.2024", which the
    markup's date settles."""
    return day[:4] == iso[:4] and day[5:7] == iso[8:10] and day[8:10] == iso[5:7] and day[5:10] != iso[5:10]


def reconcile(structured: str, shown: str | None, day: str | None, zone: tzinfo) -> str:
    """The publication date when the markup says ``structured`` (ISO), the dateline under
    the headline says ``shown`` and htmldate says ``day``. When the markup and htmldate
    are more than DATE_SLACK_DAYS apart the dateline settles it, else htmldate wins: the
    markup's first date is often the site's, the template's or the first version's
    (WCXB-dev: of 16 such pages htmldate was right on 12, the markup on 4)."""
    if not day or days_apart(day, structured) <= DATE_SLACK_DAYS or swapped(day, structured):
        return structured
    if shown and shown[:10] == structured[:10]:
        return structured
    if shown and shown[:10] == day:
        return shown
    return parse_date(day, zone) or structured
