"""loaders.batch on a real folder of mixed files: documents in every format, a manifest,
an image, a hidden file, a broken document and a sub-folder."""

from __future__ import annotations

import json
from pathlib import Path

from graph.model import DocumentError, ParsedDocument
from loaders.batch import Skipped, iter_sources, parse_sources
from tests.formats.makers import make


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "收文"
    (root / "二季度").mkdir(parents=True)
    make("docx-table", root)
    make("pdf-prose", root)
    make("html-table", root / "二季度")
    make("xls", root / "二季度")
    (root / "manifest.json").write_text(json.dumps({"files": 4}), encoding="utf-8")
    (root / "扫描件.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (root / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (root / "~$临时.docx").write_bytes(b"owner file")
    (root / "坏文件.txt").write_text("今天下午开会。\n", encoding="utf-8")
    return root


def test_iter_sources_expands_folders_sorted_and_notes_what_it_skips(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    items = list(iter_sources([root]))
    docs = [x.relative_to(root).as_posix() for x in items if isinstance(x, Path)]
    assert docs == sorted(docs, key=lambda s: s.split("/")) and len(docs) == 5
    assert set(docs) == {
        "xiqing_2023_docx-table.docx", "xiqing_2023_pdf-prose.pdf", "坏文件.txt",
        "二季度/xiqing_2023_html-table.html", "二季度/xiqing_2023_xls.xls",
    }
    skipped = {x.path.name: x for x in items if isinstance(x, Skipped)}
    assert set(skipped) == {"manifest.json", "扫描件.png", ".DS_Store", "~$临时.docx"}
    assert "not a document type" in str(skipped["manifest.json"])
    assert "hidden" in skipped[".DS_Store"].reason
    assert all("\n" not in str(x) for x in skipped.values())


def test_several_paths_and_a_missing_one(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    one = root / "xiqing_2023_pdf-prose.pdf"
    items = list(iter_sources([one, tmp_path / "nope", root / "二季度"]))
    assert items[0] == one
    assert isinstance(items[1], Skipped) and "no such file" in items[1].reason
    assert [x.name for x in items[2:]] == ["xiqing_2023_html-table.html", "xiqing_2023_xls.xls"]
    assert list(iter_sources([one, one])) == [one]  # named twice, parsed once


def test_parse_sources_yields_each_result_without_aborting(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    results = list(parse_sources([root]))
    parsed = [(p.name, r) for p, r in results if isinstance(r, ParsedDocument)]
    errors = [(p.name, r) for p, r in results if isinstance(r, DocumentError)]
    skipped = [r for _, r in results if isinstance(r, Skipped)]
    assert len(parsed) == 4 and all(len(r.measures) == 30 for _, r in parsed)
    assert {r.document.format for _, r in parsed} == {"docx", "pdf", "html", "xls"}
    assert [n for n, _ in errors] == ["坏文件.txt"] and "unrecognised" in errors[0][1].reason
    assert len(skipped) == 4
