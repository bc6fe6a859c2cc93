"""Files that ship with the package: the ontology, the shapes and the JSON-LD context."""

from pathlib import Path

RESOURCES = Path(__file__).parent
ONTOLOGY = RESOURCES / "kg.ttl"  # the same file as ontology/kg.ttl in the source tree
SHAPES = RESOURCES / "shapes.ttl"  # the same file as shapes/kg-shapes.ttl in the source tree
CONTEXT = RESOURCES / "context.jsonld"
