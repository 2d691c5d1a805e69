"""The embedded store's reads and its one writer: reads share, a write transaction and
close() are exclusive (graph/ladybug_store.py), and a health check's counts never wait.

Why this shape: LadybugDB read connections running while another connection committed
crashed the process in CI (1 run in 3), and close() could free a connection a reader was
using.  These tests hold a write transaction open at a known step and look at what the
readers do meanwhile."""

from __future__ import annotations

import threading
import time
from typing import Any

from graph.ladybug_store import LadybugStore
from tests.factories import city_document


def _hold_a_write(store: LadybugStore, inside: threading.Event, release: threading.Event) -> threading.Thread:
    """Start a reload whose transaction stops at its first step until ``release``."""

    def hook(i: int, name: str) -> None:
        if i == 0:
            inside.set()
            release.wait(30)

    store.before_step = hook
    t = threading.Thread(target=store.load, args=(city_document(),), daemon=True)
    t.start()
    assert inside.wait(30), "the write never started"
    return t


def test_a_read_waits_for_the_write_and_counts_do_not(ladybug_store: LadybugStore) -> None:
    ladybug_store.load(city_document())
    before = ladybug_store.counts()
    inside, release = threading.Event(), threading.Event()
    writer = _hold_a_write(ladybug_store, inside, release)
    got: dict[str, Any] = {}

    def reader() -> None:
        got["rows"] = ladybug_store.read("counts")
        got["at"] = time.monotonic()

    try:
        t0 = time.monotonic()
        assert ladybug_store.counts() == before  # answered at once, from the last counts
        assert time.monotonic() - t0 < 5
        r = threading.Thread(target=reader, daemon=True)
        r.start()
        r.join(0.5)
        assert r.is_alive(), "a read ran while a write transaction was open"
        released = time.monotonic()
    finally:
        release.set()
        writer.join(30)
        ladybug_store.before_step = None
    r.join(30)
    assert got["at"] >= released and got["rows"]
    assert ladybug_store.counts() == before  # the same document again: the same counts


def test_close_waits_for_the_write_to_end(ladybug_store: LadybugStore) -> None:
    inside, release = threading.Event(), threading.Event()
    writer = _hold_a_write(ladybug_store, inside, release)
    closer = threading.Thread(target=ladybug_store.close, daemon=True)
    closer.start()
    closer.join(0.5)
    assert closer.is_alive(), "close() ran while a write transaction was open"
    release.set()
    writer.join(30)
    closer.join(30)
    assert not closer.is_alive() and not writer.is_alive()
    assert ladybug_store._conn is None
