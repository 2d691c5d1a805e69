"""What every store does the same way on top of its engine's ``read`` and ``write_batch``.

Why a shared base: loading a document, counting and clearing are defined by the named
queries, not by the engine, so the embedded store and the Neo4j store inherit one
implementation instead of keeping two copies in step.
"""

from __future__ import annotations

from typing import Any, Self

from graph.model import ParsedDocument
from graph.rows import load_steps, load_summary


class StoreOperations:
    """Mixin for GraphStore implementations (they provide read, write, write_batch, close)."""

    def read(self, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def write(self, name: str, params: dict[str, Any] | None = None) -> None:
        raise NotImplementedError

    def write_batch(self, steps: list[tuple[str, dict[str, Any]]]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def load(self, parsed: ParsedDocument) -> dict[str, int]:
        """Load (or reload) one document in one transaction; counts of what was written."""
        steps = load_steps(parsed)
        self.write_batch(steps)
        return load_summary(steps)

    def counts(self) -> dict[str, int]:
        """Node counts per label and relationship counts per type."""
        return {r["name"]: int(r["n"]) for r in self.read("counts")}

    def clear(self) -> None:
        """Delete every node and relationship (schema, constraints and indexes stay)."""
        self.write("clear_all")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
