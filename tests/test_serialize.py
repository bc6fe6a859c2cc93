"""Writing a whole corpus from the export's N-Quads spool, in bounded memory."""

import io

import pyoxigraph as ox
import pytest

from kg import serialize
from kg.serialize import serialize_quads, write_nquads_file_as

SPOOL = """\
<http://x/a1#m> <http://x/p> "line\\nbreak" <http://x/g1> .
<http://x/anna> <http://www.w3.org/2000/01/rdf-schema#label> "Anna Berg" <http://x/g1> .
<http://x/a1#m> <http://x/q> <http://x/anna> <http://x/g1> .
<http://x/a2#m> <http://x/p> "5"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> <http://x/g2> .
<http://x/anna> <http://www.w3.org/2000/01/rdf-schema#label> "Anna Berg" <http://x/g2> .
<http://x/a2#m> <http://x/q> <http://x/anna> <http://x/g2> .
<http://x/a2#m> <http://x/r> "é"@fr <http://x/g2> .
"""


@pytest.fixture(params=[2, 100_000], ids=["spilled runs", "one run"])
def spool(tmp_path, monkeypatch, request):
    monkeypatch.setattr(serialize, "SORT_RUN_LINES", request.param)
    path = tmp_path / "spool.nq"
    path.write_text(SPOOL, encoding="utf-8")
    return path


def quads():
    return list(ox.parse(SPOOL.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_merged_formats_are_the_in_memory_bytes(spool, fmt):
    out = io.BytesIO()
    write_nquads_file_as(spool, fmt, out)
    assert out.getvalue() == serialize_quads(quads(), fmt)


def test_the_triple_two_articles_share_is_written_once(spool):
    out = io.BytesIO()
    write_nquads_file_as(spool, "ntriples", out)
    lines = out.getvalue().decode("utf-8").splitlines()
    assert len(lines) == 6 and lines == sorted(lines)
    assert sum("Anna Berg" in line for line in lines) == 1


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dataset_formats_keep_every_graph(spool, fmt):
    out = io.BytesIO()
    write_nquads_file_as(spool, fmt, out)
    back = ox.parse(out.getvalue(), format=ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS)
    assert set(back) == set(quads())
