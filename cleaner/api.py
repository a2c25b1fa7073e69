"""The library entry points: clean page bytes or text, text or HTML."""

from __future__ import annotations

from .decode import decode
from .detect import is_html
from .document import CleanResult
from .pipeline import Options, clean_text
from .registry import load_rules

# Pages beyond this many characters, or lines, are cut to it (with a warning) so that one
# huge page cannot exhaust memory (memory grows with the number of blocks); real articles
# are far shorter.
MAX_PAGE_CHARS = 20_000_000
MAX_PAGE_LINES = 200_000


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
    if len(text) > MAX_PAGE_CHARS:
        warnings.append(f"page cut to its first {MAX_PAGE_CHARS:,} characters (it has {len(text):,})")
        text = text[:MAX_PAGE_CHARS]
    lines = text.count("\n")
    if lines > MAX_PAGE_LINES:
        warnings.append(f"page cut to its first {MAX_PAGE_LINES:,} lines (it has {lines + 1:,})")
        text = "\n".join(text.split("\n", MAX_PAGE_LINES)[:MAX_PAGE_LINES])
    kind = options.input_type
    if kind == "auto":
        kind = "html" if is_html(text) else "text"
    if kind == "html":
        from .html import clean_html  # trafilatura is imported only for HTML pages

        result = clean_html(text, options, url=url)
    else:
        result = clean_text(text, options)
    result.warnings = warnings + result.warnings
    if not result.text and text.strip():
        result.warnings.append("no article found: output is empty")
    return result
