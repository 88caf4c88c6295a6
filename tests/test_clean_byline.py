"""Bylines, authors, sources."""

from __future__ import annotations

import pytest

from newscrawl.clean.byline import (
    authors_in,
    byline_line,
    meta_fields,
    names_from_credit,
    source_in,
    split_byline,
)


@pytest.mark.parametrize(
    ("paragraph", "byline"),
    [
        ("本報訊(記者 祁夢竹范俊生)昨天下午,北京市委書記", "本報訊(記者 祁夢竹范俊生)"),
        ("本报讯（记者 祁梦竹范俊生）昨天下午，北京市委书记", "本报讯（记者 祁梦竹范俊生）"),
        ("新华社北京7月24日电（记者 王书桐）记者24日从中央气象台获悉", "新华社北京7月24日电（记者 王书桐）"),
        ("〔記者黃志明／嘉義報導〕中央氣象局今天", "〔記者黃志明／嘉義報導〕"),
        ("SINGAPORE, July 24 (Reuters) - Asian container freight rates", "SINGAPORE, July 24 (Reuters)"),
        ("(1) 第一条规定", None),
        ("昨天下午，北京市委书记到朝阳区检查工作。", None),
        ("The council voted on Tuesday.", None),
    ],
)
def test_split_byline(paragraph: str, byline: str | None) -> None:
    assert split_byline(paragraph) == byline


@pytest.mark.parametrize(
    ("credit", "names"),
    [
        ("本報訊(記者 祁夢竹 范俊生)", ["祁夢竹", "范俊生"]),
        ("新华社北京7月24日电（记者 王立、张三）", ["王立", "张三"]),
        ("〔記者黃志明／嘉義報導〕", ["黃志明"]),
        ("記者林怡君／台北即時報導", ["林怡君"]),
        ("本報訊(記者 祁夢竹范俊生)", []),  # two names run together: not guessed apart
        ("By Jane Doe | Reuters", ["Jane Doe"]),
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("By Tom Harris, Business Reporter", ["Tom Harris"]),
        ("By Margaret Holloway on July 21, 2022 at 6:45 pm", ["Margaret Holloway"]),
        ("By Staff", []),
        ("Reuters", []),
        ("李建国 我要评论", ["李建国"]),
        ("本报记者  王乐文  方  敏", ["王乐文", "方敏"]),  # 方敏 padded to three characters' width
        ("Текст: Лида Буслаева", ["Лида Буслаева"]),
        ("By Ana Lima and Νίκος Παππάς", ["Ana Lima", "Νίκος Παππάς"]),
        ("zboygirl", []),  # a handle counts only where the page says it names the writer
        ("By: Paul Fenaroli", ["Paul Fenaroli"]),
        ("Written by Emma Ryan", ["Emma Ryan"]),
        # after a role word the rest of the credit is the role's, not another writer
        ("Written By: Catherine Boeckmann Executive Digital Editor and Master Gardener", []),
    ],
)
def test_names_from_credit(credit: str, names: list[str]) -> None:
    assert names_from_credit(credit) == names


def test_meta_fields_and_labels() -> None:
    line = "发布时间：2022-07-20 10:15:32 来源：丰源县融媒体中心 作者：李建国 点击数：1289 【字体：大 中 小】"
    fields = meta_fields(line)
    assert fields["来源"] == "丰源县融媒体中心"
    assert fields["作者"] == "李建国"
    assert source_in(line) == "丰源县融媒体中心"
    assert authors_in(line) == ["李建国"]
    assert authors_in("發佈時間:2022-07-24 08:31 來源:北京日報 作者:祁夢竹 范俊生") == ["祁夢竹", "范俊生"]
    assert source_in("2022-07-24 08:31 source: Example Wire") == "Example"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe | Reuters", "By Jane Doe | Reuters"),
        ("記者林怡君／台北即時報導 2022-07-22 18:35", "記者林怡君／台北即時報導"),
        ("By Tom Harris, Business Reporter Published July 23, 2022 at 2:05 p.m. EDT", "By Tom Harris, Business Reporter"),
        ("By Margaret Holloway on July 21, 2022 at 6:45 pm · 3 Comments", "By Margaret Holloway"),
        ("By Priya Raman and Daniel Ortiz July 22, 2022 9:30 AM PDT", "By Priya Raman and Daniel Ortiz"),
        ("Jane Doe reports from Singapore on the state of shipping markets this week.", None),
        ("By Haley Hoekstra • March 12, 2025", "By Haley Hoekstra"),
        ("By: Paul Fenaroli", "By: Paul Fenaroli"),
        ("Written by Emma Ryan", "Written by Emma Ryan"),
        # inline spans glued together by the page: the label still ends the credit
        ("Written by: Sean Peek, Senior AnalystUpdated Dec 3, 2025", "Written by: Sean Peek, Senior Analyst"),
    ],
)
def test_byline_line(line: str, expected: str | None) -> None:
    assert byline_line(line) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("据新华社拉萨电（记者 格桑边觉）记者近日从西藏自治区农业农村厅获悉", ["格桑边觉"]),
        ("顶端新闻·河南商报记者马俊峰/文 受访者供图", ["马俊峰"]),
        ("本报记者罗科苏盈发自北京 23日下午，在北大万众楼二层", ["罗科苏盈"]),
        ("为昆剧剧目作出突出贡献。（总台记者 张倩）", ["张倩"]),
        ("新华日报·交汇点记者 徐睿翔", ["徐睿翔"]),
        ("他对记者说，这是一件好事。", []),
    ],
)
def test_credits_in(text: str, names: list[str]) -> None:
    from newscrawl.clean.byline import credits_in

    assert credits_in(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [("到头来，一位自甘穷酸的外科医生。（袁源）", ["袁源"]), ("（张三、李四）", ["张三", "李四"]),
     ("全文完。（完）", []), ("会议结束。（新华社）", []), ("他说。(未完待续)", []), ("他说（张三）", [])],
)
def test_closing_names(text: str, names: list[str]) -> None:
    from newscrawl.clean.byline import closing_names

    assert closing_names(text) == names


@pytest.mark.parametrize(
    ("credit", "names"),
    [
        ("史蒂文的家_藍天 (stevenhgm)", ["stevenhgm"]),
        ("duscha", ["duscha"]),
        ("sina_mobile", []),  # a template value, not a writer
        ("admin", []),
        ("PIXNET", []),  # an acronym is an organisation
        ("周思博 (Joel Spolsky)", ["周思博"]),  # parts of a name are not handles
    ],
)
def test_handles_where_the_writer_is_named(credit: str, names: list[str]) -> None:
    assert names_from_credit(credit, handles=True) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("作者:zboygirl 阅读(1660) 评论(5) 编辑 发表于:2005-07-31 12:30", ["zboygirl"]),
        ("作者：张三 我要评论", ["张三"]),
    ],
)
def test_labelled_authors(line: str, names: list[str]) -> None:
    assert authors_in(line) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("本贴由大卫于2005年8月12日16:12:21在〖心灵家园〗发表", ["大卫"]),
        ("〓 网易娱乐 明星话题 发布时间 2005/03/15 22:36:13 by duscha 〓", ["duscha"]),
        ("由海姑娘张贴 @ 2005-03-21 01:20:44 (359) 共 3 篇评论", ["海姑娘"]),
        ("Posted by Vortex", ["Vortex"]),
        ("Posted by admin on 2005-03-15", []),
        ("The fire was put out by firefighters on 2005-03-15.", []),
    ],
)
def test_poster_in(line: str, names: list[str]) -> None:
    from newscrawl.clean.byline import poster_in

    assert poster_in(line) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("赵延东、风笑天", ["赵延东", "风笑天"]),
        ("王立 张三", ["王立", "张三"]),
        ("北京、上海、广州", []),  # places: no name starts with a common surname
        ("中共党史、社会治理", []),
        ("赵延东", []),  # one name alone could be anything
        ("近年来，下岗职工的再就业问题成为焦点。", []),
    ],
)
def test_names_line(line: str, names: list[str]) -> None:
    from newscrawl.clean.byline import names_line

    assert names_line(line) == names


def test_korean_credit() -> None:
    from newscrawl.clean.byline import credits_in

    assert credits_in("정덕현 칼럼니스트 thekian1@entermedia.co.kr") == ["정덕현"]
    assert credits_in("홍길동 기자") == ["홍길동"]


@pytest.mark.parametrize(
    ("notice", "person"),
    [
        ("Copyright © 李建忠", "李建忠"),
        ("© 2019 Jane Doe. All rights reserved.", "Jane Doe"),
        ("Copyright (c) 2004-2008 Jane Doe", "Jane Doe"),
        ("Copyright © 新华网", None),  # the paper, not a person
        ("Copyright © 2024 Example Media Group. All rights reserved.", None),
        ("© 2019 The Associated Press. All rights reserved.", None),
        ("版权所有 人民网", None),
        ("Copyright © 2019 Hearst Communications, Inc.", None),
        ("未经授权禁止转载，违者必究", None),
    ],
)
def test_copyright_person(notice: str, person: str | None) -> None:
    from newscrawl.clean.byline import copyright_person

    assert copyright_person(notice) == person


@pytest.mark.parametrize(
    ("author", "site", "site_name", "publisher"),
    [
        ("Sky", "news.sky.com", "Sky", True),
        ("Al-Bawaba", "albawaba.com", None, True),
        ("Telegraph Sport", "telegraph.co.uk", "The Telegraph", True),
        ("CNN Business", "cnn.com", "CNN", True),
        ("Business Insider", "businessinsider.com", "Business Insider Deutschland", True),
        ("gto", "gto-normativy.ru", None, True),
        ("Jill Disis", "cnn.com", "CNN", False),
        ("Steve Forbes", "forbes.com", "Forbes", False),  # the site's name as a surname
        ("Jane Doe", "example.com", None, False),
        ("张三", "people.com.cn", "人民网", False),
        # personal sites are named for their writer: the owner is a person, not the outlet
        ("Rick Steves", "ricksteves.com", "Rick Steves", False),
        ("Sam Bossley", "sam.bossley.com", "Sam Bossley", False),
        ("Ibrahim Diallo", "idiallo.com", "Ibrahim Diallo Blog", False),
        ("Help Net Security", "helpnetsecurity.com", "Help Net Security", True),
        ("USA TODAY", "usatoday.com", "USA TODAY", True),  # a masthead in capitals is no person
        ("The Organized Mama", "theorganizedmama.com", "The Organized Mama", True),
        ("Clemson News", "news.clemson.edu", "Clemson News", True),
    ],
)
def test_is_publisher(author: str, site: str, site_name: str | None, publisher: bool) -> None:
    from newscrawl.clean.byline import is_publisher

    assert is_publisher(author, site, site_name) is publisher


@pytest.mark.parametrize("label", ["By", "Written By", "Author", "Member", "Webmaster", "Privacy", "undefined", "Guest"])
def test_template_labels_are_no_names(label: str) -> None:
    """Labels and placeholders a template puts where the name goes (WCXB-dev author false
    positives) are no writers, alone or as a meta author value."""
    from newscrawl.clean.byline import names_from_credit

    assert names_from_credit(label) == []
    assert names_from_credit(f"By {label}") == []
    assert names_from_credit("By Jane Roe") == ["Jane Roe"]
