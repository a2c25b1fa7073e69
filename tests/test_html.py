"""The HTML path: detection, trafilatura plus the rules, metadata, the fallback, imports."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import clean, make_options
from cleaner.detect import is_html

HTML_DIR = Path(__file__).resolve().parent / "data" / "html"
NEWS = HTML_DIR / "riverside_flood.html"
RECIPE = HTML_DIR / "bakery_recipe.html"
FRAGMENT = HTML_DIR / "town_notice_fragment.html"
SAMPLE_TEXT = Path(__file__).resolve().parent.parent / "samples" / "000_ef175c23e799bce8.txt"


@pytest.fixture(scope="module")
def news():
    return clean(NEWS.read_bytes())


# -- detection ---------------------------------------------------------------------------


def test_full_pages_and_fragments_are_detected_as_html():
    assert is_html(NEWS.read_text(encoding="utf-8"))
    assert is_html(RECIPE.read_text(encoding="utf-8"))
    assert is_html(FRAGMENT.read_text(encoding="utf-8"))


def test_text_that_quotes_a_tag_is_not_html():
    text = (
        "How to make a link\n\nWrite <a href=\"https://example.org\">this</a> in your page and the browser shows "
        "a link. Most editors do it for you.\n\nThat is all there is to it.\n"
    )
    assert not is_html(text)
    assert not is_html(SAMPLE_TEXT.read_text(encoding="utf-8"))


def test_page_text_that_carries_a_few_tags_of_its_markup_is_text():
    # a scraper's text of a page (BeautifulSoup's get_text()): few lines, the blocks run
    # together, and a teaser's markup (from a <noscript> or a script's string) came along
    teaser = (
        '<p>Gleiche Haarteile, gleiche Gesichter: manche glauben, man könne die Zeit anhalten.</p>\n'
        '<a class="continue-reading" href="https://example.org/2015/10/lachfalten/">Weiterlesen...</a>\n'
    )
    paragraph = (
        "Neulich, an einem Dienstagabend im März, fuhr ich zu einem Presse-Event in die Stadt. Von meinem "
        "Fahrer erfuhr ich, dass er seit zwanzig Jahren in der Stadt lebt und jeden Winkel kennt. "
    )
    text = "Ein Abend in der Stadt | Das Magazin\nModeBeautyReisenInterviewsKontaktImpressum\n" + paragraph * 40 + "\n" + teaser * 3
    assert len(text.splitlines()) < 15
    assert not is_html(text)
    assert clean(text.encode("utf-8")).input_type == "text"


def test_detected_html_goes_the_html_path(news):
    assert news.input_type == "html"
    assert clean(SAMPLE_TEXT.read_bytes()).input_type == "text"


# -- what the HTML path keeps and drops ---------------------------------------------------


def test_headline_first_then_standfirst_then_body(news):
    lines = news.text.split("\n\n")
    assert lines[0] == "Riverside residents return home as flood waters recede"
    # the standfirst is the page's own element (it repeats the meta description)
    assert lines[1].startswith("Hundreds of families in the Riverside district were allowed back")
    assert lines[2].startswith("Emergency crews lifted the evacuation order")
    assert news.text.endswith("could cause levels to rise again.\n")
    assert news.text.count("Riverside residents return home as flood waters recede") == 1


def test_body_paragraphs_and_subheading_kept_verbatim(news):
    assert '"We have been sleeping on my sister\'s floor since Friday night," said Margaret Doyle, 67,' in news.text
    assert "Questions over warnings" in news.body
    assert any(p.startswith("Tom Price, who chairs the Riverside residents' association") for p in news.body)


@pytest.mark.parametrize(
    "chrome",
    [
        "Read also",  # "Label: linked headline" pointer to another story
        "Ashwater flood barrier plan delayed",
        "Get the Courier's morning briefing",  # newsletter box inside the body
        "Sign up to receive the day's top local stories",
        "Volunteers clear mud from a garden",  # figcaption
        "Share this",
        "Millbrook council approves new budget",  # related list
        "Leave a Reply",
        "Your email address will not be published",
        "All rights reserved",
        "Skip to content",
        "11°C",
        "By Hannah Okafor",
    ],
)
def test_page_chrome_is_dropped(news, chrome):
    assert chrome not in news.text


def test_metadata_comes_from_the_page(news):
    assert news.title == "Riverside residents return home as flood waters recede"
    assert news.author == "Hannah Okafor"
    assert news.date and news.date.startswith("2024-03-12")
    assert news.source == "The Millbrook Courier"
    assert (news.language or "").lower() == "english"


def test_removed_blocks_say_which_rule(news):
    rules = {r.rule for r in news.removed}
    assert "headline.duplicate" in rules
    assert all(r.rule for r in news.removed)


def test_data_table_rows_and_list_items_are_kept():
    result = clean(RECIPE.read_bytes())
    assert result.title == "Roggenbrot mit Sauerteig – So gelingt es zu Hause"
    assert "| Roggenmehl Type 1150 | 500 g |" in result.body
    assert "| Wasser (lauwarm) | 350 ml |" in result.body
    # the markdown line under the header row is layout, not text
    assert not any(set(p) <= set("|-: ") for p in result.body)
    assert "- Das Salz zugeben und den Teig etwa zehn Minuten kräftig durchkneten." in result.body
    assert "Teilen mit" not in result.text
    assert "Alle Fotos: Klara Lindner" not in result.text  # credit line in a copyright box
    assert "Deine E-Mail-Adresse wird nicht veröffentlicht" not in result.text
    assert result.author == "Klara Lindner"


def test_output_follows_the_contract_shape(news):
    assert news.text.endswith("\n") and not news.text.endswith("\n\n")
    assert "\n\n\n" not in news.text
    for paragraph in news.text.rstrip("\n").split("\n\n"):
        assert paragraph == paragraph.strip() and "\n" not in paragraph and "  " not in paragraph


def test_input_type_html_forces_the_html_path_for_a_fragment():
    options = make_options(input_type="html")
    result = clean(FRAGMENT.read_bytes(), options)
    assert result.input_type == "html"
    assert "The central library on Market Square will close at 2pm on Christmas Eve" in result.text
    assert "<p>" not in result.text and "All libraries" not in result.text


def test_gzipped_html_is_cleaned_like_the_plain_page(news):
    assert clean(gzip.compress(NEWS.read_bytes())).text == news.text


def test_no_title_option_drops_only_the_headline(news):
    result = clean(NEWS.read_bytes(), make_options(no_title=True))
    assert result.text == news.text.split("\n\n", 1)[1]


# -- fallback -----------------------------------------------------------------------------


def test_fallback_uses_the_text_path_when_trafilatura_finds_nothing(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    result = clean(NEWS.read_bytes())
    assert any("trafilatura found too little" in w for w in result.warnings)
    assert result.input_type == "html"
    # the text path on the page's full text still finds the article, and no markup
    assert "Emergency crews lifted the evacuation order for most of the district" in result.text
    assert "Council officials said around 340 properties had been flooded" in result.text
    assert "<" not in result.text
    assert result.author == "Hannah Okafor"  # metadata still comes from the page


def _spy_on_extraction(monkeypatch, fast_text: str | None = None) -> list[bool]:
    """Record the `fast` flag of each bare_extraction call; `fast_text` replaces what the
    fast extraction finds."""
    import trafilatura

    real, calls = trafilatura.bare_extraction, []

    def spy(*args, **kwargs):
        calls.append(kwargs.get("fast", False))
        doc = real(*args, **kwargs)
        if kwargs.get("fast") and fast_text is not None and doc is not None:
            doc.text = fast_text
        return doc

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    return calls


def test_a_page_whose_fast_extraction_finds_the_article_is_extracted_once(monkeypatch):
    calls = _spy_on_extraction(monkeypatch)
    result = clean(NEWS.read_bytes())
    assert calls == [True]
    assert "Council officials said around 340 properties had been flooded" in result.text


def test_trafilatura_full_extraction_runs_when_the_fast_one_finds_little(monkeypatch):
    # the fast extraction (no comparison with readability and jusText) finds one line
    calls = _spy_on_extraction(monkeypatch, fast_text="Riverside residents return home as flood waters recede")
    result = clean(NEWS.read_bytes())
    assert calls == [True, False]
    assert "Emergency crews lifted the evacuation order for most of the district" in result.text
    assert "Council officials said around 340 properties had been flooded" in result.text
    assert not any("trafilatura found too little" in w for w in result.warnings)


def test_fallback_is_not_used_when_trafilatura_finds_the_article(news):
    assert not any("trafilatura found too little" in w for w in news.warnings)


def test_markup_that_is_not_a_document_does_not_crash():
    result = clean(b"<html><body></body></html>")
    assert result.text == ""
    result = clean("<!DOCTYPE html><html><head><title>x</title></head><body><p>Too short.</p></body></html>")
    assert result.input_type == "html"


# -- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        NEWS.read_text(encoding="utf-8"),
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"/>\n'
        "<html><body><p>A doctype that ends with a slash.</p><p>Two paragraphs.</p></body></html>",
        '<html lang="en"/>\n<head><title>T</title></head><body><p>A self-closing html tag.</p></body></html>',
        "<html><body><p>Control\x0bcharacters\x01 in the \ufffftext.</p><p>More.</p></body></html>",
        '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>An encoding declaration.</p></body></html>',
        "<p>A fragment</p>",
        "just some text, no markup at all",
        "",
    ],
)
def test_parse_builds_the_tree_load_html_builds(page):
    from lxml import etree
    from trafilatura.utils import load_html

    from cleaner.html import _parse

    expected, got = load_html(page), _parse(page)
    assert (got is None) == (expected is None)
    if expected is not None:
        assert etree.tostring(got) == etree.tostring(expected)


# -- imports ------------------------------------------------------------------------------


def _modules_after(code: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps({m: m in sys.modules for m in ('trafilatura', 'lxml')}))"],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_text_pages_import_neither_trafilatura_nor_lxml():
    mods = _modules_after(f"from cleaner import clean\nclean(open({str(SAMPLE_TEXT)!r}, 'rb').read())")
    assert mods == {"trafilatura": False, "lxml": False}


def test_cli_on_a_text_file_imports_neither_trafilatura_nor_lxml():
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cleaner", str(SAMPLE_TEXT)], capture_output=True, text=True, check=True, timeout=120
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")}
    assert "cleaner.pipeline" in imported  # the listing is real
    assert not {m for m in imported if m.split(".")[0] in ("trafilatura", "lxml")}


def test_html_pages_do_import_trafilatura():
    mods = _modules_after(f"from cleaner import clean\nclean(open({str(NEWS)!r}, 'rb').read())")
    assert mods == {"trafilatura": True, "lxml": True}
