"""The HTML path: one parse of the page; trafilatura finds the main text, the page's own
markup gives the metadata, the standfirst and the captions; the text path's rules then
remove what trafilatura leaves behind (ad markers, share and newsletter prompts, related
lists, comment prompts, the headline again).

The content model is not run on trafilatura's text: its region logic was made for a whole
page's text, and on text that is already the article it drops real paragraphs (measured on
the development corpus: recall 0.95 -> 0.86). Only when trafilatura finds (almost) nothing
does the page's full text go through the text path, model and all.

trafilatura and lxml are imported here only, so that text pages never pay for them.
"""

from __future__ import annotations

import re
from itertools import islice

from . import headline
from .document import DROP, KEEP, Block, CleanResult
from .language import detect
from .pipeline import LANGUAGE_SAMPLE_CHARS, Options, assemble, clean_text
from .segment import drop_zero_width, normalise_lines

# trafilatura's full extraction compares its text with what readability and jusText find
# and keeps the best: a fifth of its time, and it changes the text of few pages, nearly all
# of them pages where the fast extraction (without that comparison) found little. So the
# full one runs only when the fast one finds less than this many characters. Measured on
# the development corpus: trafilatura's time 0.87 of always running the full extraction,
# F1 0.9502 -> 0.9493 (0.9445 never running it; 0.9468 below 500 characters, 0.9498 below 2000).
FULL_EXTRACTION_BELOW_CHARS = 1000
# trafilatura's text is "clearly too little" below this many characters; only then is the
# page's full text cleaned by the text path as well ...
MIN_EXTRACTED_CHARS = 250
# ... and the text path's article is used when it is at least this many times longer (the
# text path on a whole page may take a teaser for prose: it must find clearly more).
FALLBACK_MIN_GAIN = 2.0
# An "end" marker (comment section, footer) ends the article only once this share of the
# extracted prose has been seen (a "Comments" line near the top is not the end).
END_MARKER_MIN_SHARE = 0.3
# The page's description is looked for in the page's text when it is at least this long;
# the element that shows it is the standfirst when its text is at most MAX_STANDFIRST_CHARS.
MIN_DESCRIPTION_CHARS = 50
DESCRIPTION_PROBE_CHARS = 40
MIN_PROBE_CHARS = 20
_UNSTABLE_CHARS = re.compile(r"[\"'‘’‚“”„«»‹›–—…&<>]|\.\.\.")
MAX_STANDFIRST_CHARS = 1500
# "Label: linked headline" paragraphs (`Read also: ...`, `Lea también: ...`): the label is at
# most this long, and the link text covers at least this share of the rest.
MAX_LINK_LABEL_CHARS = 40
MIN_LINKED_SHARE = 0.5
MAX_LINK_PARAGRAPH_CHARS = 300
MAX_LINK_CHECKS = 8

# Rules of the text path that misfire on trafilatura's text: its markup-based pruning already
# drops breadcrumbs, so "A » B"-shaped lines left in the text are the article's own (arrows,
# guillemets, directory trees); measured on the corpus: 4 false positives removed, 7 lines of
# article text lost.
SKIPPED_RULES = frozenset({"navigation.breadcrumb"})

# Class words that name an element as chrome (breadcrumb, newsletter box, disclaimer,
# photo credit, ...): a line of trafilatura's text found inside such an element, when the
# element is small, is dropped. Words that also name article wrappers (content, main, post,
# teaser, box, widget, caption, comment, toc) are not in the list: on the corpus they cost
# more article lines than chrome lines they removed.
_CHROME_WORDS = (
    "breadcrumb", "breadcrumbs", "newsletter", "disclaimer", "disclosure", "banner", "credit", "credits", "copyright",
    "cta", "paywall", "signup", "sign-up", "donate", "donation", "subscribe", "wp-caption-text", "more-about",
    "author", "author-bio", "about-author",
)
_CHROME_NAME = re.compile(r"(?:^|[\s_-])(?:%s)(?:$|[\s_-])" % "|".join(re.escape(w) for w in _CHROME_WORDS), re.I)
MAX_CHROME_BOX_CHARS = 600
# Lines shorter than this must be a chrome element's whole text, not just part of it.
MIN_BOX_LINE_CHARS = 16

# trafilatura's text: list items start with "- ", table rows are "| a | b |"
_LIST_ITEM = re.compile(r"^(?:[-*•] )")
_TABLE_ROW = re.compile(r"^\|.*\|$")
# the line under a table's header row (`|---|---|`): layout, not text
_TABLE_RULE = re.compile(r"^\|[\s|:-]*\|$")
_LINK_LABEL = re.compile(r"^([^:|]{2,%d}):\s+(\S.{9,})$" % MAX_LINK_LABEL_CHARS)
# Elements whose text never is the article's standfirst.
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "title", "head", "meta", "textarea", "option", "select", "button"})
_INLINE = frozenset({"span", "strong", "em", "b", "i", "u", "a", "font", "small", "mark", "abbr", "cite", "q", "sup", "sub", "time"})

_TAG = re.compile(r"<[^<>]{0,200}>")


def _norm(text: str) -> str:
    """An element's text in the form of the blocks it is compared with."""
    return " ".join(drop_zero_width(text).split())


def _one_line(text: str) -> str:
    """Text from the markup, normalised as the contract says (Unicode spaces, zero-width
    characters), on one line."""
    return " ".join(line for line in normalise_lines(text) if line)


def clean_html(html: str, options: Options, url: str | None = None) -> CleanResult:
    from trafilatura import bare_extraction

    tree = _parse(html)
    if tree is None and html.strip():
        # trafilatura wants a whole document; a fragment (`<p>...</p>`) is wrapped in one
        tree = _parse(f"<html><body><div>{html}</div></body></html>")
    if tree is None:  # not parseable as HTML: its text, tags stripped, goes the text path
        result = clean_text(_strip_tags(html), options)
        result.input_type = "html"
        result.warnings.append("the page could not be parsed as HTML; cleaned its text")
        return result
    meta = _metadata(tree)
    extracted = _extract(bare_extraction, tree, url)

    result = _clean_extracted(extracted, tree, meta, options) if extracted.strip() else None
    found = sum(len(p) for p in result.body) if result is not None else 0
    if found < MIN_EXTRACTED_CHARS:
        fallback = clean_text(_page_text(tree), options)
        fallback_found = sum(len(p) for p in fallback.body)
        if result is None or fallback_found > FALLBACK_MIN_GAIN * found:
            if fallback_found:
                fallback.warnings.append("trafilatura found too little; used the text path on the page's full text")
            result = fallback
    if not result.body:
        # the parser lost the text (markup nested deeper than libxml2 follows, broken
        # documents): the text path on the page with its tags stripped
        stripped = clean_text(_strip_tags(html), options)
        if stripped.body:
            stripped.warnings.append("the HTML parser found no article; cleaned the page's text with its tags stripped")
            result = stripped
    result.input_type = "html"
    result.author = result.author or meta.get("author")
    result.date = result.date or meta.get("date")
    result.source = result.source or meta.get("sitename")
    return result


def _extract(bare_extraction, tree, url: str | None) -> str:
    """trafilatura's text of the page: its fast extraction, and its full one (which also
    tries readability and jusText, and keeps the best) when the fast one finds little."""
    # (bare_extraction works on a copy of the tree: `tree` stays whole for what follows)
    for fast in (True, False):
        doc = bare_extraction(tree, url=url, include_comments=False, include_tables=True, fast=fast)
        text = (doc.text if doc is not None else "") or ""
        if len(text) >= FULL_EXTRACTION_BELOW_CHARS:
            break
    return text


# Characters that trafilatura's load_html deletes before parsing (its INVALID_XML_CHARS).
_CONTROL_CHARS = tuple(map(chr, (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)))


def _parse(html: str):
    """The page's tree, as trafilatura.utils.load_html builds it from a string.

    load_html first deletes the control characters XML forbids, with a regular expression
    run over the whole page: a quarter of the cost of parsing, on pages that almost never
    have any (3 of the 949 corpus pages). Testing for them with `in` takes a fifth of that;
    without them the deletion changes nothing, and load_html's other steps (the repairs of
    the page's start, the parse, the rejection of what is not HTML) are done here, the
    same way. Pages that have such characters, or a trafilatura without these helpers, go
    through load_html itself.
    """
    from trafilatura.utils import load_html

    if any(ch in html for ch in _CONTROL_CHARS):
        return load_html(html)
    try:
        from lxml.html import fromstring
        from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, is_dubious_html
    except ImportError:
        return load_html(html)
    parser = _parser()
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    # load_html's repair_faulty_html, but for the deletion: a doctype with a slash, `<html .../>`
    if "doctype" in beginning:
        first, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", first, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break

    def from_bytes():
        try:
            return fromstring(html.encode("utf8", "surrogatepass"), parser=parser)
        except Exception:
            return None

    tree, as_bytes = None, False
    try:
        tree = fromstring(html, parser=parser)
    except ValueError:  # a string with an encoding declaration: lxml wants bytes
        tree, as_bytes = from_bytes(), True
    except Exception:
        pass
    if (tree is None or len(tree) < 1) and not as_bytes:
        tree = from_bytes()
    if tree is not None and dubious and len(tree) < 2:  # not (well-formed) HTML
        return None
    return tree


_PARSER = None


def _parser():
    """trafilatura's HTML parser, but making every element a plain HtmlElement.

    lxml.html's parser picks each element's Python class (forms and their fields get their
    own) by calling a Python method for every element object it creates: over a page,
    trafilatura's pruning and scoring and our own reading create several thousand, and
    these calls cost several percent of the whole extraction. A default class lookup
    does the same in C. Neither trafilatura nor this module uses the form classes' extras;
    the copies trafilatura makes of the tree keep the parser, so its work gains too.
    """
    global _PARSER
    if _PARSER is None:
        from lxml import etree, html as lxml_html
        from trafilatura.utils import HTML_PARSER

        parser = HTML_PARSER.copy()  # same options (comments and PIs removed, no ids, ...)
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
                pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity,
            )
        )
        _PARSER = parser
    return _PARSER


# -- metadata ----------------------------------------------------------------------------


def _metadata(tree) -> dict:
    """Title, author, date, site name and description from the page's meta tags.

    trafilatura's own metadata extraction searches the whole page for authors and dates
    (htmldate) and parses JSON-LD, which costs about half as much again as the text
    extraction; the meta tags that sites publish for search engines and social previews
    carry the same in most pages, for one pass over the <meta> elements.
    """
    found: dict[str, str] = {}
    head = tree.find("head")
    for el in (head if head is not None else tree).iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content)

    def first(*keys: str) -> str | None:
        for key in keys:
            if key in found:
                return _norm(found[key]) or None
        return None

    title = first("og:title", "twitter:title", "headline", "dc.title")
    h1 = _first_h1(tree)
    if not title:
        title = h1 or _title_from_page(tree)
    elif h1 and (h1.casefold() in title.casefold() or title.casefold() in h1.casefold()):
        title = h1  # the headline as the page shows it, without the site name

    author = first("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author")
    if author and (" " not in author or "://" in author):  # a handle or a profile URL
        author = None
    date = first(*_DATE_KEYS)
    if not date:
        times = tree.xpath("//time/@datetime")
        date = _norm(times[0]) if times else None
    description = first("og:description", "description", "twitter:description", "dc.description")
    if description and "<" in description:
        description = _norm(_TAG.sub(" ", description))
    return {
        "title": title,
        "author": author,
        "date": date,
        "sitename": first("og:site_name", "application-name", "twitter:site"),
        "description": description,
    }


_DATE_KEYS = (
    "article:published_time", "datepublished", "og:published_time", "date", "pubdate", "publish-date",
    "dc.date.issued", "dc.date", "sailthru.date", "parsely-pub-date",
)
# "Headline | Site", "Headline - Site", "Site » Headline": the longest part is the headline
_TITLE_SEPARATOR = re.compile(r"\s+[|»·–—-]\s+")


def _first_h1(tree) -> str | None:
    h1 = tree.find(".//h1")
    if h1 is None:
        return None
    text = _norm(h1.text_content())
    return text if 2 <= len(text.split()) <= headline.MAX_WORDS else None


def _title_from_page(tree) -> str | None:
    el = tree.find(".//title")
    if el is None or not el.text:
        return None
    parts = _TITLE_SEPARATOR.split(_norm(el.text))
    return max(parts, key=len) or None


def _standfirst(tree, description: str | None, extracted: str) -> str | None:
    """The page element that shows the page's description, when trafilatura left it out.

    Standfirsts (deks, ledes, teasers) sit above the body in their own element and
    trafilatura often skips them; sites repeat them as the meta description. The text used
    is the element's (the description may be cut short), so nothing is invented.
    """
    if not description or len(description) < MIN_DESCRIPTION_CHARS:
        return None
    for probe in _probes(description):
        if probe in extracted:
            return None
        hits = tree.xpath("//body//text()[contains(., $p)]", p=probe)
        if hits:
            return _standfirst_element(hits, probe, extracted)
    return None


def _probes(description: str) -> list[str]:
    """Bits of the description to look for in the page: its start, and (as quotes, dashes
    and entities are often written differently in the meta tag) its longest run free of them."""
    first = description[:DESCRIPTION_PROBE_CHARS].rsplit(" ", 1)[0]
    longest = max(_UNSTABLE_CHARS.split(description), key=len)[:DESCRIPTION_PROBE_CHARS].strip()
    return [first] + ([longest] if len(longest) >= MIN_PROBE_CHARS and longest != first else [])


def _standfirst_element(hits, probe: str, extracted: str) -> str | None:
    for hit in hits:
        el = hit.getparent()
        if el is None:
            continue
        if getattr(hit, "is_tail", False):
            el = el.getparent()
        while el is not None and el.tag in _INLINE:
            el = el.getparent()
        if el is None or not isinstance(el.tag, str) or el.tag in _NOT_TEXT:
            continue
        if any(a.tag in _NOT_TEXT or a.tag == "a" for a in el.iterancestors()):
            continue
        text = _norm(el.text_content())
        if len(text) <= MAX_STANDFIRST_CHARS and probe in text and text not in extracted:
            return text
        return None
    return None


def _captions(tree) -> set[str]:
    return {t for t in (_norm(el.text_content()) for el in tree.iter("figcaption")) if t}


def _chrome_boxes(tree) -> list[str]:
    """The text of small page elements whose class names them as chrome.

    Only small elements count: a class like `has-newsletter` on the article's wrapper must
    not take the article with it. When the page marks up one <article>, only its elements
    are read: chrome outside it does not reach trafilatura's text (and reading every
    element of a large page costs more than the rest of this module). Ids were measured to
    add nothing over classes.
    """
    articles = list(islice(tree.iter("article"), 2))
    root = articles[0] if len(articles) == 1 else tree
    names = root.xpath(".//@class")
    # a page repeats its class names (every menu item, every card): each is tested once
    chrome = {name for name in set(names) if _CHROME_NAME.search(name)}
    if not chrome:
        return []
    boxes = []
    for name in names:
        if name not in chrome:
            continue
        text = _norm(name.getparent().text_content())
        if text and len(text) <= MAX_CHROME_BOX_CHARS:
            boxes.append(text)
    return boxes


def _in_box(text: str, boxes: list[str]) -> bool:
    if len(text) < MIN_BOX_LINE_CHARS:
        # a lone word ("Strava") may be a photo credit and a link in the text alike
        return " " in text and text in boxes
    return any(text in box for box in boxes)


def _link_label_rest(text: str) -> str | None:
    """The part after the label of a `Label: text` line, if the line has that shape."""
    if ":" not in text[: MAX_LINK_LABEL_CHARS + 2] or len(text) > MAX_LINK_PARAGRAPH_CHARS or _LIST_ITEM.match(text):
        return None
    m = _LINK_LABEL.match(text)
    return m.group(2) if m else None


def _is_linked(tree, rest: str) -> bool:
    """Whether `rest` is (mostly) the text of a link: then `Label: rest` points to another
    article (`Read also: ...`, `Lea también: ...`) and is not a paragraph of this one."""
    for a in tree.xpath("//a[contains(normalize-space(.), $p)]", p=rest[:60]):
        if len(_norm(a.text_content())) >= MIN_LINKED_SHARE * len(rest):
            return True
    return False


# -- the extracted text ------------------------------------------------------------------


def _clean_extracted(extracted: str, tree, meta: dict, options: Options) -> CleanResult:
    rules = options.rules
    off = rules.features_off
    # the language of trafilatura's text (its stopwords also serve the site chrome, below)
    language = detect(extracted[:LANGUAGE_SAMPLE_CHARS].lower().split())
    blocks: list[Block] = []
    for number, line in enumerate(normalise_lines(extracted)):
        if line:
            blocks.append(Block(len(blocks), line, number, number))
    flat = _norm(extracted)
    boxes = _chrome_boxes(tree)
    lede = _standfirst(tree, meta.get("description"), flat)
    if lede:
        blocks.insert(0, Block(0, _one_line(lede), 0, 0))
        for i, b in enumerate(blocks):
            b.index = i
    n = len(blocks)
    actions: list[str | None] = [None] * n
    author = date = source = None
    captions = _captions(tree)
    link_checks = 0

    # 1. rules, each block on its own (table rows are data, not chrome)
    for i, block in enumerate(blocks):
        text = block.text
        if _TABLE_RULE.match(text):
            actions[i] = "drop"
            block.decide(DROP, "html.table-rule", "chrome")
            continue
        if _TABLE_ROW.match(text):
            cells = [c.strip() for c in text.strip("|").split("|") if c.strip()]
            if len(cells) != 1:
                continue
            text = cells[0]  # a one-cell row of a layout table is a paragraph
        text = _LIST_ITEM.sub("", text)
        match = rules.match(text)
        if match is not None and match.rule.id in SKIPPED_RULES:
            match = None
        if match is None:
            if block.text in captions and "html.caption" not in off:
                actions[i] = "drop"
                block.decide(DROP, "html.caption", "chrome")
            elif boxes and "html.chrome-box" not in off and _in_box(text, boxes):
                actions[i] = "drop"
                block.decide(DROP, "html.chrome-box", "chrome")
            elif link_checks < MAX_LINK_CHECKS and "html.link-label" not in off and (rest := _link_label_rest(block.text)) is not None:
                link_checks += 1  # each check searches the page: a few per page at most
                if _is_linked(tree, rest):
                    actions[i] = "drop"
                    block.decide(DROP, "html.link-label", "chrome")
            elif len(block.text) <= headline.MAX_CHARS:
                trim = rules.trim(block.text)
                if trim is not None:
                    block.cut, block.cut_rule, block.text = trim.cut, trim.rule.id, trim.remainder
            continue
        actions[i] = match.rule.action
        block.decide(DROP, match.rule.id, "meta" if match.rule.action == "meta" else "chrome")
        author = author or match.author
        date = date or match.date
        source = source or match.source

    # site chrome learned from a batch of the same host (cleaner/site.py)
    if options.site_profile and "site.repeated" not in off:
        from .pipeline import _drop_site_chrome

        _drop_site_chrome(blocks, actions, options.site_profile, language.stopwords)

    # 2. nothing after a comment-section or footer marker is article text
    total = sum(len(b.text) for b, a in zip(blocks, actions) if a is None)
    seen = 0
    for i, block in enumerate(blocks):
        if actions[i] == "end" and seen >= END_MARKER_MIN_SHARE * total > 0 and "model.after-end" not in off:
            for k in range(i + 1, n):
                if actions[k] is None:
                    actions[k] = "after-end"
                    blocks[k].decide(DROP, "model.after-end", "chrome")
            break
        if actions[i] is None:
            seen += len(block.text)

    # (The list under a related/popular heading is not dropped with it, as the text path
    # does: trafilatura has pruned such lists already, and on the corpus the lists left
    # under such headings were the article's own.)

    # 3. everything else is the article
    for i, block in enumerate(blocks):
        if actions[i] is None:
            block.decide(KEEP, "html.main-text", "body")

    # 4. the headline: the page's title (ticker stamps cut); its copies in the text go
    title = _one_line(meta.get("title") or "") or None
    if title:
        trim = rules.trim(title) if len(title) <= headline.MAX_CHARS else None
        if trim is not None:
            title = trim.remainder
        if "headline.duplicate" not in off:
            _drop_copies(blocks, title)

    result = assemble(blocks, title if not options.no_title else None, title, author, date, source)
    result.language = language.name
    return result


def _drop_copies(blocks: list[Block], title: str) -> None:
    """The headline again in the text (trafilatura's text has no widget glue: exact copies only)."""
    key = " ".join(title.casefold().split())
    for block in blocks:
        if block.verdict == KEEP and " ".join(block.text.casefold().split()) == key:
            block.decide(DROP, "headline.duplicate", "chrome")


def _strip_tags(html: str) -> str:
    import html as html_module

    text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "\n", html)
    return html_module.unescape(re.sub(r"<[^<>]*>", "\n", text))


# -- fallback ----------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "table", "section", "article",
     "header", "footer", "nav", "aside", "blockquote", "pre", "dt", "dd", "figcaption", "figure", "form", "main", "td", "th"}
)


def _page_text(tree) -> str:
    """The whole page as plain text (what a naive get-text gives), one block per line."""
    parts: list[str] = []
    body = tree.find("body")
    root = body if body is not None else tree

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _NOT_TEXT or not tag:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    try:
        walk(root)
    except RecursionError:  # absurdly deep markup: flat text is good enough
        return "\n".join(t.strip() for t in root.itertext() if t.strip())
    return "".join(parts)
