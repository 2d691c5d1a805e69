"""The table path reads what the prose path reads: the order-implied lead declared
anywhere in the document, the 责任领导 column as the measure's leaders, unknown agencies
kept with the issuing government -- on tests/data/layouts/city_table_order_implied.tsv
(hand-checked per measure in tests/expected/layouts/city_table_order_implied.tsv) and on
variants of it written here."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from graph.model import ParsedDocument
from loaders import load_document, parse_text

DOC = Path(__file__).resolve().parents[2] / "tests" / "data" / "layouts" / "city_table_order_implied.tsv"
DECLARATION = "任务清单中责任单位排在第一位的为牵头单位，下同。"
HEADER = "序号\t重点任务\t具体措施\t责任单位\t责任领导\t完成时限\t备注"


def text() -> str:
    return DOC.read_text(encoding="utf-8")


def roles(p: ParsedDocument, number: int, clause: int = 1) -> dict[str, list[str]]:
    m = next(m for m in p.measures if (m.number, m.clause) == (number, clause))
    return {k: [r.as_written for r in m.responsibilities if r.role == k] for k in ("lead", "support", "joint")}


def test_without_the_declaration_no_lead_is_invented() -> None:
    src = text()
    assert DECLARATION in src
    p = parse_text(src.replace(DECLARATION, ""), "no_rule.tsv")
    assert roles(p, 2) == {"lead": [], "support": [], "joint": ["市政务服务办", "市发展改革委", "市大数据中心"]}
    assert roles(p, 3) == {"lead": [], "support": [], "joint": ["市市场监管局"]}
    # a lead the row marks itself stays: A（牵头）、B and A牵头，B配合
    assert roles(p, 4)["lead"] == ["市住房城乡建设局"] and roles(p, 21)["lead"] == ["市司法局"]


def test_declaration_in_a_footnote_or_a_note_cell() -> None:
    src = text().replace(DECLARATION, "")
    want = load_document(DOC)
    footnote = parse_text(src + "注：排在第一位的为牵头单位。\n", "footnote.tsv")
    first_row = next(x for x in src.splitlines() if x.startswith("1\t"))
    in_note = parse_text(src.replace(first_row, first_row.rstrip("\t") + "\t列第一位者为牵头单位，下同"), "note.tsv")
    for p in (footnote, in_note):
        for m, w in zip(p.measures, want.measures, strict=True):
            assert [(r.as_written, r.role) for r in m.responsibilities] == [
                (r.as_written, r.role) for r in w.responsibilities
            ], m.id
    assert not any("列第一位" in r.as_written for m in in_note.measures for r in m.responsibilities)


def test_unknown_units_belong_to_the_issuing_government() -> None:
    p = load_document(DOC)
    assert p.document.issuer == "东川市人民政府办公室"
    unknown = {u.name: u for u in p.units if u.kind == "unknown"}
    assert {"市营商环境监督局", "市12345热线中心", "国网东川供电公司"} <= set(unknown)
    assert {u.government for u in unknown.values()} == {"东川市人民政府"}


def test_no_unit_dropped() -> None:
    """Every name written in a 责任单位 cell is in the model, as written."""
    p = load_document(DOC)
    written = {r.as_written for m in p.measures for r in m.responsibilities}
    names = []
    for line in text().splitlines():
        cells = line.split("\t")
        if len(cells) == 7 and line != HEADER:
            cell = re.sub(r"[（(]牵头[）)]|牵头|配合|等有关部门", "", cells[3])
            names += [n for n in re.split(r"[、，,]", cell) if n]
    assert len(names) >= 50
    assert [n for n in names if n not in written] == []


def test_leader_column_header_is_the_label() -> None:
    src = text().replace(HEADER, HEADER.replace("责任领导", "牵头市领导"))
    p = parse_text(src, "lead_leader.tsv")
    m1 = p.measures[0]
    assert [(x.name, x.title, x.label) for x in m1.leaders] == [("张明", "副市长", "牵头市领导")]
    assert not any("张明" in r.as_written for m in p.measures for r in m.responsibilities)


def test_the_same_table_as_xlsx_gives_the_same_model(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for line in text().splitlines():
        ws.append(line.split("\t") if "\t" in line else [line])
    path = tmp_path / "东川市任务清单.xlsx"
    wb.save(path)
    a, b = load_document(DOC), load_document(path)
    assert b.document.format == "xlsx" and b.document.id == a.document.id
    assert [(m.id, m.text, [(r.unit, r.role) for r in m.responsibilities], m.leaders, m.deadline) for m in b.measures] == [
        (m.id, m.text, [(r.unit, r.role) for r in m.responsibilities], m.leaders, m.deadline) for m in a.measures
    ]
