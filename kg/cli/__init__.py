"""Command line: thin wrappers over the library. ``kg --help`` lists the commands."""

from kg.cli import export_commands, store_commands, validate_commands, view_commands  # noqa: F401  (they register the commands)
from kg.cli.app import app


def main() -> None:
    app()
