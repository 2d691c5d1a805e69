"""``policygraph parse`` on every format, as a real subprocess: the model as JSON (exit 0),
or one line on stderr and exit 2 for a scanned PDF, an encrypted PDF and a .doc without a
converter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.formats.makers import make
from tests.formats.test_bad_files import _ole_doc
from tests.formats.test_bad_files import test_encrypted_pdf as write_encrypted_pdf
from tests.formats.test_bad_files import test_scanned_pdf_without_text_layer as write_scanned_pdf

ROOT = Path(__file__).resolve().parents[2]


def run(path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "policygraph.cli", "parse", str(path)],
        capture_output=True, text=True, encoding="utf-8", env=env or dict(os.environ), cwd=ROOT, timeout=120,
    )


@pytest.mark.parametrize("kind", ["docx-table", "pdf-table", "xls", "xlsx", "csv", "tsv", "html-prose", "txt"])
def test_parse_accepts_the_format(tmp_path: Path, kind: str) -> None:
    proc = run(make(kind, tmp_path))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["measures"]) == 30 and data["document"]["id"] == "西青政发〔2023〕3号"


def test_parse_md_and_htm(tmp_path: Path) -> None:
    md = tmp_path / "任务.md"
    md.write_text(make("txt", tmp_path).read_text(encoding="utf-8"), encoding="utf-8")
    htm = tmp_path / "任务.htm"
    htm.write_text(make("html-table", tmp_path).read_text(encoding="utf-8"), encoding="utf-8")
    for path in (md, htm):
        proc = run(path)
        assert proc.returncode == 0, proc.stderr
        assert len(json.loads(proc.stdout)["measures"]) == 30


def _one_line_exit_2(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for n in needles:
        assert n in lines[0]


def test_scanned_encrypted_and_doc_without_converter_exit_2(tmp_path: Path) -> None:
    write_scanned_pdf(tmp_path)  # writes 扫描件.pdf (and checks the loader's error)
    _one_line_exit_2(run(tmp_path / "扫描件.pdf"), "扫描件.pdf", "scanned PDF")
    write_encrypted_pdf(tmp_path)  # writes 加密.pdf
    _one_line_exit_2(run(tmp_path / "加密.pdf"), "加密.pdf", "encrypted")
    doc = _ole_doc(tmp_path / "老文件.doc")
    bare = dict(os.environ, PATH=str(Path(sys.executable).parent))
    _one_line_exit_2(run(doc, bare), "老文件.doc", "save it as .docx")
