"""The rule registry: every rule's examples, the rule data's hygiene, and the rules at work
inside whole pages (chrome dropped, article sentences that look like chrome kept), in
English, German, French and Spanish; plus --disable and --rules on the command line."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.api import make_options
from cleaner.registry import RuleError, builtin_rule_files, load_rules, phrase_key, _parse_file

RULES = load_rules()
ALL_RULES = [rule for path in builtin_rule_files() for rule in _parse_file(path)[1]]
RULE_IDS = [r.id for r in ALL_RULES]


def _claims(rule, text: str) -> str | None:
    """The id of the rule that claims `text` (trim rules: the cut), or None."""
    m = RULES.trim(text) if rule.action == "trim" else RULES.match(text)
    return m.rule.id if m is not None else None


# -- the examples of every rule ------------------------------------------------------------


def test_registry_is_not_empty():
    assert len(ALL_RULES) >= 30
    assert {r.id for r in RULES.rules} == set(RULE_IDS), "every built-in rule is enabled by default"


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_rule_has_examples_of_both_kinds(rule):
    assert rule.examples_drop, f"{rule.id} ({rule.source}) has no examples.drop"
    assert rule.examples_keep, f"{rule.id} ({rule.source}) has no examples.keep"
    assert rule.description.strip(), f"{rule.id} has no description"


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_drop_examples_are_matched_by_their_rule(rule):
    wrong = {ex: _claims(rule, ex) for ex in rule.examples_drop if _claims(rule, ex) != rule.id}
    assert not wrong, f"{rule.id}: drop examples claimed by another rule or by none: {wrong}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_keep_examples_are_matched_by_no_rule(rule):
    claimed = {}
    for ex in rule.examples_keep:
        m = RULES.match(ex) or RULES.trim(ex)
        if m is not None:
            claimed[ex] = m.rule.id
    assert not claimed, f"{rule.id}: keep examples matched by a rule: {claimed}"


def test_trim_examples_keep_the_rest():
    for rule in ALL_RULES:
        if rule.action != "trim":
            continue
        for ex in rule.examples_drop:
            m = RULES.trim(ex)
            assert m.remainder and m.cut and m.remainder in ex and m.cut in ex, (rule.id, ex, m)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_phrase_key_of_ascii_text_is_the_unicode_rule_s_key(text):
    """ASCII blocks take a byte-table path; the key must be the one the Unicode rule gives."""
    from cleaner.registry import _KEY_DROP

    assert phrase_key(text) == _KEY_DROP.sub(" ", text.casefold()).strip()


def test_no_phrase_key_is_claimed_by_two_rules():
    owners = defaultdict(set)
    for rule in ALL_RULES:
        for phrase in rule.phrases:
            owners[phrase_key(phrase)].add(rule.id)
    dupes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not dupes, f"phrase keys claimed by two rules: {dupes}"


def test_no_phrase_is_empty_after_normalisation():
    empty = [(r.id, p) for r in ALL_RULES for p in r.phrases if not phrase_key(p)]
    assert not empty, empty


def test_rule_ids_are_unique_and_prefixed_by_their_set():
    assert len(RULE_IDS) == len(set(RULE_IDS)), [i for i in RULE_IDS if RULE_IDS.count(i) > 1]
    for rule in ALL_RULES:
        assert rule.id.startswith(rule.set + "."), rule.id


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if r.patterns], ids=[r.id for r in ALL_RULES if r.patterns])
def test_every_pattern_compiles_in_python_re(rule):
    for pattern in rule.patterns:
        try:
            re.compile(pattern, 0 if rule.case_sensitive else re.I)
        except re.error as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{rule.id}: pattern {pattern!r} does not compile in Python re: {exc}")


def test_python_and_re2_agree_on_the_examples():
    """A whole-block rule's Python pattern (used to read named groups) fullmatches its drop
    examples, so metadata comes from the same text RE2 matched."""
    for rule in ALL_RULES:
        if not rule.patterns or rule.action == "trim" or rule.match != "whole":
            continue
        py = re.compile("|".join(f"(?:{p})" for p in rule.patterns), 0 if rule.case_sensitive else re.I)
        for ex in rule.examples_drop:
            if phrase_key(ex) in {phrase_key(p) for p in rule.phrases}:
                continue
            assert py.fullmatch(ex), f"{rule.id}: Python re does not fullmatch its drop example {ex!r}"


def test_meta_rules_extract_author_and_date():
    m = RULES.match("By Jane Miller | Published 3 hours ago")
    assert m.rule.id == "byline.author" and m.author == "Jane Miller"
    m = RULES.match("Updated: March 21, 2025 06:07 AM ET")
    assert m.rule.id == "byline.date" and m.date and "March 21, 2025" in m.date


@pytest.mark.parametrize("line, author", [
    # the author's name ends where the date begins (it took "on 2025-01-02" with it)
    ("Written by Jane Doe on 2025-01-02", "Jane Doe"),
    ("By Maria Lindqvist Feb 8, 2020 5 min read", "Maria Lindqvist"),
    ("Von Anna van der Berg am 21.03.2025", "Anna van der Berg"),
    ("By Jane Doe and John Smith", "Jane Doe and John Smith"),
    ("By AP and TOI staff", "AP and TOI staff"),
    ("par Florence Audier, le 15 septembre 2009", "Florence Audier"),
])
def test_byline_author_is_the_name_alone(line, author):
    m = RULES.match(line)
    assert m.rule.id == "byline.author" and m.author == author


# -- whole pages: chrome dropped, look-alike article sentences kept ------------------------

PAGES = {
    "en": (
        """\
        Skip to content
        Home » News » Local
        Menu
        Search
        Partly Cloudy 64° F
        Springfield
        Monday, March 24, 2025
        Springfield council approves new flood barrier after record spring rains
        By Jane Miller | Published 3 hours ago
        5 min read
        Share this:
        Facebook
        Twitter
        WhatsApp
        The city council of Springfield voted 7 to 2 on Monday to build a concrete flood barrier along the east bank of the Miller River, ending a debate that had divided the town for nearly three years.
        The weather this spring has been the wettest in a century, with more than 30 centimetres of rain falling in March alone, and forecasters expect the river to stay high until May.
        Most popular among voters was the plan to pay for the barrier with a small increase in the sales tax, according to a poll published by the local paper last week.
        Share prices fell at two local construction firms that had bid for the contract, after the council said it would reopen the tender to companies from outside the state.
        "Follow us on the trail," the guide said as she led reporters along the muddy bank where the wall will stand, pointing at the marks the water left on the trees in 2019.
        Work is expected to begin in the summer and to take about eighteen months, the mayor said.
        Tags: Springfield, flooding, council
        Related Articles
        Springfield school board delays vote on new calendar
        Miller River bridge to close for repairs in April
        Leave a Reply
        Your email address will not be published. Required fields are marked *
        Comment *
        Name *
        Email *
        Website
        Save my name, email, and website in this browser for the next time I comment.
        Post Comment
        Follow us on Twitter
        Subscribe to our newsletter
        © 2025 Springfield Daily News. All rights reserved.
        Privacy Policy
        Terms of Use
        """,
        "Springfield council approves new flood barrier after record spring rains",
        ["The weather this spring has been", "Most popular among voters was", "Share prices fell at two",
         '"Follow us on the trail," the guide said', "Work is expected to begin"],
        ["Skip to content", "Partly Cloudy", "By Jane Miller", "Share this:", "Facebook", "Tags:", "Related Articles",
         "Springfield school board delays", "Leave a Reply", "Save my name", "Follow us on Twitter",
         "Subscribe to our newsletter", "All rights reserved", "Privacy Policy", "5 min read"],
    ),
    "de": (
        """\
        Zum Inhalt springen
        Startseite > Politik > Inland
        Menü
        Suche
        Berlin 7 °C
        Freitag, 21. März 2025
        Bundestag beschließt neues Gesetz zum Schutz vor Hochwasser
        Von Hans Muster
        21.03.2025, 06:07 Uhr
        Lesezeit: 3 Minuten
        Teilen
        Facebook
        WhatsApp
        Der Bundestag hat am Donnerstag mit großer Mehrheit ein Gesetz beschlossen, das Städte und Gemeinden zu besseren Schutzmaßnahmen gegen Hochwasser verpflichtet.
        Das Wetter der vergangenen Monate war nach Angaben des Deutschen Wetterdienstes das nasseste seit Beginn der Aufzeichnungen, viele Flüsse traten über die Ufer.
        Am beliebtesten bei den Befragten war der Vorschlag, die Kosten zwischen Bund und Ländern aufzuteilen, wie eine Umfrage im Auftrag des Ministeriums zeigt.
        Die Aktien zweier Baukonzerne fielen nach der Abstimmung deutlich, weil Anleger mit strengeren Auflagen bei öffentlichen Aufträgen rechnen.
        Beim Laden des Videos stimmen Sie der Datenschutzerklärung von YouTube zu, die Daten an Server in den USA übermittelt.
        „Folgen Sie uns auf dem Deich“, sagte die Bürgermeisterin, als sie die Abgeordneten über die aufgeweichten Wiesen am Fluss führte.
        Das Gesetz soll im Sommer in Kraft treten, wenn der Bundesrat zustimmt.
        Über die Autorin / den Autor
        Hans Muster berichtet seit 2010 über Umweltpolitik und lebt mit seiner Familie in einem kleinen Dorf an der Elbe, wo er selbst schon zweimal ein Hochwasser erlebt hat.
        Schlagwörter: Hochwasser, Bundestag
        Mehr zum Thema
        Hochwasser in Bayern: Pegel steigen weiter
        Kommentare
        Ihre E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert
        Kommentar abschicken
        Folgen Sie uns auf Facebook
        Newsletter abonnieren
        © 2025 Beispiel Zeitung. Alle Rechte vorbehalten.
        Impressum
        Datenschutz
        """,
        "Bundestag beschließt neues Gesetz zum Schutz vor Hochwasser",
        ["Das Wetter der vergangenen Monate", "Am beliebtesten bei den Befragten", "Die Aktien zweier Baukonzerne",
         "„Folgen Sie uns auf dem Deich“", "Das Gesetz soll im Sommer"],
        ["Zum Inhalt springen", "Von Hans Muster", "Lesezeit", "Teilen", "Schlagwörter", "Mehr zum Thema", "Pegel steigen",
         "Ihre E-Mail-Adresse", "Folgen Sie uns auf Facebook", "Newsletter abonnieren", "Alle Rechte vorbehalten", "Impressum",
         "Beim Laden des Videos", "Über die Autorin", "Hans Muster berichtet seit 2010"],
    ),
    "fr": (
        """\
        Aller au contenu principal
        Accueil » Actualités » Société
        Menu
        Rechercher
        Paris 12 °C
        vendredi 21 mars 2025
        Le Sénat adopte une loi pour protéger les villes contre les inondations
        Par Marie Dupont
        Publié le 21 mars 2025
        Partager
        Facebook
        Twitter
        Le Sénat a adopté jeudi, à une large majorité, un texte qui oblige les communes à renforcer leurs digues et à mieux informer les habitants des zones inondables.
        La météo de cet hiver a été la plus pluvieuse depuis le début des relevés, selon Météo-France, et plusieurs rivières sont sorties de leur lit en février.
        Le plus populaire auprès des électeurs était le projet de financer les travaux par une taxe locale, selon un sondage publié la semaine dernière.
        Les actions de deux groupes de construction ont chuté après le vote, les investisseurs craignant des règles plus strictes pour les marchés publics.
        « Suivez-nous sur la digue », a lancé la maire en guidant les sénateurs le long des prés détrempés au bord du fleuve.
        La loi doit entrer en vigueur cet été, après un dernier vote de l'Assemblée nationale.
        Mots-clés : inondations, Sénat
        À lire aussi
        Crue de la Seine : les quais fermés à Paris
        Laisser un commentaire
        Votre adresse e-mail ne sera pas publiée.
        Suivez-nous sur Instagram
        Abonnez-vous à notre newsletter
        © 2025 Exemple Médias. Tous droits réservés.
        Mentions légales
        """,
        "Le Sénat adopte une loi pour protéger les villes contre les inondations",
        ["La météo de cet hiver", "Le plus populaire auprès des électeurs", "Les actions de deux groupes",
         "« Suivez-nous sur la digue »", "La loi doit entrer en vigueur"],
        ["Aller au contenu", "Par Marie Dupont", "Publié le", "Partager", "Mots-clés", "À lire aussi", "Crue de la Seine",
         "Laisser un commentaire", "Suivez-nous sur Instagram", "Abonnez-vous", "Tous droits réservés", "Mentions légales"],
    ),
    "es": (
        """\
        Ir al contenido
        Inicio » Noticias » Sociedad
        Menú
        Buscar
        Madrid 18 °C
        viernes, 21 de marzo de 2025
        El Congreso aprueba una ley para proteger las ciudades de las inundaciones
        Por Ana López
        Actualizado: 21/03/2025 06:07
        Compartir
        Facebook
        Twitter
        El Congreso aprobó el jueves, por amplia mayoría, una ley que obliga a los municipios a reforzar sus diques y a informar mejor a los vecinos de las zonas inundables.
        El tiempo de este invierno ha sido el más lluvioso desde que hay registros, según la Agencia Estatal de Meteorología, y varios ríos se desbordaron en febrero.
        Lo más popular entre los votantes fue la propuesta de financiar las obras con un impuesto local, según una encuesta publicada la semana pasada.
        Las acciones de dos constructoras cayeron tras la votación, porque los inversores temen normas más estrictas en los contratos públicos.
        «Síganos por el dique», dijo la alcaldesa mientras guiaba a los diputados por los prados empapados junto al río.
        La ley entrará en vigor este verano, tras su paso por el Senado.
        Etiquetas: inundaciones, Congreso
        Noticias relacionadas
        Crecida del Ebro: cortadas varias carreteras en Aragón
        Deja un comentario
        Tu dirección de correo electrónico no será publicada.
        Síguenos en redes sociales
        Suscríbete a nuestro boletín
        © 2025 Ejemplo Medios. Todos los derechos reservados.
        Aviso legal
        """,
        "El Congreso aprueba una ley para proteger las ciudades de las inundaciones",
        ["El tiempo de este invierno", "Lo más popular entre los votantes", "Las acciones de dos constructoras",
         "«Síganos por el dique»", "La ley entrará en vigor"],
        ["Ir al contenido", "Por Ana López", "Actualizado", "Compartir", "Etiquetas", "Noticias relacionadas", "Crecida del Ebro",
         "Deja un comentario", "Síguenos en redes", "Suscríbete", "Todos los derechos reservados", "Aviso legal"],
    ),
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_article_page_keeps_lookalike_sentences_and_drops_chrome(lang, options):
    page, title, kept, dropped = PAGES[lang]
    result = clean(textwrap.dedent(page), options)
    out = result.text
    assert out.startswith(title + "\n\n"), f"[{lang}] headline not first:\n{out}"
    for start in kept:
        assert sum(p.startswith(start) for p in result.body) == 1, f"[{lang}] article paragraph {start!r} lost:\n{out}"
    for chrome in dropped:
        assert chrome not in out, f"[{lang}] chrome {chrome!r} left in output:\n{out}"
    # all six article paragraphs, in order, and nothing else
    assert len(result.body) == 6, f"[{lang}] expected 6 body paragraphs, got {len(result.body)}:\n{out}"


PORTUGUESE_PAGE = """\
Início
Notícias
Esportes
Câmara aprova reforma do transporte público em São Paulo
Por Ana Souza
12 de março de 2025 às 14h30
Compartilhe
A Câmara Municipal aprovou nesta terça-feira, por 38 votos a 17, o projeto que reorganiza as linhas de ônibus da zona leste e cria três novos corredores exclusivos.
Segundo a prefeitura, as mudanças devem reduzir em até vinte minutos o tempo médio de viagem dos moradores, que hoje enfrentam longas esperas nos terminais.
As obras dos corredores devem começar em julho, com previsão de conclusão no fim de 2026.
Leia também
Metrô anuncia nova estação na linha verde
Deixe um comentário
"""


def test_a_date_with_a_month_name_outside_ascii_is_a_timestamp_not_the_headline(options):
    # "março" (and "października", "března") did not fit the month-name class: the date line
    # was taken for the headline, the one just before the body that no rule claims
    result = clean(PORTUGUESE_PAGE, options)
    assert result.title == "Câmara aprova reforma do transporte público em São Paulo"
    assert result.author == "Ana Souza" and result.date == "12 de março de 2025 às 14h30"
    assert result.body == PORTUGUESE_PAGE.splitlines()[7:10]


PRESS_RELEASE = """\
Newsroom
Products
Investors
Contact
Acme Robotics opens new factory in Ohio, adding 400 jobs
COLUMBUS, Ohio, March 4, 2025 /PRNewswire/ -- Acme Robotics, a maker of warehouse automation systems, today announced the opening of a new manufacturing plant in Columbus that will employ about 400 people by the end of next year.
The 250,000-square-foot facility will build the company's autonomous forklifts and sorting robots, which are currently produced in Germany and shipped to customers in North America.
\"Ohio gives us access to skilled workers and to the logistics hubs our customers depend on,\" said Maria Lopez, the company's chief executive. \"We expect the plant to double our output within two years.\"
The state provided tax credits worth $12 million over ten years, according to the Ohio Department of Development.
About Acme Robotics
Acme Robotics designs and manufactures automation systems for warehouses and distribution centers. Founded in 2009, the company has offices in Munich, Boston and Singapore and serves more than 600 customers worldwide.
Media Contact:
Jane Smith
press@acme-robotics.example
+1 555 0100
SOURCE Acme Robotics
Share this article
Related Links
"""


def test_a_press_release_ends_at_its_media_contact(options):
    result = clean(PRESS_RELEASE, options)
    assert result.title == "Acme Robotics opens new factory in Ohio, adding 400 jobs"
    assert result.body[0].startswith("COLUMBUS, Ohio, March 4, 2025 /PRNewswire/ -- Acme Robotics")
    assert "The state provided tax credits worth $12 million" in result.text
    for chrome in ("Media Contact", "Jane Smith", "press@acme-robotics.example", "SOURCE Acme Robotics"):
        assert chrome not in result.text


def test_english_page_metadata(options):
    page, *_ = PAGES["en"]
    result = clean(textwrap.dedent(page), options)
    assert result.author == "Jane Miller"
    assert result.date


# -- --disable, --select and user rule files on the command line ---------------------------


def _cli(*args, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True, text=True, timeout=120)


PAGE_EN = textwrap.dedent(PAGES["en"][0])


def test_disable_one_rule(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(PAGE_EN, encoding="utf-8")
    base = _cli("--explain", str(f))
    assert base.returncode == 0
    assert re.search(r"^DROP\s+(?:\S+\+)?social\.follow(?:\+\S+)?\s", base.stdout, re.M)
    off = _cli("--explain", "--disable", "social.follow", str(f))
    assert off.returncode == 0, off.stderr
    assert not re.search(r"\bsocial\.follow(?![\w-])", off.stdout), off.stdout
    # other social rules still work
    assert re.search(r"^DROP\s+(?:\S+\+)?social\.share(?:\+\S+)?\s", off.stdout, re.M)


def test_disable_a_whole_set_and_comma_separated(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(PAGE_EN, encoding="utf-8")
    off = _cli("--explain", "--disable", "social,weather", str(f))
    assert off.returncode == 0, off.stderr
    assert not re.search(r"\b(?:social|weather)\.\w", off.stdout), off.stdout
    listing = _cli("--list-rules", "--disable", "social")
    assert listing.returncode == 0
    assert "social.share" not in listing.stdout and "comments.form" in listing.stdout


def test_disable_unknown_id_is_a_usage_error():
    r = _cli("--disable", "no.such-rule", "-", stdin="hello\n")
    assert r.returncode == 2
    assert "no.such-rule" in r.stderr and "Traceback" not in r.stderr


def test_disable_changes_output_for_a_rule_only_page():
    # With counters disabled, the lone count is no longer dropped by its rule.
    on = clean("0 Shares\n", make_options())
    assert "0 Shares" not in on.text
    r = _cli("--explain", "--disable", "counters,social", "-", stdin="0 Shares\n")
    assert r.returncode == 0 and "counters." not in r.stdout and "social." not in r.stdout


def test_select_keeps_only_named_rules():
    opts = make_options(select=frozenset({"weather"}))
    assert opts.rules.rules and all(r.set == "weather" for r in opts.rules.rules)


USER_RULES = """\
[set]
id = "mysite"
name = "My site"
description = "Chrome of one site family"

[[rule]]
id = "mysite.promo"
description = "Promo line"
phrases = ["fizzbuzz corner"]
patterns = ['''the fizzbuzz corner returns[^\\n]{0,80}''']
examples.drop = ["Fizzbuzz Corner", "The Fizzbuzz Corner returns next week"]
examples.keep = ["The corner shop closed."]
"""

ARTICLE = (
    "Council approves the flood barrier\n\n"
    "The city council voted on Monday to build a concrete flood barrier along the river, ending a long debate in the town.\n\n"
    "The Fizzbuzz Corner returns next week with more puzzles for readers of all ages.\n\n"
    "Work is expected to begin in the summer and to take about eighteen months, the mayor said on Tuesday evening.\n"
)


def test_user_rule_file_takes_effect(tmp_path):
    rules = tmp_path / "mine.toml"
    rules.write_text(USER_RULES, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    plain = _cli(str(page))
    assert "Fizzbuzz Corner" in plain.stdout, "the test needs the line to survive without the user rule"
    r = _cli("--rules", str(rules), "--explain", str(page))
    assert r.returncode == 0, r.stderr
    assert re.search(r"^DROP\s+(?:\S+\+)?mysite\.promo(?:\+\S+)?\s.*Fizzbuzz Corner", r.stdout, re.M), r.stdout
    out = _cli("--rules", str(rules), str(page)).stdout
    assert "Fizzbuzz Corner" not in out and "Work is expected" in out
    listing = _cli("--rules", str(rules), "--list-rules").stdout
    assert "mysite.promo" in listing
    # a user rule set can be disabled like a built-in one
    off = _cli("--rules", str(rules), "--disable", "mysite", str(page)).stdout
    assert "Fizzbuzz Corner" in off


@pytest.mark.parametrize(
    "body, needle",
    [
        ("[set]\nid = 'x'\n[[rule]\nid = 'x.y'\n", "not valid TOML"),
        ("[[rule]]\nid = 'x.y'\nphrases = ['a']\n", "[set]"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.bad'\npatterns = ['(unclosed']\n", "x.bad"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.look'\npatterns = ['foo(?=bar)']\n", "x.look"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.behind'\npatterns = ['(?<!a)b']\n", "x.behind"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.backref'\npatterns = ['(a)\\1']\n", "x.backref"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.empty'\n", "x.empty"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'y.wrongset'\nphrases = ['a']\n", "y.wrongset"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.act'\naction = 'explode'\nphrases = ['a']\n", "x.act"),
        # rules see no block over 400 characters: a larger max_chars would silently do nothing
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.long'\nmatch = 'contains'\nmax_chars = 2000\npatterns = ['a']\n", "x.long: max_chars"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.text'\nmax_chars = '300'\npatterns = ['a']\n", "x.text: max_chars"),
        # wrong types and misspelt keys (these raised tracebacks, or were silently ignored)
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.int'\npatterns = [1]\n", "x.int: `patterns` must be a list of strings"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.str'\nphrases = 'donate now'\n", "x.str: `phrases` must be a list of strings"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.list'\naction = ['drop']\nphrases = ['a']\n", "x.list: unknown action"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.ex'\nphrases = ['a']\nexamples = 'a'\n", "x.ex: `examples`"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.trim'\naction = 'trim'\npatterns = [1]\n", "x.trim: `patterns`"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.typo'\npattern = ['donate now']\n", "x.typo: unknown key 'pattern'"),
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.typo2'\nphrases = ['a']\nmax_char = 100\n", "x.typo2: unknown key 'max_char'"),
        ("[set]\nid = 'x'\nrule = 5\n", "unknown key 'rule'"),
        # Python takes a repeat over 1000, RE2 does not: refused at load, not at the first page
        ("[set]\nid = 'x'\n[[rule]]\nid = 'x.rep'\nmatch = 'contains'\npatterns = ['council[a-z ]{0,1200}budget']\n", "x.rep: a pattern is not supported"),
    ],
    ids=["toml", "no-set", "bad-regex", "lookahead", "lookbehind", "backref", "no-patterns", "wrong-prefix", "bad-action", "max-chars-too-big", "max-chars-not-int",
         "pattern-not-str", "phrases-str", "action-list", "examples-str", "trim-not-str", "typo-pattern", "typo-max-char", "rule-in-set", "repeat-over-1000"],
)
def test_bad_user_rule_file_is_a_clear_usage_error(tmp_path, body, needle):
    rules = tmp_path / "bad.toml"
    rules.write_text(body, encoding="utf-8")
    r = _cli("--rules", str(rules), "-", stdin="hello world\n")
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert str(rules) in r.stderr and needle in r.stderr, r.stderr
    # and the library raises RuleError with the same message
    with pytest.raises(RuleError, match=re.escape(needle)):
        make_options(rule_files=(str(rules),))


def test_missing_user_rule_file_is_a_usage_error(tmp_path):
    r = _cli("--rules", str(tmp_path / "nope.toml"), "-", stdin="x\n")
    assert r.returncode == 2 and "nope.toml" in r.stderr and "Traceback" not in r.stderr


# -- the two engines of the exact patterns agree -----------------------------------------------

PATTERN_RULES = [r for r in ALL_RULES if r.patterns and r.action != "trim"]


@pytest.mark.parametrize("rule", PATTERN_RULES, ids=[r.id for r in PATTERN_RULES])
def test_builtin_patterns_confirm_alike_on_python_and_re2(rule):
    """Built-in rules confirm the sets' hits on Python's engine, users' rules on RE2: the
    same rule must give the same verdict and the same metadata on both."""
    from cleaner.registry import _ExactPattern

    on_python, on_re2 = _ExactPattern.compile(rule, builtin=True), _ExactPattern.compile(rule, builtin=False)
    assert not on_python.on_re2 and on_re2.on_re2
    for text in rule.examples_drop + rule.examples_keep:
        assert on_python.match(text) == on_re2.match(text), f"{rule.id}: engines disagree on {text!r}"


def test_rule_matches_are_remembered_but_bounded(monkeypatch):
    import cleaner.registry as registry

    rules = load_rules.__wrapped__()  # a fresh set: its memory starts empty
    monkeypatch.setattr(registry, "MATCH_CACHE_SIZE", 3)
    lines = ["Share this article", "Leave a Reply", "The council met on Tuesday.", "Follow us", "Subscribe"]
    first = [rules.match(line) for line in lines]
    assert len(rules._cache) <= 3
    assert [rules.match(line) for line in lines] == first
    assert first[0] is not None and first[2] is None


def test_a_long_notice_is_matched_up_to_the_rule_block_cap():
    """A rule with max_chars above the default (320) sees blocks up to its own cap, and no
    rule sees a longer block: an outdated-browser notice of 333 characters goes, prose stays."""
    notice = (
        "Thank you for visiting nature.com. You are using a browser version with limited support for CSS. "
        "To obtain the best experience, we recommend you use a more up to date browser (or turn off "
        "compatibility mode in Internet Explorer). In the meantime, to ensure continued support, we are "
        "displaying the site without styles and JavaScript."
    )
    assert 320 < len(notice) <= 400
    assert RULES.match(notice).rule.id == "errors.browser"
    longer = notice + " Readers who wrote in about the old design will find the archive under the same address."
    assert RULES.match(longer) is None


def test_headline_is_found_across_a_long_share_bar(options):
    """Blocks that rules drop between the headline and the body (byline, date, a dozen share
    buttons) do not count towards the distance a headline may stand from the body."""
    share = ["Share on Twitter", "Share on Facebook", "Share via E-Mail", "Share on LinkedIn", "Share on WhatsApp",
             "Share on Reddit", "Share on Pinterest", "Share on Telegram", "Share on Xing", "Print this article",
             "Download PDF", "Copy link"]
    body = [
        "The world's largest single-dish radio telescope is opening to astronomers around the world, after years in which only scientists from the host country could lead projects there.",
        "The observatory passed its final checks on Wednesday, and the first call for proposals from foreign teams will go out in the spring, its director said.",
        "Astronomers hope the telescope's sensitivity will help them find hundreds of new pulsars and study the fast radio bursts whose origin is still unknown.",
    ]
    page = "\n".join(
        ["Giant telescope opens to astronomers worldwide | Science News", "Menu", "Search", "Giant telescope opens to astronomers worldwide",
         "By Jane Miller", "24 September 2019", *share, *body, "Related Articles", "Radio bursts traced to a distant galaxy"]
    )
    result = clean(page, options)
    assert result.title == "Giant telescope opens to astronomers worldwide", result.text
    assert result.body == body, result.text
