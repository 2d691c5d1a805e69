"""The layout grammar's document-wide rules on the layout documents: traditional copies,
the order rule (and its absence), no unit dropped, unknown units kept; and one test for
every row of the label and collective vocabularies (graph/data/labels.csv, collectives.csv)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from graph.normalize import COLLECTIVES_CSV, directory, to_simplified
from loaders import load_document, parse_text
from loaders.clause import parse_clause
from loaders.metadata import date_of_line
from loaders.vocabulary import LABELS_CSV

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "layouts"
DOCS = sorted(p.stem for p in DATA.glob("*.txt"))


def summary(path_or_text, source: str | None = None) -> list[tuple]:
    p = load_document(path_or_text) if source is None else parse_text(path_or_text, source)
    return [
        (
            m.number,
            m.clause,
            to_simplified(m.text),
            [(to_simplified(r.as_written), r.role, r.collective) for r in m.responsibilities],
            m.open_ended,
            [(to_simplified(x.name), to_simplified(x.title or "")) for x in m.leaders],
            m.deadline and (to_simplified(m.deadline.text), m.deadline.kind, m.deadline.date),
        )
        for m in p.measures
    ]


# --- traditional characters ------------------------------------------------------


@pytest.mark.parametrize("doc", [d for d in DOCS if d != "guofa_2018_39_plain"])
def test_traditional_copy_reads_like_the_simplified_one(doc: str, tmp_path: Path) -> None:
    """OpenCC writes a traditional copy (牽頭單位, 號, 辦公廳, 二〇二三年…); it must give
    the same measures, roles, leaders, deadlines and metadata."""
    opencc = pytest.importorskip("opencc")
    src = DATA / f"{doc}.txt"
    text = src.read_text(encoding="utf-8")
    trad = opencc.OpenCC("s2t").convert(text)
    assert trad != text and len(trad) == len(text)
    copy = tmp_path / f"{doc}.txt"
    copy.write_text(trad, encoding="utf-8")
    assert summary(copy) == summary(src)
    a, b = load_document(src).document, load_document(copy).document
    assert (b.doc_number, b.published, b.level) == (a.doc_number, a.published, a.level)
    assert to_simplified(b.title) == a.title and to_simplified(b.issuer or "") == (a.issuer or "")


def test_traditional_labels_and_doc_number_by_hand() -> None:
    text = (
        "江北省人民政府辦公廳文件\n江政辦發〔2023〕12號\n江北省人民政府辦公廳關於印發重點任務分工的通知\n"
        "二〇二三年三月一日\n一、重點任務\n1．推進政務服務一網通辦。\n牽頭單位：省政務服務管理局\n"
        "配合單位：省財政廳\n完成時限：2023年6月底前\n責任領導：王建國（副省長）\n"
    )
    p = parse_text(text, "trad.txt")
    assert p.document.doc_number == "江政办发〔2023〕12号"
    assert p.document.published == "2023-03-01"
    assert "文件" not in p.document.title
    (m,) = p.measures
    assert [(r.as_written, r.role) for r in m.responsibilities] == [("省政務服務管理局", "lead"), ("省財政廳", "support")]
    assert [(x.name, x.title, x.label) for x in m.leaders] == [("王建國", "副省長", "责任领导")]
    assert m.deadline and m.deadline.date == "2023-06-30"


# --- metadata ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "iso"),
    [("二〇二三年三月一日", "2023-03-01"), ("二○○六年四月二十八日", "2006-04-28"), ("2022年5月6日", "2022-05-06"),
     ("二〇二三年十二月三十一日", "2023-12-31"), ("二〇二三年十三月一日", None), ("关于二〇二三年工作", None)],
)
def test_dates_in_chinese_numerals(line: str, iso: str | None) -> None:
    assert date_of_line(line) == iso


def test_red_header_is_not_title_or_issuer() -> None:
    d = load_document(DATA / "district_mixed.txt").document
    assert d.title == "南湖区人民政府关于印发南湖区2023年民生实事和重点工作责任分工的通知"
    assert d.issuer == "南湖区人民政府" and d.published == "2023-01-31" and d.doc_number == "南政发〔2023〕5号"


# --- the order rule ---------------------------------------------------------------------


def test_without_the_declaration_no_lead_is_invented() -> None:
    text = (DATA / "national_order_implied.txt").read_text(encoding="utf-8")
    declared = "各项任务分工中，排在第一位的为牵头单位，下同。"
    assert declared in text
    p = parse_text(text.replace(declared, ""), "no_rule.txt")
    leads = {m.number: [r.as_written for r in m.responsibilities if r.role == "lead"] for m in p.measures}
    assert {n: ls for n, ls in leads.items() if ls} == {7: ["体育总局"]}  # the one explicit 牵头
    assert all(r.role == "joint" for m in p.measures if m.number != 7 for r in m.responsibilities)


@pytest.mark.parametrize(
    "declaration",
    ["注：排在第一位的为牵头单位。", "（列第一位者为牵头单位，下同）", "第一责任单位为牵头单位。"],
)
def test_declaration_anywhere_and_never_a_unit(declaration: str) -> None:
    body = "一、任务\n1．做好甲工作。（市甲局、市乙局负责）\n2．做好乙工作。（市丙局负责）\n"
    for text in (f"某市人民政府关于某事的通知\n{declaration}\n{body}", f"某市人民政府关于某事的通知\n{body}{declaration}\n"):
        p = parse_text(text, "rule.txt")
        got = [[(r.as_written, r.role) for r in m.responsibilities] for m in p.measures]
        assert got == [[("市甲局", "lead"), ("市乙局", "support")], [("市丙局", "lead")]]
        assert all("牵头单位" not in r.as_written for m in p.measures for r in m.responsibilities)


# --- no unit dropped ------------------------------------------------------------------

_UNIT_LABELS = r"牵头单位|牵头部门|主办单位|责任单位|责任部门|配合单位|协办单位|参与单位|部门分工"
_VERBS_RE = re.compile(r"按职责分工负责|分别负责|负责落实|牵头|负责|配合|等有关部门和单位|等有关部门")
_DEADLINE_RE = re.compile(r"\d{4}年|月底前|年底前|持续推进|完成$")


def source_unit_names(text: str) -> list[str]:
    """Unit names read from the source independently of the loader: the values of unit
    labels and the lists in responsibility brackets, cut at separators and verbs."""
    chunks: list[str] = []
    for line in text.splitlines():
        s = line.strip()
        for m in re.finditer(rf"(?:{_UNIT_LABELS})\s*[：:]([^；;（(）)\]】〕]*)", s):
            chunks.append(m.group(1))
        for m in re.finditer(r"[（(〔\[【]([^（）()〔〕\[\]【】]*)[）)〕\]】]", s):
            inner = m.group(1)
            if re.search(r"负责|牵头|配合", inner) and not re.search(rf"{_UNIT_LABELS}\s*[：:]", inner):
                chunks.append(re.sub(r"。.*$", "", inner))
    names: list[str] = []
    for chunk in chunks:
        for part in re.split(r"[、，,；;。]", _VERBS_RE.sub("，", chunk)):
            part = part.strip().removesuffix("等")
            if part and not _DEADLINE_RE.search(part) and not part.startswith(("列第一位", "下同")):
                names.append(part)
    return names


@pytest.mark.parametrize("doc", DOCS)
def test_no_unit_dropped(doc: str) -> None:
    text = (DATA / f"{doc}.txt").read_text(encoding="utf-8")
    p = load_document(DATA / f"{doc}.txt")
    written = {r.as_written for m in p.measures for r in m.responsibilities}
    names = source_unit_names(text)
    assert len(names) >= 25
    missing = []
    for name in names:
        # a name that the grammar splits on 和/与/及 is found as its parts
        if name not in written and not all(x in written for x in re.split(r"[和与及]", name)):
            missing.append(name)
    assert not missing, missing


def test_unknown_units_kept_with_the_document_government_and_reported() -> None:
    p = load_document(DATA / "province_labelled_lines.txt")
    unknown = [u for u in p.units if u.kind == "unknown"]
    assert {u.name for u in unknown} >= {"省政务服务管理局", "国网江北省电力有限公司", "省人防办"}
    assert {u.government for u in unknown} == {"江北省人民政府"}
    reported = {re.search(r"unknown unit (\S+)", w.message).group(1) for w in p.warnings if "unknown unit" in w.message}
    assert {u.name for u in unknown} <= reported


def test_unknown_unit_in_a_field_is_not_dropped() -> None:
    res = parse_clause("滨海新区、中新天津生态城、某某科技有限公司", None, default_bare="support")
    assert [(r.as_written, r.role) for r in res.responsibilities] == [
        ("滨海新区", "support"), ("中新天津生态城", "support"), ("某某科技有限公司", "support")]
    assert not res.problems


# --- vocabulary rows ------------------------------------------------------------------


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


LABEL_ROWS = _rows(LABELS_CSV)


@pytest.mark.parametrize("row", LABEL_ROWS, ids=[r["phrase"] for r in LABEL_ROWS])
def test_label_row(row: dict[str, str]) -> None:
    label, kind = row["phrase"], row["kind"]
    head = "某市人民政府关于某事的通知\n2023年3月1日\n一、任务\n"
    if kind == "order_rule":
        text = f"某市人民政府关于某事的通知\n（{label}，下同）\n一、任务\n1．做好甲工作。（市甲局、市乙局负责）\n"
        (m,) = parse_text(text, "r.txt").measures
        assert [(r.as_written, r.role) for r in m.responsibilities] == [("市甲局", "lead"), ("市乙局", "support")]
        return
    value = {"deadline": "2023年6月底前", "leader": "张三"}.get(kind, "市甲局、市乙局")
    for colon in ("：", ":"):
        text = f"{head}1．做好甲工作。\n{label}{colon}{value}\n"
        (m,) = parse_text(text + ("" if kind in ("lead", "resp", "support") else "责任单位：市丙局\n"), "r.txt").measures
        assert m.text == "做好甲工作。"
        roles = [(r.as_written, r.role) for r in m.responsibilities]
        if kind == "lead":
            assert roles == [("市甲局", "lead"), ("市乙局", "lead")]
        elif kind == "support":
            assert roles == [("市甲局", "support"), ("市乙局", "support")]
        elif kind == "resp":
            assert roles == [("市甲局", "joint"), ("市乙局", "joint")]
        elif kind == "deadline":
            assert m.deadline and m.deadline.date == "2023-06-30"
        else:
            assert [(x.name, x.label) for x in m.leaders] == [("张三", label)]
            assert roles == [("市丙局", "joint")]


COLLECTIVE_ROWS = _rows(COLLECTIVES_CSV)


@pytest.mark.parametrize("row", COLLECTIVE_ROWS, ids=[r["phrase"] for r in COLLECTIVE_ROWS])
def test_collective_row(row: dict[str, str]) -> None:
    phrase = row["phrase"]
    assert directory().looks_collective(phrase)
    res = parse_clause(f"市甲局牵头，{phrase}按职责分工负责")
    assert [(r.as_written, r.role, r.collective) for r in res.responsibilities] == [
        ("市甲局", "lead", False), (phrase, "support", True)]
