"""``language``: BCP 47, the page's declaration before detection, Chinese by script."""

from __future__ import annotations

import pytest

from newscrawl.extract.language import detect_language, primary_language


@pytest.mark.parametrize(
    ("declared", "tag"),
    [("en-US", "en"), ("eng", "en"), ("pt_BR", "pt"), ("de", "de"), ("ger", "de"),
     ("fr-FR,fr;q=0.9", "fr"), ("*", None), ("x", None), ("", None), (None, None), ("english", None)],
)
def test_primary_language(declared: str | None, tag: str | None) -> None:
    assert primary_language(declared) == tag


@pytest.mark.parametrize(
    ("text", "declared", "tag"),
    [
        ("東京都は十二日、新しい計画を発表した。市民の生活を守るための対策です。", "ja", "ja"),
        ("東京都は十二日、新しい計画を発表した。", None, "ja"),  # kana: Japanese without a declaration
        ("岸田首相 国会で答弁", "ja", "ja"),  # a kanji-only headline on a Japanese page
        ("서울시는 12일 새로운 계획을 발표했다.", None, "ko"),
        ("这是一篇关于经济发展的报道。", "zh-CN", "zh-Hans"),
        ("這是一篇關於經濟發展的報導。", "zh-CN", "zh-Hant"),  # the script, not the declaration
        ("The council met on Tuesday.", "eng", "en"),
        ("Der Rat tagte am Dienstag über die Straßenbahn.", "de-DE", "de"),
        ("The council met on Tuesday.", None, "en"),
        ("Der Rat tagte am Dienstag über die Straßenbahn.", None, None),  # undeclared, not ASCII
    ],
)
def test_detect_language(text: str, declared: str | None, tag: str | None) -> None:
    assert detect_language(text, declared) == tag
