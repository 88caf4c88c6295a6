"""The article text of a page, as raw paragraphs, plus the images inside it.

trafilatura (precision mode) finds the main content; when it finds nothing, the
JSON-LD ``articleBody`` and then the densest paragraph container stand in.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lxml_html
from trafilatura import bare_extraction
from trafilatura.utils import trim as trafilatura_trim

from newscrawl.clean.text import normalize_text, split_paragraphs, squash
from newscrawl.extract import stoplist  # noqa: F401 - one stoplist for trafilatura's jusText fallback
from newscrawl.extract.density import Block, main_blocks
from newscrawl.extract.dom import hints, in_chrome
from newscrawl.extract.related import in_teaser
from newscrawl.extract.scripts import script_body
from newscrawl.urls import absolute, site_of

# trafilatura logs every page it gives up on at WARNING; we report our own drops.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

_OUT_BLOCKS = frozenset({"p", "head", "item", "quote", "row", "list", "table", "code", "lb", "graphic", "div"})
_ICON = re.compile(r"logo|icon|btn|button|qrcode|qr_|erweima|ewm|share|avatar|spacer|blank|pixel|/ad[s/_]", re.I)
_SENTENCE_END = ("。", "！", "？", "…", ".", "!", "?", "”", '"', "）", ")", "」")
#: A line that is this much link text is navigation or a link list, not prose.
LINK_LINE_SHARE = 0.5
#: trafilatura and the density container agree when >= 70% of trafilatura's text lies
#: in the container. Swept on aeb-dev / zh-dev body F1: 0.5 -> 0.974 / 0.947,
#: 0.6 -> 0.974 / 0.947, 0.7 -> 0.975 / 0.947, 0.8 -> 0.972 / 0.944.
AGREEMENT = 0.7
#: When trafilatura and the container disagree, the container wins if its prose is
#: more than 3x trafilatura's whole output (aeb-dev: the pages where trafilatura returns
#: a paywall notice or a teaser have 5-40x; genuine disagreements are under 2x).
#: Swept 2 / 3 / 5 / 10: aeb F1 0.975 / 0.975 / 0.975 / 0.964, zh unchanged.
DENSITY_WINS = 3.0
#: A container line trafilatura dropped is restored when it reads as prose: >= 30
#: characters, no links, ending in sentence punctuation.
PROSE_MIN_CHARS = 30  # swept 10 / 20 / 30: aeb 0.975 throughout, zh 0.946 / 0.946 / 0.947
#: ... and has under 10% link text; a list of sentences brought back right after a kept
#: line (_with_list_items) takes items under 10% link text too. Set by hand on aeb-dev /
#: zh-dev (commits bcb801d and 5b456d5), not swept.
PROSE_RESTORE_MAX_LINK_SHARE = 0.1
PROSE_LIST_MAX_LINK_SHARE = 0.1
#: The container's prose weighed against trafilatura's output (DENSITY_WINS) counts
#: blocks of 40+ characters with under 30% link text. Set by hand with the rule
#: (commit bb7f491: aeb F1 0.960 -> 0.970 for the rule as a whole), not swept.
PROSE_BLOCK_MIN_CHARS = 40
PROSE_BLOCK_MAX_LINK_SHARE = 0.3
#: trafilatura "found nothing" when its lines hold under 20 characters: the JSON-LD
#: articleBody or the density container stands in. Set by hand (commit bcb801d), not swept.
TRAFILATURA_MIN_CHARS = 20


# The element that holds one blog post's text (Blogger "post-body entry-content",
# WordPress "entry-content", Movable Type "entry-body", 2005 portals' "post-body").
_POST_BODY = re.compile(r"(?:^|[\s_-])(?:post|entry)[-_]?(?:body|content|text)(?:$|[\s_\d-])", re.I)


#: On a page of more than this many text blocks trafilatura skips its own fallback
#: extractors (readability, jusText over the whole tree): the density container is
#: our fallback, and on such trees theirs costs a sixth of the page's time. zh-dev and
#: aeb-dev: median page 142 blocks; the 3 pages above 700 (zh 050, 125, 128: 963, 776,
#: 748) give the same body either way, and zh 050 (a 760 KB wiki page) drops from
#: ~660 to ~560 ms. Fast mode on every page would cost zh-dev 0.001 F1 (page 002).
LARGE_PAGE_BLOCKS = 700
#: The same for a tree of more than this many elements, whatever its text: below 700
#: blocks the dev pages have at most 2,125 elements (the three above: 2,815-5,945);
#: a fuzzed page of 25,000 mostly empty elements spent 1.4 s in those fallbacks.
LARGE_PAGE_ELEMENTS = 4000
#: Below these pages trafilatura runs fast first (no readability / jusText comparison,
#: about a third of its time) and its full cascade only when the fast text is in
#: doubt: shorter than FALLBACK_SHORT_CHARS (trafilatura's own MIN_EXTRACTED_SIZE, below
#: which its cascade reaches for jusText), or our densest container holds more than
#: FALLBACK_PROSE_RATIO times its length in prose (where readability's longer text would
#: win in the cascade). Measured on all 1,524 dev pages (wcxb, aeb, zh): the cascade
#: changes trafilatura's text on 128; these two tests send 279 pages (65 of 711 WCXB
#: articles) to it and catch 120 of the 128. Ratio 1.5: 302 pages, 121 caught; 1.0: 487,
#: 123.
FALLBACK_SHORT_CHARS = 250
FALLBACK_PROSE_RATIO = 2.0


@dataclass
class BodyResult:
    paragraphs: list[str] = field(default_factory=list)
    images: list[tuple[str, str | None]] = field(default_factory=list)
    """(absolute URL, caption) of the images inside the text."""
    method: str = "none"


def _lines_of(root: lxml_html.HtmlElement) -> list[str]:
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            text = normalize_text("".join(buf))
            buf.clear()
            if text:
                lines.append(text)

    def walk(el: lxml_html.HtmlElement) -> None:
        block = el.tag in _OUT_BLOCKS
        if block:
            flush()
        if el.tag == "cell":
            buf.append(" ")
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                if child.tag in _OUT_BLOCKS:
                    flush()
                buf.append(child.tail)
        if block:
            flush()

    walk(root)
    flush()
    return lines


def _images(root: lxml_html.HtmlElement, base_url: str) -> list[tuple[str, str | None]]:
    out = []
    for g in root.iter("graphic"):
        url = absolute(base_url, g.get("src"))
        if not url or _ICON.search(url):
            continue
        caption = normalize_text(g.get("alt") or g.get("title") or "") or None
        out.append((url, caption))
    return out


def _prose(blocks: list[Block]) -> int:
    """Characters in blocks that read as prose: 40+ characters, little link text."""
    return sum(len(text) for text, _, share in blocks
               if len(text) >= PROSE_BLOCK_MIN_CHARS and share < PROSE_BLOCK_MAX_LINK_SHARE)


def extract_body(
    tree: lxml_html.HtmlElement,
    url: str,
    blocks: list[Block],
    keys: list[str],
    ld_body: str | None = None,
    headline: lxml_html.HtmlElement | None = None,
    elements: int = 0,
    source: str = "",
) -> BodyResult:
    """The body's paragraphs; ``keys`` are the blocks' squashed texts, ``elements``
    the size of the tree (it decides, with the block count, what counts as large),
    ``source`` the page's decoded HTML (for the article text it ships as JSON)."""
    large = len(blocks) > LARGE_PAGE_BLOCKS or elements > LARGE_PAGE_ELEMENTS
    result = _reconcile(tree, url, blocks, keys, ld_body, large)
    owner = {key: el for key, (_, el, _) in zip(keys, blocks, strict=True)}
    result.paragraphs = _without_trailing_stream(result.paragraphs, owner, headline, site_of(url) or None)
    result.paragraphs = _first_post(result.paragraphs, owner)
    if ld_body and result.method != "json-ld":
        result.paragraphs = _within_ld_body(result.paragraphs, ld_body)
    return _shipped_text(result, source, ld_body)


#: The DOM "has little" of the article when its text is under half the words of the
#: text the page ships as data (a live blog's JSON-LD updates, a framework's JSON
#: state): pages that render in the browser. Dev sets (rendered snapshots, mostly):
#: 10 WCXB pages of 10 sites change, all for the better (one article 0.36 -> 0.99, forum
#: and listing pages 0.00-0.05 -> 0.19-0.84); ld_body alone at 0.8 instead of 0.5: 2 pages.
DOM_LITTLE = 0.5
#: The shipped text must be an article, not a teaser: 100 words or more.
SHIPPED_MIN_WORDS = 100
#: JSON states are searched only when the DOM gave fewer words than this (the search
#: parses every JSON script; a page with a full DOM body needs none).
SHORT_DOM_WORDS = 300


def _shipped_text(result: BodyResult, source: str, ld_body: str | None) -> BodyResult:
    """The article text the page ships as data, instead of the DOM's, when the DOM has
    little of it (DOM_LITTLE)."""
    ours = sum(len(_WORD.findall(line)) for line in result.paragraphs)
    if result.method == "json-ld":
        return result
    candidates = [("json-ld", ld_body)]
    if ours < SHORT_DOM_WORDS:
        candidates.append(("script", script_body(source)))
    for method, text in candidates:
        if not text:
            continue
        words = len(_WORD.findall(text))
        if words >= SHIPPED_MIN_WORDS and ours < DOM_LITTLE * words:
            return BodyResult(split_paragraphs(text), result.images, method)
    return result


_WORD = re.compile(r"\w+")
#: The page's own JSON-LD articleBody is the article when it is at least this share of
#: the words we found (shorter, it is a teaser or the first page of several).
LD_BODY_FULL = 0.7
#: A line is the article's when at least half its words are in articleBody.
LD_LINE_SHARE = 0.5
#: ... and the filter stands only if it keeps at least half the words (else the JSON-LD
#: text is another version of the story). Calibrated on all dev sets: 6 pages of 6 sites
#: change, all for the better (aeb-dev A +0.0006, WCXB-dev A +0.0001, B +0.0002).
LD_KEEP_MIN = 0.5


def _within_ld_body(paragraphs: list[str], ld_body: str) -> list[str]:
    """Lines the page's JSON-LD ``articleBody`` does not hold (share boxes, newsletter
    prompts, captions left in the text) go, when articleBody is the whole article."""
    ld_words = _WORD.findall(ld_body.lower())
    ours = sum(len(_WORD.findall(line)) for line in paragraphs)
    if not ours or len(ld_words) < LD_BODY_FULL * ours:
        return paragraphs
    vocabulary = set(ld_words)
    kept = []
    for line in paragraphs:
        words = _WORD.findall(line.lower())
        if not words or sum(w in vocabulary for w in words) >= LD_LINE_SHARE * len(words):
            kept.append(line)
    return kept if sum(len(_WORD.findall(line)) for line in kept) >= LD_KEEP_MIN * ours else paragraphs


def _without_trailing_stream(
    paragraphs: list[str], owner: dict[str, Any], headline: lxml_html.HtmlElement | None, site: str | None
) -> list[str]:
    """Lines of stream items of other stories (a linked headline and its summary, in a
    run of alike items) after the article's last line of its own. Only the trailing run
    goes: a guide whose sections each open with a linked heading has the same shape
    above its end, and that is its text (WCXB-dev articles: dropping every stream line
    cost half A 0.0095 and half B 0.0092 body F1; zh-dev and aeb-dev the same either way).
    A stream's headings link to stories of ``site``; a list of places, products or
    companies links out (WCXB-dev: two listicles, of two sites, keep their last items)."""
    memo: dict[Any, int] = {}
    stream = [(el := owner.get(squash(line))) is not None and in_teaser(el, headline, memo, site)
              for line in paragraphs]
    last_own = max((i for i, is_stream in enumerate(stream) if not is_stream), default=-1)
    return paragraphs[: last_own + 1]


def _post_of(el: lxml_html.HtmlElement, memo: dict[Any, Any]) -> lxml_html.HtmlElement | None:
    """The outermost element around ``el`` named as a post's text, if any (``memo``
    holds the answer for elements already seen: paragraphs share their ancestors)."""
    chain = []
    node: lxml_html.HtmlElement | None = el
    while node is not None and node not in memo:
        chain.append(node)
        node = node.getparent()
    above = memo[node] if node is not None else None
    for node in reversed(chain):
        if above is None and node.tag != "p" and _POST_BODY.search(hints(node)):
            above = node
        memo[node] = above
    return above


def _first_post(paragraphs: list[str], owner: dict[str, Any]) -> list[str]:
    """A blog's front or archive page shows several posts, each in its own post-body
    element: the text is the first post's, as a reader opening the page sees it.
    Lines of the page outside that post (a list of recent posts) go; lines not traced
    to one element (trafilatura's merged runs) stay."""
    owners = [owner.get(squash(line)) for line in paragraphs]
    memo: dict[Any, Any] = {}
    posts = [_post_of(el, memo) if el is not None else None for el in owners]
    distinct = list(dict.fromkeys(p for p in posts if p is not None))
    if len(distinct) < 2 or distinct[0].getparent() is distinct[1].getparent():
        return paragraphs  # sibling "post-text" elements are one article's paragraphs
    # A line merged from several blocks (a post's title and date cells) belongs where
    # its first block does.
    for i, line in enumerate(paragraphs):
        if owners[i] is None:
            key = squash(line)
            first = max((k for k in owner if k and key.startswith(k)), key=len, default=None)
            owners[i] = owner[first] if first else None
            posts[i] = _post_of(owners[i], memo) if owners[i] is not None else None
    return [line for line, el, post in zip(paragraphs, owners, posts, strict=True)
            if el is None or post is distinct[0]]


def needs_full_cascade(fast_lines: list[str], container_prose: int) -> bool:
    """Whether trafilatura's fast text is in doubt (see FALLBACK_SHORT_CHARS)."""
    length = sum(len(line) for line in fast_lines)
    return length < FALLBACK_SHORT_CHARS or container_prose > FALLBACK_PROSE_RATIO * length


def _trafilatura(
    tree: lxml_html.HtmlElement, url: str, *, fast: bool, recall: bool = False
) -> tuple[list[str], list[tuple[str, str | None]]]:
    """trafilatura's lines and images, in recall or precision mode, fast or with its
    readability/jusText cascade."""
    doc: Any
    try:
        doc = bare_extraction(
            tree, url=url, favor_recall=recall, favor_precision=not recall, include_comments=False,
            include_tables=True, include_images=True, with_metadata=False, deduplicate=False, fast=fast,
        )
    except Exception:  # noqa: BLE001 - a library bug on one page must not stop the crawl
        doc = None
    finally:
        # trafilatura's trim() caches 1,024 texts of any length, the whole page's text
        # among them: 23 MB after 400 WCXB pages in one worker. Within a page it helps;
        # across pages it only grows a long crawl's workers.
        trafilatura_trim.cache_clear()
    t_lines = _lines_of(doc.body) if doc is not None and getattr(doc, "body", None) is not None else []
    return t_lines, (_images(doc.body, url) if t_lines else [])


def _agrees(t_lines: list[str], d_keys: set[str]) -> bool:
    """Most of trafilatura's text lies in the density container (AGREEMENT), or in
    whatever other lines ``d_keys`` holds the squashed texts of."""
    in_container = sum(len(line) for line in t_lines if squash(line) in d_keys)
    return bool(t_lines) and in_container >= AGREEMENT * sum(len(line) for line in t_lines)


#: Precision mode's text is "thin" when it holds under 80% of the container's prose
#: (_prose): it kept the lead or the text above a gallery, table or list and cut the
#: rest. Then recall mode runs too (WCXB-dev articles: half A 31 of 363, half B 26 of
#: 348, about 8%; median CPU per article unchanged within noise, A 58.9 -> 58.7 ms).
#: Swept on half A before the agreement conditions of
#: _recall_if_thin: 0.5 -> 7 pages better / 2 worse, 0.8 -> 15 / 3, 1.2 -> 49 / 10
#: but a second run on 84% of the pages.
THIN_SHARE = 0.8
#: ... and recall mode's text replaces it when it is over 1.3x longer (set by hand on
#: half A with THIN_SHARE, not swept).
RECALL_GAIN = 1.3
#: Precision mode's text is also retried in recall mode when it is short (under 1,500
#: characters) and lies outside a container that does not outweigh it (DENSITY_WINS):
#: recall mode's text replaces it when over 3x longer and holding it. Set by hand on
#: WCXB-dev half A (not swept); with the container-outside condition, all dev sets: 9
#: pages of 9 sites change, all for the better (A articles 0010 0.18 -> 0.88, 0140
#: 0.26 -> 0.96, other types +5; B other types +2; aeb-dev, zh-dev unchanged).
STRAY_MAX_CHARS = 1500
STRAY_GAIN = 3.0


def _density_wins(container: list[Block], prose: int, chars: int) -> bool:
    """The container's ``prose`` is more than DENSITY_WINS times trafilatura's ``chars``
    and the container is not page chrome (comment threads are prose too)."""
    return prose > DENSITY_WINS * chars and not in_chrome(container[0][1])


def _precision(
    tree: lxml_html.HtmlElement, url: str, large: bool, prose: int
) -> tuple[list[str], list[tuple[str, str | None]]]:
    """Precision mode's lines and images: fast, then with the cascade when the fast
    text is in doubt (needs_full_cascade) on a page that is not large."""
    lines, images = _trafilatura(tree, url, fast=True)
    if not large and needs_full_cascade(lines, prose):
        lines, images = _trafilatura(tree, url, fast=False)
    return lines, images


def _recall_if_thin(
    tree: lxml_html.HtmlElement, url: str, large: bool, container: list[Block], prose: int, d_keys: set[str]
) -> tuple[list[str], list[tuple[str, str | None]]]:
    """trafilatura's lines and images: precision mode's, or recall mode's when precision
    mode's are a thin part of the container (THIN_SHARE, RECALL_GAIN) and recall mode's
    lie in the container and hold precision mode's. A thin result outside the container
    is retried only when the container would not win over it (DENSITY_WINS, or the
    container in page chrome): where it wins, its own text stands, as before (recall
    mode adds the page's furniture around it: aeb-dev barrons.com)."""
    lines, images = _precision(tree, url, large, prose)
    chars = sum(len(line) for line in lines)
    agrees, weak = _agrees(lines, d_keys), not _density_wins(container, prose, chars)
    thin = chars < THIN_SHARE * prose and (agrees or weak)
    # A short text outside a container that does not outweigh it: the container is a
    # box beside the article (a product card, one place of a map guide) and precision
    # mode kept only the article's lead.
    # (An empty text is no lead: the JSON-LD body or the container stands in for it.)
    # The container must lie outside that text: a container inside it is the text's own
    # part (a forum post under its thread's furniture), and recall mode adds the page's
    # lists around it (zh-dev 090: 0.89 -> 0.15 without this).
    stray = (not thin and TRAFILATURA_MIN_CHARS <= chars < STRAY_MAX_CHARS and not agrees and weak
             and d_keys.isdisjoint(map(squash, lines)))
    if thin or stray:
        r_lines, r_images = _trafilatura(tree, url, fast=large, recall=True)
        r_chars = sum(len(line) for line in r_lines)
        # recall mode must extend precision mode's text, not swap it for another part
        # (on a forum thread it keeps an answer where precision mode kept the question)
        if not _agrees(lines, {squash(line) for line in r_lines}):
            return lines, images
        if thin and r_chars > RECALL_GAIN * chars and _agrees(r_lines, d_keys):
            return r_lines, r_images
        if stray and r_chars > STRAY_GAIN * chars:
            return r_lines, r_images
    return lines, images


def _reconcile(
    tree: lxml_html.HtmlElement, url: str, blocks: list[Block], keys: list[str], ld_body: str | None, large: bool
) -> BodyResult:
    """Reconcile trafilatura's text with the densest container's blocks.

    When they agree (most of trafilatura's text lies in the container), the result
    is trafilatura's lines plus the container's prose lines it dropped; when they
    disagree, trafilatura's lines minus those that are link text on the page. Either
    way, lines that are mostly link text never survive.
    """
    link_share = dict(zip(keys, (share for _, _, share in blocks), strict=True))
    container = main_blocks(blocks)
    chosen = {id(block) for block in container}
    d_keys = {key for key, block in zip(keys, blocks, strict=True) if id(block) in chosen}
    prose = _prose(container)
    t_lines, images = _recall_if_thin(tree, url, large, container, prose, d_keys)
    agree = _agrees(t_lines, d_keys)
    t_pairs = [(line, squash(line)) for line in t_lines]
    t_keys = {key for _, key in t_pairs}

    if sum(len(line) for line in t_lines) < TRAFILATURA_MIN_CHARS:
        if ld_body:
            return BodyResult(split_paragraphs(ld_body), images, "json-ld")
        return BodyResult([t for t, _, share in container if share < LINK_LINE_SHARE], images, "density")

    if not agree and _density_wins(container, prose, sum(len(line) for line in t_lines)):
        # trafilatura found a fragment (a paywall notice, a caption); the container holds
        # several times more prose: the article is there.
        return BodyResult([t for t, _, share in container if share < LINK_LINE_SHARE], images, "density")
    owners = {key: el for key, (_, el, _) in zip(keys, blocks, strict=True)}

    def _in_table(key: str) -> bool:
        """A data-table cell (<td>/<th> in a row of several cells): tables trafilatura
        keeps are content; one-cell layout rows of 2005 portals are not."""
        el = owners.get(key)
        if el is None or el.tag not in ("td", "th"):
            return False
        row = el.getparent()
        return row is not None and sum(1 for c in row if c.tag in ("td", "th")) >= 2

    if not agree:
        # Keep what is prose or inside the container; short link-free lines elsewhere
        # (box captions such as 便民服务) and link lines go.
        lines = [
            line for line, key in t_pairs
            if link_share.get(key, 0.0) < LINK_LINE_SHARE
            and (key in d_keys or len(line) >= PROSE_MIN_CHARS or key not in link_share or _in_table(key))
        ]
        return BodyResult(_with_list_items(lines, blocks, keys, chosen), images, "trafilatura")
    # Positions in document order of the container's blocks and of confirmed lines.
    in_box = [i for i, block in enumerate(blocks) if id(block) in chosen]
    confirmed = [i for i in in_box if keys[i] in t_keys]
    first, last = (confirmed[0], confirmed[-1]) if confirmed else (0, -1)
    lines, have = [], set()
    for i, (text, _, share) in enumerate(blocks):
        key = keys[i]
        if key in have:
            continue
        if key in t_keys:
            # trafilatura prose outside the container counts only before the container's
            # last confirmed line: a lead paragraph in a sibling block, not an "About us" tail.
            keep = key in d_keys or (i < last and len(text) >= PROSE_MIN_CHARS and share < LINK_LINE_SHARE)
        else:
            # prose between trafilatura's first and last line that it dropped
            keep = (id(blocks[i]) in chosen and share < PROSE_RESTORE_MAX_LINK_SHARE
                    and len(text) >= PROSE_MIN_CHARS and text.endswith(_SENTENCE_END)
                    and (first < i < last or (i > last and not in_chrome(blocks[i][1]))))
        if keep:
            lines.append(text)
            have.add(key)
    # trafilatura lines that are not blocks of their own (merged or split runs) stay.
    known = set(keys)
    lines += [line for line, key in t_pairs if key not in known and key not in have]
    return BodyResult(_with_list_items(lines, blocks, keys, chosen), images, "reconciled")


def _with_list_items(lines: list[str], blocks: list[Block], keys: list[str], chosen: set[int]) -> list[str]:
    """A list that trafilatura dropped right after a kept line of the container comes
    back when its items are sentences without links (错误的版面参数！请确认……。)."""
    position = {key: i for i, key in enumerate(keys)}
    have = {squash(line) for line in lines}
    out: list[str] = []
    for line in lines:
        out.append(line)
        i = position.get(squash(line))
        if i is None or id(blocks[i]) not in chosen:
            continue
        for j in range(i + 1, len(blocks)):
            text, el, share = blocks[j]
            if (keys[j] in have or id(blocks[j]) not in chosen or el.tag != "li" or share >= PROSE_LIST_MAX_LINK_SHARE
                    or not text.endswith(_SENTENCE_END)):
                break
            out.append(text)
            have.add(keys[j])
    return out
