"""The store's readers-writer lock: exclusion, and neither side starved."""

from __future__ import annotations

import threading
import time

from graph.rwlock import ReadWriteLock


def test_writer_excludes_readers_and_readers_share() -> None:
    lock = ReadWriteLock()
    inside: list[str] = []
    overlap: list[tuple[str, ...]] = []
    guard = threading.Lock()

    def enter(kind: str) -> None:
        with guard:
            inside.append(kind)
            if "w" in inside and len(inside) > 1:
                overlap.append(tuple(inside))
        time.sleep(0.002)
        with guard:
            inside.remove(kind)

    def reader() -> None:
        for _ in range(50):
            with lock.reading():
                enter("r")

    def writer() -> None:
        for _ in range(50):
            with lock.writing():
                enter("w")

    threads = [threading.Thread(target=f) for f in (reader, reader, reader, writer, writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not any(t.is_alive() for t in threads), "deadlock"
    assert overlap == []


def test_busy_writer_does_not_starve_readers() -> None:
    lock = ReadWriteLock()
    stop = threading.Event()
    reads = [0]

    def writer() -> None:
        while not stop.is_set():
            with lock.writing():
                time.sleep(0.01)

    def reader() -> None:
        while not stop.is_set():
            with lock.reading():
                reads[0] += 1

    threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join(10)
    assert reads[0] >= 10  # about one read per write at least (~50 writes in 0.5 s)


def test_reading_now_never_waits() -> None:
    """A read that may not wait (the API's event loop) gets the lock when a plain reader
    would get it at once, and nothing while a writer holds or awaits it."""
    lock = ReadWriteLock()
    with lock.reading_now() as got:
        assert got
        with lock.reading_now() as again:  # readers share
            assert again
    with lock.writing():
        with lock.reading_now() as got:
            assert not got
    holding = threading.Event()
    release = threading.Event()

    def reader() -> None:
        with lock.reading():
            holding.set()
            release.wait(5)

    def writer() -> None:
        with lock.writing():
            pass

    r = threading.Thread(target=reader)
    r.start()
    holding.wait(5)
    w = threading.Thread(target=writer)
    w.start()
    deadline = time.monotonic() + 5
    while not lock.writer_active and time.monotonic() < deadline:
        time.sleep(0.01)
    t0 = time.monotonic()
    with lock.reading_now() as got:  # a writer waits behind the reader: no new reader, no wait
        assert not got
    assert time.monotonic() - t0 < 1
    release.set()
    r.join(5)
    w.join(5)
    with lock.reading_now() as got:
        assert got
    with lock.writing():  # everything released: a writer gets in
        pass
