"""The read model against the definition and against the dictionary floor, caches off.

    PYTHONPATH=. python -m bench.bench_read_model [--size 100] [--n 200] [--http 200]

On the bench store of ``--size`` documents (bench/api_store.py: bulk load + links):

* in process: ``obligations_defined`` (the named queries at every call), ``obligations``
  from the read model (records warmed first), and the floor -- the same answer taken
  from a dict and rendered (orjson, and json.dumps as the old renderer did); the same
  for ``unit_detail``;
* over the ASGI app (TestClient, ``cache=False``): GET /units/{busiest}/obligations and
  /units/{name}, against a floor app with ONE route serving the pre-computed answer
  from a dict (same framework, same bytes);
* the first read after a write (a stale record rebuilt from the definition) and the
  time to warm every agency's record.

Prints p50/p99 per row and the ratio to its floor.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import orjson


def _lat(call: Callable[[], Any], n: int) -> dict[str, float]:
    call()
    ts = []
    for _ in range(n):
        t0 = time.perf_counter()
        call()
        ts.append(time.perf_counter() - t0)
    ts.sort()
    return {"p50": statistics.median(ts) * 1000, "p99": ts[min(len(ts) - 1, int(len(ts) * 0.99))] * 1000}


def _row(label: str, r: dict[str, float], floor: dict[str, float] | None = None) -> str:
    ratio = f"  {r['p50'] / floor['p50']:5.2f}x floor" if floor else ""
    return f"  {label:<44} p50 {r['p50']:8.3f} ms  p99 {r['p99']:8.3f} ms{ratio}"


def run(size: int, n: int, http_n: int, warm_all: bool = True) -> str:
    from fastapi import FastAPI
    from fastapi.responses import Response
    from starlette.testclient import TestClient

    from api.app import create_app
    from bench.api_bench import pick_targets
    from bench.api_store import ensure_store
    from bench.stores import open_ladybug
    from queries import read_model
    from queries.obligations import obligations, obligations_defined, obligations_json
    from queries.units import unit_detail, unit_detail_defined

    db, _ = ensure_store(size)
    t = pick_targets(db, 100, 7)
    busiest, median_unit = t["busiest"], t["units"][0]
    out = [f"read model, {size} documents ({t['documents']} loaded), busiest {busiest} ({t['busiest_load']} rows), "
           f"median unit {median_unit}; machine load {open('/proc/loadavg').read().split()[:3]}"]
    store = open_ladybug(db)
    try:
        names = sorted(r["name"] for r in store.read("unit_names", {}))
        if not warm_all:
            names = [busiest, median_unit]
        t0 = time.perf_counter()
        for u in names:
            obligations(store, u, limit=1)
        read_model.settle(600)
        out.append(f"  warm every record ({len(names)} units): {time.perf_counter() - t0:.1f} s")
        for unit in (busiest, median_unit):
            answer = obligations(store, unit)
            assert answer == obligations_defined(store, unit)
            body = orjson.dumps(answer)
            floor = _lat(lambda a=answer: orjson.dumps({"k": a}["k"]), n)
            floor_json = _lat(lambda a=answer: json.dumps(a, ensure_ascii=False).encode(), n)
            out.append(f"obligations of {unit}: {answer['count']} rows, page {len(answer['data'])}, {len(body) / 1024:.0f} KB")
            out.append(_row("floor: dict + orjson.dumps", floor))
            out.append(_row("floor: dict + json.dumps", floor_json))
            out.append(_row("definition (named queries) + orjson", _lat(
                lambda u=unit: orjson.dumps(obligations_defined(store, u)), max(10, n // 10)), floor))
            out.append(_row("read model + orjson", _lat(lambda u=unit: orjson.dumps(obligations(store, u)), n), floor))
            out.append(_row("read model, sent as stored (obligations_json)", _lat(
                lambda u=unit: obligations_json(store, u), n), floor))
            out.append(_row("read model, roles=lead, status=not_started", _lat(
                lambda u=unit: obligations(store, u, roles=["lead"], status="not_started"), n)))
        detail = unit_detail(store, median_unit)
        read_model.settle()
        floor = _lat(lambda: orjson.dumps({"k": detail}["k"]), n)
        out.append(f"unit detail of {median_unit}")
        out.append(_row("floor: dict + orjson.dumps", floor))
        out.append(_row("definition (named queries)", _lat(lambda: unit_detail_defined(store, median_unit), n), floor))
        out.append(_row("read model", _lat(lambda: orjson.dumps(unit_detail(store, median_unit)), n), floor))
        # the first read after a write: every record stale, rebuilt from the definition
        store.write("read_model_bump", {"token": "bench"})
        first = _lat(lambda: (store.write("read_model_bump", {"token": str(time.perf_counter())}),
                              obligations(store, busiest)), max(5, n // 20))
        out.append(_row(f"first read after a write ({busiest}, incl. the write)", first))
        read_model.settle(600)
        for u in names:
            obligations(store, u, limit=1)
        read_model.settle(600)

        # over the ASGI app, caches off, against a one-route floor app serving the same bytes
        app = create_app(store=store, cache=False)
        paths = {"obligations": f"/units/{quote(busiest, safe='')}/obligations",
                 "unit": f"/units/{quote(median_unit, safe='')}"}
        with TestClient(app) as client:
            bodies = {k: client.get(p, headers={"accept": "application/json"}).content for k, p in paths.items()}
            answers = {k: json.loads(b) for k, b in bodies.items()}
            floor_app = FastAPI()

            @floor_app.get("/floor/{key}")
            def floor_route(key: str) -> Response:
                return Response(json.dumps(answers[key], ensure_ascii=False).encode(), media_type="application/json")

            with TestClient(floor_app) as fc:
                for k, p in paths.items():
                    f = _lat(lambda k=k: fc.get(f"/floor/{k}"), http_n)
                    r = _lat(lambda p=p: client.get(p, headers={"accept": "application/json"}), http_n)
                    out.append(f"HTTP (TestClient) GET {k} ({len(bodies[k]) / 1024:.0f} KB)")
                    out.append(_row("floor: one route, dict + json.dumps", f))
                    out.append(_row("PolicyGraph, caches off", r, f))
                    out.append(f"  {'':<44} {1000 / r['p50']:8.0f} req/s at p50 on one thread (floor {1000 / f['p50']:.0f})")
    finally:
        read_model.settle()
        store.close()
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_read_model")
    ap.add_argument("--size", type=int, default=100)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--http", type=int, default=200)
    ap.add_argument("--warm-two", action="store_true", help="warm only the two measured units' records")
    a = ap.parse_args(argv)
    print(run(a.size, a.n, a.http, warm_all=not a.warm_two), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
