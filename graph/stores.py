"""Open a store from its configuration: ``open_store(config, read_only=False) -> GraphStore``.

The embedded LadybugDB store is the default (no server; ``config.db_path``);
``config.store == "neo4j"`` opens a Neo4j server at ``config.neo4j_uri``.  Callers close
what they open (``with open_store(cfg) as store`` works for both).

Why a protocol and not the settings class: the store layer takes its configuration as
a value passed in; where it comes from (environment, CLI flags, a test) is the shell's
business (``policygraph.settings.Settings`` satisfies it), so ``graph`` never imports
the shell.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from graph.model import StoreError
from graph.store import GraphStore


class StoreConfig(Protocol):
    """What opening a store needs to know."""

    store: str  # "ladybug" | "neo4j"
    db_path: Path
    neo4j_uri: str
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str


def open_store(config: StoreConfig, read_only: bool = False) -> GraphStore:
    """Open the store ``config`` describes; raises StoreError with a one-line reason."""
    if config.store == "ladybug":
        from graph.ladybug_store import LadybugStore

        return LadybugStore(config.db_path, read_only=read_only)
    if config.store == "neo4j":
        from graph.neo4j_store import Neo4jStore
        from graph.search_replica import replica_path

        copy = (replica_path(Path(config.db_path).parent, config.neo4j_uri, config.neo4j_database)
                if getattr(config, "neo4j_search_copy", True) else None)
        return Neo4jStore(
            config.neo4j_uri,
            config.neo4j_user,
            config.neo4j_password,
            config.neo4j_database,
            read_only=read_only,
            search_copy=copy,
        )
    raise StoreError(f"unknown store {config.store!r} (ladybug or neo4j)")
