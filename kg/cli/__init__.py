"""Command line: thin wrappers over the library. ``kg --help`` lists the commands."""

import importlib.util

from kg.cli import export_commands  # noqa: F401  (registers export, validate)
from kg.cli.app import app

# The store commands live in their own module; import it when present.
if importlib.util.find_spec("kg.cli.store_commands") is not None:
    from kg.cli import store_commands  # noqa: F401


def main() -> None:
    app()
