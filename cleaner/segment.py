"""Stage 3: normalise white space and cut the text into blocks (paragraphs).

A block is a non-empty line, except in hard-wrapped runs (lines cut at a fixed width with no
blank line between paragraphs), whose lines are re-flowed into paragraphs first.
"""

from __future__ import annotations

import re
from itertools import repeat
from operator import add

from .document import Block

# Hard-wrap detection: a run of consecutive non-empty lines is re-flowed when its longest
# line is within these bounds (typical wrap widths are 60 to 132 columns) ...
WRAP_MIN_WIDTH = 45
WRAP_MAX_WIDTH = 160
# ... it has at least this many lines ...
WRAP_MIN_LINES = 4
# ... and at least this share of its lines were broken because the next word did not fit.
WRAP_MIN_FULL_SHARE = 0.5
# Wrappers are not exactly greedy (they measure width differently, or leave room): a line
# counts as broken for width when the next word would have taken it past this share of the
# run's longest line.
WRAP_FULL_AT = 0.85

# Tabs, no-break and other Unicode spaces become a plain space; zero-width characters go.
# (str.replace guarded by `in`, not str.translate or a regex: on non-ASCII text those walk
# every character in Python-level machinery and cost more than the rest of the pipeline.)
_SPACE_CHARS = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# ZWNJ and ZWJ (U+200C, U+200D) stay: in Persian, Bengali and other scripts they are part
# of the spelling, not spacing.
# The soft hyphen (U+00AD, HTML's &shy;) goes too: a hint where a word may break, invisible
# in a re-flowed paragraph, and it hides the words it sits in from the stoplists.
_ZERO_WIDTH_CHARS = "\u200b\u2060\ufeff\u00ad"
_MULTISPACE = re.compile(" {2,}")

# Full stops and question marks of other scripts: the dandas of Devanagari and Bengali, the
# Arabic question mark and Urdu full stop, the Armenian, Ethiopic, Myanmar, Tibetan and
# Khmer stops, the Greek question mark, the CJK and full-width stops.
OTHER_SCRIPT_STOPS = "।॥؟۔։።။།។;。｡．！？"
# A line ends a sentence when it ends in . ! ? or an ellipsis (or a stop of another script),
# maybe followed by closing quotes or brackets.
_SENTENCE_STOPS = frozenset(".!?…" + OTHER_SCRIPT_STOPS)
# Closing quotes and brackets that may follow a sentence's stop.
CLOSERS = "\"'”’»)]」』"
# ... unless the last word is an abbreviation: initialisms (U.S., e.g.) and common titles.
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|Rev|"
    r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|No|Nr|Vol|vs|ca|bzw|etc|inkl|evtl|Abs|Art|S|p|pp|cf|approx)\.)$"
)


def drop_zero_width(text: str) -> str:
    """`text` without zero-width characters and soft hyphens."""
    if not text.isascii():  # (a flag CPython keeps: free)
        for ch in _ZERO_WIDTH_CHARS:
            if ch in text:
                text = text.replace(ch, "")
    return text


def normalise_lines(text: str) -> list[str]:
    """Lines with white space normalised per the contract (empty lines kept as '')."""
    text = drop_zero_width(text)
    if not text.isascii():  # (a flag CPython keeps: free)
        for ch in _SPACE_CHARS:
            if ch in text:
                text = text.replace(ch, " ")
    elif "\t" in text:
        text = text.replace("\t", " ")
    lines = text.splitlines()
    if "\x1f" in text:  # the one white space str.split() would take that must stay
        return [_MULTISPACE.sub(" ", line.strip()) if "  " in line else line.strip() for line in lines]
    return [" ".join(line.split()) if "  " in line else line.strip() for line in lines]


def ends_sentence(line: str) -> bool:
    return line.rstrip(CLOSERS)[-1:] in _SENTENCE_STOPS and not _ABBREVIATION.search(line)


def _first_word_len(line: str) -> int:
    cut = line.find(" ")
    return len(line) if cut < 0 else cut


def _broken_for_width(line: str, nxt: str, width: int) -> bool:
    return len(line) + 1 + _first_word_len(nxt) > WRAP_FULL_AT * width


def _is_hard_wrapped(run: list[str]) -> tuple[bool, int]:
    if len(run) < WRAP_MIN_LINES:
        return False, 0
    lengths = list(map(len, run))
    width = max(lengths)
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return False, width
    # a line was broken for width when it, a space and the next line's first word would
    # not have fitted (_broken_for_width, for every pair of lines at C speed: most runs of a
    # page are menus and link lists that only this count tells from wrapped prose)
    spaces = map(str.find, run[1:], repeat(" "))
    next_word_room = [cut + 1 if cut >= 0 else size + 1 for cut, size in zip(spaces, lengths[1:])]
    full = sum(map((WRAP_FULL_AT * width).__lt__, map(add, lengths, next_word_room)))
    return full >= WRAP_MIN_FULL_SHARE * (len(run) - 1), width


def _reflow(run: list[str], start: int, width: int, out: list[Block]) -> None:
    """Join a hard-wrapped run's lines into paragraphs.

    A line continues into the next when it was broken for width (the next word would not
    have fitted) and does not end a sentence.
    """
    para: list[str] = []
    para_start = start
    for offset, line in enumerate(run):
        para.append(line)
        nxt = run[offset + 1] if offset + 1 < len(run) else None
        wrapped = nxt is not None and _broken_for_width(line, nxt, width)
        if not wrapped or ends_sentence(line):
            out.append(Block(len(out), " ".join(para), para_start, start + offset))
            para = []
            para_start = start + offset + 1


def segment(text: str) -> list[Block]:
    lines = normalise_lines(text)
    # runs of consecutive non-empty lines, as [start, end) line numbers
    breaks = [number for number, line in enumerate(lines) if not line]
    runs = [(a + 1, b) for a, b in zip([-1] + breaks, breaks + [len(lines)]) if b > a + 1]
    wrapped = {}
    for start, end in runs:
        if end - start >= WRAP_MIN_LINES:
            is_wrapped, width = _is_hard_wrapped(lines[start:end])
            if is_wrapped:
                wrapped[start] = width
    if not wrapped:  # most pages: a block is a line
        numbers = [number for number, line in enumerate(lines) if line]
        return list(map(Block, range(len(numbers)), [lines[k] for k in numbers], numbers, numbers))
    blocks: list[Block] = []
    for start, end in runs:
        if start in wrapped:
            _reflow(lines[start:end], start, wrapped[start], blocks)
        else:
            for number in range(start, end):
                blocks.append(Block(len(blocks), lines[number], number, number))
    return blocks
