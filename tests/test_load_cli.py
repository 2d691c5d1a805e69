"""``policygraph load DIR``: a folder of mixed files (.txt, .docx, .html, a manifest and an
image), run as a real subprocess -- what a person sees on stdout, stderr and the exit code,
and what lands in the store.

Expectations are computed from the loader's own parse of each file (the parsers have
their own hand-checked tests): here the point is the batch -- every document loaded, the
non-documents skipped with one line each, a bad document refused (or skipped with
--skip-bad), the counts of the summary and of the JSON object right."""

from __future__ import annotations

import html
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

from loaders import load_document
from tests.formats.makers import make

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ROOT / "tests" / "data" / "layouts"
PY = [sys.executable, "-m", "policygraph.cli"]


def run(*args: str, db: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("POLICYGRAPH_STORE", None)
    env["POLICYGRAPH_DB_PATH"] = str(db)
    return subprocess.run(
        [*PY, *args], capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=timeout
    )


def _html_one_line(text: str) -> str:
    """A government page saved from the browser: the body on ONE line, navigation, a
    script and a style that must not be read."""
    body = "".join(f"<p>{html.escape(x)}</p>" for x in text.splitlines() if x.strip())
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>青石县人民政府</title>"
        "<style>p{margin:0}</style><script>var nav='首页';</script></head><body>"
        "<div class='nav'><a href='/'>首页</a> &gt; <a href='/zwgk'>政务公开</a></div>"
        f"<div class='article'>{body}</div></body></html>"
    )


def folder(tmp_path: Path) -> Path:
    root = tmp_path / "收文"
    (root / "县").mkdir(parents=True)
    shutil.copy(LAYOUTS / "district_mixed.txt", root / "南湖区.txt")
    make("docx-table", root)
    (root / "县" / "青石县.html").write_text(
        _html_one_line((LAYOUTS / "county_division_sentences.txt").read_text(encoding="utf-8")), encoding="utf-8"
    )
    (root / "manifest.json").write_text(json.dumps({"files": 3}), encoding="utf-8")
    (root / "扫描件.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    return root


def expected(root: Path) -> dict[str, object]:
    docs = [load_document(p) for p in (root / "南湖区.txt", root / "xiqing_2023_docx-table.docx", root / "县" / "青石县.html")]
    kinds: dict[str, str] = {}
    for d in docs:
        for u in d.units:
            kinds.setdefault(u.name, u.kind)
    return {
        "ids": sorted(d.document.id for d in docs),
        "documents": 3,
        "measures": sum(len(d.measures) for d in docs),
        "units": len(kinds),
        "unknown": sorted(n for n, k in kinds.items() if k == "unknown"),
        "warnings": sum(len(d.warnings) for d in docs),
    }


def stored_ids(db: Path) -> list[str]:
    proc = run("query", "document_list", db=db)
    assert proc.returncode == 0, proc.stderr
    return sorted(d["id"] for d in json.loads(proc.stdout) if not d["id"].startswith("stub:"))


def test_load_a_folder_skips_non_documents_and_sums_up(tmp_path: Path) -> None:
    root = folder(tmp_path)
    want = expected(root)
    assert want["documents"] == 3 and want["unknown"], "the layout documents name agencies the data file lacks"
    db = tmp_path / "graph.lbug"
    proc = run("load", str(root), db=db)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    notes = [x for x in proc.stderr.splitlines() if x.startswith("skipped ")]
    assert len(notes) == 2
    assert any("manifest.json" in x and "not a document type" in x for x in notes)
    assert any("扫描件.png" in x for x in notes)
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith(
        f"3 documents, {want['measures']} measures, {want['units']} units, {len(want['unknown'])} unknown units ("
    ), last
    assert f"{want['warnings']} warnings, 2 files skipped, 0 bad documents in " in last
    assert "loaded 南湖区.txt: 25 measures" in proc.stdout
    assert stored_ids(db) == want["ids"]


def test_json_output_is_one_object(tmp_path: Path) -> None:
    root = folder(tmp_path)
    want = expected(root)
    db = tmp_path / "graph.lbug"
    proc = run("load", "--json", str(root), db=db)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)  # the whole stdout is one JSON object
    t = data["totals"]
    assert (t["documents"], t["measures"], t["units"], t["warnings"]) == (
        3, want["measures"], want["units"], want["warnings"],
    )
    assert t["unknown_unit_names"] == want["unknown"] and t["unknown_units"] == len(want["unknown"])
    assert sorted(Path(s["path"]).name for s in data["skipped"]) == ["manifest.json", "扫描件.png"]
    assert data["bad"] == []
    assert sorted(d["id"] for d in data["documents"]) == want["ids"]
    by_file = {Path(d["file"]).name: d for d in data["documents"]}
    assert by_file["青石县.html"]["measures"] == 25 and by_file["青石县.html"]["loaded"]["measures"] == 25
    assert isinstance(data["links"]["measure_links"], int)  # the linking pass ran
    assert sum(len(d["warnings"]) for d in data["documents"]) == want["warnings"]


def test_a_bad_document_stops_the_batch_unless_skip_bad(tmp_path: Path) -> None:
    root = folder(tmp_path)
    (root / "县" / "会议通知.txt").write_text("关于召开会议的通知\n今天下午三点开会。\n", encoding="utf-8")
    db = tmp_path / "graph.lbug"
    refused = run("load", str(root), db=db)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    bad = [x for x in refused.stderr.splitlines() if x.startswith("bad document ")]
    assert len(bad) == 1 and "会议通知.txt" in bad[0]
    assert "nothing loaded: 1 of 4 documents" in refused.stderr and "--skip-bad" in refused.stderr
    assert refused.stdout == ""
    assert not db.exists() or stored_ids(db) == []  # the store was never touched

    loaded = run("load", "--skip-bad", str(root), db=db)
    assert loaded.returncode == 0, loaded.stderr
    assert any(x.startswith("bad document ") and "会议通知.txt" in x for x in loaded.stderr.splitlines())
    assert "3 documents," in loaded.stdout and "1 bad documents" in loaded.stdout
    assert stored_ids(db) == expected(root)["ids"]


def test_several_paths_files_and_folders_mixed(tmp_path: Path) -> None:
    root = folder(tmp_path)
    extra = tmp_path / "临川.txt"
    shutil.copy(LAYOUTS / "city_inline_brackets.txt", extra)
    db = tmp_path / "graph.lbug"
    proc = run("load", "--json", str(root / "县"), str(extra), str(tmp_path / "没有这个文件夹"), db=db)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [Path(d["file"]).name for d in data["documents"]] == ["青石县.html", "临川.txt"]
    assert [Path(s["path"]).name for s in data["skipped"]] == ["没有这个文件夹"]
    assert stored_ids(db) == sorted([load_document(extra).document.id, load_document(root / "县" / "青石县.html").document.id])


def test_nothing_to_load_is_a_clean_error(tmp_path: Path) -> None:
    root = tmp_path / "空"
    root.mkdir()
    (root / "manifest.json").write_text("{}", encoding="utf-8")
    proc = run("load", str(root), db=tmp_path / "graph.lbug")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "no document to load" in proc.stderr.splitlines()[-1]


def test_progress_on_a_terminal(tmp_path: Path) -> None:
    """stderr on a pseudo-terminal: the progress line (files parsed n/N, measures, then
    loading and linking); the summary still goes to stdout."""
    root = folder(tmp_path)
    env = dict(os.environ)
    env.pop("POLICYGRAPH_STORE", None)
    env["POLICYGRAPH_DB_PATH"] = str(tmp_path / "graph.lbug")
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*PY, "load", str(root)], stdout=subprocess.PIPE, stderr=slave, env=env, cwd=ROOT
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    out, _ = proc.communicate(timeout=300)
    os.close(master)
    err = b"".join(chunks).decode("utf-8")
    assert proc.returncode == 0, err
    want = expected(root)
    assert "parsed 0/3 files" in err and f"parsed 3/3 files · {want['measures']} measures" in err
    assert err.index("loading…") < err.index("linking…")
    assert "\r" in err  # one line, overwritten
    assert "3 documents," in out.decode("utf-8")
