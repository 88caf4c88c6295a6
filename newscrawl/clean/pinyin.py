"""Remove pinyin annotations injected after Han characters: ``標(biāo)準(zhǔn)`` -> ``標準``.

Some portals (and the "convert to Traditional" proxies in front of them) annotate
characters with a parenthesised pinyin syllable. Only a lower-case syllable that
carries a tone mark and directly follows a Han character is an annotation; anything
else in parentheses, ``封(管)控``, ``(記者 ...)``, ``(1)``, ``(AP)``, ``(GDP)``, is text.
"""

from __future__ import annotations

import re

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_LETTER = f"a-zü{TONED}"
#: Han ideographs: CJK Unified (incl. extension A and B-F) and compatibility forms.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A pinyin syllable is at most 6 letters (zhuang, shuang); one of them carries a tone.
_SYLLABLE = f"(?=[{_LETTER}]{{1,6}}[)）])[{_LETTER}]*[{TONED}][{_LETTER}]*"
_ANNOTATION = re.compile(f"(?<=[{HAN}])(?:[(（]{_SYLLABLE}[)）])+")
_GROUP = re.compile(f"[(（]({_SYLLABLE})[)）]")
# Valid Mandarin syllables, tone marks removed: an optional initial and a final. Keeps
# accented Latin words such as (José) or (café) after Han text from reading as pinyin.
_VALID = re.compile(
    r"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|üan|ian|iao|ai|ei|ao|ou|an|en|in|un|ün"
    r"|ia|ie|iu|ua|uo|ue|üe|ui|er|a|o|e|i|u|ü|ng|n|m)$"
)
_BASE = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ", "aaaaeeeeiiiioooouuuuüüüünnnm")


def _is_syllable(group: str) -> bool:
    return bool(_VALID.match(group.translate(_BASE)))


def _drop(match: re.Match[str]) -> str:
    groups = _GROUP.findall(match.group(0))
    return "" if all(map(_is_syllable, groups)) else match.group(0)


def strip_pinyin(text: str) -> str:
    """``text`` without tone-marked pinyin syllables in parentheses after Han characters."""
    if "(" not in text and "（" not in text:
        return text
    return _ANNOTATION.sub(_drop, text)
