"""The query page ``kg serve`` shows at /query-ui: the oxigraph server's own query editor (YASGUI,
served by the oxigraph process itself, nothing from outside) with one tab per query of kg's pack and
a first tab that declares kg's prefixes. The same queries are listed in plain HTML below it, so the
page says what it offers without JavaScript too."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kg.view.render import page

FIRST_QUERY = """# kg's prefixes are declared; the default graph is the union of the article graphs.
SELECT ?article ?date ?title WHERE {
  ?a a kg:Article ; kg:articleId ?article .
  OPTIONAL { ?a schema:datePublished ?date }
  OPTIONAL { ?a schema:headline ?title }
}
ORDER BY ?date ?article"""

# YASGUI's prefix and class/property completers fetch prefix.cc and LOV from the internet: only the
# variable completer stays. Persistence is off so the pack's tabs are not added again on each visit.
_SCRIPT = """
const pack = JSON.parse(document.getElementById("kg-pack").textContent);
for (const name of ["prefixes", "property", "class"]) delete Yasgui.Yasqe.Autocompleters[name];
Yasgui.Yasqe.defaults.autocompleters = ["variables"];
const endpoint = new URL("/query", window.location.href).href;
const yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: { endpoint: endpoint, method: "POST" },
  copyEndpointOnNewTab: true, persistenceId: null, populateFromUrl: false, autoAddOnInit: false,
  endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }], keys: [] },
  yasqe: { value: pack.first },
});
pack.queries.forEach((q, i) => yasgui.addTab(false, { name: q.name, requestConfig: { endpoint: endpoint },
                                                    yasqe: { value: q.text } }));
yasgui.addTab(true, { name: "kg", requestConfig: { endpoint: endpoint }, yasqe: { value: pack.first } });
"""


@dataclass(frozen=True)
class PackEntry:
    name: str
    summary: str
    text: str


def with_prefixes(text: str, prefixes: Mapping[str, str]) -> str:
    declared = {line.split()[1].rstrip(":").lower() for line in text.splitlines()
                if line.lower().startswith("prefix ") and len(line.split()) > 1}
    missing = [f"PREFIX {p}: <{iri}>" for p, iri in prefixes.items() if p.lower() not in declared]
    return "\n".join(missing + [text])


def query_ui_html(pack: Sequence[PackEntry], prefixes: Mapping[str, str]) -> str:
    first = with_prefixes(FIRST_QUERY, prefixes)
    data = json.dumps({"first": first, "queries": [{"name": q.name, "text": q.text} for q in pack]})
    # </script> inside a JSON string would end the script element: escape every '<'.
    data = data.replace("<", "\\u003c")
    listed = "".join(
        f'<li class="card" id="q-{html.escape(q.name)}" data-query="{html.escape(q.name)}"><strong>{html.escape(q.name)}</strong>'
        f'<div class="meta">{html.escape(q.summary)}</div><details><summary>SPARQL</summary>'
        f"<pre>{html.escape(q.text)}</pre></details></li>" for q in pack)
    body = (f'<link rel="stylesheet" href="/yasgui.min.css">\n<h1>SPARQL</h1>\n'
            f'<p class="meta">Endpoint: <code>/query</code> (SPARQL 1.1 protocol; the default graph is the union '
            f'of the article graphs). One tab per query of kg\'s pack.</p>\n<div id="yasgui"></div>\n'
            f'<section id="pack"><h2>The query pack ({len(pack)})</h2><ol class="cards">{listed}</ol></section>\n'
            f'<script type="application/json" id="kg-pack">{data}</script>\n'
            f'<script src="/yasgui.min.js"></script>\n<script>{_SCRIPT}</script>')
    return page("SPARQL", body, "/", served=True)
