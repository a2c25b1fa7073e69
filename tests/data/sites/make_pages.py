"""Write the site-learning test pages and their golden bodies (run from anywhere).

    python tests/data/sites/make_pages.py

Three hosts, 12 pages each, every host with its own repeated chrome, some of which reads
like prose (mission statement, donation appeal, affiliate disclosure, funding note, inline
newsletter box). `golden.json` maps each page to its url, headline and body paragraphs.
The output is deterministic.
"""

from __future__ import annotations

import html
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from articles import GAZETTE, GEAR, HARBOR  # noqa: E402

MONTHS = "January February March April May June July August September October November December".split()
AUTHORS = ["Jane Miller", "Tomas Reyes", "Priya Natarajan", "Ola Sørensen", "Marcus Boateng", "Hannah Cho"]


def _date(rng: random.Random) -> str:
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, 2025"


def gazette_page(i: int, slug: str, title: str, paras: list[str], others: list[str], rng: random.Random) -> str:
    body = list(paras)
    if i % 6 != 5:  # the inline newsletter pitch is on 10 of the 12 pages
        body.insert(2, "Never miss a story. Sign up for the Riverbend Gazette’s free Morning Brief and get the day’s local headlines in your inbox by 6 a.m.")
    lines = [
        "Skip to content",
        "Home | News | Sports | Opinion | Obituaries | Classifieds",
        f"{rng.randint(18, 45)}°F Riverbend",
        title,
        f"By {rng.choice(AUTHORS)} | Published {_date(rng)}",
        *body,
        "The Riverbend Gazette is an independent, nonprofit newsroom that has served the Upper Valley since 1923. We never put local news behind a paywall, and our reporting is made possible by readers like you.",
        "Support local journalism: become a member today for as little as $5 a month, and your gift will be matched through December 31.",
        "Have a news tip or spotted an error? Email the newsroom at tips@riverbendgazette.com or call 555-0142.",
        "Share this:",
        "Facebook",
        "X",
        "Email",
        "More from the Gazette",
        *rng.sample(others, 3),
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "© 2025 Riverbend Gazette. All rights reserved.",
    ]
    return "\n\n".join(lines) + "\n"


def gear_page(i: int, slug: str, title: str, paras: list[str], others: list[str], rng: random.Random) -> str:
    lines = [
        "GearLab",
        "Reviews | Buying Guides | Deals | Camping | Hiking | Running",
        title,
        f"By {rng.choice(AUTHORS)}",
        f"Updated {_date(rng)}",
        "When you buy through links on our site, we may earn an affiliate commission. This helps support our testing, and it never affects which products we recommend.",
        *paras,
        "Prices were accurate at the time of publishing but may change.",
        "Why trust GearLab? Our reviewers spend hundreds of days outdoors every year, and we test every product we recommend on real trips, not in a lab.",
        "Join 120,000 hikers and campers who get our weekly gear deals roundup every Friday morning.",
        "Sign up",
        "Related reviews",
        *rng.sample(others, 4),
        f"{rng.randint(2, 90)} Comments",
        "GearLab is part of Trailhead Media. © 2025 Trailhead Media LLC.",
    ]
    return "\n".join(lines) + "\n"


PROGRAMS = [
    "This analysis is part of the Water and Climate program, which receives support from the Larkspur Foundation. The Harbor Policy Institute retains full editorial independence over all of its research.",
    "This analysis is part of the Housing and Infrastructure program, which receives support from the Meridian Trust. The Harbor Policy Institute retains full editorial independence over all of its research.",
]


def harbor_page(i: int, slug: str, title: str, paras: list[str], others: list[str], rng: random.Random) -> str:
    e = html.escape
    ps = [f"<p>{e(p)}</p>" for p in paras]
    ps.insert(2, '<div class="inline-promo"><p>Want more analysis like this? The Harbor Report, our free weekly newsletter, brings our latest research to your inbox every Thursday.</p><a href="/newsletter">Subscribe</a></div>')
    related = "".join(f'<li><a href="/research/{k}">{e(t)}</a></li>' for k, t in enumerate(rng.sample(others, 3)))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(title)} | Harbor Policy Institute</title>
<meta name="author" content="{e(rng.choice(AUTHORS))}">
<link rel="canonical" href="https://www.harborpolicy.org/research/{slug}">
</head>
<body>
<header class="site-header"><a href="/">Harbor Policy Institute</a>
<nav><ul><li><a href="/research">Research</a></li><li><a href="/experts">Experts</a></li><li><a href="/events">Events</a></li><li><a href="/about">About</a></li><li><a href="/donate">Donate</a></li></ul></nav>
</header>
<main>
<article>
<h1>{e(title)}</h1>
<p class="byline">By {e(rng.choice(AUTHORS))}, Senior Fellow · {_date(rng)}</p>
<p class="funding"><em>{e(PROGRAMS[i % 2])}</em></p>
{chr(10).join(ps)}
<p class="appeal">The Harbor Policy Institute is a nonpartisan research organization. We rely on the generosity of readers to keep all of our work free for everyone, with no paywall. Please consider making a tax-deductible gift today.</p>
</article>
<section class="related"><h2>Related research</h2><ul>{related}</ul></section>
</main>
<footer><p>Harbor Policy Institute, 1200 Harbor Street, Suite 400, Baltimore, MD 21202</p>
<p>© 2025 Harbor Policy Institute. All rights reserved.</p></footer>
</body>
</html>
"""


HOSTS = [
    ("riverbendgazette.com", "https://www.riverbendgazette.com/news/{slug}", ".txt", GAZETTE, gazette_page),
    ("gearlab.example", "https://gearlab.example/reviews/{slug}/", ".txt", GEAR, gear_page),
    ("harborpolicy.org", "https://www.harborpolicy.org/research/{slug}", ".html", HARBOR, harbor_page),
]


def main() -> None:
    golden = {}
    for host, url_pattern, suffix, stories, render in HOSTS:
        folder = HERE / host
        folder.mkdir(exist_ok=True)
        titles = [t for _, t, _ in stories]
        for i, (slug, title, paras) in enumerate(stories):
            rng = random.Random(f"{host}/{slug}")
            others = [t for t in titles if t != title]
            name = f"{i + 1:02d}-{slug}{suffix}"
            (folder / name).write_text(render(i, slug, title, paras, others, rng), encoding="utf-8")
            golden[f"{host}/{name}"] = {"url": url_pattern.format(slug=slug), "title": title, "body": paras}
    (HERE / "golden.json").write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
