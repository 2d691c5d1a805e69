"""The production store: a Neo4j server (5.26 LTS or newer) through the official driver.

One Driver per store (it pools connections and is thread-safe).  Reads run in read
transactions (``execute_read``: routed to readers on a cluster), writes in write
transactions (``execute_write``); both retry on transient errors, so every write
function here is idempotent (MERGE, and delete-then-recreate of a document's own
edges).  URIs: bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc://
(routing: clusters and Aura) all work unchanged; the database is ``settings.neo4j_database``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase, NotificationDisabledClassification
from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable, SessionExpired

from graph import search_index, search_replica
from graph.model import StoreError
from graph.read_model_stamp import stamped
from graph.registry import Registry, get_registry
from graph.rwlock import ReadWriteLock
from graph.store_ops import StoreOperations
from graph.values import plain

StepHook = Callable[[int, str], None]

# Nodes (or relationships) per transaction of clear(); ~10 MB of transaction state each.
CLEAR_SLICE = 10_000


class _ReadScope:
    """The one session that the reads of a scope share (opened at the first read, closed
    when the scope ends or a write of the same context needs the lock).  Holds this
    store's read lock while open, so the reads of one request see no reload of this
    process half-way -- as each read alone did before.

    Each read runs as an auto-commit query of that session: one round trip (RUN and
    PULL pipelined).  An explicit read transaction added a BEGIN and a closing round
    trip to every request, and bought nothing: Neo4j reads committed data either way,
    and what keeps a request's reads consistent with this process's writes is the lock."""

    def __init__(self, store: Neo4jStore) -> None:
        self.store = store
        self.guard = threading.Lock()  # a request's reads are sequential; threads it starts are not
        self._lock_cm: Any = None
        self._session: Any = None
        self.closed = False  # ended: reads that still see it (another context) go on their own

    def session(self) -> Any:
        """The open session, where a read runs (opened now if needed; the caller holds ``guard``)."""
        if self._session is None:
            cm = self.store._lock.reading()
            cm.__enter__()
            self._lock_cm = cm
            try:
                self._session = self.store._session(read=True)
            except BaseException:
                self.release()
                raise
        return self._session

    def release(self) -> None:
        """Close the session and give back the read lock; the next read of the scope
        opens them again."""
        session, lock_cm = self._session, self._lock_cm
        self._session = self._lock_cm = None
        try:
            if session is not None:
                session.close()
        except Exception:  # noqa: BLE001  (the connection goes back broken; the pool drops it)
            pass
        finally:
            if lock_cm is not None:
                lock_cm.__exit__(None, None, None)


class Neo4jStore(StoreOperations):
    """GraphStore on a Neo4j server."""

    engine = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str = "neo4j",
        *,
        read_only: bool = False,
        registry: Registry | None = None,
        ensure_schema: bool = True,
        search_copy: Path | None = None,
    ) -> None:
        """``search_copy``: a file on this host for a copy of the search index
        (graph/search_replica.py); None: searches ask Neo4j's full-text index."""
        self.uri = uri
        self.database = database
        self.read_only = read_only
        self.registry = registry or get_registry()
        self.before_step: StepHook | None = None  # test hook: called before each step of a batch
        self._lock = ReadWriteLock()  # this process's reads never see its own reload half-done
        self.search_index: search_replica.ReplicaIndex | None = None
        # The scope of the current request (session_scope), per context: a thread or task
        # of another request never sees it.
        self._scope: ContextVar[_ReadScope | None] = ContextVar(f"neo4j_scope_{id(self)}", default=None)
        try:
            self._driver = GraphDatabase.driver(
                uri,
                auth=(user, password),
                notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
            )
        except (ConfigurationError, ValueError) as e:
            raise StoreError(f"bad Neo4j URI {uri!r}: {e}") from None
        try:
            with self._session(read=True) as s:  # connectivity, credentials and database in one go
                s.run("RETURN 1").consume()
            if ensure_schema and not read_only:
                self.ensure_schema()
            if search_copy is not None:
                self.search_index = search_replica.attach(self, search_copy)
        except BaseException as e:
            self._driver.close()
            if isinstance(e, AuthError):
                raise StoreError(
                    f"Neo4j at {uri} refused user {user!r}: check NEO4J_USER/NEO4J_PASSWORD"
                ) from None
            if isinstance(e, ServiceUnavailable | SessionExpired | OSError):
                raise StoreError(f"Neo4j at {uri} is not reachable: {e}") from None
            raise

    def _session(self, read: bool) -> Any:
        return self._driver.session(database=self.database, default_access_mode="READ" if read else "WRITE")

    def ensure_schema(self) -> None:
        """Constraints, indexes and the CJK full-text index (each IF NOT EXISTS)."""
        with self._session(read=False) as s:
            for stmt in self.registry.get("schema", "schema").statements(self.engine):
                s.run(stmt).consume()

    def _errors(self, name: str, e: Exception) -> StoreError:
        if isinstance(e, ServiceUnavailable | SessionExpired):
            return StoreError(f"Neo4j at {self.uri} is not reachable: {e}")
        msg = getattr(e, "message", None) or str(e)
        return StoreError(f"query {name} failed on neo4j: {msg.splitlines()[0] if msg else e}")

    @contextmanager
    def session_scope(self) -> Iterator[None]:
        """Run the reads made inside this block (in this context: the thread or task, and
        the threads it hands work to) in ONE session, one auto-commit query each, instead
        of a session and a managed transaction each.

        Why: an answer of the read layer is several reads (rows, then annotations), and a
        session per read paid its own pool checkout, BEGIN and COMMIT round trips; the API
        opens one scope per GET request (api/session.py).  Nothing is opened until the
        first read, so an answer served from a cache costs nothing.  Nested scopes join the
        outer one.  A write inside the scope first closes the scope's session and gives
        back its read lock (a writer waits for readers: it would wait for itself), and the
        next read opens a new one.  A read that fails inside the scope drops the scope's
        session and is run once more on its own (``execute_read``, which retries transient
        errors), so a broken connection costs one retry, not the request."""
        outer = self._scope.get()
        if outer is not None and not outer.closed:
            yield
            return
        scope = _ReadScope(self)
        token = self._scope.set(scope)
        try:
            yield
        finally:
            with scope.guard:
                scope.closed = True
                scope.release()
            try:
                self._scope.reset(token)
            except ValueError:  # ended in another context (api/session.py ends it in a worker thread)
                pass  # closed: a context that still holds it reads on its own

    def read(self, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        q = self.registry.readable(name)
        bound = q.bind(params)
        text = q.text(self.engine)

        def work(tx: Any) -> list[dict[str, Any]]:
            result = tx.run(text, bound)
            keys = result.keys()
            return [{k: plain(rec[k]) for k in keys} for rec in result]

        scope = self._scope.get()
        if scope is not None:
            with scope.guard:
                if not scope.closed:
                    try:
                        return work(scope.session())
                    except (Neo4jError, ServiceUnavailable, SessionExpired, OSError):
                        scope.release()  # retried on its own below
        try:
            with self._lock.reading(), self._session(read=True) as s:
                return s.execute_read(work)
        except (Neo4jError, ServiceUnavailable, SessionExpired) as e:
            raise self._errors(name, e) from e

    def write(self, name: str, params: dict[str, Any] | None = None) -> None:
        self.write_batch([(name, params or {})])

    def write_batch(self, steps: list[tuple[str, dict[str, Any]]]) -> None:
        self._write_steps(stamped(steps))  # stale read-model records, same transaction

    def _write_steps(self, steps: list[tuple[str, dict[str, Any]]], search_stamp: bool = True) -> int:
        """Run the steps in one write transaction; the nodes plus relationships deleted.

        A write that changes what search reads also sets a new search stamp in the same
        transaction (``search_index.plan``), whichever process makes it: every host's
        search copy (graph/search_replica.py) then knows it is stale."""
        if self.read_only:
            raise StoreError(f"the Neo4j store at {self.uri} is open read-only")
        search = search_index.plan((name, None, params) for name, params in steps) if search_stamp else None
        if search is not None:
            steps = [*steps, search.stamp_step]
        prepared = []
        for name, params in steps:
            q = self.registry.get(name, "write")
            prepared.append((name, q.text(self.engine), q.bind(params)))
        current = [""]

        def work(tx: Any) -> int:
            deleted = 0
            for i, (name, text, params) in enumerate(prepared):
                current[0] = name
                if self.before_step is not None:
                    self.before_step(i, name)
                counters = tx.run(text, params).consume().counters
                deleted += counters.nodes_deleted + counters.relationships_deleted
            return deleted

        scope = self._scope.get()
        if scope is not None:  # this context's scope holds a read: the writer would wait for it
            with scope.guard:
                scope.release()
        try:
            with self._lock.writing(), self._session(read=False) as s:
                return s.execute_write(work)
        except (Neo4jError, ServiceUnavailable, SessionExpired) as e:
            raise self._errors(current[0], e) from e

    def clear(self) -> None:
        """Delete every node and relationship in slices of CLEAR_SLICE, one transaction
        each: ``clear_all`` in ONE transaction exceeds dbms.memory.transaction.total.max
        (716.8 MiB on the CI launcher) from the 100-document corpus on.  Relationships go
        first, so deleting a unit with thousands of edges is cheap.  Not atomic: a failure
        half-way leaves the store partly emptied (clearing again finishes the job)."""
        for name in ("clear_some_rels", "clear_some"):
            while self._write_steps([(name, {"limit": CLEAR_SLICE})], search_stamp=False):
                pass
        self._write_steps([search_index.Plan().stamp_step])  # once: a slice's stamp would be the next slice's node

    def close(self) -> None:
        if self.search_index is not None:
            self.search_index.close()
            self.search_index = None
        self._driver.close()
