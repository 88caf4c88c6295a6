"""The label of an ad slot that did not render ("Advertisement") is not article text.

The HTML is a trimmed excerpt of the WCXB page
https://health.clevelandclinic.org/how-to-meditate-and-top-benefits (WCXB, CC-BY-4.0).
"""

from __future__ import annotations

from newscrawl import extract_article
from newscrawl.clean.text import squash

PARAGRAPHS = [
    "Tending to your mental health is just as important as taking care of your physical health — and meditation "
    "has become an increasingly popular way to nurture your whole self.",
    "If you’re not yet familiar with how to do it, meditation might seem mysterious, time-consuming or too "
    "difficult. But it’s quite different from what you may think it is, says yoga therapist Holly Wilgus, E-RYT 200.",
    "Wilgus explains what meditation is and how to meditate, including different types to try.",
]


def test_ad_slot_label_in_the_text_goes() -> None:
    first, *rest = (f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"""<html><head><title>How To Meditate and Its Top Benefits</title></head><body><main><article>
<h1>How To Meditate and Its Top Benefits</h1>{first}
<div class="max-w-[300px] mx-auto"><div data-identity="horizontal-bar" class="h-[5px] w-[40px]"></div>
<p class="text-gray-800 font-bold">Advertisement</p><div class="flex flex-col items-center justify-center">
<div data-identity="ad-slot" class="ad-reset"></div></div></div>{"".join(rest)}</article></main></body></html>"""
    body = extract_article(html, "https://health.clevelandclinic.org/how-to-meditate-and-top-benefits")["body"]
    for paragraph in PARAGRAPHS:
        assert squash(paragraph) in squash(body)
    assert "Advertisement" not in body.split("\n")
