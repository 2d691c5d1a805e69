"""The embedded store's search index: an SQLite file beside the LadybugDB store.

Why: ``/measures?q=`` asks which measure texts contain some words.  LadybugDB has no
text index, so the named query ``search_hits`` checks every measure (688 ms at 1,000
documents).  This index answers the same question from postings: every 1- and 2-gram
of each text is a term of an FTS5 table (graph/search_terms.py), so a word of any
length -- one Han character, a pair, a phrase, digits, Latin -- finds its candidates
through terms every matching text holds; words of 3+ characters are then checked in the
texts (a one-word search: in memory, ``Texts``; several words: ``instr``).  The answer
(rows, ranking, order) is the named query's; tests compare both.

Kept in step by the store's write path (graph/ladybug_store.py ``_transaction``):

* ``plan(steps)`` says which documents a write touches (``DOC_STEPS``), or that it may
  touch anything (``EVERYTHING``: clears, bulk COPY, any write not classified); a
  ``search_stamp_set`` step with a fresh stamp is added to the write's transaction;
* after the commit, ``apply(plan)`` re-reads those documents' measures from the store
  (``search_index_rows``, or ``search_index_all``) and replaces them here, then writes
  the same stamp;
* a first load (bulk COPY) hands the rows it writes to ``rebuild_beside``, which fills
  the index on a thread while the store copies, and ``apply`` commits that instead.

A crash between the two commits leaves different stamps in the store and here: the
index is then stale, ``hits`` says so (None) and the caller runs the named query; a
read-write open rebuilds it.  Same when another process wrote the store.  SQLite
(standard library, WAL) lets searches read while the index is being updated.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from graph.search_terms import fts_match, needs_check, text_tokens

log = logging.getLogger("policygraph.search")

VERSION = "3"  # bump when the layout or the terms change: an index of another version is rebuilt

# Write steps that change what search reads (measure text/keys, task and document titles),
# with the documents they touch (from their parameters).
DOC_STEPS: dict[str, Callable[[dict[str, Any]], Iterable[str]]] = {
    "load_document": lambda p: [p["id"]],
    "load_documents": lambda p: [r["id"] for r in p["rows"]],
    "load_tasks": lambda p: [r["document_id"] for r in p["rows"]],
    "load_measures": lambda p: [r["document_id"] for r in p["rows"]],
    "load_prune_tasks": lambda p: [d["id"] for d in p["documents"]],
    "load_prune_measures": lambda p: [d["id"] for d in p["documents"]],
    "load_clear_has_measure": lambda p: p["document_ids"],
}
# Steps that may change any document: the index is rebuilt from the store.
EVERYTHING = frozenset({
    "clear_all", "clear_some", "clear_some_rels",
    "bulk_copy_document", "bulk_copy_task", "bulk_copy_measure", "bulk_copy_has_task", "bulk_copy_has_measure",
})
# Writes that never change a measure's text, keys, task or document title (checked to
# cover every write query: tests/search/test_search_index.py).  A write named nowhere
# (a bench-only loader, a query added later) counts as EVERYTHING: correct, only slow.
UNRELATED = frozenset({
    "bulk_copy_collective_of", "bulk_copy_deadline", "bulk_copy_due", "bulk_copy_government",
    "bulk_copy_has_target", "bulk_copy_jointly_responsible", "bulk_copy_leads", "bulk_copy_member_of",
    "bulk_copy_supports", "bulk_copy_target", "bulk_copy_unit",
    "document_set_report_cycle", "load_document_years",
    "link_branches", "link_clear_branches", "link_clear_counterparts", "link_clear_documents",
    "link_clear_measures", "link_clear_stubs", "link_clear_targets", "link_clear_tasks", "link_counterparts",
    "link_documents", "link_measures", "link_pending_clear", "link_pending_mark", "link_stubs", "link_targets",
    "link_tasks", "link_clear_pair_documents", "link_clear_pair_tasks", "link_clear_pair_measures",
    "link_clear_pair_targets", "link_clear_stub_ids", "link_clear_unit_counterparts", "link_clear_unit_branches",
    "load_clear_due", "load_clear_responsibilities", "load_collective_of", "load_deadlines", "load_due",
    "load_gc_deadlines", "load_governments", "load_jointly_responsible", "load_leads", "load_member_of",
    "load_prune_targets", "load_supports", "load_target_ranges", "load_targets", "load_units",
    "progress_anchor_clear", "progress_anchor_write", "progress_append", "progress_set_percent",
    "token_create", "token_revoke", "link_decision_append",
    "load_targets_stale",
    "read_model_bump", "read_model_touch_units", "read_model_put_unit", "read_model_drop_chunks",
    "read_model_meta_init", "read_model_put_measures",
    "load_has_measure",  # always beside load_measures, whose rows name the documents
    "search_stamp_set",
})

_SCHEMA = """
PRAGMA journal_mode=WAL;
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hit(
    rid INTEGER PRIMARY KEY, doc TEXT NOT NULL, tkey INTEGER NOT NULL, id TEXT NOT NULL, document_id TEXT,
    number INTEGER, clause INTEGER, task_number INTEGER, deadline_date TEXT);
CREATE INDEX IF NOT EXISTS hit_doc ON hit(doc);
CREATE INDEX IF NOT EXISTS hit_id ON hit(id);
CREATE TABLE IF NOT EXISTS hit_text(rid INTEGER PRIMARY KEY, text TEXT);
CREATE TABLE IF NOT EXISTS title(tkey INTEGER PRIMARY KEY, doc TEXT NOT NULL, task_title TEXT, document_title TEXT);
CREATE INDEX IF NOT EXISTS title_doc ON title(doc);
CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5(tokens, content='', detail=none, columnsize=0);
CREATE VIRTUAL TABLE IF NOT EXISTS title_grams USING fts5(tokens, content='', detail=none, columnsize=0);
"""
# Why three tables: the sort keys of every hit are read (narrow rows: a few thousand hits
# cost a few ms), the text only where a word must be checked or a phrase of several words
# ranked, and the titles once per task (the tasks whose title holds the phrase, tier 0).
_KEYS = ("id", "document_id", "number", "clause", "task_number", "deadline_date")
# The named query's ranking and order (queries/read/search_hits.cypher), NULLs last as in Cypher.
_HITS = """
WITH titled AS (SELECT t.tkey FROM title_grams g JOIN title t ON t.tkey = g.rowid
                WHERE title_grams MATCH :tmatch AND (instr(t.task_title, :phrase) OR instr(t.document_title, :phrase)))
SELECT h.id, h.document_id, h.number, h.clause, h.task_number, h.deadline_date,
       CASE WHEN h.tkey IN titled THEN 0 WHEN instr(x.text, :phrase) THEN 1 ELSE 2 END AS tier
FROM grams JOIN hit h ON h.rid = grams.rowid JOIN hit_text x ON x.rid = h.rid
WHERE grams MATCH :match {checks}
ORDER BY tier, h.document_id IS NULL, h.document_id, h.number IS NULL, h.number, h.clause IS NULL, h.clause, h.id
LIMIT :limit OFFSET :offset
"""
# How many hits (at most :cap): words of 1-2 characters are exact terms, no row to check.
_COUNT = "SELECT count(*) FROM (SELECT 1 FROM grams WHERE grams MATCH :match LIMIT :cap)"
_COUNT_CHECKED = """SELECT count(*) FROM (SELECT 1 FROM grams JOIN hit_text x ON x.rid = grams.rowid
WHERE grams MATCH :match {checks} LIMIT :cap)"""
HIT_KEYS = ("id", "document_id", "number", "clause", "task_number", "deadline_date", "tier")
# The named query's document order (tier aside), computed once per index state: see Order.
_ORDER = """SELECT rid, tkey FROM hit
ORDER BY document_id IS NULL, document_id, number IS NULL, number, clause IS NULL, clause, id"""
# Keys as one comma-separated text (group_concat), parsed by numpy in C: a Python tuple
# per row cost more than the query (10,000 hits: 8 ms against 2).  group_concat's own
# separator (no second argument, evaluated per row) is 10% faster than ' '.
_TITLED = """SELECT group_concat(t.tkey) FROM title_grams g JOIN title t ON t.tkey = g.rowid
WHERE title_grams MATCH :tmatch AND (instr(t.task_title, :phrase) OR instr(t.document_title, :phrase))"""
_TITLED_EXACT = "SELECT group_concat(rowid) FROM title_grams WHERE title_grams MATCH :tmatch"  # 1-2 characters
_CANDIDATES = "SELECT group_concat(rowid) FROM grams WHERE grams MATCH :match"
_TEXTS = """SELECT group_concat(rid), group_concat(length(coalesce(text, ''))),
group_concat(coalesce(text, ''), '') FROM hit_text"""
_TEXTS_ROWS = "SELECT rid, coalesce(text, '') FROM hit_text"
# ``{marks}``: one ? per rid (PAGE_KEYS at a time; a statement per size, kept by sqlite3's
# statement cache): half the time of the page's rids as one JSON parameter (json_each).
_PAGE_KEYS = f"SELECT rid, {', '.join(_KEYS)} FROM hit WHERE rid IN ({{marks}})"
PAGE_KEYS = 500  # well under any build's limit on ? parameters (999 before SQLite 3.32)


@dataclass(frozen=True)
class Order:
    """Every hit's place in the named query's document order (``rank``, by rid) and its
    task key (``tkey``, by rid), as of index state ``stamp``.

    Why: ranking a one-word search in SQL joins every hit's row to sort it (10,000 hits
    of 项目: 15-25 ms, most of a search); with these two arrays the hits' rowids from the
    FTS table are ranked in numpy (under a millisecond) and only the page's rows are read.
    Loaded once per index state (about 0.2 s at 104,546 measures) by the first search
    after a write, per process."""

    stamp: str
    rank: np.ndarray
    tkey: np.ndarray

    @classmethod
    def load(cls, conn: sqlite3.Connection, stamp: str) -> Order:
        rows = conn.execute(_ORDER).fetchall()
        rids = np.fromiter((r for r, _ in rows), dtype=np.int64, count=len(rows))
        size = int(rids.max()) + 1 if len(rids) else 1
        rank = np.full(size, -1, dtype=np.int64)
        tkey = np.full(size, -1, dtype=np.int64)
        rank[rids] = np.arange(len(rids), dtype=np.int64)
        tkey[rids] = np.fromiter((k for _, k in rows), dtype=np.int64, count=len(rows))
        return cls(stamp, rank, tkey)

    def tiers(self, titled: np.ndarray) -> np.ndarray:
        """Each task key's tier (0: one of ``titled``, else 1), indexed by task key (the
        last place stands for a rid without a task: -1).  Why not ``np.isin`` on the
        hits: a lookup table is one gather, 3x faster on 25,000 hits."""
        size = int(self.tkey.max()) + 2 if len(self.tkey) else 2
        table = np.ones(size, dtype=np.int64)
        table[titled[(titled >= 0) & (titled < size - 1)]] = 0
        return table


@dataclass(frozen=True)
class Texts:
    """Every measure text of index state ``stamp`` in one string (``joined``), each
    text at ``start[rid]:end[rid]`` (0:0 for a rid that holds none).

    Why: a word of 3+ characters is found through its pairs, which a text may hold
    apart, so each candidate is checked for the word.  ``instr`` in SQLite read every
    candidate's row (3,000 candidates of 中小企业: 6 of its 10 ms); a ``str.find`` on
    this string, bounded to the candidate's text, is the same test without the reads
    (中小企业: 2.6 ms against 8.5).  One string, not a str per text: 19 MB for the 9.5
    million characters of the 1,000-document corpus (two bytes a character; a
    character beyond the Basic Multilingual Plane anywhere doubles it) against 27 MB
    of separate objects; +24 MB RSS with the bounds.  Loaded once per index state
    (0.15 s at 104,546 measures) by the first search after a write that has such a
    word, per process."""

    stamp: str
    joined: str
    start: np.ndarray
    end: np.ndarray

    @classmethod
    def load(cls, conn: sqlite3.Connection, stamp: str) -> Texts:
        """Read every text (inside the caller's read transaction, at ``stamp``).

        Why one aggregate: SQLite joins the texts in C and Python gets one string (RSS
        +24 MB, 0.15 s); the texts read row by row cost 0.3 s and +48 MB (their separate
        objects leave the heap grown).  The three ``group_concat`` of one pass follow
        the same row order.  ``length`` stops at a NUL character: a text holding one is
        caught by the lengths' sum and the texts are then read row by row."""
        rids, lengths, joined = conn.execute(_TEXTS).fetchone()
        rid = _parsed(rids)
        size = _parsed(lengths)
        if int(size.sum()) != len(joined or ""):
            rows = conn.execute(_TEXTS_ROWS).fetchall()
            rid = np.array([r for r, _ in rows], dtype=np.int64)
            size = np.array([len(t) for _, t in rows], dtype=np.int64)
            joined = "".join(t for _, t in rows)
        return cls.at(stamp, joined or "", rid, size)

    @classmethod
    def at(cls, stamp: str, joined: str, rids: np.ndarray, lengths: np.ndarray) -> Texts:
        """The texts of ``rids`` (each ``lengths`` long, one after the other in ``joined``)."""
        top = int(rids.max()) + 1 if len(rids) else 1
        start = np.zeros(top, dtype=np.int64)
        end = np.zeros(top, dtype=np.int64)
        ends = np.cumsum(lengths)
        start[rids] = ends - lengths
        end[rids] = ends
        return cls(stamp, joined, start, end)

    def holding(self, rids: np.ndarray, words: list[str]) -> np.ndarray:
        """The ``rids`` whose text contains every one of ``words`` (as ``instr``: the
        exact characters, case and all), in their order."""
        find = self.joined.find
        bounds = zip(self.start[rids].tolist(), self.end[rids].tolist(), strict=True)
        if len(words) == 1:
            (word,) = words
            keep = [find(word, s, e) >= 0 for s, e in bounds]
        else:
            keep = [all(find(w, s, e) >= 0 for w in words) for s, e in bounds]
        return rids[np.array(keep, dtype=bool)] if keep else rids


@dataclass
class Plan:
    """What one write transaction changes for search: some documents, or everything."""

    documents: set[str] = field(default_factory=set)
    everything: bool = False
    stamp: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def stamp_step(self) -> tuple[str, dict[str, Any]]:
        return ("search_stamp_set", {"stamp": self.stamp})


def plan(steps: Iterable[tuple[str, Any, dict[str, Any]]]) -> Plan | None:
    """The search side of a write of (name, text, params) steps; None if it changes nothing searched."""
    out = Plan()
    touched = False
    for name, _text, params in steps:
        if name in UNRELATED:
            continue
        touched = True
        if name in DOC_STEPS:
            out.documents.update(DOC_STEPS[name](params))
        else:
            out.everything = True
    return out if touched else None


class Rebuild:
    """An index rebuild running on its own thread beside the store's write
    (``SearchIndex.rebuild_beside``), its SQLite transaction left open until the store's
    write ends: ``commit`` after the store committed, ``abandon`` if it did not."""

    def __init__(self, conn: sqlite3.Connection, build: Callable[[], None]) -> None:
        self._conn = conn
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(build,), name="search-rebuild", daemon=True)
        self._thread.start()

    def _run(self, build: Callable[[], None]) -> None:
        try:
            build()
        except BaseException as e:  # noqa: BLE001  (reported by commit: the caller rebuilds from the store)
            self._error = e

    def commit(self) -> bool:
        """Wait for the build and commit it; False (nothing committed, logged) if it failed."""
        self._thread.join()
        if self._error is None:
            try:
                self._conn.execute("COMMIT")
                return True
            except sqlite3.Error as e:
                self._error = e
                self._rollback()
        log.warning("search index rebuilt beside the load failed (%s); rebuilding from the store", self._error)
        return False

    def abandon(self) -> None:
        """Wait for the build and roll it back: the store's write failed (its error is the
        one the caller sees, never one of the index's)."""
        self._thread.join()
        if self._error is None:
            self._rollback()

    def _rollback(self) -> None:
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error as e:  # the open transaction dies with the connection; searches scan meanwhile
            log.warning("search index rollback failed: %s", e)


class SearchIndex:
    """The SQLite index of one embedded store (``store``: its LadybugStore)."""

    def __init__(self, path: Path, store: Any) -> None:
        self.path = path
        self.store = store
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()
        self._writer: sqlite3.Connection | None = None
        # The store's stamp as this process last committed it (a read-write store: no other
        # process writes it, so no read is needed per search); None: read it from the store.
        self.expected: str | None = None
        self._order: Order | None = None  # replaced whole (readers on other threads keep theirs)
        self._texts: Texts | None = None  # the same, loaded by the first search that checks a word

    # -- connections ----------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        with self._conns_lock:
            self._conns.append(conn)
        return conn

    def _reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    def _write(self) -> sqlite3.Connection:
        if self._writer is None:
            conn = self._connect()
            columns = {row[1] for row in conn.execute("PRAGMA table_info(hit)")}
            if self._meta(conn).get("version", VERSION) != VERSION or (columns and "tkey" not in columns):
                for table in ("grams", "title_grams", "hit", "hit_text", "title", "meta"):  # another layout: start afresh
                    conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.executescript(_SCHEMA)
            self._writer = conn
        return self._writer

    def close(self) -> None:
        with self._conns_lock:
            for conn in self._conns:
                conn.close()
            self._conns.clear()
        self._writer = None
        self._local = threading.local()

    # -- state ----------------------------------------------------------------------
    def _meta(self, conn: sqlite3.Connection) -> dict[str, str]:
        try:
            return dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error:
            return {}

    def store_stamp(self) -> str:
        if self.expected is not None:
            return self.expected
        rows = self.store.read("search_stamp")
        return rows[0]["stamp"] if rows else ""

    def fresh(self) -> bool:
        """Whether this index holds exactly what the store holds (same stamp and version)."""
        meta = self._meta(self._reader())
        return meta.get("version") == VERSION and meta.get("stamp") == self.store_stamp()

    # -- writes (under the store's write lock) ----------------------------------------
    def open_for_writes(self) -> None:
        """At a read-write open: rebuild the index unless it is fresh.  A store that has
        no stamp yet (new, or loaded before this index existed) gets one first."""
        self._write()
        if not self.store.read("search_stamp"):
            p = Plan(everything=True)
            self.store.write_batch([p.stamp_step])
            self.apply(p)
        elif not self.fresh():
            self.apply(Plan(everything=True, stamp=self.store_stamp()))
        self.expected = self.store_stamp()

    def apply(self, p: Plan, ready: Rebuild | None = None) -> None:
        """After the store committed a write planned by ``plan``: copy what it changed
        and write its stamp (or commit ``ready``, the same built beside the write).  A
        failure leaves the index stale (searches scan)."""
        if self.expected is not None:
            self.expected = p.stamp  # committed in the store: searches now want this stamp
        try:
            if ready is None or not ready.commit():
                self._apply(p)
        except Exception:  # noqa: BLE001  (the store's write is committed: never undo it for the index)
            log.exception("search index %s not updated; searches scan until the next read-write open", self.path)

    def rebuild_beside(self, p: Plan, rows: Callable[[], list[dict[str, Any]]]) -> Rebuild | None:
        """Start replacing the whole index with ``rows()`` (what ``search_index_all`` will
        answer once the store's write commits) on a thread, in an SQLite transaction left
        open; ``apply(p, ready)`` commits it after the store's commit, ``Rebuild.abandon``
        rolls it back if the store's write fails.

        Why: a first load (bulk COPY) knows every row it writes.  Building the index from
        them while LadybugDB copies (its statements let the GIL go) hides the index's 10-18 s
        at 1,000 documents inside the load, instead of reading every text back afterwards.
        Readers meanwhile see the old index (WAL) under the old stamp."""
        try:
            conn = self._write()
        except sqlite3.Error as e:  # the index must never stop the load: apply() tries again after it
            log.warning("search index %s not built beside the load: %s", self.path, e)
            return None
        return Rebuild(conn, lambda: self._replace(conn, p, rows(), set()))

    def _apply(self, p: Plan) -> None:
        conn = self._write()
        if p.everything:
            rows = self.store.read("search_index_all")
            docs: set[str] = set()
        else:
            docs = set(p.documents)
            new = self.store.read("search_index_rows", {"ids": sorted(docs)})
            # a measure id now under these documents may still be indexed under another one
            moved = self._docs_of(conn, {r["id"] for r in new}) - docs
            rows = new + (self.store.read("search_index_rows", {"ids": sorted(moved)}) if moved else [])
            docs |= moved
        self._replace(conn, p, rows, docs)
        conn.execute("COMMIT")

    def _replace(self, conn: sqlite3.Connection, p: Plan, rows: list[dict[str, Any]], docs: set[str]) -> None:
        """Replace everything (``p.everything``) or ``docs``' rows with ``rows`` and write
        ``p``'s stamp, in a transaction this leaves open for the caller to commit (rolled
        back if anything fails)."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            if p.everything:
                for table in ("hit", "hit_text", "title"):
                    conn.execute(f"DELETE FROM {table}")  # noqa: S608  (our table names)
                conn.execute("INSERT INTO title_grams(title_grams) VALUES('delete-all')")
                conn.execute("INSERT INTO grams(grams) VALUES('delete-all')")
            else:
                self._delete_documents(conn, docs)
            self._insert(conn, rows)
            conn.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)",
                             [("stamp", p.stamp), ("version", VERSION)])
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _docs_of(self, conn: sqlite3.Connection, ids: set[str]) -> set[str]:
        out: set[str] = set()
        chunk = sorted(ids)
        for i in range(0, len(chunk), 500):
            part = chunk[i : i + 500]
            marks = ",".join("?" * len(part))
            out.update(d for (d,) in conn.execute(f"SELECT DISTINCT doc FROM hit WHERE id IN ({marks})", part))
        return out

    def _delete_documents(self, conn: sqlite3.Connection, docs: set[str]) -> None:
        for doc in docs:
            old = conn.execute("SELECT h.rid, x.text FROM hit h JOIN hit_text x ON x.rid = h.rid WHERE h.doc = ?",
                               (doc,)).fetchall()
            conn.executemany("INSERT INTO grams(grams, rowid, tokens) VALUES('delete', ?, ?)",
                             [(rid, text_tokens(text)) for rid, text in old])
            conn.executemany("DELETE FROM hit_text WHERE rid = ?", [(rid,) for rid, _ in old])
            conn.execute("DELETE FROM hit WHERE doc = ?", (doc,))
            titles = conn.execute("SELECT tkey, task_title, document_title FROM title WHERE doc = ?", (doc,)).fetchall()
            conn.executemany("INSERT INTO title_grams(title_grams, rowid, tokens) VALUES('delete', ?, ?)",
                             [(k, _title_tokens(t, d)) for k, t, d in titles])
            conn.execute("DELETE FROM title WHERE doc = ?", (doc,))

    def _insert(self, conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
        start = conn.execute("SELECT coalesce(max(rid), 0) FROM hit").fetchone()[0] + 1
        grams = _tokenised([r["text"] for r in rows])  # under way on another thread while the rows go in
        tkeys: dict[tuple[Any, ...], int] = {}
        next_tkey = conn.execute("SELECT coalesce(max(tkey), 0) FROM title").fetchone()[0] + 1
        for r in rows:
            tkeys.setdefault((r["doc"], r["task_title"], r["document_title"]), next_tkey + len(tkeys))
        conn.executemany("INSERT INTO title(tkey, doc, task_title, document_title) VALUES (?, ?, ?, ?)",
                         [(k, *t) for t, k in tkeys.items()])
        conn.executemany("INSERT INTO title_grams(rowid, tokens) VALUES (?, ?)",
                         [(k, _title_tokens(t[1], t[2])) for t, k in tkeys.items()])
        conn.executemany(
            f"INSERT INTO hit(rid, doc, tkey, {', '.join(_KEYS)}) VALUES (?, ?, ?{', ?' * len(_KEYS)})",
            [(start + i, r["doc"], tkeys[(r["doc"], r["task_title"], r["document_title"])], *(r[c] for c in _KEYS))
             for i, r in enumerate(rows)],
        )
        conn.executemany("INSERT INTO hit_text(rid, text) VALUES (?, ?)",
                         [(start + i, r["text"]) for i, r in enumerate(rows)])
        at = start
        for tokens in grams:
            conn.executemany("INSERT INTO grams(rowid, tokens) VALUES (?, ?)", zip(range(at, at + len(tokens)), tokens, strict=True))
            at += len(tokens)

    # -- reads ----------------------------------------------------------------------
    def hits(self, words: list[str], phrase: str, limit: int) -> list[dict[str, Any]] | None:
        """The named query ``search_hits``'s rows (keys, filter columns, tier; ranked),
        or None when the index is stale (the caller then runs the named query)."""
        got = self.page(words, phrase, limit, 0, limit, count=False)
        return None if got is None else got[1]

    def page(
        self, words: list[str], phrase: str, limit: int, offset: int, cap: int, count: bool = True
    ) -> tuple[int, list[dict[str, Any]]] | None:
        """Of the first ``cap`` ranked hits, how many there are and the rows
        ``offset .. offset + limit`` -- without carrying the others out of SQLite; None
        when the index is stale."""
        if not words:
            raise ValueError("a search needs at least one word")
        stamp = self.store_stamp()
        conn = self._reader()
        conn.execute("BEGIN")  # one snapshot for the stamp, the count and the rows
        try:
            meta = self._meta(conn)
            if meta.get("version") != VERSION or meta.get("stamp") != stamp:
                return None
            checked = [w for w in words if needs_check(w)]
            checks = "".join(f" AND instr(x.text, :w{i})" for i in range(len(checked)))
            params: dict[str, Any] = {"match": fts_match(words), "tmatch": fts_match([phrase]), "phrase": phrase,
                                      **{f"w{i}": w for i, w in enumerate(checked)}}
            if len(words) == 1:  # every hit holds the phrase: tier 0 (titled) or 1, ranked in numpy
                return self._ranked_page(conn, meta["stamp"], phrase, checked, params, limit, offset, cap, count)
            # several words: tier 1 holds them as one phrase, tier 2 apart (the text is checked)
            params.update({"cap": cap, "limit": max(0, min(limit, cap - offset)), "offset": offset})
            total = -1
            if count:
                sql = _COUNT_CHECKED if checked else _COUNT
                total = conn.execute(sql.format(checks=checks), params).fetchone()[0]
            sql = _HITS.format(checks=checks)
            rows = conn.execute(sql, params).fetchall() if total else []
        finally:
            conn.execute("COMMIT")
        return total, [dict(zip(HIT_KEYS, r, strict=True)) for r in rows]

    def _ranked_page(
        self, conn: sqlite3.Connection, stamp: str, phrase: str, checked: list[str], params: dict[str, Any],
        limit: int, offset: int, cap: int, count: bool,
    ) -> tuple[int, list[dict[str, Any]]]:
        """``page`` for a one-word search (inside its read transaction): the hits' rowids
        from the FTS table (a ``checked`` word's candidates kept where ``Texts`` holds
        it), ranked by (tier, document order) with ``Order``; only the page's rows are
        read.  The same rows and order as ``_HITS``."""
        order = self._order
        if order is None or order.stamp != stamp:
            order = self._order = Order.load(conn, stamp)
        rids = _keys(conn, _CANDIDATES, params)
        if checked and len(rids):
            rids = self._texts_at(conn, stamp).holding(rids, checked)
        total = min(len(rids), cap) if count else -1
        size = max(0, min(limit, cap - offset))
        if not len(rids) or not size or offset >= len(rids):
            return total, []
        titled = _keys(conn, _TITLED if needs_check(phrase) else _TITLED_EXACT, params)  # a 1-2 character title term is exact
        tier = order.tiers(titled)[order.tkey[rids]]
        key = tier * len(order.rank) + order.rank[rids]  # tier first, then document order
        end = min(offset + size, len(rids))
        top = np.argpartition(key, end - 1)[:end] if end < len(rids) else np.arange(len(rids))
        chosen = top[np.argsort(key[top], kind="stable")][offset:end]
        picked = [int(r) for r in rids[chosen]]
        by_rid = _page_keys(conn, picked)
        out = []
        for rid, t in zip(picked, tier[chosen].tolist(), strict=True):
            out.append(dict(zip(HIT_KEYS, (*by_rid[rid], t), strict=True)))
        return total, out

    def _texts_at(self, conn: sqlite3.Connection, stamp: str) -> Texts:
        """The texts of index state ``stamp`` (loaded inside the caller's read transaction)."""
        texts = self._texts
        if texts is None or texts.stamp != stamp:
            texts = self._texts = Texts.load(conn, stamp)
        return texts


TOKENISED = 4096  # texts per chunk tokenised apart (a full build: 26 chunks at 1,000 documents)
_tokeniser = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-tokens")


def _tokenised(texts: list[str]) -> Iterator[list[str]]:
    """The texts' terms (``text_tokens``), chunk by chunk, in order (every chunk is
    submitted now, so the work starts before the caller asks for the first).

    Why a thread: tokenising is Python (it holds the GIL), inserting into FTS5 is SQLite's
    C (the sqlite3 module lets the GIL go while a statement steps), so while one chunk is
    inserted the next is tokenised: a full build uses both cores.  A few texts (an
    upload's) are tokenised on the spot."""
    if len(texts) <= TOKENISED:
        return iter([[text_tokens(t) for t in texts]])
    futures = [_tokeniser.submit(lambda part: [text_tokens(t) for t in part], texts[i : i + TOKENISED])
               for i in range(0, len(texts), TOKENISED)]
    return (f.result() for f in futures)


def _keys(conn: sqlite3.Connection, sql: str, params: dict[str, Any]) -> np.ndarray:
    """The integers a ``group_concat(…)`` query answers, as an array."""
    return _parsed(conn.execute(sql, params).fetchone()[0])


def _parsed(text: str | None) -> np.ndarray:
    """The integers of a ``group_concat(…)`` (comma-separated; None: none), as an array."""
    return np.fromstring(text, dtype=np.int64, sep=",") if text else np.zeros(0, dtype=np.int64)


def _page_keys(conn: sqlite3.Connection, rids: list[int]) -> dict[int, tuple[Any, ...]]:
    """The sort keys (``_KEYS``) of each of ``rids``, by rid."""
    out: dict[int, tuple[Any, ...]] = {}
    for i in range(0, len(rids), PAGE_KEYS):
        part = rids[i : i + PAGE_KEYS]
        out.update((r[0], r[1:]) for r in conn.execute(_PAGE_KEYS.format(marks=",".join("?" * len(part))), part))
    return out


def _title_tokens(task_title: str | None, document_title: str | None) -> str:
    """The terms of a task's titles (its own and its document's): tier 0 is found through them."""
    return f"{text_tokens(task_title)} {text_tokens(document_title)}".strip()


def index_path(store_path: Path) -> Path:
    """Where the index of the embedded store at ``store_path`` lives: beside it."""
    return store_path.with_name(store_path.name + ".search.sqlite")


def attach(store: Any) -> SearchIndex | None:
    """The search index of a LadybugStore: opened (and rebuilt if stale) for a
    read-write store; for a read-only one, used if it exists (searches check that it
    is fresh), else None (searches run the named query)."""
    path = index_path(store.path)
    if store.read_only:
        return SearchIndex(path, store) if path.exists() else None
    index = SearchIndex(path, store)
    try:
        index.open_for_writes()
    except sqlite3.Error as e:  # an unusable file must not keep the store from opening: searches scan
        log.warning("search index %s unusable (%s); searches scan", path, e)
        index.close()
        store.write_batch([Plan().stamp_step])  # whatever the file holds no longer matches the store
        return None
    return index
