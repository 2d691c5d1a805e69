"""Open the configured store: ``open_store(settings, read_only=False) -> GraphStore``.

The embedded LadybugDB store is the default (no server; ``settings.db_path``, in the
user data folder unless told otherwise); ``settings.store == "neo4j"`` opens a Neo4j
server at NEO4J_URI.  Callers close what they open (``with open_store(s) as store``
works for both).
"""

from __future__ import annotations

from graph.model import StoreError
from graph.store import GraphStore
from policygraph.settings import Settings


def open_store(settings: Settings, read_only: bool = False) -> GraphStore:
    """Open the store ``settings`` describe; raises StoreError with a one-line reason."""
    if settings.store == "ladybug":
        from graph.ladybug_store import LadybugStore

        return LadybugStore(settings.db_path, read_only=read_only)
    if settings.store == "neo4j":
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
            settings.neo4j_database,
            read_only=read_only,
        )
    raise StoreError(f"unknown store {settings.store!r} (ladybug or neo4j)")


def supports_multiple_workers(settings: Settings) -> bool:
    """Only a server store can be shared by several API processes (LadybugDB allows one
    read-write process per database file)."""
    return settings.store == "neo4j"
