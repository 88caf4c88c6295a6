"""Injected pinyin annotations leave; real parentheses stay."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawl.clean.pinyin import TONED, strip_pinyin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("標(biāo)準(zhǔn)", "標準"),
        ("标(biāo)准(zhǔn)", "标准"),
        ("網(wǎng)", "網"),
        ("中（zhōng）國", "中國"),
        ("社區(qū)(村)", "社區(村)"),
        ("綠(lǜ)色", "綠色"),
        ("蔡奇到朝陽區(qū)檢查疫情處置工作時(shí)強(qiáng)調(diào)", "蔡奇到朝陽區檢查疫情處置工作時強調"),
    ],
)
def test_annotations_removed(text: str, expected: str) -> None:
    assert strip_pinyin(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "封(管)控",
        "本報訊(記者 祁夢竹范俊生)",
        "本报讯（记者 祁梦竹范俊生）",
        "高原(北京)文化傳播有限公司",
        "第(1)條",
        "美聯社(AP)報道",
        "路透社(Reuters)消息",
        "國內生產總值(GDP)增長",
        "(責任編輯:王小明)",
        "何塞(José)說",
        "咖啡館(café)",
        "zhong(zhōng) without a Han character before it",
        "Mr. Li (lǐ) in English text",
        "The (AP) story",
    ],
)
def test_real_parentheses_untouched(text: str) -> None:
    assert strip_pinyin(text) == text


_han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_text = st.text(alphabet=st.one_of(_han, st.sampled_from(list("()（）abcdefg 123āǎ,。zhōng"))), max_size=60)


@given(_text)
def test_idempotent(text: str) -> None:
    once = strip_pinyin(text)
    assert strip_pinyin(once) == once


@given(st.text(max_size=80))
def test_no_change_without_toned_group_after_han(text: str) -> None:
    has_group = re.search(rf"[\u3400-\u9fff\uf900-\ufaff][(（][^)）]*[{TONED}][^)）]*[)）]", text)
    if not has_group:
        assert strip_pinyin(text) == text


@given(_text)
def test_never_removes_groups_with_han_or_digits(text: str) -> None:
    kept = re.findall(r"[(（][^()（）]*[\u4e00-\u9fff0-9][^()（）]*[)）]", text)
    out = strip_pinyin(text)
    for group in kept:
        assert out.count(group) >= text.count(group)
