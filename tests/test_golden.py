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
