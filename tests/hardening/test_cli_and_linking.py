"""Issue 17 points 6, 9, 10 from the command line and the server's start: bad settings are
one line and exit 2; a duplicate measure number is refused by `parse` and `load`; a load
cut off before its linking is repaired by `load --if-empty`, by `policygraph doctor` and
by the server's start (on the embedded store and on Neo4j)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hardening_server import ServerThread, free_port, need_neo4j, settings_for
from test_inputs import DUP_TABLE

from policygraph.pipeline import link_pending, parse_all
from policygraph.samples import sample_paths

PY = [sys.executable, "-m", "policygraph.cli"]
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("POLICYGRAPH_")} | (env or {})
    return subprocess.run([*PY, *args], capture_output=True, text=True, encoding="utf-8", env=full,
                          timeout=120, cwd=ROOT)


def one_line_exit_2(proc: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, proc.stderr
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(("env", "needle"), [
    ({"POLICYGRAPH_STORE": "mysql"}, "POLICYGRAPH_STORE='mysql'"),
    ({"POLICYGRAPH_CORS_ORIGINS": "http://example.org"}, "cors_origins"),
    ({"POLICYGRAPH_MAX_UPLOAD_BYTES": "-5"}, "POLICYGRAPH_MAX_UPLOAD_BYTES"),
])
@pytest.mark.parametrize("command", [["query", "counts"], ["serve", "--port", "1"], ["doctor"]])
def test_bad_settings_are_one_line_exit_2(env, needle, command, tmp_path):
    one_line_exit_2(run(*command, env=env | {"POLICYGRAPH_DB_PATH": str(tmp_path / "g.lbug")}), "bad setting", needle)


def test_parse_and_load_refuse_duplicate_measure_numbers(tmp_path):
    path = tmp_path / "dup.tsv"
    path.write_text(DUP_TABLE, encoding="utf-8")
    line = one_line_exit_2(run("parse", str(path)))
    assert line == f"policygraph: {path}:4: duplicate measure number: measure 1 on lines 2 and 4 (each measure needs its own number)"
    one_line_exit_2(run("load", str(path), env={"POLICYGRAPH_DB_PATH": str(tmp_path / "g.lbug")}),
                    "duplicate measure number")
    assert not (tmp_path / "g.lbug").exists()  # refused before the store was opened


def _crash_between_load_and_link(store) -> None:
    """What a kill after the load's commit and before link_store leaves: loaded, not linked."""
    store.load_many(parse_all(sample_paths()))
    assert link_pending(store)
    assert store.counts().get("IMPLEMENTS", 0) == 0


def test_load_if_empty_and_doctor_repair_a_cut_off_load(tmp_path):
    from graph.ladybug_store import LadybugStore

    db = tmp_path / "g.lbug"
    env = {"POLICYGRAPH_DB_PATH": str(db)}
    with LadybugStore(db) as store:
        _crash_between_load_and_link(store)
    proc = run("doctor", "--dry-run", env=env)
    assert proc.returncode == 1 and "waiting for its linking" in proc.stdout
    proc = run("load", "--if-empty", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "linked (pending from an interrupted load)" in proc.stdout and "nothing loaded" in proc.stdout
    with LadybugStore(db, read_only=True) as store:
        assert not link_pending(store) and store.counts()["IMPLEMENTS"] > 0
        linked = store.counts()
    proc = run("doctor", "--relink", env=env)  # relinks anyway, to the same links
    assert proc.returncode == 0 and "repaired" in proc.stdout, proc.stderr
    with LadybugStore(db, read_only=True) as store:
        assert store.counts() == linked


@pytest.mark.parametrize("engine", ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def test_server_start_repairs_a_cut_off_load(engine, tmp_path):
    need_neo4j(engine)
    from api.app import create_app
    from graph.stores import open_store

    settings = settings_for(engine, tmp_path)
    store = open_store(settings)
    try:
        if engine == "neo4j":
            store.clear()
        _crash_between_load_and_link(store)
        server = ServerThread(create_app(settings, store=store), free_port())
        server.start()  # the lifespan finishes the linking
        server.stop()
        assert not link_pending(store)
        assert store.counts()["IMPLEMENTS"] > 0
    finally:
        if engine == "neo4j":
            store.clear()
        store.close()
