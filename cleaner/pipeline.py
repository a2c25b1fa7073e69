"""The text path, top to bottom: segment, label (rules, content model), headline, assemble."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import headline, model
from .document import DROP, KEEP, Block, CleanResult, Removed
from .language import detect
from .registry import RuleSet, load_rules
from .segment import segment

# The end-of-article markers (comment headings, ...) count only once this share of the
# page's prose (or this much prose) has been seen: a "Comments" link in the top menu must
# not end the article, and a short article followed by long comments must still end.
END_MARKER_MIN_PROSE_SHARE = 0.3
END_MARKER_MIN_PROSE_CHARS = 400
# The list under a related/tags heading is dropped up to this many blocks.
MAX_SECTION_LIST = 40
# Characters of the page read to guess its language.
LANGUAGE_SAMPLE_CHARS = 40000


@dataclass
class Options:
    """How to clean. Build once and reuse: the rule set is compiled on creation."""

    rules: RuleSet = field(default_factory=load_rules)
    no_title: bool = False
    # "auto" detects HTML; "text" or "html" forces a path
    input_type: str = "auto"
    # Site-level chrome learned from a batch: normalised block text -> pages it recurred on.
    site_profile: dict[str, int] | None = None


def clean_text(text: str, options: Options | None = None) -> CleanResult:
    options = options or Options()
    blocks = segment(text)
    language = detect(text[:LANGUAGE_SAMPLE_CHARS].lower().split())
    result = label_blocks(blocks, options, language.stopwords)
    result.language = language.name
    return result


def label_blocks(blocks: list[Block], options: Options, stopwords: frozenset[str] | None) -> CleanResult:
    rules = options.rules
    n = len(blocks)
    actions: list[str | None] = [None] * n
    author = date = source = None

    # 1. rules, each block on its own
    for i, block in enumerate(blocks):
        match = rules.match(block.text)
        if match is None:
            continue
        actions[i] = match.rule.action
        block.decide(DROP, match.rule.id, "meta" if match.rule.action == "meta" else "chrome")
        author = author or match.author
        date = date or match.date
        source = source or match.source

    # site chrome learned from a batch of the same host
    profile = options.site_profile
    if profile:
        _drop_site_chrome(blocks, actions, profile, stopwords)

    # 2. content model: classify each block on its own features
    classes = [model.assess(block, stopwords) for block in blocks]
    scores = [model.block_score(b, c, a) for b, c, a in zip(blocks, classes, actions)]

    # 3. nothing after a comment-section or footer marker is article text
    total_prose = sum(s for s in scores if s > 0)
    seen = 0.0
    for i, score in enumerate(scores):
        if actions[i] == "end" and seen >= min(END_MARKER_MIN_PROSE_SHARE * total_prose, END_MARKER_MIN_PROSE_CHARS) and seen > 0:
            for k in range(i + 1, n):
                if actions[k] is None:
                    blocks[k].decide(DROP, "model.after-end", "chrome")
                    actions[k] = "after-end"
                    scores[k] = -model.SHORT_COST
            break
        if score > 0:
            seen += score

    # 4. the article's region, and keep/drop inside and outside it
    region = model.extend_region(classes, actions, model.find_region(scores))
    undecided = [a is None for a in actions]
    model.label(blocks, classes, region, undecided)

    # 5. lists under related/popular/tags headings go with their heading
    for i in range(n):
        if actions[i] != "section":
            continue
        for k in range(i + 1, min(n, i + 1 + MAX_SECTION_LIST)):
            if actions[k] is not None:
                continue
            if classes[k].kind == model.GOOD:
                break
            blocks[k].decide(DROP, "model.section-list", "chrome")

    # 6. headline: the title-like block just before the body; its copies go
    # the first paragraph proper: kept, and not itself title-like (a headline the model kept
    # as prose still stands before it)
    first_body = next((i for i, b in enumerate(blocks) if b.verdict == KEEP and not headline.title_like(b)), -1)
    candidates = [a is None for a in actions]
    # trim rules (ticker stamps) apply to headline candidates only
    for i in range(max(0, first_body - headline.MAX_BLOCKS_BEFORE_BODY), first_body):
        block = blocks[i]
        if candidates[i] and len(block.text) <= headline.MAX_CHARS:
            trim = rules.trim(block.text)
            if trim is not None:
                block.cut, block.cut_rule, block.text = trim.cut, trim.rule.id, trim.remainder
    title_index = headline.choose(blocks, first_body, candidates)
    title = None
    if title_index is not None:
        title = blocks[title_index].text
        headline.keep_title(blocks[title_index], title)
        headline.mark_duplicates(blocks, title_index, title)

    return assemble(blocks, title if not options.no_title else None, title, author, date, source)


def _drop_site_chrome(blocks: list[Block], actions: list[str | None], profile: dict[str, int], stopwords: frozenset[str]) -> None:
    """Drop blocks learned as site chrome (`site.repeated`), noting on how many pages they recurred.

    A learned block between two paragraphs of the page's own prose is protected unless it is
    near-universal on the host (see `cleaner.site.protect`): the article's text never goes.
    """
    from .site import SiteProfile, block_key, protect

    pages = getattr(profile, "pages", 0)
    if not isinstance(profile, SiteProfile):
        profile = SiteProfile(profile, pages=pages)
    keys = [block_key(b.text) if actions[i] is None else None for i, b in enumerate(blocks)]
    hits = [k is not None and k in profile for k in keys]

    def prose(k: int, step: int) -> bool:
        # the nearest block in that direction that is neither rule-decided nor learned chrome
        k += step
        while 0 <= k < len(blocks) and (actions[k] is not None or hits[k]):
            k += step
        if not 0 <= k < len(blocks):
            return False
        model.features(blocks[k], stopwords)
        return model.classify(blocks[k]).kind == model.GOOD

    for i, block in enumerate(blocks):
        if not hits[i]:
            continue
        count = profile[keys[i]]
        where = f"{count}/{pages} pages" if pages else f"{count} pages"
        if protect(profile, keys[i], prose(i, -1), prose(i, 1)):
            block.note = f"site: on {where}, kept inside the article's prose"
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
    removed = [Removed(b.text, b.rule) for b in blocks if b.verdict == DROP]
    removed += [Removed(b.cut, b.cut_rule) for b in blocks if b.cut and b.verdict == KEEP]
    return CleanResult(
        title=title,
        body=body,
        text=text,
        author=author,
        date=date,
        source=source,
        removed=removed,
        blocks=blocks,
    )
