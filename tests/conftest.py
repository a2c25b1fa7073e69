from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def sample_names() -> list[str]:
    return sorted(p.name[: -len(".golden.txt")] for p in SAMPLES.glob("*.golden.txt"))


@pytest.fixture(scope="session")
def options():
    from cleaner import Options

    return Options()


def pytest_configure(config):
    config.addinivalue_line("markers", "big: huge inputs (100 MB, a million lines); run in CI too, data is generated fast")
