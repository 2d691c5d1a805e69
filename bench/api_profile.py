"""Where the time of one uncached API answer goes: named queries vs JSON rendering vs
the rest (FastAPI routing, validation, serialisation of the return value, handler code).

    PYTHONPATH=. python -m bench.api_profile [--size 1000] [--n 30] [--path /units/X/obligations ...]

In process, caches off: ``create_app(store=TimedStore(...), cache=False)`` driven by
Starlette's TestClient (no network).  TimedStore times every ``read`` per query name;
``UTF8JSONResponse.render`` (json.dumps) is timed by wrapping it.  Everything else of the
request's wall time is "framework + handler Python".  Default paths: the busiest unit's
obligations and a median unit's, as bench/api_bench.py picks them.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections import defaultdict
from typing import Any
from urllib.parse import quote


class TimedStore:
    """A store wrapper timing ``read`` per query name (seconds, calls, rows)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.engine = inner.engine
        self.t: dict[str, list[float]] = defaultdict(lambda: [0.0, 0, 0])

    def read(self, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        t0 = time.perf_counter()
        rows = self.inner.read(name, params)
        acc = self.t[name]
        acc[0] += time.perf_counter() - t0
        acc[1] += 1
        acc[2] += len(rows)
        return rows

    def counts(self) -> dict[str, int]:
        return self.inner.counts()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def profile(size: int, paths: list[str] | None, n: int) -> str:
    from starlette.testclient import TestClient

    from api import responses
    from api.app import create_app
    from bench.api_bench import obligations, pick_targets
    from bench.api_store import ensure_store
    from bench.stores import open_ladybug

    db, _ = ensure_store(size)
    if not paths:
        t = pick_targets(db, 1000, 7)
        paths = [obligations(t["busiest"]), obligations(t["units"][0]), f"/units/{quote(t['units'][0], safe='')}",
                 f"/measures/{quote(t['chain'][0], safe='')}/chain", "/measures?q=" + quote("财政")]
    render_t = [0.0]
    orig = responses.UTF8JSONResponse.render

    def timed_render(self: Any, content: Any) -> bytes:
        t0 = time.perf_counter()
        out = orig(self, content)
        render_t[0] += time.perf_counter() - t0
        return out

    responses.UTF8JSONResponse.render = timed_render  # type: ignore[method-assign]
    store = TimedStore(open_ladybug(db))
    out = io.StringIO()
    try:
        app = create_app(store=store, cache=False)
        with TestClient(app) as client:
            for path in paths:
                hdr = {"accept": "application/json"}
                first = client.get(path, headers=hdr)
                body = len(first.content)
                store.t.clear()
                render_t[0] = 0.0
                walls = []
                for _ in range(n):
                    t0 = time.perf_counter()
                    r = client.get(path, headers=hdr)
                    walls.append(time.perf_counter() - t0)
                    assert r.status_code == 200, (path, r.status_code, r.text[:200])
                wall = statistics.fmean(walls) * 1000
                q = sum(v[0] for v in store.t.values()) / n * 1000
                rend = render_t[0] / n * 1000
                print(f"\n{path}  ({first.status_code}, {body / 1024:.1f} KB, {n} requests)", file=out)
                print(f"  wall/request  mean {wall:7.2f} ms  p50 {statistics.median(walls) * 1000:7.2f} ms", file=out)
                print(f"  queries       {q:7.2f} ms  ({100 * q / wall:4.1f} %)", file=out)
                for name, (s, c, rows) in sorted(store.t.items(), key=lambda kv: -kv[1][0]):
                    print(f"    {name:<28} {s / n * 1000:7.2f} ms  x{c // n}  {rows // n} rows", file=out)
                print(f"  json.dumps    {rend:7.2f} ms  ({100 * rend / wall:4.1f} %)", file=out)
                rest = wall - q - rend
                print(f"  the rest      {rest:7.2f} ms  ({100 * rest / wall:4.1f} %)  FastAPI + handler + test client",
                      file=out)
    finally:
        responses.UTF8JSONResponse.render = orig  # type: ignore[method-assign]
        store.inner.close()
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.api_profile")
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--path", action="append", help="percent-encoded path (repeatable)")
    a = ap.parse_args(argv)
    print(profile(a.size, a.path, a.n))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
