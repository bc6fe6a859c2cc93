"""``kg view``: the evidence, browsable. A static site (or, through ``kg serve``, the same pages on
request) with every mention, statement, meeting and date marked in its article's text.

source.py reads the store (SPARQL), pages.py builds page models (model.py), markup.py marks spans,
svg.py draws who met whom, render.py writes HTML, site.py writes the site, server.py serves it.
"""
