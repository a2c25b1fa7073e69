"""Stage 3: normalise white space and cut the text into blocks (paragraphs).

A block is a non-empty line, except where the text's lines are not its paragraphs:

- hard-wrapped runs (lines cut at a fixed width with no blank line between paragraphs) are
  re-flowed into paragraphs;
- a sentence split at inline markup is joined again. Scrapers that put a line break
  around every text node (BeautifulSoup's `get_text("\n")`, lxml's itertext) give a
  link's text, or a word in bold, a line of its own, the sentence going on in the next
  line: `make it attractive for` / `Rapid Application Development` / `, as well as`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, repeat
from operator import add, and_

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
# In a run that is not wrapped as a whole, two lines shorter than this in a row (a menu, a
# heading after a paragraph's last line) part the stretches tested on their own.
WRAP_SHORT_LINE = 38
# A stretch is held to more: lists of headlines of about the same length, between menus,
# pass the run's test.
WRAP_MIN_STRETCH_LINES = 5
WRAP_MIN_STRETCH_FULL_SHARE = 0.75
# Of a run's (or stretch's) lines after the first that start with a cased letter, at least
# this share must start in lower case, as lines that go on with a sentence do (even German,
# which capitalises its nouns, has more); headlines and menu items start in upper case.
# Scripts without case (Arabic, Devanagari, Chinese ...) are not held to it.
WRAP_MIN_LOWER_SHARE = 0.25

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
# Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
# Myanmar), as a character class (compiled by unspaced_script()).
UNSPACED_SCRIPT = r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"
# Closing quotes and brackets that may follow a sentence's stop.
CLOSERS = "\"'”’“‘»«)]」』"
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


# A line continues the one before it (a sentence split at inline markup) when it starts
# with punctuation that never opens a sentence (also the commas and stops of Arabic and
# Chinese and Japanese, which are written against the word before them) ...
_CONTINUING_PUNCTUATION = frozenset(",;)]}%،؛、，；：。！？）」』")
# ... or with one that ends one, standing alone ("." after a link, not "..." of code) ...
_ENDING_PUNCTUATION = frozenset(".!?")
_SPLIT_MARKS = _CONTINUING_PUNCTUATION | _ENDING_PUNCTUATION
# ... or in lower case, after a line that does not end a sentence or announce what follows.
# A short fragment in between (the link's own text, `Rapid Application Development`) is
# joined to the line before it as well when that line breaks off after a word (its last
# letter lower case, or of a script without case).
MAX_INLINE_FRAGMENT_CHARS = 60
# Lines are joined only on pages with at least this many lines that start with such
# punctuation: the sign that the page's text nodes each got a line.
MIN_SPLIT_LINES = 2
# (the lines around a short line, for the second sign, are at least this long)
MIN_BROKEN_LINE_CHARS = 20


# List items of text renderings ("o" is the third level's bullet of inscriptis and Word).
_BULLET = re.compile(r"[-*+o•·▪◦] ")


# A byline's lead words, on a line of their own when the author's name is a link: the name
# goes with them (`By` / `Maria Lindqvist`), so that the byline is read as one.
_BYLINE_LEADS = frozenset((
    "by", "written by", "words by", "story by", "reporting by", "posted by", "published by", "text by",
    "von", "ein beitrag von", "geschrieben von", "verfasst von", "veröffentlicht von",
    "par", "écrit par", "publié par", "por", "escrito por", "publicado por",
    "di", "scritto da", "door", "geschreven door", "geplaatst door", "przez", "av", "af",
))
MAX_BYLINE_LEAD_CHARS = 20


def _opens_with_punctuation(line: str) -> bool:
    """Whether `line` starts with punctuation that goes on with a sentence: one that never
    opens a sentence, or a stop standing alone (`.` after a link, not `...` of code)."""
    first = line[:1]
    if first in _CONTINUING_PUNCTUATION:
        return True
    return first in _ENDING_PUNCTUATION and (len(line) == 1 or line[1] == " " or line[1] in CLOSERS)


def _continues(prev: str, line: str) -> bool:
    """Whether `line` goes on with the sentence `prev` broke off."""
    if line[0] == "o" and _BULLET.match(line) or _BULLET.match(prev):
        return False  # (a list item: its "o" bullet would read as a lower-case word going on)
    if len(prev) <= MAX_BYLINE_LEAD_CHARS and prev.lower() in _BYLINE_LEADS:
        return True
    if _opens_with_punctuation(line) or _is_word_tail(line):
        return True
    return line[0].islower() and prev[-1] != ":" and not ends_sentence(prev)


def _joins_inline(lines: list[str], start: int, end: int) -> list[bool]:
    """For lines start..end-1 of a run: whether each joins the line before it."""
    joined = [False] * (end - start)
    for number in range(start + 1, end):
        prev = lines[number - 1]
        if not _continues(prev, lines[number]):
            continue
        joined[number - start] = True
        # the fragment before it (a link's text) joins its own predecessor when that one
        # broke off after a word: `attractive for` / `Rapid Application Development`
        if number - 1 > start and len(prev) <= MAX_INLINE_FRAGMENT_CHARS and not joined[number - 1 - start] and prev.lower() not in _BYLINE_LEADS:
            before = lines[number - 2]
            if before[-1].isalpha() and not before[-1].isupper() and not ends_sentence(before):
                joined[number - 1 - start] = True
    return joined


def _is_word_tail(line: str) -> bool:
    """`-Partei` after a linked `Macron`: the rest of a compound word."""
    return line[0] == "-" and line[1:2].isalpha()


def _join_line(paragraph: str, line: str) -> str:
    # punctuation that continues a sentence was written against the word before it, as
    # are the words of scripts written without spaces
    first = line[0]
    if first in _CONTINUING_PUNCTUATION or first in _ENDING_PUNCTUATION or _is_word_tail(line) or _unspaced_between(paragraph, line):
        return paragraph + line
    return paragraph + " " + line


def _starts_unspaced(line: str) -> bool:
    """Whether `line` starts with a character of a script written without spaces."""
    return not line[0].isascii() and _is_unspaced(line[0])


def _unspaced_between(before: str, line: str) -> bool:
    """Whether `line` goes on `before` without a space: both sides are of a script written
    without spaces."""
    return _starts_unspaced(line) and _is_unspaced(before[-1])


def _firsts_are_ascii(lines: list[str]) -> bool:
    """Whether every line starts with an ASCII character (one C-speed test for a run)."""
    return "".join([line[0] for line in lines]).isascii()


@lru_cache(maxsize=4096)
def _is_unspaced(char: str) -> bool:
    return unspaced_script().match(char) is not None


@lru_cache(maxsize=1)
def unspaced_script() -> re.Pattern:
    # (compiled on the first page that needs it: its large character class takes a few
    # milliseconds, which a small English file would pay at start-up)
    return re.compile(UNSPACED_SCRIPT)


def _next_word_room(line: str) -> int:
    """What the first word of `line` would have taken at the end of the line before it: the
    word and a space; in a script written without spaces, one character (such text breaks
    between any two)."""
    if _starts_unspaced(line):
        return 1
    cut = line.find(" ")
    return (len(line) if cut < 0 else cut) + 1


def _broken_for_width(line: str, nxt: str, width: int) -> bool:
    return len(line) + _next_word_room(nxt) > WRAP_FULL_AT * width


def _is_hard_wrapped(run: list[str], min_full_share: float = WRAP_MIN_FULL_SHARE) -> tuple[bool, int]:
    if len(run) < WRAP_MIN_LINES:
        return False, 0
    lengths = list(map(len, run))
    width = max(lengths)
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return False, width
    # a line was broken for width when it, a space and the next line's first word would
    # not have fitted (_broken_for_width, for every pair of lines at C speed: most runs of a
    # page are menus and link lists that only this count tells from wrapped prose)
    if _firsts_are_ascii(run[1:]):
        spaces = map(str.find, run[1:], repeat(" "))
        next_word_room = [cut + 1 if cut >= 0 else size + 1 for cut, size in zip(spaces, lengths[1:])]
    else:  # (a line in a script written without spaces may break anywhere)
        next_word_room = list(map(_next_word_room, run[1:]))
    full = sum(map((WRAP_FULL_AT * width).__lt__, map(add, lengths, next_word_room)))
    return full >= min_full_share * (len(run) - 1), width


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
        wrapped = nxt is not None and _broken_for_width(line, nxt, width) and not _BULLET.match(nxt)
        if not wrapped or ends_sentence(line):
            out.append(Block(len(out), _join_wrapped(para), para_start, start + offset))
            para = []
            para_start = start + offset + 1


def _join_wrapped(lines: list[str]) -> str:
    """A wrapped paragraph's lines joined: by a space, but none between two characters of a
    script written without spaces."""
    if _firsts_are_ascii(lines[1:]):
        return " ".join(lines)
    text = lines[0]
    for line in lines[1:]:
        text += line if _unspaced_between(text, line) else " " + line
    return text


def segment(text: str) -> list[Block]:
    lines = normalise_lines(text)
    # runs of consecutive non-empty lines, as [start, end) line numbers
    breaks = [number for number, line in enumerate(lines) if not line]
    runs = [(a + 1, b) for a, b in zip([-1] + breaks, breaks + [len(lines)]) if b > a + 1]
    # the hard-wrapped stretches of each run, as (start, end, width): the whole run, or
    # stretches of it between runs of short lines (menus, headings) where the text has no
    # blank lines at all
    wrapped: dict[int, list[tuple[int, int, int]]] = {}
    for start, end in runs:
        if end - start >= WRAP_MIN_LINES:
            is_wrapped, width = _is_hard_wrapped(lines[start:end])
            is_wrapped = is_wrapped and _goes_on_in_lower_case(lines[start + 1:end])
            if is_wrapped:
                stretches = [(start, end, width)]
            else:  # (a stretch is no wider than its run: a run of short lines has none)
                stretches = _wrapped_stretches(lines, start, end) if width >= WRAP_MIN_WIDTH else []
            if stretches:
                wrapped[start] = stretches
    join = _split_at_inline_markup(lines)
    if not wrapped and not join:  # most pages: a block is a line
        numbers = [number for number, line in enumerate(lines) if line]
        return list(map(Block, range(len(numbers)), [lines[k] for k in numbers], numbers, numbers))
    blocks: list[Block] = []
    for start, end in runs:
        for low, high, width in wrapped.get(start, ()):
            _line_blocks(lines, start, low, join, blocks)
            _reflow(lines[low:high], low, width, blocks)
            start = high
        _line_blocks(lines, start, end, join, blocks)
    return blocks


def _wrapped_stretches(lines: list[str], start: int, end: int) -> list[tuple[int, int, int]]:
    """The hard-wrapped stretches of lines start..end-1: the run cut where two short lines
    follow each other (a wrapped paragraph has one short line, its last)."""
    short = [size < WRAP_SHORT_LINE for size in map(len, lines[start:end])]
    bounds = [start, *compress(range(start + 1, end), map(and_, short, short[1:])), end]
    found = []
    for low, high in zip(bounds, bounds[1:]):
        if high - low >= WRAP_MIN_STRETCH_LINES:
            is_wrapped, width = _is_hard_wrapped(lines[low:high], WRAP_MIN_STRETCH_FULL_SHARE)
            if is_wrapped and _goes_on_in_lower_case(lines[low + 1:high]):
                found.append((low, high, width))
    return found


def _goes_on_in_lower_case(lines: list[str]) -> bool:
    """Whether enough of the lines start in lower case (WRAP_MIN_LOWER_SHARE); true of text
    whose lines mostly start with no cased letter."""
    cased = [line[0].islower() for line in lines if line[0].islower() or line[0].isupper()]
    if 2 * len(cased) < len(lines):
        return True
    return sum(cased) >= WRAP_MIN_LOWER_SHARE * len(cased)


def _line_blocks(lines: list[str], start: int, end: int, join: bool, out: list[Block]) -> None:
    """A block per line of lines start..end-1, or per sentence split at inline markup."""
    if not join:
        out.extend(Block(len(out) + k, lines[number], number, number) for k, number in enumerate(range(start, end)))
        return
    joined = _joins_inline(lines, start, end)
    number = start
    while number < end:
        text, last = lines[number], number
        while last + 1 < end and joined[last + 1 - start]:
            last += 1
            text = _join_line(text, lines[last])
        out.append(Block(len(out), text, number, last))
        number = last + 1


def _split_at_inline_markup(lines: list[str]) -> bool:
    """Whether the page's sentences were split at inline markup: two of its lines start with
    a comma or a lone full stop (what followed a link), or one does and two sentences break
    around a short line (`... a line of movable` / `flood barriers` / `along the east bank`).
    Renderings that keep a paragraph on one line almost never show this; there a lower-case
    line is a list item, a date or an e-mail address under the line before, not a sentence
    going on."""
    # (most pages have no line starting so: a set of first characters tells at C speed)
    if _SPLIT_MARKS.isdisjoint({line[:1] for line in lines}):
        return False
    found = 0
    for line in lines:
        if _opens_with_punctuation(line):
            found += 1
            if found >= MIN_SPLIT_LINES:
                return True
    return found > 0 and _broken_around_short_lines(lines) >= MIN_SPLIT_LINES


def _broken_around_short_lines(lines: list[str]) -> int:
    """How many short lines stand between a line that breaks off after a lower-case word
    and a line that goes on in lower case."""
    return sum(
        1
        for before, line, after in zip(lines, lines[1:], lines[2:])
        if line and len(line) <= MAX_INLINE_FRAGMENT_CHARS and len(before) >= MIN_BROKEN_LINE_CHARS and before[-1].islower()
        and after[:1].islower() and len(after) >= MIN_BROKEN_LINE_CHARS
    )
