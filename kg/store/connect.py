"""Opening a store: the embedded one at a path, or a remote endpoint when given its URL."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from kg.store.embedded import DEFAULT_STORE, EmbeddedStore
from kg.store.remote import RemoteStore, auth_header, endpoint_from

Store = EmbeddedStore | RemoteStore


def open_store(store: str | Path | None = DEFAULT_STORE, endpoint: str | None = None, *,
               query_url: str | None = None, update_url: str | None = None, store_url: str | None = None,
               env: Mapping[str, str] = os.environ, read_only: bool = False, allow_service: bool = False) -> Store:
    """The remote store at ``endpoint`` when one is given (an empty one is an error, not the
    embedded store), else the embedded store at ``store``."""
    if endpoint is not None:
        ep = endpoint_from(endpoint, query_url, update_url, store_url)
        return RemoteStore(ep, auth_header(endpoint, env))
    return EmbeddedStore(store, read_only=read_only, allow_service=allow_service)
