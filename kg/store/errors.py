"""The one error the store raises: a problem that stops the job, said in one line."""

from __future__ import annotations


class StoreError(Exception):
    """A problem that stops the job, said in one line that names the store or input."""


def first_line(err: BaseException) -> str:
    """The first line of an exception's message (pyoxigraph's can run to several), or its type."""
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
