"""Bylines, datelines, author names, credited sources.

``byline`` keeps the raw credit as published (本報訊(記者 祁夢竹范俊生), 新华社北京7月24日电,
By Jane Doe | Reuters); ``authors`` keeps person names only.
"""

from __future__ import annotations

import re

from newscrawl.clean.text import normalize_text

_PAREN = r"[(（][^()（）]{1,40}[)）]"
# 本报讯 / 本報訊 / 本报北京7月24日讯 / 新华社北京7月24日电 / 中新网7月24日电 / 央视网消息
_ZH_DATELINE = re.compile(
    r"^(?:本[报報](?:[^\s，,。(（]{0,12}?[讯訊电電])|"
    r"[^\s，,。(（]{1,10}?(?:社|网|網|[报報]|台|[电電]视台)[^\s，,。(（]{0,8}?\d{1,2}月\d{1,2}日\s*(?:[电電]|[讯訊])|"
    r"[^\s，,。(（]{1,10}?(?:网|網|台)(?:消息|[讯訊]))"
    rf"(?:\s*{_PAREN})?"
)
_ZH_REPORTER = re.compile(rf"^{_PAREN}")
_EN_BY = re.compile(r"^\s*by\s+(?P<names>[^|\n]{2,120}?)\s*(?:\||$)", re.I)
# "WASHINGTON (Reuters) -", "LONDON, July 24 (AP) —"
_EN_DATELINE = re.compile(r"^(?P<dl>[A-Z][A-Z .,'-]{1,40}(?:,\s*[A-Z][a-z]+\.? \d{1,2})?\s*\((?:Reuters|AP|AFP|Bloomberg|Xinhua|UPI|dpa|EFE|ANSA)\)\s*[-–—]+)")
_ROLE = re.compile(
    r"(?:特派)?[记記]者|通[讯訊][员員]|[实實]习生|[实實]習生|特约撰稿|特約撰稿|撰稿|[摄攝]影|[编編][译譯]|"
    r"作者|文/|图/|圖/|文图|文圖|整理|供稿|本[报報]|[报報]道|综合|綜合"
)
_SPLIT_ZH = re.compile(r"[\s、，,/／;；|]+|和|及|与|與")
_SPLIT_EN = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*", re.I)
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff·•]{2,4}$")
_LATIN_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|der|da|di|la|le|bin|al)){0,4}$")
_NOT_NAMES = re.compile(
    r"^(?:staff|reporters?|correspondents?|editors?|news ?desk|the associated press|associated press|"
    r"reuters|afp|ap|bloomberg|xinhua|cnn|bbc|agencies|wire services?|admin|administrator|"
    r"新[华華]社|中新[网網社]|人民[网網]|央[视視][网網]|本[报報]|本站|网友|網友|佚名|未知|admin)$",
    re.I,
)


def split_byline(first_paragraph: str) -> str | None:
    """The byline/dateline that opens a body paragraph, if any (kept in the body)."""
    text = first_paragraph.strip()
    match = _ZH_DATELINE.match(text) or _ZH_REPORTER.match(text)
    if match:
        credit = match.group(0).strip()
        # A bare parenthesis at the start is a byline only if it names a role (记者 ...).
        if credit.startswith(("(", "（")) and not _ROLE.search(credit):
            return None
        return credit
    match = _EN_DATELINE.match(text)
    if match:
        return match.group("dl").rstrip(" -–—")
    return None


def en_byline_line(line: str) -> str | None:
    """A standalone English byline line ("By Jane Doe | Reuters")."""
    line = normalize_text(line)
    return line if len(line) <= 160 and _EN_BY.match(line) else None


def names_from_credit(credit: str) -> list[str]:
    """Person names in a byline or author string; agencies, roles and boilerplate dropped.
    A run of Han characters without separators longer than one name (2-4 characters)
    is left out rather than guessed apart: fewer authors beat wrong ones."""
    credit = normalize_text(credit)
    match = _EN_BY.match(credit)
    if match:
        credit = match.group("names")
    # Inside 本报讯（记者 张三 李四）, only the parenthesis holds names.
    paren = re.search(r"[(（]([^()（）]*)[)）]", credit)
    if paren and _ROLE.search(paren.group(1)):
        credit = paren.group(1)
    credit = re.sub(r"^\s*(?:by|written by|story by|words by)\s+", "", credit, flags=re.I)
    names: list[str] = []
    if re.search(r"[\u4e00-\u9fff]", credit):
        credit = _ROLE.sub(" ", credit)
        credit = re.sub(r"[:：]", " ", credit)
        for part in _SPLIT_ZH.split(credit):
            part = part.strip("·• ")
            if _HAN_NAME.match(part) and not _NOT_NAMES.match(part):
                names.append(part)
            elif re.match(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){1,3}$", part):
                names.append(part)
    else:
        credit = re.sub(r"\s*[|(].*$", "", credit)
        for part in _SPLIT_EN.split(credit):
            part = part.strip(" .")
            part = re.sub(r"\s+(?:in|for|at)\s+.*$", "", part)
            if part and _LATIN_NAME.match(part) and not _NOT_NAMES.match(part) and len(part) <= 60:
                names.append(part)
    return list(dict.fromkeys(names))


_SOURCE = re.compile(r"(?:来源|來源|稿源|出[处處]|source)\s*[:：]\s*(?P<src>[^\s|｜/　]{2,30}?)(?=\s|$|[|｜/]|[作记記编編责責发發時时]|$)", re.I)
_AUTHOR_LABEL = re.compile(r"(?:作者|[记記]者|撰文|author)\s*[:：]\s*(?P<who>[^|｜/]{2,40}?)(?=\s{2,}|$|[|｜/]|\s*(?:来源|來源|[编編][辑輯]|[责責]任|[发發][布佈]|[时時]间|[時]間|日期))", re.I)


def source_in(line: str) -> str | None:
    """The credited source in a metadata line (来源：北京日报)."""
    match = _SOURCE.search(line)
    return match.group("src").strip() if match else None


def authors_in(line: str) -> list[str]:
    """Authors named by a label in a metadata line (作者：张三 李四)."""
    match = _AUTHOR_LABEL.search(line)
    return names_from_credit(match.group("who")) if match else []
