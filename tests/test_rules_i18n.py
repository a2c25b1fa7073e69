"""The rules at work on pages in languages beyond the eight the rule sets started with:
WordPress's, Jetpack's and common news-site chrome in Russian, Turkish, Swedish, Czech,
Indonesian, Japanese and Chinese.

Each page in tests/data/i18n (`LANG.txt`, invented) has a menu, a headline, an article (one
of its paragraphs starts with the word a comment section's heading uses: `Комментарии`,
`Yorumlar`, `コメント`), then share and related boxes, post navigation and a comment
section: its heading, comments that read as prose, the comment form. Out comes the
headline and the article (`LANG.clean.txt`), nothing else. The Chinese and Japanese pages
have a blank line between text nodes: the segmenter reads a run of lines of an unspaced
script without blank lines as hard-wrapped text and would join the share label to the
first paragraph (a matter of segmentation, not of the rules).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import clean
from cleaner.registry import load_rules

DATA = Path(__file__).resolve().parent / "data" / "i18n"
LANGS = sorted(p.name[: -len(".clean.txt")] for p in DATA.glob("*.clean.txt"))
assert LANGS, DATA
RULES = load_rules()

# the heading of each page's comment section
COMMENT_HEADINGS = {
    "cs": "2 komentáře u „Zastupitelstvo schválilo stavbu nové protipovodňové hráze u řeky“",
    "id": "2 pemikiran pada “DPRD setujui pembangunan tanggul baru di tepi sungai”",
    "ja": "“市議会、川沿いの新しい堤防の建設を承認” への2件のフィードバック",
    "ru": "3 комментария к “Городской совет одобрил строительство новой дамбы на реке”",
    "sv": "2 reaktioner på “Kommunfullmäktige godkänner ny översvämningsvall längs älven”",
    "tr": "“Belediye meclisi nehir kıyısına yeni bir set yapılmasını onayladı” için 2 yorum",
    "zh": "《市议会批准在河岸修建新堤坝》上有2条评论",
}


def _read(lang: str) -> tuple[str, str]:
    return (DATA / f"{lang}.txt").read_text(encoding="utf-8"), (DATA / f"{lang}.clean.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_comment_section_in_the_page_s_language_ends_the_article(lang, options):
    """Headline and article out; the comments, though they read as prose, and all the
    chrome around them dropped."""
    page, expected = _read(lang)
    result = clean(page, options)
    assert result.text == expected, f"[{lang}]\n{result.text}"


@pytest.mark.parametrize("lang", LANGS)
def test_comment_heading_is_recognised(lang):
    """The comment section's heading is claimed by a rule that ends the article, and the
    article's paragraphs (one starts with the same word) are claimed by none."""
    heading = COMMENT_HEADINGS[lang]
    page, clean_page = _read(lang)
    assert heading + "\n" in page
    m = RULES.match(heading)
    assert m is not None and m.rule.action == "end", (heading, m)
    title, *body = clean_page.strip().split("\n\n")
    for paragraph in [title, *body]:
        assert RULES.match(paragraph) is None, paragraph
