"""Language of a page as a BCP 47 tag, telling Simplified from Traditional Chinese."""

from __future__ import annotations

import re

# Frequent characters that exist in one script only (pairs: simplified, traditional).
_PAIRS = (
    "这這 国國 说說 时時 会會 发發 为為 们們 对對 经經 学學 开開 来來 动動 过過 后後 没沒 问問 见見 长長 "
    "门門 间間 关關 东東 车車 电電 话話 书書 网網 区區 报報 记記 强強 导導 应應 检檢 实實 现現 业業 员員 "
    "产產 济濟 务務 场場 机機 进進 与與 着著 总總 团團 组組 织織 领領 线線 质質 级級 设設 让讓 认認 论論 "
    "议議 资資 术術 单單 观觀 华華 众眾 传傳 举舉 边邊 图圖 节節 亿億 万萬 价價 条條 紧緊 众衆 卫衛 广廣 "
    "医醫 疗療 药藥 负負 责責 编編 辑輯 页頁 闻聞 读讀 讯訊 签簽 览覽 护護 亚亞 欧歐 乡鄉 镇鎮 县縣"
).split()
SIMPLIFIED = frozenset(p[0] for p in _PAIRS)
TRADITIONAL = frozenset(p[1] for p in _PAIRS)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def chinese_script(text: str) -> str | None:
    """``zh-Hans`` or ``zh-Hant`` by counting script-specific characters; None if neither."""
    simp = sum(1 for ch in text if ch in SIMPLIFIED)
    trad = sum(1 for ch in text if ch in TRADITIONAL)
    if simp == trad == 0:
        return None
    return "zh-Hant" if trad > simp else "zh-Hans"


#: ISO 639-2 codes pages write (lang="eng", dc.language "ger") -> the BCP 47 tag,
#: which is the two-letter ISO 639-1 code wherever one exists.
ISO639_2 = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
    "por": "pt", "rus": "ru", "jpn": "ja", "kor": "ko", "zho": "zh", "chi": "zh", "ara": "ar",
    "nld": "nl", "dut": "nl", "pol": "pl", "tur": "tr", "swe": "sv", "nor": "no", "nob": "nb",
    "dan": "da", "fin": "fi", "ces": "cs", "cze": "cs", "ell": "el", "gre": "el", "heb": "he",
    "hin": "hi", "hun": "hu", "ind": "id", "msa": "ms", "may": "ms", "fas": "fa", "per": "fa",
    "ron": "ro", "rum": "ro", "ukr": "uk", "vie": "vi", "tha": "th", "cat": "ca", "bul": "bg",
}
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def primary_language(declared: str | None) -> str | None:
    """The primary language of a declared tag as BCP 47 writes it: ``en-US`` -> ``en``,
    ``eng`` -> ``en``, ``pt_BR`` -> ``pt``; None when it is no language tag (``*``, ``x``)."""
    if not declared:
        return None
    tag = declared.replace("_", "-").split(",")[0].split(";")[0].strip()
    if not _TAG.fullmatch(tag):
        return None
    primary = tag.split("-")[0].lower()
    return ISO639_2.get(primary, primary if len(primary) == 2 else None)


#: Detection reads the first 5,000 characters of the text. Set by hand (commit 2d920bb,
#: extraction v1), not swept.
DETECT_SAMPLE_CHARS = 5000
#: Kana make a page Japanese when they are at least a tenth of its Han characters
#: (Japanese prose is at least a third kana; 10% is safe); Hangul make it Korean at a
#: third of its Latin letters. Set by hand with the rule (commit 4e54ccf), not swept.
KANA_PER_HAN = 10
HANGUL_PER_LATIN = 3
#: A page is Chinese when its Han characters are at least a third of its Latin letters
#: (a Han character carries about as much as 3 letters). Set by hand (commit 2d920bb),
#: not swept.
HAN_PER_LATIN = 3


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Language of ``text`` (the body, or title and body). Kana make a page Japanese and
    Hangul Korean, whatever else they hold; Chinese gets its script from the characters,
    whatever the page declares (declarations are often zh-CN on Traditional pages
    converted on the fly); other languages keep the declared tag's primary language."""
    sample = text[:DETECT_SAMPLE_CHARS]
    han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    kana, hangul = len(_KANA.findall(sample)), len(_HANGUL.findall(sample))
    primary = primary_language(declared)
    if kana and kana * KANA_PER_HAN >= han:  # Japanese prose is at least a third kana; 10% is safe
        return "ja"
    if hangul and hangul * HANGUL_PER_LATIN >= latin:
        return "ko"
    if han and han * HAN_PER_LATIN >= latin:  # a Han character carries about as much as 3 letters
        if primary in ("ja", "ko"):  # a headline of kanji only, on a Japanese page
            return primary
        return chinese_script(sample) or "zh"
    if primary and primary != "zh":
        return primary
    if latin and sample.isascii():
        return "en"
    return None
