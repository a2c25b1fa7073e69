"""The data passed from stage to stage: blocks of a page, their verdicts, the result."""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field

KEEP = "KEEP"
DROP = "DROP"


@dataclass(slots=True)
class Block:
    """One paragraph-sized unit of the page, in reading order.

    `text` is the normalised text (trimmed, white space collapsed); `first_line` and
    `last_line` say which input lines (0-based, inclusive) it came from, for `--explain`.
    """

    index: int
    text: str
    first_line: int
    last_line: int
    # verdicts: `rule` is the id of the rule or model feature that decided, `role` what the
    # block is when kept (title, body) or what it was when dropped (meta, chrome)
    verdict: str = ""
    rule: str = ""
    role: str = ""
    # set by trim rules: text cut from the block's edges (ticker stamps) and the rule's id
    cut: str = ""
    cut_rule: str = ""
    # a remark for `--explain` (site learning: on how many pages the block recurred)
    note: str = ""

    def decide(self, verdict: str, rule: str, role: str = "") -> None:
        self.verdict = verdict
        self.rule = rule
        if role:
            self.role = role


class Removed(namedtuple("Removed", "text rule")):
    """A dropped block (or the part cut from a block's edge) and the rule that removed it."""

    __slots__ = ()


@dataclass(slots=True)
class CleanResult:
    """What a cleaned page gives back; `text` is exactly what text output prints."""

    title: str | None
    body: list[str]
    text: str
    author: str | None = None
    date: str | None = None
    source: str | None = None
    blocks: list[Block] = field(default_factory=list)
    input_type: str = "text"
    language: str | None = None
    warnings: list[str] = field(default_factory=list)
    _removed_pairs: list[tuple[str, str]] | None = field(default=None, repr=False, compare=False)

    @property
    def removed_pairs(self) -> list[tuple[str, str]]:
        """(text, rule id) of every dropped block and cut edge; `removed` gives them as Removed.

        Read from the blocks when first asked (the settling passes assemble pages whose lists
        nobody reads), as plain pairs: a page drops hundreds of menu items, and building
        objects for them would cost more than cleaning the page.
        """
        if self._removed_pairs is None:
            blocks = self.blocks
            removed = [(b.text, b.rule) for b in blocks if b.verdict == DROP]
            removed += [(b.cut, b.cut_rule) for b in blocks if b.cut and b.verdict == KEEP]
            self._removed_pairs = removed
        return self._removed_pairs

    @property
    def removed(self) -> list[Removed]:
        return [Removed(text, rule) for text, rule in self.removed_pairs]

    @property
    def removed_rules(self) -> list[str]:
        return [rule for _, rule in self.removed_pairs]

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "body": "\n\n".join(self.body),
            "text": self.text,
            "author": self.author,
            "date": self.date,
            "source": self.source,
            "removed": [{"text": text, "rule": rule} for text, rule in self.removed_pairs],
            # how the page was read (auto-detection's verdict) and what went wrong short of an
            # error (a page cut at the size limit, no article found): a batch prints no
            # per-page warnings, so they travel with the page
            "input_type": self.input_type,
            "warnings": list(self.warnings),
        }
