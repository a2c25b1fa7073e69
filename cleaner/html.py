"""The HTML path: trafilatura finds the main text and metadata; the text path's rules and
content model then remove what it leaves behind. trafilatura is imported here only, so
text pages never pay for it.
"""

from __future__ import annotations

from .document import CleanResult
from .pipeline import Options, clean_text

# trafilatura found "clearly too little" when its text is below this share of what the text
# path finds in the page's full text; then the text path's result is used instead.
MIN_SHARE_OF_TEXT_PATH = 0.5
MIN_CHARS = 200


def _page_text(html: str) -> str:
    """The whole page as plain text (what a naive get-text gives), for the fallback."""
    import lxml.html

    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    blocks = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and el.text.strip():
            blocks.append(el.text.strip())
        if el.tail and el.tail.strip():
            blocks.append(el.tail.strip())
    del lxml
    return "\n".join(blocks)


def clean_html(html: str, options: Options, url: str | None = None) -> CleanResult:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    extracted = ""
    meta = {}
    if doc is not None:
        meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        extracted = meta.get("text") or ""
    title = meta.get("title")
    body_input = (title + "\n\n" if title else "") + extracted
    result = clean_text(body_input, options) if extracted else None

    fallback = clean_text(_page_text(html), options)
    body_chars = sum(len(p) for p in result.body) if result else 0
    fallback_chars = sum(len(p) for p in fallback.body)
    if result is None or (body_chars < MIN_CHARS and fallback_chars > body_chars) or body_chars < MIN_SHARE_OF_TEXT_PATH * fallback_chars:
        result = fallback
        result.warnings.append("trafilatura found too little; used the text path on the page's full text")
    result.input_type = "html"
    result.author = result.author or meta.get("author")
    result.date = result.date or meta.get("date")
    result.source = result.source or meta.get("sitename")
    return result
