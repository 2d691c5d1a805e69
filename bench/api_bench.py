"""API throughput and latency under load, on the embedded store of the n-document corpus.

    PYTHONPATH=. python -m bench.api_bench [--size 10|100|1000] [--requests 1500] [--seconds 30]
        [--threads 4] [--cache on,off] [--scenarios hot,rotate,unit,chain,search,mix] [--repeat 1]

The store: bench/out/api-store-N (bench/api_store.py: the corpus bulk-loaded and
linked, built once and reused while complete).  The server: a separate process,
``python -m uvicorn --factory`` (one worker, as ``policygraph serve``; access log off),
on a free loopback port, holding that store read-write (it is not empty, so the
lifespan loads no seeds).  Caches on = ``api.app:create_app`` (the default: read and
response caches for a read-write embedded store); caches off = ``create_app(cache=False)``
(``uncached_app`` below).  Each cache mode gets a fresh server.

The client: bench/api_load.py in its own process, ``--threads`` keep-alive connections
in a closed loop.  Scenarios, in this order on the same server:

  hot     GET /units/{busiest unit}/obligations, the same URL every time
  rotate  GET /units/{u}/obligations over ``--pool`` units drawn with a seeded RNG
          (each URL once per pass: with --pool >= --requests, none is a repeat)
  unit    GET /units/{u} over the same units
  chain   GET /measures/{id}/chain over measures that have IMPLEMENTS links
  search  GET /measures?q=... over a few search words
  mix     hot 20 %, obligations of OTHER units (not seen before) 40 %, unit 15 %,
          chain 15 %, search 10 %, shuffled (also reported per kind)

Reported per scenario: req/s, p50/p90/p99/max latency, non-200 answers, mean bytes per
answer, the share of requests whose URL this server had answered before (cache hits are
possible only for those), server and client CPU per request, and the server's resident
memory (VmRSS after the scenario; VmHWM = peak since start, the server process and its
children, read from /proc).  The server is a separate process: none of the client's
memory is in those figures.

Caveats: a 2-vCPU machine runs server AND client (the client's CPU is reported); a
closed loop measures the latency the server gives at the rate it sustains, not the
latency under a fixed offered rate.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from bench.api_floor import ANSWERS_ENV, record
from bench.api_store import ensure_store
from bench.common import machine, percentile

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ("hot", "rotate", "unit", "chain", "search", "mix")
SEARCH_WORDS = ("专项债券", "中小企业", "就业", "减税降费", "消费", "融资", "物流", "项目", "安全", "财政",
                "数字", "绿色", "外贸", "科技", "农业", "乡村振兴", "招商", "投资", "人才", "服务")
TARGETS = {"req_s": 500.0, "p99_ms": 50.0}  # issue 7
CLK_TCK = os.sysconf("SC_CLK_TCK")


def uncached_app():  # uvicorn --factory bench.api_bench:uncached_app
    from api.app import create_app

    return create_app(cache=False)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- server

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, cache: bool, floor: Path | None = None) -> subprocess.Popen:
    """The PolicyGraph server on ``db`` (caches on or off), or with ``floor`` (recorded
    answers, bench/api_floor.py) the dictionary floor serving the same answers."""
    env = dict(os.environ, POLICYGRAPH_STORE="ladybug", POLICYGRAPH_DB_PATH=str(db),
               POLICYGRAPH_READ_ONLY="false", PYTHONPATH=str(ROOT))
    env.pop("POLICYGRAPH_API_TOKEN", None)
    factory = "api.app:create_app" if cache else "bench.api_bench:uncached_app"
    if floor is not None:
        env[ANSWERS_ENV] = str(floor)
        factory = "bench.api_floor:floor_app"
    cmd = [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1",
           "--port", str(port), "--workers", "1", "--log-level", "warning", "--no-access-log"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env)


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            r = httpx.get(f"{base}/healthz", timeout=5)
            if r.status_code == 200:
                return r.json()
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not become ready")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _tree(pid: int) -> list[int]:
    """pid and its descendants (from /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def proc_mem(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (MB) of pid plus its descendants (summed)."""
    out = {"rss_mb": 0.0, "hwm_mb": 0.0}
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out["rss_mb"] += int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    out["hwm_mb"] += int(line.split()[1]) / 1024
        except OSError:
            pass
    return out


def proc_cpu(pid: int) -> float:
    """User + system CPU seconds of pid plus its descendants."""
    total = 0.0
    for p in _tree(pid):
        try:
            f = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(f[11]) + int(f[12])) / CLK_TCK
        except (OSError, IndexError, ValueError):
            pass
    return total


def machine_cpu() -> tuple[float, float]:
    """(busy, stolen) CPU seconds of the whole machine so far (/proc/stat): what every
    process used, and what the hypervisor gave to other guests while this one wanted to
    run -- a run with much stolen time measured a slower machine."""
    try:
        f = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return 0.0, 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = f
    return (user + nice + system + irq + softirq) / CLK_TCK, steal / CLK_TCK


# ----------------------------------------------------------------------------- workload

def pick_targets(db: Path, pool: int, seed: int) -> dict[str, Any]:
    """From the store (before the server opens it): the busiest unit, 2 x ``pool`` other
    units that own something (seeded sample; departments, not collectives such as
    区政府各部门), and measures with IMPLEMENTS links."""
    from bench.stores import open_ladybug

    store = open_ladybug(db)
    try:
        return pick_targets_from(store, pool, seed)
    finally:
        store.close()


def pick_targets_from(store: Any, pool: int, seed: int) -> dict[str, Any]:
    """pick_targets on an open store (any engine: bench/api_workers.py uses Neo4j)."""
    t0 = time.perf_counter()
    units = store.read("units_list", {"level": "", "government": "", "kind": "", "q": ""})
    links = store.read("quality_links")
    docs = store.counts().get("Document", 0)

    def load(u: dict[str, Any]) -> int:
        return int(u["lead"] or 0) + int(u["support"] or 0) + int(u["joint"] or 0) + int(u["shared"] or 0)

    owning = sorted((u for u in units if load(u) > 0 and not u.get("collective")), key=lambda u: u["name"])
    busiest = max(owning, key=lambda u: (load(u), u["name"]))
    rng = random.Random(seed)
    others = [u for u in owning if u["name"] != busiest["name"]]
    sample = rng.sample(others, min(len(others), 2 * pool))
    linked = sorted({r["lower_id"] for r in links} | {r["upper_id"] for r in links})
    chain = rng.sample(linked, min(len(linked), pool))
    loads = [load(u) for u in sample]
    return {
        "busiest": busiest["name"], "busiest_load": load(busiest),
        "units": [u["name"] for u in sample[:pool]], "fresh_units": [u["name"] for u in sample[pool:]],
        "units_total": len(units), "units_owning": len(owning),
        "sample_load_median": statistics.median(loads) if loads else 0,
        "chain": chain, "linked_measures": len(linked), "documents": docs,
        "pick_s": time.perf_counter() - t0,
    }


def _q(s: str) -> str:
    return quote(s, safe="")


def obligations(u: str) -> str:
    return f"/units/{_q(u)}/obligations"


def workload(scenario: str, t: dict[str, Any], n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` (kind, path) requests of a scenario."""
    rng = random.Random(f"{seed}-{scenario}")

    def cycle(items: list[str], k: int) -> list[str]:
        out: list[str] = []
        while items and len(out) < k:
            out += rng.sample(items, len(items))
        return out[:k]

    if scenario == "hot":
        return [("obligations-hot", obligations(t["busiest"]))] * n
    if scenario == "rotate":
        return [("obligations", obligations(u)) for u in cycle(t["units"], n)]
    if scenario == "unit":
        return [("unit", f"/units/{_q(u)}") for u in cycle(t["units"], n)]
    if scenario == "chain":
        return [("chain", f"/measures/{_q(m)}/chain") for m in cycle(t["chain"], n)]
    if scenario == "search":
        return [("search", "/measures?" + urlencode({"q": w})) for w in cycle(list(SEARCH_WORDS), n)]
    if scenario == "mix":
        weights = {"obligations-hot": 20, "obligations": 40, "unit": 15, "chain": 15, "search": 10}
        kinds = [k for k, w in weights.items() for _ in range(round(n * w / 100))][:n]
        kinds += ["obligations"] * (n - len(kinds))
        rng.shuffle(kinds)
        fresh = iter(cycle(t["fresh_units"] or t["units"], n))
        units = iter(cycle(t["units"], n))
        chains = iter(cycle(t["chain"], n))
        words = iter(cycle(list(SEARCH_WORDS), n))
        out = []
        for k in kinds:
            if k == "obligations-hot":
                out.append((k, obligations(t["busiest"])))
            elif k == "obligations":
                out.append((k, obligations(next(fresh))))
            elif k == "unit":
                out.append((k, f"/units/{_q(next(units))}"))
            elif k == "chain":
                out.append((k, f"/measures/{_q(next(chains))}/chain"))
            else:
                out.append((k, "/measures?" + urlencode({"q": next(words)})))
        return out
    raise ValueError(f"unknown scenario {scenario!r}")


def drive(port: int, paths: list[str], threads: int, seconds: float) -> dict[str, Any]:
    spec = {"host": "127.0.0.1", "port": port, "threads": threads, "seconds": seconds, "paths": paths}
    proc = subprocess.run([sys.executable, "-m", "bench.api_load"], input=json.dumps(spec),
                          capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          timeout=seconds + 120)
    if proc.returncode:
        raise RuntimeError(f"load generator failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def _stats(lat: list[float], status: list[int], sizes: list[int], wall: float) -> dict[str, Any]:
    ms = [x * 1000 for x in lat]
    return {
        "requests": len(ms),
        "non200": sum(1 for s in status if s != 200),
        "seconds": round(wall, 2),
        "req_s": round(len(ms) / wall, 1) if wall else 0.0,
        "p50_ms": round(percentile(ms, 50), 2),
        "p90_ms": round(percentile(ms, 90), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "max_ms": round(max(ms), 2),
        "kb_per_resp": round(statistics.fmean(sizes) / 1024, 1),
    }


# ----------------------------------------------------------------------------- run

def warm_records(db: Path, names: list[str]) -> dict[str, Any]:
    """The read model's records of the agencies the scenarios ask for, built before any
    server starts (``policygraph warm --unit ...``): what an office does after a load,
    so the scenarios measure the steady state -- one keyed read per answer -- and the
    cost of building is reported apart (seconds per agency); then every measure's record
    (``policygraph warm`` without ``--unit``: search pages and chains), timed apart."""
    from bench.stores import open_ladybug
    from queries.measures import warm_measures
    from queries.obligations import warm

    store = open_ladybug(db)
    t0 = time.perf_counter()
    try:
        counts: dict[str, Any] = warm(store, sorted(set(names)))
        counts["seconds"] = round(time.perf_counter() - t0, 1)
        t1 = time.perf_counter()
        counts["measures"] = warm_measures(store)
        counts["measures"]["seconds"] = round(time.perf_counter() - t1, 1)
    finally:
        store.close()
    counts["ms_per_rebuilt"] = round(1000 * counts["seconds"] / counts["rebuilt"], 1) if counts["rebuilt"] else 0.0
    _log(f"read model: {counts}")
    return counts


def record_floor(db: Path, targets: dict[str, Any], scenarios: list[str], requests: int, seed: int,
                 size: int) -> Path:
    """Every path the scenarios ask, answered once by the real server (caches on) and
    kept for the floor server (bench/api_floor.py)."""
    out = ROOT / "bench" / "out" / f"floor-answers-{size}.pickle"
    paths = [p for name in scenarios for _, p in workload(name, targets, requests, seed)]
    port = free_port()
    proc = start_server(db, port, True)
    try:
        wait_ready(f"http://127.0.0.1:{port}", proc)
        kept = record(f"http://127.0.0.1:{port}", paths, out, log=_log)
    finally:
        stop_server(proc)
    _log(f"floor: {kept} answers recorded for {len(set(paths))} distinct paths")
    return out


def run_server(db: Path, cache: bool, targets: dict[str, Any], scenarios: list[str], requests: int,
               seconds: float, threads: int, warmup: int, seed: int, size: int,
               floor: Path | None = None) -> list[dict[str, Any]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port, cache, floor)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    try:
        t0 = time.perf_counter()
        health = wait_ready(base, proc)
        startup = time.perf_counter() - t0
        mem0 = proc_mem(proc.pid)
        mode = "floor" if floor is not None else "on" if cache else "off"
        _log(f"api: server pid {proc.pid}, caches {mode}, up in {startup:.1f}s, "
             f"{health.get('documents')} documents, RSS {mem0['rss_mb']:.0f} MB")
        with httpx.Client(base_url=base, timeout=60) as c:  # warm-up on URLs no scenario asks
            extra = targets["fresh_units"][-warmup:] if warmup else []
            for u in extra:
                c.get(f"/units/{_q(u)}", headers={"accept": "application/json"})
        for name in scenarios:
            reqs = workload(name, targets, requests, seed)
            cpu0 = proc_cpu(proc.pid)
            res = drive(port, [p for _, p in reqs], threads, seconds)
            server_cpu = proc_cpu(proc.pid) - cpu0
            mem = proc_mem(proc.pid)
            n = len(res["lat"])
            repeats = 0
            for i in sorted(res["done"]):  # the requests sent (a time cap may stop the list early)
                repeats += reqs[i][1] in seen
                seen.add(reqs[i][1])
            row = {"size": size, "cache": mode, "scenario": name,
                   **_stats(res["lat"], res["status"], res["bytes"], res["wall"]),
                   "repeat_pct": round(100 * repeats / n, 1) if n else 0.0,
                   "server_cpu_ms": round(1000 * server_cpu / n, 2) if n else 0.0,
                   "client_cpu_ms": round(1000 * res["client_cpu"] / n, 2) if n else 0.0,
                   "server_rss_mb": round(mem["rss_mb"]), "server_peak_mb": round(mem["hwm_mb"])}
            rows.append(row)
            bad = Counter(s for s in res["status"] if s != 200)
            _log(f"api {size} caches {row['cache']:<3} {name:<7} {row['requests']:>5} req {row['req_s']:>7.1f} req/s  "
                 f"p50 {row['p50_ms']:7.2f}  p90 {row['p90_ms']:7.2f}  p99 {row['p99_ms']:7.2f}  "
                 f"max {row['max_ms']:7.1f} ms  {row['kb_per_resp']:7.1f} KB  non-200 {row['non200']}"
                 f"{' ' + str(dict(bad)) if bad else ''}  repeat {row['repeat_pct']:.0f}%  "
                 f"cpu/req server {row['server_cpu_ms']:.2f} client {row['client_cpu_ms']:.2f} ms  "
                 f"RSS {row['server_rss_mb']} peak {row['server_peak_mb']} MB")
            for e in res["errors"][:3]:
                _log(f"  client error: {e}")
            if name == "mix":
                kinds = [reqs[i][0] for i in res["done"]]
                for kind in sorted(set(kinds)):
                    idx = [j for j, k in enumerate(kinds) if k == kind]
                    sub = _stats([res["lat"][j] for j in idx], [res["status"][j] for j in idx],
                                 [res["bytes"][j] for j in idx], res["wall"])
                    sub["req_s"] = round(len(idx) / res["wall"], 1)  # this kind's share of the throughput
                    rows.append({"size": size, "cache": row["cache"], "scenario": f"mix:{kind}", **sub,
                                 "repeat_pct": "", "server_cpu_ms": "", "client_cpu_ms": "",
                                 "server_rss_mb": "", "server_peak_mb": ""})
        for r in rows:
            r["startup_s"] = round(startup, 1)
    finally:
        stop_server(proc)
    return rows


def uptime() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average unknown"


def run(size: int = 1000, requests: int = 1500, seconds: float = 30.0, threads: int = 4,
        caches: tuple[str, ...] = ("on", "off"), scenarios: tuple[str, ...] = SCENARIOS,
        pool: int = 1000, repeat: int = 1, warmup: int = 20, seed: int = 7,
        rebuild: bool = False, warm: bool = True) -> list[dict[str, Any]]:
    """Build/reuse the store, then serve it once per cache mode (and per ``repeat``) and
    drive the scenarios; returns one row per (pass, cache mode, scenario [and mix kind])."""
    db, info = ensure_store(size, rebuild, log=_log)
    targets = pick_targets(db, pool, seed)
    _log(f"api: {targets['documents']} documents, {targets['units_owning']}/{targets['units_total']} units own "
         f"something; busiest {targets['busiest']} ({targets['busiest_load']} measures); pool {len(targets['units'])} "
         f"units (median load {targets['sample_load_median']}); {targets['linked_measures']} linked measures "
         f"({targets['pick_s']:.1f}s); {uptime()}")
    warmed = warm_records(db, [targets["busiest"], *targets["units"], *targets["fresh_units"]]) if warm else None
    rows: list[dict[str, Any]] = []
    floor = record_floor(db, targets, list(scenarios), requests, seed, size) if "floor" in caches else None
    for rep in range(repeat):
        for mode in caches:
            before = uptime()
            got = run_server(db, mode == "on", targets, list(scenarios), requests, seconds, threads, warmup, seed, size,
                             floor if mode == "floor" else None)
            for r in got:
                r["pass"] = rep + 1
                r["load_avg"] = before.removeprefix("load average ")
            rows += got
    run.meta = {"targets": {k: v for k, v in targets.items() if not isinstance(v, list)},  # type: ignore[attr-defined]
                "read_model": warmed,
                "store": info, "threads": threads, "requests": requests, "seconds": seconds, "pool": pool}
    return rows


COLUMNS = ["pass", "cache", "scenario", "requests", "non200", "req_s", "p50_ms", "p90_ms", "p99_ms", "max_ms",
           "kb_per_resp", "repeat_pct", "server_cpu_ms", "client_cpu_ms", "server_rss_mb", "server_peak_mb",
           "load_avg"]


def markdown(rows: list[dict[str, Any]], meta: dict[str, Any] | None = None) -> str:
    """The Markdown section of the rows (like bench/RESULTS.md)."""
    meta = meta or getattr(run, "meta", {})
    t = meta.get("targets", {})
    lines = ["## API under load", ""]
    if t:
        lines += [
            f"Embedded LadybugDB store of the {t.get('documents')}-document corpus (bench/out/api-store-N: bulk "
            f"load + links), served by uvicorn (one worker, access log off) in its own process on loopback; "
            f"client bench/api_load.py in another process, {meta.get('threads')} keep-alive connections, "
            f"closed loop, {meta.get('requests')} requests or {meta.get('seconds'):.0f} s per scenario.  "
            f"Busiest unit {t.get('busiest')} ({t.get('busiest_load')} measures); rotating pool "
            f"{meta.get('pool')} units drawn with a seeded RNG from {t.get('units_owning')} that own something; "
            f"chain over {t.get('linked_measures')} linked measures.",
            "",
        ]
    if meta.get("read_model"):
        rm = meta["read_model"]
        lines += [f"Read model warmed before serving (`policygraph warm` on the scenarios' {rm['units']} agencies): "
                  f"{rm['rebuilt']} records built in {rm['seconds']} s ({rm['ms_per_rebuilt']} ms each), "
                  f"{rm['fresh']} already fresh.", ""]
    lines.append("| " + " | ".join(COLUMNS) + " |")
    lines.append("|" + "---|" * len(COLUMNS))
    for r in rows:
        lines.append("| " + " | ".join(str(r.get(c, "")) for c in COLUMNS) + " |")
    lines += [
        "",
        "repeat_pct: requests whose URL the same server had already answered (only those can be cache hits).  "
        "cpu_ms: CPU per request of the server process / of the client process.  server_rss_mb: VmRSS after "
        "the scenario; server_peak_mb: VmHWM (peak since start) of the server process and its children.  "
        "cache floor: the dictionary floor (bench/api_floor.py), the same answers recorded once from the "
        "server and served by one FastAPI route as a dict lookup + json.dumps, through the same client.  "
        f"Targets (issue 7): >= {TARGETS['req_s']:.0f} req/s and p99 < {TARGETS['p99_ms']:.0f} ms.",
        "",
        f"Machine: {machine()}.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.api_bench", description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, choices=(10, 100, 1000), default=1000)
    ap.add_argument("--requests", type=int, default=1500, help="requests per scenario")
    ap.add_argument("--seconds", type=float, default=30.0, help="time cap per scenario")
    ap.add_argument("--threads", type=int, default=4, help="client connections")
    ap.add_argument("--cache", default="on,off,floor",
                    help="modes to run: on,off (the server's caches), floor (the same answers from a dict)")
    ap.add_argument("--scenarios", default=",".join(SCENARIOS))
    ap.add_argument("--pool", type=int, default=1000, help="units in the rotating pool")
    ap.add_argument("--repeat", type=int, default=1, help="passes (a fresh server each)")
    ap.add_argument("--warmup", type=int, default=20, help="unmeasured requests after start")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rebuild", action="store_true", help="rebuild the cached store")
    ap.add_argument("--json", type=Path, help="also write the rows here")
    ap.add_argument("--no-warm", action="store_true",
                    help="do not build the read model's records first (the first request per agency builds it)")
    a = ap.parse_args(argv)
    rows = run(a.size, a.requests, a.seconds, a.threads, tuple(a.cache.split(",")),
               tuple(a.scenarios.split(",")), a.pool, a.repeat, a.warmup, a.seed, a.rebuild, not a.no_warm)
    print(markdown(rows))
    if a.json:
        a.json.write_text(json.dumps({"rows": rows, "meta": run.meta}, ensure_ascii=False, indent=1,  # type: ignore[attr-defined]
                                     default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
