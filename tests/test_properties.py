"""Properties of cleaning, checked on generated input (hypothesis).

- cleaning never raises, on any text and on any bytes (bytes: NotText at worst);
- cleaning is idempotent: cleaning the output again gives the same text;
- nothing is invented: every output paragraph occurs in the input once white space is collapsed
  (and dropped before punctuation, where a sentence split at inline markup was joined);
- no block that a rule dropped comes back as an output paragraph.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.api import make_options
from cleaner.decode import NotText
from cleaner.registry import load_rules

OPTIONS = make_options()
RULE_IDS = {r.id for r in load_rules().rules}
# No shrinking: on a failure hypothesis still prints the (unshrunk) example, and the suite
# stays within its time budget (shrinking a page-sized example can take minutes).
SETTINGS = dict(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)

# -- generators --------------------------------------------------------------------------------

WORDS = (
    "the council voted on monday to build a concrete barrier along river ending debate that had divided town for "
    "nearly three years officials said mayor told reporters weather spring wettest century rain fell march forecasters "
    "expect water stay high until may plan pay with small increase sales tax according poll published local paper last "
    "week share prices fell two construction firms bid contract after reopen tender companies outside state follow us "
    "trail guide said she led along muddy bank where wall will stand pointing marks left trees work begin summer take "
    "about eighteen months most popular among voters was related articles read more comments"
).split()
NAMES = ["Springfield", "Miller", "Jane", "Anna", "Berlin", "Paris", "Madrid", "Reuters", "Monday", "March", "U.S.", "Dr."]


@st.composite
def sentence(draw):
    words = draw(st.lists(st.sampled_from(WORDS + NAMES), min_size=6, max_size=24))
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if draw(st.booleans()):
        cut = draw(st.integers(1, len(words) - 1))
        text = " ".join(text.split()[:cut]) + ", " + " ".join(text.split()[cut:])
    end = draw(st.sampled_from([".", ".", ".", "?", "!", '."', ".”"]))
    return text + end


# Sentences in scripts the model reads differently: vowels written as combining marks and
# danda stops (Hindi, Bengali), no sentence punctuation (Thai), no spaces (Chinese), Arabic.
OTHER_SCRIPT_SENTENCES = [
    "नगर निगम के अधिकारियों ने बताया कि पानी निकालने के लिए पंपों को लगाया गया है।",
    "আবহাওয়া অফিস জানিয়েছে, আগামী দুই দিন বৃষ্টি অব্যাহত থাকতে পারে।",
    "ฝนที่ตกหนักตั้งแต่เช้าวันอังคารทำให้หลายพื้นที่ในกรุงเทพมหานครมีน้ำท่วมขัง",
    "市政部门表示，已在积水严重的地点安装了抽水设备，但由于降雨持续，排水工作进展缓慢。",
    "وقال مسؤولون في المحافظة إنه تم نشر مضخات لسحب المياه من الشوارع.",
]


@st.composite
def paragraph(draw):
    if draw(st.integers(0, 5)) == 0:
        return " ".join(draw(st.lists(st.sampled_from(OTHER_SCRIPT_SENTENCES), min_size=1, max_size=4)))
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=5)))


def _chrome_lines() -> list[str]:
    lines = []
    for rule in load_rules().rules:
        if rule.action != "trim":
            lines.extend(rule.examples_drop)
        lines.extend(p for p in rule.phrases[:8] if p.isascii())
    lines += ["spot_img", "- Advertisement -", "0", "0 Shares", "Home » News » World", "|", "72°F New York",
              "Washington", "e296a77f-e40d-49d7-84e1-27a7b46257c8", "Tags: Russia, North Korea", "5 min read"]
    return sorted(set(lines))


CHROME = _chrome_lines()


@st.composite
def page(draw):
    """A realistic page: chrome lines, a headline, article paragraphs with chrome in between
    and after, in one of the layouts scraped text comes in."""
    head = draw(st.lists(st.sampled_from(CHROME), max_size=8))
    title = draw(sentence()).rstrip('.?!"”')
    body = draw(st.lists(paragraph(), min_size=1, max_size=8))
    inner = []
    for p in body:
        inner.append(p)
        inner.extend(draw(st.lists(st.sampled_from(CHROME), max_size=2)))
    tail = draw(st.lists(st.sampled_from(CHROME + [draw(sentence()).rstrip(".")]), max_size=12))
    lines = head + [title] + inner + tail
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
    text = sep.join(lines)
    if draw(st.booleans()):
        # hard-wrap the long lines at a fixed width, as some scrapers do
        width = draw(st.integers(40, 90))
        wrapped = []
        for line in text.split("\n"):
            while len(line) > width and " " in line[:width]:
                cut = line.rindex(" ", 0, width)
                wrapped.append(line[:cut])
                line = line[cut + 1 :]
            wrapped.append(line)
        text = "\n".join(wrapped)
    elif draw(st.booleans()):
        # every text node on a line, as BeautifulSoup's get_text("\n") gives it: sentences
        # split where a link or a word in bold stood, its punctuation starting a line
        split = []
        for line in text.split("\n"):
            if line.count(" ") > 3 and draw(st.booleans()):
                words = line.split(" ")
                cut = draw(st.integers(1, len(words) - 1))
                line = " ".join(words[:cut]) + "\n" + " ".join(words[cut:])
                line = line.replace(", ", "\n, ", 1)
                if line[-1:] == "." and len(line) > 1:
                    line = line[:-1] + "\n."
            split.append(line)
        text = "\n".join(split)
    if draw(st.booleans()):
        text = text.replace(" ", draw(st.sampled_from(["  ", "\t", "\u00a0", " \u200b"])), draw(st.integers(0, 5)))
    return text


ARBITRARY = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list(" \n\n\t.,!?»|*#-:;\"'“”()[]{}<>\u00a0\u200b")),
    max_size=1500,
)
LINEY = st.lists(st.one_of(st.sampled_from(CHROME), sentence(), paragraph(), st.text(max_size=60)), max_size=30).map("\n".join)

# -- helpers -----------------------------------------------------------------------------------

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def flat(text: str) -> str:
    """Input or output with white space collapsed, Unicode spaces as plain spaces."""
    text = _ZERO_WIDTH.sub("", text)
    text = "".join(" " if unicodedata.category(c) in ("Zs", "Zl", "Zp") or c in "\t\r\n\f\v\x1c\x1d\x1e\x1f\x85" else c for c in text)
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


# Joining a sentence split at inline markup removes the line break before its punctuation
# (`City Fund` / `, which`): only white space changes, none is put in.
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[,;)\]}%.!?-])")


def unsplit(text: str) -> str:
    return _SPACE_BEFORE_PUNCTUATION.sub("", flat(text))


def check_nothing_invented(source: str, result) -> None:
    haystack = unsplit(source)
    for p in paragraphs(result.text):
        assert unsplit(p) in haystack, f"output paragraph not in the input: {p!r}"


def check_no_rule_dropped_block(result) -> None:
    out = {flat(p) for p in paragraphs(result.text)}
    for b in result.blocks:
        if b.verdict == "DROP" and any(part in RULE_IDS for part in b.rule.split("+")):
            assert flat(b.text) not in out, f"block dropped by {b.rule} is in the output: {b.text!r}"


def check_output_shape(result) -> None:
    text = result.text
    if not text:
        return
    assert text.endswith("\n") and not text.endswith("\n\n"), repr(text[-20:])
    assert "\n\n\n" not in text
    for p in text[:-1].split("\n\n"):
        assert p and p == p.strip() and "\n" not in p, repr(p)


# -- properties --------------------------------------------------------------------------------


@settings(max_examples=150, **SETTINGS)
@given(ARBITRARY)
def test_never_raises_on_any_text(text):
    result = clean(text, OPTIONS)
    assert isinstance(result.text, str)
    check_output_shape(result)


@settings(max_examples=100, **SETTINGS)
@given(st.binary(max_size=3000))
def test_never_raises_on_any_bytes(data):
    try:
        result = clean(data, OPTIONS)
    except NotText:
        return
    check_output_shape(result)


@settings(max_examples=60, **SETTINGS)
@given(page())
def test_realistic_pages(text):
    result = clean(text, OPTIONS)
    check_output_shape(result)
    check_nothing_invented(text, result)
    check_no_rule_dropped_block(result)


@settings(max_examples=60, **SETTINGS)
@given(page())
def test_idempotent_on_realistic_pages(text):
    once = clean(text, OPTIONS).text
    twice = clean(once, OPTIONS).text
    assert twice == once


@settings(max_examples=100, **SETTINGS)
@given(st.one_of(ARBITRARY, LINEY))
def test_idempotent_on_arbitrary_text(text):
    once = clean(text, OPTIONS).text
    twice = clean(once, OPTIONS).text
    assert twice == once


@settings(max_examples=100, **SETTINGS)
@given(st.one_of(ARBITRARY, LINEY))
def test_nothing_invented_on_arbitrary_text(text):
    result = clean(text, OPTIONS)
    check_nothing_invented(text, result)
    check_no_rule_dropped_block(result)


@settings(max_examples=40, **SETTINGS)
@given(page())
def test_html_wrapping_invents_nothing(text):
    import html as htmlmod

    parts = paragraphs(text.replace("\r\n", "\n").replace("\n", "\n\n"))
    page_html = "<html><body>" + "".join(f"<p>{htmlmod.escape(p)}</p>" for p in parts) + "</body></html>"
    result = clean(page_html, OPTIONS)
    check_output_shape(result)
    haystack = unsplit(text)
    for p in paragraphs(result.text):
        assert unsplit(p) in haystack, f"output paragraph not in the input: {p!r}"


# -- the language guess read block by block ------------------------------------------------------

MIXED_WORDS = (
    "the and of to in is that for with der die und das ist nicht mit le la les et est pas pour el los las y que "
    "por con il di che non per de het een van zijn niet council rathaus conseil ayuntamiento consiglio gemeente"
).split()


@settings(max_examples=100, **SETTINGS)
@given(
    # pages around the sample's size (6,000 characters), so that it often ends inside a block
    st.lists(st.lists(st.sampled_from(MIXED_WORDS), min_size=1, max_size=150).map(" ".join), min_size=1, max_size=60)
    | st.lists(st.lists(st.sampled_from(MIXED_WORDS), min_size=20, max_size=150).map(" ".join), min_size=15, max_size=60)
)
def test_language_guess_block_by_block_equals_the_sample_read_whole(lines):
    """The pipeline adds up each block's language votes (remembered for the settling passes);
    it must guess exactly what reading the joined sample at once guesses, also when the
    sample ends inside a block."""
    from cleaner.language import detect, frequent
    from cleaner.pipeline import PageMemo, _language_sample, _page_language, _sample_frequent_words
    from cleaner.segment import segment

    blocks = segment("\n\n".join(lines))
    sample_words = _language_sample(blocks).lower().split()
    memo = PageMemo()
    for _ in range(2):  # the second time from what it remembered
        expected = (frequent(sample_words), len(sample_words)) if sample_words else None
        assert _sample_frequent_words(blocks, memo) == expected
        assert _page_language(blocks, "", memo) == detect(sample_words)


@settings(max_examples=150, **SETTINGS)
@given(st.one_of(page(), ARBITRARY, LINEY))
def test_settling_reads_the_output_as_segmenting_it_would(text):
    """The settling pass takes the output's paragraphs as its blocks instead of segmenting
    the output again: both must give the same blocks."""
    from cleaner.pipeline import _full_text, _output_blocks, clean_text
    from cleaner.segment import segment

    result = clean_text(text, OPTIONS)
    if not result.body:
        return
    expected = segment(_full_text(result.title, result.body))
    assert _output_blocks(result.title, result.body) == expected


MEDIUM_PIECES = ["这是一个没有空格的中文句子", "。", "，", "word", "prose", " ", " ", "\u3000", "\t", "\x1f", ".", "ä"]


@settings(max_examples=400, **SETTINGS)
@given(
    st.lists(st.sampled_from(MEDIUM_PIECES), max_size=40).map("".join).filter(lambda t: 20 <= len(t) <= 100)
    | st.text(min_size=20, max_size=100),
    st.sampled_from([None, frozenset({"the", "a", "of", "word"})]),
)
@example(" " * 30, None)
@example("\t \u3000" * 12, None)
@example("这是一个没有空格的中文句子，这是一个没有空格的中文句子。", None)
def test_medium_blocks_are_classed_without_their_words_as_with_them(text, stopwords):
    """Blocks shorter than SHORT_MAX_CHARS skip the word split unless they have CJK
    punctuation; the class must be the one the full assessment gives."""
    from cleaner import model

    end = text.rstrip(model._CLOSERS)[-1:] in model._ENDERS
    expected = (
        (model._CLASSES[model.SHORT, end] if text else model._CLASSES[model.BAD, end])
        if len(text) < model._ALWAYS_SHORT_BELOW
        else model._assess_longer(text, end, stopwords, text.lower().split())
    )
    assert model.assess(text, stopwords) == expected


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**80), max_value=2**80) | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def _non_finite_as_token(value):
    import json
    import math

    if isinstance(value, float) and not math.isfinite(value):
        return json.dumps(value)  # NaN, Infinity, -Infinity
    if isinstance(value, list):
        return [_non_finite_as_token(v) for v in value]
    if isinstance(value, dict):
        return {k: _non_finite_as_token(v) for k, v in value.items()}
    return value


@settings(max_examples=300, **SETTINGS)
@given(st.dictionaries(st.sampled_from(["id", "url", "text", "html", "x"]), JSON_VALUES, max_size=4), st.booleans())
def test_jsonl_records_parse_as_the_json_module_parses_them(record, as_bytes):
    """Records are parsed with orjson where it reads them as `json` does: the fields echoed
    back (`id`, `url`) come back as given, and the page field is a string in both or neither.
    (Other fields are not read.) NaN and the infinities, which no JSON output holds, are
    read as their token (README: JSON Lines)."""
    import json

    from cleaner.api import _parse_json

    line = json.dumps(record, ensure_ascii=as_bytes)
    data = line.encode("utf-8") if as_bytes else line
    parsed, expected = _parse_json(data), _non_finite_as_token(json.loads(data))
    for key in ("id", "url"):
        assert repr(parsed.get(key)) == repr(expected.get(key)), key
    for key in ("text", "html"):
        assert isinstance(parsed.get(key), str) == isinstance(expected.get(key), str)
        if isinstance(expected.get(key), str):
            assert parsed[key] == expected[key]
