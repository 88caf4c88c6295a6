"""Crawls across runs and sites, in process against the sample site server:
incremental runs skip archived articles, a syndicated story is marked (or dropped)
as a duplicate of the first copy, look-alike articles are not."""

from __future__ import annotations

import html
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import pytest_twisted
from scrapy import signals
from scrapy.utils.test import get_crawler

import newscrawl.settings as project_settings
from newscrawl.dedup.calibration import sample_bodies
from newscrawl.dedup.state import open_state
from newscrawl.middlewares import ARTICLE_CANDIDATE
from newscrawl.sample_site.launch import start_subprocess
from newscrawl.spiders import news
from newscrawl.spiders.news import NewsSpider
from newscrawl.urls import url_key
from tests.conftest import SITE_ROOT, read_archive

WIRE_PATH = "/world/2022/07/24/asia-container-freight-rates-ease.html"
NEW_PATH = "/world/2022/07/25/port-workers-reach-tentative-deal.html"
SYNDICATED_PATH = "/business/2022/07/24/freight-costs-fall-again.html"
LOOKALIKE_PATHS = ("/local/2022/07/24/council-adopts-budget.html", "/local/2022/07/24/school-reopens-early.html")


def settings_for(archive: Path, **extra: Any) -> dict[str, Any]:
    settings = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}
    settings.pop("TWISTED_REACTOR", None)  # the test session installed the asyncio reactor
    settings.update(NEWSCRAWL_ARCHIVE_DIR=str(archive), AUTOTHROTTLE_ENABLED=False, DOWNLOAD_DELAY=0,
                    LOG_LEVEL="INFO", **extra)
    return settings


class Recorder:
    def __init__(self, crawler: Any) -> None:
        self.requested: list[str] = []
        crawler.signals.connect(self.request_reached, signal=signals.request_reached_downloader)

    def request_reached(self, request: Any) -> None:
        self.requested.append(urlsplit(request.url).path)


def run_crawl(archive: Path, settings: dict[str, Any] | None = None, **spider_args: Any) -> tuple[Recorder, dict]:
    crawler = get_crawler(NewsSpider, settings_for(archive, **(settings or {})))
    recorder = Recorder(crawler)
    pytest_twisted.blockon(crawler.crawl(**spider_args))
    return recorder, crawler.stats.get_stats()


# --- pages ---------------------------------------------------------------------------------


def page(title: str, paragraphs: list[str], *, site: str, template: str, extra_body: str = "") -> str:
    """An article page; ``wire`` and ``harbor`` are two unrelated site templates."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    if template == "wire":
        return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="2022-07-25T04:00:00Z"></head><body>
<header><a href="/">{site}</a> <nav><a href="/world/">World</a> <a href="/about/">About</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Jane Doe | {site}</p>
<time datetime="2022-07-25T04:00:00Z">July 25, 2022</time><div class="article-body">{body}</div></article>
{extra_body}</main><footer><p>Copyright 2022 {site}. All rights reserved.</p></footer></body></html>"""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} - {site}</title>
<meta property="og:type" content="article"><meta name="author" content="Harbor Staff">
<meta property="article:published_time" content="2022-07-24T09:30:00-04:00"></head><body>
<div id="top"><span class="brand">{site}</span> <a href="/">Home</a> | <a href="/local/">Local</a> | <a href="/business/">Business</a></div>
<div class="wrap"><div class="story"><h2 class="headline">{title}</h2>
<div class="meta">Posted July 24, 2022 9:30 AM | Harbor Staff</div><div class="share">Share this: Facebook | X | Email | Print</div>
<div class="story-text">{body}</div>{extra_body}</div>
<div class="rail"><h4>Most popular</h4><ul><li><a href="/local/">Ferry timetable changes</a></li></ul></div></div>
<div id="foot">{site} &middot; 1 Harbor Way &middot; Subscribe</div></body></html>"""


HARBOR_RELATED = """<div class="related"><h4>Related stories</h4><ul>
<li><a href="/local/2022/07/20/ferry-timetable.html">Ferry timetable changes take effect next month</a></li>
<li><a href="/local/2022/07/19/park-cleanup.html">Volunteers clear two tons of litter from Bayside Park</a></li>
<li><a href="/local/2022/07/18/library-hours.html">Library extends weekend opening hours</a></li>
<li><a href="/local/2022/07/17/road-works.html">Road works on Harbor Street to last until September</a></li>
</ul></div>
<p class="copyright">Copyright 2022 Harbor Daily. This article may not be reproduced, redistributed or
rewritten in whole or in part without the written permission of Harbor Daily.</p>"""
OPENING = "RIVERTON, July 24 (Harbor Daily) - "

LOOKALIKE_BODIES = (
    ["The Riverton City Council on Saturday adopted a $212 million budget for the coming fiscal year "
     "after a six-hour session in which members argued over police overtime and library funding.",
     "The budget raises property taxes by 1.8 percent, less than the 3 percent the finance office had "
     "proposed in May, and draws $4 million from the city's rainy-day reserve to close the gap.",
     "Council member Rosa Alvarez, who voted against the plan, said the reserve should be kept for "
     "emergencies such as last winter's flooding, which cost the city more than $6 million in repairs.",
     "Supporters said the plan protects bus service and keeps all three branch libraries open six days "
     "a week, a promise several members made during last year's election campaign.",
     "The mayor is expected to sign the budget on Monday. It takes effect on August 1."],
    ["Riverside Elementary School will reopen two weeks earlier than planned after contractors finished "
     "replacing its roof and heating system ahead of schedule, the school district said on Saturday.",
     "About 430 pupils spent the spring term in temporary classrooms at the community college while the "
     "building, which dates from 1958, was stripped back to its steel frame.",
     "Principal Martin Okafor said teachers would use the extra weeks to hold reading camps for children "
     "who fell behind during the move, with places offered first to families on the waiting list.",
     "Parents who toured the building on Friday praised the new science room and the covered play area, "
     "though some said the drop-off lane on Elm Street was still too narrow for the morning rush.",
     "The district will hold an open house on August 13 from 10 a.m. to 2 p.m."],
)

NEW_ARTICLE = [
    "LOS ANGELES, July 25 (Reuters) - Dockworkers and terminal operators at U.S. West Coast ports reached "
    "a tentative agreement on pay and automation late on Sunday, averting a strike that shippers had feared "
    "would snarl imports ahead of the holiday season.",
    "The deal, which still has to be ratified by union members, covers about 22,000 workers at 29 ports "
    "from Washington state to southern California, the two sides said in a joint statement.",
    "Neither side released details, but people familiar with the talks said the agreement includes raises "
    "of about 32 percent over six years and limits on the use of automated cranes at some terminals.",
    "Retailers welcomed the news. Importers had diverted some cargo to East Coast and Gulf ports in recent "
    "months to avoid disruption, adding to congestion there.",
]


def syndicated_copy() -> list[str]:
    """The wire story as another paper runs it: dateline and a few words changed, the
    sign-off cut, the agency credited."""
    paragraphs = [p for p in sample_bodies()["en_wire"].split("\n") if not p.startswith("Reporting by")]
    paragraphs[0] = paragraphs[0].replace("SINGAPORE, July 24 (Reuters) - ", "SINGAPORE (Reuters) — ")
    paragraphs[1] = paragraphs[1].replace("dropped 4%", "fell 4%").replace("slipped below", "dipped under")
    paragraphs[-1] = paragraphs[-1].replace("Analysts cautioned", "Analysts warned")
    return paragraphs + ["Distributed by Reuters."]


@pytest.fixture(scope="module")
def harbor_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second paper on 127.0.0.2 (another host, another template): the syndicated
    wire story and two look-alike local stories sharing template and boilerplate."""
    root = tmp_path_factory.mktemp("harbor")
    files = {
        SYNDICATED_PATH: page("Freight costs fall again as Asian ports clear backlog", syndicated_copy(),
                              site="Harbor Daily", template="harbor"),
        LOOKALIKE_PATHS[0]: page("Council adopts budget with smaller tax rise", [OPENING + LOOKALIKE_BODIES[0][0],
                                 *LOOKALIKE_BODIES[0][1:]], site="Harbor Daily", template="harbor",
                                 extra_body=HARBOR_RELATED),
        LOOKALIKE_PATHS[1]: page("Riverside school to reopen two weeks early", [OPENING + LOOKALIKE_BODIES[1][0],
                                 *LOOKALIKE_BODIES[1][1:]], site="Harbor Daily", template="harbor",
                                 extra_body=HARBOR_RELATED),
        "/index.html": "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Harbor Daily</title>"
                       "<meta property='og:type' content='website'></head><body><ul>"
                       + "".join(f"<li><a href='{p}'>story</a></li>" for p in (SYNDICATED_PATH, *LOOKALIKE_PATHS))
                       + "</ul></body></html>",
    }
    for path, text in files.items():
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    with start_subprocess(host="127.0.0.2", root=root) as base:
        yield base


def by_path(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {urlsplit(r["url"]).path: r for r in records}


# --- tests -----------------------------------------------------------------------------------


def test_spider_marks_only_article_candidates() -> None:
    assert news.ARTICLE_CANDIDATE == ARTICLE_CANDIDATE


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run 1 over a copy of the sample site; an article and a link to it are added;
    run 2 on the same archive and state."""
    base_dir = tmp_path_factory.mktemp("incremental")
    site, archive = base_dir / "site", base_dir / "out"
    shutil.copytree(SITE_ROOT, site)
    with start_subprocess(root=site) as base:
        args = {"start_urls": f"{base}/", "sitemap_urls": f"{base}/sitemap.xml",
                "feed_urls": f"{base}/rss.xml,{base}/atom.xml"}
        first, first_stats = run_crawl(archive, **args)
        first_records = read_archive(archive)
        (site / NEW_PATH.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        (site / NEW_PATH.lstrip("/")).write_text(
            page("Port workers reach tentative deal, averting strike", NEW_ARTICLE, site="Reuters",
                 template="wire"), encoding="utf-8")
        listing = site / "world" / "index.html"
        text = listing.read_text("utf-8")
        link = f'<li><a href="{NEW_PATH}" class="title">Port workers reach tentative deal</a></li>\n'
        listing.write_text(text.replace('<li><a href="/world/2022/07/24/', link + '<li><a href="/world/2022/07/24/', 1),
                           encoding="utf-8")
        second, second_stats = run_crawl(archive, **args)
    return {"first": first, "second": second, "first_stats": first_stats, "second_stats": second_stats,
            "first_records": first_records, "records": read_archive(archive)}


def test_second_run_requests_no_archived_article(two_runs: dict[str, Any]) -> None:
    archived = {urlsplit(r["url"]).path for r in two_runs["first_records"]}
    assert len(archived) == 14
    assert not archived & set(two_runs["second"].requested)
    assert two_runs["second_stats"]["newscrawl/skipped/seen"] >= len(archived)


@pytest.mark.parametrize("path", ["/", "/world/", "/china/", "/sitemap.xml", "/sitemap-news.xml",
                                  "/sitemap-pages.xml.gz", "/rss.xml", "/atom.xml"])
def test_second_run_fetches_listings_and_feeds_again(two_runs: dict[str, Any], path: str) -> None:
    assert path in two_runs["first"].requested
    assert path in two_runs["second"].requested


def test_second_run_writes_only_the_new_article(two_runs: dict[str, Any]) -> None:
    first_ids = {r["id"] for r in two_runs["first_records"]}
    new = [r for r in two_runs["records"] if r["id"] not in first_ids]
    assert [urlsplit(r["url"]).path for r in new] == [NEW_PATH]
    assert new[0]["duplicate_of"] is None
    assert len({r["id"] for r in two_runs["records"]}) == len(two_runs["records"]) == 15


@pytest.fixture(scope="module", params=["mark", "drop"])
def syndication(request: pytest.FixtureRequest, sample_site: str, harbor_site: str,
                tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    archive = tmp_path_factory.mktemp(f"syndication-{request.param}")
    _, stats = run_crawl(archive, {"NEWSCRAWL_DUPLICATES": request.param},
                         start_urls=f"{sample_site}{WIRE_PATH},{harbor_site}/", max_depth="1")
    state = open_state(archive / "state")
    seen = {WIRE_PATH: state.has(url_key(sample_site + WIRE_PATH)),
            SYNDICATED_PATH: state.has(url_key(harbor_site + SYNDICATED_PATH))}
    state.close()
    return {"mode": request.param, "stats": stats, "records": by_path(read_archive(archive)),
            "hosts": (urlsplit(sample_site).hostname, urlsplit(harbor_site).hostname), "seen": seen}


def test_syndicated_story_is_one_story(syndication: dict[str, Any]) -> None:
    records = syndication["records"]
    copies = [records[p] for p in (WIRE_PATH, SYNDICATED_PATH) if p in records]
    if syndication["mode"] == "mark":
        assert len(copies) == 2
        assert {urlsplit(r["url"]).hostname for r in copies} == set(syndication["hosts"])
        first, second = sorted(copies, key=lambda r: r["duplicate_of"] is not None)
        assert first["duplicate_of"] is None
        assert second["duplicate_of"] == first["id"]
    else:
        assert len(copies) == 1 and copies[0]["duplicate_of"] is None
        assert syndication["stats"]["newscrawl/dropped/duplicate"] == 1
    assert syndication["stats"]["newscrawl/duplicates/near"] == 1
    # Both pages count as seen, the dropped copy too: the next run fetches neither.
    assert syndication["seen"] == {WIRE_PATH: True, SYNDICATED_PATH: True}


def test_lookalike_articles_are_both_written(syndication: dict[str, Any]) -> None:
    records = syndication["records"]
    for path in LOOKALIKE_PATHS:
        assert records[path]["duplicate_of"] is None
        assert records[path]["body"]



@pytest_twisted.ensureDeferred
async def test_without_state_duplicates_are_still_found_within_the_run(sample_site: str, harbor_site: str,
                                                                        tmp_path: Path) -> None:
    crawler = get_crawler(NewsSpider, settings_for(tmp_path, NEWSCRAWL_STATE_ENABLED=False))
    await crawler.crawl(start_urls=f"{sample_site}{WIRE_PATH},{harbor_site}/", max_depth="1")
    records = by_path(read_archive(tmp_path))
    assert sum(records[p]["duplicate_of"] is not None for p in (WIRE_PATH, SYNDICATED_PATH)) == 1
    assert "newscrawl/skipped/seen" not in crawler.stats.get_stats()
    assert not (tmp_path / "state").exists()
