"""The rule registry: rule sets as data files, compiled once into a few fast matchers.

Each file under `cleaner/rules/` is one kind of page chrome (one rule set). A rule has a
stable id (`set.name`), a one-line description, an action, and phrases and/or patterns:

- phrases match a whole block after case folding and dropping digits and punctuation
  ("Leave a Reply", "0 Shares" and "SHARES:" share the key "shares"): one dict lookup;
- patterns are regular expressions that must match the whole (normalised) block, except for
  `trim` rules, whose patterns are anchored at the block's start (`^`) or end (`$`) and cut
  what they match.

All patterns of one action are joined into one alternation with a named group per rule, so
a block costs one regex call per action, however many rules there are.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

try:  # tomli's compiled wheels parse the rule files three times faster than tomllib
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib

# (os.path, not pathlib: the text path's start-up is measured in milliseconds)
RULES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rules")

# What a rule does with the block it matches.
ACTIONS = {
    "drop": "drop the block",
    "section": "drop the block; it heads a list of links (related, popular, tags), dropped with it",
    "end": "drop the block; it opens what follows the article (comments, footer)",
    "trim": "cut the matched text from the block's start or end",
    "meta": "drop the block, keeping its author/date named groups as metadata",
}
# Blocks longer than this are prose, never a rule match; it keeps rules off long
# paragraphs and bounds regex work per block. A rule's max_chars may not exceed it ...
MAX_RULE_BLOCK_CHARS = 400
# ... and is this unless the rule says otherwise (a long notice, such as an outdated-browser
# warning, is the exception, not the rule).
DEFAULT_RULE_MAX_CHARS = 320
# Whole-block patterns describe short lines (labels, bylines, counters, breadcrumbs): they
# are not tried on longer blocks, which only contains rules can claim.
MAX_WHOLE_BLOCK_CHARS = 200
# Rule matches remembered per process (block text -> match): a few MB at most.
MATCH_CACHE_SIZE = 20_000
# Phrase keys are only computed for blocks of at most this many characters.
MAX_PHRASE_CHARS = 90

# RE2 memory budget per set: enough for hundreds of Unicode-aware patterns.
RE2_MAX_MEM = 64 << 20

_KEY_DROP = re.compile(r"[\W\d_]+")


# For ASCII text: letters lower-cased, every other byte a space (what _KEY_DROP removes).
_ASCII_KEY_TABLE = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))


def phrase_key(text: str) -> str:
    """Case-folded letters-only key: 'Leave a Reply', 'LEAVE A REPLY:' -> 'leave a reply'."""
    if text.isascii():  # most blocks: bytes.translate instead of a Unicode-aware regex
        return b" ".join(text.encode().translate(_ASCII_KEY_TABLE).split()).decode()
    return _KEY_DROP.sub(" ", text.casefold()).strip()


class RuleError(ValueError):
    """A rule file is malformed; the message names the file, the rule and the problem."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    set: str
    description: str
    action: str = "drop"
    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    case_sensitive: bool = False
    # "whole": a pattern must match the whole block; "contains": anywhere in the block
    match: str = "whole"
    max_chars: int = DEFAULT_RULE_MAX_CHARS
    examples_drop: tuple[str, ...] = ()
    examples_keep: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class RuleSetInfo:
    id: str
    name: str
    description: str
    source: str


@dataclass(frozen=True, slots=True)
class Match:
    rule: Rule
    author: str | None = None
    date: str | None = None
    source: str | None = None
    # for trim rules: the block text with the match cut away, and what was cut
    remainder: str | None = None
    cut: str = ""


@dataclass
class RuleSet:
    """The enabled rules, compiled. Build once per process and share it.

    Whole-block and contains patterns go into two RE2 sets: one call per block tells which
    rules match, in time linear in the block whatever the number of rules (and free of the
    catastrophic backtracking a user pattern could bring to Python's engine).
    """

    rules: list[Rule]
    sets: list[RuleSetInfo]
    # content-model decisions switched off by --disable (see SWITCHABLE_FEATURES)
    features_off: frozenset[str] = frozenset()
    _by_phrase: dict[str, int] = field(default_factory=dict, repr=False)
    # (raw RE2 set, rule numbers by set index, feeds lower-cased text, whole-block set)
    _sets: list[tuple[object, list[int], bool, bool]] = field(default_factory=list, repr=False)
    _trim_start: object = field(default=None, repr=False)
    _trim_end: object = field(default=None, repr=False)
    _trim_rules: dict[str, Rule] = field(default_factory=dict, repr=False)
    _exact_patterns: dict[str, _ExactPattern] = field(default_factory=dict, repr=False)
    # rules whose set entry is their exact pattern: a set hit needs no confirmation
    _set_is_exact: set[int] = field(default_factory=set, repr=False)
    _cache: dict[str, Match | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        import re2

        options = re2.Options()
        options.max_mem = RE2_MAX_MEM
        # errors are raised as exceptions with the rule's name; RE2's own log lines would
        # go to stderr, where a batch's errors must be one line each
        options.log_errors = False
        # One entry per rule with patterns, in one of four sets: whole-block patterns in
        # full-match sets, contains patterns in search sets (in one set, the `.*` around the
        # contains patterns makes the DFA thrash); case-insensitive rules are lower-cased and
        # fed lower-cased text (RE2's (?i) over Unicode classes doubles compile time and
        # DFA size), case-sensitive ones get the text as it is. Phrases go to a dict: exact
        # keys need no regex, and hundreds of phrases cost RE2 much time to compile.
        sets = {
            (whole, lower): (re2.Set.FullMatchSet(options) if whole else re2.Set.SearchSet(options), [])
            for whole in (True, False)
            for lower in (True, False)
        }
        starts: list[str] = []
        ends: list[str] = []
        for number, rule in enumerate(self.rules):
            for phrase in rule.phrases:
                self._by_phrase.setdefault(phrase_key(phrase), number)
            if not rule.patterns:
                continue
            if rule.action == "trim":
                flags = "" if rule.case_sensitive else "(?i)"
                for side, anchored in (("s", starts), ("e", ends)):
                    mine = [_NAMED_GROUP.sub("(", _translate_classes(p)) for p in rule.patterns if p.startswith("^") == (side == "s")]
                    if mine:
                        self._trim_rules[f"r{number}{side}"] = rule
                        group = _group(f"r{number}{side}", mine, flags)
                        try:
                            re2.compile(group, options)
                        except re2.error as exc:
                            raise RuleError(
                                f"{rule.source}: rule {rule.id}: a pattern is not supported ({exc}); rules run on RE2, "
                                "which has no look-around or back-references, so that no pattern can take super-linear time"
                            ) from None
                        anchored.append(group)
                continue
            lower = not rule.case_sensitive
            target, owners = sets[(rule.match == "whole", lower)]
            try:
                target.Add(to_re2(rule, lowered=lower))
            except re2.error as exc:
                raise RuleError(
                    f"{rule.source}: rule {rule.id}: a pattern is not supported ({exc}); rules run on RE2, "
                    "which has no look-around or back-references, so that no pattern can take super-linear time"
                ) from None
            owners.append(number)
            if not _is_builtin(rule):
                # a user's pattern runs on RE2 as written (the set holds a looser form):
                # compiled now, so that one RE2 refuses (a repeat over 1000) fails here
                try:
                    self._exact(rule)
                except re2.error as exc:
                    reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else exc
                    raise RuleError(f"{rule.source}: rule {rule.id}: a pattern is not supported by RE2 ({reason})") from None
            if not any(map(_loosens, rule.patterns)) and "(?P<" not in "".join(rule.patterns):
                self._set_is_exact.add(number)  # (its set entry is its exact pattern)
        for (whole, lower), (target, owners) in sets.items():
            if owners:
                target.Compile()
                # the raw set takes UTF-8 bytes; calling it directly saves the wrapper's overhead
                self._sets.append((target._set, owners, lower, whole))
        # trim rules need the matched span, so they run as RE2 regexes, not sets
        self._trim_start = re2.compile("|".join(starts), options) if starts else None
        self._trim_end = re2.compile("|".join(ends), options) if ends else None

    # -- matching ---------------------------------------------------------------------

    def match(self, text: str) -> Match | None:
        """The rule that claims the whole block, if any (the first in rule order)."""
        if len(text) > MAX_RULE_BLOCK_CHARS:
            return None
        # Pages of a site (and of many sites) share their chrome lines: "Home", "Share",
        # the footer. A match depends on the text alone, so it is remembered, up to a bound.
        cache = self._cache
        if text in cache:
            return cache[text]
        if len(cache) >= MATCH_CACHE_SIZE:
            cache.clear()
        found = cache[text] = self._match(text)
        return found

    def _match(self, text: str) -> Match | None:
        # phrase and pattern hits compete by rule order, so that specific rules listed first
        # win ("© 2025 X" is a copyright line, not the share button "X")
        phrase = len(self.rules)
        if len(text) <= MAX_PHRASE_CHARS:
            phrase = self._by_phrase.get(phrase_key(text), phrase)
        candidates = []
        data = lowered = None
        for matcher, owners, lower, whole in self._sets:
            if whole and len(text) > MAX_WHOLE_BLOCK_CHARS:
                continue
            if lower:
                lowered = lowered or text.lower().encode("utf-8")
            else:
                data = data or text.encode("utf-8")
            for index in matcher.Match(lowered if lower else data) or ():
                number = owners[index]
                if number < phrase and len(text) <= self.rules[number].max_chars:
                    candidates.append(number)
        # the sets are a loosened prefilter: the first candidate whose exact pattern matches
        for number in sorted(candidates):
            rule = self.rules[number]
            if number in self._set_is_exact:
                return Match(rule)  # nothing was loosened, and no groups to read
            found = self._exact(rule).match(text)
            if found is not None:
                return Match(rule, author=found.get("author"), date=found.get("date"), source=found.get("source"))
        if phrase == len(self.rules):
            return None
        return Match(self.rules[phrase])

    def _exact(self, rule: Rule) -> _ExactPattern:
        """The rule's own pattern, compiled on its first hit (most rules never hit a page)."""
        pattern = self._exact_patterns.get(rule.id)
        if pattern is None:
            pattern = self._exact_patterns[rule.id] = _ExactPattern.compile(rule, _is_builtin(rule))
        return pattern

    def trim(self, text: str) -> Match | None:
        """A trim rule's cut of the block's start or end, if one applies."""
        if len(text) > MAX_RULE_BLOCK_CHARS:
            return None
        for pattern, at_end in ((self._trim_end, True), (self._trim_start, False)):
            if pattern is None:
                continue
            m = pattern.search(text)
            if m is None or (at_end and m.end() != len(text)) or (not at_end and m.start() != 0):
                continue
            rest = (text[: m.start()] + text[m.end():]).strip()
            if rest:
                return Match(self._trim_rules[m.lastgroup], remainder=rest, cut=m.group().strip())
        return None

    # -- registry ---------------------------------------------------------------------

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


# RE2's \w is ASCII-only, while rules are written with Python's Unicode meaning. Full
# Unicode classes (\p{L}) make RE2 sets take most of a second to compile, so \w in a rule
# means digits, underscore and the Latin, Greek and Cyrillic letters.
_LETTERS_IN_CLASS = (
    r"A-Za-z\x{00AA}\x{00B5}\x{00BA}\x{00C0}-\x{00D6}\x{00D8}-\x{00F6}\x{00F8}-\x{024F}"
    r"\x{0370}-\x{03FF}\x{0400}-\x{052F}\x{1E00}-\x{1EFF}"
)
_WORD_IN_CLASS = "0-9_" + _LETTERS_IN_CLASS


def to_re2(rule: Rule, lowered: bool = False) -> str:
    """The rule as one RE2 pattern for a set: a prefilter, loosened (see _translate_classes);
    a hit is confirmed with the rule's exact pattern.

    \\w and \\W get their Unicode meaning (see _WORD_IN_CLASS). Phrases are matched apart,
    by key.
    """
    parts = []
    for pattern in rule.patterns:
        body = _NAMED_GROUP.sub("(", _translate_classes(pattern, loosen=True))
        parts.append(f"(?:{body})")
    body = "|".join(parts)
    if lowered:
        return _lower_literals(body)
    return body if rule.case_sensitive else f"(?i:{body})"


def _exact_body(rule: Rule) -> str:
    body = "|".join(f"(?:{_translate_classes(p)})" for p in rule.patterns)
    return body if rule.case_sensitive else f"(?i:{body})"


def _loosens(pattern: str) -> bool:
    """Whether _translate_classes(pattern, loosen=True) loosens a bounded repeat."""
    return any(m.group(2) and int(m.group(2)) >= LOOSEN_FROM for m in _PATTERN_TOKEN.finditer(pattern))


def _lower_literals(pattern: str) -> str:
    """Lower-case a pattern's letters, leaving escapes (\\W, \\x{00C0}, \\p{L}) as they are."""
    return _ESCAPE_OR_TEXT.sub(lambda m: m.group() if m.group()[0] == "\\" else m.group().lower(), pattern)


def _translate_classes(pattern: str, loosen: bool = False) -> str:
    """Python \\w and \\W in RE2 terms; with `loosen`, long bounded repeats ({0,80}) become
    unbounded ({0,}), which matches a superset and costs RE2 far less to compile."""

    def token(m: re.Match) -> str:
        text = m.group()
        if text[0] == "[":
            return _CLASS_ESCAPE.sub(lambda e: _WORD_IN_CLASS if e.group() == "\\w" else e.group(), text)
        if text == "\\w":
            return f"[{_WORD_IN_CLASS}]"
        if text == "\\W":
            return f"[^{_WORD_IN_CLASS}]"
        if text[0] == "{" and loosen and int(m.group(2)) >= LOOSEN_FROM:
            return "{" + m.group(1) + ",}"
        return text

    return _PATTERN_TOKEN.sub(token, pattern)


# escapes, whole character classes and bounded repeats: the parts of a pattern rewritten
_PATTERN_TOKEN = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\{(\d+),(\d+)\}")
_CLASS_ESCAPE = re.compile(r"\\.")
_ESCAPE_OR_TEXT = re.compile(r"\\(?:[xpP]\{[^}]*\}|.)|[^\\]+")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_BOUNDED = re.compile(r"\{(\d+),(\d+)\}")
# Bounded repeats up to this many are kept exact in the sets (cheap to compile).
LOOSEN_FROM = 6


def _group(name: str, patterns: list[str] | tuple[str, ...], flags: str) -> str:
    body = "|".join(f"(?:{p})" for p in patterns)
    return f"(?P<{name}>{flags.replace('(?i)', '(?i:')}{body}{')' if flags else ''})"


@dataclass(frozen=True, slots=True)
class _ExactPattern:
    """A rule's exact pattern, to confirm a hit of the loosened sets and read its metadata.

    The built-in rules' patterns (checked by the test suite, linear on hostile input) run on
    Python's engine, which answers a single short block in microseconds where RE2 builds a
    DFA for each new text (hundreds of microseconds for the long contains patterns). A
    user's patterns always run on RE2, called without the `re2` module's Python-level Match
    objects: spans of the UTF-8 bytes.
    """

    on_re2: bool
    pattern: object
    anchor: object
    # (metadata key, group number) in pattern order: a rule may carry several `author` groups
    groups: tuple[tuple[str, int], ...]

    @classmethod
    def compile(cls, rule: Rule, builtin: bool) -> _ExactPattern:
        # rule files write (?P<author>...); the loader made the names unique per rule
        def meta_groups(groupindex: dict[str, int]) -> tuple[tuple[str, int], ...]:
            named = sorted((number, name.split("__")[-1]) for name, number in groupindex.items())
            return tuple((key, number) for number, key in named if key in _META_KEYS)

        if builtin:
            body = "|".join(f"(?:{p})" for p in rule.patterns)
            pattern = re.compile(body, 0 if rule.case_sensitive else re.IGNORECASE)
            matcher = pattern.fullmatch if rule.match == "whole" else pattern.search
            return cls(False, matcher, None, meta_groups(pattern.groupindex))
        import re2

        options = re2.Options()
        options.log_errors = False
        options.max_mem = RE2_MAX_MEM
        # without groups to read, RE2 answers from its DFA alone
        options.never_capture = "(?P<" not in "".join(rule.patterns)
        compiled = re2.compile(_exact_body(rule), options)
        anchor = re2._Anchor.ANCHOR_BOTH if rule.match == "whole" else re2._Anchor.UNANCHORED
        return cls(True, compiled._regexp, anchor, meta_groups(compiled.groupindex))

    def match(self, text: str) -> dict[str, str] | None:
        """None, or the metadata the match carries (the first non-empty group of each kind)."""
        found: dict[str, str] = {}
        if not self.on_re2:
            m = self.pattern(text)
            if m is None:
                return None
            for key, number in self.groups:
                value = m.group(number)
                if value and key not in found:
                    found[key] = value.strip()
            return found
        data = text.encode("utf-8")
        spans = self.pattern.Match(self.anchor, data, 0, len(data))
        if spans[0][0] < 0:
            return None
        for key, number in self.groups:
            start, end = spans[number]
            if start < end and key not in found:
                found[key] = data[start:end].decode("utf-8").strip()
        return found


_META_KEYS = ("author", "date", "source")


# -- loading -------------------------------------------------------------------------------

_GROUP_NAME = re.compile(r"\(\?P<(author|date|source)>")


_FILE_KEYS = frozenset({"set", "rule"})
_SET_KEYS = frozenset({"id", "name", "description"})
_RULE_KEYS = frozenset({"id", "description", "action", "match", "max_chars", "phrases", "patterns", "case_sensitive", "examples"})


def _check_keys(where: str, table: dict, known: frozenset[str]) -> None:
    """A misspelt key (`pattern`, `max_char`) would be ignored, and the rule not do what its
    author meant: it is an error."""
    unknown = sorted(set(table) - known)
    if unknown:
        raise RuleError(f"{where}: unknown key {', '.join(map(repr, unknown))} (known: {', '.join(sorted(known))})")


def _strings(where: str, key: str, value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: `{key}` must be a list of strings, not {value!r}")
    return tuple(value)


def _parse_file(path: str, check_python: bool = True) -> tuple[RuleSetInfo, list[Rule]]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = tomllib.loads(fh.read())
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path}: not valid TOML ({exc})") from None
    meta = data.get("set")
    if not isinstance(meta, dict) or not isinstance(meta.get("id"), str):
        raise RuleError(f"{path}: missing [set] table with an `id`")
    set_id = meta["id"]
    _check_keys(f"{path}: [set]", meta, _SET_KEYS)
    _check_keys(f"{path}", data, _FILE_KEYS)
    info = RuleSetInfo(set_id, str(meta.get("name", set_id)), str(meta.get("description", "")), str(path))
    rules = []
    if not isinstance(data.get("rule", []), list):
        raise RuleError(f"{path}: `rule` must be [[rule]] tables")
    for number, raw in enumerate(data.get("rule", []), 1):
        where = f"{path}: rule #{number}"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise RuleError(f"{where}: every [[rule]] needs an `id`")
        rule_id = raw["id"]
        where = f"{path}: rule {rule_id}"
        if not rule_id.startswith(set_id + "."):
            raise RuleError(f"{where}: id must start with the set id '{set_id}.'")
        _check_keys(where, raw, _RULE_KEYS)
        action = raw.get("action", "drop")
        match = raw.get("match", "whole")
        if not isinstance(match, str) or match not in ("whole", "contains"):
            raise RuleError(f"{where}: `match` is 'whole' or 'contains', not {match!r}")
        if not isinstance(action, str) or action not in ACTIONS:
            raise RuleError(f"{where}: unknown action {action!r} (one of {', '.join(ACTIONS)})")
        phrases = _strings(where, "phrases", raw.get("phrases", []))
        patterns = _strings(where, "patterns", raw.get("patterns", []))
        examples = raw.get("examples", {})
        if not isinstance(examples, dict) or set(examples) - {"drop", "keep"}:
            raise RuleError(f"{where}: `examples` takes `examples.drop` and `examples.keep` lists, not {examples!r}")
        for kind in ("drop", "keep"):
            _strings(where, f"examples.{kind}", examples.get(kind, []))
        if not phrases and not patterns:
            raise RuleError(f"{where}: needs `phrases` or `patterns`")
        if action == "trim" and (phrases or not all(p.startswith("^") or p.endswith("$") for p in patterns)):
            raise RuleError(f"{where}: trim rules take patterns anchored with ^ or $ only")
        for p in patterns if check_python else ():
            try:
                re.compile(p)
            except re.error as exc:
                raise RuleError(f"{where}: pattern {p!r} does not compile: {exc}") from None
        max_chars = raw.get("max_chars", DEFAULT_RULE_MAX_CHARS)
        if not isinstance(max_chars, int) or isinstance(max_chars, bool) or not 1 <= max_chars <= MAX_RULE_BLOCK_CHARS:
            raise RuleError(f"{where}: max_chars must be a whole number from 1 to {MAX_RULE_BLOCK_CHARS} (rules see no longer block), not {max_chars!r}")
        rules.append(
            Rule(
                id=rule_id,
                set=set_id,
                description=raw.get("description", ""),
                action=action,
                phrases=phrases,
                patterns=tuple(
                    _GROUP_NAME.sub(lambda m, tag=f"{_ident(rule_id)}_{k}": f"(?P<{tag}__{m.group(1)}>", p)
                    for k, p in enumerate(patterns)
                ),
                case_sensitive=bool(raw.get("case_sensitive", False)),
                match=match,
                max_chars=max_chars,
                examples_drop=tuple(examples.get("drop", ())),
                examples_keep=tuple(examples.get("keep", ())),
                source=str(path),
            )
        )
    return info, rules


def _ident(rule_id: str) -> str:
    return "g" + re.sub(r"\W", "_", rule_id)


def _is_builtin(rule: Rule) -> bool:
    return os.path.dirname(os.path.abspath(rule.source)) == RULES_DIR


def builtin_rule_files() -> list[str]:
    return sorted(os.path.join(RULES_DIR, name) for name in os.listdir(RULES_DIR) if name.endswith(".toml"))


@lru_cache(maxsize=8)
def load_rules(extra_files: tuple[str, ...] = (), disabled: frozenset[str] = frozenset(), select: frozenset[str] = frozenset()) -> RuleSet:
    """Built-in rules plus the user's files, minus what is disabled (by rule or set id).

    A user rule with the id of a built-in one replaces it. `select`, when given, keeps only
    the rules and sets named in it.
    """
    sets: list[RuleSetInfo] = []
    by_id: dict[str, Rule] = {}
    # Built-in patterns are checked by the test suite; a user's are checked on load.
    builtin = builtin_rule_files()
    for path in builtin + [str(f) for f in extra_files]:
        info, rules = _parse_file(path, check_python=path not in builtin)
        sets.append(info)
        for rule in rules:
            by_id[rule.id] = rule
    known = set(by_id) | {s.id for s in sets}
    unknown = sorted((disabled | select) - known - MODEL_FEATURES.keys())
    if unknown:
        raise RuleError(f"unknown rule or set id: {', '.join(unknown)} (see --list-rules)")
    # ("headline" names a rule set as well as the headline decisions: the rule set it is)
    fixed = sorted((disabled & MODEL_FEATURES.keys()) - SWITCHABLE_FEATURES - known)
    if fixed:
        raise RuleError(
            f"cannot be disabled: {', '.join(fixed)}: the content model itself decides so "
            f"(these can: {', '.join(sorted(SWITCHABLE_FEATURES))})"
        )
    not_rules = sorted((select & MODEL_FEATURES.keys()) - known)
    if not_rules:
        raise RuleError(f"--select takes rule and set ids, not content-model decisions: {', '.join(not_rules)}")
    enabled = [
        r for r in by_id.values()
        if r.id not in disabled and r.set not in disabled and (not select or r.id in select or r.set in select)
    ]
    return RuleSet(enabled, sets, frozenset(disabled & SWITCHABLE_FEATURES))


# Decisions the content model takes, with ids in the same namespace as the rules so that
# --explain and batch summaries read alike; --disable switches off those in
# SWITCHABLE_FEATURES.
MODEL_FEATURES: dict[str, str] = {
    "model": "all content-model decisions",
    "model.prose": "kept: reads as body prose (length, sentence punctuation, stopword density)",
    "model.heading": "kept: a short line that heads or sits between body paragraphs",
    "model.outside": "dropped: outside the page's main article region",
    "model.short": "dropped: too short or too little prose to be body text",
    "model.boilerplate-run": "dropped: in a run of short link-like lines (menu, list of headlines)",
    "model.after-end": "dropped: after a marker that ends the article (comments, footer)",
    "model.section-list": "dropped: in the list under a related/popular/tags heading",
    "model.settle": "dropped: cleaning the output again drops it (cleaning is idempotent)",
    "model.ingredients": "kept: a recipe's ingredient list, under its heading, next to or in the article",
    "model.standfirst": "kept: the one block between the headline and the first paragraph",
    "model.author-bio": "dropped: an author's bio after the article (a name, then the author's job)",
    "html": "decisions the HTML path takes from the page's markup",
    "html.main-text": "kept: in trafilatura's main text, and claimed by no rule",
    "html.caption": "dropped: a figure caption (<figcaption>)",
    "html.chrome-box": "dropped: inside a small element whose class names it as chrome (newsletter, breadcrumb, credit, ...)",
    "html.link-label": "dropped: a 'Label: link' line (Read also: <a>...</a>)",
    "html.table-rule": "dropped: the separator line under a table's header",
    "headline": "the headline and its copies",
    "headline.title": "kept: the page's headline",
    "headline.duplicate": "dropped: the headline again, also glued to widget text",
    "site.repeated": "dropped: recurs verbatim on many pages of the same site (site learning)",
}
# Those that --disable can switch off: steps added to the content model's core (which
# finds the article's region and labels it) and the HTML path's markup-based drops.
SWITCHABLE_FEATURES = frozenset({
    "model.ingredients", "model.standfirst", "model.author-bio", "model.section-list", "model.after-end",
    "headline.duplicate", "site.repeated", "html.caption", "html.chrome-box", "html.link-label",
})
