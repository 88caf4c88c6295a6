"""Parsing and DOM walks shared by the extractors: one parse per page, text lines in
document order, and the page regions (navigation, sidebars, footers) that never hold
the article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newscrawl.clean.text import normalize_text

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# C0 controls other than tab/newline/CR (and NUL) are not text: lxml refuses them,
# whether written raw or as a character reference (&#8; &#x1f).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_REF = re.compile(
    r"&#0*(?:[0-8]|1[124-9]|2\d|3[01])(?![0-9]);?|&#[xX]0*(?:[0-8]|[bBcCeEfF]|1[0-9a-fA-F])(?![0-9a-fA-F]);?"
)
_SKIP_TAGS = frozenset({"script", "style", "title", "head"})
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed")
BLOCK_TAGS = frozenset({
    "p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "blockquote",
    "section", "article", "header", "footer", "aside", "nav", "ul", "ol", "dl", "table", "tr",
    "tbody", "thead", "form", "pre", "figure", "figcaption", "center", "main", "address",
    "caption", "br", "hr",
})
_CHROME_HINT = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|header|head|top|footer|foot|bottom|sidebar|side|aside|"
    r"breadcrumbs?|crumbs?|hot|rank|ranking|popular|trending|toolbar|share|social|"
    r"login|search|banner|ad|ads|advert|comments?|respond|disqus|reply)(?:$|[\s_\d-])",
    re.I,
)
#: A layout modifier names what the element sits beside or lacks, not what it is: the
#: article column of a "container-article-with-sidebar", "o-layout has-sidebar",
#: "no-sidebar" page. Such words are not chrome hints. All dev sets: 10 pages of 8 sites
#: change, 8 for the better (WCXB A articles 0399 0.50 -> 0.99, 0124 0.76 -> 0.83, 0226;
#: B article 0359; B store pages 3 up, 1 down; B service 4553 0.99 -> 0.92); aeb/zh same.
_LAYOUT_MODIFIER = re.compile(r"(?:^|(?<=[\s_-]))(?:with|has|no|without)[-_]+[a-z]+", re.I)
_FOOTER_HINT = re.compile(r"(?:^|[\s_-])(?:footer|foot|bottom|ft)(?:$|[\s_\d-])", re.I)


def _html_parser() -> etree.HTMLParser:
    """lxml.html's parser with its element classes looked up in C: lxml.html's own
    lookup is a Python call for every element proxy made, in our walks and in
    trafilatura's and htmldate's over their copies (about 5% of the extractor's
    profiled time). Only <form>, <input>, <select>, <textarea> and <label> differ:
    they are plain HtmlElements, without the form-filling helpers no extractor uses."""
    parser = etree.HTMLParser()
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity,
    ))
    return parser


_PARSER = _html_parser()


def parse_html(text: str) -> lxml_html.HtmlElement | None:
    """Parse a decoded page; None when there is no document to speak of."""
    text = _CONTROL_CHARS.sub("", _XML_DECL.sub("", text, count=1))
    if "&#" in text:  # two passes: one character class is several times faster than the alternation
        text = _CONTROL_REF.sub("", text)
    if not text.strip():
        return None
    try:
        tree = lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    for el in list(tree.iter(etree.Comment, *_DROP_TAGS)):
        if el.tag == "script" and "ld+json" in (el.get("type") or "").lower():
            continue  # structured data, read by metadata.read_meta
        if el.getparent() is not None:
            try:
                el.drop_tree()  # keeps the tail text
            except ValueError:  # a tail lxml cannot re-attach: drop it with the element
                el.getparent().remove(el)
    return tree


def hints(el: lxml_html.HtmlElement) -> str:
    return f"{el.get('id') or ''} {el.get('class') or ''}"


_ARTICLE_PART = re.compile(r"article|post|entry|story|content|detail|news|main", re.I)
_HEADER_HINT = re.compile(r"(?:^|[\s_-])(?:header|head|top)(?:$|[\s_\d-])", re.I)


def in_chrome(el: lxml_html.HtmlElement, memo: dict[Any, bool] | None = None) -> bool:
    """Inside navigation, header, footer or a sidebar, by tag or by id/class words.
    An article's own header (``<article><header>``, ``class="article__header"``)
    is not page chrome. ``memo`` (one page's, the tree left as it is) holds the
    answer for elements already seen: the blocks of a page share their ancestors."""
    if memo is None:
        memo = {}
    chain = []
    node: lxml_html.HtmlElement | None = el
    found = False
    while node is not None and isinstance(node.tag, str):
        if node in memo:
            found = memo[node]
            break
        chain.append(node)
        if _is_chrome(node):
            found = True
            break
        node = node.getparent()
    for seen in chain:  # each is inside what ended the walk, and none was chrome itself below it
        memo[seen] = found
    return found


def _is_chrome(node: lxml_html.HtmlElement) -> bool:
    """The element itself (not its ancestors) is navigation, a header, a footer or a sidebar."""
    tag = node.tag
    if tag in ("nav", "footer", "aside"):
        return True
    if tag == "header" and not _inside_article(node):
        return True
    if tag not in ("html", "body"):
        words = _LAYOUT_MODIFIER.sub(" ", hints(node))
        if _CHROME_HINT.search(words) and not (_HEADER_HINT.search(words) and _ARTICLE_PART.search(words)):
            return True
    return False


def _inside_article(el: lxml_html.HtmlElement) -> bool:
    node = el.getparent()
    while node is not None and isinstance(node.tag, str):
        if node.tag in ("article", "main"):
            return True
        node = node.getparent()
    return False


def in_footer(el: lxml_html.HtmlElement) -> bool:
    node: lxml_html.HtmlElement | None = el
    while node is not None and isinstance(node.tag, str):
        if node.tag == "footer" or (node.tag not in ("html", "body") and _FOOTER_HINT.search(hints(node))):
            return True
        node = node.getparent()
    return False


def leaf_blocks(root: lxml_html.HtmlElement) -> Iterator[tuple[str, lxml_html.HtmlElement, float]]:
    """``(text, element, link share)`` for each run of inline text between block
    boundaries, in document order: roughly the lines a browser would show. The link
    share is the part of the run's characters that sit inside ``<a>``."""
    body = root.find("body")
    start = body if body is not None else root
    out: list[tuple[str, lxml_html.HtmlElement, float]] = []
    buf: list[str] = []
    linked_buf: list[str] = []  # the run's pieces that sit inside <a>, in order
    owner: list[lxml_html.HtmlElement] = [start]

    def flush() -> None:
        raw = "".join(buf)
        buf.clear()
        links = "".join(linked_buf)
        linked_buf.clear()
        if raw.isspace():  # the whitespace between two blocks: most runs of a page
            return
        text = normalize_text(raw)
        total = len("".join(raw.split()))  # non-space characters
        linked = len("".join(links.split())) if links else 0
        if text:
            out.append((text, owner[-1], linked / total if total else 0.0))

    # Appending to a list, not yielding: a generator chain costs every line one step
    # per level of nesting, and news pages nest 20-30 levels deep. flush() is called
    # only with a run in hand: most block boundaries have none.
    def walk(el: lxml_html.HtmlElement, in_link: bool) -> None:
        tag = el.tag
        if tag in _SKIP_TAGS:
            return
        is_block = tag in BLOCK_TAGS
        if is_block:
            if buf:
                flush()
            owner.append(el)
        if tag == "a":
            in_link = True
        text = el.text
        if text:
            buf.append(text)
            if in_link:
                linked_buf.append(text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child, in_link)
            tail = child.tail
            if tail:
                buf.append(tail)
                if in_link:
                    linked_buf.append(tail)
        if is_block:
            if buf:
                flush()
            owner.pop()

    walk(start, False)
    if buf:
        flush()
    return iter(out)


def text_of(el: lxml_html.HtmlElement) -> str:
    return normalize_text(el.text_content())
