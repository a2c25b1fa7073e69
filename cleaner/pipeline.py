"""The text path, top to bottom: segment, label (rules, content model), headline, assemble."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from . import headline, model
from .document import DROP, KEEP, Block, CleanResult
from . import language
from .language import Language
from .registry import RuleSet, load_rules
from .segment import segment

# The end-of-article markers (comment headings, ...) count only once this share of the
# page's prose (or this much prose) has been seen: a "Comments" link in the top menu must
# not end the article, and a short article followed by long comments must still end.
END_MARKER_MIN_PROSE_SHARE = 0.3
END_MARKER_MIN_PROSE_CHARS = 400
# ... and not when it comes early (less prose than this before it) and the next blocks hold
# this many times as much prose as came before: then it is a link in the article's header.
END_MARKER_EARLY_PROSE_CHARS = 1000
END_MARKER_LOOKAHEAD = 10
END_MARKER_LEAD_FACTOR = 2.0
# Prose right after the page's headline (the block repeating the title line) counts
# this many times: a one-paragraph article must win over longer chrome elsewhere.
ANCHOR_BOOST = 2.0
# Rules run on the model's region and this many blocks around it (the headline and
# standfirst before it, section markers after it) ...
RULE_MARGIN = 8
# ... for at most this many passes (the region rarely moves more than once), then on all.
MAX_RULE_PASSES = 4
# Cleaning its own output again until it no longer changes takes at most this many passes.
MAX_SETTLE_PASSES = 8
# The list under a related/tags heading is dropped up to this many blocks.
MAX_SECTION_LIST = 40
# Characters of the page's longer blocks read to guess its language.
LANGUAGE_SAMPLE_CHARS = 6000
LANGUAGE_SAMPLE_MIN_BLOCK = 60


@dataclass
class Options:
    """How to clean. Build once and reuse: the rule set is compiled on creation."""

    rules: RuleSet = field(default_factory=load_rules)
    no_title: bool = False
    # "auto" detects HTML; "text" or "html" forces a path
    input_type: str = "auto"
    # also run the rules on blocks far from the article, only to name them (--explain):
    # the output is the same
    check_every_block: bool = False
    # Site-level chrome learned from a batch: normalised block text -> pages it recurred on.
    site_profile: dict[str, int] | None = None


@dataclass
class PageMemo:
    """What the settling passes reuse from the first: a block's class depends on its text
    and the stoplist alone. (Rule matches are remembered by the rule set itself.)"""

    classes: dict[frozenset[str] | None, dict[str, model.BlockClass]] = field(default_factory=dict)
    # a block's lower-cased words (read by the language guess and by the model), and those
    # that are frequent words of some language
    words: dict[str, list[str]] = field(default_factory=dict)
    frequent: dict[str, list[str]] = field(default_factory=dict)


def clean_text(text: str, options: Options | None = None) -> CleanResult:
    options = options or Options()
    memo = PageMemo()
    result = _clean_once(text, options, memo)
    return settle(result, options, memo)


def _clean_once(text: str, options: Options, memo: PageMemo | None = None, blocks: list[Block] | None = None) -> CleanResult:
    """One cleaning of `text`; `blocks` are its segments when the caller already has them."""
    blocks = segment(text) if blocks is None else blocks
    memo = memo or PageMemo()
    guess = _page_language(blocks, text, memo)
    result = label_blocks(blocks, options, guess.stopwords, memo)
    result.language = guess.name
    return result


def _page_language(blocks: list[Block], text: str, memo: PageMemo) -> Language:
    """The language of the page's longer blocks (menus are short, and often English)."""
    found = _sample_frequent_words(blocks, memo)
    if found is None:
        return language.detect(text[:LANGUAGE_SAMPLE_CHARS].lower().split())
    frequent, words = found
    if words > language.SAMPLE_WORDS:  # only the first words count: read the sample as such
        return language.detect(_language_sample(blocks).lower().split())
    return language.decide(language.votes(frequent), words)


def _language_sample(blocks: list[Block]) -> str:
    """The first LANGUAGE_SAMPLE_CHARS characters of the longer blocks, joined by spaces."""
    return " ".join(b.text for b in blocks if len(b.text) >= LANGUAGE_SAMPLE_MIN_BLOCK)[:LANGUAGE_SAMPLE_CHARS]


def _sample_frequent_words(blocks: list[Block], memo: PageMemo) -> tuple[list[str], int] | None:
    """The frequent words among the language sample's words, and how many words it has
    (None if no block is long enough), as if read from `_language_sample`: each block's
    words are remembered, so the settling passes, whose pages are the article's blocks
    again, only add them up."""
    parts, size = [], 0
    for block in blocks:
        if len(block.text) >= LANGUAGE_SAMPLE_MIN_BLOCK:
            parts.append(block.text)
            size += len(block.text) + 1
            if size >= LANGUAGE_SAMPLE_CHARS:
                break
    if not parts:
        return None
    words, frequent = memo.words, memo.frequent
    found: list[str] = []
    total = 0
    # the sample ends inside the last part when the parts are longer than the sample
    whole = parts if size - 1 <= LANGUAGE_SAMPLE_CHARS else parts[:-1]
    for part in whole:
        if part not in frequent:
            tokens = words[part] if part in words else words.setdefault(part, part.lower().split())
            frequent[part] = language.frequent(tokens)
        found += frequent[part]
        total += len(words[part])
    if len(whole) < len(parts):
        tokens = parts[-1][: LANGUAGE_SAMPLE_CHARS - (size - len(parts[-1]) - 1)].lower().split()
        found += language.frequent(tokens)
        total += len(tokens)
    return found, total


def settle(result: CleanResult, options: Options, memo: PageMemo | None = None) -> CleanResult:
    """Clean the output again until it no longer changes: cleaning is idempotent.

    The content model judges blocks by their neighbours and their place on the page, and
    the article alone is a different page from the article among its chrome; where the
    second reading drops what the first kept, it is dropped (`model.settle`). This reads
    only the kept paragraphs, a small part of the page.
    """
    quick = replace(options, check_every_block=False, no_title=False)
    current = result
    for _ in range(MAX_SETTLE_PASSES):
        if not current.body:
            break
        text = _full_text(current.title, current.body)
        again = _clean_once(text, quick, memo, _output_blocks(current.title, current.body))
        if again.text == text:
            break
        current = again
    if current is result:
        return result
    # The settled body is a subsequence of the first one: match it in order, so that of a
    # paragraph standing twice (an embed's "View this post on Instagram") only the copy the
    # settled text kept stays.
    body, title, next_kept = current.body, current.title, 0
    for block in result.blocks:
        if block.verdict != KEEP:
            continue
        if title is not None and block.text == title:
            block.decide(KEEP, "headline.title", "title")
            title = None  # the first copy only
        elif next_kept < len(body) and block.text == body[next_kept]:
            next_kept += 1
            if block.role != "body":
                block.decide(KEEP, "model.prose", "body")
        else:
            block.decide(DROP, "model.settle", "chrome")
    settled = assemble(result.blocks, current.title if not options.no_title else None, current.title, result.author, result.date, result.source)
    settled.language = result.language
    return settled


def _paragraphs(title: str | None, body: list[str]) -> list[str]:
    return ([title] if title else []) + body


def _full_text(title: str | None, body: list[str]) -> str:
    return "\n\n".join(_paragraphs(title, body)) + "\n"


def _output_blocks(title: str | None, body: list[str]) -> list[Block]:
    """`segment(_full_text(title, body))`, without segmenting: the output's paragraphs are
    blocks already (normalised, one line each, a blank line between them, so no run of lines
    to re-flow). A test checks the two agree."""
    paragraphs = _paragraphs(title, body)
    lines = range(0, 2 * len(paragraphs), 2)
    return list(map(Block, range(len(paragraphs)), paragraphs, lines, lines))


def label_blocks(
    blocks: list[Block], options: Options, stopwords: frozenset[str] | None, memo: PageMemo | None = None
) -> CleanResult:
    rules = options.rules
    off = rules.features_off
    n = len(blocks)
    actions: list[str | None] = [None] * n
    memo = memo or PageMemo()

    # 1. content model: each block on its own features
    known = memo.classes.setdefault(stopwords, {})
    texts = [block.text for block in blocks]
    missing = [t for t in texts if t not in known]
    if missing:
        known.update(zip(missing, model.assess_all(missing, stopwords, memo.words)))
    classes = list(map(known.__getitem__, texts))
    scores = list(map(model.block_score, texts, classes))
    model.penalise_repeats(texts, scores)
    model.boost_after_title(blocks, scores, headline.title_anchor(blocks), ANCHOR_BOOST)
    total_prose = sum(s for s in scores if s > 0)

    # site chrome learned from a batch of the same host
    profile = options.site_profile
    if profile and "site.repeated" not in off:
        _drop_site_chrome(blocks, actions, profile, stopwords, rules)
        for i, action in enumerate(actions):
            if action is not None:
                scores[i] = min(scores[i], model.rule_score(action))

    # 2. rules, each block on its own, where they can change the outcome. A rule only ever
    # lowers a block's score, so the best region found from partial knowledge is still the
    # best once every block in and around it has been checked: rules run on the region and
    # a margin, and again only if the region moves. Markers (comment headings, related
    # lists) count where they were checked: near the article.
    checked = [False] * n
    meta: dict[str, str] = {}

    def check(lo: int, hi: int) -> bool:
        """Run the rules on blocks lo..hi not checked yet; whether any rule claimed one."""
        claimed = False
        for i in range(lo, hi):
            if checked[i]:
                continue
            checked[i] = True
            if actions[i] is not None:
                continue
            text = texts[i]
            match = rules.match(text)
            if match is None:
                continue
            action = actions[i] = match.rule.action
            blocks[i].decide(DROP, match.rule.id, "meta" if action == "meta" else "chrome")
            scores[i] = min(scores[i], model.rule_score(action))
            claimed = True
            for key in ("author", "date", "source"):
                value = getattr(match, key)
                if value and key not in meta:
                    meta[key] = value
        return claimed

    for rule_pass in range(MAX_RULE_PASSES):
        region = model.find_region(scores)
        lo, hi = max(0, region[0] - RULE_MARGIN), min(n, region[1] + RULE_MARGIN)
        if all(checked[lo:hi]):
            break  # (scores unchanged since `region` was found)
        changed = check(lo, hi)
        if "model.after-end" not in off:
            changed = _end_of_article(blocks, actions, scores, total_prose, region[0]) or changed
        if not changed and rule_pass + 1 < MAX_RULE_PASSES:
            break  # same scores: the next pass would find this region, all checked
    else:
        check(0, n)
        if "model.after-end" not in off:
            _end_of_article(blocks, actions, scores, total_prose, model.find_region(scores)[0])
        region = model.find_region(scores)
    author, date, source = meta.get("author"), meta.get("date"), meta.get("source")

    # 3. the article's region, and keep/drop inside and outside it
    region = model.extend_region(classes, actions, region)
    ingredients = "model.ingredients" not in off
    region, lists = model.ingredient_lists(texts, classes, actions, region) if ingredients else (region, [])
    undecided = [a is None for a in actions]
    model.label(blocks, classes, region, undecided, lists, ingredients)
    if "model.author-bio" not in off:
        model.drop_author_bios(blocks, region)
    if options.check_every_block:
        # for --explain: name the rule that also claims a block dropped as outside
        for i in range(n):
            if not checked[i] and blocks[i].verdict == DROP:
                match = rules.match(blocks[i].text)
                if match is not None:
                    blocks[i].rule = f"{blocks[i].rule}+{match.rule.id}"

    # 4. lists under related/popular/tags headings go with their heading
    # (most pages have no such heading: `in` tells without a loop in Python)
    headings = [i for i, action in enumerate(actions) if action == "section"] if "section" in actions and "model.section-list" not in off else []
    for i in headings:
        for k in range(i + 1, min(n, i + 1 + MAX_SECTION_LIST)):
            if actions[k] is not None:
                continue
            if classes[k].kind == model.GOOD:
                break
            blocks[k].decide(DROP, "model.section-list", "chrome")

    # 5. headline: the title-like block just before the body; its copies go. It is the
    # first kept block (if title-like: the model may keep a long headline as prose) or a
    # block before it, never one after (the output keeps the input's order)
    first_kept = next((i for i, b in enumerate(blocks) if b.verdict == KEEP), -1)
    first_body = (
        first_kept + 1
        if first_kept >= 0 and blocks[first_kept].rule != "model.ingredients" and headline.title_like(blocks[first_kept])
        else first_kept
    )
    # The headline stands at most MAX_BLOCKS_BEFORE_BODY blocks before the body, not counting
    # blocks the rules drop: a share bar or a byline between headline and text is no distance.
    lowest, counted = max(first_body, 0), 0
    while lowest > 0 and counted < headline.MAX_BLOCKS_BEFORE_BODY and first_body - lowest < headline.MAX_SPAN_BEFORE_BODY:
        lowest -= 1
        check(lowest, lowest + 1)
        counted += actions[lowest] is None
    candidates = [a is None for a in actions]
    # trim rules (ticker stamps) apply to headline candidates only
    for i in range(lowest, first_body):
        block = blocks[i]
        if candidates[i] and len(block.text) <= headline.MAX_CHARS:
            trim = rules.trim(block.text)
            if trim is not None:
                block.cut, block.cut_rule, block.text = trim.cut, trim.rule.id, trim.remainder
    title_index = headline.choose(blocks, first_body, candidates, lowest)
    title = None
    if title_index is not None:
        title = blocks[title_index].text
        headline.keep_title(blocks[title_index], title)
        if "headline.duplicate" not in off:
            headline.mark_duplicates(blocks, title_index, title)
    if "model.standfirst" not in off:
        model.take_standfirst(blocks, actions, title_index)
    model.settle_edges(blocks, classes, -1 if title_index is None else title_index)

    return assemble(blocks, title if not options.no_title else None, title, author, date, source)


def _end_of_article(blocks: list[Block], actions: list[str | None], scores: list[float], total_prose: float, start: int) -> bool:
    """Nothing after a comment-section or footer marker is article text (True if it dropped any).

    Only markers after the start of the article's region count: a "Comments" link in a menu
    above the article must not end it.
    """
    if "after-end" in actions or "end" not in actions[start:]:
        return False
    seen = 0.0
    needed = min(END_MARKER_MIN_PROSE_SHARE * total_prose, END_MARKER_MIN_PROSE_CHARS)
    for i in range(start, len(scores)):
        score = scores[i]
        if actions[i] == "end" and seen >= needed and seen > 0 and not _article_goes_on(actions, scores, i, seen):
            for k in range(i + 1, len(blocks)):
                if actions[k] is None:
                    blocks[k].decide(DROP, "model.after-end", "chrome")
                    actions[k] = "after-end"
                    scores[k] = min(scores[k], -model.SHORT_COST)
            return True
        if score > 0:
            seen += score
    return False


def _article_goes_on(actions: list[str | None], scores: list[float], marker: int, seen: float) -> bool:
    """Whether the end marker at `marker` is a link in the article's header (`44 Kommentare`
    under the byline), not the comment section's heading: little prose before it, and
    much more right after it."""
    if seen >= END_MARKER_EARLY_PROSE_CHARS:
        return False
    after = range(marker + 1, min(len(scores), marker + 1 + END_MARKER_LOOKAHEAD))
    ahead = sum(scores[k] for k in after if scores[k] > 0 and actions[k] is None)
    return ahead > END_MARKER_LEAD_FACTOR * seen


def _drop_site_chrome(
    blocks: list[Block], actions: list[str | None], profile: dict[str, int], stopwords: frozenset[str] | None, rules: RuleSet | None = None
) -> None:
    """Drop blocks learned as site chrome (`site.repeated`), noting on how many pages they recurred.

    The article's text never goes: a learned block that sits between two paragraphs of the
    page's own prose, or a title-like one just before the prose (the page's own headline,
    listed as a related link on other pages), is kept unless it is near-universal on the
    host (see `cleaner.site.protect`).
    """
    from .site import SiteProfile, block_key, protect

    pages = getattr(profile, "pages", 0)
    if not isinstance(profile, SiteProfile):
        profile = SiteProfile(profile, pages=pages)
    keys = [block_key(b.text) if actions[i] is None else None for i, b in enumerate(blocks)]
    hits = [k is not None and k in profile for k in keys]
    if not any(hits):
        return

    matched: dict[int, bool] = {}

    def chrome(k: int) -> bool:
        # decided by a rule already, or matched by one (rules may not have run yet)
        if actions[k] is not None:
            return True
        if rules is None:
            return False
        if k not in matched:
            matched[k] = rules.match(blocks[k].text) is not None
        return matched[k]

    def prose(k: int, step: int) -> bool:
        # the nearest block that way which is neither rule chrome nor learned chrome is prose
        k += step
        while 0 <= k < len(blocks) and (hits[k] or chrome(k)):
            k += step
        return 0 <= k < len(blocks) and model.assess(blocks[k].text, stopwords).kind == model.GOOD

    for i, block in enumerate(blocks):
        if not hits[i]:
            continue
        count = profile[keys[i]]
        where = f"{count}/{pages} pages" if pages else f"{count} pages"
        after = prose(i, 1)
        if protect(profile, keys[i], prose(i, -1) or headline.title_like(block), after):
            block.note = f"site: on {where}, kept (headline or inside the article's prose)"
            continue
        actions[i] = "drop"
        block.decide(DROP, "site.repeated", "chrome")
        block.note = f"site: recurred on {where}"


def assemble(
    blocks: list[Block],
    printed_title: str | None,
    title: str | None,
    author: str | None,
    date: str | None,
    source: str | None,
) -> CleanResult:
    body = [b.text for b in blocks if b.verdict == KEEP and b.role == "body"]
    parts = ([printed_title] if printed_title else []) + body
    text = "\n\n".join(parts) + "\n" if parts else ""
    return CleanResult(
        title=title,
        body=body,
        text=text,
        author=author,
        date=date,
        source=source,
        blocks=blocks,
    )
