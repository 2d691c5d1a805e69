"""Loaders end to end: both seeds, the small documents the issue lists, every input
format and encoding, and bad input that must fail with one clear DocumentError."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from graph.model import DocumentError, ParsedDocument
from loaders import load_document, parse_text

SAMPLES = Path(__file__).resolve().parents[1] / "policygraph" / "samples"
CITY = SAMPLES / "tianjin_city_2022_task_division.txt"
DISTRICT = SAMPLES / "xiqing_district_2022_task_list.txt"


def rs(parsed: ParsedDocument, mid: str) -> list[tuple[str, str]]:
    m = next(m for m in parsed.measures if m.id.endswith(":" + mid))
    return [(r.unit, r.role) for r in m.responsibilities]


# --- the seeds -----------------------------------------------------------------


@pytest.fixture(scope="module")
def city() -> ParsedDocument:
    return load_document(CITY)


@pytest.fixture(scope="module")
def district() -> ParsedDocument:
    return load_document(DISTRICT)


def test_city_metadata(city: ParsedDocument) -> None:
    d = city.document
    assert d.id == "天津市人民政府-2022-05-06"
    assert d.title == "天津市人民政府印发关于落实国务院《政府工作报告》重点工作任务分工的通知"
    assert (d.issuer, d.level, d.region, d.published, d.year, d.format) == (
        "天津市人民政府",
        "city",
        "天津市",
        "2022-05-06",
        2022,
        "prose",
    )
    assert [(r.doc_number, r.title) for r in d.implements] == [
        ("国发〔2022〕9号", "国务院关于落实〈政府工作报告〉重点工作分工的意见")
    ]


def test_city_counts_and_numbering(city: ParsedDocument) -> None:
    assert len(city.measures) == 170
    assert len({m.number for m in city.measures}) == 52
    assert len(city.tasks) == 44
    assert len({m.id for m in city.measures}) == 170
    item10 = [m for m in city.measures if m.number == 10]
    assert [m.clause for m in item10] == [1, 2, 3, 4]
    assert item10[0].line == 45
    assert item10[3].text.startswith("指导金融机构持续释放贷款市场报价利率（LPR）改革效能")
    assert "（不含水资源税）" in next(m for m in city.measures if m.number == 14).text
    assert city.measures[0].task.title == "总体要求和主要预期目标"


def test_city_clauses(city: ParsedDocument) -> None:
    assert rs(city, "1.1") == [("市政府各部门", "joint")]
    assert rs(city, "7.1")[:2] == [("市财政局", "lead"), ("市发展改革委", "support")]
    assert rs(city, "16.3") == [
        ("市发展改革委", "lead"),
        ("市工业和信息化局", "lead"),
        ("市财政局", "lead"),
        ("市市场监管委", "lead"),
        ("天津市有关部门", "support"),
    ]
    m = next(m for m in city.measures if m.id.endswith(":14.1"))
    assert m.deadline.kind == "ongoing" and m.deadline.before_publication
    assert [(x.date, x.action) for x in m.deadline.milestones] == [("2022-04-30", "出台相关政策")]


def test_city_warnings_are_only_the_two_early_milestones(city: ParsedDocument) -> None:
    assert [(w.line, "before the document's publication date" in w.message) for w in city.warnings] == [
        (60, True),
        (161, True),
    ]
    assert all(w.file.endswith(CITY.name) for w in city.warnings)


def test_district_metadata(district: ParsedDocument) -> None:
    d = district.document
    assert d.id == "西青区人民政府-2022-07-27"
    assert (d.issuer, d.level, d.region, d.published, d.format) == (
        "西青区人民政府",
        "district",
        "西青区",
        "2022-07-27",
        "table",
    )
    assert [r.doc_number for r in d.implements] == ["国发〔2022〕9号", "津政发〔2022〕9号"]
    assert d.implements[1].title == "天津市人民政府印发关于落实国务院〈政府工作报告〉重点工作任务分工的通知"


def test_district_rows(district: ParsedDocument) -> None:
    assert len(district.measures) == 135
    assert len(district.tasks) == 38
    assert len({m.id for m in district.measures}) == 135
    by_id = {m.id.split(":")[1]: m for m in district.measures}
    # page-break repeat of measure number 12 / 15 continues the same number
    assert by_id["12.2"].line == 50 and by_id["15.3"].line == 57
    assert by_id["38.1"].task.seq == "三十一"
    assert district.tasks[3].title == "强化就业优先政策"
    assert all("<p>" not in m.text and "</p>" not in m.text for m in district.measures)
    assert by_id["2.1"].deadline.text == "12 月底前完成" or by_id["2.1"].deadline.text == "12月底前完成"
    assert by_id["2.1"].deadline.date == "2022-12-31"
    assert rs(district, "44.2") == [("区司法局", "lead"), ("西青区有关部门", "support")]
    assert [(r.as_written, r.unit) for r in by_id["21.2"].responsibilities][0] == (
        "区市场监管局",
        "区市场监管局",
    )
    assert not district.warnings


def test_units_list(district: ParsedDocument) -> None:
    units = {u.name: u for u in district.units}
    assert units["公安西青分局"].kind == "branch"
    assert units["区政府各部门"].collective and units["区政府各部门"].government == "西青区人民政府"
    assert units["西青区有关部门"].government == "西青区人民政府"
    assert "区农业农村局" not in units and "区农业农村委" in units


def test_to_dict_is_json_ready(city: ParsedDocument) -> None:
    import json

    d = city.to_dict()
    json.dumps(d, ensure_ascii=False)
    m = d["measures"][0]
    assert {
        "id",
        "task",
        "number",
        "clause",
        "text",
        "responsibilities",
        "open_ended",
        "deadline",
        "targets",
    } <= set(m)


# --- the small documents the issue lists ---------------------------------------

STYLES = """测试市人民政府关于印发重点工作分工的通知

2023年1月10日

一、稳定经济运行。
1．加强统筹调度。（市财政局牵头，市税务局配合，年内持续推进）
2.做好就业工作。（市人社局会同市教委负责，6月底前完成）
二、保障改善民生。
3。推进住房保障。（市住房城乡建设委负责）
4﹒加强医疗卫生。（市卫生健康委、市医保局牵头，4月底前出台相关政策，年内持续推进）
5．推动产业协作。(市发展改革委与市商务局按职责分工负责，年内持续推进)
"""


def test_item_styles_sections_and_clauses() -> None:
    p = parse_text(STYLES, "styles.txt")
    # 测试市 is not in the data file: its 市X names are its own agencies, not 天津's
    assert [m.id.split(":")[1] for m in p.measures] == ["1.1", "2.1", "3.1", "4.1", "5.1"]
    assert [(t.seq, t.title) for t in p.tasks] == [("一", "稳定经济运行"), ("二", "保障改善民生")]
    assert rs(p, "1.1") == [("测试市财政局", "lead"), ("测试市税务局", "support")]
    assert rs(p, "2.1") == [("测试市人社局", "lead"), ("测试市教委", "support")]
    assert rs(p, "3.1") == [("测试市住房城乡建设委", "joint")]
    assert rs(p, "5.1") == [("测试市发展改革委", "joint"), ("测试市商务局", "joint")]
    m4 = p.measures[3]
    assert (m4.deadline.kind, m4.deadline.date) == ("ongoing", "2023-12-31")
    assert [(x.date, x.action) for x in m4.deadline.milestones] == [("2023-04-30", "出台相关政策")]
    assert not m4.deadline.before_publication
    assert p.measures[1].deadline.date == "2023-06-30"
    assert p.document.year == 2023 and p.document.level == "city"
    assert [w.message for w in p.warnings if "unknown" not in w.message] == []


PAREN_SECTIONS = """某某区人民政府关于重点工作的任务分工

（一）稳增长。
1．扩大有效投资，全年新增就业1000人以上。（市发展改革委牵头，有关部门按职责分工负责，12月底前完成）落实减税降费。（市税务局负责，年内持续推进）
（二）惠民生。
2．办好民生实事。（市政府各部门分别负责，年内持续推进）
"""


def test_paren_sections_and_several_clauses_per_item() -> None:
    p = parse_text(PAREN_SECTIONS, "paren.txt")
    assert [(m.number, m.clause, m.task.seq) for m in p.measures] == [
        (1, 1, "一"),
        (1, 2, "一"),
        (2, 1, "二"),
    ]
    assert p.measures[0].targets[0].value == 1000 and p.measures[0].targets[0].op == ">="
    assert p.measures[2].responsibilities[0].collective


LABELLED = """关于印发工作方案的通知
（一）优化营商环境。
1．深化“放管服”改革。
牵头单位：市发展改革委
配合单位：市财政局、市商务局
完成时限：2023年6月底前完成
2．推进数字政府建设。
责任单位：市政务服务办、市委网信办
完成时限：年内持续推进
"""


def test_labelled_lines() -> None:
    p = parse_text(LABELLED, "labelled.txt")
    assert len(p.measures) == 2
    assert rs(p, "1.1") == [("市发展改革委", "lead"), ("市财政局", "support"), ("市商务局", "support")]
    assert rs(p, "2.1") == [("市政务服务办", "joint"), ("市委网信办", "joint")]
    assert p.measures[0].text == "深化“放管服”改革。"
    assert (p.measures[0].deadline.kind, p.measures[0].deadline.date) == ("due", "2023-06-30")


HTML = """<html><body><h1>测试市人民政府关于重点工作分工的通知</h1>
<p>2022年3月1日</p>
<p>一、加强组织领导</p>
<p>1．<span>加强统筹</span>&nbsp;协调。（市财政局牵头，<b>市税务局</b>等按职责分工负责，年内持续推进）</p>
</body></html>
"""


def test_html_paragraphs_and_tags() -> None:
    p = parse_text(HTML, "page.html")
    (m,) = p.measures
    assert m.text == "加强统筹协调。"
    assert rs(p, "1.1") == [("测试市财政局", "lead"), ("测试市税务局", "support")]
    assert m.open_ended
    assert p.document.published == "2022-03-01"


NATIONAL_TRAD = """國務院關於落實重點工作分工的意見
2022年3月20日
一、穩定宏觀經濟大盤
1．做好就業工作。（國家發展改革委牽頭，人力資源社會保障部、全國總工會等按職責分工負責，年內持續推進）
2．推進鐵路建設。（中國國家鐵路集團有限公司負責，12月底前完成）
"""


def test_national_names_and_traditional_characters() -> None:
    p = parse_text(NATIONAL_TRAD, "guowuyuan.txt")
    assert p.document.issuer == "国务院" and p.document.level == "national"
    assert rs(p, "1.1") == [
        ("国家发展改革委", "lead"),
        ("人力资源社会保障部", "support"),
        ("全国总工会", "support"),
    ]
    assert [r.as_written for r in p.measures[0].responsibilities][0] == "國家發展改革委"
    assert rs(p, "2.1") == [("中国国家铁路集团有限公司", "joint")]
    assert p.measures[0].text == "做好就業工作。"
    assert all(u.level == "national" for u in p.units)
    assert not p.warnings


def test_unknown_unit_and_clause_problem_become_warnings() -> None:
    text = "1．做好工作。（市月球开发局牵头，确保资金到位，年内持续推进）\n"
    p = parse_text(text, "w.txt")
    (m,) = p.measures
    assert [r.unit for r in m.responsibilities] == ["市月球开发局"]
    msgs = [(w.file, w.line, w.message) for w in p.warnings]
    assert any(f == "w.txt" and ln == 1 and "unknown unit 市月球开发局" in msg for f, ln, msg in msgs)
    assert any("确保资金到位" in msg for _, _, msg in msgs)


def test_item_numbers_restarting_per_section_become_document_wide() -> None:
    text = "一、甲\n1．甲一。（市财政局负责）\n二、乙\n1．乙一。（市财政局负责）\n"
    p = parse_text(text, "r.txt")
    assert [m.number for m in p.measures] == [1, 2]
    assert any("restart" in w.message for w in p.warnings)


def test_trailing_text_without_clause_is_kept_with_warning() -> None:
    p = parse_text("1．甲。（市财政局负责）乙项工作要抓好。\n", "t.txt")
    assert [m.text for m in p.measures] == ["甲。", "乙项工作要抓好。"]
    assert p.measures[1].responsibilities == []
    assert any("without a responsibility clause" in w.message for w in p.warnings)


# --- formats and encodings -----------------------------------------------------


def _district_rows() -> list[list[str]]:
    return [line.split("\t") for line in DISTRICT.read_text(encoding="utf-8").splitlines()]


def _same_measures(a: ParsedDocument, b: ParsedDocument) -> None:
    assert len(a.measures) == len(b.measures)
    for x, y in zip(a.measures, b.measures, strict=True):
        assert (x.number, x.clause, x.text, x.task.seq) == (y.number, y.clause, y.text, y.task.seq)
        assert [(r.unit, r.role) for r in x.responsibilities] == [
            (r.unit, r.role) for r in y.responsibilities
        ]
        assert (x.deadline and x.deadline.date) == (y.deadline and y.deadline.date)


def test_csv_same_as_tsv(tmp_path: Path, district: ParsedDocument) -> None:
    path = tmp_path / "xiqing.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(_district_rows())
    p = load_document(path)
    assert p.document.format == "csv"
    assert p.document.published == "2022-07-27"
    _same_measures(p, district)


def test_xlsx_same_as_tsv(tmp_path: Path, district: ParsedDocument) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in _district_rows():
        ws.append([c if c else None for c in row])
    path = tmp_path / "xiqing.xlsx"
    wb.save(path)
    p = load_document(path)
    assert p.document.format == "xlsx"
    assert p.document.issuer == "西青区人民政府"
    _same_measures(p, district)


def test_pipe_table() -> None:
    text = (
        "| 任务序号 | 重点工作任务 | 措施序号 | 落实措施 | 责任单位 | 完成时限 |\n"
        "|---|---|---|---|---|---|\n"
        "| (一) | 稳增长 | 1 | 做好工作。 | 区财政局牵头，区税务局配合 | 12月底前完成 |\n"
        "| | | | 抓好落实。 | 区人社局负责 | 年内持续推进 |\n"
    )
    p = parse_text(text, "pipe.md")
    assert [m.id.split(":")[1] for m in p.measures] == ["1.1", "1.2"]
    assert rs(p, "1.1") == [("区财政局", "lead"), ("区税务局", "support")]


def test_separate_lead_and_support_columns() -> None:
    text = "序号\t工作任务\t具体措施\t牵头单位\t配合单位\t完成时限\n1\t稳增长\t做好工作。\t市财政局\t市税务局、市人社局\t年底前完成\n"
    p = parse_text(text, "cols.tsv")
    assert rs(p, "1.1") == [("市财政局", "lead"), ("市税务局", "support"), ("市人社局", "support")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"styles-{encoding}.txt"
    path.write_bytes(STYLES.encode(encoding))
    p = load_document(path)
    assert len(p.measures) == 5
    assert p.measures[0].text == "加强统筹调度。"


def test_big5_traditional(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(NATIONAL_TRAD.encode("big5"))
    p = load_document(path)
    assert rs(p, "1.1")[0] == ("国家发展改革委", "lead")


def test_district_seed_in_gbk(tmp_path: Path, district: ParsedDocument) -> None:
    path = tmp_path / "xiqing-gbk.txt"
    path.write_bytes(DISTRICT.read_text(encoding="utf-8").encode("gbk"))
    _same_measures(load_document(path), district)


# --- bad input -----------------------------------------------------------------


def _error(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as exc:
        load_document(path)
    assert str(path) in str(exc.value)
    assert "\n" not in str(exc.value)
    return exc.value


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _error(tmp_path / "nope.txt").reason


def test_directory(tmp_path: Path) -> None:
    assert "directory" in _error(tmp_path).reason


@pytest.mark.parametrize("content", [b"", b"   \n\n  "])
def test_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "empty" in _error(path).reason


def test_binary(tmp_path: Path) -> None:
    path = tmp_path / "bin.txt"
    path.write_bytes(bytes(range(256)) * 20)
    _error(path)


def test_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"\x81\x20\xfe\xff\x80\x80\x81 " * 50)
    _error(path)


@pytest.mark.parametrize(
    ("name", "data", "word"),
    [
        ("a.pdf", b"%PDF-1.4 xxx", "PDF"),
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "legacy"),
        ("a.xlsx", b"PK\x03\x04garbage", "zip"),
        ("a.xlsx", "任务序号,落实措施".encode(), "xlsx"),
    ],
)
def test_unsupported_binaries(tmp_path: Path, name: str, data: bytes, word: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert word in _error(path).reason


def test_unrecognised_text(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("各位同事：\n今天下午开会，请准时参加。\n", encoding="utf-8")
    assert "unrecognised" in _error(path).reason


def test_document_with_no_recognisable_clause_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "noclause.txt"
    path.write_text("一、总体要求\n1．加强组织领导。\n2．狠抓工作落实。\n", encoding="utf-8")
    err = _error(path)
    assert "no recognisable responsibility clause" in err.reason


def test_table_without_header_rows(tmp_path: Path) -> None:
    with pytest.raises(DocumentError):
        parse_text("任务序号\t重点工作任务\t措施序号\t落实措施\t责任单位\n", "h.tsv")


def test_large_input_is_fast() -> None:
    row = "(一)\t稳增长\t{i}\t做好工作，地区生产总值增长6%以上，新建{i}个项目。\t区财政局牵头，区税务局等按职责分工负责\t12月底前完成\t\n"
    text = "任务序号\t重点工作任务\t措施序号\t落实措施\t责任单位\t完成时限\t备注\n" + "".join(
        row.format(i=i) for i in range(1, 6000)
    )
    t = time.perf_counter()
    p = parse_text(text, "big.tsv")
    assert len(p.measures) == 5999
    assert time.perf_counter() - t < 10


def test_pathological_brackets_and_digits_do_not_hang() -> None:
    text = "1．" + "（" * 20000 + "牵头" + "1" * 200000 + "增长5%" * 20000 + "（市财政局牵头）"
    t = time.perf_counter()
    with pytest.raises(DocumentError):  # the unclosed brackets swallow the clause: a clear error
        parse_text(text, "p.txt")
    text2 = "1．甲" + "1" * 200000 + "增长5%" * 20000 + "（市财政局牵头）"
    p = parse_text(text2, "p2.txt")
    assert len(p.measures) == 1
    assert time.perf_counter() - t < 10
