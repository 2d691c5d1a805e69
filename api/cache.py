"""Caches for the API: read results per (query, params) and whole JSON responses per URL.

Why: a dashboard asks the same questions over and over ("what does 区财政局 own"), and
one obligations answer costs six queries plus ~170 KB of JSON (about 20 ms of one
core), while the graph only changes when a document is loaded or the levels linked.

Correctness rule: **never serve an answer computed before the last write committed.**
Every cache entry is tagged with the store *generation*; ``CachedStore`` bumps it when
a write starts and again when it ends, and nothing is served from or stored into a
cache while a write is in flight.  A result is stored only if the generation did not
move while it was computed, so a read that raced a write is used once and dropped.

Only sound when every write goes through this process (the embedded store, held
read-write by the server); ``create_app`` turns it off for Neo4j (other workers or the
CLI may write) and for a read-only embedded store (another process writes).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def _freeze(value: Any) -> Any:
    """A hashable key for plain parameter values (lists and dicts included)."""
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(_freeze(v) for v in value)
    return value


def _copy(value: Any) -> Any:
    """A deep copy of plain JSON values (callers may mutate the rows they get)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


class LRU:
    """A bounded LRU map (entries and total size), thread-safe."""

    def __init__(self, max_entries: int, max_bytes: int | None = None) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0
        self._data: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            hit = self._data.get(key)
            if hit is None:
                return None
            self._data.move_to_end(key)
            return hit[0]

    def put(self, key: Any, value: Any, size: int = 0) -> None:
        if self.max_bytes is not None and size > self.max_bytes // 4:
            return  # one huge answer must not flush everything else
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self.bytes -= old[1]
            self._data[key] = (value, size)
            self.bytes += size
            while self._data and (
                len(self._data) > self.max_entries or (self.max_bytes is not None and self.bytes > self.max_bytes)
            ):
                _, (_, s) = self._data.popitem(last=False)
                self.bytes -= s

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._data)


class CachedStore:
    """A GraphStore wrapper: cached ``read``; writes delegated and bumping the generation.

    Anything else (``engine``, ``counts``' helpers, ``path``, ``registry`` …) is the inner
    store's."""

    def __init__(self, inner: Any, max_entries: int = 2048) -> None:
        self.inner = inner
        self.engine = inner.engine
        self._reads = LRU(max_entries)
        self._state = threading.Lock()
        self._generation = 0
        self._writing = 0
        self.hits = 0
        self.misses = 0
        self.on_write: list[Callable[[], None]] = []  # e.g. the response cache's clear

    # -- generation -----------------------------------------------------------------
    def token(self) -> int | None:
        """The current generation, or None while a write is in flight (cache off)."""
        with self._state:
            return None if self._writing else self._generation

    def still(self, token: int | None) -> bool:
        """True if nothing was written since ``token`` was taken (and none is in flight)."""
        return token is not None and self.token() == token

    def _write(self, fn: Callable[..., Any], *args: Any) -> Any:
        with self._state:
            self._writing += 1
            self._generation += 1
        try:
            return fn(*args)
        finally:
            with self._state:
                self._generation += 1
                self._writing -= 1
            self._reads.clear()
            for listener in self.on_write:
                listener()

    @property
    def generation(self) -> int:
        return self._generation

    # -- GraphStore -------------------------------------------------------------------
    def read(self, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        token = self.token()
        if token is None:
            return self.inner.read(name, params)
        key = (token, name, _freeze(params or {}))
        rows = self._reads.get(key)
        if rows is not None:
            self.hits += 1
            return _copy(rows)
        self.misses += 1
        rows = self.inner.read(name, params)
        if self.still(token):
            self._reads.put(key, _copy(rows))
        return rows

    def write(self, name: str, params: dict[str, Any] | None = None) -> None:
        self._write(self.inner.write, name, params)

    def write_batch(self, steps: list[tuple[str, dict[str, Any]]]) -> None:
        self._write(self.inner.write_batch, steps)

    def load(self, parsed: Any) -> dict[str, int]:
        return self._write(self.inner.load, parsed)

    def load_many(self, parsed_docs: Any, *args: Any) -> list[dict[str, int]]:
        return self._write(self.inner.load_many, parsed_docs, *args)

    def copy_batch(self, *args: Any) -> None:
        self._write(self.inner.copy_batch, *args)

    def clear(self) -> None:
        self._write(self.inner.clear)

    def counts(self) -> dict[str, int]:
        return {r["name"]: int(r["n"]) for r in self.read("counts")}

    def close(self) -> None:
        self.inner.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _today() -> str:
    import datetime as dt

    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=8)).date().isoformat()  # Beijing


class ResponseCache:
    """ASGI middleware: the bytes of 200 JSON answers to GET, keyed by URL + Accept + generation.

    A hit is answered without routing, validation, queries or JSON encoding.  Mounted
    inside CORS (so CORS headers are computed per request)."""

    def __init__(self, app: ASGIApp, store_of: Callable[[], Any], max_bytes: int = 64 * 1024 * 1024,
                 max_entries: int = 1024) -> None:
        self.app = app
        self.store_of = store_of
        self.entries = LRU(max_entries, max_bytes)
        self._listening: Any = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        store = self.store_of()
        token = store.token() if isinstance(store, CachedStore) else None
        if token is not None and self._listening is not store:
            store.on_write.append(self.entries.clear)  # free old answers at once (keys hold the generation anyway)
            self._listening = store
        if token is None:
            await self.app(scope, receive, send)
            return
        accept = b""
        for k, v in scope["headers"]:
            if k == b"accept":
                accept = v
                break
        # the day is part of the key: overdue / report due change at midnight without a write
        key = (token, _today(), scope["path"], scope.get("query_string", b""), accept)
        hit = self.entries.get(key)
        if hit is not None:
            headers, body = hit
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return

        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        cacheable = True

        async def capture(message: Message) -> None:
            nonlocal cacheable
            if message["type"] == "http.response.start":
                start.update(message)
                ctype = dict(message.get("headers") or []).get(b"content-type", b"")
                cacheable = message["status"] == 200 and ctype.startswith(b"application/json")
            elif message["type"] == "http.response.body" and cacheable:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and store.still(token):
                    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"set-cookie"]
                    body = b"".join(chunks)
                    self.entries.put(key, (headers, body), len(body) + 256)
            await send(message)

        await self.app(scope, receive, capture)
