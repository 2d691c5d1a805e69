"""The load generator of the API benchmark: a closed loop of keep-alive HTTP/1.1 GETs
over loopback, run in its own process so its CPU and memory are not the server's.

    python -m bench.api_load < spec.json > result.json

spec: {"host": "127.0.0.1", "port": 8000, "threads": 4, "seconds": 30,
       "paths": ["/units/...", ...]}   (already percent-encoded; sent in this order)

Each of ``threads`` threads holds one connection and sends the next path as soon as
the previous answer has been read in full (closed loop: no request is ever queued in
the client, so latency is server time + loopback, and the offered rate is whatever the
server sustains).  It stops after the last path or after ``seconds``.

Why not httpx: this client costs ~30 us of CPU per request, httpx ~300 us, and on a
2-vCPU machine the client's CPU is taken from the server.  The parser handles what
uvicorn sends: status line, headers, Content-Length or chunked bodies, keep-alive.

result: {"lat": [seconds...], "status": [...], "bytes": [...], "done": [index...],
         "wall": s, "client_cpu": s, "client_maxrss_kb": kb, "errors": [...]}
(arrays in completion order; ``done`` gives the index in ``paths`` of each entry).
"""

from __future__ import annotations

import itertools
import json
import resource
import socket
import sys
import threading
import time
from typing import Any


class Conn:
    """One keep-alive HTTP/1.1 connection (blocking socket)."""

    def __init__(self, host: str, port: int, timeout: float = 60.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.sock: socket.socket | None = None
        self.buf = bytearray()

    def _connect(self) -> socket.socket:
        s = socket.create_connection((self.host, self.port), timeout=self.timeout)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock, self.buf = s, bytearray()
        return s

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def _fill(self) -> None:
        assert self.sock is not None
        chunk = self.sock.recv(262144)
        if not chunk:
            raise ConnectionError("server closed the connection")
        self.buf += chunk

    def _line(self) -> bytes:
        while True:
            i = self.buf.find(b"\r\n")
            if i >= 0:
                line = bytes(self.buf[:i])
                del self.buf[: i + 2]
                return line
            self._fill()

    def _take(self, n: int) -> None:
        while len(self.buf) < n:
            self._fill()
        del self.buf[:n]

    def get(self, path: str) -> tuple[int, int]:
        """GET path; returns (status, body bytes).  Reconnects once if a kept-alive
        connection turns out closed before anything was read."""
        req = (f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
               "Accept: application/json\r\n\r\n").encode("ascii")
        for attempt in (0, 1):
            fresh = self.sock is None
            sock = self.sock or self._connect()
            try:
                sock.sendall(req)
                status_line = self._line()
                break
            except (ConnectionError, OSError):
                self.close()
                if fresh or attempt:
                    raise
        status = int(status_line.split(b" ", 2)[1])
        length, chunked, close = None, False, False
        while True:
            line = self._line()
            if not line:
                break
            k, _, v = line.partition(b":")
            k = k.strip().lower()
            v = v.strip()
            if k == b"content-length":
                length = int(v)
            elif k == b"transfer-encoding" and b"chunked" in v.lower():
                chunked = True
            elif k == b"connection" and v.lower() == b"close":
                close = True
        size = 0
        if chunked:
            while True:
                n = int(self._line().split(b";")[0], 16)
                if n == 0:
                    while self._line():  # trailers
                        pass
                    break
                self._take(n)
                self._line()
                size += n
        elif length is not None:
            self._take(length)
            size = length
        else:  # body until close
            close = True
            assert self.sock is not None
            while True:
                chunk = self.sock.recv(262144)
                if not chunk:
                    break
                self.buf += chunk
            size = len(self.buf)
            self.buf.clear()
        if close:
            self.close()
        return status, size


def drive(spec: dict[str, Any]) -> dict[str, Any]:
    paths: list[str] = spec["paths"]
    host, port = spec.get("host", "127.0.0.1"), int(spec["port"])
    stop_at = time.monotonic() + float(spec.get("seconds", 60))
    counter = itertools.count()  # next() is atomic under the GIL
    lock = threading.Lock()
    lat: list[float] = []
    status: list[int] = []
    sizes: list[int] = []
    done: list[int] = []
    errors: list[str] = []

    def worker() -> None:
        conn = Conn(host, port)
        try:
            while time.monotonic() < stop_at:
                i = next(counter)
                if i >= len(paths):
                    return
                t0 = time.perf_counter()
                try:
                    st, n = conn.get(paths[i])
                except (OSError, ValueError, IndexError) as exc:
                    st, n = 0, 0
                    conn.close()
                    with lock:
                        errors.append(f"{paths[i]}: {exc!r}")
                dt = time.perf_counter() - t0
                with lock:
                    lat.append(dt)
                    status.append(st)
                    sizes.append(n)
                    done.append(i)
        finally:
            conn.close()

    cpu0 = time.process_time()
    t0 = time.perf_counter()
    pool = [threading.Thread(target=worker, daemon=True) for _ in range(int(spec.get("threads", 4)))]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - t0
    return {
        "lat": lat, "status": status, "bytes": sizes, "done": done, "wall": wall,
        "client_cpu": time.process_time() - cpu0,
        "client_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "errors": errors[:10], "n_errors": len(errors),
    }


def main() -> int:
    spec = json.load(sys.stdin)
    json.dump(drive(spec), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
