"""The work ledger: the .xlsx rows of 区财政局 equal its obligations from the API (over HTTP),
in the same order, with the Chinese intact; frozen header; the CSV is UTF-8 with a BOM."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import openpyxl

from policygraph.cli import main
from reports.ledger import COLUMNS, SHEETS, UNITS_COLUMN

ROLE_ZH = {"lead": "牵头", "support": "配合", "joint": "共同"}
UNIT = "区财政局"


def api_obligations(api, unit: str = UNIT) -> list[dict]:
    body = api.json(f"/units/{unit}/obligations", params={"limit": 500})
    assert body["count"] == len(body["data"]), "more obligations than one page"
    return body["data"]


def sheet_rows(wb) -> list[dict]:
    rows = []
    for _role, label in SHEETS:
        ws = wb[label]
        values = list(ws.iter_rows(values_only=True))
        assert list(values[0]) == COLUMNS
        rows += [dict(zip(COLUMNS, v, strict=True)) for v in values[1:]]
    return rows


def as_iso(value) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value or None


def assert_rows_match(rows: list[dict], obligations: list[dict]) -> None:
    assert len(rows) == len(obligations) > 0
    for row, ob in zip(rows, obligations, strict=True):
        assert row["编号"] == ob["obligation_id"] == f"{ob['id']}|{UNIT}"
        assert row["措施序号"] == f"{ob['number']}.{ob['clause']}"  # the source numbering, not a running 1..N
        assert ob["id"].endswith(f":{row['措施序号']}")
        assert ob["document_title"] in row["来源文件"]
        assert row["措施内容"] == ob["text"]
        assert ob["task"]["title"] in row["任务"]
        dl = ob.get("deadline") or {}
        assert (row["完成时限"] or None) == dl.get("text")
        assert as_iso(row["完成日期"]) == dl.get("date")
        if ob["role"] == "shared":
            assert all(v["unit"] in row["角色"] for v in ob["via"])
        else:
            assert row["角色"] == ROLE_ZH[ob["role"]]
        named = sorted(ob.get("co_responsible") or [], key=lambda c: c["order"])
        for co in named:
            assert co["unit"] in (row[UNITS_COLUMN] or "")
        if ob["role"] != "shared":  # named directly: the ledger's own unit is listed in its source place
            named = sorted([*named, {"unit": UNIT, "order": ob["order"]}], key=lambda c: c["order"])
        listed = [u.lstrip("★").split("（")[0] for u in (row[UNITS_COLUMN] or "").split("、") if u]
        assert listed == [c["unit"] for c in named]  # source order
        assert not named or (row[UNITS_COLUMN].startswith("★") and row[UNITS_COLUMN].count("★") == 1)
        assert row["状态"] == "未启动"  # no progress reported yet
        assert not any(row[c] for c in ("责任人", "成果形式", "进展情况", "填报日期"))


def test_xlsx_rows_equal_api_obligations(api):
    obligations = api_obligations(api)
    r = api.get(f"/units/{UNIT}/ledger.xlsx")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == [label for _, label in SHEETS]
    rows = sheet_rows(wb)
    assert_rows_match(rows, obligations)
    assert [ob["id"] for ob in obligations]  # same order: checked row by row above
    assert any("财政" in row["措施内容"] for row in rows)  # Chinese intact


def test_xlsx_header_frozen_and_formatted(api):
    wb = openpyxl.load_workbook(io.BytesIO(api.get(f"/units/{UNIT}/ledger.xlsx").content))
    for _role, label in SHEETS:
        ws = wb[label]
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.b
        text_col = "E"  # 措施内容
        assert ws[f"{text_col}1"].value == "措施内容"
        assert ws.column_dimensions[text_col].width >= 40  # wide for Chinese text
        assert ws.column_dimensions["A"].hidden and ws["A1"].value == "编号"  # the id travels, hidden
        if ws.max_row > 1:
            assert ws[f"{text_col}2"].alignment.wrap_text


def test_each_sheet_holds_one_role(api):
    obligations = api_obligations(api)
    wb = openpyxl.load_workbook(io.BytesIO(api.get(f"/units/{UNIT}/ledger.xlsx").content))
    for role, label in SHEETS:
        expected = [ob["text"] for ob in obligations if ob["role"] == role]
        got = [row[COLUMNS.index("措施内容")] for row in wb[label].iter_rows(min_row=2, values_only=True)]
        assert got == expected, label


def test_csv_has_bom_and_parses(api):
    obligations = api_obligations(api)
    r = api.get(f"/units/{UNIT}/ledger.csv")
    assert r.status_code == 200
    assert r.content.startswith(b"\xef\xbb\xbf")
    assert "charset=utf-8" in r.headers["content-type"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == COLUMNS
    assert_rows_match(rows, obligations)


def test_unknown_unit_is_404_with_suggestions(api):
    for suffix in ("ledger.xlsx", "ledger.csv", "deadlines.ics"):
        r = api.get(f"/units/区财政/{suffix}")
        assert r.status_code == 404
        assert "区财政局" in r.json()["suggestions"]


def test_cli_ledger_xlsx_and_csv(api, seed_db, tmp_path, capsys):
    obligations = api_obligations(api)
    out = tmp_path / "区财政局台账.xlsx"
    assert main(["ledger", UNIT, "-o", str(out), "--db", str(seed_db)]) == 0
    assert_rows_match(sheet_rows(openpyxl.load_workbook(out)), obligations)
    out_csv = tmp_path / "区财政局台账.csv"
    assert main(["ledger", UNIT, "-o", str(out_csv), "--db", str(seed_db)]) == 0
    assert out_csv.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "wrote" in capsys.readouterr().out


def test_cli_government_ledger(seed_db, tmp_path):
    out = tmp_path / "西青区台账.csv"
    assert main(["ledger", "--government", "西青区人民政府", "-o", str(out), "--db", str(seed_db)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows and list(rows[0])[:2] == ["编号", "责任单位"]
    assert all(r["编号"].endswith("|" + r["责任单位"]) for r in rows)
    units = {r["责任单位"] for r in rows}
    assert "区财政局" in units and "区政府各部门" in units
    assert not any(u.startswith("市") and not u.endswith("分局") for u in units)


def test_cli_ledger_bad_suffix_is_user_error(seed_db, tmp_path, capsys):
    assert main(["ledger", UNIT, "-o", str(tmp_path / "x.pdf"), "--db", str(seed_db)]) == 2
    assert ".xlsx or .csv" in capsys.readouterr().err
