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


# ---------------------------------------------------------------- SPARQL servers started by tests


def free_port() -> int:
    """A loopback port nobody listens on (yet)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_sparql(url: str, process, timeout_s: float = 30) -> None:
    """Return once the SPARQL endpoint at ``url`` (URL/query) answers ``ASK {}``; fail the test,
    killing ``process``, when it exits first or does not answer within ``timeout_s``."""
    import time
    import urllib.request

    deadline = time.monotonic() + timeout_s
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                err = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
                pytest.fail(f"the SPARQL server at {url} did not start: {err[-500:]}")
            time.sleep(0.1)
