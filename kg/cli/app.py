"""The typer application that every command module registers on."""

import typer

app = typer.Typer(
    name="kg",
    help="News articles to a validated knowledge graph: people, roles, statements, meetings, dates.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
