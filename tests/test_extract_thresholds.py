"""Every calibrated threshold of extraction and cleaning, pinned at its boundary.

Each case is a line or a small page right at a constant's value: the case on the
accepted side of the boundary and the case one step past it give different answers,
so moving the constant by one step (a character, a count, 0.1 of a share) fails a
case. The inputs are written with literal lengths, never computed from the constant.
Case ids name the constant.
"""

from __future__ import annotations

from datetime import UTC
from html import escape
from types import SimpleNamespace

import pytest
from lxml import etree
from lxml import html as lxml_html

from newscrawl.clean import boilerplate, byline, headline
from newscrawl.clean.text import squash
from newscrawl.extract import (
    article,
    assembly,
    body,
    credits,
    dates,
    density,
    language,
    metadata,
    published,
    related,
    title,
)
from newscrawl.extract.metadata import PageMeta
from newscrawl.extract.related import LinkGroup


def fill(prefix: str, length: int, pad: str = "中", suffix: str = "") -> str:
    """``prefix`` + ``pad`` repeated + ``suffix``, exactly ``length`` characters."""
    body = length - len(prefix) - len(suffix)
    assert body >= 0, (prefix, length)
    out = prefix + (pad * length)[:body] + suffix
    assert len(out) == length
    return out


def words(prefix: str, length: int) -> str:
    """An English line of ``length`` characters: ``prefix`` then words of running text."""
    text = prefix + " and the officials said on Tuesday that the measures would stay in place" * 10
    out = text[:length]
    if out.endswith(" "):  # a line never ends in a space (texts are normalized)
        out = out[:-1] + "s"
    assert len(out) == length
    return out


# clean/boilerplate.py --------------------------------------------------------------

BOILERPLATE = [
    # AFFILIATE_DISCLOSURE_MAX_CHARS = 250: an affiliate disclosure of 250 characters is
    # boilerplate, one of 251 is text.
    pytest.param(boilerplate.is_affiliate_disclosure,
                 fill("Purchases made through our links may earn us a commission. ", 250, "We test everything. "),
                 True, id="AFFILIATE_DISCLOSURE_MAX_CHARS-at"),
    pytest.param(boilerplate.is_affiliate_disclosure,
                 fill("Purchases made through our links may earn us a commission. ", 251, "We test everything. "),
                 False, id="AFFILIATE_DISCLOSURE_MAX_CHARS-past"),
    pytest.param(boilerplate.is_affiliate_disclosure, "The firm may earn a commission of 5% on each sale, analysts said.",
                 False, id="AFFILIATE_DISCLOSURE-third-party"),
    # MACHINERY_MAX_CHARS = 200: a READ MORE teaser of 200 characters is machinery, 201 is text.
    pytest.param(boilerplate.is_widget, words("READ MORE: China plague outbreak confirmed", 200), True,
                 id="MACHINERY_MAX_CHARS-at"),
    pytest.param(boilerplate.is_widget, words("READ MORE: China plague outbreak confirmed", 201), False,
                 id="MACHINERY_MAX_CHARS-past"),
    # NAV_MAX_CHARS = 80: a breadcrumb of 80 characters is navigation, 81 is not.
    pytest.param(boilerplate.is_navigation, fill("首页 > 国内新闻 > ", 80), True, id="NAV_MAX_CHARS-at"),
    pytest.param(boilerplate.is_navigation, fill("首页 > 国内新闻 > ", 81), False, id="NAV_MAX_CHARS-past"),
    # PAGER_MAX_CHARS = 40: a pager of 40 characters is navigation, 41 is not.
    pytest.param(boilerplate.is_navigation, fill("上一页 ", 40, "共", " 下一页"), True, id="PAGER_MAX_CHARS-at"),
    pytest.param(boilerplate.is_navigation, fill("上一页 ", 41, "共", " 下一页"), False, id="PAGER_MAX_CHARS-past"),
    # RELATED_HEADING_MAX_CHARS = 30: "More from ..." of 30 characters is a related heading.
    pytest.param(boilerplate.is_related_heading, fill("More from ", 30, "e"), True,
                 id="RELATED_HEADING_MAX_CHARS-at"),
    pytest.param(boilerplate.is_related_heading, fill("More from ", 31, "e"), False,
                 id="RELATED_HEADING_MAX_CHARS-past"),
    # META_SHORT_CHARS = 90: a strip with two labels is metadata up to 90 characters.
    pytest.param(boilerplate.is_meta_line, fill("来源：新华网 作者：张三 ", 90), True, id="META_SHORT_CHARS-at"),
    pytest.param(boilerplate.is_meta_line, fill("来源：新华网 作者：张三 ", 91), False, id="META_SHORT_CHARS-past"),
    # META_LONG_LABELS = 3: past 90 characters, three labels still make a strip (two do not: above).
    pytest.param(boilerplate.is_meta_line, fill("来源：新华网 作者：张三 日期：", 91), True, id="META_LONG_LABELS-three"),
    pytest.param(boilerplate.is_meta_line, fill("来源：新华网 作者：张三 ", 91), False, id="META_LONG_LABELS-two"),
    # META_DATE_ONLY_MAX = 25: a date with no label is a dateline up to 25 characters.
    pytest.param(boilerplate.is_meta_line, fill("2022-07-24 08:31 星期日 ", 25), True, id="META_DATE_ONLY_MAX-at"),
    pytest.param(boilerplate.is_meta_line, fill("2022-07-24 08:31 星期日 ", 26), False, id="META_DATE_ONLY_MAX-past"),
    # META_MAX_CHARS = 120 (named before): a strip of three labels is metadata up to 120 characters.
    pytest.param(boilerplate.is_meta_line, fill("来源：新华网 作者：张三 日期：", 120), True, id="META_MAX_CHARS-at"),
    pytest.param(boilerplate.is_meta_line, fill("来源：新华网 作者：张三 日期：", 121), False, id="META_MAX_CHARS-past"),
    # COPYRIGHT_MAX_CHARS = 260 (named before): a notice of 260 characters is a notice, 261 is text.
    pytest.param(boilerplate.is_copyright, fill("版权所有 ", 260, "本网站刊登的稿件"), True, id="COPYRIGHT_MAX_CHARS-at"),
    pytest.param(boilerplate.is_copyright, fill("版权所有 ", 261, "本网站刊登的稿件"), False, id="COPYRIGHT_MAX_CHARS-past"),
    # WIDGET_MAX_CHARS = 40 (named before): a share bar of 40 characters is a widget, 41 is not.
    pytest.param(boilerplate.is_widget, fill("分享到：", 40, "微信 朋友圈 "), True, id="WIDGET_MAX_CHARS-at"),
    pytest.param(boilerplate.is_widget, fill("分享到：", 41, "微信 朋友圈 "), False, id="WIDGET_MAX_CHARS-past"),
    # APP_PROMO_MAX_CHARS = 60 (named before): an app promotion of 60 characters is a widget, 61 is not.
    pytest.param(boilerplate.is_widget, fill("喜欢这篇文章？去 App 商店搜 好奇心日报 ，", 60, "每天看点不一样的", "。"), True,
                 id="APP_PROMO_MAX_CHARS-at"),
    pytest.param(boilerplate.is_widget, fill("喜欢这篇文章？去 App 商店搜 好奇心日报 ，", 61, "每天看点不一样的", "。"), False,
                 id="APP_PROMO_MAX_CHARS-past"),
    # CAPTION_MAX_CHARS = 300 (named before): a line of 300 characters closing on a photo credit is a caption.
    pytest.param(boilerplate.is_caption, words("Protesters have worn masks", 285) + " (Image: GETTY)", True,
                 id="CAPTION_MAX_CHARS-at"),
    pytest.param(boilerplate.is_caption, words("Protesters have worn masks", 286) + " (Image: GETTY)", False,
                 id="CAPTION_MAX_CHARS-past"),
]


@pytest.mark.parametrize(("classify", "line", "expected"), BOILERPLATE)
def test_boilerplate_thresholds(classify, line: str, expected: bool) -> None:
    assert classify(line) is expected


# clean/headline.py ----------------------------------------------------------------

HAN_HEAD = "国务院常务会议部署稳就业措施"  # filler for headline segments


@pytest.mark.parametrize(
    ("title", "site_name", "expected"),
    [
        # SITE_NAME_SLACK = 4: a segment of the site's name plus 4 characters is the site's.
        pytest.param(fill("", 13, HAN_HEAD) + " | 新华网频道首页", "新华网", fill("", 13, HAN_HEAD),
                     id="SITE_NAME_SLACK-at"),
        pytest.param(fill("", 13, HAN_HEAD) + " | 新华网频道首页新", "新华网", None, id="SITE_NAME_SLACK-past"),
        # SUFFIX_MAX_CHARS = 16: an unknown trailing segment of 16 characters goes, 17 stays.
        pytest.param(fill("", 40, HAN_HEAD) + " | " + fill("", 16, "示例新闻网"), None, fill("", 40, HAN_HEAD),
                     id="SUFFIX_MAX_CHARS-at"),
        pytest.param(fill("", 40, HAN_HEAD) + " | " + fill("", 17, "示例新闻网"), None, None,
                     id="SUFFIX_MAX_CHARS-past"),
        # SUFFIX_RATIO = 2: the rest must be twice the suffix (20 beside 10 goes, 19 stays).
        pytest.param(fill("", 20, HAN_HEAD) + " | " + fill("", 10, "示例新闻网"), None, fill("", 20, HAN_HEAD),
                     id="SUFFIX_RATIO-at"),
        pytest.param(fill("", 19, HAN_HEAD) + " | " + fill("", 10, "示例新闻网"), None, None, id="SUFFIX_RATIO-past"),
        # PREFIX_MAX_CHARS = 12: a leading segment of 12 characters goes, 13 stays.
        pytest.param(fill("", 12, "示例新闻网") + " | " + fill("", 40, HAN_HEAD), None, fill("", 40, HAN_HEAD),
                     id="PREFIX_MAX_CHARS-at"),
        pytest.param(fill("", 13, "示例新闻网") + " | " + fill("", 40, HAN_HEAD), None, None,
                     id="PREFIX_MAX_CHARS-past"),
        # PREFIX_RATIO = 3: the rest must be three times the prefix (30 beside 10 goes, 29 stays).
        pytest.param(fill("", 10, "示例新闻网") + " | " + fill("", 30, HAN_HEAD), None, fill("", 30, HAN_HEAD),
                     id="PREFIX_RATIO-at"),
        pytest.param(fill("", 10, "示例新闻网") + " | " + fill("", 29, HAN_HEAD), None, None, id="PREFIX_RATIO-past"),
    ],
)
def test_site_suffix_thresholds(title: str, site_name: str | None, expected: str | None) -> None:
    assert headline.strip_site_suffix(title, site_name) == (expected if expected is not None else title)


@pytest.mark.parametrize(
    ("line", "title", "expected"),
    [
        # TITLE_COVER = 0.6: 6 of a 10-character title match, 5 do not; 60 of 100 do, 59 do not.
        pytest.param("日清零的标准", "蔡奇以每日清零的标准", True, id="TITLE_COVER-at"),
        pytest.param("清零的标准", "蔡奇以每日清零的标准", False, id="TITLE_COVER-past"),
        pytest.param(fill("", 100, HAN_HEAD)[40:], fill("", 100, HAN_HEAD), True, id="TITLE_COVER-at-100"),
        pytest.param(fill("", 100, HAN_HEAD)[41:], fill("", 100, HAN_HEAD), False, id="TITLE_COVER-past-100"),
    ],
)
def test_matches_title_thresholds(line: str, title: str, expected: bool) -> None:
    assert headline.matches_title(line, title) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # HEADLINE_LINE_MAX = 60 (named before): a headline-block line is at most 60 characters.
        pytest.param(fill("", 60, HAN_HEAD), True, id="HEADLINE_LINE_MAX-at"),
        pytest.param(fill("", 61, HAN_HEAD), False, id="HEADLINE_LINE_MAX-past"),
    ],
)
def test_headline_like_thresholds(line: str, expected: bool) -> None:
    assert headline.is_headline_like(line) is expected


BODY_TEXT = "国务院总理主持召开国务院常务会议，部署进一步稳就业的措施，会议指出要加大支持力度。"


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # SUBTITLE_MAX = 40: a line of 40 characters under the echoed title is the subtitle, 41 is text.
        pytest.param(["稳就业新举措", fill("", 40, "保市场主体保就业"), BODY_TEXT],
                     ([BODY_TEXT], None, fill("", 40, "保市场主体保就业")), id="SUBTITLE_MAX-at"),
        pytest.param(["稳就业新举措", fill("", 41, "保市场主体保就业"), BODY_TEXT],
                     ([fill("", 41, "保市场主体保就业"), BODY_TEXT], None, None), id="SUBTITLE_MAX-past"),
        # ECHO_WINDOW = 4 (named before): the echo is looked for in the first 4 lines.
        pytest.param(["引题一", "引题二", "引题三", "稳就业新举措", BODY_TEXT, BODY_TEXT],
                     ([BODY_TEXT, BODY_TEXT], "引题三", None), id="ECHO_WINDOW-at"),
        pytest.param(["引题一", "引题二", "引题三", "引题四", "稳就业新举措", BODY_TEXT],
                     (["引题一", "引题二", "引题三", "引题四", "稳就业新举措", BODY_TEXT], None, None),
                     id="ECHO_WINDOW-past"),
    ],
)
def test_headline_echo_thresholds(paragraphs: list[str], expected: tuple) -> None:
    assert headline.strip_headline_echo(paragraphs, "稳就业新举措") == expected


# clean/byline.py ------------------------------------------------------------------

LONG_NAME = "Bartholomew Alexandrina Maximiliano Wolfeschlegelsteinhausen"  # 60 characters
KO_TEXT = " 이번 주 방송은 시청자들의 큰 관심을 끌었고 제작진은 다음 회차를 준비하고 있다."
POSTED = "本贴由大卫于2005年8月12日16:12:21在〖海外华人〗发表"


@pytest.mark.parametrize(
    ("function", "text", "expected"),
    [
        # BYLINE_LINE_MAX = 160: a "By ..." line of 160 characters is a byline, 161 is not.
        pytest.param(byline.byline_line, words("By Jane Doe | Reuters", 160), words("By Jane Doe | Reuters", 160),
                     id="BYLINE_LINE_MAX-at"),
        pytest.param(byline.byline_line, words("By Jane Doe | Reuters", 161), None, id="BYLINE_LINE_MAX-past"),
        # ZH_BYLINE_LINE_MAX = 60: a 记者 credit line of 60 characters is a byline, 61 is not.
        pytest.param(byline.byline_line, fill("记者 张三 李四 ", 60, "北京报道"), fill("记者 张三 李四 ", 60, "北京报道"),
                     id="ZH_BYLINE_LINE_MAX-at"),
        pytest.param(byline.byline_line, fill("记者 张三 李四 ", 61, "北京报道"), None, id="ZH_BYLINE_LINE_MAX-past"),
        # CASED_NAME_MAX = 60: a cased name of 60 characters is a name, 61 is not.
        pytest.param(byline.names_from_credit, "By " + LONG_NAME, [LONG_NAME], id="CASED_NAME_MAX-at"),
        pytest.param(byline.names_from_credit, "By " + LONG_NAME + "n", [], id="CASED_NAME_MAX-past"),
        # KO_CREDIT_TEXT_MAX = 200: a Korean credit is read in a paragraph of 200 characters, not 201.
        pytest.param(byline.credits_in, fill("정덕현 칼럼니스트", 200, KO_TEXT), ["정덕현"], id="KO_CREDIT_TEXT_MAX-at"),
        pytest.param(byline.credits_in, fill("정덕현 칼럼니스트", 201, KO_TEXT), [], id="KO_CREDIT_TEXT_MAX-past"),
        # SOURCE_MIN_CHARS = 2 / SOURCE_MAX_CHARS = 30: a credited source is 2-30 characters.
        pytest.param(byline.source_in, "来源：新华", "新华", id="SOURCE_MIN_CHARS-at"),
        pytest.param(byline.source_in, "来源：新", None, id="SOURCE_MIN_CHARS-past"),
        pytest.param(byline.source_in, fill("来源：", 33, "北京日报"), fill("", 30, "北京日报"), id="SOURCE_MAX_CHARS-at"),
        pytest.param(byline.source_in, fill("来源：", 34, "北京日报"), None, id="SOURCE_MAX_CHARS-past"),
        # NAMES_LINE_MAX = 40: a names line is read up to 40 characters (reached here only by
        # a run of separators: two to four names are at most ~21 characters).
        pytest.param(byline.names_line, fill("赵延东", 40, "、", "风笑天"), ["赵延东", "风笑天"], id="NAMES_LINE_MAX-at"),
        pytest.param(byline.names_line, fill("赵延东", 41, "、", "风笑天"), [], id="NAMES_LINE_MAX-past"),
        # POSTER_LINE_MAX = 160: a forum credit line of 160 characters names the poster, 161 does not.
        pytest.param(byline.poster_in, fill(POSTED, 160, "，回复"), ["大卫"], id="POSTER_LINE_MAX-at"),
        pytest.param(byline.poster_in, fill(POSTED, 161, "，回复"), [], id="POSTER_LINE_MAX-past"),
    ],
)
def test_byline_thresholds(function, text: str, expected) -> None:
    assert function(text) == expected


# extract/title.py -----------------------------------------------------------------

URL = "https://news.example.com/2024/05/storm.html"


def tree_of(body: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html><head></head><body>{body}</body></html>")


@pytest.mark.parametrize(
    ("h1", "expected"),
    [
        # H1_MIN_ASCII = 4: a Latin <h1> of 4 characters beats the <title> "Site", of 3 does not.
        pytest.param("Rain", "Rain", id="H1_MIN_ASCII-at"),
        pytest.param("Fog", "Site", id="H1_MIN_ASCII-past"),
        # H1_MIN_CJK = 2: a CJK <h1> of 2 characters counts, of 1 does not (beside the <title> "网").
        pytest.param("暴雨", "暴雨", id="H1_MIN_CJK-at"),
        pytest.param("雨", "网", id="H1_MIN_CJK-past"),
        # H1_MAX_CHARS = 200: an <h1> of 200 characters counts, of 201 does not.
        pytest.param(words("Storm", 200), words("Storm", 200), id="H1_MAX_CHARS-at"),
        pytest.param(words("Storm", 201), "Site", id="H1_MAX_CHARS-past"),
    ],
)
def test_h1_thresholds(h1: str, expected: str) -> None:
    tree = tree_of(f"<div><h1>{h1}</h1><p>Text.</p></div>")
    html_title = "网" if expected == "网" or not h1.isascii() else "Site"
    assert title.choose_title(PageMeta(html_title=html_title), tree, None, set(), URL)[0] == expected


@pytest.mark.parametrize(
    ("h2", "expected"),
    [
        # FALLBACK_HEADLINE_MIN = 6 / FALLBACK_HEADLINE_MAX = 120: on a page with no <title>
        # and no <h1>, an <h2> of 6-120 characters is the headline.
        pytest.param("暴雨袭击沿海", "暴雨袭击沿海", id="FALLBACK_HEADLINE_MIN-at"),
        pytest.param("暴雨袭击沿", "", id="FALLBACK_HEADLINE_MIN-past"),
        pytest.param(words("Storm", 120), words("Storm", 120), id="FALLBACK_HEADLINE_MAX-at"),
        pytest.param(words("Storm", 121), "", id="FALLBACK_HEADLINE_MAX-past"),
    ],
)
def test_fallback_headline_thresholds(h2: str, expected: str) -> None:
    tree = tree_of(f"<div><h2>{h2}</h2><p>Text.</p></div>")
    assert title.choose_title(PageMeta(), tree, None, set(), URL)[0] == expected


@pytest.mark.parametrize(
    ("html_title", "shown", "expected"),
    [
        # FIRST_SEGMENT_MIN = 6: a first <title> segment of 6 characters shown as a line is
        # the headline; of 5, the <title> stands whole.
        pytest.param("Storms | News", "Storms", "Storms", id="FIRST_SEGMENT_MIN-at"),
        pytest.param("Storm | News", "Storm", "Storm | News", id="FIRST_SEGMENT_MIN-past"),
    ],
)
def test_first_segment_threshold(html_title: str, shown: str, expected: str) -> None:
    tree = tree_of(f"<div><b>{shown}</b><p>Text.</p></div>")
    assert title.choose_title(PageMeta(html_title=html_title), tree, None, {squash(shown)}, URL)[0] == expected


@pytest.mark.parametrize(
    ("structured", "expected"),
    [
        # NOT_SITE_NAME_MIN = 4: a headline that is the site's name gives way to one of 4 characters, not 3.
        pytest.param("Wahl", "Wahl", id="NOT_SITE_NAME_MIN-at"),
        pytest.param("Ost", "MDR.de", id="NOT_SITE_NAME_MIN-past"),
    ],
)
def test_not_site_name_threshold(structured: str, expected: str) -> None:
    tree = tree_of("<h1>MDR.de</h1>")
    assert title.not_the_site_name("MDR.de", ("MDR.de",), PageMeta(title=structured), tree) == expected


def _deck_blocks(*rows: tuple[str, str]) -> list[tuple[str, lxml_html.HtmlElement]]:
    return [(text, lxml_html.fragment_fromstring(f"<{tag}>{text}</{tag}>")) for tag, text in rows]


HEAD = ("h1", "Storm hits the coast")
PLAIN = ("p", "Photo: Jane Doe")


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        # DECK_MIN_CHARS = 8 / DECK_MAX_CHARS = 250: an <h2> under the headline of 8-250 characters is the deck.
        pytest.param(_deck_blocks(HEAD, ("h2", "Rain due")), "Rain due", id="DECK_MIN_CHARS-at"),
        pytest.param(_deck_blocks(HEAD, ("h2", "Rain du")), None, id="DECK_MIN_CHARS-past"),
        pytest.param(_deck_blocks(HEAD, ("h2", words("Heavy rain", 250))), words("Heavy rain", 250),
                     id="DECK_MAX_CHARS-at"),
        pytest.param(_deck_blocks(HEAD, ("h2", words("Heavy rain", 251))), None, id="DECK_MAX_CHARS-past"),
        # DECK_WINDOW = 2: the deck is one of the 2 blocks after the headline.
        pytest.param(_deck_blocks(HEAD, PLAIN, ("h2", "Heavy rain due")), "Heavy rain due", id="DECK_WINDOW-at"),
        pytest.param(_deck_blocks(HEAD, PLAIN, PLAIN, ("h2", "Heavy rain due")), None, id="DECK_WINDOW-past"),
    ],
)
def test_deck_thresholds(blocks, expected: str | None) -> None:
    assert title.find_deck(blocks, "Storm hits the coast") == expected


# extract/credits.py ---------------------------------------------------------------


def authors_of(blocks=(), paragraphs=(), tree_body: str = "<p>Text.</p>") -> list[str]:
    tree = tree_of(tree_body)
    blocks = [(text, tree.find(".//p")) for text in blocks]
    return credits.find_authors(PageMeta(), [], (), list(paragraphs), [], blocks, tree)


PLAIN_ZH = "会议指出，要加大对中小企业的支持力度，稳定就业岗位。"
CREDITED = "消息称，相关措施将于下月起实施。（记者 张倩）"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        # AUTHOR_CELL_MAX = 80: a 作者： cell of 80 characters names the writers, of 81 does not.
        pytest.param({"blocks": [fill("作者：宋怡 杨志华 ", 80, "中国青年报社")]}, ["宋怡", "杨志华"],
                     id="AUTHOR_CELL_MAX-at"),
        pytest.param({"blocks": [fill("作者：宋怡 杨志华 ", 81, "中国青年报社")]}, [], id="AUTHOR_CELL_MAX-past"),
        # CREDIT_HEAD_PARAGRAPHS = 3: a reporter credit in the 3rd paragraph (of 10) counts, in the 4th not.
        pytest.param({"paragraphs": [PLAIN_ZH] * 2 + [CREDITED] + [PLAIN_ZH] * 7}, ["张倩"],
                     id="CREDIT_HEAD_PARAGRAPHS-at"),
        pytest.param({"paragraphs": [PLAIN_ZH] * 3 + [CREDITED] + [PLAIN_ZH] * 6}, [],
                     id="CREDIT_HEAD_PARAGRAPHS-past"),
        # CREDIT_TAIL_PARAGRAPHS = 6: a credit 6th from the end (of 20) counts, 7th from the end not.
        pytest.param({"paragraphs": [PLAIN_ZH] * 14 + [CREDITED] + [PLAIN_ZH] * 5}, ["张倩"],
                     id="CREDIT_TAIL_PARAGRAPHS-at"),
        pytest.param({"paragraphs": [PLAIN_ZH] * 13 + [CREDITED] + [PLAIN_ZH] * 6}, [],
                     id="CREDIT_TAIL_PARAGRAPHS-past"),
        # AUTHOR_ELEMENT_MIN = 2: a two-character name in an author element counts (below 2 no
        # name reader accepts anything, so only a rise of the bound shows).
        pytest.param({"tree_body": '<p>Text.</p><div class="author">王五</div>'}, ["王五"], id="AUTHOR_ELEMENT_MIN-at"),
        # AUTHOR_ELEMENT_MAX = 40: an author element of 40 characters names the writer, of 41 does not.
        pytest.param({"tree_body": '<p>Text.</p><div class="author">' + fill("Jane Doe (", 40, "x", ")") + "</div>"},
                     ["Jane Doe"], id="AUTHOR_ELEMENT_MAX-at"),
        pytest.param({"tree_body": '<p>Text.</p><div class="author">' + fill("Jane Doe (", 41, "x", ")") + "</div>"},
                     [], id="AUTHOR_ELEMENT_MAX-past"),
    ],
)
def test_author_thresholds(kwargs: dict, expected: list[str]) -> None:
    assert authors_of(**kwargs) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # EDITOR_LINE_MAX = 40: 责任编辑：达瓦 inside a tool strip of 40 characters is the editor, of 41 not.
        pytest.param(fill("本文来源：新华社 ", 40, "中", " 责任编辑：达瓦"), "达瓦", id="EDITOR_LINE_MAX-at"),
        pytest.param(fill("本文来源：新华社 ", 41, "中", " 责任编辑：达瓦"), None, id="EDITOR_LINE_MAX-past"),
        # EDITOR_STRIP_MAX = 120: a sign-off of 120 characters names the editor, of 121 not.
        pytest.param(fill("Reporting by Jane Doe in London", 120, " and Tom Smith", "; Editing by Richard Lowe"),
                     "Richard Lowe", id="EDITOR_STRIP_MAX-at"),
        pytest.param(fill("Reporting by Jane Doe in London", 121, " and Tom Smith", "; Editing by Richard Lowe"),
                     None, id="EDITOR_STRIP_MAX-past"),
    ],
)
def test_editor_thresholds(line: str, expected: str | None) -> None:
    assert credits.editor_line([(line, tree_of(f"<p>{line}</p>").find(".//p"))]) == expected


# extract/published.py -------------------------------------------------------------

POSTED_AT = "2005-07-31T12:30:00+00:00"


def _p(text: str) -> lxml_html.HtmlElement:
    return tree_of(f"<p>{text}</p>").find(".//p")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # DATE_ELEMENT_MAX = 60: an element classed "pub-date" of 60 characters gives the date, of 61 not.
        pytest.param(fill("2005-07-31 12:30 ", 60, "来源新华社"), POSTED_AT, id="DATE_ELEMENT_MAX-at"),
        pytest.param(fill("2005-07-31 12:30 ", 61, "来源新华社"), None, id="DATE_ELEMENT_MAX-past"),
    ],
)
def test_date_element_threshold(text: str, expected: str | None) -> None:
    tree = tree_of(f'<div><p>Text.</p><span class="pub-date">{text}</span></div>')
    assert published._date_element(tree, UTC) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # DATE_LABEL_LINE_MAX = 200: a 发表于 line of 200 characters gives the date, of 201 not.
        pytest.param(fill("发表于 2005-07-31 12:30 ", 200, "，回复本帖"), POSTED_AT, id="DATE_LABEL_LINE_MAX-at"),
        pytest.param(fill("发表于 2005-07-31 12:30 ", 201, "，回复本帖"), None, id="DATE_LABEL_LINE_MAX-past"),
        # DATE_LABEL_REACH = 40: the date (and its time) is read within 40 characters after the label.
        pytest.param("发表于" + "：" * 24 + "2005-07-31 12:30", POSTED_AT, id="DATE_LABEL_REACH-at"),
        pytest.param("发表于" + "：" * 25 + "2005-07-31 12:30", "2005-07-31T00:00:00+00:00", id="DATE_LABEL_REACH-past"),
    ],
)
def test_labelled_date_thresholds(line: str, expected: str | None) -> None:
    assert published._labelled_date([(line, _p(line))], UTC) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # SHOWN_LINE_MAX = 60: a dateline of 60 characters overrides the markup's date, of 61 not.
        pytest.param("Jane Roe • March 20, 2023 • Wellness and Prevention • Health", "2023-03-20",
                     id="SHOWN_LINE_MAX-at"),
        pytest.param("Jane Roe • March 20, 2023 • Wellness and Prevention • Healths", "2013-03-11",
                     id="SHOWN_LINE_MAX-past"),
    ],
)
def test_shown_line_threshold(line: str, expected: str) -> None:
    found = published.find_published(["2013-03-11T11:11:07-07:00"], ([line], True), "https://example.com/a",
                                      UTC, [], tree_of("<p>x</p>"), "Title")
    assert (found or "")[:10] == expected


@pytest.mark.parametrize(
    ("shown", "modified", "expected"),
    [
        # DATE_SLACK_DAYS = 1 (named before): a dateline a day from the markup's instant
        # leaves the instant; two days off, the dateline's day stands.
        pytest.param("March 12, 2013", [], "2013-03-11", id="DATE_SLACK_DAYS-at"),
        pytest.param("March 13, 2013", [], "2013-03-13", id="DATE_SLACK_DAYS-past"),
        # the markup's revision date shown unlabelled is not the publication's
        pytest.param("March 13, 2013", ["2013-03-13T08:00:00Z"], "2013-03-11", id="dateline-is-revision"),
    ],
)
def test_dateline_against_markup(shown: str, modified: list[str], expected: str) -> None:
    found = published.find_published(["2013-03-11T11:11:07-07:00"], ([shown], True), "https://example.com/a",
                                      UTC, [], tree_of("<p>x</p>"), "Title", modified)
    assert (found or "")[:10] == expected


@pytest.mark.parametrize(("extensive", "expected"), [(False, "2013-03-11"), (True, "2013-03-20")])
def test_reconcile_extensive(monkeypatch, extensive: bool, expected: str) -> None:
    """RECONCILE_EXTENSIVE = False (calibrated: no bench record changes, htmldate 3x
    cheaper): against a structured date, a date only in the running text is not
    htmldate's to offer; the extensive search would find it and overrule the markup."""
    assert published.RECONCILE_EXTENSIVE is False
    monkeypatch.setattr(published, "RECONCILE_EXTENSIVE", extensive)
    tree = tree_of("<html><body><article><h1>Title</h1><p>The council met on March 20, 2013 and voted "
                   "to approve the new budget for the coming year.</p></article></body></html>")
    found = published.find_published(["2013-03-11T11:11:07-07:00"], ([], True), "https://example.com/a",
                                      UTC, [], tree, "Title")
    assert (found or "")[:10] == expected


# extract/assembly.py --------------------------------------------------------------

TITLE_A = fill("", 100, "国务院常务会议部署稳就业措施")
TITLE_B = fill("", 100, "沿海地区迎来强降雨天气过程")


def kept_lines(line: str, links: list[str], share: float | None = None) -> list[str]:
    box = tree_of("<ul><li>x</li></ul>").find(".//ul")
    groups = [LinkGroup(container=box, links=[(text, "/news/1.html") for text in [*links, "其他新闻标题"]])]
    link_share = {} if share is None else {squash(line): share}
    return assembly.clean_lines([line], groups, link_share, "example.com")[0]


@pytest.mark.parametrize(
    ("line", "links", "share", "dropped"),
    [
        # MIN_ROW_LINK_SHARE = 0.3: a line with 30% link text is scanned for a link row, 29% is not.
        pytest.param("体育 活动 手机", ["体育", "活动", "手机"], 0.3, True, id="MIN_ROW_LINK_SHARE-at"),
        pytest.param("体育 活动 手机", ["体育", "活动", "手机"], 0.29, False, id="MIN_ROW_LINK_SHARE-past"),
        # LINK_CELLS_MIN = 3: three short link cells run together are a link row, two are not.
        pytest.param("体育 活动 手机", ["体育", "活动", "手机"], None, True, id="LINK_CELLS_MIN-at"),
        pytest.param("体育 活动", ["体育", "活动", "手机"], None, False, id="LINK_CELLS_MIN-past"),
        # PREFIX_LEN = 4: link texts of 4 characters cover a line, of 3 do not.
        pytest.param("暴雨来袭沿海大风", ["暴雨来袭", "沿海大风"], None, True, id="PREFIX_LEN-at"),
        pytest.param("暴雨来沿海风", ["暴雨来", "沿海风"], None, False, id="PREFIX_LEN-past"),
        # LINK_COVER = 0.7 (named before): 70 of 100 characters in link texts is a row, 70 of 101 is not.
        pytest.param(TITLE_A[:70] + fill("", 30, "今日晚上"), [TITLE_A[:70]], None, True, id="LINK_COVER-at"),
        pytest.param(TITLE_A[:70] + fill("", 31, "今日晚上"), [TITLE_A[:70]], None, False, id="LINK_COVER-past"),
        # LINK_LINE_MAX = 200 (named before): a line of 200 that is a link text goes, of 201 stays.
        pytest.param(TITLE_A + TITLE_B, [TITLE_A + TITLE_B], None, True, id="LINK_LINE_MAX-at"),
        pytest.param(TITLE_A + TITLE_B + "新", [TITLE_A + TITLE_B + "新"], None, False, id="LINK_LINE_MAX-past"),
        # LINK_ROW_MAX = 200 (named before): a line of 200 covered by two link texts goes
        # (past 200 LINK_LINE_MAX already keeps the line, so only a fall of the bound shows).
        pytest.param(TITLE_A + TITLE_B, [TITLE_A, TITLE_B], None, True, id="LINK_ROW_MAX-at"),
    ],
)
def test_link_row_thresholds(line: str, links: list[str], share: float | None, dropped: bool) -> None:
    assert kept_lines(line, links, share) == ([] if dropped else [line])


# extract/body.py ------------------------------------------------------------------


LEADS = ("The council voted", "Opponents said", "The mayor added", "Shop owners asked", "Cyclists welcomed")


def sentence(length: int, lead: int = 0) -> str:
    """A sentence of ``length`` characters ending in a full stop (``lead`` picks its opening)."""
    return words(LEADS[lead], length - 1) + "."


PAYWALL = fill("", 40, "Subscribers read the whole story. ")


def reconcile(monkeypatch, t_lines: list[str], rows: list[tuple[str, float]], ld_body: str | None = None):
    """body._reconcile over ``rows`` (text, link share) as <p>s of one <div>, with
    trafilatura's output faked as ``t_lines``."""
    tree = tree_of("<div>" + "".join(f"<p>{escape(text)}</p>" for text, _ in rows) + "</div>")
    blocks = [(text, p, share) for (text, share), p in zip(rows, tree.iter("p"), strict=True)]
    doc = SimpleNamespace(body=etree.fromstring("<doc>" + "".join(f"<p>{escape(t)}</p>" for t in t_lines) + "</doc>"))
    monkeypatch.setattr(body, "bare_extraction", lambda *args, **kwargs: doc)
    return body._reconcile(tree, URL, blocks, [squash(text) for text, _ in rows], ld_body, False)


S1, S3 = sentence(80), sentence(90, 2)


@pytest.mark.parametrize(
    ("middle", "kept"),
    [
        # PROSE_RESTORE_MAX_LINK_SHARE = 0.1: a container sentence trafilatura dropped comes
        # back with 9% link text, not with 10%.
        pytest.param((sentence(60, 1), 0.09), True, id="PROSE_RESTORE_MAX_LINK_SHARE-at"),
        pytest.param((sentence(60, 1), 0.1), False, id="PROSE_RESTORE_MAX_LINK_SHARE-past"),
        # PROSE_MIN_CHARS = 30 (named before): ... when it is 30 characters or more.
        pytest.param((sentence(30, 1), 0.0), True, id="PROSE_MIN_CHARS-at"),
        pytest.param((sentence(29, 1), 0.0), False, id="PROSE_MIN_CHARS-past"),
    ],
)
def test_restored_prose_thresholds(monkeypatch, middle: tuple[str, float], kept: bool) -> None:
    result = reconcile(monkeypatch, [S1, S3], [(S1, 0.0), middle, (S3, 0.0)])
    assert result.method == "reconciled"
    assert result.paragraphs == ([S1, middle[0], S3] if kept else [S1, S3])


@pytest.mark.parametrize(
    ("inside", "outside", "method"),
    [
        # AGREEMENT = 0.7 (named before): 70 of trafilatura's 100 characters in the container
        # is agreement, 69 of 100 is not.
        pytest.param(70, 30, "reconciled", id="AGREEMENT-at"),
        pytest.param(69, 31, "trafilatura", id="AGREEMENT-past"),
    ],
)
def test_agreement_threshold(monkeypatch, inside: int, outside: int, method: str) -> None:
    line, stray = sentence(inside), sentence(outside, 4)
    rows = [(line, 0.0), (sentence(50, 1), 0.0), (sentence(55, 2), 0.0)]
    assert reconcile(monkeypatch, [line, stray], rows).method == method


@pytest.mark.parametrize(
    ("container", "method"),
    [
        # DENSITY_WINS = 3.0 (named before): the container wins with more than 3x trafilatura's
        # 100 characters of prose (301), not with exactly 3x (300).
        pytest.param([101, 100, 100], "density", id="DENSITY_WINS-past"),
        pytest.param([100, 100, 100], "trafilatura", id="DENSITY_WINS-at"),
        # PROSE_BLOCK_MIN_CHARS = 40: ... prose counting blocks of 40+ characters (a block of
        # 39 beside 42 and 40 gives 82, no win; 40 beside 42 and 40 gives 122, a win).
        pytest.param([42, 40, 40], "density", id="PROSE_BLOCK_MIN_CHARS-at"),
        pytest.param([42, 40, 39], "trafilatura", id="PROSE_BLOCK_MIN_CHARS-past"),
    ],
)
def test_density_wins_thresholds(monkeypatch, container: list[int], method: str) -> None:
    rows = [(sentence(n, lead), 0.0) for lead, n in enumerate(container)]
    t_line = PAYWALL if sum(container) < 200 else fill("", 100, "Subscribers read the whole story. ")
    assert reconcile(monkeypatch, [t_line], rows).method == method


@pytest.mark.parametrize(
    ("share", "prose"),
    [
        # PROSE_BLOCK_MAX_LINK_SHARE = 0.3: a 40-character block with 29% link text is prose, with 30% not.
        pytest.param(0.29, 40, id="PROSE_BLOCK_MAX_LINK_SHARE-at"),
        pytest.param(0.3, 0, id="PROSE_BLOCK_MAX_LINK_SHARE-past"),
    ],
)
def test_prose_link_share_threshold(share: float, prose: int) -> None:
    assert body._prose([(sentence(40), None, share)]) == prose


@pytest.mark.parametrize(
    ("t_line", "method"),
    [
        # TRAFILATURA_MIN_CHARS = 20: trafilatura's 19 characters are nothing (JSON-LD stands in), 20 are text.
        pytest.param(fill("", 19, "Storm hits coast. "), "json-ld", id="TRAFILATURA_MIN_CHARS-past"),
        pytest.param(fill("", 20, "Storm hits coast. "), "trafilatura", id="TRAFILATURA_MIN_CHARS-at"),
    ],
)
def test_trafilatura_min_threshold(monkeypatch, t_line: str, method: str) -> None:
    rows = [(sentence(30, 1), 0.0), (sentence(31, 2), 0.0), (sentence(32, 3), 0.0)]  # no prose of 40+
    assert reconcile(monkeypatch, [t_line], rows, ld_body="Storm hits coast.").method == method


@pytest.mark.parametrize(
    ("share", "kept"),
    [
        # LINK_LINE_SHARE = 0.5 (named before): in the density fallback a line with 49% link text stays, 50% goes.
        pytest.param(0.49, True, id="LINK_LINE_SHARE-at"),
        pytest.param(0.5, False, id="LINK_LINE_SHARE-past"),
    ],
)
def test_link_line_share_threshold(monkeypatch, share: float, kept: bool) -> None:
    rows = [(S1, 0.0), (sentence(50, 1), share), (S3, 0.0), (sentence(70, 2), 0.0), (sentence(75, 3), 0.0)]
    result = reconcile(monkeypatch, [], rows)
    assert result.method == "density"
    assert (sentence(50, 1) in result.paragraphs) is kept


def _li_blocks(share: float) -> tuple[list, list[str], set[int]]:
    tree = tree_of(f"<div><p>{S1}</p><ul><li>错误的版面参数！请确认。</li></ul></div>")
    blocks = [(S1, tree.find(".//p"), 0.0), ("错误的版面参数！请确认。", tree.find(".//li"), share)]
    return blocks, [squash(text) for text, _, _ in blocks], {id(b) for b in blocks}


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        # PROSE_LIST_MAX_LINK_SHARE = 0.1: a list item of a sentence comes back with 9% link text, not 10%.
        pytest.param(0.09, [S1, "错误的版面参数！请确认。"], id="PROSE_LIST_MAX_LINK_SHARE-at"),
        pytest.param(0.1, [S1], id="PROSE_LIST_MAX_LINK_SHARE-past"),
    ],
)
def test_list_item_threshold(share: float, expected: list[str]) -> None:
    blocks, keys, chosen = _li_blocks(share)
    assert body._with_list_items([S1], blocks, keys, chosen) == expected


# extract/density.py ---------------------------------------------------------------

HAN = "国务院常务会议部署稳就业措施"  # no punctuation


def han(n: int, punct: int = 0) -> str:
    """``n`` non-space characters, the last ``punct`` of them commas and a full stop."""
    marks = "，" * max(punct - 1, 0) + ("。" if punct else "")
    return fill("", n - len(marks), HAN) + marks


def winner(body_html: str, shares: dict[str, float] | None = None) -> list[str]:
    """Texts of density.main_blocks over the page's <p>s."""
    tree = tree_of(body_html)
    blocks = [(p.text, p, (shares or {}).get(p.text, 0.0)) for p in tree.iter("p")]
    return [text for text, _, _ in density.main_blocks(blocks)]


def two_columns(a: str, b: str, a_class: str = "") -> str:
    """Two paragraphs three levels apart, so no common ancestor scores."""
    return (f'<div class="{a_class}"><div><div><p>{a}</p></div></div></div>'
            f"<div><div><div><p>{b}</p></div></div></div>")


DENSITY_CASES = [
    # MIN_CHARS = 10 (named before): a block of 10 characters scores, of 9 not.
    pytest.param("<p>" + han(10) + "</p>", [han(10)], id="MIN_CHARS-at"),
    pytest.param("<p>" + han(9) + "</p>", [], id="MIN_CHARS-past"),
    # LENGTH_POINT_CHARS = 60: one point per 60 characters: 131 characters without
    # punctuation (3.18) beat 10 with two marks (3.17); 129 (3.15) do not. At 61 the
    # first case turns, at 59 the second.
    pytest.param(two_columns(han(131), han(10, 2)), [han(131)], id="LENGTH_POINT_CHARS-at"),
    pytest.param(two_columns(han(129), han(10, 2)), [han(10, 2)], id="LENGTH_POINT_CHARS-past"),
    # LENGTH_POINTS_MAX = 4: 300 characters without punctuation score 5 at most: 66
    # characters with 3 marks (5.1) beat them, 54 with 3 marks (4.9) do not.
    pytest.param(two_columns(han(300), han(66, 3)), [han(66, 3)], id="LENGTH_POINTS_MAX-at"),
    pytest.param(two_columns(han(300), han(54, 3)), [han(300)], id="LENGTH_POINTS_MAX-past"),
    # SIBLING_SHARE = 0.2 (named before): a sibling scoring 20.6% of the best joins it, 19.4% does not.
    pytest.param("<div><p>" + han(300, 1) + "</p><p>" + han(14) + "</p></div>", [han(300, 1), han(14)],
                 id="SIBLING_SHARE-at"),
    pytest.param("<div><p>" + han(300, 1) + "</p><p>" + han(10) + "</p></div>", [han(300, 1)],
                 id="SIBLING_SHARE-past"),
    # CHROME_FACTOR = 0.3 (named before): a sidebar paragraph scoring 6 keeps 1.8: it loses
    # to 1.83 (50 characters) and beats 1.77 (46 characters).
    pytest.param(two_columns(han(300, 1), han(50), "sidebar"), [han(50)], id="CHROME_FACTOR-at"),
    pytest.param(two_columns(han(300, 1), han(46), "sidebar"), [han(300, 1)], id="CHROME_FACTOR-past"),
]


@pytest.mark.parametrize(("body_html", "expected"), DENSITY_CASES)
def test_density_thresholds(body_html: str, expected: list[str]) -> None:
    assert winner(body_html) == expected


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        # MAX_LINK_SHARE = 0.3 (named before): a block with 29% link text scores, with 30% not.
        pytest.param(0.29, [han(40)], id="MAX_LINK_SHARE-at"),
        pytest.param(0.3, [], id="MAX_LINK_SHARE-past"),
    ],
)
def test_density_link_share_threshold(share: float, expected: list[str]) -> None:
    assert winner("<p>" + han(40) + "</p>", {han(40): share}) == expected


# extract/related.py ---------------------------------------------------------------

ZH_TITLES = ["国务院部署稳就业新举措", "沿海地区迎来强降雨天气", "多地出台措施支持中小企业", "高校毕业生就业形势总体稳定"]


def ul_of(titles: list[str]) -> str:
    return "<ul>" + "".join(f'<li><a href="/news/{i}.html">{t}</a></li>' for i, t in enumerate(titles)) + "</ul>"


def heading_of(body_html: str) -> str | None:
    return related.LinkGroup(container=tree_of(body_html).find(".//ul")).heading


@pytest.mark.parametrize(
    ("body_html", "expected"),
    [
        # HEADING_MAX_CHARS = 30: text of 30 characters right before a list is its heading, of 31 not.
        pytest.param("<div><h3>" + fill("相关新闻", 30, "：本站编辑精选") + "</h3>" + ul_of(ZH_TITLES) + "</div>",
                     fill("相关新闻", 30, "：本站编辑精选"), id="HEADING_MAX_CHARS-at"),
        pytest.param("<div><h3>" + fill("相关新闻", 31, "：本站编辑精选") + "</h3>" + ul_of(ZH_TITLES) + "</div>",
                     None, id="HEADING_MAX_CHARS-past"),
        # HEADING_SIBLINGS = 2: the heading may stand 2 siblings before the list (past an empty ad slot), not 3.
        pytest.param("<div><h3>相关新闻</h3><div class='ad'></div>" + ul_of(ZH_TITLES) + "</div>", "相关新闻",
                     id="HEADING_SIBLINGS-at"),
        pytest.param("<div><h3>相关新闻</h3><div class='ad'></div><div class='ad'></div>" + ul_of(ZH_TITLES)
                     + "</div>", None, id="HEADING_SIBLINGS-past"),
        # HEADING_LEVELS = 3: the heading may stand before the list's grandparent, not further up.
        pytest.param("<h3>相关新闻</h3><div><div>" + ul_of(ZH_TITLES) + "</div></div>", "相关新闻",
                     id="HEADING_LEVELS-at"),
        pytest.param("<h3>相关新闻</h3><div><div><div>" + ul_of(ZH_TITLES) + "</div></div></div>", None,
                     id="HEADING_LEVELS-past"),
    ],
)
def test_list_heading_thresholds(body_html: str, expected: str | None) -> None:
    assert heading_of(body_html) == expected


@pytest.mark.parametrize(
    ("body_html", "tag"),
    [
        # CONTAINER_LIFTS = 3: a link in a one-link table cell is lifted cell -> row -> tbody -> table;
        # wrapped in one more <p>, three lifts end at the tbody.
        pytest.param('<table><tbody><tr><td><a href="/a.html">国务院部署稳就业新举措</a></td></tr></tbody></table>',
                     "table", id="CONTAINER_LIFTS-at"),
        pytest.param('<table><tbody><tr><td><p><a href="/a.html">国务院部署稳就业新举措</a></p></td></tr></tbody>'
                     "</table>", "tbody", id="CONTAINER_LIFTS-past"),
    ],
)
def test_container_lifts_threshold(body_html: str, tag: str) -> None:
    assert related._container(tree_of(body_html).find(".//a")).tag == tag


def related_group(body_html: str) -> related.LinkGroup:
    tree = tree_of(body_html)
    ul = tree.find(".//ul")
    return next(g for g in related.link_groups(tree, URL, {ul: 10}) if g.container is ul)


@pytest.mark.parametrize(
    ("body_html", "expected"),
    [
        # STRONG_HEADING_MAX = 20: a heading of 20 characters with 更多 in it marks related news, of 21 not.
        pytest.param("<div><h3>" + fill("更多", 20, "精彩内容请看专题") + "</h3>" + ul_of(ZH_TITLES) + "</div>", True,
                     id="STRONG_HEADING_MAX-at"),
        pytest.param("<div><h3>" + fill("更多", 21, "精彩内容请看专题") + "</h3>" + ul_of(ZH_TITLES) + "</div>", False,
                     id="STRONG_HEADING_MAX-past"),
    ],
)
def test_strong_heading_threshold(body_html: str, expected: bool) -> None:
    assert related.classify_related(related_group(body_html), None) is expected


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        # UNHEADED_MIN_LINKS = 3: after the text, with no heading, 3 title links are related news, 2 not.
        pytest.param(ZH_TITLES[:3], True, id="UNHEADED_MIN_LINKS-at"),
        pytest.param(ZH_TITLES[:2], False, id="UNHEADED_MIN_LINKS-past"),
    ],
)
def test_unheaded_list_threshold(titles: list[str], expected: bool) -> None:
    assert related.classify_related(related_group("<div>" + ul_of(titles) + "</div>"), 5) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # TITLE_MIN_HAN = 8 (named before): a link of 8 Han characters reads as a title, of 7 not.
        pytest.param("国务院部署稳就业", True, id="TITLE_MIN_HAN-at"),
        pytest.param("国务院部署稳就", False, id="TITLE_MIN_HAN-past"),
        # TITLE_MIN_WORDS = 4 (named before): a link of 4 words reads as a title, of 3 not.
        pytest.param("Council extends tram line", True, id="TITLE_MIN_WORDS-at"),
        pytest.param("Council extends tram", False, id="TITLE_MIN_WORDS-past"),
    ],
)
def test_title_link_thresholds(text: str, expected: bool) -> None:
    assert related.looks_like_title(text) is expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # TITLE_SHARE = 0.6 (named before): 3 titles of 5 links make a titles group, 5 of 9 not.
        pytest.param(ZH_TITLES[:3] + ["首页", "体育"], True, id="TITLE_SHARE-at"),
        pytest.param(ZH_TITLES + ["国内新闻报道汇总专题页面", "首页", "体育", "财经", "科技"], False, id="TITLE_SHARE-past"),
        pytest.param([f"{t}{i}" for i in range(15) for t in ZH_TITLES][:59] + ["首页"] * 41, False,
                     id="TITLE_SHARE-past-59-of-100"),
        # MIN_LINKS = 2 (named before): two title links are a group, one is not.
        pytest.param(ZH_TITLES[:2], True, id="MIN_LINKS-at"),
        pytest.param(ZH_TITLES[:1], False, id="MIN_LINKS-past"),
    ],
)
def test_titles_group_thresholds(texts: list[str], expected: bool) -> None:
    group = related.LinkGroup(container=None, links=[(t, f"/news/{i}.html") for i, t in enumerate(texts)])
    assert related.is_titles_group(group) is expected


def stream(items: int, depth: int) -> str:
    inner = "<div>" * depth + "<p>Summary of another story.</p>" + "</div>" * depth
    item = '<div class="item"><h3><a href="/news/{i}.html">Another story {i}</a></h3>' + inner + "</div>"
    return "<main>" + "".join(item.format(i=i) for i in range(items)) + "</main>"


@pytest.mark.parametrize(
    ("items", "depth", "expected"),
    [
        # STREAM_MIN_ITEMS = 3 (named before): 3 alike items with one linked heading each are a stream, 2 not.
        pytest.param(3, 0, True, id="STREAM_MIN_ITEMS-at"),
        pytest.param(2, 0, False, id="STREAM_MIN_ITEMS-past"),
        # TEASER_LEVELS = 4 (named before): the item is looked for up to 4 levels above the line.
        pytest.param(3, 3, True, id="TEASER_LEVELS-at"),
        pytest.param(3, 4, False, id="TEASER_LEVELS-past"),
    ],
)
def test_stream_thresholds(items: int, depth: int, expected: bool) -> None:
    p = tree_of(stream(items, depth)).find(".//p")
    assert related.in_teaser(p, None) is expected


# extract/article.py, published.py, title.py: windows and shares named before ---------

TOP = [(f"Block {i}: council notes", None) for i in range(70)]


@pytest.mark.parametrize(
    ("blocks", "title_text", "count"),
    [
        # TOP_BLOCKS = 60: with no headline found, the dateline is looked for in the first 60 blocks.
        pytest.param(TOP, "Not on the page", 60, id="TOP_BLOCKS"),
        # HEADER_WINDOW = 8 (named before): below the headline, 8 blocks.
        pytest.param([("Storm hits the coast", None), *TOP], "Storm hits the coast", 8, id="HEADER_WINDOW"),
    ],
)
def test_header_window_thresholds(monkeypatch, blocks, title_text: str, count: int) -> None:
    monkeypatch.setattr(article, "in_chrome", lambda el: False)
    assert len(article._header_blocks(blocks, title_text)[0]) == count


def test_above_window_threshold() -> None:
    # ABOVE_WINDOW = 3 (named before): 3 lines above the headline, nearest first.
    blocks = [(f"line {i}", None) for i in range(6)] + [("Storm hits the coast", None)]
    assert published.above_headline(blocks, "Storm hits the coast") == ["line 5", "line 4", "line 3"]


@pytest.mark.parametrize(
    ("h1", "expected"),
    [
        # H1_SHARE = 0.4 (named before): beside a 100-character <title>, a lone <h1> of 40 is the headline, of 39 not.
        pytest.param(words("Tram line", 40), words("Tram line", 40), id="H1_SHARE-at"),
        pytest.param(words("Tram line", 39), words("Regional council vote", 100), id="H1_SHARE-past"),
    ],
)
def test_h1_share_threshold(h1: str, expected: str) -> None:
    tree = tree_of(f"<div><h1>{h1}</h1><p>Text.</p></div>")
    meta = PageMeta(html_title=words("Regional council vote", 100))
    assert title.choose_title(meta, tree, None, set(), URL)[0] == expected


@pytest.mark.parametrize(
    ("deck", "kept_as_deck"),
    [
        # DECK_MAX_IN_BODY = 150 (named before): a one-sentence deck of 150 characters repeated as
        # the first body line leaves the body; of 151 it is the lede.
        pytest.param(words("Heavy rain", 149) + ".", True, id="DECK_MAX_IN_BODY-at"),
        pytest.param(words("Heavy rain", 150) + ".", False, id="DECK_MAX_IN_BODY-past"),
    ],
)
def test_deck_in_body_threshold(deck: str, kept_as_deck: bool) -> None:
    blocks = _deck_blocks(HEAD, ("h2", deck))
    paragraphs = [deck, S1, S3]
    result = article._without_headline_echo(list(paragraphs), blocks, "Storm hits the coast")
    assert result == (([S1, S3], None, deck) if kept_as_deck else (paragraphs, None, None))


# extract/dates.py, language.py, metadata.py -----------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # YEAR_MIN = 1990 / YEAR_MAX = 2100: dates from 1990 to 2100 are plausible, in numeric and English forms.
        pytest.param("1990-01-01", "1990-01-01T00:00:00+00:00", id="YEAR_MIN-at"),
        pytest.param("1989-12-31", None, id="YEAR_MIN-past"),
        pytest.param("January 1, 1990", "1990-01-01T00:00:00+00:00", id="YEAR_MIN-at-english"),
        pytest.param("December 31, 1989", None, id="YEAR_MIN-past-english"),
        pytest.param("2100-12-31T08:00", "2100-12-31T08:00:00+00:00", id="YEAR_MAX-at"),
        pytest.param("2101-01-01T08:00", None, id="YEAR_MAX-past"),
        # DATE_VALUE_MAX = 200: a value of 200 characters is read for a date, of 201 not.
        pytest.param(fill("2022-07-24 ", 200, "更新于新华网"), "2022-07-24T00:00:00+00:00", id="DATE_VALUE_MAX-at"),
        pytest.param(fill("2022-07-24 ", 201, "更新于新华网"), None, id="DATE_VALUE_MAX-past"),
    ],
)
def test_date_plausibility_thresholds(value: str, expected: str | None) -> None:
    assert dates.parse_date(value, UTC) == expected


@pytest.mark.parametrize(
    ("text", "expected", "is_expected"),
    [
        # DETECT_SAMPLE_CHARS = 5000: kana within the first 5,000 characters make the page Japanese.
        pytest.param("x" * 4999 + "の", "ja", True, id="DETECT_SAMPLE_CHARS-at"),
        pytest.param("x" * 5000 + "の", "ja", False, id="DETECT_SAMPLE_CHARS-past"),
        # KANA_PER_HAN = 10: one kana beside 10 Han characters is Japanese, beside 11 not.
        pytest.param("の" + "漢" * 10, "ja", True, id="KANA_PER_HAN-at"),
        pytest.param("の" + "漢" * 11, "ja", False, id="KANA_PER_HAN-past"),
        # HANGUL_PER_LATIN = 3: one Hangul syllable beside 3 Latin letters is Korean, beside 4 not.
        pytest.param("한abc", "ko", True, id="HANGUL_PER_LATIN-at"),
        pytest.param("한abcd", "ko", False, id="HANGUL_PER_LATIN-past"),
        # HAN_PER_LATIN = 3: one Han character beside 3 Latin letters is Chinese, beside 4 not.
        pytest.param("中abc", "zh", True, id="HAN_PER_LATIN-at"),
        pytest.param("中abcd", "zh", False, id="HAN_PER_LATIN-past"),
    ],
)
def test_language_thresholds(text: str, expected: str, is_expected: bool) -> None:
    found = language.detect_language(text) or ""
    assert found.startswith(expected) is is_expected


@pytest.mark.parametrize(
    ("tag", "kept"),
    [
        # TAG_MAX_CHARS = 100: a keyword of 100 characters is a tag, of 101 not.
        pytest.param(words("Climate", 100), True, id="TAG_MAX_CHARS-at"),
        pytest.param(words("Climate", 101), False, id="TAG_MAX_CHARS-past"),
    ],
)
def test_tag_length_threshold(tag: str, kept: bool) -> None:
    assert metadata.split_tags([tag]) == ([tag] if kept else [])


@pytest.mark.parametrize(
    ("html_title", "heading", "expected"),
    [
        # HEADING_MIN_CHARS = 4: a heading of 4 characters equal to a <title> segment settles the
        # title; one of 3 does not (the short segment is then taken for a section prefix).
        pytest.param("Rain | Weather Daily News", "Rain", "Rain", id="HEADING_MIN_CHARS-at"),
        pytest.param("Fog | Weather Daily News", "Fog", "Weather Daily News", id="HEADING_MIN_CHARS-past"),
    ],
)
def test_heading_min_threshold(html_title: str, heading: str, expected: str) -> None:
    tree = tree_of(f"<div><h2>{heading}</h2><p>Text.</p></div>")
    assert title.choose_title(PageMeta(html_title=html_title), tree, None, set(), URL)[0] == expected


def retried(monkeypatch, container: list[str], precision: list[str], recall: list[str]) -> str:
    """Which mode's lines body._recall_if_thin keeps, with trafilatura faked per mode."""
    def doc(lines: list[str]) -> SimpleNamespace:
        return SimpleNamespace(body=etree.fromstring("<doc>" + "".join(f"<p>{escape(t)}</p>" for t in lines) + "</doc>"))

    monkeypatch.setattr(body, "bare_extraction", lambda *args, **kwargs: doc(recall if kwargs["favor_recall"] else precision))
    blocks = [(text, None, 0.0) for text in container]
    lines, _ = body._recall_if_thin(tree_of("<p>x</p>"), URL, False, blocks, body._prose(blocks),
                                    {squash(t) for t in container})
    return "recall" if lines == recall else "precision" if lines == precision else "?"


@pytest.mark.parametrize(
    ("lead", "rest", "mode"),
    [
        # THIN_SHARE = 0.8: precision mode's 199 of the container's 250 prose characters are
        # thin (recall mode runs and wins), 200 of 250 are not.
        pytest.param(199, 51, "recall", id="THIN_SHARE-at"),
        pytest.param(200, 50, "precision", id="THIN_SHARE-past"),
    ],
)
def test_thin_share_threshold(monkeypatch, lead: int, rest: int, mode: str) -> None:
    a, b, stray = sentence(lead), sentence(rest, 1), sentence(100, 4)
    assert retried(monkeypatch, [a, b], [a], [a, b, stray]) == mode


@pytest.mark.parametrize(
    ("extra", "mode"),
    [
        # RECALL_GAIN = 1.3: recall mode's text replaces precision mode's 100 characters when
        # it holds 131, not 130.
        pytest.param(31, "recall", id="RECALL_GAIN-past"),
        pytest.param(30, "precision", id="RECALL_GAIN-at"),
    ],
)
def test_recall_gain_threshold(monkeypatch, extra: int, mode: str) -> None:
    a, b, stray = sentence(100), sentence(200, 1), sentence(extra, 4)
    assert retried(monkeypatch, [a, b], [a], [a, stray]) == mode


def fast_mode(monkeypatch, blocks: int, elements: int) -> bool:
    """The ``fast`` flag extract_body hands trafilatura for a page of ``blocks`` text
    blocks and ``elements`` elements."""
    seen = {}

    def fake(*args, **kwargs):
        seen["fast"] = kwargs["fast"]
        raise RuntimeError("no trafilatura here")

    monkeypatch.setattr(body, "bare_extraction", fake)
    p = tree_of("<p>x</p>").find(".//p")
    rows = [(f"Line {i} of the page text.", p, 0.0) for i in range(blocks)]
    body.extract_body(tree_of("<p>x</p>"), URL, rows, [squash(t) for t, _, _ in rows], elements=elements)
    return seen["fast"]


@pytest.mark.parametrize(
    ("blocks", "elements", "fast"),
    [
        # LARGE_PAGE_BLOCKS = 700 (named before): trafilatura's fast mode above 700 blocks.
        pytest.param(700, 10, False, id="LARGE_PAGE_BLOCKS-at"),
        pytest.param(701, 10, True, id="LARGE_PAGE_BLOCKS-past"),
        # LARGE_PAGE_ELEMENTS = 4000 (named before): ... or above 4,000 elements.
        pytest.param(5, 4000, False, id="LARGE_PAGE_ELEMENTS-at"),
        pytest.param(5, 4001, True, id="LARGE_PAGE_ELEMENTS-past"),
    ],
)
def test_large_page_thresholds(monkeypatch, blocks: int, elements: int, fast: bool) -> None:
    assert fast_mode(monkeypatch, blocks, elements) is fast


@pytest.mark.parametrize(
    ("n_words", "searched"),
    [
        # SHORT_DOM_WORDS = 300 (named before): JSON states are searched when the DOM gave 299 words, not 300.
        pytest.param(299, True, id="SHORT_DOM_WORDS-at"),
        pytest.param(300, False, id="SHORT_DOM_WORDS-past"),
    ],
)
def test_short_dom_threshold(monkeypatch, n_words: int, searched: bool) -> None:
    calls = []
    monkeypatch.setattr(body, "script_body", lambda source: calls.append(source))
    body._shipped_text(body.BodyResult(paragraphs=[" ".join(["word"] * n_words)]), "<html></html>", None)
    assert bool(calls) is searched


@pytest.mark.parametrize(
    ("lengths", "prose", "full"),
    [
        # FALLBACK_SHORT_CHARS = 250: a fast text of 249 characters is in doubt, 250 is not.
        pytest.param([249], 0, True, id="FALLBACK_SHORT_CHARS-at"),
        pytest.param([150, 100], 0, False, id="FALLBACK_SHORT_CHARS-past"),
        # FALLBACK_PROSE_RATIO = 2.0: a container with 2x the fast text's length in
        # prose leaves it alone; 2.1x sends the page to the full cascade.
        pytest.param([500, 500], 2000, False, id="FALLBACK_PROSE_RATIO-at"),
        pytest.param([500, 500], 2100, True, id="FALLBACK_PROSE_RATIO-past"),
    ],
)
def test_full_cascade_thresholds(lengths: list[int], prose: int, full: bool) -> None:
    assert body.needs_full_cascade([words("", n) for n in lengths], prose) is full


def test_full_cascade_runs_only_on_doubtful_pages(monkeypatch) -> None:
    """A page whose fast text is long and agrees with the container runs trafilatura
    once, fast; a page whose fast text is a fragment runs it again in full."""
    calls: list[bool] = []
    real = body.bare_extraction

    def counting(*args, **kwargs):
        calls.append(kwargs["fast"])
        return real(*args, **kwargs)

    monkeypatch.setattr(body, "bare_extraction", counting)
    story = "".join(f"<p>{words(f'Paragraph {i}. ', 300)}.</p>" for i in range(6))
    for page, expected in ((f"<html><body><article>{story}</article></body></html>", [True]),
                           ("<html><body><article><p>Read more.</p></article></body></html>", [True, False])):
        calls.clear()
        tree = tree_of(page)
        rows = [(el.text_content(), el, 0.0) for el in tree.iter("p")]
        body.extract_body(tree, URL, rows, [squash(t) for t, _, _ in rows], elements=20)
        assert calls == expected


def _card(length: int) -> str:
    """A product card's text (the density container beside the article)."""
    return fill("", length - 1, "Opening hours and prices of the shop ") + "."


@pytest.mark.parametrize(
    ("first", "mode"),
    [
        # STRAY_MAX_CHARS = 1500: precision mode's 1,499 characters outside a 1,200-character
        # container that does not outweigh them are retried in recall mode (which wins with
        # over 3x the text), 1,500 are not.
        pytest.param(499, "recall", id="STRAY_MAX_CHARS-at"),
        pytest.param(500, "precision", id="STRAY_MAX_CHARS-past"),
    ],
)
def test_stray_max_chars_threshold(monkeypatch, first: int, mode: str) -> None:
    lead = [sentence(500), sentence(500, 1), sentence(first, 2)]
    rest = [sentence(700, k % 2 + 3) + " " + str(k) for k in range(7)]
    assert retried(monkeypatch, [_card(1200)], lead, lead + rest) == mode


@pytest.mark.parametrize(
    ("last", "mode"),
    [
        # STRAY_GAIN = 3.0: recall mode's text replaces precision mode's stray 1,000
        # characters when it holds 3,001, not 3,000.
        pytest.param(601, "recall", id="STRAY_GAIN-past"),
        pytest.param(600, "precision", id="STRAY_GAIN-at"),
    ],
)
def test_stray_gain_threshold(monkeypatch, last: int, mode: str) -> None:
    lead = [sentence(500), sentence(500, 1)]
    rest = [sentence(700, 2), sentence(700, 3), sentence(last, 4)]
    assert retried(monkeypatch, [_card(900)], lead, lead + rest) == mode


@pytest.mark.parametrize(
    ("classes", "chrome"),
    [
        # dom._LAYOUT_MODIFIER: "with-sidebar" / "has-sidebar" / "no-sidebar" name the
        # article column's layout, not a sidebar; "sidebar" itself stays chrome.
        pytest.param("col-left-story col-md-8 with-sidebar", False, id="with-sidebar"),
        pytest.param("o-layout has-sidebar", False, id="has-sidebar"),
        pytest.param("container-article-with-sidebar", False, id="article-with-sidebar"),
        pytest.param("widget sidebar-left", True, id="sidebar"),
        pytest.param("site-header has-menu", True, id="header-has-menu"),
    ],
)
def test_layout_modifier_is_not_chrome(classes: str, chrome: bool) -> None:
    from newscrawl.extract.dom import in_chrome

    tree = tree_of(f'<div class="{classes}"><p>Text of the story.</p></div>')
    assert in_chrome(tree.find(".//p")) is chrome


def test_stray_needs_the_container_outside_the_text(monkeypatch) -> None:
    """A container that is one of precision mode's own lines (a forum post under its
    thread's furniture) sends no stray retry: recall mode would add the thread list."""
    lead = [sentence(500), sentence(500, 1), sentence(499, 2)]
    rest = [sentence(700, k % 2 + 3) + " " + str(k) for k in range(7)]
    assert retried(monkeypatch, [lead[2]], lead, lead + rest) == "precision"

