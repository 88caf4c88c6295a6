"""Every calibrated threshold of extraction and cleaning, pinned at its boundary.

Each case is a line or a small page right at a constant's value: the case on the
accepted side of the boundary and the case one step past it give different answers,
so moving the constant by one step (a character, a count, 0.1 of a share) fails a
case. The inputs are written with literal lengths, never computed from the constant.
Case ids name the constant.
"""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from newscrawl.clean import boilerplate


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
    # META_DATE_ONLY_MAX = 25: a date with no label is a dateline up to 25 characters.
    pytest.param(boilerplate.is_meta_line, fill("2022-07-24 08:31 星期日 ", 25), True, id="META_DATE_ONLY_MAX-at"),
    pytest.param(boilerplate.is_meta_line, fill("2022-07-24 08:31 星期日 ", 26), False, id="META_DATE_ONLY_MAX-past"),
]


@pytest.mark.parametrize(("classify", "line", "expected"), BOILERPLATE)
def test_boilerplate_thresholds(classify, line: str, expected: bool) -> None:
    assert classify(line) is expected
