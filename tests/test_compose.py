"""docker-compose.yml stays true without Docker.

Why: the compose file is the production recipe (Neo4j + the API with two workers), but
CI has no Docker engine.  So (1) the Compose CLI itself validates the file (``config``
needs no engine), and (2) the API service's own command and environment, read from the
file, are run here against the test run's real Neo4j: the seeds load on first start,
two workers answer, and both reach Neo4j (not the embedded store).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import yaml
from live_server import free_port

from tests.conftest import neo4j_env, require_neo4j

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
_VAR_RE = re.compile(r"\$\{(\w+)(?::-([^}]*))?\}")


def _compose_cli() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return None


def expand(value: str, env: dict[str, str]) -> str:
    """Compose's ${VAR:-default} substitution (the only form the file uses)."""
    return _VAR_RE.sub(lambda m: env.get(m.group(1)) or (m.group(2) or ""), value)


def worker_processes(master: int) -> list[int]:
    """uvicorn's worker processes: the master's children started by multiprocessing."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == master and b"multiprocessing" in cmdline and b"resource_tracker" not in cmdline:
            out.append(int(stat.parent.name))
    return out


@contextmanager
def served(argv: list[str], env: dict[str, str], port: int, timeout: float) -> Iterator[tuple[subprocess.Popen, httpx.Response]]:
    """Start a server process group; yield it with its first 200 /healthz answer; stop it."""
    proc = subprocess.Popen(argv, env=env, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + timeout
        health = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
                if health.status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        assert proc.poll() is None and health is not None and health.status_code == 200, (
            proc.stdout.read() if proc.poll() is not None else "no answer from /healthz")
        yield proc, health
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def test_compose_file_is_valid_for_the_compose_cli() -> None:
    cli = _compose_cli()
    if cli is None:
        why = "the Compose CLI is not installed (Debian package docker-compose; scripts/test.sh installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    proc = subprocess.run([*cli, "-f", str(COMPOSE), "config", "-q"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_compose_names_the_parts_the_image_needs() -> None:
    """Every top-level package the project installs is copied into the image."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for package in ("policygraph", "graph", "loaders", "api", "queries", "reports", "viz"):
        assert f"COPY {package} ./{package}" in dockerfile, package


@pytest.mark.neo4j
def test_compose_api_service_runs_against_neo4j_with_two_workers() -> None:
    require_neo4j()
    from graph.neo4j_store import Neo4jStore

    env4j = neo4j_env()
    service = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]["api"]
    host_env = {"NEO4J_PASSWORD": env4j["password"], "POLICYGRAPH_API_TOKEN": ""}
    env = {k: expand(str(v), host_env) for k, v in service["environment"].items()}
    assert env["POLICYGRAPH_STORE"] == "neo4j"
    env["NEO4J_URI"] = env4j["uri"]  # the service name `neo4j` is this run's server
    env["NEO4J_USER"] = env4j["user"]
    command = service["command"]
    assert command[:2] == ["sh", "-c"] and "--workers 2" in command[2]
    port = free_port()
    script = command[2].replace("--host 0.0.0.0 --port 8000", f"--host 127.0.0.1 --port {port}")
    assert str(port) in script

    store = Neo4jStore(env4j["uri"], env4j["user"], env4j["password"], env4j["database"])
    store.clear()  # a first start: the graph is empty, the command loads the seeds
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYGRAPH_")} | env
    try:
        with served(["sh", "-c", script], child_env, port, 180) as (proc, health):
            assert health.json() == {"ok": True, "store": "neo4j", "documents": 3}
            r = httpx.get(f"http://127.0.0.1:{port}/units/区财政局/obligations", params={"limit": 1},
                          headers={"Accept": "application/json"}, timeout=30)
            assert r.status_code == 200 and r.json()["count"] == 51
            assert len(worker_processes(proc.pid)) == 2  # `exec policygraph serve` is the uvicorn master
    finally:
        store.clear()
        store.close()


@pytest.mark.neo4j
def test_serve_flags_reach_the_worker_processes() -> None:
    """`serve --store neo4j --workers 2` with no POLICYGRAPH_STORE in the environment: the
    workers use the flag's store (they once re-read only the environment, opened the
    embedded store and the server exited on its lock)."""
    require_neo4j()
    from graph.neo4j_store import Neo4jStore

    env4j = neo4j_env()
    store = Neo4jStore(env4j["uri"], env4j["user"], env4j["password"], env4j["database"])
    store.clear()
    port = free_port()
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYGRAPH_")}
    argv = ["policygraph", "serve", "--store", "neo4j", "--workers", "2", "--port", str(port)]
    try:
        with served(argv, child_env, port, 120) as (proc, health):
            assert health.json()["store"] == "neo4j"
            assert len(worker_processes(proc.pid)) == 2
    finally:
        store.clear()
        store.close()

