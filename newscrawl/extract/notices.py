"""The copyright / reprint notice shown with an article, told apart from the footer."""

from __future__ import annotations

from lxml import html as lxml_html

from newscrawl.clean.boilerplate import COPYRIGHT_MAX_CHARS, is_copyright
from newscrawl.extract.dom import in_footer


def copyright_notice(blocks: list[tuple[str, lxml_html.HtmlElement]]) -> str | None:
    """The article's notice: the first copyright line outside the site footer; the
    footer's own notice only when the page shows no other."""
    footer_notice = None
    for text, el in blocks:
        if not is_copyright(text):
            continue
        if not in_footer(el):
            return text
        if footer_notice is None and len(text) <= COPYRIGHT_MAX_CHARS:
            footer_notice = text
    return footer_notice
