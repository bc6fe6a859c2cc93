from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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
def attributions_of(nlp):
    """(cue, speaker mention, content) of each statement of a small literal text, published 2016-10-01."""
    from datetime import date

    from kg.model import Article
    from kg.nlp.pipeline import extract

    def run(text: str) -> list[tuple[str | None, str | None, str]]:
        x = extract(Article("t", text, date(2016, 10, 1)), nlp(text))
        return [(s.cue[0].text if s.cue else None, s.speaker_span.text if s.speaker_span else None,
                 " ".join(c.text for c in s.content)) for s in x.statements]
    return run


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
    """A loopback port nobody listens on (yet): the one kg serve itself uses."""
    from kg.view.server import free_port as loopback_port

    return loopback_port()


@contextmanager
def oxigraph_serve(location: Path | None = None) -> Iterator[str]:
    """A real ``oxigraph serve`` on a free loopback port, its store in ``location`` (in memory
    without one); yields its URL once it answers, and stops it on the way out."""
    import subprocess
    import tempfile

    from kg.store import oxigraph_binary

    port = free_port()
    command = [oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"]
    if location is not None:
        command[2:2] = ["--location", str(location)]
    log = tempfile.TemporaryFile()  # a file, not a pipe: a long-lived server must never block on it
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_sparql(url, process, log=log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def wait_for_sparql(url: str, process, timeout_s: float = 30, log=None) -> None:
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
                if log is not None:
                    log.seek(0)
                stream = log if log is not None else process.stderr
                err = stream.read().decode("utf-8", "replace") if stream else ""
                pytest.fail(f"the SPARQL server at {url} did not start: {err[-500:]}")
            time.sleep(0.1)
