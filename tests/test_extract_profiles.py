"""Site profiles: scope and zone for the spider, ``drop_xpath`` for extraction; every
rule works without one."""

from __future__ import annotations

import pytest

from newscrawl import extract_article
from newscrawl.sites import load_profile
from newscrawl.spiders.news import NewsSpider

PROMO = "订阅本站电子报，每天早上七点把当日要闻送到您的邮箱，现在订阅还可获赠三个月会员。"
PAGE = f"""<html><head><meta charset="utf-8"><title>国务院常务会议部署稳就业举措_示例新闻网</title></head>
<body><h1>国务院常务会议部署稳就业举措</h1>
<div class="content">
<p>国务院总理主持召开国务院常务会议，部署进一步稳就业的政策举措，要求各地抓好落实，确保政策红利尽快释放。</p>
<div class="promo"><p>{PROMO}</p></div>
<p>会议指出，就业是最大的民生，要落实落细稳岗返还、社保补贴等政策，支持企业吸纳就业，帮助高校毕业生等重点群体就业。</p>
<p>会议要求，各部门要加强协调配合，强化政策宣传解读，让企业和群众应知尽知、应享尽享。</p>
</div></body></html>"""
URL = "https://news.example.cn/2022-07/24/c_1.htm"


def test_rules_work_without_a_profile() -> None:
    record = extract_article(PAGE, URL)
    assert record["title"] == "国务院常务会议部署稳就业举措"
    assert "就业是最大的民生" in record["body"]


def test_drop_xpath_removes_site_specific_text() -> None:
    assert PROMO in extract_article(PAGE, URL)["body"]  # prose inside the article: no generic rule can tell
    record = extract_article(PAGE, URL, drop_xpath=("//div[@class='promo']",))
    assert PROMO not in record["body"]
    assert record["body"].count("\n") == 2


def test_profile_reaches_the_spider() -> None:
    profile = load_profile("tibet")
    spider = NewsSpider(site="tibet")
    assert spider.seed_urls == profile["start_urls"]
    assert spider.timezone == "Asia/Shanghai"
    assert spider.drop_xpath == tuple(profile["drop_xpath"])
    assert "tibet.cn" in spider.allowed_domains


@pytest.mark.parametrize("name", ["../etc/passwd", "no-such-site", "A B"])
def test_bad_profile_names(name: str) -> None:
    with pytest.raises(ValueError):
        load_profile(name)
