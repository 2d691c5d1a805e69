"""The import contract: every import points down (pyproject.toml [tool.importlinter]).

Why a test and not only a CI step: the contract is part of the design (issue 12), so it
fails the same test run that any other broken promise fails; and a second test shows it
really catches an upward import, on a copy of the tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("graph", "loaders", "queries", "reports", "api", "viz", "policygraph")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(cwd))
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run([sys.executable, "-c", code, "--no-cache"], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_import_contract_holds() -> None:
    proc = lint_imports(ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


def test_the_contract_fails_on_an_upward_import(tmp_path: Path) -> None:
    for part in PARTS:
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__", "static", "*.txt", "*.cypher"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    assert lint_imports(tmp_path).returncode == 0  # the copy is as clean as the tree
    upward = tmp_path / "queries" / "units.py"  # the read layer reaching up into a route
    upward.write_text(upward.read_text(encoding="utf-8") + "\nfrom api.routes import units as _routes  # noqa\n",
                      encoding="utf-8")
    proc = lint_imports(tmp_path)
    assert proc.returncode != 0
    assert "BROKEN" in proc.stdout and "queries.units -> api.routes.units" in proc.stdout
