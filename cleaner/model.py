"""Stage 4b: the content model. Which blocks are the article's body?

Read top to bottom, like jusText:
1. `assess`: each block on its own features (length, words, stopword share, sentence
   punctuation, share of plain-word tokens): good (reads as prose), near-good, short, bad.
2. `find_region`: the article is one stretch of the page; the best-scoring contiguous run of
   blocks (prose scores, chrome costs) is its region.
3. `label`: inside the region, short blocks between prose (subheadings, list items, short
   paragraphs) are kept; outside it, everything is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from . import language
from .document import DROP, KEEP, Block
from .headline import is_standfirst_after, title_like
from .registry import phrase_key
from .segment import CLOSERS, OTHER_SCRIPT_STOPS

# -- tunable constants ------------------------------------------------------------------
# A block of at least this many characters and this stopword share reads as prose ("good").
GOOD_MIN_CHARS = 70
GOOD_MIN_STOPWORD_SHARE = 0.38
# Below this stopword share even a long block is not prose (lists of names, link rows).
NEAR_GOOD_MIN_STOPWORD_SHARE = 0.12
# Blocks shorter than this are "short": decided by their neighbours, not on their own.
SHORT_MAX_CHARS = 90
# Region scoring: what a good block earns per character, and what other blocks cost.
NEAR_GOOD_WEIGHT = 0.5
SHORT_COST = 20.0
BAD_COST_PER_CHAR = 0.6
BAD_MIN_COST = 25.0
RULE_COST = 40.0
END_MARKER_COST = 2000.0
# Sentence-final punctuation gives a short block a small push towards prose.
SENTENCE_END_BONUS = 10.0
# Inside the region, a run of more than this many consecutive short/bad blocks is chrome
# that sits between two parts of the article (a related-links box), not subheadings.
MAX_SHORT_RUN_IN_REGION = 2
# A link-like line has at most this many words (menu entries have a few; a verse or a list
# item in the article has more).
LINK_MAX_WORDS = 8
# Short blocks in the region are kept only if they have at least this many characters
# (lone words between paragraphs are buttons and labels more often than headings).
MIN_KEPT_SHORT_CHARS = 12
# Blocks after the headline whose prose is boosted (see pipeline.ANCHOR_BOOST).
ANCHOR_SPAN = 8
# Blocks shorter than this that stand twice on a page count as chrome in region scoring.
REPEAT_MAX_CHARS = 200
# A run of prose at most MERGE_MAX_GAP blocks from the article's region that scores at
# least MERGE_MIN_SHARE of it is the article's continuation (up to MAX_MERGES of them).
MERGE_MIN_SHARE = 0.1
MERGE_MAX_GAP = 25
MAX_MERGES = 2
# Prose in the last part of the page, from this share of its blocks on, is discounted
# linearly, down to (1 - LATE_DISCOUNT) at the last block.
LATE_START = 0.3
LATE_DISCOUNT = 0.8
# Short sentence blocks just outside the region taken in (standfirst, closing line).
MAX_EDGE_SENTENCES = 2
# A lone block between the headline and the first paragraph is the standfirst if it has
# at least this many characters and words (see `take_standfirst`).
MIN_STANDFIRST_CHARS = 40
MIN_STANDFIRST_WORDS = 5
# A recipe's ingredient list is article text, though its lines are short: the list under
# an ingredients heading (see `ingredient_lists`) is taken in when it ends at most this
# many blocks before the region (the method's heading, a step number) or starts at most
# this many blocks after it ...
INGREDIENTS_MAX_GAP = 12
# ... and it has at most this many lines. Its heading is shorter than this.
MAX_INGREDIENT_LINES = 60
MAX_INGREDIENTS_HEADING_CHARS = 40
# At most this many paragraphs at the article's end are an author's bio (see
# `drop_author_bios`), each at most this long.
MAX_AUTHOR_BIOS = 2
MAX_AUTHOR_BIO_CHARS = 600

GOOD = "good"
NEAR_GOOD = "near-good"
SHORT = "short"
BAD = "bad"

# Blocks whose tokens are mostly not plain words (dates, counts, codes, link lists with
# separators) are not prose whatever their stopwords.
MIN_WORD_TOKEN_SHARE = 0.5
# Prose of this many words has at least one comma or full stop.
UNPUNCTUATED_MAX_WORDS = 35
# Scripts written without spaces (Chinese, Japanese, Thai): a block with many characters per
# space-separated token is judged by length and its own sentence punctuation.
UNSPACED_CHARS_PER_TOKEN = 12
UNSPACED_GOOD_MIN_CHARS = 25
# Thai and Lao mark no sentence ends at all (a space parts sentences): their prose is told
# by length alone, longer than menu entries and teaser headlines.
UNPUNCTUATED_SCRIPT_GOOD_MIN_CHARS = 100
# Pages in a language we have no stoplist for: prose is long and ends its sentences.
UNKNOWN_LANGUAGE_GOOD_MIN_CHARS = 100
# A block this long that does not read as prose in the page's language is also read in
# its own language (see `_assess_longer`), if its stopword share in the page's language is
# below this (another language's prose scores from about 0.05 to 0.2; lists in the page's
# own language score from 0.2 up, and reading them again would only cost time).
OWN_LANGUAGE_MIN_CHARS = 200
OWN_LANGUAGE_MAX_SHARE = 0.25

# Matched against a block's phrase key (letters only, lower case: "Zutaten für 4 Personen:"
# is "zutaten für personen").
_INGREDIENTS_HEADING = re.compile(
    r"(?:zutaten|ingredients?|ingrédients|ingredientes|ingredienti|składniki|ingrediënten|ingredienser)"
    r"(?: (?:für|for|the|pour|para|per|dla|voor|til|le|la|les|el|den|die|das)\b[^\n]{0,40})?"
)
_INGREDIENTS_WORD = re.compile(r"(?im)^\W*(?:zutaten|ingredient|ingrédient|składnik)")
_METHOD_HEADING = re.compile(
    r"(?:zubereitung|anleitung|so geht s|instructions|directions|method|preparation|steps|préparation|"
    r"preparación|elaboración|preparazione|procedimento|przygotowanie|bereiding|bereidingswijze|modo de preparo|"
    # the nutrition table after the list is no article text
    r"nährwerte|nährwertangaben|nutrition|nutrition facts|nutritional information|valeurs nutritionnelles|"
    r"información nutricional|valori nutrizionali)"
    r"(?: [^\n]{0,40})?"
)
# An author's bio: a name, then what the author does for a living ("Jane Roe is a senior
# reporter at ...", "Moritz Muster leitet das Ressort ...", "Ana Ruiz es periodista ...").
_AUTHOR_BIO = re.compile(
    # a bio without its subject, as papers print them under a column: "Schreibt seit 2008 für
    # die taz.", "Writes about energy for the paper."
    r"(?:Schreibt|Arbeitet|Writes) (?:seit|für|als|über|for|about|on|as)\b"
    r"|(?:[A-ZÀ-ÖØ-Þ][\w'’.-]+ ){1,3}(?:is|was|has been|writes|covers|ist|war|leitet|schreibt|arbeitet|est|es|fue|escribe)\b"
    r"[^.!?]{0,80}?(?i:\b(?:editor|reporter|journalist|writer|correspondent|columnist|contributor|redakteur|redakteurin|"
    r"journalistin|autor|autorin|korrespondent|korrespondentin|kolumnist|kolumnistin|volontär|volontärin|chefredakteur|"
    r"chefredakteurin|ressort|blogger|bloggerin|rédacteur|rédactrice|journaliste|chroniqueur|chroniqueuse|periodista|"
    r"redactor|redactora|corresponsal|columnista|head of|experte|expertin|expert|"
    # founders and scholars who write for the page
    r"founder|co-founder|cofounder|professor|lecturer|researcher|author of|gründer|gründerin|mitgründer|"
    r"mitgründerin|gründungspartner|professorin|dozent|dozentin|wissenschaftler|wissenschaftlerin|fondateur|"
    r"fondatrice|professeur|professeure|chercheur|chercheuse|fundador|fundadora|profesor|profesora|investigador|"
    r"investigadora))"
)
# Kept blocks that are the article's text in their own right, not short lines kept for
# their neighbours' sake (settle_edges may drop those at the article's edges).
_PARAGRAPH_RULES = frozenset({"model.prose", "model.ingredients", "model.standfirst"})
_INNER_PUNCTUATION = re.compile(r"[.,;!?:،؛।۔؟]\s")
_UNSPACED_PUNCTUATION = re.compile(r"[。，、！？；：။၊។៕]")  # CJK, Myanmar, Khmer
_UNPUNCTUATED_SCRIPT = re.compile(r"[\u0e00-\u0eff]")  # Thai, Lao


@dataclass(frozen=True, slots=True)
class BlockClass:
    kind: str
    reason: str
    sentence_end: bool


_CLASSES = {
    (kind, ends): BlockClass(kind, "model.prose" if kind in (GOOD, NEAR_GOOD) else "model.short", ends)
    for kind in (GOOD, NEAR_GOOD, SHORT, BAD)
    for ends in (False, True)
}
# Below this many characters a block is short whatever its script.
_ALWAYS_SHORT_BELOW = min(SHORT_MAX_CHARS, UNSPACED_GOOD_MIN_CHARS)
_CLOSERS = CLOSERS + "\ufe0f"  # (the variation selector after an emoji)
# A face emoji ends a sentence as a full stop does ("… und das gefällt mir 😉").
_FACES = chain(range(0x1F600, 0x1F650), range(0x1F910, 0x1F930), range(0x1F970, 0x1F97B), (0x2639, 0x263A))
_ENDERS = frozenset(".!?…:;" + OTHER_SCRIPT_STOPS).union(map(chr, _FACES))


def ends_sentence(text: str) -> bool:
    """Ends in sentence punctuation, maybe followed by closing quotes or brackets."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _ENDERS


def assess(text: str, stopwords: frozenset[str] | None) -> BlockClass:
    """Features and class of one block's text. `stopwords` is None when the page's language
    is unknown."""
    return assess_all([text], stopwords)[0]


def assess_all(texts: list[str], stopwords: frozenset[str] | None, words: dict[str, list[str]] | None = None) -> list[BlockClass]:
    """The classes of a page's blocks. Most blocks of a page are short (menu items, labels),
    decided by their neighbours and the rules: those take one comparison each.

    `words` remembers each text's lower-cased words (the language guess has read some).
    """
    words = {} if words is None else words
    ends = [text.rstrip(_CLOSERS)[-1:] in _ENDERS for text in texts]
    return [
        (_CLASSES[SHORT, end] if text else _CLASSES[BAD, end])
        if len(text) < _ALWAYS_SHORT_BELOW
        else _assess_medium(text, end)
        if len(text) < SHORT_MAX_CHARS and (text.isascii() or not _UNSPACED_PUNCTUATION.search(text))
        else _assess_longer(text, end, stopwords, words[text] if text in words else words.setdefault(text, text.lower().split()))
        for text, end in zip(texts, ends)
    ]


def _assess_medium(text: str, ends: bool) -> BlockClass:
    """`_assess_longer` for a block shorter than SHORT_MAX_CHARS without CJK punctuation,
    without splitting it into words: such a block is short, or bad if it has no words."""
    return _CLASSES[BAD, ends] if text.isspace() else _CLASSES[SHORT, ends]


def _assess_longer(text: str, ends: bool, stopwords: frozenset[str] | None, tokens: list[str]) -> BlockClass:
    chars = len(text)
    words = len(tokens)
    if not words:
        return _CLASSES[BAD, ends]
    if chars >= UNSPACED_CHARS_PER_TOKEN * words:
        # no spaces between words: count characters, look for the script's punctuation
        if chars >= UNSPACED_GOOD_MIN_CHARS and _UNSPACED_PUNCTUATION.search(text):
            return _CLASSES[GOOD, ends]
        if chars >= UNPUNCTUATED_SCRIPT_GOOD_MIN_CHARS and _UNPUNCTUATED_SCRIPT.search(text):
            return _CLASSES[GOOD, ends]
        return _CLASSES[SHORT, ends]
    if chars < SHORT_MAX_CHARS:
        return _CLASSES[SHORT, ends]
    plain = sum(map(str.isalpha, tokens))
    if plain < MIN_WORD_TOKEN_SHARE * words and not text.isascii():
        # the vowel signs of Devanagari, Bengali, Tamil ... are combining marks, not letters
        plain = sum(map(_is_word, tokens))
    if plain < MIN_WORD_TOKEN_SHARE * words:
        return _CLASSES[BAD, ends]
    if words >= UNPUNCTUATED_MAX_WORDS and not ends and not _INNER_PUNCTUATION.search(text):
        # a long run of words without a comma or full stop: tag cloud, menu, archive list
        return _CLASSES[BAD, ends]
    if stopwords is None:
        kind = GOOD if ends and chars >= UNKNOWN_LANGUAGE_GOOD_MIN_CHARS else NEAR_GOOD
        return _CLASSES[kind, ends]
    share = sum(map(stopwords.__contains__, tokens)) / words
    if share < OWN_LANGUAGE_MAX_SHARE and chars >= OWN_LANGUAGE_MIN_CHARS:
        # The page's language is guessed from its longer blocks, and a page's chrome can
        # outweigh its article (English server warnings or cookie text above a German
        # post): a long block is also read in its own language, if it clearly has one.
        own = language.detect(tokens).stopwords
        if own is not None and own is not stopwords:
            share = max(share, sum(map(own.__contains__, tokens)) / words)
    if share >= GOOD_MIN_STOPWORD_SHARE and chars >= GOOD_MIN_CHARS:
        return _CLASSES[GOOD, ends]
    if share >= NEAR_GOOD_MIN_STOPWORD_SHARE:
        return _CLASSES[NEAR_GOOD, ends]
    return _CLASSES[BAD, ends]


def _is_word(token: str) -> bool:
    """Letters and the combining marks written on them."""
    return all(ch.isalpha() or unicodedata.category(ch)[0] == "M" for ch in token)


def rule_score(action: str) -> float:
    """What a block claimed by a rule (or site learning) may score at most."""
    return -END_MARKER_COST if action == "end" else -RULE_COST


def block_score(text: str, cls: BlockClass) -> float:
    """What a block adds to (prose) or takes from (chrome) the region it is in."""
    kind = cls.kind
    if kind == GOOD:
        return float(len(text))
    if kind == SHORT:
        return -SHORT_COST + (SENTENCE_END_BONUS if cls.sentence_end else 0.0)
    if kind == NEAR_GOOD:
        return NEAR_GOOD_WEIGHT * len(text) - (0 if cls.sentence_end else SHORT_COST)
    return -max(BAD_MIN_COST, BAD_COST_PER_CHAR * len(text))


def penalise_repeats(texts: list[str], scores: list[float]) -> None:
    """A block whose text stands more than once on the page (the menu again in the footer,
    a teaser listed twice) is chrome, unless it is long (a pull quote repeats a paragraph)."""
    counts = Counter(texts)
    if len(counts) == len(texts):
        return
    for i, text in enumerate(texts):
        if counts[text] > 1 and len(text) < REPEAT_MAX_CHARS:
            scores[i] = min(scores[i], -SHORT_COST)


def boost_after_title(blocks: list[Block], scores: list[float], anchor: int | None, factor: float) -> None:
    if anchor is None:
        return
    for i in range(anchor + 1, min(len(blocks), anchor + 1 + ANCHOR_SPAN)):
        if scores[i] > 0:
            scores[i] *= factor


def find_region(scores: list[float]) -> tuple[int, int]:
    """The contiguous run of blocks with the highest total score (Kadane), as [start, end).

    Prose late in the page counts for less: what follows the article (comments, legal
    notices, the sidebar's teasers) is often as long as the article itself.
    """
    n = len(scores)
    late_from = int(LATE_START * n)
    span = n - late_from
    weighted = scores[: late_from + 1] + [
        score * (1.0 - LATE_DISCOUNT * i / span) if score > 0 else score
        for i, score in enumerate(scores[late_from + 1 :], 1)
    ]
    best, start, end = _best_run(weighted, 0, n)
    if best <= 0:
        return 0, 0
    # An article interrupted by a box (a gallery, a related-links list) continues after it:
    # a nearby run nearly as strong is part of it.
    for _ in range(MAX_MERGES):
        after, a_start, a_end = _best_run(weighted, end, n)
        if after >= MERGE_MIN_SHARE * best and a_start - end <= MERGE_MAX_GAP:
            end = a_end
            continue
        before, b_start, b_end = _best_run(weighted, 0, start)
        if before >= MERGE_MIN_SHARE * best and start - b_end <= MERGE_MAX_GAP:
            start = b_start
            continue
        break
    return start, end


def _best_run(scores: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """Kadane over scores[lo:hi]: (total, start, end) of the best-scoring run."""
    best, best_start, best_end = 0.0, lo, lo
    running, start = 0.0, lo
    for i, score in enumerate(scores[lo:hi], lo):
        if running <= 0:
            running, start = score, i
        else:
            running += score
        if running > best:
            best, best_start, best_end = running, start, i + 1
    return best, best_start, best_end


def link_like(text: str) -> bool:
    """Reads like a link or menu entry: capitalised, a few words, no digits, no sentence end.

    Code, table rows, ingredient lists and list items inside an article mostly are not.
    """
    return (
        bool(text)
        and text[0].isupper()
        and len(text.split()) <= LINK_MAX_WORDS
        and not ends_sentence(text)
        and not any(map(str.isdigit, text))
    )


def extend_region(classes: list[BlockClass], actions: list[str | None], region: tuple[int, int]) -> tuple[int, int]:
    """Take in short sentences at the region's edges (a one-line standfirst, a closing line).

    The best-scoring run never starts or ends on a block that costs, so a short first or
    last paragraph would be left out; a few such blocks that end a sentence and that no
    rule claims are taken in.
    """
    start, end = region
    if start == end:
        return region
    for _ in range(MAX_EDGE_SENTENCES):
        k = start - 1
        if k < 0 or actions[k] is not None or classes[k].kind == BAD or not classes[k].sentence_end:
            break
        start = k
    for _ in range(MAX_EDGE_SENTENCES):
        if end >= len(classes) or actions[end] is not None or classes[end].kind == BAD or not classes[end].sentence_end:
            break
        end += 1
    return start, end


def ingredient_lists(
    texts: list[str], classes: list[BlockClass], actions: list[str | None], region: tuple[int, int]
) -> tuple[tuple[int, int], list[range]]:
    """A recipe's ingredient lists near the article's region, and the region taken over them.

    A list starts at an ingredients heading (`Zutaten`, `Ingredients:`) and runs to the
    method's heading, the first prose or a rule's end marker. Its lines are quantities and
    names (`200 g Schlagsahne`, `Butter`) that the region, scored by prose, never reaches,
    and that a run of short lines inside it would drop as a menu.
    """
    start, end = region
    n = len(texts)
    if start == end:
        return region, []
    lo, hi = max(0, start - MAX_INGREDIENT_LINES - INGREDIENTS_MAX_GAP), min(n, end + INGREDIENTS_MAX_GAP)
    # most pages are no recipes: one search over the blocks around the region first (a list
    # inside the region is found by `_label_run`)
    if not _INGREDIENTS_WORD.search("\n".join(texts[lo:start] + texts[end:hi])):
        return region, []
    lists = []
    for h in chain(range(lo, start), range(end, hi)):
        if actions[h] is not None or not _opens_ingredients(texts[h]):
            continue
        k = h + 1
        while (
            k < n and k - h <= MAX_INGREDIENT_LINES and classes[k].kind != GOOD
            and actions[k] not in ("end", "section") and not _closes_ingredients(texts[k])
        ):
            k += 1
        if k == h + 1:
            continue
        if h < start and start - k <= INGREDIENTS_MAX_GAP:
            start = h
        elif h >= end and h - end <= INGREDIENTS_MAX_GAP:
            end = k
        else:
            continue
        lists.append(range(h, k))
    return (start, end), lists


def drop_author_bios(blocks: list[Block], region: tuple[int, int]) -> None:
    """An author's bio after the article reads as prose: the last paragraphs, if they begin
    with a name and say what the author does, go (never the only paragraph). Paragraphs
    are kept in the region only."""
    last = []  # the last paragraphs, last first, and one more
    for i in range(region[1] - 1, region[0] - 1, -1):
        block = blocks[i]
        if block.verdict == KEEP and block.rule == "model.prose":
            last.append(block)
            if len(last) > MAX_AUTHOR_BIOS:
                break
    for block in last[: min(MAX_AUTHOR_BIOS, len(last) - 1)]:
        if len(block.text) > MAX_AUTHOR_BIO_CHARS or not _AUTHOR_BIO.match(block.text):
            break
        block.decide(DROP, "model.author-bio", "chrome")


def take_standfirst(blocks: list[Block], actions: list[str | None], title_index: int | None) -> None:
    """The one block between the headline and the first paragraph that no rule claims is the
    standfirst: kept, though it may not read as prose on its own (a long line without
    punctuation, a teaser sentence in another register)."""
    if title_index is None:
        return
    between = []
    for i in range(title_index + 1, len(blocks)):
        block = blocks[i]
        if block.verdict == KEEP:
            break
        if actions[i] is None:
            between.append(block)
    else:
        return
    if len(between) != 1:
        return
    text = between[0].text
    # a title-like one would be the nearest headline candidate when the output is read
    # again, and take the headline's place, unless it reads as the headline's standfirst
    if len(text) >= MIN_STANDFIRST_CHARS and len(text.split()) >= MIN_STANDFIRST_WORDS and (
        not title_like(between[0]) or is_standfirst_after(blocks[title_index], between[0])
    ):
        between[0].decide(KEEP, "model.standfirst", "body")


def settle_edges(blocks: list[Block], classes: list[BlockClass], title_index: int) -> None:
    """Short lines kept at the article's edges: only what a second cleaning would keep.

    Cleaned again, the article is the region and its edges are extended by at most
    MAX_EDGE_SENTENCES short sentences (extend_region); short lines kept here before the
    first or after the last paragraph because chrome followed them must go, or cleaning
    would not be idempotent.
    """
    def paragraph(i: int) -> bool:
        return blocks[i].verdict == KEEP and blocks[i].rule in _PARAGRAPH_RULES

    first = next(filter(paragraph, range(len(blocks))), None)
    if first is None:
        return
    last = next(filter(paragraph, range(len(blocks) - 1, first - 1, -1)))
    edges = (range(last + 1, len(blocks)), range(first - 1, title_index, -1))
    for edge in edges:
        taken, open_edge = 0, True
        for i in edge:
            b = blocks[i]
            if b.verdict != KEEP or b.role != "body":
                continue
            c = classes[i]
            if open_edge and taken < MAX_EDGE_SENTENCES and c.sentence_end and c.kind != BAD:
                taken += 1
            else:
                open_edge = False
                b.decide(DROP, "model.short", "chrome")


def label(
    blocks: list[Block],
    classes: list[BlockClass],
    region: tuple[int, int],
    undecided: list[bool],
    lists: list[range] = (),
    ingredients: bool = True,
) -> None:
    """Decide KEEP/DROP for every block the rules left undecided; the lines of `lists`
    (see `ingredient_lists`) are kept, and so are ingredient lists inside the region
    unless `ingredients` is off."""
    for span in lists:
        for k in span:
            if undecided[k]:
                blocks[k].decide(KEEP, "model.ingredients", "body")
                undecided[k] = False
    start, end = region
    # most of a page is outside the region: set directly, not through a call per block
    for i in chain(range(start), range(end, len(blocks))):
        if undecided[i]:
            block = blocks[i]
            block.verdict, block.rule, block.role = DROP, "model.outside", "chrome"
    i = start
    while i < end:
        block, cls = blocks[i], classes[i]
        if not undecided[i]:
            i += 1
            continue
        if cls.kind in (GOOD, NEAR_GOOD):
            block.decide(KEEP, "model.prose", "body")
            i += 1
            continue
        # a run of non-prose blocks inside the region
        j = i
        while j < end and (not undecided[j] or classes[j].kind in (SHORT, BAD)):
            j += 1
        # (a kept paragraph ending in a colon introduces the run: a list, whatever it looks like)
        introduced = i > start and blocks[i - 1].verdict == KEEP and blocks[i - 1].text.endswith(":")
        _label_run(blocks, [k for k in range(i, j) if undecided[k]], ingredients, introduced)
        i = max(j, i + 1)


def _label_run(blocks: list[Block], run: list[int], ingredients: bool = True, introduced: bool = False) -> None:
    """A run of short blocks between paragraphs: an ingredient list in it is kept; else a
    menu-like run (many link-like lines) is dropped unless a paragraph ending in a colon
    introduced it; other runs are kept but for lone words."""
    heading = None
    if ingredients and _INGREDIENTS_WORD.search("\n".join([blocks[k].text for k in run])):  # (one look at the run first)
        heading = next((p for p, k in enumerate(run) if _opens_ingredients(blocks[k].text)), None)
    if heading is not None:
        _label_run(blocks, run[:heading], ingredients)
        after = next((p for p in range(heading + 1, len(run)) if _closes_ingredients(blocks[run[p]].text)), len(run))
        for k in run[heading:after]:
            blocks[k].decide(KEEP, "model.ingredients", "body")
        _label_run(blocks, run[after:], ingredients)
        return
    if not introduced and sum(1 for k in run if link_like(blocks[k].text)) > MAX_SHORT_RUN_IN_REGION:
        for k in run:
            blocks[k].decide(DROP, "model.boilerplate-run", "chrome")
        return
    # subheadings, short paragraphs, list items, lines that introduce a list, and the odd
    # table row or code line between paragraphs
    for k in run:
        b = blocks[k]
        if len(b.text) >= MIN_KEPT_SHORT_CHARS:
            b.decide(KEEP, "model.heading", "body")
        else:
            b.decide(DROP, "model.short", "chrome")


def _closes_ingredients(text: str) -> bool:
    """The method's heading or the nutrition table's: the ingredient list ends there."""
    return _METHOD_HEADING.fullmatch(phrase_key(text)) is not None


def _opens_ingredients(text: str) -> bool:
    # (the first regex is a cheap test of the text's start; the phrase key is the real one)
    return (
        len(text) < MAX_INGREDIENTS_HEADING_CHARS
        and _INGREDIENTS_WORD.match(text) is not None
        and _INGREDIENTS_HEADING.fullmatch(phrase_key(text)) is not None
    )
