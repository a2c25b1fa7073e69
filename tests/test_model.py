"""The content model on whole pages: which blocks read as prose, and where the article is."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.model import GOOD, assess
from cleaner.language import stoplist

GERMAN_POST = [
    "Spanien hat als Reiseland eine Menge zu bieten. Ob nun die Inseln im Mittelmeer oder die Hauptstadt, "
    "die möglichen Reiseziele gibt es wie Sand am Meer. Eine der schönsten Gegenden des Landes liegt jedoch "
    "ganz im Süden, und dort geht alles ganz entspannt und ohne Hektik vonstatten.",
    "Eine der größten Städte im Süden ist eine Reise wert, auch wenn sie oft im Schatten der alten "
    "Königsstädte steht. Die Landschaft rund um die Stadt ist schon allein sehenswert, denn hier wachsen die "
    "Reben, aus denen später ein guter Wein gemacht wird.",
    "Wer nicht nur für einen Tag kommen, sondern auch übernachten möchte, findet viele bequeme und dennoch "
    "bezahlbare Unterkünfte. Es lohnt sich, die Unterkunft schon vorher zu buchen, denn so kann man in aller "
    "Ruhe die Preise vergleichen.",
]


def _server_warnings(count: int) -> list[str]:
    return [
        f"Warning: Cannot modify header information - headers already sent by the output of the plugin in "
        f"/var/www/html/wp-content/plugins/module-{i}/include.php on line {40 + i} of the theme"
        for i in range(count)
    ]


def test_article_in_another_language_than_the_chrome_around_it_is_kept(options):
    """English server warnings fill the top of a German blog post, so the page's language is
    guessed as English; each long paragraph is also read in its own language, and the post
    comes out whole."""
    page = "\n".join(
        ["Reiseblog", "Startseite", *_server_warnings(30), "Malaga im Herbst", *GERMAN_POST,
         "Kommentar schreiben", "Kategorien", "Reisen", "Spanien"]
    )
    result = clean(page, options)
    assert result.language == "English"  # the premise: the chrome outweighs the article
    assert result.body == GERMAN_POST, result.text


def test_a_list_in_the_pages_own_language_stays_a_list():
    """Reading a block in its own language only helps prose in another language: a long row
    of German tags is no more prose than before."""
    tags = ("Reisen Spanien Andalusien Malaga Sevilla Granada Cordoba Strand Wein Tapas Hotels "
            "Ferienwohnungen Flamenco Altstadt Kathedrale Alhambra Sierra Nevada Costa del Sol Urlaub Sommer "
            "Winter Herbst Frühling Fotos Karten Anreise Flughafen Bahn Mietwagen")
    assert assess(tags, stoplist("German")).kind != GOOD
    assert assess(tags, stoplist("English")).kind != GOOD



def test_settling_drops_the_later_copy_of_a_line_standing_twice(monkeypatch):
    """When the second reading drops the page's tail, a short line that stands both inside the
    article and in that tail goes from the tail only: the settled paragraphs are matched
    in order, not by their text alone (an embed's label, a repeated caption)."""
    from cleaner import pipeline
    from cleaner.document import KEEP

    title = "Die Sängerin zeigt sich schlanker denn je"
    paragraphs = [
        "Auf dem gemeinsamen Foto ist klar zu erkennen, dass sie einige Kilos abgenommen hat, berichtet die Zeitung.",
        "Schon unzählige Male outete sie sich als Fan der Band, und nun durfte sie mit ihren Idolen feiern.",
    ]
    label, teaser = "Ein Bild vom Konzert", "Heiß, heißer: So zeigt sich das Model im Urlaub!"
    kept = [paragraphs[0], label, paragraphs[1], label, teaser]
    # a first reading that kept the tail
    blocks = pipeline._output_blocks(title, kept)
    blocks[0].decide(KEEP, "headline.title", "title")
    for block in blocks[1:]:
        block.decide(KEEP, "model.prose", "body")
    first = pipeline.assemble(blocks, title, title, None, None, None)

    def second_reading(text, options, memo=None, blocks=None):
        # the tail after the last paragraph is chrome
        settled = pipeline._output_blocks(title, kept[:3])
        settled[0].decide(KEEP, "headline.title", "title")
        for block in settled[1:]:
            block.decide(KEEP, "model.prose", "body")
        return pipeline.assemble(settled, title, title, None, None, None)

    monkeypatch.setattr(pipeline, "_clean_once", second_reading)
    settled = pipeline.settle(first, pipeline.Options())
    assert settled.body == [paragraphs[0], label, paragraphs[1]]
    assert [b.rule for b in settled.blocks][-2:] == ["model.settle", "model.settle"]


RECIPE_INGREDIENTS = [
    "Für den Teig:", "250 g Weizenmehl", "1 Pck. Trockenbackhefe", "50 g Zucker", "2 Eier (Größe M)", "100 ml lauwarme Milch",
    "Für den Belag:", "25 g Butter", "1 EL Honig", "70 g gehobelte Mandeln",
]
RECIPE_METHOD = [
    "Mehl mit Hefe in einer Rührschüssel sorgfältig vermischen. Die übrigen Zutaten und die warme Milch hinzufügen und alles "
    "mit dem Mixer zu einem glatten Teig verarbeiten.",
    "Den Teig zugedeckt an einem warmen Ort so lange gehen lassen, bis er sich sichtbar vergrößert hat. Das dauert etwa eine Stunde.",
    "Für den Belag Butter, Zucker und Honig in einem Topf unter Rühren aufkochen, die Mandeln unterrühren und die Masse auf dem Teig verteilen.",
]


def _recipe_page(ingredients_heading: str = "Zutaten") -> str:
    return "\n".join(
        ["Bienenstich-Muffins Rezept | Backseite", "Rezepte", "Kuchen", "Muffins", "Anmelden",
         "Bienenstich-Muffins mit Mandelkruste", "Jetzt bewerten!", "etwa 12 Stück", "60 Minuten", "Drucken", "Merken",
         ingredients_heading, *RECIPE_INGREDIENTS, "Nährwerte pro Stück", "Energie 318 kcal", "Eiweiß 6 g", "Fett 14 g",
         "Zubereitung", *RECIPE_METHOD, "Das könnte dich auch interessieren", "Zitronenkuchen vom Blech", "Apfelkuchen mit Streuseln",
         "Impressum", "Datenschutz"]
    )


def test_a_recipes_ingredient_list_is_kept_with_its_method(options):
    """The ingredient lines are short, but they are the recipe: the list under an ingredients
    heading is taken into the article (up to the nutrition table, which the model judges as
    any short lines between paragraphs)."""
    result = clean(_recipe_page(), options)
    assert result.title == "Bienenstich-Muffins mit Mandelkruste", result.text
    for line in RECIPE_INGREDIENTS + RECIPE_METHOD:
        assert line in result.body, (line, result.text)
    assert "Zitronenkuchen vom Blech" not in result.text and "Impressum" not in result.text
    assert clean(result.text, options).text == result.text


def test_short_lines_before_an_article_are_no_ingredient_list_without_the_heading(options):
    """Without an ingredients heading, the same short lines above the text stay outside it."""
    result = clean(_recipe_page(ingredients_heading="Anzeige"), options)
    assert "250 g Weizenmehl" not in result.text and RECIPE_METHOD[0] in result.body, result.text


def test_headline_shares_words_with_the_page_title_line(options):
    """Between the headline and the text stand short lines that look like headlines (a
    serving count, a rating label): the candidate that shares words with the page's first
    line, its <title>, is the headline; the nearest one when it shares words itself."""
    body = [
        "The city council voted on Tuesday to close the old bridge over the river for two years of repairs, "
        "after engineers found cracks in three of its piers.",
        "Drivers will have to use the ring road, which the council expects to add about ten minutes to a trip "
        "across town at rush hour.",
    ]
    page = "\n".join(["Old bridge to close for two years | Riverside Courier", "News", "Local",
                      "Old bridge to close for two years of repairs", "Reading time 3 minutes today", *body])
    assert clean(page, options).title == "Old bridge to close for two years of repairs"
    page = "\n".join(["Old bridge to close for two years | Riverside Courier", "News", "Local",
                      "Old bridge to close for two years of repairs", "Bridge repairs: what drivers need to know", *body])
    assert clean(page, options).title == "Bridge repairs: what drivers need to know"


def _rail_page(*blocks: str) -> str:
    """A page with the site's title line, a menu item and the headline, then `blocks`."""
    return "\n".join(["Rail operator to go electric | Coastal Courier", "News", "Rail operator to go electric by 2030", *blocks])


ARTICLE = [
    "The regional rail operator will replace its entire diesel fleet with battery trains by 2030, its chief "
    "executive said on Monday, after a two-year trial on the coastal line.",
    "The trial trains ran more than 400,000 kilometres without a serious fault, and passengers rated them "
    "quieter than the old diesel units, according to the operator's report.",
    "Ms Ruiz said the first twenty trains would be ordered this year and that the depot in the port would be "
    "rebuilt to charge them overnight.",
]


@pytest.mark.parametrize("bio", [
    "Jane Roe is a senior reporter at the Coastal Courier, where she covers transport and energy. "
    "She previously worked for the Evening Post.",
    "Omar Haddad is the co-founder of a small rail consultancy and the author of two books on how "
    "cities plan their transport.",
    "Lena Fischer is a lecturer in transport history at the University of the North and writes about "
    "railways for the paper every month.",
    # without its subject, as printed under a column
    "Writes about transport and energy for the Courier. Before that she reported from the port for the "
    "Evening Post for ten years.",
])
def test_an_author_bio_after_the_article_goes(options, bio):
    page = _rail_page(*ARTICLE, bio, "Related stories", "Impressum")
    result = clean(page, options)
    assert result.body == ARTICLE, result.text
    assert next(b for b in result.blocks if b.text == bio).rule == "model.author-bio"


def test_a_last_paragraph_about_a_person_that_is_no_bio_stays(options):
    """A last paragraph that begins with a name is article text unless it says what the author
    does for a living; the only paragraph is never taken for a bio."""
    page = _rail_page(*ARTICLE)
    assert clean(page, options).body == ARTICLE
    lone = ("Jane Roe is a reporter who spent six months riding the coastal line's trains for this story, "
            "talking to drivers, conductors and the passengers who depend on them.")
    page = _rail_page(lone)
    assert clean(page, options).body == [lone]


def test_a_standfirst_between_headline_and_text_is_kept(options):
    """The one block between the headline and the first paragraph is the standfirst, even when
    it does not read as prose (here: long, and most of its words are names); a title-like
    line there is left to the headline logic, so that it cannot take the headline's place."""
    standfirst = ("Atlantis Paradise Island and Dolphin Cay Nassau Bahamas Marine Mammal Rescue Team "
                  "Baark Rights Kindness Paws Humane Society Grand Bahama Donation Drive 2022 Medical Supplies.")
    page = _rail_page("April 21, 2022", standfirst, *ARTICLE, "Related stories", "Impressum")
    result = clean(page, options)
    assert result.title == "Rail operator to go electric by 2030"
    assert result.body == [standfirst, *ARTICLE], result.text
    assert clean(result.text, options).text == result.text


NEWS_PAGE_WITHOUT_A_TITLE_LINE = """\
Sections
World
Business
City lets residents vote on how to spend its budget surplus
The pilot program lets anyone over 16 propose neighborhood projects and vote on the final list of proposals in April
By Tom Becker
Published Jan. 9, 2025 at 7:02 a.m. ET
{article}
Recommended
School board names new superintendent
"""


def test_a_title_like_standfirst_under_the_headline_is_the_standfirst(options):
    """The headline and the standfirst (dek) under it both read as title-like lines; the
    standfirst, nearest to the text, was taken for the headline and the headline dropped.
    A longer title-like line under a title-like line is the standfirst, when the page's
    first line (its <title> in text dumps) does not say otherwise."""
    page = NEWS_PAGE_WITHOUT_A_TITLE_LINE.format(article="\n".join(ARTICLE))
    result = clean(page, options)
    assert result.title == "City lets residents vote on how to spend its budget surplus"
    assert result.body == [page.splitlines()[4], *ARTICLE]
    assert clean(result.text, options).text == result.text
    # a kicker, a date line or a list of sections above the headline is no headline
    for kicker in ("POLITICS AND ECONOMY NEWS TODAY", "09.01.2025 Springfield City Hall", "News , Politics , Local , Opinion"):
        lines = page.splitlines()
        lines[3:5] = [kicker, lines[3]]
        assert clean("\n".join(lines), options).title == "City lets residents vote on how to spend its budget surplus"


def test_disable_switches_off_a_content_model_step():
    """--disable takes the ids of the model's optional steps: with model.author-bio off the
    bio stays; the model's core cannot be disabled, and --select takes rules only."""
    import subprocess
    import sys

    from cleaner.api import make_options

    bio = "Jane Roe is a senior reporter at the Coastal Courier, where she covers transport and energy."
    page = _rail_page(*ARTICLE, bio)
    assert bio not in clean(page, make_options()).body
    assert clean(page, make_options(disabled=frozenset({"model.author-bio"}))).body == [*ARTICLE, bio]

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "cleaner", *args, "-"], input=page, capture_output=True, text=True, timeout=120)

    kept = cli("--disable", "model.author-bio,model.standfirst")
    assert kept.returncode == 0 and bio in kept.stdout
    core = cli("--disable", "model.outside")
    assert core.returncode == 2 and "model.outside" in core.stderr and "model.author-bio" in core.stderr
    select = cli("--select", "model.prose")
    assert select.returncode == 2 and "model.prose" in select.stderr
    # "headline" is a rule set (ticker stamps) as well as a family of model decisions
    assert cli("--disable", "headline").returncode == 0


LONG_ARTICLE = [
    "Researchers in Warsaw warned as early as 2018 that a new coronavirus could emerge from bats, after "
    "they found dozens of unknown strains in caves in the south of the country.",
    "Dense smoke hung over the forests in the autumn of 1997, when fires destroyed millions of hectares in "
    "three months and drove fruit bats out of their habitat and towards farms.",
    "The virus the bats carried did them no harm, but the pigs on the farms fell ill, and from the pigs it "
    "passed to the farmers, hundreds of whom died in the months that followed.",
    "Deforestation, the researchers say, brings wild animals, livestock and people closer together than "
    "ever before, and every such contact is a chance for a virus to jump.",
    "The pandemic cannot be traced back to deforestation on what is known today, the authors write, but the "
    "risk grows with every hectare of forest that is lost, and it grows fastest where the forests are richest.",
]


def test_a_comment_count_under_the_byline_does_not_end_the_article(options):
    """`44 Comments` as a link under the byline is followed by the article; the same heading
    after the article opens the comments, and what follows it goes."""
    lead = ("Bats are the reservoir of thousands of coronaviruses, and the destruction of their habitat brings them "
            "closer to us than ever. Sars-CoV-2 came from an animal, as did Ebola, HIV, Marburg fever and bird flu, and "
            "scientists expect more such diseases as forests are cleared for farms, mines and roads. What can be done to "
            "stop the next pandemic before it starts, and who should pay for it, is the question of this report.")
    comment = "Great article, but the author forgets that the farms were there long before the fires started."
    page = "\n".join(["How habitat loss breeds epidemics | Daily Planet", "Science", "How habitat loss breeds epidemics",
                      lead, "By Chris Miller", "Updated: 11.04.2020, 10:27", "44 Comments", *LONG_ARTICLE,
                      "44 Comments", "Anna 12.04.2020, 08:12", comment, "Reply"])
    result = clean(page, options)
    assert result.body == [lead, *LONG_ARTICLE], result.text


def test_a_list_introduced_by_a_colon_is_kept_a_menu_like_run_is_not(options):
    tips = ["Use the space on the walls", "Pick furniture that serves two purposes", "Use the back of the door", "Choose smart storage boxes"]
    first = ("A small nursery can hold everything a baby needs, as long as every piece of furniture earns its place "
             "in the room. Follow these four tips to make the most of it:")
    rest = ("Shelves and hooks on the walls free the floor, and a dresser with a changing pad on top does the work of "
            "two pieces of furniture, which matters most in a room of eight square metres.")
    page = "\n".join(["Small nursery ideas | Home Journal", "Home", "Small nursery ideas for tight spaces", first, *tips, rest,
                      "Related Posts", "Impressum"])
    result = clean(page, options)
    assert result.body == [first, *tips, rest], result.text
    page = page.replace("Follow these four tips to make the most of it:", "Here are four tips that make the most of it.")
    result = clean(page, options)
    assert not set(tips) & set(result.body), result.text


def test_a_closing_line_ending_in_a_face_emoji_is_kept(options):
    """A face emoji ends a sentence as a full stop does: the short closing line after the
    last paragraph is the article's, the share bar after it is not."""
    closing = "And yes, we will ride it on day one 😉"
    page = _rail_page(*ARTICLE, closing, "Share this:", "Facebook", "Twitter", "Related stories", "Impressum")
    result = clean(page, options)
    assert result.body == [*ARTICLE, closing], result.text
    menu_like = "Shop 🛒"  # other symbols end nothing
    page = page.replace(closing, menu_like)
    assert clean(page, options).body == ARTICLE


def test_verse_lines_between_paragraphs_are_no_menu(options):
    """A run of short lines inside the article is dropped as a menu when its lines read like
    links (capitalised, a few words, no sentence end); a quoted verse's longer lines are not
    links, and stay, while a row of one- and two-word links between the same paragraphs goes."""
    verse = ["Down by the river where the old mill stood",
             "We waited all night for the water to fall",
             "And the lanterns burned low on the empty road",
             "Till the morning came grey over all of us"]
    menu = ["Home", "Local News", "Weather", "Sport"]
    for run, kept in ((verse, True), (menu, False)):
        page = _rail_page(ARTICLE[0], ARTICLE[1], *run, ARTICLE[2], "Related stories", "Impressum")
        body = clean(page, options).body
        assert body == ([ARTICLE[0], ARTICLE[1], *run, ARTICLE[2]] if kept else ARTICLE), body


# -- scripts other than Latin: pages nobody tuned the model for ---------------------------------

HINDI_PAGE = [
    "होम", "देश", "विदेश", "खेल", "मनोरंजन",
    "दिल्ली में बारिश से यातायात प्रभावित",
    "नई दिल्ली में मंगलवार सुबह से हो रही भारी बारिश के कारण कई इलाकों में पानी भर गया है और यातायात पर बुरा "
    "असर पड़ा है। मौसम विभाग ने अगले दो दिनों के लिए चेतावनी जारी की है।",
    "नगर निगम के अधिकारियों ने बताया कि पानी निकालने के लिए पंपों को लगाया गया है, लेकिन लगातार बारिश की "
    "वजह से काम में देरी हो रही है। लोगों से घर से बाहर न निकलने की अपील की गई है।",
    "यातायात पुलिस ने कहा कि कई प्रमुख सड़कों पर लंबा जाम लगा है और वाहन चालकों को वैकल्पिक मार्गों का "
    "उपयोग करने की सलाह दी गई है।",
    "शेयर करें", "फेसबुक", "ट्विटर", "संबंधित खबरें", "© 2024 सभी अधिकार सुरक्षित",
]


def test_a_hindi_article_comes_out_whole(options):
    """Devanagari writes its vowels as combining marks (है is ह plus a sign), which str.isalpha
    does not count as letters: the words must still count as words, and the danda (।) ends
    a sentence as a full stop does."""
    result = clean("\n".join(HINDI_PAGE), options)
    assert result.language == "Hindi"
    assert result.title == HINDI_PAGE[5]
    assert result.body == HINDI_PAGE[6:9], result.text


def test_a_bengali_paragraph_of_an_unknown_language_is_prose():
    """No stoplist is chosen for a Bengali page: a long paragraph that ends its sentences with
    the danda reads as prose on its punctuation and length."""
    paragraph = (
        "আজ সকালে শহরের বিভিন্ন এলাকায় ভারী বৃষ্টির কারণে রাস্তায় পানি জমে গেছে এবং যান চলাচল ব্যাহত হয়েছে। "
        "আবহাওয়া অফিস জানিয়েছে, আগামী দুই দিন বৃষ্টি অব্যাহত থাকতে পারে।"
    )
    assert assess(paragraph, None).kind == GOOD


THAI_PAGE = [
    "หน้าแรก", "ข่าว", "กีฬา", "บันเทิง",
    "ฝนตกหนักในกรุงเทพฯ ทำให้การจราจรติดขัด",
    "ฝนที่ตกหนักตั้งแต่เช้าวันอังคารทำให้หลายพื้นที่ในกรุงเทพมหานครมีน้ำท่วมขัง และการจราจรบนถนนสายหลักติดขัดอย่างหนัก "
    "กรมอุตุนิยมวิทยาเตือนว่าฝนจะตกต่อเนื่องอีกสองวัน",
    "เจ้าหน้าที่กรุงเทพมหานครกล่าวว่าได้ติดตั้งเครื่องสูบน้ำในจุดที่มีน้ำท่วมแล้ว แต่ฝนที่ตกไม่หยุดทำให้การระบายน้ำเป็นไปอย่างล่าช้า "
    "ประชาชนควรหลีกเลี่ยงการเดินทางหากไม่จำเป็น",
    "แชร์", "เฟซบุ๊ก", "ข่าวที่เกี่ยวข้อง", "© 2024 สงวนลิขสิทธิ์",
]


def test_a_thai_article_without_sentence_punctuation_is_kept_with_its_headline(options):
    """Thai marks no sentence ends and puts no spaces between words: its paragraphs are told
    by their length, and its headline by characters, not by space-separated words."""
    result = clean("\n".join(THAI_PAGE), options)
    assert result.title == THAI_PAGE[4]
    assert result.body == THAI_PAGE[5:7], result.text


def test_a_chinese_headline_written_without_spaces_is_the_headline(options):
    page = ["首页", "新闻", "体育", "北京暴雨导致交通严重拥堵",
            "周二早上开始的强降雨使北京多个地区出现积水，主要道路交通严重拥堵。气象部门发布预警称，未来两天仍将有强降雨。",
            "市政部门表示，已在积水严重的地点安装了抽水设备，但由于降雨持续，排水工作进展缓慢。市民如非必要应避免出行。",
            "分享", "相关新闻", "© 2024 版权所有"]
    result = clean("\n".join(page), options)
    assert result.title == page[3]
    assert result.body == page[4:6], result.text
