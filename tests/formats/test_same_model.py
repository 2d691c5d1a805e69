"""One division (tests/data/formats/xiqing_2023_tasks.tsv), written in every format by the
real libraries (tests/formats/makers.py), reads to the same model as the .tsv original:
document, tasks, measure texts, units with roles, deadlines; and the model is the one
hand-checked in tests/expected/formats_xiqing_2023.tsv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.model import ParsedDocument
from loaders import load_document
from tests.formats.makers import SOURCE, WRITERS, make, source

EXPECTED = Path(__file__).resolve().parents[1] / "expected" / "formats_xiqing_2023.tsv"
FORMAT_OF = {
    "txt": "prose", "tsv": "table", "csv": "csv", "xlsx": "xlsx", "xls": "xls",
    "docx-table": "docx", "docx-prose": "docx", "html-table": "html", "html-prose": "html",
    "pdf-table": "pdf", "pdf-prose": "pdf",
}


def model(p: ParsedDocument) -> list[tuple]:
    return [
        (
            m.id,
            m.number,
            m.clause,
            m.task.seq,
            m.task.title,
            m.text,
            [(r.unit, r.as_written, r.role, r.collective) for r in m.responsibilities],
            m.open_ended,
            m.deadline and (m.deadline.text, m.deadline.kind, m.deadline.date),
            [(t.indicator, t.op, t.value, t.unit) for t in m.targets],
        )
        for m in p.measures
    ]


def document(p: ParsedDocument) -> tuple:
    d = p.document
    return (d.id, d.title, d.issuer, d.doc_number, d.level, d.region, d.published, d.year,
            [(r.doc_number, r.title) for r in d.implements])


@pytest.fixture(scope="module")
def original() -> ParsedDocument:
    return load_document(SOURCE)


def test_the_original_is_the_hand_checked_model(original: ParsedDocument) -> None:
    with EXPECTED.open(encoding="utf-8", newline="") as f:
        want = list(csv.DictReader(f, delimiter="\t"))
    got = [
        {
            "measure": m.id.split(":")[1],
            "task": m.task.seq,
            "units": ";".join(f"{r.unit}:{r.role}" for r in m.responsibilities),
            "open_ended": str(m.open_ended).lower(),
            "deadline_kind": m.deadline.kind,
            "deadline_date": m.deadline.date or "",
            "milestones": ";".join(x.date or "" for x in m.deadline.milestones),
        }
        for m in original.measures
    ]
    assert got == want
    assert len(original.measures) == len(source().rows) == 30
    assert document(original)[:8] == (
        "西青政发〔2023〕3号", "天津市西青区人民政府关于印发2023年重点工作任务分工的通知", "西青区人民政府",
        "西青政发〔2023〕3号", "district", "西青区", "2023-02-20", 2023,
    )
    assert not original.warnings


def test_every_unit_of_the_text_is_in_the_model(original: ParsedDocument) -> None:
    import re

    for row, m in zip(source().rows, original.measures, strict=True):
        clause = re.sub(r"(牵头|配合|负责|等按职责分工负责|按职责分工负责)", "、", row[4])
        names = [x for x in re.split(r"[、，]", clause) if x]
        written = [r.as_written for r in m.responsibilities]
        assert names == written, row[2]


@pytest.mark.parametrize("kind", list(WRITERS))
def test_every_format_gives_the_same_model(tmp_path: Path, kind: str, original: ParsedDocument) -> None:
    path = make(kind, tmp_path)
    parsed = load_document(path)
    assert parsed.document.format == FORMAT_OF[kind]
    assert document(parsed) == document(original)
    assert [(t.seq, t.title) for t in parsed.tasks] == [(t.seq, t.title) for t in original.tasks]
    assert model(parsed) == model(original)
    # a format adds no noise of its own: page numbers, running headers, site chrome are gone
    assert [w.message for w in parsed.warnings if "outside the table" not in w.message] == []
