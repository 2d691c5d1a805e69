"""The ``policygraph`` command line, run as a real subprocess.

Why subprocesses: what users see is the process's stdout, stderr and exit code
(JSON not ASCII-escaped, one-line errors with exit 2, never a traceback), and the
embedded store's single-writer lock only shows between processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from loaders import load_document
from policygraph.samples import CITY_SEED, DISTRICT_SEED

PY = [sys.executable, "-m", "policygraph.cli"]


def run(*args: str, db: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("POLICYGRAPH_STORE", None)
    if db is not None:
        env["POLICYGRAPH_DB_PATH"] = str(db)
    return subprocess.run(
        [*PY, *args], capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout
    )


def assert_clean_error(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0]


def test_parse_prints_the_model_as_unescaped_json() -> None:
    proc = run("parse", str(DISTRICT_SEED))
    assert proc.returncode == 0, proc.stderr
    assert "\\u" not in proc.stdout  # Chinese stays Chinese
    data = json.loads(proc.stdout)
    assert set(data) >= {"document", "measures", "warnings"}
    expected = load_document(DISTRICT_SEED)
    assert len(data["measures"]) == len(expected.measures)
    first = data["measures"][0]
    assert set(first) >= {"id", "task", "number", "clause", "text", "responsibilities", "open_ended", "deadline", "targets"}
    assert set(first["task"]) >= {"seq", "title"}
    assert set(first["deadline"]) >= {"text", "kind", "date", "action"}
    assert set(first["responsibilities"][0]) >= {"unit", "as_written", "role", "collective"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\xff\xfe\x00binary" * 50, ""),
        ("这是一段没有任何责任分工的普通文字。\n第二行也没有。\n".encode(), ""),
    ],
    ids=["empty", "binary", "no-clause"],
)
def test_parse_bad_input_is_one_line_exit_2(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes(content)
    proc = run("parse", str(bad))
    assert_clean_error(proc, "坏文件.txt", reason)


def test_parse_missing_file(tmp_path: Path) -> None:
    assert_clean_error(run("parse", str(tmp_path / "nope.txt")), "nope.txt")


def test_parse_gbk_file_reads_like_utf8(tmp_path: Path) -> None:
    gbk = tmp_path / "city-gbk.txt"
    gbk.write_bytes(CITY_SEED.read_text(encoding="utf-8").encode("gb18030"))
    proc = run("parse", str(gbk))
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["measures"]) == len(load_document(CITY_SEED).measures)


def test_load_then_query_then_unknown_query(tmp_path: Path) -> None:
    db = tmp_path / "graph.lbug"
    proc = run("load", db=db)
    assert proc.returncode == 0, proc.stderr
    assert "loaded tianjin_city_2022_task_division.txt" in proc.stdout
    assert "loaded xiqing_district_2022_task_list.txt" in proc.stdout

    rows = json.loads(run("query", "unit_obligations", "name=区财政局", db=db).stdout)
    district = load_document(DISTRICT_SEED)
    expected_leads = sorted(
        m.id for m in district.measures for r in m.responsibilities if r.unit == "区财政局" and r.role == "lead"
    )
    assert expected_leads, "the seed assigns 区财政局 lead measures"
    got_leads = sorted({r["measure_id"] for r in rows if r["role"] == "lead"})
    assert got_leads == expected_leads

    assert_clean_error(run("query", "unit_obligationz", "name=区财政局", db=db), "unit_obligations")
    assert_clean_error(run("query", "unit_obligations", "nam=区财政局", db=db), "nam")

    again = run("load", "--if-empty", db=db)
    assert again.returncode == 0 and "nothing loaded" in again.stdout

    # warm: every agency's stored answer built once, then nothing left to build
    units = len(json.loads(run("units", "--json", db=db).stdout)["data"])
    measures = len(json.loads(run("query", "measures_list", db=db).stdout))
    first = run("warm", "--json", db=db)
    assert first.returncode == 0, first.stderr
    records = {"records": 2 * measures, "built": 2 * measures, "fresh": 0}  # each measure and its chain
    assert json.loads(first.stdout) | {"seconds": 0} == {"units": units, "rebuilt": units, "fresh": 0, "seconds": 0,
                                                         "measures": records}
    again_warm = run("warm", "--json", db=db)
    assert json.loads(again_warm.stdout)["measures"] == {"records": 2 * measures, "built": 0, "fresh": 2 * measures}
    assert "measures" not in json.loads(run("warm", "--json", "--agencies-only", db=db).stdout)
    second = run("warm", "--unit", "财政局", db=db)  # an ambiguous short name: a one-line error
    assert_clean_error(second, "区财政局")
    third = run("warm", "--unit", "区财政局", db=db)
    assert third.returncode == 0 and "0 agency records built, 1 already fresh" in third.stdout


def test_write_while_another_process_holds_the_store(tmp_path: Path) -> None:
    db = tmp_path / "graph.lbug"
    assert run("load", str(CITY_SEED), db=db).returncode == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from graph.ladybug_store import LadybugStore; "
            "s = LadybugStore(sys.argv[1]); print('ready', flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        proc = run("load", str(DISTRICT_SEED), db=db)
        assert_clean_error(proc)
        assert "another" in proc.stderr.lower() or "held" in proc.stderr.lower() or "lock" in proc.stderr.lower()
        # reads still work: the CLI opens the store read-only
        rows = run("query", "document_list", db=db)
        assert rows.returncode == 0, rows.stderr
        loaded = [d["id"] for d in json.loads(rows.stdout) if not d["id"].startswith("stub:")]
        assert loaded == [load_document(CITY_SEED).document.id]
    finally:
        holder.kill()
        holder.wait(timeout=30)
    time.sleep(0.2)


def test_serve_refuses_workers_on_the_embedded_store(tmp_path: Path) -> None:
    proc = run("serve", "--workers", "2", db=tmp_path / "graph.lbug")
    assert_clean_error(proc, "Neo4j")
