"""Boilerplate leaks on zh-dev: lines of a tool's body that the truth does not hold.

Run by hand from the repo root::

    .venv/bin/python bench/leaks.py [--tools newscrawl,trafilatura,readability]
        [--show copyright|related|share|editor|all] [--limit N] [--page ID] [--data DIR]

For every full-truth zh page (snippet-only pages have no truth body to compare
with and are skipped) each predicted line is cut into units -- one per line, or
one per cell for trafilatura's ``| a | b |`` table rows -- and a unit is *foreign*
when its text with all whitespace removed is not a substring of the truth body
with all whitespace removed. Foreign units are then classified:

* ``copyright`` -- rights/reprint notices and platform disclaimers (版权所有,
  Copyright, ©, All rights reserved, 未经授权...转载, 转载请注明, 特别声明, ICP证...).
* ``related``   -- a related-list heading (相关新闻, 延伸阅读, 推荐阅读, 热点, 更多,
  上一篇/下一篇, Related, Read more...) at the start of a unit or as a short unit,
  or a run of >= 3 consecutive short foreign units that look like link titles
  (6-40 characters, no full stop, not a date, label or numbered item, and mostly
  made of the text of one of the page's ``<a>`` links).
* ``share``     -- share/print/font-size widgets and navigation: 打印, 字号, 关闭窗口,
  扫一扫, 二维码, 下载客户端, 返回顶部, 我来说两句, breadcrumbs (首页 >, 当前位置,
  您现在的位置, a > b > c), pagination, wiki [编辑] links, nav bars (>= 4 short items
  between separators, or a table row of >= 4 short cells); and 分享, 微信, 微博,
  QQ空间, 朋友圈, 登录/注册, 收藏 when they stand in a short clause (<= 20
  characters), since in a sentence or a citation they are ordinary words.
* ``editor``    -- 责任编辑, 责编, 编辑：, (责任编辑...).

Long units (a whole table cell of body text with a footer glued on) are checked
clause by clause, and a clause only counts when it is itself foreign, so a keyword
quoted in the article text is never a leak. Nothing here refers to a page id.

Prints, per tool, the number of pages with at least one leak of each kind.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import metrics as M  # noqa: E402
from bench.tools import (  # noqa: E402
    DEFAULT_PEER_DECODING,
    PEER_DECODINGS,
    TOOLS,
    Runner,
    ToolUnavailable,
    decode_for_peers,
    make_runner,
)

KINDS = ("copyright", "related", "share", "editor")

# Calibration: thresholds below were set by reading every flagged line (--show all)
# for trafilatura and readability on the 68 full-truth zh-dev pages and removing the
# rules' false positives by shape, never by page: table data read as nav bars (hence
# _wordy), wiki infobox cells and reference lists read as related runs (hence the
# link-text evidence, the citation/URL/full-stop exclusions and LINK_COVER 0.6, which
# still admits "title (2006-12-19)[836]" items), "微信" inside a citation read as a
# share widget (hence SHARE_WEAK_MAX). Result on that run: trafilatura 13/10/23/4 of
# 68 pages, readability 3/0/10/5 (the bench README's full-set trafilatura figures are
# 17/9/28/13 of 129).

# Units longer than this (whitespace removed) are examined clause by clause.
LONG_UNIT = 40
# A related-list heading keyword anywhere in a unit this short counts (else only at its start).
SHORT_HEADING = 12
# Link-title look for the structural related-list rule (characters, whitespace removed).
TITLE_MIN, TITLE_MAX, TITLE_RUN = 6, 40, 3
# a unit is a link title when one of the page's link texts (>= LINK_MIN characters)
# makes up at least LINK_COVER of it (bullets, dates and counters around it allowed)
LINK_MIN, LINK_COVER = 4, 0.6
# Nav bar: at least this many items, each at most NAV_ITEM_MAX characters.
NAV_ITEMS, NAV_ITEM_MAX = 4, 8

_RE_FLAGS = re.IGNORECASE

COPYRIGHT_RE = re.compile(
    r"版权所有|版權所有|版权声明|版權聲明|版权归|版權歸|版权属于|保留所有权|保留一切权利"
    r"|copyright|©|all\s*rights\s*reserved"
    r"|未经\S{0,15}?(授权|许可|同意)|未經\S{0,15}?(授權|許可|同意)"
    r"|(请|請|不得|禁止|严禁|嚴禁|谢绝|謝絕|勿|任何|如需|欢迎|歡迎)\S{0,10}?(转载|轉載|转贴|轉貼|复制|複製)"
    r"|(转载|轉載)\S{0,10}?(请|請|须|須|需|注明|授权|授權|许可|許可|出处|出處|必究)"
    r"|违者\S{0,6}?必究|違者\S{0,6}?必究"
    r"|特别声明|特別聲明|免责声明|免責聲明|郑重声明|鄭重聲明|仅提供信息存储|僅提供信息存儲"
    r"|ICP\s*(证|證|备|備)|is uploaded and posted by a user",
    _RE_FLAGS,
)

EDITOR_RE = re.compile(
    r"责任编辑|責任編輯|责编|責編|(本版|值班|网络|網絡|实习|實習)?(编辑|編輯)\s*[：:]|editor\s*:",
    _RE_FLAGS,
)

# widget/navigation texts that are boilerplate wherever they stand
SHARE_RE = re.compile(
    r"打印|列印|字号|字號|字体\s*[：:]?\s*[【\[]?大|字體\s*[：:]?\s*[【\[]?大"
    r"|关闭窗口|關閉窗口|关闭本页|關閉本頁|扫一扫|掃一掃|二维码|二維碼"
    r"|下载\S{0,4}客户端|下載\S{0,4}客戶端|返回顶部|返回頂部|回到顶部|回到頂部"
    r"|首[页頁]\s*(-*>+|＞|›|»|→)|当前位置|當前位置|您现在的位置|您現在的位置|您的位置|你的位置"
    r"|收藏本|加入收藏|设为首页|設為首頁|我来说两句|我來說兩句|发表评论|發表評論|查看评论"
    r"|关注公众号|關注公眾號|页面功能|頁面功能|推荐给朋友|推薦給朋友|复制链接|複製鏈接"
    r"|点击右上角|點擊右上角|【?纠错】|【?糾錯】"
    r"|返回上一页|返回上一頁|返回目录|返目录|上一页|上一頁|下一页|下一頁|上章|下章|第一页|最末页"
    r"|[\[【](编辑|編輯|edit)[\]】]",
    _RE_FLAGS,
)
# nouns that are widgets only in a short clause ("分享到微博"), not in a sentence or a citation
SHARE_WEAK_RE = re.compile(
    r"分享|微信|微博|QQ\s*空[间間]|朋友圈|登录|登錄|注册|註冊|收藏|扫码|掃碼|扫描|掃描"
    r"|\bshare\b|\bprint\b|\btweet\b|facebook",
    _RE_FLAGS,
)
SHARE_WEAK_MAX = 20
# breadcrumb: a > b > c (two or more arrows)
BREADCRUMB_RE = re.compile(r"([^\s>＞»›→][^>＞»›→]{0,20}(-*>+|＞|»|›|→)\s*){2,}[^\s>＞»›→-]")

RELATED_KEYWORDS = (
    "相关新闻 相關新聞 相关阅读 相關閱讀 延伸阅读 延伸閱讀 推荐阅读 推薦閱讀 相关文章 相關文章 "
    "相关报道 相關報導 相關報道 相关链接 相关连接 相關連結 相關鏈接 相关专题 相關專題 相关内容 "
    "相關內容 相关信息 相关搜索 精彩推荐 精彩推薦 热门推荐 熱門推薦 今日推荐 今日推薦 猜你喜欢 "
    "猜你喜歡 你可能感兴趣 热点 熱點 上一篇 下一篇 related morestories readmore "
    "youmayalsolike recommended"
).split()
_RELATED_RE = re.compile("|".join(map(re.escape, RELATED_KEYWORDS)), _RE_FLAGS)
# "more" only as a heading/link to more stories, not "更多评论" (comments) or prose
_MORE_RE = re.compile(
    r"^更多(?:$|[^\w]|新闻|新聞|文章|报道|報道|阅读|閱讀|精彩|内容|內容|相关|相關|推荐|推薦|资讯|資訊|图片|圖片|视频|視頻)"
)
# leading bullets/brackets before a heading: ■ · • ▪ ► > * [ 【 (
_LEAD_RE = re.compile(r"^[\s■□◆◇●○•·▪►▶>»*\-\[【(（「『]+")

_CLAUSE_SPLIT_RE = re.compile(r"[。！？!?；;【】\[\]|｜]|\s{2,}|\u3000")
_NAV_SPLIT_RE = re.compile(r"\\?\||｜|│|\s-{1,2}>?\s|·|•|\s/\s|\s{2,}|\u3000")
_DATEISH_RE = re.compile(r"^[\d\s:：/.\-年月日时分秒()（）]+$")
_LABEL_RE = re.compile(r"^\S{1,4}[：:]")
_STOP_RE = re.compile(r"[。；;．]|\.\s")
_URL_RE = re.compile(r"https?://|www\.", re.IGNORECASE)
# dates, times and [123] counters that list items carry after the link text
_META_RE = re.compile(
    r"[(（\[]?\d{2,4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?[)）\]]?"
    r"|[\[(（]\d+[\])）]"
)
_ENUM_RE = re.compile(r"^(\d{1,2}[.、．]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]+、)")


@dataclass
class Unit:
    line: int
    text: str
    cells_in_row: int = 1


def split_units(body: str) -> list[Unit]:
    """Lines -> units; trafilatura table rows ``| a | b |`` -> one unit per cell."""
    units: list[Unit] = []
    for i, raw in enumerate((body or "").split("\n")):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line[1:-1])]
            cells = [c for c in cells if c and not re.fullmatch(r"[-:\s]+", c)]
            for c in cells:
                units.append(Unit(i, c, len(cells)))
            continue
        line = re.sub(r"^[-*+]\s+", "", line)  # markdown list marker
        units.append(Unit(i, line))
    return units


def _clauses(text: str) -> list[str]:
    if len(M.compact(text)) <= LONG_UNIT:
        return [text]
    return [c.strip() for c in _CLAUSE_SPLIT_RE.split(text) if c and c.strip()]


def _is_nav_bar(text: str) -> bool:
    items = [M.compact(x) for x in _NAV_SPLIT_RE.split(text)]
    items = [x for x in items if x]
    return (len(items) >= NAV_ITEMS and all(len(x) <= NAV_ITEM_MAX for x in items)
            and all(_wordy(x) for x in items))


def _wordy(text: str) -> bool:
    """Mostly letters/CJK (nav items are words, table data are numbers)."""
    return sum(ch.isalpha() for ch in text) > len(text) / 2


def _related_heading(clause: str) -> bool:
    c = M.compact(_LEAD_RE.sub("", clause))
    if not c:
        return False
    if _MORE_RE.match(c):
        return True
    m = _RELATED_RE.search(c)
    if not m:
        return False
    return m.start() == 0 or len(c) <= SHORT_HEADING


@dataclass
class PageLinks:
    """What the page's HTML tells about link titles."""

    anchors: set[str]
    """Whitespace-free texts of the page's ``<a>`` links (>= LINK_MIN characters)."""
    headlines: set[str]
    """Whitespace-free ``<title>``/``<h1>`` texts: the headline echo is not a related item."""


def page_links(html: str) -> PageLinks:
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - unparsable page: no link evidence
        return PageLinks(set(), set())
    anchors = set()
    for a in root.iter("a"):
        t = M.compact(a.text_content())
        if len(t) >= LINK_MIN:
            anchors.add(t)
    heads = {M.compact(el.text_content()) for el in root.iter("title", "h1")}
    return PageLinks(anchors, {h for h in heads if h})


def _link_like(text: str, links: PageLinks | None) -> bool:
    """Looks like a link title: short, not a sentence, not a date/label/numbered item,
    not the page's own headline, and (when the page's links are known) mostly made
    of one of the page's link texts."""
    if text.lstrip().startswith("^") or _STOP_RE.search(text) or _URL_RE.search(text):
        return False  # citation, sentence or address, not a headline
    stripped = _META_RE.sub("", _LEAD_RE.sub("", text)).strip()
    c = M.compact(stripped)
    if not (TITLE_MIN <= len(c) <= TITLE_MAX) or _DATEISH_RE.match(c):
        return False
    if _LABEL_RE.match(stripped) or _ENUM_RE.match(c):
        return False
    if links is None:
        return _wordy(c)
    if any(c in h or h in c for h in links.headlines if len(h) >= LINK_MIN):
        return False
    return any(len(a) >= LINK_COVER * len(c) and a in c for a in links.anchors)


def _keyword_kinds(clause: str) -> set[str]:
    hits = set()
    c = M.compact(clause)
    if COPYRIGHT_RE.search(clause):
        hits.add("copyright")
    if EDITOR_RE.search(clause):
        hits.add("editor")
    if (SHARE_RE.search(clause) or BREADCRUMB_RE.search(clause) or _is_nav_bar(clause)
            or (len(c) <= SHARE_WEAK_MAX and SHARE_WEAK_RE.search(clause))):
        hits.add("share")
    return hits


def classify(pred_body: str, truth_body: str,
             links: PageLinks | None = None) -> dict[str, list[str]]:
    """Leaking texts per kind for one page (empty lists when clean).

    ``links``: the page's link and headline texts (see :func:`page_links`); without
    them the structural related-list rule falls back to a weaker shape test."""
    truth = M.compact(truth_body)
    found: dict[str, list[str]] = {k: [] for k in KINDS}
    units = split_units(pred_body)
    foreign = [M.compact(u.text) not in truth for u in units]
    keyword_hit = [False] * len(units)

    for idx, (u, is_foreign) in enumerate(zip(units, foreign, strict=True)):
        if not is_foreign:
            continue
        short = len(M.compact(u.text)) <= LONG_UNIT
        if _is_nav_bar(u.text) or (short and BREADCRUMB_RE.search(u.text)):
            found["share"].append(u.text)
            keyword_hit[idx] = True
            continue
        per_clause = []
        for clause in _clauses(u.text):
            if M.compact(clause) not in truth:
                per_clause.append((clause, _keyword_kinds(clause)))
        widget = any("share" in k for _, k in per_clause)
        for clause, kinds in per_clause:
            # a related heading inside a widget bar ("【热点排行】【打印】") is the bar
            if not kinds and not widget and _related_heading(clause):
                kinds = {"related"}
            for k in kinds:
                found[k].append(clause)
            keyword_hit[idx] = keyword_hit[idx] or bool(kinds)

    # a table row of >= NAV_ITEMS short foreign cells is a nav bar too
    by_line: dict[int, list[int]] = {}
    for idx, u in enumerate(units):
        by_line.setdefault(u.line, []).append(idx)
    for idxs in by_line.values():
        if (len(idxs) >= NAV_ITEMS and all(foreign[i] for i in idxs)
                and all(len(M.compact(units[i].text)) <= NAV_ITEM_MAX for i in idxs)
                and all(_wordy(M.compact(units[i].text)) for i in idxs)):
            found["share"].append(" | ".join(units[i].text for i in idxs))
            for i in idxs:
                keyword_hit[i] = True

    # structural related list: >= TITLE_RUN consecutive foreign link-title units
    # (date-only units such as "2005-07-13" between items do not break a run)
    run: list[int] = []
    for idx in [*range(len(units)), -1]:
        if idx >= 0 and foreign[idx] and _DATEISH_RE.match(M.compact(units[idx].text)):
            continue
        if (idx >= 0 and foreign[idx] and not keyword_hit[idx]
                and _link_like(units[idx].text, links)):
            run.append(idx)
            continue
        if len(run) >= TITLE_RUN:
            found["related"].append(" / ".join(units[i].text for i in run))
        run = []
    return found


# ---------------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--show", choices=[*KINDS, "all"], default=None,
                    help="print the leaking lines of this kind per page")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--page", default=None, metavar="ID")
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--peer-decoding", choices=PEER_DECODINGS, default=DEFAULT_PEER_DECODING)
    args = ap.parse_args(argv)
    args.data = args.data or M.default_data_dir()
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    names = [t.strip() for t in args.tools.split(",") if t.strip()]
    runners: dict[str, Runner] = {}
    for name in names:
        try:
            runners[name] = make_runner(name, args.peer_decoding)
        except (ToolUnavailable, ValueError) as exc:
            print(f"note: skipping {name}: {exc}", file=sys.stderr)
    if not runners:
        return 1
    pages = M.load_zh(Path(args.data), args.limit, [args.page] if args.page else None)
    pages = [p for p in pages if p.body_truth == "full"]
    counts = {t: {k: 0 for k in KINDS} for t in runners}
    shown: dict[str, list[tuple[str, str, list[str]]]] = {t: [] for t in runners}
    for page in pages:
        assert page.raw is not None
        links = page_links(decode_for_peers(page.raw, args.peer_decoding)[1])
        for tool, runner in runners.items():
            pred = runner.run(page)
            leaks = classify(pred.body, page.body or "", links)
            for k in KINDS:
                if leaks[k]:
                    counts[tool][k] += 1
                    if args.show in (k, "all"):
                        shown[tool].append((page.id, k, leaks[k]))

    n = len(pages)
    print(f"\n## zh-dev leaks: pages (of {n} full-truth pages) with >= 1 foreign line of each kind")
    print("| tool | " + " | ".join(KINDS) + " |")
    print("|---|" + "---|" * len(KINDS))
    for tool, c in counts.items():
        print(f"| {tool} | " + " | ".join(f"{c[k]}/{n}" for k in KINDS) + " |")
    print("notes: a line is foreign when its whitespace-free text is not inside the truth body; "
          "snippet-only pages skipped; peers decoded with "
          f"--peer-decoding={args.peer_decoding}, newscrawl gets bytes.")
    if args.show:
        for tool, items in shown.items():
            print(f"\n### {tool}: leaking lines ({args.show})")
            for page_id, kind, lines in items:
                print(f"[{page_id}] {kind}:")
                for line in lines:
                    print(f"    {line[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
