"""The near-duplicate calibration set: syndicated copies that must match, look-alike
articles that must not. Built from the sample site's article bodies, so the tests
(``tests/test_dedup_near.py``) and ``bench/dedup.py calibrate`` share it.

Syndicated (must match): each sample body with one of four light edit patterns a
reprinting site applies: ``wording`` (a word or two-character span changed per
~60 words / ~150 characters, the dateline rewritten), ``trim`` (the last paragraph
cut when it is under a quarter of the text, an editor line added), ``boilerplate``
(a source line before and a "first published"/原标题 line after the text),
``combined`` (all three).

Look-alikes (must not match): every pair of distinct bodies in one script, both
given the same standard opening line, the same 10-title related list and the same
copyright block inside the body text - what a template-heavy site leaves behind
when extraction leaks.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path

from newscrawl.dedup.fingerprints import is_cjk, normalise

SITE = Path(__file__).resolve().parents[1] / "sample_site" / "site"

_ZH_FILLER = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都"
    "两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重"
    "新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想"
    "已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知"
    "较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造"
    "百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白"
    "教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集"
    "温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿"
    "千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存"
    "候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该"
    "铁价严"
)
_EN_SWAPS = {
    "said": "says", "the": "this", "on": "upon", "and": "as well as", "was": "is", "analysts": "experts",
    "per cent": "percent", "percent": "per cent", "about": "around", "also": "further", "will": "would",
    "would": "will", "more": "further", "than": "compared with", "from": "since",
}


@dataclass(frozen=True)
class Pair:
    name: str
    a: str
    b: str
    duplicate: bool


@cache
def sample_bodies() -> dict[str, str]:
    """``{manifest key: extracted body}`` for every article of the sample site."""
    from newscrawl.extract import extract_article

    manifest = json.loads((SITE / "MANIFEST.json").read_text("utf-8"))
    bodies = {}
    for article in manifest["articles"]:
        if article.get("duplicate_of"):
            continue  # the sample site's own reprint: byte-identical body
        data = (SITE / article["path"].lstrip("/")).read_bytes()
        bodies[article["key"]] = extract_article(data, "http://127.0.0.1" + article["path"])["body"]
    return bodies


def _script(body: str) -> str:
    if not is_cjk(normalise(body)):
        return "en"
    simplified = sum(body.count(c) for c in "这们说国对时会为发来")
    traditional = sum(body.count(c) for c in "這們說國對時會為發來")
    return "zh-Hans" if simplified >= traditional else "zh-Hant"


def _wording(body: str, rng: random.Random) -> str:
    if is_cjk(normalise(body)):
        chars = list(body)
        for _ in range(max(2, len(chars) // 150)):
            at = rng.randrange(10, max(11, len(chars) - 2))
            chars[at : at + 2] = rng.sample(_ZH_FILLER, 2)
        text = "".join(chars)
        return "（本报综合报道）" + text[12:] if len(text) > 40 else text
    words = body.split(" ")
    for _ in range(max(2, len(words) // 60)):
        at = rng.randrange(len(words))
        low = words[at].lower()
        words[at] = _EN_SWAPS.get(low, rng.choice(("reportedly", "now", "still", "nearly")) + " " + words[at])
    return " ".join(words)


def _trim(body: str, rng: random.Random) -> str:
    paragraphs = body.split("\n")
    if len(paragraphs) >= 4 and len(paragraphs[-1]) < len(body) / 4:
        paragraphs = paragraphs[:-1]
    editor = "（责任编辑：李华）" if is_cjk(normalise(body)) else "Editing by Mark Potter"
    return "\n".join(paragraphs + [editor])


def _boilerplate(body: str, rng: random.Random) -> str:
    if is_cjk(normalise(body)):
        return f"来源：新华网\n{body}\n原标题：{body[:18]}"
    return f"Source: Reuters\n{body}\nThis story was first published by Reuters and is republished with permission."


def _combined(body: str, rng: random.Random) -> str:
    return _boilerplate(_trim(_wording(body, rng), rng), rng)


EDITS = {"wording": _wording, "trim": _trim, "boilerplate": _boilerplate, "combined": _combined}

_OPENING = {"zh-Hans": "新华社北京7月24日电（记者 王书桐）", "zh-Hant": "本報訊（記者 黃志明）",
            "en": "SINGAPORE, July 24 (Reuters) - "}
_RELATED = {
    "zh-Hans": "相关新闻\n" + "\n".join(f"·{t}" for t in (
        "气象部门启动重大气象灾害（高温）四级应急响应", "国家防总针对南方高温干旱启动抗旱四级应急响应",
        "暑期文博热持续升温 多地博物馆预约一票难求", "多地加快居民小区充电设施建设", "丰源县部署主汛期防汛工作",
        "香港天文台发出酷热天气警告", "我国成功发射问天实验舱", "国务院联防联控机制发布会：全国疫情整体呈稳定下降态势",
        "多家中小银行存款利率下调 调降幅度多在10个基点以上", "中国仍是全球投资者的发展热土")),
    "zh-Hant": "相關新聞\n" + "\n".join(f"·{t}" for t in (
        "氣象局發布豪雨特報 中南部山區嚴防坍方", "北市電動公車年底突破600輛", "天文台發出酷熱天氣警告",
        "國務院聯防聯控機制發布會：全國疫情整體呈穩定下降態勢", "多家中小銀行存款利率下調",
        "中國仍是全球投資者的發展熱土",
        "財政支農 關鍵要提高政策效能", "光明網評論員：征信洗白只可直中取", "全程網辦進一步暢通殘疾人兩項補貼申領渠道",
        "八路軍故鄉的好日子")),
    "en": "Read more\n" + "\n".join((
        "Coffee chains raise prices again as bean and milk costs climb",
        "Riverton council approves $48 million citywide fiber network", "Oil heads for weekly loss on demand worries",
        "China's export growth beats forecasts as factories reopen", "Hong Kong issues very hot weather warning",
        "Riverside library reopens after two-year renovation", "Housing starts fall for a third month",
        "Used car prices ease from record highs", "Airlines see strong summer demand despite fares",
        "Dairy farmers squeezed by feed costs")),
}
_COPYRIGHT = {
    "zh-Hans": "版权声明：凡注明“来源：新华网”的所有作品，版权归新华网所有。"
               "任何媒体转载、摘编、引用，须注明来源新华网和署著作者名，否则将追究相关法律责任。",
    "zh-Hant": "版權聲明：凡注明“來源：中國西藏網”或“中國西藏網文”的所有作品，"
               "版權歸高原（北京）文化傳播有限公司。任何媒體轉載、摘編、引用，"
               "須注明來源中國西藏網和署著作者名，否則將追究相關法律責任。",
    "en": "Our Standards: The Thomson Reuters Trust Principles. Copyright 2022 Reuters. All rights reserved. "
          "This material may not be published, broadcast, rewritten or redistributed.",
}


def dress(body: str, script: str) -> str:
    """``body`` as a leaky extraction of a template-heavy page would give it."""
    return f"{_OPENING[script]}{body}\n{_RELATED[script]}\n{_COPYRIGHT[script]}"


def syndicated_pairs() -> Iterator[Pair]:
    for key, body in sample_bodies().items():
        for edit, func in EDITS.items():
            rng = random.Random(f"{key}:{edit}")
            yield Pair(f"syndicated-{key}-{edit}", body, func(body, rng), True)


def lookalike_pairs() -> Iterator[Pair]:
    bodies = sample_bodies()
    same_story = {frozenset(("tibet_trad", "tibet_simp"))}  # one story in two scripts
    by_script: dict[str, list[str]] = {}
    for key, body in bodies.items():
        by_script.setdefault(_script(body), []).append(key)
    for script, keys in sorted(by_script.items()):
        for x, y in combinations(sorted(keys), 2):
            if frozenset((x, y)) in same_story:
                continue
            yield Pair(f"lookalike-{x}-{y}", dress(bodies[x], script), dress(bodies[y], script), False)
