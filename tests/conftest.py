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
def seed_article():
    """The seed article (examples/seed-article.txt) as kg reads it: the one definition of it for the tests."""
    from kg.articles import read_inputs

    (article,) = list(read_inputs([SEED]))
    return article


@pytest.fixture(scope="session")
def seed_extraction(nlp, seed_article):
    from kg.nlp.pipeline import extract

    return extract(seed_article, nlp(seed_article.text))


@pytest.fixture(scope="session")
def seed_entities(nlp, seed_article):
    """The entity stage's output on the seed article (tests read it, never change it)."""
    from kg.nlp.entities import find_entities

    return find_entities(nlp(seed_article.text))


@pytest.fixture(scope="session")
def entities_of(nlp):
    """The entity stage on a small literal text."""
    from kg.nlp.entities import find_entities

    return lambda text: find_entities(nlp(text))


def run_kg(*args: str, input: str | bytes | None = None):
    """Run the real CLI in-process (the spaCy model stays loaded between calls)."""
    from kg.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
    return result
