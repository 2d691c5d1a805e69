"""The read model: an agency's answer kept IN the store, so an uncached answer is one keyed read.

Why: "what does 区财政局 own" is composed of a dozen named reads (ownership, progress,
cycles, four annotations) and costs tens of milliseconds for a busy agency at 1,000
documents; caches in the API process cannot help Neo4j with several workers, nor an
office asking a different agency every time.  So the composed answer is materialised
per agency in the store itself, where every worker sees it:

* ``UnitRecord {name}``: ``head_utf8`` (the head JSON: the unit row, per answer row the
  columns that filters, counts and the date-dependent progress fields need, a summary an
  unfiltered request counts from, and where each of the first rows ends; then, one per
  line, the first FIRST answer rows, so the default page is this one keyed read) and the
  freshness stamps below;
* ``UnitRecordChunk {key: name|i}``: the shaped, annotated answer rows after those, CHUNK per node,
  in answer order, one JSON text per line (``body_utf8``), so a page reads only the chunks
  it shows (a 100-row page of the busiest agency: two or three keyed reads of ~70 KB
  instead of the whole 3 MB) and can be sent without parsing its rows.

Both are UTF-8 bytes (BLOB in LadybugDB, a byte array in Neo4j), not text: a page's rows
are sent as they are stored, where a text column cost a decode into a Python str and an
encode back to UTF-8 on every read (~0.35 ms of a first page's ~1.3 ms at 1,000
documents); the first rows are cut out of the head by the offsets it carries (views,
never copies) and spliced into the answer.

Freshness (graph/read_model_stamp.py writes the stamps in the writing transaction):
``ReadModelMeta {key: 'graph'}.generation`` changes with every write that changes the
graph; ``UnitRecord.version`` with every progress write for that unit.  A record is
fresh when it was built at the generation and version current now.  Stale or missing
records are rebuilt from the named queries -- which stay the definition, and the tests
prove the two equal after every kind of write -- by the first reader, who stamps them
with what it read BEFORE building (a write landing meanwhile leaves them stale, never
wrongly fresh) and stores them in the background (a reader never waits for the write
lock, e.g. behind an upload's transaction).

Marking stale at write time costs one keyed MERGE, whatever the number of agencies;
rebuilding eagerly inside every load would cost a full pass over every agency touched
(a relink touches most of them) in the upload's transaction.  Lazy rebuild pays the
old uncached cost once per agency per change, then every further read is keyed.

The record is itself a cache, so it is read and written on the store behind any caching
wrapper (``inner``): a wrapper's read cache would hide a newly written record.
"""

from __future__ import annotations

import atexit
import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import orjson

from graph.model import StoreError
from graph.store import GraphStore

log = logging.getLogger("policygraph.read_model")

CHUNK = 50  # rows per chunk node: a page past the first rows reads 2-3 chunks of ~50 KB
FIRST = 100  # rows kept with the head (the chunks hold the rest): a first page (the default: 100) is one read
# The shape of a record (4: the first rows after the head, the rest in chunks; 5: as 4 in UTF-8
# bytes, the head carrying its first rows' ends); a record of another format is rebuilt.
FORMAT = 5
RETRIES = 3  # a rebuild racing our read (chunk of another build): read the head again

Head = dict[str, Any]
Row = dict[str, Any]
Raw = bytes | memoryview  # a stored row: its JSON in UTF-8, as stored (a view into the head for the first rows)
# (head, rows) of a record; the head may carry "detail" (stored apart: GET /units/{name})
Builder = Callable[[GraphStore, str], tuple[Head, list[Row]]]


@dataclass
class Record:
    """A fresh record: its head and a way to its rows."""

    name: str
    head: Head
    token: str
    chunks: int
    built: list[Row] | None = None  # the rows, when this reader built them itself
    first: list[Raw] | None = None  # the first FIRST rows as stored (read with the head)


class Stale(Exception):
    """The record changed under the reader (another build's chunks)."""


def backing(store: GraphStore) -> GraphStore:
    """The store behind a caching wrapper (the record must not be served from its cache)."""
    return getattr(store, "inner", store)


def state(store: GraphStore, name: str) -> str:
    """'fresh', 'stale' or 'missing': what the store holds for ``name`` now (tests, CLI).
    A record of another format (an older release's) is stale: readers rebuild it."""
    rows = backing(store).read("read_model_unit", {"name": name})
    if not rows or rows[0]["built_generation"] is None:
        return "missing"  # never built (or only marked by a progress write)
    head = rows[0]["head"]  # None: built by a release that kept it as text (format 4 and before)
    ours = head is not None and head.startswith(b'{"format":%d,' % FORMAT)  # stored format first (orjson)
    return "fresh" if _fresh(rows[0]) and ours else "stale"


def _fresh(row: dict[str, Any], what: str = "head") -> bool:
    return (row[what] is not None and row["built_generation"] == row["generation"]
            and row["built_version"] == row["version"])


def _read(store: GraphStore, name: str, params: dict[str, Any], now: bool) -> list[dict[str, Any]] | None:
    """A read-model read on the store behind any cache; with ``now``, only if the store
    can run it without waiting (``read_now``: the embedded store while no writer holds
    or awaits its lock), else None -- also on a store whose reads travel (Neo4j): the
    caller then takes the ordinary path on a thread."""
    raw = backing(store)
    if not now:
        return raw.read(name, params)
    read_now = getattr(raw, "read_now", None)
    return read_now(name, params) if read_now is not None else None


def _head_row(store: GraphStore, name: str, now: bool) -> dict[str, Any] | None:
    """``read_model_unit``'s row for ``name`` (None: no record, or no generation yet, or
    ``now`` and the store cannot read at once).  The embedded store reads the record,
    then the generation, as two keyed reads: in process they cost less than the one
    query joining them, whose plan copies the head once more (~0.15 ms against ~0.3 ms
    for a 200 KB head).  Read in that order, a record found built at the generation
    read after it saw no graph write since its build began (a generation never comes
    back), so the answer is the graph's when the record was read.  A store whose reads
    travel (Neo4j) runs the one query: one round trip."""
    raw = backing(store)
    if getattr(raw, "read_now", None) is None:  # reads travel (and never run "now")
        rows = _read(store, "read_model_unit", {"name": name}, now)
        return rows[0] if rows else None
    try:
        rows = _read(store, "read_model_record", {"name": name}, now)
    except StoreError as e:
        if getattr(raw, "read_only", False) and "head_utf8" in str(e):
            return None  # an older release's store opened read-only: upgraded by the next read-write open
        raise
    if not rows:
        return None
    meta = _read(store, "read_model_generation", {}, now)
    return rows[0] | meta[0] if meta else None


def fetch_detail(store: GraphStore, name: str, *, now: bool = False) -> dict[str, Any] | None:
    """The stored unit detail of canonical name ``name`` when fresh, else None (one keyed
    read of a small text: GET /units/{name}).  ``now``: see ``_read``."""
    rows = _read(store, "read_model_unit_detail", {"name": name}, now)
    if not rows or not _fresh(row := rows[0], "detail") or not row["detail"]:
        return None
    detail = orjson.loads(row["detail"])
    return detail if detail.get("format") == FORMAT else None


def fetch(store: GraphStore, name: str, *, now: bool = False) -> Record | None:
    """The fresh record of canonical name ``name``, or None when it has none fresh (the
    caller resolves the name, then calls ``rebuild``).  ``now``: see ``_read``."""
    row = _head_row(store, name, now)
    if row is None or not _fresh(row):
        return None
    front = unpack_head(row["head"])
    if front is None:
        return None  # another release's shape, or a head cut short: rebuilt
    head, first = front
    return Record(name, head, row["token"], int(row["chunks"] or 0), first=first)


def pack_head(head: Head, rows: list[Row]) -> tuple[Head, bytes]:
    """The head (with ``ends``: where each row ends, counted from the first row's start)
    and its stored bytes: the head JSON, then each row's JSON, one per line."""
    raw = [orjson.dumps(r) for r in rows]
    ends, at = [], 0
    for r in raw:
        at += len(r)
        ends.append(at)
        at += 1  # the newline
    head = {**head, "ends": ends}
    return head, b"\n".join([orjson.dumps(head), *raw])


def unpack_head(stored: bytes | None) -> tuple[Head, list[memoryview]] | None:
    """``pack_head`` read back: the head and its rows, each a view into ``stored`` (no
    copy, no decode); None for a head of another format or cut short."""
    if not stored:
        return None  # none stored in this format (format 4 and before kept text)
    view = memoryview(stored)
    cut = stored.find(b"\n")  # orjson escapes newlines: the first one ends the head
    try:
        head = orjson.loads(view if cut < 0 else view[:cut])
    except orjson.JSONDecodeError:
        return None  # cut short within the head
    ends = head.get("ends")
    if head.get("format") != FORMAT or not isinstance(ends, list) or len(ends) != head.get("first"):
        return None
    start = cut + 1
    if (ends[-1] if ends else -1) != (len(stored) - start if cut >= 0 else -1):
        return None  # not as long as the head says: cut short
    first, at = [], start
    for end in ends:
        first.append(view[at : start + end])
        at = start + end + 1
    return head, first


def rebuild(store: GraphStore, name: str, build: Builder, *, store_now: bool = False) -> Record:
    """Build ``name``'s record from the named queries (``build``) and store it, stamped
    with the generation and version read before building: in the background, or before
    returning with ``store_now``."""
    raw = backing(store)
    row = raw.read("read_model_stamps", {"name": name})[0]  # the stamps first: see the module docstring
    head, rows = build(store, name)
    detail = head.pop("detail", None)
    first = min(FIRST, len(rows))  # rows 0 .. first-1 go with the head, each row is stored once
    head, packed = pack_head({"format": FORMAT, **head, "first": first}, rows[:first])
    token = uuid.uuid4().hex
    rest = rows[first:]
    chunks = [rest[i : i + CHUNK] for i in range(0, len(rest), CHUNK)] or [[]]
    if not getattr(raw, "read_only", False):
        old = int(row["chunks"])
        params = {
            "name": name, "generation": row["generation"], "version": row["version"], "token": token,
            "head": packed,
            "detail": orjson.dumps({"format": FORMAT, **detail}).decode("utf-8") if detail is not None else "",
            "chunks": [{"key": _key(name, i), "body": b"\n".join(orjson.dumps(r) for r in c)}
                       for i, c in enumerate(chunks)],
            "drop": [_key(name, i) for i in range(len(chunks), old)],
        }
        if store_now:
            _put(raw, params)
        else:
            _submit(raw, params)
    return Record(name, head, token, len(chunks), built=rows)


def rebuild_later(store: GraphStore, name: str, build: Builder) -> None:
    """``rebuild`` off the request's path (a reader that does not need the rows now)."""
    raw = backing(store)
    if getattr(raw, "read_only", False):
        return
    _schedule((id(raw), name), _rebuild_quietly, store, name, build)


def _rebuild_quietly(store: GraphStore, name: str, build: Builder) -> None:
    try:
        rebuild(store, name, build, store_now=True)  # already off the request's path
    except Exception as e:  # noqa: BLE001  (the next reader rebuilds)
        log.info("read model of %s not rebuilt: %s", name, e)


def rows_at(store: GraphStore, record: Record, indices: list[int]) -> list[Row]:
    """The rows at ``indices`` (ascending) of the record, each a fresh dict the caller may
    change; Stale if a chunk belongs to another build."""
    if record.built is not None:
        return [dict(record.built[i]) for i in indices]
    return [orjson.loads(b) for b in raw_rows_at(store, record, indices)]


def raw_rows_at(store: GraphStore, record: Record, indices: list[int]) -> list[Raw]:
    """The rows at ``indices`` (ascending) as the JSON they are stored as, unparsed (an
    answer sent as it is stored: see queries.obligations.obligations_json); Stale if a
    chunk belongs to another build."""
    if record.built is not None:
        return [orjson.dumps(record.built[i]) for i in indices]
    base = int(record.head.get("first", 0))  # rows before it came with the head, the others are in chunks
    first = record.first or []
    wanted = sorted({(i - base) // CHUNK for i in indices if i >= base})
    if not wanted:
        return [first[i] for i in indices]  # a first page: read with the head
    got = backing(store).read("read_model_chunks", {"keys": [_key(record.name, c) for c in wanted]})
    bodies: dict[str, Any] = {}
    for r in got:
        if r["token"] != record.token:
            raise Stale(record.name)
        bodies[r["key"]] = r["body"]
    chunks: dict[int, list[Raw]] = {}
    for c in wanted:
        body = bodies.get(_key(record.name, c))
        if body is None:
            raise Stale(record.name)
        chunks[c] = body.split(b"\n")  # one row per line (orjson escapes newlines)
    return [first[i] if i < base else chunks[(i - base) // CHUNK][(i - base) % CHUNK] for i in indices]


def _key(name: str, i: int) -> str:
    return f"{name}|{i}"


# -- writing back, off the request's path ------------------------------------------------

_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="read-model")
_pending: dict[tuple[int, str], Future[None]] = {}
_pending_lock = threading.Lock()


def _schedule(key: tuple[int, str], fn: Callable[..., None], *args: Any) -> None:
    """Run ``fn(*args)`` on the read model's writer thread unless a job of ``key`` is on
    its way already (one build of a record at a time)."""
    with _pending_lock:
        if len(_pending) > 4096:  # forget the finished ones (settle() waits for the rest)
            for k in [k for k, f in _pending.items() if f.done()]:
                del _pending[k]
        if key in _pending and not _pending[key].done():
            return
        _pending[key] = _pool.submit(fn, *args)


def _submit(store: GraphStore, params: dict[str, Any]) -> None:
    _schedule((id(store), params["name"]), _put, store, params)


def submit_write(store: GraphStore, key: str, steps: list[tuple[str, dict[str, Any]]]) -> None:
    """Run a read-model write (``steps``) off the request's path, once per ``key`` at a
    time (queries/measure_records.py stores built measure records through it); a write
    that fails is logged: the next reader builds again."""
    _schedule((id(store), key), _write_quietly, store, steps)


def _write_quietly(store: GraphStore, steps: list[tuple[str, dict[str, Any]]], what: str = "") -> None:
    try:
        store.write_batch(steps)
    except Exception as e:  # noqa: BLE001  (a record not stored is rebuilt by the next reader)
        log.info("read model %snot stored: %s", what, str(e).splitlines()[0] if str(e) else e)


def _put(store: GraphStore, params: dict[str, Any]) -> None:
    drop = params.pop("drop")
    steps: list[tuple[str, dict[str, Any]]] = [("read_model_meta_init", {"generation": params["generation"]}),
                                               ("read_model_put_unit", params)]
    if drop:
        steps.append(("read_model_drop_chunks", {"keys": drop}))
    _write_quietly(store, steps, f"of {params['name']} ")


def settle(timeout: float | None = 60) -> None:
    """Wait until every record built so far is stored (tests, benchmarks, the CLI)."""
    with _pending_lock:
        futures = list(_pending.values())
        _pending.clear()
    for f in futures:
        f.result(timeout=timeout)


def _settle_at_exit() -> None:
    try:
        settle(10)
    except Exception:  # noqa: BLE001  (at exit a record not stored is simply rebuilt next time)
        pass


atexit.register(_settle_at_exit)
