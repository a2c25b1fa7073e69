"""The library entry points: clean page bytes or text, text or HTML."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import replace

from .decode import decode
from .detect import SNIFF_CHARS, is_html
from .document import CleanResult
from .pipeline import Options, clean_text
from .registry import load_rules

# Pages beyond this many characters, or lines, are cut to it (with a warning) so that one
# huge page cannot exhaust memory (memory grows with the number of blocks); real articles
# are far shorter.
MAX_PAGE_CHARS = 20_000_000
MAX_PAGE_LINES = 200_000
# A text page this long in one block has lost its line breaks (a get-text with a space
# between text nodes, a minified page's text): the cleaner cannot tell its chrome from its
# article, and says so rather than pass the page off as cleaned.
UNSPLIT_PAGE_CHARS = 3000


def make_options(
    rule_files: tuple[str, ...] = (),
    disabled: frozenset[str] = frozenset(),
    select: frozenset[str] = frozenset(),
    no_title: bool = False,
    input_type: str = "auto",
    explain: bool = False,
) -> Options:
    """Options with the rule set compiled (raises RuleError for a bad rule file or id)."""
    return Options(
        rules=load_rules(tuple(rule_files), frozenset(disabled), frozenset(select)),
        no_title=no_title,
        input_type=input_type,
        check_every_block=explain,
    )


def clean(page: str | bytes, options: Options | None = None, url: str | None = None) -> CleanResult:
    """Clean one page given as text or bytes (decoded here), plain text or HTML."""
    options = options or Options()
    if isinstance(page, bytes):
        return clean_bytes(page, options, url=url)
    return clean_str(page, options, url=url)


def clean_bytes(data: bytes, options: Options, url: str | None = None) -> CleanResult:
    return clean_str(decode(data), options, url=url, raw=data)


def clean_str(text: str, options: Options, url: str | None = None, raw: bytes | None = None) -> CleanResult:
    warnings = []
    text = without_lone_surrogates(text)
    if len(text) > MAX_PAGE_CHARS:
        warnings.append(f"page cut to its first {MAX_PAGE_CHARS:,} characters (it has {len(text):,})")
        text = text[:MAX_PAGE_CHARS]
    breaks = _line_breaks(text)
    if breaks > MAX_PAGE_LINES:
        lines = breaks + (text[-1:].splitlines() != [""])  # (a line break at the end starts no line)
        warnings.append(f"page cut to its first {MAX_PAGE_LINES:,} lines (it has {lines:,})")
        text = text[: _nth_line_break(text, MAX_PAGE_LINES)]
    kind = options.input_type
    if kind == "auto":
        kind = "html" if is_html(text) else "markdown" if _is_markdown(text) else "text"
    if kind == "html":
        from .html import clean_html  # trafilatura is imported only for HTML pages

        result = clean_html(text, options, url=url)
    elif kind == "markdown":
        from .markdown import markdown_to_text

        result = clean_text(markdown_to_text(text), options)
        result.input_type = "markdown"
    else:
        result = clean_text(text, options)
    if kind != "html" and len(result.blocks) == 1 and len(text) >= UNSPLIT_PAGE_CHARS:
        warnings.append(
            f"the page is one line of {len(text):,} characters: without line breaks between its parts, its chrome "
            "cannot be told from the article"
        )
    result.warnings = warnings + result.warnings
    if not result.text and text.strip():
        result.warnings.append("no article found: output is empty")
    return result


# What str.splitlines, and so the segmenter, takes for a line break: a page whose lines end
# in CR, U+2028 or form feeds has as many lines as one whose lines end in LF.
_ASCII_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e"
_OTHER_LINE_BREAKS = "\x85\u2028\u2029"
_LINE_BREAK = re.compile("\r\n|[" + _ASCII_LINE_BREAKS + _OTHER_LINE_BREAKS + "]")


def _line_breaks(text: str) -> int:
    """The number of line breaks in `text`, as str.splitlines counts them (CR LF is one);
    0 for a page too short to have more than MAX_PAGE_LINES.

    Every page passes here, so it costs about what text.count("\n") did: a page of at most
    MAX_PAGE_LINES characters cannot be over the limit and is not scanned, and on a longer
    one only the break characters it holds are counted (`in` is a memchr, several times
    faster than a count).
    """
    if len(text) <= MAX_PAGE_LINES:
        return 0
    chars = _ASCII_LINE_BREAKS if text.isascii() else _ASCII_LINE_BREAKS + _OTHER_LINE_BREAKS
    breaks = sum(text.count(ch) for ch in chars if ch in text)
    return breaks - text.count("\r\n") if "\r" in text else breaks


def _nth_line_break(text: str, n: int) -> int:
    """Where the `n`th line break of `text` starts (it must have that many)."""
    match = next(itertools.islice(_LINE_BREAK.finditer(text), n - 1, None))
    return match.start()


def _is_markdown(text: str) -> bool:
    # (without a link in Markdown's syntax a page is no Markdown: the module and its
    # regular expressions are not even loaded, and a small text file starts that much faster)
    if "](" not in text[:SNIFF_CHARS]:
        return False
    from .markdown import is_markdown

    return is_markdown(text)


def without_lone_surrogates(text: str) -> str:
    """`text` with each lone UTF-16 surrogate replaced by U+FFFD.

    JSON from a JavaScript scraper that cut a string inside an emoji carries half of its
    pair (`\\ud83d`), which no UTF-8 output can hold: the page would fail on output.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # (a pair split into two code points is joined again; a lone half is replaced)
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


# A JSON Lines record read by the json module (below) whose id, or any value, nests deeper
# than this is refused, whatever the number of workers. The json module reads somewhat
# deeper, but how much depends on how deep its caller's stack is (a worker process's is not
# the main process's): an id 980 lists deep was read with -j 1 and refused with -j 2.
# (orjson stops at 1024 levels whatever the stack; deeper records come to the json module.)
MAX_JSON_DEPTH = 800
# A JSON string (skipped whole, brackets and all) or a bracket.
_JSON_STRING_OR_BRACKET = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[][{}]')

# Values orjson and the json module read alike.
_EXACT_JSON_TYPES = (str, int, bool, type(None))


def _parse_json(line: str | bytes):
    """A JSON Lines record, parsed as the standard `json` module parses it.

    orjson parses it several times faster. What orjson refuses (NaN, lone surrogates, a
    byte-order mark) goes to the standard parser; and since orjson reads integers beyond 64
    bits as floats, a record whose `id` or `url` (the fields echoed back) is not a plain
    string, integer or null is parsed again the standard way, so ids come back as given.
    A number no JSON output can carry (NaN, Infinity, -Infinity, which the json module
    accepts, or 1e400, beyond a float) is read as the string of its token (README: JSON
    Lines): orjson would write it as null, the json module as invalid JSON.
    """
    import json

    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency; a broken install still works
        orjson = None
    if orjson is not None:
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            pass
        else:
            if not isinstance(record, dict) or (
                type(record.get("id")) in _EXACT_JSON_TYPES and type(record.get("url")) in _EXACT_JSON_TYPES
            ):
                return record
    if _nested_deeper_than(line, MAX_JSON_DEPTH + 1):  # (+1: the record's own braces)
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels (the JSON Lines limit)")
    try:
        return json.loads(line, parse_float=_finite_or_token, parse_constant=str)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"not valid JSON ({exc.__class__.__name__}: {exc})") from None


def _nested_deeper_than(line: str | bytes, limit: int) -> bool:
    """Whether the JSON text `line` nests arrays and objects more than `limit` deep.

    Two counts clear almost every record; the others are scanned string by string (a whole
    page in a string is one regex match), brackets inside strings not counted.
    """
    if isinstance(line, str):
        line = line.encode("utf-8", "surrogatepass")
    if line.count(b"[") + line.count(b"{") <= limit:
        return False
    depth = 0
    for match in _JSON_STRING_OR_BRACKET.finditer(line):
        bracket = match.group()
        if bracket in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif bracket in (b"]", b"}"):
            depth -= 1
    return False


def _finite_or_token(token: str) -> float | str:
    number = float(token)
    return number if math.isfinite(number) else token


# The JSON fields of a record that could not be cleaned.
FAILED_FIELDS = {
    "title": None, "body": None, "text": None, "author": None, "date": None, "source": None, "removed": [],
    "input_type": None, "warnings": [],
}


def record_id_and_url(record: dict) -> tuple:
    """The `id` (as given) and `url` (as a string) that a record's output line echoes."""
    url = record.get("url")
    return record.get("id"), url if url is None or isinstance(url, str) else str(url)


def clean_record(record, options: Options, input_field: str | None = None, options_for=None):
    """Clean one JSON Lines record, as `--jsonl`, Dask and WARC do; never raises.

    `record` is a dict or JSON text with `id`, `url` and `html`, `markdown` or `text` (or the page in
    `input_field`; a page given as bytes is decoded as a file is). `options_for(options,
    url)` may adapt the options to the page (a site profile). Returns (output record
    without `error`, result or None, exception or None).
    """
    record_id = url = None
    try:
        if isinstance(record, (str, bytes)):
            record = _parse_json(record)
        if not isinstance(record, dict):
            raise ValueError("not a JSON object")
        record_id, url = record_id_and_url(record)
        if input_field:
            page, kind = record.get(input_field), None
        else:
            # (the field names the markup: `html`, `markdown` as LLM-oriented scrapers write it, or `text`)
            kind = next((k for k in ("html", "markdown") if record.get(k) is not None), None)
            page = record.get(kind or "text")
        if isinstance(page, (bytes, bytearray)):  # raw page bytes (a Dask bag or dataframe from a crawler)
            page = decode(bytes(page))
        if not isinstance(page, str):
            raise ValueError(f"no `{input_field}` string field" if input_field else "no `text`, `html` or `markdown` string field")
        if kind and options.input_type == "auto":
            options = replace(options, input_type=kind)
        if options_for is not None:
            options = options_for(options, url)
        result = clean_str(page, options, url=url)
        return {"id": record_id, "url": url, **result.to_json()}, result, None
    except Exception as exc:  # one bad record must not stop the batch
        return {"id": record_id, "url": url, **FAILED_FIELDS}, None, exc
