"""File names for pages, from node IRIs: unique, stable, short, and safe on every file system.

A name is a readable slug (ASCII letters, digits and '-', at most ``SLUG_MAX`` characters) plus 12 hex
digits of the IRI's SHA-256, so two IRIs with the same last segment still get two names, the name
never depends on the order pages are written, and no name is a reserved one on Windows (CON, NUL...)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import unquote

SLUG_MAX = 48
HASH_DIGITS = 12
ARTICLE_DIR = "article"
ENTITY_DIR = "entity"


def digest(iri: str, digits: int = HASH_DIGITS) -> str:
    return hashlib.sha256(iri.encode("utf-8", "surrogatepass")).hexdigest()[:digits]


def slug_of(iri: str) -> str:
    """The IRI's last path segment (or fragment), as lower-case ASCII: 'tom%C3%A1s-reis' → 'tomas-reis'."""
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    text = unicodedata.normalize("NFKD", unquote(tail)).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:SLUG_MAX].rstrip("-") or "x"


def page_name(iri: str) -> str:
    return f"{slug_of(iri)}-{digest(iri)}.html"


def article_path(iri: str) -> str:
    """The article page, relative to the site's root."""
    return f"{ARTICLE_DIR}/{page_name(iri)}"


def entity_path(iri: str) -> str:
    return f"{ENTITY_DIR}/{page_name(iri)}"


def anchor(begin: int, end: int) -> str:
    """The element id of the span begin–end on an article page (one node per range in the graph)."""
    return f"c{begin}-{end}"


def card_id(iri: str) -> str:
    """The element id of a statement's or meeting's card beside the text."""
    return f"n-{digest(iri, 10)}"


def list_page(section: str, page: int) -> str:
    """Page ``page`` (1-based) of an index list: page 1 of every list is on index.html."""
    return "index.html" if page == 1 else f"{section}-{page}.html"
