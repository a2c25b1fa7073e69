"""Which language a page is in, and its stopwords (from jusText's stoplists).

Stopword density is the content model's strongest single sign of prose. jusText ships
stoplists for about 100 languages; reading all of them costs more than cleaning a page, so
the page's language is guessed first from a few very frequent words per language
(`data/frequent_words.txt`) and only that language's stoplist is read, once per process.
"""

from __future__ import annotations

import importlib.util
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
# Words sampled from the page for guessing its language.
SAMPLE_WORDS = 3000
# A language must account for at least this share of the sampled words to be chosen.
MIN_LANGUAGE_SHARE = 0.04
MIN_LANGUAGE_HITS = 5
# ... and beat the next language by this factor.
MIN_LANGUAGE_LEAD = 1.5


@dataclass(frozen=True, slots=True)
class Language:
    name: str | None
    # None when the language is unknown: the model then judges prose without stopwords
    stopwords: frozenset[str] | None


@lru_cache(maxsize=1)
def _frequent_words() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    with open(os.path.join(DATA_DIR, "frequent_words.txt"), encoding="utf-8") as fh:
        text = fh.read()
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, *words = line.split()
        for word in words:
            index.setdefault(word, []).append(name)
    return {w: tuple(names) for w, names in index.items()}


@lru_cache(maxsize=1)
def _stoplist_dir() -> str | None:
    # find_spec locates the installed package without importing it (and lxml with it).
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(next(iter(spec.submodule_search_locations)), "stoplists")
    return path if os.path.isdir(path) else None


@lru_cache(maxsize=128)
def stoplist(name: str) -> frozenset[str]:
    folder = _stoplist_dir()
    if folder is not None:
        path = os.path.join(folder, f"{name}.txt")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as fh:
                return frozenset(fh.read().lower().split())
    # Without jusText's files the frequent words still give a usable, smaller list.
    return frozenset(w for w, names in _frequent_words().items() if name in names)


def detect(words: list[str]) -> Language:
    """The language whose frequent words cover most of `words` (lower-cased tokens)."""
    return decide(votes(frequent(words[:SAMPLE_WORDS])), len(words))


def frequent(words: list[str]) -> list[str]:
    """Those of `words` that are frequent words of some language."""
    return list(filter(_frequent_words().__contains__, words))


def votes(frequent_words: Iterable[str]) -> Counter:
    """Language -> how many of the frequent words are its own (a word may count for several)."""
    return Counter(chain.from_iterable(map(_frequent_words().__getitem__, frequent_words)))


def decide(counts: Counter, words: int) -> Language:
    """The language with the most votes among `words` sampled words, if the evidence is clear."""
    if counts:
        ranked = counts.most_common(2)
        best, hits_of_best = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        # clear evidence only: a few chance hits on odd text must not pick a language
        # (the stoplist changes every verdict, and a cleaned page must clean the same)
        if (
            hits_of_best >= max(MIN_LANGUAGE_HITS, MIN_LANGUAGE_SHARE * min(words, SAMPLE_WORDS))
            and hits_of_best >= MIN_LANGUAGE_LEAD * runner_up
        ):
            return Language(best, stoplist(best))
    return Language(None, None)
