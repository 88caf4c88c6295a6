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


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Language of ``text`` (the body, or title and body). Chinese gets its script from
    the characters, whatever the page declares (declarations are often zh-CN on
    Traditional pages converted on the fly); other languages keep the declared tag."""
    sample = text[:5000]
    han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    if han and han * 3 >= latin:  # a Han character carries about as much as 3 letters
        return chinese_script(sample) or "zh"
    if declared:
        tag = declared.replace("_", "-").split(",")[0].strip()
        if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag) and not tag.lower().startswith("zh"):
            return tag.split("-")[0].lower() if len(tag.split("-")[0]) in (2, 3) else None
    if latin and sample.isascii():
        return "en"
    return None
