"""What every store does the same way on top of its engine's ``read`` and ``write_batch``.

Why a shared base: loading a document, counting and clearing are defined by the named
queries, not by the engine, so the embedded store and the Neo4j store inherit one
implementation instead of keeping two copies in step.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Self

from graph.model import ParsedDocument, StoreError
from graph.progress_anchor import load_anchor_steps
from graph.rows import batch_steps, document_rows, load_batches, load_summary, rows_summary

# Documents per transaction in load_many: past ~50 the per-statement and per-commit
# costs are already spread thin, and a failed batch retries no more than this.
LOAD_BATCH = 50


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
        """Load (or reload) one document in one transaction; counts of what was written.
        The transaction also re-anchors the document's progress (graph.progress_anchor)."""
        rows = document_rows(parsed)
        steps = batch_steps([rows])
        self.write_batch(steps + load_anchor_steps(self, [rows]))
        return load_summary(steps)

    def load_many(self, parsed_docs: Sequence[ParsedDocument], batch: int = LOAD_BATCH) -> list[dict[str, int]]:
        """Load (or reload) many documents, ``batch`` documents per transaction; the counts
        of what each document wrote, in order.  The graph is the one ``load`` would leave
        for each document in turn.

        Why batches: a transaction of one document pays a round trip per statement and a
        commit for a few hundred rows; a batch pays them once for ``batch`` documents.

        Failure: the failing batch's transaction is rolled back whole, then its documents
        are loaded again one per transaction, so the documents before the bad one are
        committed and whole, the bad one is rolled back and its error (a StoreError names
        the document) propagates; the documents after it are not loaded -- as with a
        plain loop over ``load``.  Earlier batches stay committed.  A BaseException
        (KeyboardInterrupt) is not retried: the current batch is simply rolled back.
        Every document's rows are built before the first write, so a document whose rows
        cannot be built (a duplicate measure id: ValueError) stops it untouched."""
        if batch < 1:
            raise ValueError(f"batch must be >= 1, not {batch}")
        out: list[dict[str, int]] = []
        docs = list(parsed_docs)
        start = 0
        for rows_of in load_batches(docs, batch):
            out += self._load_batch(rows_of, docs[start : start + len(rows_of)])
            start += len(rows_of)
        return out

    def _load_batch(self, rows_of: list[dict[str, Any]], docs: list[ParsedDocument]) -> list[dict[str, int]]:
        """One batch in one transaction; on failure, its documents one by one (see load_many)."""
        if len(docs) > 1:
            try:
                self.write_batch(batch_steps(rows_of) + load_anchor_steps(self, rows_of))
                return [rows_summary(r) for r in rows_of]
            except Exception:  # noqa: BLE001  (rolled back whole: find the bad document below)
                pass
        return self._load_each(docs)

    def _load_each(self, docs: list[ParsedDocument]) -> list[dict[str, int]]:
        """One transaction per document; a StoreError says which document failed."""
        out = []
        for p in docs:
            try:
                out.append(self.load(p))
            except StoreError as e:
                raise StoreError(f"document {p.document.source or p.document.id}: {e}") from e
        return out

    def session_scope(self) -> AbstractContextManager[None]:
        """A block whose reads share one session and transaction where the engine has
        sessions (Neo4jStore.session_scope: the API opens one per GET request).  Here a
        no-op: the embedded store's reads take a pooled connection each, which costs no
        round trip."""
        return nullcontext()

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
