"""Markdown input, as scrapers for language models write pages (Firecrawl, Jina Reader,
crawl4ai, html2text, markdownify): read as a markup, cleaned by the text path."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from cleaner import clean, make_options
from cleaner.markdown import is_markdown, markdown_to_text

PAGE = """[Skip to content](#main)

* [Home](https://riverside-courier.example/)
* [News](https://riverside-courier.example/news)
* [Sport](https://riverside-courier.example/sport)
* [Weather](https://riverside-courier.example/weather)

[![Riverside Courier](https://riverside-courier.example/logo.svg)](https://riverside-courier.example/)

# Council approves flood barrier after three-year debate

By [Jane Miller](https://riverside-courier.example/authors/jane-miller) | March 24, 2025

![The river in spring](https://riverside-courier.example/img/river.jpg)

The town [council](https://riverside-courier.example/council "The council") voted on Monday to build a concrete barrier along the river, ending a debate that had divided the town for nearly three years.

"We cannot wait for another spring like the last one," the **mayor** told reporters after the vote. The spring of 2024 was the *wettest* in a century, and the water stayed high until May.

## How it will be paid for

The plan will be paid for with a small increase in the sales tax, according to a poll published by the local paper last week. Work will begin in summer and take about 18 months\\.

Share this: [Facebook](https://www.facebook.com/sharer.php?u=x) [Twitter](https://twitter.com/intent/tweet?url=x)

## Related Articles

* [Bridge repairs start next month](https://riverside-courier.example/a)
* [Mayor announces new budget](https://riverside-courier.example/b)

---

© 2025 Riverside Courier. All rights reserved.
"""

TITLE = "Council approves flood barrier after three-year debate"
BODY = [
    "The town council voted on Monday to build a concrete barrier along the river, ending a debate that had "
    "divided the town for nearly three years.",
    "\"We cannot wait for another spring like the last one,\" the mayor told reporters after the vote. The spring "
    "of 2024 was the wettest in a century, and the water stayed high until May.",
    "How it will be paid for",
    "The plan will be paid for with a small increase in the sales tax, according to a poll published by the local "
    "paper last week. Work will begin in summer and take about 18 months.",
]


def test_a_markdown_page_comes_out_as_its_article_in_plain_text(options):
    """Menu links, the linked logo, the image, the share row and the related list go; the
    headline is the `#` heading; links in the text keep their words, emphasis markers and
    escapes are taken off; the byline goes to the metadata."""
    result = clean(PAGE, options)
    assert result.input_type == "markdown"
    assert result.title == TITLE
    assert result.body == BODY, result.text
    assert result.author == "Jane Miller"


def test_a_markdown_page_wrapped_at_78_columns_comes_out_the_same(options):
    """html2text's default output: every paragraph hard-wrapped."""
    wrapped = "\n".join(
        textwrap.fill(line, 78) if len(line) > 78 and line[0].isalpha() or line.startswith('"') else line
        for line in PAGE.split("\n")
    )
    assert wrapped.count("\n") > PAGE.count("\n") + 3  # (the premise: paragraphs were wrapped)
    result = clean(wrapped, options)
    assert result.title == TITLE and result.body == BODY, result.text


def test_cleaning_the_output_again_changes_nothing(options):
    once = clean(PAGE, options).text
    again = clean(once, options)
    assert again.input_type == "text" and again.text == once


def test_text_that_only_mentions_markdown_syntax_stays_text(options):
    """A get-text dump has no links in Markdown's syntax; one quoted link, or list items
    printed as `# item` by a renderer, do not make a page Markdown."""
    page = "\n".join([
        "Menu", "# Home", "# News", "# Sport",
        "Write links as [text](https://example.com) in the comment box, the editors said, and they will be checked.",
    ])
    assert not is_markdown(page)
    assert clean(page, options).input_type == "text"


def test_markup_is_taken_off_line_by_line():
    text = markdown_to_text(
        "## Heading ##\n> a quoted line with `code`\n- [x] a task\n1. first step\n\n"
        "[ref link][1] and <https://example.com/x>\n\n[1]: https://example.com/ref\n| a | b |\n|---|---|\n~~gone~~ __strong__ _em_ snake_case_name"
    )
    assert text.split("\n") == [
        "Heading", "a quoted line with code", "a task", "1. first step", "",
        "ref link and https://example.com/x", "", "", "| a | b |", "", "gone strong em snake_case_name",
    ]


def test_a_paragraph_wrapped_at_a_fixed_width_is_one_line_again():
    """html2text and other converters wrap paragraphs at 78 columns: as Markdown renders it,
    a line that starts no block of its own continues the paragraph (or list item) above;
    a hard line break (two spaces at the end) and the next block's lines stay apart."""
    text = markdown_to_text(
        "The town council voted on Monday to build a concrete barrier along the\n"
        "river, ending a debate that had divided the town for nearly three years.\n\n"
        "* a list item that is long enough\n  to be wrapped onto a second line\n"
        "* the next item\n"
        "## A heading\nThe paragraph under it  \nafter a hard break"
    )
    assert text.split("\n") == [
        "The town council voted on Monday to build a concrete barrier along the river, ending a debate that had "
        "divided the town for nearly three years.",
        "",
        "a list item that is long enough to be wrapped onto a second line",
        "the next item",
        "A heading",
        "The paragraph under it  ",
        "after a hard break",
    ]


def test_input_type_markdown_is_forced_and_json_lines_take_a_markdown_field(tmp_path):
    """--input-type markdown forces it; a JSON Lines record may carry its page as `markdown`
    (as Firecrawl's records do), which says what it is."""
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    forced = clean(PAGE.replace("[Home]", "Home"), make_options(input_type="markdown"))
    assert forced.input_type == "markdown" and forced.body == BODY
    records = tmp_path / "pages.jsonl"
    records.write_text(json.dumps({"id": 1, "url": "https://riverside-courier.example/x", "markdown": PAGE}) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "cleaner", "--jsonl", str(records)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["title"] == TITLE and out["body"] == "\n\n".join(BODY) and out["error"] is None
    cli = subprocess.run([sys.executable, "-m", "cleaner", "--input-type", "markdown", str(page)], capture_output=True, text=True, timeout=120)
    assert cli.stdout == "\n\n".join([TITLE, *BODY]) + "\n"
