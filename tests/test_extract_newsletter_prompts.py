"""A call to join the site's newsletter or mailing list is not article text; a sentence
about someone's newsletter is.

The HTML and lines below are trimmed excerpts of WCXB pages (WCXB, CC-BY-4.0):
https://russellmiller2.substack.com/p/vibe-coding-is-creating-a-generation and
https://councilforrelationships.org/top-mental-health-tips-for-2025/ for the pages;
the lines of the parametrised test come from the WCXB pages of mashable.com,
kill-the-newsletter.com, almosttimely.substack.com, sergioschuler.com,
talkinghomerenovations.com, finntropy.substack.com and marketingsherpa.com.
"""

from __future__ import annotations

import pytest

from newscrawl import extract_article
from newscrawl.clean.boilerplate import is_newsletter_prompt
from newscrawl.clean.text import squash


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sign up now for the Mashable Deals newsletter.", True),
        ("Was this newsletter forwarded to you? Sign up to get it in your inbox.", True),
        ("Thanks for reading Almost Timely Newsletter! Subscribe for free to receive new posts and support my work.", True),
        ("Thanks for reading Almost Timely Newsletter! This post is public so feel free to share it.", True),
        ("Join Medium for free to get updates from this writer.", True),
        ("Join our mailing list! Get a newsletter when an episode is published with insider information join here", True),
        # sentences about a newsletter, with no call to join it
        ("Twelve people signed up for my newsletter in the past week, excited enough to give me their email address.", False),
        ("This article was distributed through the free MarketingSherpa email newsletter.", False),
        ("My newsletter about Substack growth strategies... has stopped growing because I stopped showing up.", False),
        # long prose that happens to mention signing up for a newsletter
        ("If you sign up for the newsletter you will " + "hear about every change to the schedule " * 4 + "first.", False),
    ],
)
def test_newsletter_prompt_lines(line: str, expected: bool) -> None:
    assert is_newsletter_prompt(line) is expected


SUBSTACK_PARAGRAPHS = [
    "There’s a scene in Fantasia where Mickey Mouse, tired of carrying buckets of water, enchants a broom to do his "
    "chores. It works beautifully—until it doesn’t. The broom splits into more brooms, each carrying more water, "
    "flooding the room. Mickey has no idea how to stop it because he never understood the magic in the first place.",
    "This is vibe coding in 2025.",
    "“Vibe coding” — the practice of describing what you want and letting an AI generate the code — has exploded. "
    "Cursor, Copilot, Claude, GPT. The tooling is genuinely impressive. A junior developer can now scaffold an entire "
    "application in an afternoon.",
    "But I’ve been watching what happens in week two.",
    "The AI generates 500 lines of React. It works. The developer ships it. Then a bug appears. They stare at their "
    "own codebase like it’s hieroglyphics. They paste the error back into the AI. It “fixes” it by regenerating 200 "
    "lines. Something else breaks. They paste that error. The AI removes a feature that was working. They don’t "
    "notice until production.",
    "This isn’t a skill issue. It’s a paradigm issue. We’ve optimized for speed of generation at the cost of "
    "understanding.",
]


def test_substack_subscribe_widget_in_the_text_goes() -> None:
    first, second, *rest = (f"<p>{p}</p>" for p in SUBSTACK_PARAGRAPHS)
    html = f"""<html><head><title>Vibe Coding Is Creating a Generation of Developers Who Can't Debug</title></head>
<body><article><h1 class="post-title">Vibe Coding Is Creating a Generation of Developers Who Can't Debug</h1>
<div class="available-content"><div dir="auto" class="body markup">{first}{second}
<div class="subscription-widget-wrap"><div class="subscription-widget show-subscribe"><div class="preamble">
<p>Thanks for reading! Subscribe for free to receive new posts and support my work.</p></div>
<div data-component-name="SubscribeWidget" class="subscribe-widget"><form action="/api/v1/free?nojs=true"
method="post"><input type="email" name="email" placeholder="Type your email..."/>
<button type="submit">Subscribe</button></form></div></div></div>{"".join(rest)}</div></div></article></body></html>"""
    body = squash(extract_article(html, "https://russellmiller2.substack.com/p/vibe-coding-is-creating-a-generation")["body"])
    for paragraph in SUBSTACK_PARAGRAPHS:
        assert squash(paragraph) in body
    assert squash("Subscribe for free to receive new posts") not in body


def test_mailing_list_item_in_a_closing_list_goes() -> None:
    html = """<html><head><title>Top Mental Health Tips for 2025</title></head><body><main><article>
<h1>Top Mental Health Tips for 2025</h1>
<h2>Bonus Mental Health Tip: Be Kind to Yourself</h2>
<p>Big changes take time, and nobody gets it right all the time. Be patient with yourself and celebrate small wins.
Every day, try to do one nice thing for yourself, like saying something positive or enjoying a favorite activity.
Small acts of self-care can lead to big improvements over time.</p>
<p>By following these top mental health tips, you can make this year one of growth, happiness, and success.
Prioritize your emotional wellness, and watch the positive impacts unfold in every part of your life.</p>
<h2>More from CFR</h2>
<p>Council for Relationships is a nonprofit organization with over 80 therapists and psychiatrists across
Pennsylvania and New Jersey. Whether you’re navigating intergenerational trauma, seeking support for anxiety, or
exploring relationship dynamics, our clinicians are here to help.</p>
<ul>
<li><a href="https://councilforrelationships.org/therapy-psychiatry/">Get matched</a> with a CFR therapist who
meets your needs</li>
<li><a href="https://councilforrelationships.org/join">Sign up</a> for our newsletter for mental health tips,
updates, and events</li>
<li>Explore more <a href="https://councilforrelationships.org/therapy-psychiatry/">blogs</a> on trauma, healing,
and Holocaust remembrance</li>
</ul></article></main></body></html>"""
    body = squash(extract_article(html, "https://councilforrelationships.org/top-mental-health-tips-for-2025/")["body"])
    assert squash("Be patient with yourself and celebrate small wins.") in body
    assert squash("with a CFR therapist who meets your needs") in body
    assert squash("for our newsletter for mental health tips") not in body
