"""Self-checks for bench/metrics.py (and the leak classifier); run by hand, not by pytest.

    .venv/bin/python bench/metrics_selfcheck.py

Named without a ``test_`` prefix on purpose: bench/ is not part of ``make test``.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _close(a: float, b: float, eps: float = 1e-9) -> bool:
    return math.isclose(a, b, abs_tol=eps)


def check_aeb() -> None:
    from bench import metrics as M

    # tokens and shingles, as the benchmark's evaluate.py
    assert M.tokenize("Hello, world! It's 2024.") == ["Hello", "world", "It", "s", "2024"]
    assert M.shingles("a b c") == {("a", "b", "c"): 1}  # shorter than n: one shingle
    assert sum(M.shingles("a b c d e").values()) == 2
    assert M.shingles("") == {}

    # identical texts: tp only, P = R = 1
    tp, fp, fn = M.shingle_tp_fp_fn("one two three four five", "one two three four five")
    assert (tp, fp, fn) == (1.0, 0.0, 0.0)
    assert M.aeb_page_scores("a b c d e", "a b c d e")["f1"] == 1.0

    # normalisation by tp+fp+fn: truth 2 shingles, prediction 2 shingles, 1 shared
    tp, fp, fn = M.shingle_tp_fp_fn("a b c d e", "a b c d x")
    assert _close(tp, 1 / 3) and _close(fp, 1 / 3) and _close(fn, 1 / 3)

    # multiset: a repeated shingle predicted once more than in the truth is one fp
    tp, fp, fn = M.shingle_tp_fp_fn("a b c d", "a b c d a b c d")
    # truth {abcd:1}; pred {abcd:2, bcda:1, cdab:1, dabc:1}: tp 1, fp 4, fn 0
    assert _close(tp, 1 / 5) and _close(fp, 4 / 5) and fn == 0

    # empty prediction: P excluded from the average (tp+fp == 0), R = 0
    empty = M.shingle_tp_fp_fn("a b c d e", "")
    assert empty == (0.0, 0.0, 1.0)
    agg = M.aeb_aggregate([(1.0, 0.0, 0.0), empty])
    assert _close(agg["precision"], 1.0) and _close(agg["recall"], 0.5)
    assert _close(agg["f1"], 2 * 1.0 * 0.5 / 1.5)

    # both empty: tp=fp=fn=0, excluded from both averages
    assert M.shingle_tp_fp_fn("", "") == (0.0, 0.0, 0.0)
    agg = M.aeb_aggregate([(0.5, 0.5, 0.0), (0.0, 0.0, 0.0)])
    assert _close(agg["precision"], 0.5) and _close(agg["recall"], 1.0)


def check_zh() -> None:
    from bench import metrics as M

    # whitespace (incl. full-width and nbsp) ignored
    s = M.char_scores("新华社 北京\n电", "新华社北京\u3000电\xa0")
    assert s["p"] == s["r"] == s["f1"] == 1.0
    # bag of characters: order does not matter, multiplicity does
    s = M.char_scores("中国中国", "国中")
    assert _close(s["p"], 1.0) and _close(s["r"], 0.5) and _close(s["f1"], 2 / 3)
    # extra boilerplate lowers precision only
    s = M.char_scores("正文", "正文版权所有")
    assert _close(s["p"], 2 / 6) and s["r"] == 1.0
    # bigrams over the whitespace-free text: order matters
    assert M.bigram_scores("中国人", "人国中")["f1"] == 0.0
    assert M.bigram_scores("中国 人", "中国人")["f1"] == 1.0
    # empty prediction scores 0; both empty scores 1
    assert M.char_scores("正文", "")["f1"] == 0.0
    assert M.char_scores("", "")["f1"] == 1.0
    agg = M.zh_aggregate([M.char_scores("正文", "正文"), M.char_scores("正文", "")])
    assert _close(agg["f1"], 0.5) and _close(agg["precision"], 1.0) and _close(agg["recall"], 0.5)

    sn = M.snippet_scores("今天 2月17日，能过关。", ["2月17日", "能过关。", "萧海川"], ["纠错"])
    assert sn["include_hits"] == 2 and sn["exclude_leaks"] == 0 and sn["missing"] == ["萧海川"]
    sn = M.snippet_scores("Copyright (c) 2000", [], ["copyright (c) 2000"])
    assert sn["exclude_leaks"] == 1  # case-folded


def check_metadata() -> None:
    from bench import metrics as M

    assert M.title_match(None, "x") is None
    assert M.title_match(" 中美合作共赢\n符合国际社会利益 ", "中美合作共赢 符合国际社会利益")
    assert not M.title_match("标题", "标题-新华网")

    for raw, day in [
        ("2005-05-17 22:11:42", "2005-05-17"),
        ("2005-1-2", "2005-01-02"),
        ("2005-3-11 12:12", "2005-03-11"),
        ("2017-03-01T06:27:02.000Z", "2017-03-01"),
        ("2023-11-17T00:00:00+08:00", "2023-11-17"),
        ("2005年3月11日 12:12", "2005-03-11"),
        ("2005/03/28 13:54:38", "2005-03-28"),
        ("20240509", "2024-05-09"),
        ("March 1, 2017", "2017-03-01"),
    ]:
        assert M.parse_day(raw) == day, (raw, M.parse_day(raw))
    assert M.parse_day("刘涛") is None
    assert M.parse_day(None) is None
    assert M.parse_day("") is None
    assert M.date_match("刘涛", "2021-11-25") is None  # unparseable truth: not counted
    assert M.date_match("2005-3-11 12:12", "2005-03-11T12:12:00+08:00") is True
    assert M.date_match("2005-3-11", None) is False

    assert M.author_hit(None, ["x"]) is None
    assert M.author_hit("宋怡 杨志华", ["宋怡"]) is True           # contained
    assert M.author_hit("刘涛", ["记者 刘涛 报道"]) is True          # contains
    assert M.author_hit("周思博 (Joel Spolsky)", ["周思博(Joel Spolsky)"]) is True
    assert M.author_hit("刘涛", ["", "  "]) is False                # empty never matches
    assert M.author_hit("刘涛", []) is False

    assert M.percentile([1, 2, 3, 4], 50) == 2.5
    assert M.percentile([5], 95) == 5
    assert math.isnan(M.percentile([], 50))


def check_tools_helpers() -> None:
    from bench.tools import decode_for_peers, html_to_paragraphs, split_authors

    html = ("<div><h2>T</h2><p>a <b>b</b></p><p>c<br>d</p>"
            "<ul><li>e</li></ul><script>x</script></div>")
    assert html_to_paragraphs(html) == "T\na b\nc\nd\ne"
    assert html_to_paragraphs("") == ""
    assert split_authors("A; B") == ["A", "B"] and split_authors(None) == []

    gbk = '<html><head><meta charset="gb2312"></head><body>中文　镕</body></html>'.encode("gb18030")
    enc, text = decode_for_peers(gbk)
    assert enc == "gb18030" and "中文" in text and "镕" in text
    # UTF-8 bytes under a stale gb2312 declaration: taken as UTF-8 by the default detector
    stale = '<meta charset="gb2312"><p>人民网财经频道</p>'.encode()
    assert "人民网" in decode_for_peers(stale)[1]
    assert "人民网" not in decode_for_peers(stale, "w3lib")[1]
    # GB 0xA3A0 -> U+3000 as browsers do
    assert "\ue5e5" not in decode_for_peers(b'<meta charset="gbk">\xa3\xa0\xd6\xd0')[1]


def check_leaks() -> None:
    from bench.leaks import classify

    truth = "正文第一段，提到分享经济。\n正文第二段。"
    pred = "\n".join([
        "首页 > 新闻 > 正文",
        "正文第一段，提到分享经济。",
        "正文第二段。",
        "（责任编辑：张三）",
        "相关新闻",
        "版权所有 未经授权不得转载",
        "分享到：微信 微博",
    ])
    found = classify(pred, truth)
    assert found["share"] and found["editor"] and found["related"] and found["copyright"], found
    # lines held by the truth are never leaks, even with keywords
    assert classify(truth, truth) == {"copyright": [], "related": [], "share": [], "editor": []}
    # trafilatura table rows are split into cells
    found = classify("| 正文第二段。 | 打印本页 |", truth)
    assert found["share"] == ["打印本页"], found


def check_wcxb() -> None:
    from bench import metrics as M

    # lower-cased \w+ words as a bag: case, punctuation and order do not matter
    s = M.wcxb_scores("The cat, the hat.", "hat THE cat the")
    assert s["p"] == s["r"] == s["f1"] == 1.0
    s = M.wcxb_scores("a b c d", "a b x y z z")
    assert _close(s["p"], 2 / 6) and _close(s["r"], 2 / 4) and _close(s["f1"], 0.4)
    assert M.wcxb_scores("words here", "")["f1"] == 0.0
    assert M.wcxb_scores("", "")["f1"] == 1.0
    assert M.word_bag("Ünïcode 中文 x_y") == {"ünïcode": 1, "中文": 1, "x_y": 1}
    agg = M.zh_aggregate([M.wcxb_scores("a b", "a b"), M.wcxb_scores("a b", "")])
    assert _close(agg["f1"], 0.5) and _close(agg["precision"], 1.0) and _close(agg["recall"], 0.5)

    sn = M.wcxb_snippet_scores("Hello, World!  It is  sunny.\nHome Login",
                               ["hello world", "it is sunny", "not here"], ["home", "order now"])
    assert sn["include_hits"] == 2 and sn["missing"] == ["not here"], sn
    assert sn["exclude_leaks"] == 1 and sn["leaked"] == ["home"], sn
    # words, not substrings: "home" does not leak inside "homes"
    assert M.wcxb_snippet_scores("new homes", [], ["home"])["exclude_leaks"] == 0

    # with/without: lists as stored, or stringified Python lists
    assert M.parse_list(["a", "b"]) == ["a", "b"]
    assert M.parse_list("['Home', \"Chef's Menu\"]") == ["Home", "Chef's Menu"]
    assert M.parse_list('["x"]') == ["x"] and M.parse_list(None) == [] and M.parse_list("") == []
    assert M.parse_list("just text") == ["just text"]

    # date right as far as the truth gives it
    assert M.date_match_parts("2025-09-04", "2025-09-04T10:00:00Z") is True
    assert M.date_match_parts("2025-09-04", "2025-09-05") is False
    assert M.date_match_parts("2025-09", "2025-09-17") is True
    assert M.date_match_parts("2025-09", "2025-10-01") is False
    assert M.date_match_parts("2025-09", "2025-09") is True
    assert M.date_match_parts("2025", "2025-03-01") is True
    assert M.date_match_parts("2025-09", None) is False
    assert M.date_match_parts(None, "2025-09-04") is None

    # author right: every truth name (split on , ; and &) in the predicted names
    assert M.split_truth_names("Danielle DeSiato, Donna Enzmann, and Natalie Nguyen") == [
        "Danielle DeSiato", "Donna Enzmann", "Natalie Nguyen"]
    assert M.split_truth_names("Maria & Katerina") == ["Maria", "Katerina"]
    assert M.split_truth_names("Alexander Sandberg") == ["Alexander Sandberg"]  # no split in a word
    assert M.author_right("Maria & Katerina", ["maria", "KATERINA"]) is True
    assert M.author_right("Maria & Katerina", ["Maria"]) is False
    assert M.author_right("Andrew King", ["By Andrew  King"]) is True
    assert M.author_right("Andrew King", []) is False
    assert M.author_right(None, ["x"]) is None


def check_halves() -> None:
    import hashlib

    from bench import metrics as M

    assert M.host_of("https://www.Example.com:8080/a?b") == "example.com"
    assert M.host_of("http://news.example.co.uk/x") == "news.example.co.uk"
    assert M.host_of(None) == "" and M.host_of("not a url") == ""
    # the documented rule, and stable across runs (no salted hash())
    for site in ("example.com", "people.com.cn", "id:017"):
        want = "A" if int(hashlib.sha1(site.encode()).hexdigest(), 16) % 2 == 0 else "B"
        assert M.half_of(site) == want
    # site: wcxb domain, else the url host without www., else the id
    w = M.Page(set="wcxb", id="0001", url="https://blog.foo.com/x", domain="www.foo.com")
    a = M.Page(set="aeb", id="ab12", url="https://www.foo.com/y")
    z = M.Page(set="zh", id="017", url=None)
    assert w.site == "foo.com" and a.site == "foo.com" and z.site == "id:017"
    assert w.half == a.half == M.half_of("foo.com")  # same site, same half, across sets
    halves = {M.half_of(f"site{i}.com") for i in range(20)}
    assert halves == {"A", "B"}


def check_author_fp() -> None:
    from bench import metrics as M

    page = M.Page(set="wcxb", id="1", url="https://www.prevention.com/a",
                  domain="prevention.com", title="Ten Foods To Eat", author="Korin Miller")
    np = M.non_person
    # people are people
    for name in ("Korin Miller", "Jane Doe", "José María Aznar", "刘涛", "记者 刘涛",
                 "Genevieve Carlton, Ph.D.", "O'Brien"):
        assert np(name, page) is None, (name, np(name, page))
    # never flagged: the truth's own author (a personal site named after its author)
    own = M.Page(set="wcxb", id="2", url="https://ricksteves.com/x", domain="ricksteves.com",
                 author="Rick Steves")
    assert np("Rick Steves", own) is None
    assert np("Rick Steves", M.Page(set="aeb", id="3", url="https://ricksteves.com/")) == "site"
    assert np("", page) == "empty" and np("J", page) == "empty" and np(" . ", page) == "empty"
    assert np("User123", page) == "digits" and np("March 4, 2025", page) == "digits"
    assert np("https://x.org/me", page) == "url" and np("@korin", page) == "url"
    assert np("foo.com", page) == "url"
    assert np("Prevention", page) == "site" and np("PREVENTION", page) == "site"
    assert np("ten foods to eat", page) == "title"
    for ui in ("Admin", "Editorial Team", "Read more", "News Desk", "Guest Contributor",
               "Staff writer", "Written By", "Share"):
        assert np(ui, page) == "ui", (ui, np(ui, page))
    for ui in ("文章", "访问统计", "责任编辑", "作者：", "来源"):
        assert np(ui, page) == "ui", (ui, np(ui, page))
    assert np("one two three four five six seven", page) == "long"
    assert np("本报记者 王乐文 方敏", page) is None  # label + two names, not too long
    assert np("这是一个非常长的不是人名的句子", page) == "long"
    # org-like names count only when the truth names a person and they match none
    assert np("Healthline Media", page) == "org" and np("新华社", page) == "org"
    no_truth = M.Page(set="aeb", id="4", url="https://x.com/a")
    assert np("Healthline Media", no_truth) is None
    org_truth = M.Page(set="wcxb", id="5", url="https://x.com/a", domain="x.com",
                       author="Reuters News Agency")
    assert np("Reuters News", org_truth) is None
    # a record is a false positive when any of its names is not a person
    assert M.author_fp([], page) == {"record": None, "names": []}
    assert M.author_fp(["  "], page)["record"] is None
    assert M.author_fp(["Korin Miller"], page)["record"] is False
    fp = M.author_fp(["Korin Miller", "Admin"], page)
    assert fp["record"] is True and fp["names"] == [("Admin", "ui")]
    assert M.site_label("news.bbc.co.uk") == "bbc" and M.site_label("people.com.cn") == "people"


def main() -> int:
    for check in (check_aeb, check_zh, check_metadata, check_tools_helpers, check_leaks,
                  check_wcxb, check_halves, check_author_fp):
        check()
        print(f"ok  {check.__name__}")
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
