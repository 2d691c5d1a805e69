"""The contract every graph store keeps, whatever engine is behind it.

Why a protocol: the embedded LadybugDB store (the default, no server) and the Neo4j
store (production) must answer the same named Cypher queries from ``queries/`` with
the same rows.  Code above this layer (API, CLI, linking, viz) only ever talks to a
``GraphStore`` and never builds Cypher itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from graph.model import ParsedDocument


class GraphStore(Protocol):
    """A store of the PolicyGraph graph.  Implementations: graph.ladybug_store, graph.neo4j_store."""

    engine: str  # "ladybug" | "neo4j"

    def read(self, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run the named read query from queries/ and return its rows as plain dicts.

        Values are plain Python (int, float, str, bool, None, list, dict): no Decimal,
        no driver objects, so results compare equal across engines."""
        ...

    def write(self, name: str, params: dict[str, Any] | None = None) -> None:
        """Run one named write query in its own transaction."""
        ...

    def write_batch(self, steps: list[tuple[str, dict[str, Any]]]) -> None:
        """Run several named write queries in one transaction: all or nothing."""
        ...

    def load(self, parsed: ParsedDocument) -> dict[str, int]:
        """Load (or reload: same ids update, never duplicate) one document in one
        transaction; return counts of what was written.  A failure leaves the store
        exactly as it was."""
        ...

    def load_many(self, parsed_docs: Sequence[ParsedDocument], batch: int = 50) -> list[dict[str, int]]:
        """Load (or reload) many documents, several per transaction (a first load into an
        empty embedded store: bulk COPY, one transaction); the counts of each document, in
        order.  A failing document is named; those before it stay whole, it and those
        after it are not loaded."""
        ...

    def counts(self) -> dict[str, int]:
        """Node counts per label and relationship counts per type."""
        ...

    def session_scope(self) -> AbstractContextManager[None]:
        """A block whose reads share one session and transaction (Neo4j: one per API
        request instead of one per read); a no-op where reads have no session."""
        ...

    def close(self) -> None:
        ...
