"""The user's own pages: each sample must clean to its hand-cleaned golden file exactly."""

import subprocess
import sys

import pytest

from cleaner import clean

from .conftest import SAMPLES, sample_names


def test_there_are_five_samples():
    assert len(sample_names()) == 5


@pytest.mark.parametrize("name", sample_names())
def test_sample_matches_golden(name, options):
    page = (SAMPLES / f"{name}.txt").read_bytes()
    golden = (SAMPLES / f"{name}.golden.txt").read_text(encoding="utf-8")
    assert clean(page, options).text == golden


@pytest.mark.parametrize("name", sample_names())
def test_cli_output_is_golden_bytes(name):
    out = subprocess.run(
        [sys.executable, "-m", "cleaner", str(SAMPLES / f"{name}.txt")], capture_output=True, check=True
    ).stdout
    assert out == (SAMPLES / f"{name}.golden.txt").read_bytes()


def test_white_space_and_invisible_characters_are_normalised(options):
    """The contract's normalisation: tabs, runs of spaces and Unicode spaces become one space,
    zero-width characters and soft hyphens (HTML's &shy;, invisible in a re-flowed paragraph)
    go, so that the German paragraph's words are read as such."""
    from cleaner import clean

    paragraph = (
        "Auch in die\u00adsem Jahr wol\u00adlen wir Sie\u00a0in eine an\u00addere Zeit ent\u00adführen, und  der "
        "Markt\tist für al\u00adle Be\u00adsu\u00adcher of\u00adfen, die sich für\u200b das Hand\u00adwerk in\u00adteres\u00adsie\u00adren."
    )
    text = "Home\nVeranstaltungen\nKontakt\n\nHistorischer Markt\n\n" + paragraph + "\n\nImpressum\n"
    result = clean(text, options)
    expected = (
        "Auch in diesem Jahr wollen wir Sie in eine andere Zeit entführen, und der Markt ist für alle "
        "Besucher offen, die sich für das Handwerk interessieren."
    )
    assert expected in result.text.splitlines()
    assert result.language == "German"
