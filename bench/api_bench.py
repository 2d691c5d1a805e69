"""Benchmark GET /units/区财政局/obligations on the embedded store, over loopback.

The server runs in a subprocess (uvicorn, one worker, embedded LadybugDB in a temp
dir, seeds loaded on first start); this process is the client: a few threads with
keep-alive httpx clients send a bounded number of requests (and stop at a time cap).
Prints p50/p99 latency, requests per second and the machine.

    python bench/api_bench.py [--requests 2000] [--threads 4] [--path /units/区财政局/obligations] [--no-cache]

``--no-cache`` serves without the answer caches (api.cache): every request runs its queries.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def uncached_app():  # uvicorn --factory bench.api_bench:uncached_app
    from api.app import create_app

    return create_app(cache=False)


def start_server(db_dir: Path, port: int, cache: bool = True) -> subprocess.Popen:
    env = dict(os.environ, POLICYGRAPH_STORE="ladybug", POLICYGRAPH_DB_PATH=str(db_dir / "graph.lbug"))
    env.pop("POLICYGRAPH_API_TOKEN", None)
    factory = "api.app:create_app" if cache else "bench.api_bench:uncached_app"
    cmd = [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning", "--no-access-log"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env)


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/documents", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not become ready")


def drive(base: str, path: str, total: int, threads: int, cap_s: float) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(total))
    stop_at = time.monotonic() + cap_s

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < stop_at:
                with lock:
                    if next(counter, None) is None:
                        return
                t0 = time.perf_counter()
                r = client.get(path)
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    if r.status_code != 200:
                        errors += 1

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return latencies, time.perf_counter() - started, errors


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--max-seconds", type=float, default=120)
    ap.add_argument("--path", default="/units/区财政局/obligations")
    ap.add_argument("--no-cache", action="store_true", help="serve without the answer caches")
    args = ap.parse_args()
    path = quote(args.path, safe="/?=&")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="policygraph-bench-") as tmp:
        proc = start_server(Path(tmp), port, cache=not args.no_cache)
        try:
            t0 = time.perf_counter()
            wait_ready(base, proc)
            startup = time.perf_counter() - t0
            with httpx.Client(base_url=base, timeout=30) as c:
                first = c.get(path)
                if first.status_code != 200:
                    raise SystemExit(f"{args.path}: {first.status_code} {first.text[:300]}")
                size, count = len(first.content), first.json().get("count")
                for _ in range(args.warmup):
                    c.get(path)
            lat, wall, errors = drive(base, path, args.requests, args.threads, args.max_seconds)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    ms = [x * 1000 for x in lat]
    print(f"endpoint     GET {args.path}  ({count} measures, {size} bytes/response)")
    print(f"store        embedded LadybugDB, both seeds linked; server: uvicorn, 1 worker, "
          f"caches {'off' if args.no_cache else 'on'} (startup+seed load+link {startup:.1f}s)")
    print(f"client       {args.threads} threads, keep-alive httpx, separate process, loopback")
    print(f"requests     {len(ms)} ({errors} non-200) in {wall:.2f}s -> {len(ms) / wall:.1f} req/s")
    print(f"latency ms   p50 {pct(ms, 0.50):.1f}  p90 {pct(ms, 0.90):.1f}  p99 {pct(ms, 0.99):.1f}  "
          f"mean {statistics.fmean(ms):.1f}  max {max(ms):.1f}")
    print(f"machine      nproc {os.cpu_count()}, {cpu_model()}, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")


if __name__ == "__main__":
    main()
