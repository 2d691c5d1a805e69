"""The CLI names close agencies for an unknown name (as the API does) and lists agencies.

Real subprocesses over an embedded store loaded with both seeds by ``policygraph load``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from queries.units import unit_suggestions

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policygraph.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("cli-store") / "graph.lbug"
    done = run("load", "--store", "ladybug", "--db", str(path))
    assert done.returncode == 0, done.stderr[-2000:]
    return str(path)


@pytest.mark.parametrize("command", [["viz", "财政局", "-o", "{tmp}/x.html"], ["ledger", "财政局", "-o", "{tmp}/x.csv"]])
def test_unknown_agency_gets_the_api_suggestions(db, tmp_path, command, store):
    """财政局 is no agency's name: the CLI fails in one line naming 市财政局 and 区财政局,
    exactly the API's suggestions (queries.units.unit_suggestions)."""
    args = [c.replace("{tmp}", str(tmp_path)) for c in command]
    done = run(*args, "--store", "ladybug", "--db", db)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    line = done.stderr.strip()
    assert "\n" not in line and "未找到单位" in line and "财政局" in line
    expected = unit_suggestions(store, "财政局")
    assert {"市财政局", "区财政局"} <= set(expected)
    assert line.endswith("did you mean): " + "、".join(expected)), line
    assert not (tmp_path / "x.html").exists() and not (tmp_path / "x.csv").exists()


def test_units_lists_agencies_with_counts(db):
    done = run("units", "--government", "西青区人民政府", "--json", "--store", "ladybug", "--db", db)
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    rows = body["data"]
    assert body["count"] == len(rows) > 10
    assert {r["government"] for r in rows} == {"西青区人民政府"}
    fin = next(r for r in rows if r["name"] == "区财政局")
    assert fin["total"] == fin["lead"] + fin["support"] + fin["joint"] + fin["shared"] > 0
    totals = [r["total"] for r in rows]
    assert totals == sorted(totals, reverse=True)  # busiest first
    # the table names the same agencies and counts
    table = run("units", "--government", "西青区人民政府", "--store", "ladybug", "--db", db)
    assert table.returncode == 0
    line = next(x for x in table.stdout.splitlines() if x.startswith("区财政局 "))
    assert line.split()[-5:] == [str(fin[k]) for k in ("lead", "support", "joint", "shared", "total")]
    assert f"{len(rows)} 个单位" in table.stdout


def test_units_unknown_government_suggests(db):
    done = run("units", "--government", "西青区", "--store", "ladybug", "--db", db)
    assert done.returncode == 2 and "西青区人民政府" in done.stderr and "Traceback" not in done.stderr
