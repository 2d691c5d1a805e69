"""Header synonyms (graph/data/table_headers.csv, every row), traditional-character tables,
``A（牵头）、B`` cells, and the real State Council page (shared/examples)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from loaders import load_document, parse_text
from loaders.formats.html import extract_html
from loaders.table import TABLE_HEADERS_CSV, map_header

ROWS = list(csv.DictReader(TABLE_HEADERS_CSV.open(encoding="utf-8", newline="")))
BASE = {"task_title": "重点任务", "measure_no": "措施序号", "text": "落实措施", "resp": "责任单位", "deadline": "完成时限"}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['role']}-{r['header']}" for r in ROWS])
def test_every_header_row_maps_its_column(row: dict[str, str]) -> None:
    cols = dict(BASE)
    cols[row["role"]] = row["header"]
    if row["role"] in ("lead", "support"):
        cols.pop("resp")
        cols["lead" if row["role"] == "support" else "support"] = "配合单位" if row["role"] == "lead" else "牵头单位"
        cols[row["role"]] = row["header"]
    names = list(dict.fromkeys(cols.values()))
    if len(names) < len(cols):
        pytest.skip("synonym equal to a base column name")
    found = map_header(names)
    assert found is not None and names[found[row["role"]]] == row["header"]


def test_synonym_columns_and_leader_kept_with_the_clause() -> None:
    text = (
        "序号\t工作任务\t具体措施\t牵头单位\t配合单位\t责任领导\t完成时限\t备注\n"
        "1\t稳增长\t扩大有效投资。\t区发展改革委\t区财政局、区住建委\t张三副区长\t6月底前完成\t\n"
    )
    p = parse_text(text, "syn.tsv")
    m = p.measures[0]
    assert [(r.unit, r.role) for r in m.responsibilities] == [
        ("区发展改革委", "lead"), ("区财政局", "support"), ("区住建委", "support")
    ]
    assert "张三副区长" in m.clause_text and all("张三" not in r.unit for r in m.responsibilities)
    assert m.deadline.text == "6月底前完成"


def test_responsibility_cell_with_bracketed_lead() -> None:
    text = "序号\t具体措施\t责任单位\t完成时限\n1\t扩大有效投资。\t区财政局、区发展改革委（牵头）、区住建委\t年内持续推进\n"
    m = parse_text(text, "mark.tsv").measures[0]
    assert [(r.unit, r.role) for r in m.responsibilities] == [
        ("区发展改革委", "lead"), ("区财政局", "support"), ("区住建委", "support")
    ]


def test_traditional_table_reads_like_simplified() -> None:
    simp = "任务序号\t重点工作任务\t措施序号\t落实措施\t责任单位\t完成时限\n一\t稳定增长\t1\t做好工作。\t区财政局牵头，区税务局配合\t6月底前完成\n"
    trad = "任務序號\t重點工作任務\t措施序號\t落實措施\t責任單位\t完成時限\n一\t穩定增長\t1\t做好工作。\t區財政局牽頭，區稅務局配合\t6月底前完成\n"
    a, b = parse_text(simp, "s.tsv"), parse_text(trad, "t.tsv")
    assert [(r.unit, r.role) for r in b.measures[0].responsibilities] == [
        (r.unit, r.role) for r in a.measures[0].responsibilities
    ] == [("区财政局", "lead"), ("区税务局", "support")]
    assert b.measures[0].deadline.date == a.measures[0].deadline.date


# --- the real page: 国发〔2018〕39号 as published on gov.cn ----------------------

EXAMPLE = Path("/work/shared/examples/guofa_2018_39_order_implied.html")
if not EXAMPLE.exists():  # CI keeps shared/ beside the clone
    EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "examples" / EXAMPLE.name
# the 15 clauses, verbatim (shared/examples/README.md)
CLAUSES = [
    "人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同",
    "财政部、工业和信息化部、人民银行、银保监会负责",
    "财政部、人力资源社会保障部、人民银行、银保监会负责",
    "人力资源社会保障部、科技部、财政部、住房城乡建设部、市场监管总局，各省级人民政府按职责分工负责",
    "人力资源社会保障部等有关部门和单位负责",
    "人力资源社会保障部、财政部负责",
    "人力资源社会保障部、财政部、教育部等有关部门和单位负责",
    "人力资源社会保障部、财政部负责",
    "人力资源社会保障部、财政部、税务总局，各省级人民政府按职责分工负责",
    "人力资源社会保障部、医保局负责",
    "财政部、人力资源社会保障部、民政部等有关部门和单位按职责分工负责",
    "各省级人民政府负责",
    "各有关部门和单位按职责分工负责",
    "各有关部门和单位，各省级人民政府按职责分工负责",
    "各有关部门和单位，各省级人民政府按职责分工负责",
]
NUMS = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五".split()
pytestmark_example = pytest.mark.skipif(not EXAMPLE.exists(), reason="shared/examples not present")


@pytestmark_example
def test_example_page_comes_out_as_clean_lines() -> None:
    ex = extract_html(EXAMPLE.read_text(encoding="utf-8"))
    lines = ex.text.splitlines()
    assert lines[:4] == ["国务院关于做好当前和今后一个时期", "促进就业工作的若干意见", "国发〔2018〕39号",
                         "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："]
    assert lines[4].startswith("就业是最大的民生") and lines[4].endswith("为此，提出以下意见：")
    sections = [x for x in lines if x[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert sections == ["一、支持企业稳定发展", "二、鼓励支持就业创业", "三、积极实施培训",
                        "四、及时开展下岗失业人员帮扶", "五、落实各方责任"]
    items = [x for x in lines if x.startswith("（") and x[1:x.index("）")] in NUMS]
    assert [x[1 : x.index("）")] for x in items] == NUMS
    for item, clause in zip(items, CLAUSES, strict=True):
        assert item.endswith(f"（{clause}）"), item[:20]
    assert lines[-5:-1] == [lines[-5], "国务院", "2018年11月16日", "（此件公开发布）"]
    assert lines[-5].startswith("从工业企业结构调整专项奖补资金") and "（" not in lines[-5]
    assert not any(x in ex.text for x in ("索 引 号", "主题分类", "发文机关", "<", "&nbsp;", "\xa0", "收藏"))
    assert ex.fields["issuer"] == "国务院" and ex.fields["date"] == "2018年11月16日"
    assert ex.fields["doc_number"] == "国发〔2018〕39号"


@pytestmark_example
def test_example_page_measures_and_metadata() -> None:
    p = load_document(EXAMPLE)
    d = p.document
    assert (d.id, d.issuer, d.doc_number, d.published, d.level, d.format) == (
        "国发〔2018〕39号", "国务院", "国发〔2018〕39号", "2018-11-16", "national", "html"
    )
    assert d.title == "国务院关于做好当前和今后一个时期促进就业工作的若干意见"
    with_clause = [m for m in p.measures if m.clause_text]
    assert [m.clause_text for m in with_clause] == CLAUSES
    assert [m.task.seq for m in with_clause] == NUMS


@pytestmark_example
def test_example_page_order_implied_leads() -> None:
    p = load_document(EXAMPLE)
    assert len(p.measures) == 15  # the closing paragraph is not a measure
    first = [(r.unit, r.role) for r in p.measures[0].responsibilities]
    assert first == [("人力资源社会保障部", "lead"), ("财政部", "support")]
    assert [r.role for r in p.measures[1].responsibilities] == ["lead", "support", "support", "support"]
    for m, clause in zip(p.measures, CLAUSES, strict=True):  # no unit of a clause dropped
        written = {r.as_written for r in m.responsibilities}
        for name in clause.split("。")[0].replace("，", "、").split("、"):
            name = name.replace("按职责分工负责", "").replace("负责", "")
            assert any(name in w or w in name for w in written), name
