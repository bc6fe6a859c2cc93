"""Extraction: one spaCy parse per article, then one pure stage per concern."""

from kg.nlp.pipeline import extract, extract_all, load_nlp

__all__ = ["extract", "extract_all", "load_nlp"]
