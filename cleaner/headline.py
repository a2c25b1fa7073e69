"""Stage 4c: the headline. Find it once, drop its copies (also when glued to widget text).

The headline is the last title-like block before the article's first body block: short,
not a sentence, not chrome by any rule. Pages repeat it (the `<title>` line of a get-text
dump, a widget gluing a place name to it: `WashingtonPrime Russian official ...`); those
copies are dropped as `headline.duplicate`.
"""

from __future__ import annotations

import re

from .document import DROP, KEEP, Block
from .segment import CLOSERS, OTHER_SCRIPT_STOPS, unspaced_script

# How far before the first body block a headline may stand: this many blocks that no rule
# drops, within this many blocks in all.
MAX_BLOCKS_BEFORE_BODY = 12
MAX_SPAN_BEFORE_BODY = 36
MIN_WORDS = 2
MAX_WORDS = 30
MAX_CHARS = 250
# The title anchor: at least this many words, within this many blocks of the top.
MIN_ANCHOR_WORDS = 3
MAX_ANCHOR_SEARCH = 400
# A copy glued to widget text has at most this many extra characters in front.
MAX_GLUE_CHARS = 40

# A standfirst (dek) stands between the headline and the text and often reads as one more
# title-like line: a line of at least STANDFIRST_MIN_WORDS words, this many times as long as
# the title-like line of at least HEADLINE_MIN_WORDS words before it, is the standfirst,
# and that line the headline.
STANDFIRST_MIN_WORDS = 12
STANDFIRST_MIN_LENGTH_RATIO = 1.3
HEADLINE_MIN_WORDS = 5

_OPENING_QUOTES = "\"'“„«‘‚"
_LIST_SEPARATORS = (" , ", " | ", " / ", " • ", " · ")

# Words this long count when comparing a candidate with the page's first line.
MIN_SHARED_WORD_CHARS = 4

# Scripts written without spaces between words (segment.UNSPACED_SCRIPT): text in them
# counts a word per this many characters.
UNSPACED_CHARS_PER_WORD = 3

_WORD = re.compile(r"\w+")
# A sentence's (or a clause's) end, maybe followed by closing quotes or brackets.
_SENTENCE_MARKS = frozenset(".!?:;," + OTHER_SCRIPT_STOPS)
_QUESTION_MARKS = ("?", "？", "؟", ";")


def word_count(text: str) -> int:
    words = len(text.split())
    if not text.isascii() and unspaced_script().search(text):
        return max(words, len(text) // UNSPACED_CHARS_PER_WORD)
    return words


def title_like(block: Block) -> bool:
    text = block.text
    return (
        MIN_WORDS <= word_count(text) <= MAX_WORDS
        and len(text) <= MAX_CHARS
        and not (text.rstrip(CLOSERS)[-1:] in _SENTENCE_MARKS and not text.endswith(_QUESTION_MARKS))
    )


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _content_words(text: str) -> set[str]:
    """Words of MIN_SHARED_WORD_CHARS letters or more in a normalised text, punctuation stripped."""
    return {w for w in _WORD.findall(text) if len(w) >= MIN_SHARED_WORD_CHARS}


def choose(blocks: list[Block], first_body: int, candidates: list[bool], lowest: int) -> int | None:
    """Index of the headline block among blocks lowest..first_body-1, or None.
    `candidates[i]`: block i may be the headline."""
    if first_body < 0:
        return None
    nearest = None
    for i in range(first_body - 1, lowest - 1, -1):
        if candidates[i] and title_like(blocks[i]):
            nearest = i
            break
    if nearest is None:
        return None
    # Text dumps of pages begin with the <title> ("Headline - Section - Site"): a candidate
    # that the first line contains is the headline, even if not the nearest.
    page_title = _norm(blocks[0].text)
    if first_body > 0:
        for i in range(nearest, max(lowest, 1) - 1, -1):
            text = _norm(blocks[i].text)
            if candidates[i] and word_count(text) >= MIN_WORDS and text in page_title and title_like(blocks[i]):
                return i
        # Else the nearest candidate that shares a word with the first line, if the nearest
        # shares none: a serving count or a widget's label stands between headline and text.
        # (a word of the nearest found anywhere in the first line is enough to keep it)
        if not _words_in(blocks[nearest].text, page_title):
            title_words = _content_words(page_title)
            for i in range(nearest - 1, max(lowest, 1) - 1, -1):
                if candidates[i] and title_like(blocks[i]) and _content_words(_norm(blocks[i].text)) & title_words:
                    return i
    # The nearest is the standfirst under the headline (unless the first line, the page's
    # <title> in text dumps, shares more words with it than with the line before).
    before = next((i for i in range(nearest - 1, lowest - 1, -1) if candidates[i]), None)
    if before is not None and title_like(blocks[before]) and is_standfirst_after(blocks[before], blocks[nearest]):
        if _words_in(blocks[before].text, page_title) >= _words_in(blocks[nearest].text, page_title):
            return before
    # A glued copy (widget text + headline) sits nearest; prefer the clean copy it contains.
    text = _norm(blocks[nearest].text)
    for i in range(nearest - 1, lowest - 1, -1):
        other = _norm(blocks[i].text)
        if candidates[i] and other and text.endswith(other) and len(text) - len(other) <= MAX_GLUE_CHARS:
            return i
    return nearest


def _words_in(text: str, page_title: str) -> int:
    """How many of the content words of `text` the page's first line holds."""
    return sum(word in page_title for word in _content_words(_norm(text)))


def is_standfirst_after(headline: Block, block: Block) -> bool:
    """Whether title-like `block`, under title-like `headline`, is its standfirst."""
    text = headline.text
    return (
        # a headline starts with a word (not a date, a list item, a star rating) and is not a
        # menu or a list of categories (`NEWS FEATURES BEAUTY`, `Artikel , Forschung , Termine`)
        (text[:1].isalpha() or text[:1] in _OPENING_QUOTES)
        and not text.isupper()
        and not any(separator in text for separator in _LIST_SEPARATORS)
        and word_count(text) >= HEADLINE_MIN_WORDS
        and word_count(block.text) >= STANDFIRST_MIN_WORDS
        and len(block.text) >= STANDFIRST_MIN_LENGTH_RATIO * len(headline.text)
    )


def title_anchor(blocks: list[Block]) -> int | None:
    """The block that repeats the page's first line (its <title>) further down: the H1.

    Text renderings of pages begin with the title ("Headline - Section - Site"); the
    headline proper stands again where the article begins.
    """
    if len(blocks) < 3:
        return None
    page_title = _norm(blocks[0].text)
    if word_count(page_title) < MIN_ANCHOR_WORDS:
        return None
    longest = len(page_title)
    for i in range(1, min(len(blocks), MAX_ANCHOR_SEARCH)):
        text = blocks[i].text
        if len(text) <= longest and word_count(text) >= MIN_ANCHOR_WORDS and _norm(text) in page_title:
            return i
    return None


def mark_duplicates(blocks: list[Block], title_index: int, title_text: str) -> None:
    """Drop every other block that is the headline again, or the headline glued to a prefix."""
    title = _norm(title_text)
    if not title:
        return
    # white space is already collapsed in blocks; only lengths near the title's can match
    shortest, longest = len(title), len(title) + MAX_GLUE_CHARS
    for i, block in enumerate(blocks):
        if not shortest <= len(block.text) <= longest:
            continue
        if i == title_index or block.verdict == DROP and block.rule != "model.outside":
            continue
        text = _norm(block.text)
        if text == title or (text.endswith(title) and len(text) - len(title) <= MAX_GLUE_CHARS):
            block.decide(DROP, "headline.duplicate", "chrome")


def keep_title(block: Block, text: str) -> None:
    block.decide(KEEP, "headline.title", "title")
    block.text = text
