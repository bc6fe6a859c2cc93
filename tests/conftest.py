from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "seed-article.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_extraction(nlp):
    from kg.articles import read_inputs
    from kg.nlp.pipeline import extract

    (article,) = list(read_inputs([SEED]))
    return extract(article, nlp(article.text))


def run_kg(*args: str, input: str | bytes | None = None):
    """Run the real CLI in-process (the spaCy model stays loaded between calls)."""
    from kg.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
    return result
