"""Line classifiers: copyright notices, widgets, navigation, related headings,
editor lines, metadata strips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawl.clean.boilerplate import (
    editor_of,
    is_copyright,
    is_meta_line,
    is_navigation,
    is_related_heading,
    is_widget,
    split_trailing_editor,
    strip_edit_link,
)


@pytest.mark.parametrize(
    "line",
    [
        "版權聲明:凡注明“來源:中國西藏網”或“中國西藏網文”的所有作品,版權歸高原(北京)文化傳播有限公司。",
        "版权所有 未经授权不得转载",
        "转载请注明出处",
        "本网站所刊登的新华社各种新闻稿件，未经协议授权，禁止下载使用。",
        "Copyright © 2022 Reuters. All rights reserved.",
        "© 2022 The Daily Ledger",
        "声明：本文转载自城市经济报，仅代表作者观点，不代表IT时讯网立场。",
        "京ICP备05080765号-2",
    ],
)
def test_copyright_notices(line: str) -> None:
    assert is_copyright(line)


@pytest.mark.parametrize(
    "line",
    [
        "他表示，要依法保护知识产权，打击侵权盗版行为。",
        "The court ruled on the copyright dispute last week, and the band said it would appeal "
        "the decision because the melody had been written decades earlier by its founder, "
        "who had never signed over the rights to the label that now claims them in full, "
        "according to documents filed with the court and reviewed by reporters this week.",
    ],
)
def test_sentences_about_copyright_are_text(line: str) -> None:
    assert not is_copyright(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("分享到：微信 微博 QQ空間", True),
        ("【字號：大 中 小】 打印 關閉窗口", True),
        ("扫一扫 下载客户端", True),
        ("Share: Facebook Twitter Email", True),
        ("他在微博上说，这一政策将惠及数百万家庭，并呼吁大家积极参与讨论。", False),
        ("Officials shared the plan with reporters on Tuesday.", False),
        ("喜欢这篇文章？去 App 商店搜 好奇心日报 ，每天看点不一样的。", True),
        ("这款App在应用商店的排名上升到第一位，用户数量持续增长。", False),
        ("This slideshow requires JavaScript.", True),
        ('[button link="http://example.com/submit/" type="big"] Send us YOUR kit review[/button]', True),
        ("Tell us what YOU think...", True),
        ("READ MORE: China plague outbreak confirmed: Two diagnosed with disease in Beijing", True),
        ("12 comments", True),
        # ad-slot labels (WCXB, CC-BY-4.0: health.clevelandclinic.org, classcentral.com)
        ("Advertisement", True),
        ("Sponsored", True),
        ("Sponsored content now makes up a third of the magazine's pages", False),
        ("More than 40 people were hurt, officials said.", False),
        ("Related research was published last year.", False),
    ],
)
def test_widgets(line: str, expected: bool) -> None:
    assert is_widget(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("您的位置：首頁 > 新聞 > 要聞", True),
        ("当前位置：首页 > 国内 > 正文", True),
        ("汽车 >> 车坛动态 >> 业界新闻", True),
        ("上一页 下一页", True),
        ("Home > World > Asia", True),
        ("价格从 5 > 3 变化", False),
        ("下一步，应加快完善相关标准和扶持政策。", False),
    ],
)
def test_navigation(line: str, expected: bool) -> None:
    assert is_navigation(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("相關新聞", True), ("相关阅读：", True), ("【延伸阅读】", True), ("推荐阅读", True),
     ("More stories", True), ("Related", True), ("DON'T MISS", True), ("相关部门表示", False), ("Read more about it in the report", False)],
)
def test_related_headings(line: str, expected: bool) -> None:
    assert is_related_heading(line) is expected


@pytest.mark.parametrize(
    ("line", "name"),
    [("責任編輯:達瓦", "達瓦"), ("（责任编辑：刘洋）", "刘洋"), ("[责编：孙婧]", "孙婧"),
     ("Editor: Susan Blake", "Susan Blake"), ("编辑部的故事是一部电视剧。", None)],
)
def test_editor_lines(line: str, name: str | None) -> None:
    assert editor_of(line) == name


def test_trailing_editor_split() -> None:
    text, name = split_trailing_editor("市領導孫梅君、張家明參加。(責任編輯:達瓦)")
    assert (text, name) == ("市領導孫梅君、張家明參加。", "達瓦")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("发布时间：2022-07-24 08:31 来源：新华网 作者：张三", True),
        ("發佈時間:2022-07-24 08:31 來源:北京日報", True),
        ("2022/07/23 16:40 南台新聞網", True),
        ("2022年7月24日，国务院常务会议部署稳就业举措，要求各地抓好落实，确保政策红利尽快释放到位。", False),
        ("05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: sad arrombamento veiculo", True),
        ("The author: a retired teacher who wrote about the category of tags used in libraries for decades.", False),
    ],
)
def test_meta_lines(line: str, expected: bool) -> None:
    assert is_meta_line(line) is expected


@given(st.text(max_size=60))
def test_edit_link_idempotent(text: str) -> None:
    once = strip_edit_link(text)
    assert strip_edit_link(once) == once


@given(st.text(max_size=60))
def test_trailing_editor_idempotent(text: str) -> None:
    once, _ = split_trailing_editor(text)
    assert split_trailing_editor(once)[0] == once


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Protesters have worn masks to protect their identities (Image: GETTY )", True),
        ("Rescue workers search the rubble (Photo: Reuters)", True),
        ("The minister said the photo (taken in 2019) was genuine.", False),
    ],
)
def test_captions(line: str, expected: bool) -> None:
    from newscrawl.clean.boilerplate import is_caption

    assert is_caption(line) is expected
