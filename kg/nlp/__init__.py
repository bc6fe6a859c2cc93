"""Extraction: one spaCy parse per article, then one pure stage per concern."""

__all__ = ["extract", "extract_all", "load_nlp"]


def __getattr__(name: str):
    # Imported on first use: kg/nlp/pipeline.py imports spaCy (~3 s), and ``kg query`` needs only the
    # name keys of kg/nlp/identity.py to resolve a name parameter.
    if name in __all__:
        from kg.nlp import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'kg.nlp' has no attribute {name!r}")
