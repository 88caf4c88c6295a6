"""Find the "related news" lists shown with an article, from the DOM.

A list is a group of links under one container (``ul``/``ol``/``dl``/``table``, else
the links' common parent). It is related news when most of its links read like
article titles and either a heading over it says so (相关新闻, 延伸阅读, Related,
More stories, ...) or it stands after the article text in the main column. Lists
under a "hot / most read" heading, and lists in navigation, headers, footers and
sidebars, are not related news, but their link texts are still boilerplate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from lxml import html as lxml_html

from newscrawl.clean.boilerplate import is_related_heading
from newscrawl.clean.text import normalize_text, squash
from newscrawl.extract.dom import in_chrome, text_of
from newscrawl.urls import absolute, site_of, url_key

_POPULAR = re.compile(
    r"[热熱][点點门門度]|排行|[点點][击擊]排|最[热熱新]|猜你喜[欢歡]|most (?:read|popular|viewed|shared)|"
    r"trending|popular|top stories|editor'?s picks",
    re.I,
)
_STRONG_RELATED = re.compile(
    r"相[关關]|延伸[阅閱]|推[荐薦][阅閱]|related|more stories|read more|see also|more from|"
    r"更多|you may also like|recommended",
    re.I,
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
#: A link reads like an article title when it has >= 8 Han characters or >= 4 words:
#: section and navigation links on the zh-dev and sample pages are 2-6 characters /
#: 1-3 words, headlines 10-40 characters / 5-15 words.
TITLE_MIN_HAN = 8
TITLE_MIN_WORDS = 4
#: Share of a group's links that must read like titles.
TITLE_SHARE = 0.6
MIN_LINKS = 2
#: A link's container is found by lifting at most 3 levels (list item to list, one-link
#: wrapper to its parent). Set by hand on the sample site and zh-dev pages (commit
#: 2d920bb, extraction v1), not swept.
CONTAINER_LIFTS = 3
#: A list's heading is short text of at most 30 characters just before it: up to 2
#: previous siblings, on each of up to 3 levels. Set by hand on the sample site and
#: zh-dev pages (commit 2d920bb), not swept.
HEADING_MAX_CHARS = 30
HEADING_SIBLINGS = 2
HEADING_LEVELS = 3
#: A heading that merely contains a related word (更多, read more) says "related" only
#: when at most 20 characters. Set by hand (commit 2d920bb), not swept.
STRONG_HEADING_MAX = 20
#: A list with no heading, after the article text in the main column, is related news
#: when it has at least 3 title links. Set by hand on the zh-dev portals (commit
#: 2d920bb), not swept.
UNHEADED_MIN_LINKS = 3


@dataclass
class LinkGroup:
    container: lxml_html.HtmlElement
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href as written)
    _heading: str | None = None
    _heading_read: bool = False
    order: int = 0  # document position of the container

    @property
    def heading(self) -> str | None:
        """Short text just before (or atop) the container, read on first use."""
        if not self._heading_read:
            self._heading, self._heading_read = _heading_for(self.container), True
        return self._heading


def looks_like_title(text: str) -> bool:
    han = len(_HAN.findall(text))
    if han:
        return han >= TITLE_MIN_HAN
    return len(text.split()) >= TITLE_MIN_WORDS


_NOT_PAGES = ("javascript:", "mailto:", "tel:", "#", "data:")
_INLINE = frozenset({"a", "font", "span", "b", "strong", "em", "i", "u", "small", "big", "label", "cite", "br"})
_ITEM_TAGS = frozenset({"li", "dt", "dd"})


def _container(a: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The element that holds ``a`` together with its sibling links: the nearest block
    ancestor, lifted from a list item to its list and from a one-link wrapper
    (``<p>``, ``<div>``, ``<td>``/``<tr>``) to the wrapper's parent."""
    node = a.getparent()
    while node is not None and node.tag in _INLINE:
        node = node.getparent()
    if node is None:
        return a
    for _ in range(CONTAINER_LIFTS):
        parent = node.getparent()
        if parent is None:
            break
        if node.tag in _ITEM_TAGS or (node.tag == "tbody"):
            node = parent
            continue
        if node.tag in ("p", "div", "td", "tr", "h3", "h4", "h5", "section") and _one_link(node):
            node = parent
            continue
        break
    return node


def _one_link(el: lxml_html.HtmlElement) -> bool:
    """``el`` holds a single <a>: stops at the second, as a wiki paragraph holds dozens."""
    return next(islice(el.iter("a"), 1, None), None) is None


def _heading_for(container: lxml_html.HtmlElement) -> str | None:
    """Short text just before the container (previous siblings, or the parent's
    leading text) or a non-link caption inside it."""
    for child in container:
        if not isinstance(child.tag, str):
            continue
        if child.find(".//a") is not None or child.tag == "a":
            break  # the heading stands before the first link
        text = text_of(child)
        if text:
            return text if len(text) <= HEADING_MAX_CHARS else None
    node = container
    for _ in range(HEADING_LEVELS):
        prev = node.getprevious()
        steps = 0
        while prev is not None and steps < HEADING_SIBLINGS:
            if isinstance(prev.tag, str):
                text = text_of(prev)
                if text:
                    return text if len(text) <= HEADING_MAX_CHARS else None
            prev = prev.getprevious()
            steps += 1
        parent = node.getparent()
        if parent is None:
            break
        if parent.text and parent.text.strip():
            text = normalize_text(parent.text)
            return text if len(text) <= HEADING_MAX_CHARS else None
        node = parent
    return None


def link_groups(
    tree: lxml_html.HtmlElement, base_url: str, order: dict[lxml_html.HtmlElement, int]
) -> list[LinkGroup]:
    """Every group of links on the page, in document order (``order``: element -> position)."""
    groups: dict[int, LinkGroup] = {}
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.lower().startswith(_NOT_PAGES):
            continue
        text = text_of(a)
        if not text:
            continue
        box = _container(a)
        group = groups.get(id(box))
        if group is None:
            group = groups[id(box)] = LinkGroup(container=box, order=order.get(box, 0))
        group.links.append((text, href))  # resolved against the page URL when output
    return sorted(groups.values(), key=lambda g: g.order)


def is_titles_group(group: LinkGroup) -> bool:
    if len(group.links) < MIN_LINKS:
        return False
    titles = sum(looks_like_title(text) for text, _ in group.links)
    return titles >= TITLE_SHARE * len(group.links)


def classify_related(group: LinkGroup, body_end: int | None) -> bool:
    """True when ``group`` is a related-news list of the article."""
    if not is_titles_group(group):
        return False
    heading = group.heading or ""
    if heading and _POPULAR.search(heading):
        return False
    if heading and is_related_heading(heading) or (
            heading and _STRONG_RELATED.search(heading) and len(heading) <= STRONG_HEADING_MAX):
        return True
    # No heading: a run of >= 3 title links right after the article text, in the main
    # column, is the related stream many portals append without a caption.
    if body_end is None or group.order < body_end or in_chrome(group.container):
        return False
    return len(group.links) >= UNHEADED_MIN_LINKS


def related_links(groups: list[LinkGroup], page_url: str, body_end: int | None) -> list[dict[str, str]]:
    """``[{title, url}]`` of every related list, unique by URL key and by title, without
    links back to the page itself."""
    page_key = url_key(page_url)
    seen_urls: set[str] = set()
    seen_titles: set[str] = set()
    out: list[dict[str, str]] = []
    for group in groups:
        if not classify_related(group, body_end):
            continue
        for text, href in group.links:
            url = absolute(page_url, href)
            if not url:
                continue
            key, title_key = url_key(url), squash(text)
            if key == page_key or key in seen_urls or title_key in seen_titles or not title_key:
                continue
            if not looks_like_title(text):
                continue  # "more >>" and the like inside the list
            seen_urls.add(key)
            seen_titles.add(title_key)
            out.append({"title": text, "url": url})
    return out


#: A stream is >= 3 alike sibling items that each hold exactly one linked headline
#: (<h2>-<h5><a>): the "you may also like" / 更多新聞 streams of other stories'
#: headlines and summaries that portals append under short articles (Yahoo HK pages
#: in zh-dev, the sample site's HK page). An article body never has such siblings.
STREAM_MIN_ITEMS = 3
TEASER_LEVELS = 4


def _linked_heads(node: lxml_html.HtmlElement, site: str | None = None) -> int:
    """Headings in ``node`` that link to a story: with ``site``, to a page of that site
    (a stream of other stories links home; a list of products, places or companies
    links out)."""
    count = 0
    for h in node.iter("h2", "h3", "h4", "h5"):
        link = h.find(".//a")
        if link is not None and (site is None or _links_within(link.get("href") or "", site)):
            count += 1
    return count


def _links_within(href: str, site: str) -> bool:
    if not href.startswith(("http://", "https://", "//")):
        return True  # a relative link stays on the site
    return site_of(href if not href.startswith("//") else "https:" + href) == site


def in_teaser(
    el: lxml_html.HtmlElement,
    headline: lxml_html.HtmlElement | None,
    memo: dict[lxml_html.HtmlElement, int] | None = None,
    site: str | None = None,
) -> bool:
    """``el`` sits in a stream item of another story (of ``site``, when given). ``memo``
    caches the linked headline count per element across calls on one page."""
    memo = {} if memo is None else memo

    def heads_of(node: lxml_html.HtmlElement) -> int:
        if node not in memo:
            memo[node] = _linked_heads(node, site)
        return memo[node]

    node = el
    for _ in range(TEASER_LEVELS):
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            return False
        if headline is not None and any(anc is node for anc in headline.iterancestors()):
            return False
        heads = heads_of(node)
        if heads > 1:
            return False
        parent = node.getparent()
        if heads == 1 and parent is not None:
            # Stream items are uniform: same tag and class, one linked headline each.
            items = sum(1 for sib in parent if sib.tag == node.tag and sib.get("class") == node.get("class")
                        and heads_of(sib) == 1)
            if items >= STREAM_MIN_ITEMS:
                return True
    return False
