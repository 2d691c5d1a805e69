"""A Neo4j store's search index held on the API's own host: the embedded store's SQLite
index (graph/search_index.py), filled from Neo4j and checked against Neo4j's stamp.

Why: on Neo4j a search ran the CJK full-text index, then checked, joined and ranked
every candidate on the server (``search_count`` + ``search_hits``: 22 ms of the
server's CPU per search at 100 documents).  The server is the one part every API worker
shares, so that cost capped what a second worker could add.  Here a search costs the
server one keyed read (``search_stamp``) and the page's records; the rest is SQLite and
numpy in the worker, which scales with the workers.

Freshness: every write that changes what search reads sets a new stamp in Neo4j in the
same transaction (graph/neo4j_store.py, ``search_index.plan``), whichever process makes
it.  A search reads that stamp; when this copy holds another one it answers None -- the
caller asks Neo4j's full-text index as before, the same rows -- and a refresh starts on
a thread: it reads the stamp, then every row (``search_index_all``), and stores them
under that stamp, so a write during the copy leaves it stale, never wrong.  Workers of
one host share the file; a file lock lets one of them copy while the others wait and
then find it fresh.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import threading
from pathlib import Path
from typing import Any

from graph.search_index import Plan, SearchIndex

log = logging.getLogger("policygraph.search")


class ReplicaIndex(SearchIndex):
    """The search index of a Neo4j store (``store``), kept at ``path`` on this host."""

    def __init__(self, path: Path, store: Any) -> None:
        super().__init__(path, store)
        self._started = threading.Lock()
        self._copying = threading.Lock()  # one copy at a time in this process (one writer connection)
        self._thread: threading.Thread | None = None
        self._closing = False
        self.refreshes = 0  # copies made by this process (tests, the bench)

    def page(
        self, words: list[str], phrase: str, limit: int, offset: int, cap: int, count: bool = True
    ) -> tuple[int, list[dict[str, Any]]] | None:
        """``SearchIndex.page``; when this copy is stale, None (the caller asks Neo4j) and
        a refresh on a thread."""
        got = super().page(words, phrase, limit, offset, cap, count) if self.path.exists() else None
        if got is None:
            self.refresh_soon()
        return got

    def refresh_soon(self) -> None:
        """Start ``refresh`` on a thread unless one is running (a search never waits for it)."""
        with self._started:
            if self._closing or (self._thread is not None and self._thread.is_alive()):
                return
            self._thread = threading.Thread(target=self._refresh_logged, name="search-replica", daemon=True)
            self._thread.start()

    def _refresh_logged(self) -> None:
        try:
            self.refresh()
        except Exception as e:  # noqa: BLE001  (searches keep asking Neo4j; the next one tries again)
            if not self._closing:
                log.warning("search copy %s not refreshed: %s", self.path, e)

    def refresh(self) -> bool:
        """Copy every searchable row from Neo4j if this copy is stale; True if it copied.

        The stamp is read before the rows, so rows newer than the stamp can only make the
        copy stale again.  A store without a stamp (loaded before stamps existed, opened
        read-only) is never copied: its stamp says nothing, and a copy never holds an
        empty one, so it stays stale.  Under the host's file lock: another worker that
        copied first leaves this one nothing to do."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._copying, open(self.path.with_name(self.path.name + ".lock"), "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                stamp = self.store_stamp()
                if not stamp or self.fresh():
                    return False
                self._apply(Plan(everything=True, stamp=stamp))
                self.refreshes += 1
                return True
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a refresh under way (tests; closing)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def close(self) -> None:
        with self._started:
            self._closing = True
        self.wait(30)
        super().close()


def replica_path(folder: Path, uri: str, database: str) -> Path:
    """Where this host keeps the search copy of Neo4j database ``database`` at ``uri``:
    one file per server and database, so two stores never share a copy."""
    digest = hashlib.sha256(f"{uri}\n{database}".encode()).hexdigest()[:16]
    return folder / f"neo4j-{digest}.search.sqlite"


def attach(store: Any, path: Path) -> ReplicaIndex:
    """The search copy of ``store`` at ``path``; a read-write store gets a stamp first if
    it has none (loaded before stamps), and the copy is brought up to date on a thread."""
    if not store.read_only and not store.read("search_stamp"):
        store.write_batch([Plan().stamp_step])
    index = ReplicaIndex(path, store)
    index.refresh_soon()
    return index
