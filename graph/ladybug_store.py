"""The embedded default store: LadybugDB (in-process, no server), running queries/.

LadybugDB facts this module relies on (checked against ladybug 0.22):
- node/rel tables must exist before loading: schema DDL runs on every read-write open,
  then the DDL connection is closed and a NEW connection is opened for the data;
- one process may hold the database file read-write; a second read-write opener (another
  process) fails with "Could not set lock on file ... (Lock is held by PID n)", which is
  turned into a one-line StoreError.  Read-only openers are allowed alongside the
  writer and see its committed data;
- ``BEGIN TRANSACTION`` / ``COMMIT`` / ``ROLLBACK`` via ``conn.execute``.  A failing
  statement inside a transaction rolls the whole transaction back by itself (a later
  ``ROLLBACK`` then says "No active transaction"), so rollback errors are ignored;
- ``UNWIND $rows`` takes a list of dicts (a list of STRUCTs) but cannot type an empty
  list or a field that is None in every row (it becomes STRING) -- see graph.rows;
- integer sums come back as Decimal, nodes as dicts with ``_id``/``_label``: read()
  converts everything to plain Python;
- ``order`` is a reserved word: write r.`order` (Neo4j accepts the backticks too).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ladybug

from graph import ladybug_bulk, search_index
from graph.heap import keep_heap_top
from graph.model import ParsedDocument, StoreError
from graph.progress_anchor import load_anchor_steps
from graph.read_model_stamp import bump, stamped
from graph.registry import Registry, get_registry
from graph.rows import document_rows, rows_summary
from graph.rwlock import ReadWriteLock
from graph.store_ops import LOAD_BATCH, StoreOperations
from graph.values import plain

StepHook = Callable[[int, str], None]

# Values that need no conversion (checked by exact type: the common case of a read,
# without plain()'s chain of isinstance tests -- a third of a 100-row read's time).
_AS_IS = frozenset({str, bytes, int, float, bool, type(None)})  # bytes: a BLOB (the read model's rows)

# Threads per statement.  Reads run on one thread: PolicyGraph's reads are small
# (an answer of tens to hundreds of rows), for which LadybugDB's parallel plan costs
# more than it saves (unit_obligations_direct at 1,000 documents: 3.0 ms on one
# thread, 5.3 ms on the default), and the server's other requests get the other
# cores.  Writes (loads, bulk COPY, linking) use every core.
READ_THREADS = 1
WRITE_THREADS = os.cpu_count() or 1
log = logging.getLogger("policygraph.ladybug")


def _lock_message(path: Path, err: Exception) -> str:
    pid = re.search(r"PID (\d+)", str(err))
    holder = f" (PID {pid.group(1)})" if pid else ""
    return (
        f"the embedded store {path} is held read-write by another PolicyGraph process{holder}, "
        "e.g. the server: stop it, or send the change through its API; reads work with read-only opens"
    )


class LadybugStore(StoreOperations):
    """GraphStore on an embedded LadybugDB database folder/file."""

    engine = "ladybug"

    def __init__(
        self, path: str | Path, *, read_only: bool = False, registry: Registry | None = None
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.registry = registry or get_registry()
        self.before_step: StepHook | None = None  # test hook: called before each step of a batch
        self._lock = threading.RLock()  # the write connection (one transaction at a time)
        self._read_lock = threading.Lock()  # guards the pool of read connections
        # Reads share, a write transaction and close() are exclusive.  Why: LadybugDB read
        # connections running while another connection commits crashed the process
        # (a segfault in 1 of 3 CI runs of the reload-while-reading tests), and close()
        # must never free a connection a reader is using.  /healthz answers from the last
        # counts while a write holds the lock (counts()).
        self._rw = ReadWriteLock()
        self._writer_thread: int | None = None  # the thread inside _transaction (re-entry)
        self._last_counts: dict[str, int] | None = None
        self._db: Any = None
        self._conn: Any = None
        self._read_pool: list[Any] = []  # idle read connections
        self._read_open: list[Any] = []  # every read connection (closed by close())
        self.search_index: search_index.SearchIndex | None = None  # kept in step by _transaction
        if read_only and not self.path.exists():
            raise StoreError(f"no embedded store at {self.path} yet: run `policygraph load` first")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        keep_heap_top()  # large reads (read-model heads) reuse heap pages: see graph/heap.py
        try:
            self._db = ladybug.Database(str(self.path), read_only=read_only)
        except RuntimeError as e:
            if "lock" in str(e).lower():
                raise StoreError(_lock_message(self.path, e)) from None
            raise StoreError(
                f"cannot open the embedded store {self.path}: {str(e).splitlines()[0]}"
            ) from None
        try:
            if not read_only:
                self._ensure_schema()
            self._conn = ladybug.Connection(self._db)  # a fresh connection after DDL
            self._conn.set_max_threads_for_exec(READ_THREADS)
            # Reads have connections of their own (one per concurrent reader, reused), so
            # they never wait for another reader's long read (linking); they do wait for a
            # write transaction to commit (self._rw), which parsing and linking are not.
            self.search_index = search_index.attach(self)
        except Exception:
            self.close()
            raise

    # -- schema -------------------------------------------------------------------
    def _ensure_schema(self) -> None:
        conn = ladybug.Connection(self._db)
        try:
            for stmt in self.registry.get("schema", "schema").statements(self.engine):
                conn.execute(stmt)
        finally:
            conn.close()

    # -- loads --------------------------------------------------------------------
    def load_many(self, parsed_docs: Sequence[ParsedDocument], batch: int = LOAD_BATCH) -> list[dict[str, int]]:
        """As StoreOperations.load_many, but a first load into an EMPTY store goes through
        bulk COPY files (graph.ladybug_bulk: the same graph, one transaction, many times
        faster); anything else -- a store with data or that held some (cleared), a value
        CSV cannot carry, a document given twice -- takes the batched load."""
        docs = list(parsed_docs)
        if len(docs) > 1 and not self.read_only and not any(self.counts().values()) and self._never_written():
            rows_of = [document_rows(p) for p in docs]
            if load_anchor_steps(self, rows_of):  # progress imported first: re-anchored in the batched load
                return super().load_many(docs, batch)
            try:
                ladybug_bulk.bulk_load_rows(self, rows_of)
            except ladybug_bulk.NotBulkable as e:
                log.info("first load through the batched load: %s", e)
            else:
                return [rows_summary(r) for r in rows_of]
        return super().load_many(docs, batch)

    def _never_written(self) -> bool:
        """Whether the tables a bulk load writes never held a row (a cleared store's did).

        Why: LadybugDB leaves a cleared table's primary-key index corrupt ("Index contains
        an invalid node offset", for good, even after a reopen) when a COPY into it rolls
        back, so a failed first load into a cleared store would break the store; the
        batched load rolls back cleanly."""
        return not any(r["chunks"] for r in self.read("bulk_untouched"))

    # -- queries ------------------------------------------------------------------
    def _run(self, conn: Any, name: str, text: str, params: dict[str, Any]) -> Any:
        try:
            return conn.execute(text, params)
        except RuntimeError as e:
            raise StoreError(f"query {name} failed on ladybug: {str(e).splitlines()[0]}") from e

    def read(self, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        q = self.registry.readable(name)
        bound = q.bind(params)
        if self._writer_thread == threading.get_ident():  # a read inside this thread's own write
            return self._read(name, q.text(self.engine), bound)
        with self._rw.reading():
            return self._read(name, q.text(self.engine), bound)

    def read_now(self, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]] | None:
        """``read`` if it can start without waiting (None while a writer holds or awaits
        the lock).  Why: a keyed read of a few hundred microseconds may run on the API's
        event loop, saving the thread hop, but must never hold the loop behind an upload."""
        q = self.registry.readable(name)
        bound = q.bind(params)
        with self._rw.reading_now() as got:
            return self._read(name, q.text(self.engine), bound) if got else None

    def counts(self) -> dict[str, int]:
        """Node and relationship counts; while a write transaction runs (an upload), the
        counts last read, so a health check never waits for the upload to commit."""
        if self._last_counts is not None and self._rw.writer_active:
            return dict(self._last_counts)
        counts = super().counts()
        self._last_counts = counts
        return dict(counts)

    def _read(self, name: str, text: str, bound: dict[str, Any]) -> list[dict[str, Any]]:
        """Run one read on a pooled read connection (the caller holds the read lock)."""
        conn = self._take_reader()
        try:
            result = self._run(conn, name, text, bound)
            try:
                columns = result.get_column_names()
                return [
                    dict(zip(columns, [v if type(v) in _AS_IS else plain(v) for v in row], strict=True))
                    for row in result.get_all()
                ]
            finally:
                result.close()
        finally:
            with self._read_lock:
                if self._db is not None:
                    self._read_pool.append(conn)

    def _take_reader(self) -> Any:
        """An idle read connection, or a new one."""
        with self._read_lock:
            self._check_open()
            if self._read_pool:
                return self._read_pool.pop()
            conn = ladybug.Connection(self._db)
            conn.set_max_threads_for_exec(READ_THREADS)
            self._read_open.append(conn)
            return conn

    def write(self, name: str, params: dict[str, Any] | None = None) -> None:
        self.write_batch([(name, params or {})])

    def write_batch(self, steps: list[tuple[str, dict[str, Any]]]) -> None:
        self._transaction(self._statements(stamped(steps)))  # stale read-model records, same transaction

    def _statements(self, steps: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, str, dict[str, Any]]]:
        """Named write steps as (name, text, bound params), checked before anything runs."""
        out = []
        for name, params in steps:
            q = self.registry.get(name, "write")
            out.append((name, q.text(self.engine), q.bind(params)))
        return out

    def copy_batch(
        self, steps: list[tuple[str, dict[str, Any]]], copies: list[tuple[str, str]], folder: Path,
        search_rows: Callable[[], list[dict[str, Any]]] | None = None,
    ) -> None:
        """Run ``steps`` then the ``COPY ... FROM 'FILE'`` write queries ``copies`` (name,
        FILE) in ONE transaction, reading each FILE from ``folder``.  ``search_rows``: makes
        what ``search_index_all`` answers after the commit (the loader knows), so the
        search index is built while the store copies instead of read back afterwards.

        Why the path is spliced into the text: LadybugDB's COPY takes its source only as
        a literal, never as a parameter.  The folder is ours (a fresh temporary folder of
        graph.ladybug_bulk), never user text, and is refused if it could break the quote."""
        where = str(Path(folder).resolve())
        if any(c in where for c in "'\\\n\r"):
            raise StoreError(f"cannot COPY from {where!r}: the path holds a quote, backslash or newline")
        prepared = self._statements([*steps, bump()])  # COPY changes the graph: stale read model
        for name, file in copies:
            text = self.registry.get(name, "write").text(self.engine)
            if f"'{file}'" not in text:
                raise StoreError(f"query {name} does not COPY from '{file}'")
            prepared.append((name, text.replace(f"'{file}'", f"'{where}/{file}'"), {}))
        self._transaction(prepared, search_rows)

    def _transaction(
        self, prepared: list[tuple[str, str, dict[str, Any]]],
        search_rows: Callable[[], list[dict[str, Any]]] | None = None,
    ) -> None:
        """Run (name, text, params) statements in one transaction: all or nothing.  The
        search index (graph.search_index) is brought in step after the commit, outside
        the readers' lock: until it is, its stamp differs and a search scans instead.
        ``search_rows`` (makes a rebuild's rows, known to the caller): the index is built
        from them beside the write and committed after it."""
        if self.read_only:
            raise StoreError(f"the embedded store {self.path} is open read-only")
        search = search_index.plan(prepared) if self.search_index is not None else None
        if search is not None:  # the stamp commits with the change; the index follows after the commit
            prepared = prepared + self._statements([search.stamp_step])
        with self._lock:
            ready = None
            if search is not None and search.everything and search_rows is not None and self.search_index is not None:
                ready = self.search_index.rebuild_beside(search, search_rows)
            with self._rw.writing():
                self._writer_thread = threading.get_ident()
                try:
                    self._run_transaction(prepared)
                except BaseException:
                    if ready is not None:
                        ready.abandon()
                    raise
                finally:
                    self._writer_thread = None
            if search is not None and self.search_index is not None:
                self.search_index.apply(search, ready)

    def _run_transaction(self, prepared: list[tuple[str, str, dict[str, Any]]]) -> None:
        """The transaction itself (the caller holds the write lock)."""
        self._check_open()
        conn = self._conn
        conn.set_max_threads_for_exec(WRITE_THREADS)
        conn.execute("BEGIN TRANSACTION")
        try:
            for i, (name, text, params) in enumerate(prepared):
                if self.before_step is not None:
                    self.before_step(i, name)
                self._run(conn, name, text, params).close()
        except BaseException:
            try:
                conn.execute("ROLLBACK")
            except RuntimeError:
                pass  # already rolled back by the failing statement
            raise
        finally:
            conn.set_max_threads_for_exec(READ_THREADS)
        conn.execute("COMMIT")

    def _check_open(self) -> None:
        if self._conn is None:
            raise StoreError(f"the embedded store {self.path} is closed")

    def close(self) -> None:
        with self._lock, self._rw.writing(), self._read_lock:
            if self.search_index is not None:
                self.search_index.close()
                self.search_index = None
            for conn in self._read_open:
                conn.close()
            self._read_open.clear()
            self._read_pool.clear()
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            if self._db is not None:
                self._db.close()
                self._db = None
