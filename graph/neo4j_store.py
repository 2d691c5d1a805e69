"""The production store: a Neo4j server (5.26 LTS or newer) through the official driver.

One Driver per store (it pools connections and is thread-safe).  Reads run in read
transactions (``execute_read``: routed to readers on a cluster), writes in write
transactions (``execute_write``); both retry on transient errors, so every write
function here is idempotent (MERGE, and delete-then-recreate of a document's own
edges).  URIs: bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc://
(routing: clusters and Aura) all work unchanged; the database is ``settings.neo4j_database``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neo4j import GraphDatabase, NotificationDisabledClassification
from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable, SessionExpired

from graph.model import StoreError
from graph.read_model_stamp import stamped
from graph.registry import Registry, get_registry
from graph.rwlock import ReadWriteLock
from graph.store_ops import StoreOperations
from graph.values import plain

StepHook = Callable[[int, str], None]

# Nodes (or relationships) per transaction of clear(); ~10 MB of transaction state each.
CLEAR_SLICE = 10_000


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
    ) -> None:
        self.uri = uri
        self.database = database
        self.read_only = read_only
        self.registry = registry or get_registry()
        self.before_step: StepHook | None = None  # test hook: called before each step of a batch
        self._lock = ReadWriteLock()  # this process's reads never see its own reload half-done
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

    def read(self, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        q = self.registry.readable(name)
        bound = q.bind(params)
        text = q.text(self.engine)

        def work(tx: Any) -> list[dict[str, Any]]:
            result = tx.run(text, bound)
            keys = result.keys()
            return [{k: plain(rec[k]) for k in keys} for rec in result]

        try:
            with self._lock.reading(), self._session(read=True) as s:
                return s.execute_read(work)
        except (Neo4jError, ServiceUnavailable, SessionExpired) as e:
            raise self._errors(name, e) from e

    def write(self, name: str, params: dict[str, Any] | None = None) -> None:
        self.write_batch([(name, params or {})])

    def write_batch(self, steps: list[tuple[str, dict[str, Any]]]) -> None:
        self._write_steps(stamped(steps))  # stale read-model records, same transaction

    def _write_steps(self, steps: list[tuple[str, dict[str, Any]]]) -> int:
        """Run the steps in one write transaction; the nodes plus relationships deleted."""
        if self.read_only:
            raise StoreError(f"the Neo4j store at {self.uri} is open read-only")
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
            while self._write_steps([(name, {"limit": CLEAR_SLICE})]):
                pass

    def close(self) -> None:
        self._driver.close()
