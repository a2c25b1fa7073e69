"""Markdown input: the page's text with Markdown's markup taken off, for the text path.

Scrapers that hand pages to language models (Firecrawl, Jina Reader, crawl4ai, html2text,
markdownify) write them as Markdown: every menu entry is a link (`* [News](https://...)`),
the headline is `# ...`, images are `![alt](src)`. As text, that markup hides what the
rules and the content model look for (a menu line starts with `*`, a byline holds a URL),
so Markdown is read as a markup, like HTML: links keep their text, images, reference
definitions and horizontal rules go, heading, list, quote and emphasis markers are taken
off. The output is plain text, as for HTML input.

Detection is strict (several links in Markdown's own syntax): a get-text dump has none.
"""

from __future__ import annotations

import re

from .detect import SNIFF_CHARS

# A page is Markdown with at least this many links, images and ATX headings in all, of
# which at least MIN_LINKS links or images (some get-text renderings print list items as
# `# item`: headings alone say nothing).
MIN_MARKUP = 3
MIN_LINKS = 2

# [text](target "title"): the target has no spaces (or is <...>), the title is optional
_LINK_TARGET = r"\((?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
_IMAGE = re.compile(r"!\[[^\]\n]*\]" + _LINK_TARGET)
# a link's text may hold an image (a linked logo): [![alt](src)](target)
_LINK = re.compile(r"\[((?:[^\[\]\n]|!\[[^\]\n]*\]" + _LINK_TARGET + r")*)\]" + _LINK_TARGET)
_REFERENCE_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]+\S.*$", re.M)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
# Lines that are markup alone: code fences, horizontal rules, a table's rule under its
# header, a setext heading's underline (the heading above stays a line of its own).
_MARKUP_LINE = re.compile(
    r"^(?:[ \t]*(?:```|~~~).*|[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)"
    r"|[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*)$",
    re.M,
)
# A line that starts a block of its own (after markup lines are blanked): a blank line, a
# heading, a list item, a quote, a table row, a fence, raw HTML. Any other line continues
# the paragraph above it, as Markdown renders it: html2text and other converters wrap
# paragraphs at 78 columns by default.
_BLOCK_START = re.compile(r"[ \t]*(?:$|#{1,6}(?:[ \t]|$)|[*+-][ \t]|\d{1,9}[.)](?:[ \t]|$)|>|\||```|~~~|<)")
# Lines no paragraph text continues: headings and table rows are one line each; a line
# ending in two spaces or a backslash is a hard line break.
_ONE_LINE_BLOCK = re.compile(r"[ \t]*(?:#{1,6}(?:[ \t]|$)|\|)|.*(?:  |\\)$")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$", re.M)
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)
_BULLET = re.compile(r"^[ \t]*[*+-][ \t]+(?:\[[ xX]\][ \t]+)?", re.M)
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1")
# (the marker is matched first and what stands before it checked after: a look-behind
# first would be tried at every character of the page)
_EMPHASIS_STAR = re.compile(r"\*(?<![\w*]\*)(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"_(?<![\w_]_)(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)([^\n]+?)(?<=\S)~~")
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")

_COUNT_HEADING = re.compile(r"^ {0,3}#{1,6}\s+\w", re.M)


def is_markdown(text: str) -> bool:
    head = text[:SNIFF_CHARS]
    # (most text pages have neither: two scans in C, no regular expression)
    links = len(_LINK.findall(head)) if "](" in head else 0  # (an image's [alt](src) counts once)
    headings = len(_COUNT_HEADING.findall(head)) if "\n#" in head or head.lstrip().startswith("#") else 0
    return links >= MIN_LINKS and links + headings >= MIN_MARKUP


def markdown_to_text(text: str) -> str:
    """The text of a Markdown page, line for line (blank lines kept: they part paragraphs).

    Each step is one substitution over the whole page (in C), not a loop over its lines.
    """
    if "]:" in text:
        text = _REFERENCE_DEFINITION.sub("", text)
    text = _MARKUP_LINE.sub("", text)
    text = _join_wrapped_lines(text)
    if "#" in text:
        text = _HEADING.sub(lambda m: m.group(1) or "", text)
    if ">" in text:
        text = _QUOTE.sub("", text)
    text = _BULLET.sub("", text)
    if "[" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(lambda m: _IMAGE.sub("", m.group(1)), text)
        text = _REFERENCE_LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "`" in text:
        text = _CODE_SPAN.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _STRONG.sub(r"\2", text)
    if "*" in text:
        text = _EMPHASIS_STAR.sub(r"\1", text)
    if "_" in text:
        text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
    if "~~" in text:
        text = _STRIKE.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text


def _join_wrapped_lines(text: str) -> str:
    """Lines that continue a paragraph (or a list item) joined to it with a space."""
    lines: list[str] = []
    joinable = False  # whether the last line takes a continuation
    for line in text.splitlines():
        if joinable and not _BLOCK_START.match(line):
            lines[-1] = lines[-1].rstrip() + " " + line.strip()
        else:
            lines.append(line)
        joinable = bool(lines[-1].strip()) and not _ONE_LINE_BLOCK.match(lines[-1])
    return "\n".join(lines)
