"""Segmenting text whose lines are not its paragraphs: sentences split at inline markup by
the scraper, and hard-wrapped stretches between menus on pages with no blank lines."""

from __future__ import annotations

from cleaner import clean
from cleaner.segment import segment

# A news page as BeautifulSoup's get_text("\n", strip=True) gives it: every text node on a
# line of its own, so each link, each word in bold, splits its sentence.
SPLIT_AT_LINKS = """Riverside Gazette
Home
News
Sport
Weather
Opinion
Subscribe
City council approves new flood barriers for the east bank
By
Maria Lindqvist
The city council voted on Tuesday to fund a line of movable flood barriers along the east bank of the river, after two winters in which the water reached the
old market square
twice. The plan, drawn up by the
Regional Water Authority
, will cost about 14 million euros over four years.
Residents of the low streets near the harbour had asked for the barriers since the flood of 2021, when more than
three hundred homes
were evacuated for a week. Several of them spoke at the meeting, and one of them, a baker whose shop was flooded twice, called the vote
long overdue
.
The barriers will be stored in a depot on the
industrial estate
and can be raised within six hours of a warning. Work on the foundations is to begin in the spring, once the
river
has fallen to its summer level.
Most Popular
Five restaurants to try this autumn
Why the old bridge is closed again
Share
Facebook
Email
© 2025 Riverside Gazette
"""


def test_sentences_split_at_links_come_out_whole():
    result = clean(SPLIT_AT_LINKS)
    assert result.title == "City council approves new flood barriers for the east bank"
    assert result.body == [
        "The city council voted on Tuesday to fund a line of movable flood barriers along the east bank of the river, "
        "after two winters in which the water reached the old market square twice. The plan, drawn up by the "
        "Regional Water Authority, will cost about 14 million euros over four years.",
        "Residents of the low streets near the harbour had asked for the barriers since the flood of 2021, when more "
        "than three hundred homes were evacuated for a week. Several of them spoke at the meeting, and one of them, a "
        "baker whose shop was flooded twice, called the vote long overdue.",
        "The barriers will be stored in a depot on the industrial estate and can be raised within six hours of a "
        "warning. Work on the foundations is to begin in the spring, once the river has fallen to its summer level.",
    ]


def test_a_link_between_two_words_is_joined_with_spaces_and_punctuation_without():
    texts = [b.text for b in segment("one, two.\nnothing else, surely.\nIt was paid by the\nCity Fund\n, which said so\n.\n")]
    assert texts == ["one, two.", "nothing else, surely.", "It was paid by the City Fund, which said so."]


def test_lines_of_a_page_not_split_at_markup_stay_lines():
    """Without lines starting with a comma or a lone full stop, a lower-case line is not a
    sentence going on: a contact's e-mail address, a list item, a date in Spanish."""
    page = (
        "Press office\npress@example.org\nSchedule\no opening at nine\no closing at five\n"
        "Por Redacción\nmartes, 3 de mayo de 2022\n"
    )
    texts = [b.text for b in segment(page)]
    assert texts == page.splitlines()


def test_list_items_are_not_joined_to_the_line_before():
    page = "It costs, as noted\n, a lot\n.\nWhat to bring\n- a towel\n- water\no sun cream\n"
    texts = [b.text for b in segment(page)]
    assert texts == ["It costs, as noted, a lot.", "What to bring", "- a towel", "- water", "o sun cream"]


def test_punctuation_that_opens_text_is_not_a_continuation():
    """A line of code starting with '...' and an ellipsis are not a full stop after a link."""
    page = "It failed, as said\n, twice\n.\n>>> def f(x):\n...     return x\n"
    texts = [b.text for b in segment(page)]
    assert texts == ["It failed, as said, twice.", ">>> def f(x):", "... return x"]


# A club's page from an HTML source whose paragraphs are wrapped at 72 columns, rendered
# with no blank lines at all: menus and wrapped text in one run of lines.
WRAPPED_BETWEEN_MENUS = """Rowing Club Weser
Home
Training
Boats
Regattas
Contact
Imprint
Beginners' course
The beginners' course takes place every Saturday from April to September
on the club's own stretch of the river. Experienced members show you how
to carry a boat, how to get in without capsizing and how to row in time
with the others. After six sessions most beginners can take part in the
normal training of the club.
No previous knowledge is needed, but you should be able to swim. Boats,
oars and life jackets are provided by the club, and the first session is
free of charge for everyone who wants to try it out before joining.
Contact
Imprint
"""


def test_a_wrapped_stretch_between_menus_is_reflowed():
    texts = [b.text for b in segment(WRAPPED_BETWEEN_MENUS)]
    assert texts[:8] == ["Rowing Club Weser", "Home", "Training", "Boats", "Regattas", "Contact", "Imprint", "Beginners' course"]
    assert texts[8].startswith("The beginners' course takes place every Saturday from April to September on the club's")
    assert texts[8].endswith("can take part in the normal training of the club.")
    assert texts[9].startswith("No previous knowledge is needed") and texts[9].endswith("before joining.")
    assert texts[10:] == ["Contact", "Imprint"]
    result = clean(WRAPPED_BETWEEN_MENUS)
    assert result.body == texts[8:10]


def test_a_list_of_headlines_between_menus_is_not_reflowed():
    """Headlines of about the same length, between menus, are no wrapped paragraph."""
    page = (
        "News\nSport\nCulture\n"
        "Council approves the new budget after a long debate on schools\n"
        "Storm damages roofs in three villages north of the city overnight\n"
        "Local team wins the cup final after extra time and penalties\n"
        "Museum reopens its hall of old maps after two years of work\n"
        "New bus line connects the station with the university campus\n"
        "Weather\nContact\n"
    )
    assert [b.text for b in segment(page)] == page.splitlines()


def test_a_list_item_starts_a_new_paragraph_in_wrapped_text():
    page = (
        "The meeting agreed on three points, which the secretary will send to all\n"
        "members before the end of the month, together with the minutes of the\n"
        "meeting and the accounts for the last year, as the statutes require it:\n"
        "- the fee stays the same for another year, whatever the costs of the\n"
        "  boats and the hall, which rose by a tenth since the last meeting\n"
    )
    texts = [b.text for b in segment(page)]
    assert texts[0].endswith("as the statutes require it:")
    assert texts[1].startswith("- the fee stays the same")


def test_one_lone_full_stop_and_sentences_broken_around_links_show_a_split_page():
    """A page whose links mostly sit inside sentences, and only one of which ends one."""
    page = (
        "Wenn\nHelmut Kohl\nemotional wurde, erinnerte er sich an die Schlagbäume an der\nGrenze zu Frankreich\n"
        "und daran, wie er sie als Jugendlicher ausgerissen hatte, zusammen mit Freunden aus\nSaarbrücken\n"
        "und anderen Städten. Die Grenze war damals noch geschlossen, heute ist sie offen für die\n"
        "Macron\n-Partei und alle anderen.\nEr sagte: „Das war für uns klar.\n.“\n"
    )
    texts = [b.text for b in segment(page)]
    assert texts == [
        "Wenn Helmut Kohl emotional wurde, erinnerte er sich an die Schlagbäume an der Grenze zu Frankreich und "
        "daran, wie er sie als Jugendlicher ausgerissen hatte, zusammen mit Freunden aus Saarbrücken und anderen "
        "Städten. Die Grenze war damals noch geschlossen, heute ist sie offen für die Macron-Partei und alle anderen.",
        "Er sagte: „Das war für uns klar..“",
    ]


def test_a_german_quotation_ends_its_sentence():
    """„…“ closes with the quotation mark English opens with: a paragraph ending in `.“` ends
    a sentence, so a wrapped run ends its paragraph there."""
    page = (
        "Der Bürgermeister sagte am Montag vor dem Rat der Stadt: „Wir bauen die Brücke.“\n"
        "Die Arbeiten beginnen im Frühjahr und sollen bis zum Ende des kommenden Jahres\n"
        "abgeschlossen sein, wenn das Wetter und die Lieferungen der Teile es zulassen.\n"
        "Die Kosten trägt zum größten Teil das Land, den Rest zahlt die Stadt selbst.\n"
    )
    texts = [b.text for b in segment(page)]
    assert texts[0] == "Der Bürgermeister sagte am Montag vor dem Rat der Stadt: „Wir bauen die Brücke.“"


def test_a_page_without_line_breaks_is_flagged_not_passed_off_as_cleaned():
    """`get_text(" ")` puts a whole page on one line: nothing tells the menu from the
    article, and the result says so (on stderr for one page, in the JSON for a batch)."""
    one_line = " ".join(SPLIT_AT_LINKS.split()) * 3
    result = clean(one_line)
    assert result.warnings == [
        f"the page is one line of {len(one_line):,} characters: without line breaks between its parts, its chrome "
        "cannot be told from the article"
    ]
    # a page with its line breaks, or a short one-line text, has no such warning
    assert clean(SPLIT_AT_LINKS).warnings == []
    assert clean(" ".join(SPLIT_AT_LINKS.split())[:2000]).warnings == []


def test_hard_wrapped_text_in_a_script_without_case_is_reflowed():
    """Lines going on with a sentence start in lower case only where a script has case:
    wrapped Hindi or Arabic is re-flowed without that sign."""
    sentence = "नगर निगम के अधिकारियों ने बताया कि पानी निकालने के लिए पंपों को लगाया गया है और काम जारी है।"
    words = (" ".join([sentence] * 4)).split()
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > 60:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    texts = [b.text for b in segment("\n".join(lines))]
    assert texts == [" ".join([sentence] * 4)]


def test_a_sentence_split_before_chinese_or_arabic_punctuation_is_joined_without_a_space():
    page = (
        "市政府周二宣布\n新的防洪计划\n，将在东岸修建可移动的防洪墙\n。\n"
        "وقال رئيس البلدية إن\nالمشروع الجديد\n، الذي وافق عليه المجلس\n، سيبدأ في الربيع.\n"
    )
    texts = [b.text for b in segment(page)]
    assert texts == [
        "市政府周二宣布新的防洪计划，将在东岸修建可移动的防洪墙。",
        "وقال رئيس البلدية إن المشروع الجديد، الذي وافق عليه المجلس، سيبدأ في الربيع.",
    ]


# A Chinese news page as a scraper gives it, one line per element and no blank lines: its
# paragraphs are long lines without spaces, its labels short ones.
CHINESE_PAGE_WITHOUT_BLANK_LINES = """首页
新闻
体育
城市图书馆延长开放时间
分享
市议会周二投票决定延长公共图书馆的开放时间，此前居民们要求在考试季节增加晚间开放时间。图书馆馆长表示，新的开放时间将从下个月开始实施。
许多学生对这一决定表示欢迎，他们说晚上在图书馆学习比在家里更安静。一位大学生说，她每天晚上都会来这里复习功课，直到闭馆。
市议会还计划在明年增加图书馆的预算，用于购买新书和改善阅读环境。官员们说，这项投资将使整个社区受益。
相关文章
公园将在夏季延长开放时间
"""


def test_a_short_line_before_a_paragraph_without_spaces_is_no_wrapped_line():
    # a line without spaces has no "first word" that would not have fitted: "分享" (share)
    # was read as a line broken for width and glued to the paragraph after it
    texts = [b.text for b in segment(CHINESE_PAGE_WITHOUT_BLANK_LINES)]
    assert texts == CHINESE_PAGE_WITHOUT_BLANK_LINES.splitlines()
    result = clean(CHINESE_PAGE_WITHOUT_BLANK_LINES)
    assert result.title == "城市图书馆延长开放时间"
    assert result.body == CHINESE_PAGE_WITHOUT_BLANK_LINES.splitlines()[5:8]


def test_hard_wrapped_chinese_is_reflowed_without_spaces():
    paragraph = "市议会周二投票决定延长公共图书馆的开放时间，此前居民们要求在考试季节增加晚间开放时间。" * 4
    lines = [paragraph[k:k + 46] for k in range(0, len(paragraph), 46)]
    assert len(lines) >= 4
    assert [b.text for b in segment("\n".join(lines))] == [paragraph]
