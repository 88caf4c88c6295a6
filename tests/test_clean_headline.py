"""Site suffixes off titles; the print headline block out of the body."""

from __future__ import annotations

import pytest

from newscrawl.clean.headline import strip_headline_echo, strip_site_suffix


@pytest.mark.parametrize(
    ("title", "site_name", "expected"),
    [
        ("蔡奇:以每日清零的標準 防松勁防死角防反彈_中國西藏網", "中國西藏網", "蔡奇:以每日清零的標準 防松勁防死角防反彈"),
        ("蔡奇:以每日清零的標準 防松勁防死角防反彈_中國西藏網", None, "蔡奇:以每日清零的標準 防松勁防死角防反彈"),
        ("国务院常务会议部署稳就业-新华网", None, "国务院常务会议部署稳就业"),
        ("Markets rally as Fed holds rates | Example News", None, "Markets rally as Fed holds rates"),
        ("A plain title", None, "A plain title"),
        ("下岗职工的再就业研究(页 1) - 学术前沿 - powered by Discuz! Archiver", None, "下岗职工的再就业研究"),
        ("Markets rally as Fed holds rates (Page 2) | Example News", None, "Markets rally as Fed holds rates"),
        ("纪念馆开馆（第2页）_某某网", "某某网", "纪念馆开馆"),
        ("纪念馆开馆(页 2)（第2页）", None, "纪念馆开馆"),  # markers stacked by two templates: one call
    ],
)
def test_strip_site_suffix(title: str, site_name: str | None, expected: str) -> None:
    assert strip_site_suffix(title, site_name) == expected


TITLE = "蔡奇:以每日清零的標準 防松勁防死角防反彈"
BODY = ["本報訊(記者 祁夢竹范俊生)昨天下午,北京市委書記、市疫情防控工作領導小組組長蔡奇到朝陽區檢查疫情處置工作。",
        "市領導孫梅君、張家明參加。"]


def test_print_block_removed() -> None:
    paragraphs = ["蔡奇到朝陽區檢查疫情處置工作時強調", "以每日清零的標準 防松勁防死角防反彈", "李偉張延昆一同檢查", *BODY]
    body, kicker, subtitle = strip_headline_echo(paragraphs, TITLE)
    assert body == BODY
    assert kicker == "蔡奇到朝陽區檢查疫情處置工作時強調"
    assert subtitle == "李偉張延昆一同檢查"


def test_repeated_title_removed_alone() -> None:
    body, kicker, subtitle = strip_headline_echo([TITLE, *BODY], TITLE)
    assert (body, kicker, subtitle) == (BODY, None, None)


@pytest.mark.parametrize(
    "first",
    [
        "蔡奇:以每日清零的標準防松勁防死角防反彈,這是他昨天在朝陽區檢查疫情處置工作時提出的要求,各區要抓好落實。",
        "Markets rally as Fed holds rates, and investors bet that the worst of inflation has passed.",
    ],
)
def test_sentence_that_starts_like_the_title_stays(first: str) -> None:
    paragraphs = [first, *BODY]
    title = TITLE if "蔡奇" in first else "Markets rally as Fed holds rates"
    assert strip_headline_echo(paragraphs, title) == (paragraphs, None, None)


def test_english_echo() -> None:
    body, kicker, subtitle = strip_headline_echo(
        ["Coffee chains raise prices again", "The cost of beans rose 40% this year, the chains said."],
        "Coffee chains raise prices again")
    assert body == ["The cost of beans rose 40% this year, the chains said."]
