"""A small readers-writer lock (many readers or one writer, writers first).

Why: a Neo4j read query runs at read-committed isolation, so a query that walks a
document while that document's reload commits can count part of the old and part of
the new version.  Within one process (the API server, the CLI) the store serialises
its own reloads against its own reads with this lock, so no reader of that process
sees a torn document.  Across processes (several API workers sharing one Neo4j) this
does not help: there, reloads should go through one loader process at a quiet time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ReadWriteLock:
    """Shared for readers, exclusive for writers, fair both ways.

    A waiting writer blocks new readers (writers are not starved), and the readers that
    waited during a write go before the next writer (readers are not starved either)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._writers_waiting = 0
        self._readers_waiting = 0
        self._readers_turn = False  # set when a writer leaves with readers waiting

    @property
    def writer_active(self) -> bool:
        """Whether a writer holds the lock or waits for it (a new reader would wait)."""
        with self._cond:
            return self._writer or self._writers_waiting > 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            self._readers_waiting += 1
            try:
                while self._writer or (self._writers_waiting and not self._readers_turn):
                    self._cond.wait()
            finally:
                self._readers_waiting -= 1
            self._readers += 1
            if self._readers_waiting == 0:
                self._readers_turn = False
        try:
            yield
        finally:
            self._leave_reading()

    @contextmanager
    def reading_now(self) -> Iterator[bool]:
        """``reading`` if it needs no wait (yields True), else nothing held (yields False):
        for a read on an event loop, which must never wait behind a writer."""
        with self._cond:
            got = not (self._writer or self._writers_waiting or self._readers_turn)
            if got:
                self._readers += 1
        try:
            yield got
        finally:
            if got:
                self._leave_reading()

    def _leave_reading(self) -> None:
        with self._cond:
            self._readers -= 1
            if self._readers == 0:
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writer or self._readers or self._readers_turn:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._readers_turn = self._readers_waiting > 0
                self._cond.notify_all()
