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
    r"^据?(?:本[报報](?:[^\s，,。(（]{0,12}?[讯訊电電])|"
    r"[^\s，,。(（]{1,10}?(?:社|网|網|[报報]|台|[电電]视台)[^\s，,。(（]{0,8}?(?:\d{1,2}月\d{1,2}日)?\s*(?:[电電]|[讯訊])|"
    r"[^\s，,。(（]{1,10}?(?:网|網|台)(?:消息|[讯訊]))"
    rf"(?:\s*{_PAREN})?"
)
_ZH_REPORTER = re.compile(rf"^{_PAREN}")
# 〔記者黃志明／嘉義報導〕, 記者林怡君／台北即時報導, 中央社記者王某某台北24日電
_TW_BYLINE = re.compile(
    r"^[〔\[【(（]?\s*(?:(?:中央社)?[记記]者\s*[\u4e00-\u9fff、 ]{2,16}?\s*[／/]\s*[\u4e00-\u9fff]{2,8}?"
    r"(?:即時|綜合|專題)?[报報][导導]|中央社[记記]者[\u4e00-\u9fff、 ]{2,16}?\d{1,2}日[电電])\s*[〕\]】)）]?"
)
_ZH_CREDIT_LINE = re.compile(r"^[〔\[【(（]?\s*(?:[记記]者|特派[记記]者|[文图圖]\s*[/／|｜:：]|撰文|采写|採寫)")
_EN_BY = re.compile(
    r"^\s*(?:(?:written|words|story|article)\s+)?by(?:\s*:\s*|\s+)(?P<names>[^|\n]{2,120}?)\s*(?:\||$)", re.I
)
# The labelled forms of it: "Written by ...", "By: ..." (not a plain "By ...").
_EN_BY_LABELLED = re.compile(r"^\s*(?:(?:written|words|story|article)\s+by|by\s*:)", re.I)
# "WASHINGTON (Reuters) -", "LONDON, July 24 (AP) —"
_EN_DATELINE = re.compile(
    r"^(?P<dl>[A-Z][A-Z .,'-]{1,40}(?:,\s*[A-Z][a-z]+\.? \d{1,2})?\s*"
    r"\((?:Reuters|AP|AFP|Bloomberg|Xinhua|UPI|dpa|EFE|ANSA)\)\s*[-–—]+)"
)
_ROLE = re.compile(
    r"(?:特派|[实實]习|[实實]習|首席|[总總]台|本[报報])?[记記]者|通[讯訊][员員]|[实實]习生|[实實]習生|特约撰稿|特約撰稿|撰稿|[摄攝]影|[编編][译譯]|"
    r"作者|文/|图/|圖/|文图|文圖|整理|供稿|本[报報]|[报報]道|综合|綜合"
)
_PADDED_NAME = re.compile(
    r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])[ \u3000\u00a0]{1,3}([\u4e00-\u9fff])(?![\u4e00-\u9fff])"
)
_SPLIT_ZH = re.compile(r"[\s、，,/／;；|〔〕【】\[\]()（）]+")
_SPLIT_EN = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*", re.I)
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff·•]{2,4}$")
# The name a blogger or forum member publishes under (zboygirl, duscha, stevenhgm).
# Taken only where the page says plainly that it names the writer: a 作者: label, a
# meta author tag, an author element, "本贴由 X 于 ... 发表", "... by X".
# Not a capitalised word (Joel, a name's part) nor an all-capitals acronym (PIXNET).
_HANDLE = re.compile(r"^(?![A-Z][a-z]+$)(?![A-Z]+$)[A-Za-z][A-Za-z0-9_.-]{2,29}$")
_PARTICLES = frozenset({"van", "von", "de", "der", "da", "di", "la", "le", "bin", "al", "del", "dos", "du"})


def _is_cased_name(part: str) -> bool:
    """A name in a cased script, Latin, Cyrillic or Greek alike: one to five words
    (one alone not in capitals), each capitalised (or a particle such as van, de), letters and ' . - only
    (Jane Doe, Лида Буслаева, Νίκος Παππάς)."""
    words = part.split()
    if not 1 <= len(words) <= 5 or not words[0][0].isupper():
        return False
    if len(words) == 1 and words[0].isupper():
        return False  # one word in capitals is an acronym: PIXNET, AFP
    return all(
        (w in _PARTICLES or w[0].isupper()) and all(c.isalpha() or c in "'’.-" for c in w) for w in words
    )

# Interface and function words that sit next to names on metadata strips
# (作者：张三 我要评论, 作者：赵婕 出自 [...]), and organisation endings (大汉网络).
_UI_WORDS = re.compile(
    r"[评評][论論]|[点點][击擊]|分享|打印|列印|收藏|[浏瀏][览覽]|[关關]注|[登登][录錄]|注[册冊]|[订訂][阅閱]|"
    r"[转轉][发發]|[举舉][报報]|返回|更多|[发發]表|留言|人[气氣]|[周週][一二三四五六日]|星期|[上下]午|字[号號体體級级]|[阅閱][读讀]|出自|来自|來自|[发發]自|供[图圖]|"
    r"[网網][络絡]?$|[报報]$|社$|台$|站$|中心$|公司$|集[团團]$|[频頻][道]$|新[闻聞]$|日[报報]$|[编編][辑輯]$"
)
# Credits inside or around the text: （记者 格桑边觉）, （总台记者 张倩）, 记者马俊峰/文,
# 本报记者罗科苏盈发自北京, 新华日报·交汇点记者 徐睿翔.
_NAME_RUN = r"[\u4e00-\u9fff·]{2,4}(?:[、，,\s]+[\u4e00-\u9fff·]{2,4}){0,3}"
_CREDIT = re.compile(
    rf"[(（]\s*[^()（）]{{0,8}}?(?:[记記]者|通[讯訊][员員])\s*(?P<a>{_NAME_RUN})\s*[)）]"
    rf"|(?:[记記]者)\s*(?P<b>{_NAME_RUN}?)\s*(?:[/／]\s*[文图圖摄攝]|[发發]自)"
    rf"|^[^，。！？]{{0,16}}[记記]者\s+(?P<c>{_NAME_RUN})\s*$"
)
_EN_ROLES = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|staff|contributor|columnist|analyst|bureau|"
    r"photographer|news|desk|service|agency|times|post|journal|daily|herald|media)\b",
    re.I,
)
# Job titles a byline gives after the writer's name ("Daniel Burstein, Senior Director,
# Content & Marketing", "Brett Cruz, Digital Security Expert", "Claire Wilson,
# Co-Founder"): what follows is the role's, not more writers. Before any name they
# are no title ("Luxury Travel Expert" is the writer's own pen name).
_JOB_TITLES = re.compile(
    r"\b(?:director|expert|manager|specialist|strategist|consultant|founder|ceo|officer|president)\b", re.I)
_NOT_NAMES = re.compile(
    r"^(?:staff|reporters?|correspondents?|editors?|news ?desk|the associated press|associated press|"
    r"reuters|afp|ap|bloomberg|xinhua|cnn|bbc|agencies|wire services?|admin|administrator|"
    r"新[华華]社|中新[网網社]|人民[网網]|央[视視][网網]|本[报報]|本站|网友|網友|佚名|未知|admin|"
    # labels and placeholders a template puts where a name goes (WCXB-dev: By, Written By,
    # Author, Member, Webmaster, Privacy, undefined)
    r"by|written by|posted by|authors?|members?|webmaster|moderator|users?|guest|anonymous|"
    r"contributors?|privacy|undefined|null|none|unknown|n/?a|manufacturer)$",
    re.I,
)


def split_byline(first_paragraph: str) -> str | None:
    """The byline/dateline that opens a body paragraph, if any (kept in the body)."""
    text = first_paragraph.strip()
    match = _TW_BYLINE.match(text) or _ZH_DATELINE.match(text) or _ZH_REPORTER.match(text)
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


_TRAILING_DATE = re.compile(
    r"\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)


_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# Where a byline strip goes on to dates, counts and tools.
_EN_BYLINE_TAIL = re.compile(
    rf"(?:\s+|(?<=[a-z]))(?:Published|Updated|Posted|Last updated)\b"  # glued spans: "AnalystUpdated"
    rf"|\s+(?:on\s+{_MONTHS}\s|{_MONTHS}\s+\d{{1,2}},\s+\d{{4}})"
    r"|\s*[·•]\s*|\s+\d+\s+comments?\b",
    re.I,
)


#: A standalone byline line is at most 160 characters ("By X, Business Reporter
#: Published July 23 ..." strips included); a Chinese credit line (記者林怡君／台北即時報導)
#: at most 60. Set by hand on the sample site and zh-dev pages (commit d53005e), not swept.
BYLINE_LINE_MAX = 160
ZH_BYLINE_LINE_MAX = 60


def is_by_credit(text: str) -> bool:
    """Whether a credit is an English "By ..." one ("By: Jane Doe", "Written by Jane Doe")."""
    return bool(_EN_BY.match(text))


def is_labelled_by_credit(text: str) -> bool:
    """Whether an English credit is labelled ("Written by Jane Doe", "By: Jane Doe")."""
    return bool(_EN_BY_LABELLED.match(text))


def byline_line(line: str) -> str | None:
    """A standalone byline line: "By Jane Doe | Reuters", 記者林怡君／台北即時報導."""
    line = normalize_text(line)
    if len(line) > BYLINE_LINE_MAX:
        return None
    if _EN_BY.match(line):
        # The credit only: "By X, Business Reporter Published July 23 ..." -> "By X, Business Reporter"
        line = _EN_BYLINE_TAIL.split(line, maxsplit=1)[0].rstrip(" |·,-–—")
        return line or None
    if len(line) <= ZH_BYLINE_LINE_MAX and (_TW_BYLINE.match(line) or _ZH_CREDIT_LINE.match(line)):
        return _TRAILING_DATE.sub("", line) or None
    return None


# Template values of a meta author tag, not a writer: sina_mobile, site_admin, webteam.
_NOT_HANDLE = re.compile(r"mobile|admin|webmaster|web|site|team|official|system|robot|www", re.I)


def _has_han(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def _is_handle(part: str) -> bool:
    return (bool(_HANDLE.match(part)) and not _NOT_NAMES.match(part) and not _EN_ROLES.search(part)
            and not _NOT_HANDLE.search(part))


#: A name in a cased script is at most 60 characters. Set by hand (commit 2d920bb,
#: extraction v1), not swept.
CASED_NAME_MAX = 60


def names_from_credit(credit: str, *, handles: bool = False) -> list[str]:
    """Person names in a byline or author string; agencies, roles and boilerplate dropped.
    A run of Han characters without separators longer than one name (2-4 characters)
    is left out rather than guessed apart: fewer authors beat wrong ones. ``handles``
    also accepts a web handle (zboygirl) where the caller knows the string names the
    writer (a 作者: label, a meta author tag)."""
    credit = normalize_text(credit)
    # 記者黃志明／嘉義報導: the place after the slash is not a name.
    credit = re.sub(r"[／/]\s*[\u4e00-\u9fff]{2,8}?(?:即時|綜合|專題)?[报報][导導]", "", credit)
    match = _EN_BY.match(credit)
    if match:
        credit = match.group("names")
    # Inside 本报讯（记者 张三 李四）, only the parenthesis holds names.
    paren = re.search(r"[(（]([^()（）]*)[)）]", credit)
    if paren and _ROLE.search(paren.group(1)):
        credit = paren.group(1)
    credit = re.sub(r"^\s*(?:by|written by|story by|words by)\s+", "", credit, flags=re.I)
    # A one-word label before the names: "Текст: Лида Буслаева", "Texto: Ana Lima".
    credit = re.sub(r"^[^\W\d_]{2,15}\s*:\s+(?=[^\W\d_])", "", credit) if not _has_han(credit) else credit
    names: list[str] = []
    if re.search(r"[\u4e00-\u9fff]", credit):
        credit = _ROLE.sub(" ", credit)
        # Two-character names padded to the width of three: 王乐文  方  敏 -> 方敏
        credit = _PADDED_NAME.sub(r"\1\2", credit)
        credit = re.sub(r"[:：]", " ", credit)
        for part in _SPLIT_ZH.split(credit):
            part = part.strip("·• ")
            if _HAN_NAME.match(part) and not _NOT_NAMES.match(part) and not _UI_WORDS.search(part):
                names.append(part)
            elif re.match(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){1,3}$", part) or (handles and _is_handle(part)):
                names.append(part)
    else:
        if handles and _is_handle(credit.strip()):
            return [credit.strip()]
        credit = re.sub(r"\s*[|(].*$", "", credit)
        for part in _SPLIT_EN.split(credit):
            part = part.strip(" .")
            part = re.sub(r"\s+(?:in|for|at|on)\s+.*$", "", part)
            if _EN_ROLES.search(part) or (names and _JOB_TITLES.search(part)):
                break  # "X Executive Digital Editor and Master Gardener": the rest is the role's
            if (part and _is_cased_name(part) and not _NOT_NAMES.match(part)
                    and not _EN_ROLES.search(part) and len(part) <= CASED_NAME_MAX):
                names.append(part)
    return list(dict.fromkeys(names))


_LABEL = re.compile(
    r"(发布时间|發佈時間|發布時間|发表时间|發表時間|更新时间|更新時間|时间|時間|日期|来源|來源|稿源|出[处處]|"
    r"作者|[记記]者|撰文|(?<![\u4e00-\u9fff])文|[责責]任[编編][辑輯]|[编編][辑輯]|[点點][击擊](?:数|數|量|率)?|[浏瀏][览覽](?:次数|次數|量)?|"
    r"[阅閱][读讀](?:数|數|量)?|字[号號体體级級]|published|updated|source|author)\s*[:：]",
    re.I,
)
_SOURCE_KEYS = ("来源", "來源", "稿源", "出处", "出處", "source")
_AUTHOR_KEYS = ("作者", "记者", "記者", "撰文", "文", "author")


def meta_fields(line: str) -> dict[str, str]:
    """``label -> value`` pairs of a metadata strip such as
    发布时间：2022-07-24 08:31 来源：新华网 作者：张三 点击数：1289 【字号：大 中 小】."""
    parts = _LABEL.split(line)
    fields: dict[str, str] = {}
    for label, value in zip(parts[1::2], parts[2::2], strict=True):
        value = re.split(r"[【\[|｜]", value, maxsplit=1)[0].strip(" 　\u00a0/／")
        if value:
            fields.setdefault(label.lower(), value)
    return fields


# An article closing on a bare name in parentheses credits its writer: ……外科医生。（袁源）
_CLOSING_NAME = re.compile(
    r"(?:^|[。！？”」])[\s　]*[(（]\s*([\u4e00-\u9fff]{2,3}(?:[、，\s][\u4e00-\u9fff]{2,3}){0,2})\s*[)）]\s*$"
)
_NOT_CLOSING = re.compile(r"完|待续|待續|图|圖|摄|攝|新华|新華|中新|社$|网$|網$|报$|報$|供稿|综合|綜合|整理|编译|編譯")


def closing_names(last_paragraph: str) -> list[str]:
    """Names in the parenthesis that closes an article (（袁源）, at the end of the last
    paragraph or as a line of its own), if it holds names."""
    match = _CLOSING_NAME.search(last_paragraph)
    if not match or _NOT_CLOSING.search(match.group(1)):
        return []
    return [n for n in re.split(r"[、，\s]+", match.group(1)) if _HAN_NAME.match(n) and not _UI_WORDS.search(n)]


# Korean credits: 정덕현 칼럼니스트 thekian1@..., 홍길동 기자 (name, then the role).
_KO_CREDIT = re.compile(r"(?<![가-힣])([가-힣]{2,4})\s*(?:기자|칼럼니스트|특파원|객원기자|통신원)(?![가-힣])")


#: Korean credits (홍길동 기자) are read in paragraphs of at most 200 characters. Set by
#: hand with the Korean credit rule (commit 087444e), not swept.
KO_CREDIT_TEXT_MAX = 200


def credits_in(text: str) -> list[str]:
    """Reporter names credited inside a paragraph or on a credit line."""
    names: list[str] = [m.group(1) for m in _KO_CREDIT.finditer(text)] if len(text) <= KO_CREDIT_TEXT_MAX else []
    for match in _CREDIT.finditer(text):
        run = match.group("a") or match.group("b") or match.group("c") or ""
        for part in re.split(r"[、，,\s]+", _ROLE.sub(" ", run)):
            if _HAN_NAME.match(part) and not _NOT_NAMES.match(part) and not _UI_WORDS.search(part):
                names.append(part)
    return list(dict.fromkeys(names))


#: A credited source (来源：北京日报) is 2-30 characters. Set by hand on the zh-dev pages
#: (commit d53005e), not swept.
SOURCE_MIN_CHARS = 2
SOURCE_MAX_CHARS = 30


def source_in(line: str) -> str | None:
    """The credited source in a metadata line (来源：北京日报)."""
    fields = meta_fields(line)
    for key in _SOURCE_KEYS:
        if key in fields:
            value = fields[key].split(" ")[0].strip()
            return value if SOURCE_MIN_CHARS <= len(value) <= SOURCE_MAX_CHARS else None
    return None


def authors_in(line: str) -> list[str]:
    """Authors named by a label in a metadata line (作者：张三 李四, 作者:zboygirl 阅读(16))."""
    fields = meta_fields(line)
    for key in _AUTHOR_KEYS:
        if key in fields:
            return names_from_credit(fields[key], handles=True)
    return []


_POSTER_NAME = r"([A-Za-z][A-Za-z0-9_.-]{2,29}|[\u4e00-\u9fff·]{2,8})"
_DATE_TIME = r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
# How forum and blog software credits a post: 本贴由大卫于2005年8月12日16:12:21在〖...〗发表,
# 发布时间 2005/03/15 22:36:13 by duscha, Posted by duscha on 2005-03-15, 由海姑娘张贴 @.
_POSTED_BY = re.compile(
    rf"本[贴帖][由是]\s*{_POSTER_NAME}\s*[于於在]\s*(?:19|20)\d{{2}}"
    rf"|{_DATE_TIME}\s*by\s+{_POSTER_NAME}(?![\w.-])"
    rf"|\bposted\s+by\s+{_POSTER_NAME}(?![\w.-])"
    r"|由\s*([A-Za-z][A-Za-z0-9_.-]{2,29}|[\u4e00-\u9fff·]{2,8}?)\s*[张張][贴貼]"  # Blogger: 由X张贴 @ 日期
    rf"|[张張][贴貼]者\s*[:：]\s*{_POSTER_NAME}",
    re.I,
)


# Common surnames (the hundred-odd most frequent, Simplified and Traditional forms),
# enough to tell a line of names from a line of places or terms.
_SURNAMES = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧"
    "曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈"
    "夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔"
    "向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦"
    "俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙"
    "鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆司卓古吉缪繆简簡车車项項连連麦麥褚娄婁窦竇戚岑"
    "景党黨宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師仇栾欒隋商刁沙荣榮"
)
_NAME_SEP = re.compile(r"\s*[、，,]\s*|\s+")


#: A line of names under the title (赵延东、风笑天) is at most 40 characters. Set by hand
#: on the zh-dev pages (commit 087444e), not swept.
NAMES_LINE_MAX = 40


def names_line(line: str) -> list[str]:
    """A line of two to four names and nothing else (赵延东、风笑天), as papers and essays
    put it under the title; at least one must start with a common surname."""
    line = normalize_text(line)
    if len(line) > NAMES_LINE_MAX:
        return []
    parts = [p for p in _NAME_SEP.split(line) if p]
    if not 2 <= len(parts) <= 4 or not all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", p) for p in parts):
        return []
    if any(_NOT_NAMES.match(p) or _UI_WORDS.search(p) or _ROLE.search(p) for p in parts):
        return []
    return parts if any(p[0] in _SURNAMES for p in parts) else []


#: A forum or blog line crediting the post (本贴由大卫于……发表) is at most 160 characters.
#: Set by hand on the zh-dev forum pages (commit 087444e), not swept.
POSTER_LINE_MAX = 160


def poster_in(line: str) -> list[str]:
    """The member a forum or blog line credits with the post (本贴由大卫于……发表)."""
    if len(line) > POSTER_LINE_MAX:
        return []
    match = _POSTED_BY.search(line)
    if not match:
        return []
    name = next(g for g in match.groups() if g)
    return names_from_credit(name, handles=True)


_COPYRIGHT_WORDS = re.compile(
    r"copyright|\(c\)|©|all rights reserved\.?|版[权權]所有|(?:19|20)\d{2}(?:\s*[-–—~]\s*(?:19|20)?\d{2,4})?|[,，.。]",
    re.I,
)
_ORG_WORDS = re.compile(r"\b(?:inc|ltd|llc|gmbh|corp|co|company|group|press|media|network|publishing|blog)\b", re.I)


def copyright_person(notice: str) -> str | None:
    """The person a copyright notice names as holder (Copyright © 李建忠, © 2019 Jane
    Doe. All rights reserved.), or None when the holder is an organisation or more
    than a name: a Han name of two or three characters starting with a common surname,
    or two or three capitalised words with no company or role word."""
    holder = normalize_text(_COPYRIGHT_WORDS.sub(" ", notice))
    if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", holder):
        ok = holder[0] in _SURNAMES and not _UI_WORDS.search(holder) and not _NOT_NAMES.match(holder)
        return holder if ok else None
    if (2 <= len(holder.split()) <= 3 and _is_cased_name(holder) and not _NOT_NAMES.match(holder)
            and not _EN_ROLES.search(holder) and not _ORG_WORDS.search(holder)):
        return holder
    return None


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "edu", "ac", "or", "ne", "go"})


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", text.lower()) if w]


#: Words that make a two- or three-word credit an outlet or a desk, not a person
#: ("Telegraph Sport", "Business Insider", "CNN Business", "Help Net Security").
_OUTLET_WORDS = re.compile(
    r"\b(?:sport|sports|business|insider|security|tech|technology|world|online|digital|magazine|"
    r"review|weekly|report|tribune|gazette|guardian|wire|studio|labs?|health|clinic|store|shop|"
    r"team|editorial|editors|foundation|institute|university|college|school|association|council|"
    r"club|cent(?:er|re)|society|official|global|international|solutions|services|marketing|"
    r"agency|consulting|partners|capital|bank|finance|insurance|law|legal|realty|homes?|"
    r"data|software|systems|cloud|ai)\b",
    re.I,
)


def is_personal_name(author: str) -> bool:
    """Two or three capitalised words with no outlet, company or role word: a person
    (Rick Steves on ricksteves.com, Sam Bossley on sam.bossley.com). A personal site
    is named for its writer, so such a name is a writer even where it is also the site's."""
    words = author.split()
    if all(w.isupper() and len(w) > 1 for w in words) or words[0].lower() in ("the", "a", "an", "our", "my"):
        return False  # USA TODAY, The Organized Mama: a masthead, not a person
    return (2 <= len(words) <= 3 and _is_cased_name(author) and not _NOT_NAMES.match(author)
            and not _EN_ROLES.search(author) and not _ORG_WORDS.search(author)
            and not _OUTLET_WORDS.search(author))


def is_publisher(author: str, site: str, site_name: str | None) -> bool:
    """The author credited is the publication, not a person: its name is the site's
    (Sky on news.sky.com, Al-Bawaba), begins or is begun by it ("CNN Business" on CNN,
    "Telegraph Sport" on The Telegraph, "Vortex" on Vortex Cannon Entertainment), or
    begins with the domain's own name (gto on gto-normativy.ru). Only the first word
    counts, so "Steve Forbes" on forbes.com stays a person, and a personal name
    (:func:`is_personal_name`) is never the publication: a personal site's owner writes it."""
    words = _words(author)
    if not words or is_personal_name(author):
        return False
    parts = [p for p in site.split(":")[0].split(".") if p != "www"]
    while len(parts) > 1 and (len(parts[-1]) <= 3 or parts[-1] in _SECOND_LEVEL):
        parts.pop()  # .co.uk, .com
    label = parts[-1] if parts else ""
    if "".join(words) == label.replace("-", "") or words[0] in {label, *label.split("-")}:
        return True
    if site_name:
        name = [w for w in _words(site_name) if w != "the"]
        if name and "".join(words) == "".join(name):
            return True
        shorter, longer = sorted((words, name), key=len)
        if shorter and longer[: len(shorter)] == shorter:
            return True
    return False
