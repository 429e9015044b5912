"""Synthetic news pages for follow-up tests: one story told in revisions and by two outlets.

Written for these tests (general English news prose), served by the loopback article server.
"""

from __future__ import annotations

import html

RIVERTON = [
    "Heavy rain caused the Green River to burst its banks on Monday, forcing more than 3,000 "
    "residents of Riverton to leave their homes, county officials said.",
    "The National Weather Service said another 10 centimetres of rain could fall by Wednesday. "
    "Emergency shelters have been opened in two schools and a church on the east side of town.",
    "Governor Alan Price declared a state of emergency for the county on Monday evening. "
    "“Our priority is to get every family to safety,” Price told reporters at the town hall.",
    "Nine people have died in the floods, according to the county sheriff's office. Power lines "
    "were cut across the valley and about 12,000 homes remained without electricity overnight.",
]

RIVERTON_NEW_PARAGRAPH = (
    "“We have never seen the river rise this fast,” said Maria Lopez, the county's emergency "
    "manager. Rescue crews pulled 120 people from flooded cars and houses overnight."
)

# Another outlet on the same event: the same facts in other words, and one new fact.
RIVERTON_OTHER_OUTLET = [
    "More than 3,000 people in Riverton were forced from their homes on Monday after the Green "
    "River burst its banks following heavy rain, according to county officials.",
    "Governor Alan Price declared a state of emergency for the county on Monday evening, and "
    "nine people have died in the floods, the county sheriff's office said.",
    "The Army Corps of Engineers will begin repairs on the damaged Riverton levee on Thursday, "
    "a spokesman for the agency said, at a cost of about $4 million.",
    "Emergency shelters opened in two schools and a church, where volunteers served hot meals "
    "to families who had left with little more than the clothes they wore.",
]


def news_page(
    title: str,
    paragraphs: list[str],
    *,
    site: str = "Valley Courier",
    stamp: str = "Updated 10:32 AM",
    related: tuple[str, ...] = ("Five things to know about flood insurance", "Weather: week ahead"),
    canonical: str | None = None,
) -> str:
    """An article page with the furniture real pages have around the text."""
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    links = "\n".join(
        f'<li><a href="/related/{i}">{html.escape(r)}</a></li>' for i, r in enumerate(related)
    )
    canonical_tag = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {site}</title>
<meta property="og:site_name" content="{site}">{canonical_tag}
<meta property="article:published_time" content="2026-11-23T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/weather">Weather</a></nav>
<div class="cookie">We use cookies to improve your experience. <button>Accept</button></div>
<article><h1>{html.escape(title)}</h1><p class="byline">By Dana Reed · {stamp}</p>
{body}
</article>
<aside><h2>Related</h2><ul>{links}</ul></aside>
<footer>© 2026 {site}. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>"""
