"""Work ledgers (工作台账): one row per obligation of an agency, as .xlsx or CSV.

Why this shape: both seed documents order every agency to "对照分工逐项建立工作台账，
明确时间表、责任人和成果形式".  The rows are exactly the agency's obligations as the API
answers them (``queries.obligations``, the function behind ``GET /units/{name}/obligations``: same
order: role, then document, measure number, clause), so the ledger, the pages and the API never disagree.
Each row carries its obligation id (编号, a hidden first column in the workbook), the
source document (来源文件: title and 文号) and the source 措施序号 (7.1), the responsible
units in source order with the first named marked ★, and the latest progress: 状态 /
责任人 / 进展情况 / 成果形式 / 填报日期 are the agency's fill-in columns, read back by
``reports.ledger_import`` (the round trip: download, fill in, upload).

A government's ledger (``--government 西青区人民政府``) holds every unit of that
government (collective units such as 区政府各部门 included) with the obligations it
holds directly, under an extra column 责任单位 after 编号; shared obligations are not
repeated for each member (they appear once, under the collective).

No running 1..N number: a row is named by its source 措施序号 and its 编号, which stay
the same when the document is reloaded, so a filled-in ledger still matches.

Every text cell goes through ``safe_text`` (formula injection: = + - @ tab CR start a
formula in Excel; control characters are invalid XML).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graph.model import ROLE_LABELS_ZH, NotFoundError
from graph.progress import REPORT_TZ, STATUS_ZH, STATUSES, obligation_id, parse_timestamp, status_zh
from graph.store import GraphStore
from queries.obligations import all_obligations
from queries.progress import document_cycles
from queries.units import unit_rows

COLUMNS = [
    "编号", "措施序号", "来源文件", "任务", "措施内容", "角色", "责任单位（原文顺序，★为首位）", "完成时限", "完成日期",
    "量化目标", "上级对应措施", "状态", "责任人", "进展情况", "成果形式", "填报日期",
]
ID_COLUMN = "编号"  # the obligation id (MEASURE_ID|UNIT): hidden in the workbook, matched on import
UNITS_COLUMN = "责任单位（原文顺序，★为首位）"
UNIT_COLUMN = "责任单位"  # second column of a government ledger: whose obligation the row is
# Filled in by the agency and read back by reports.ledger_import (填报日期: when; empty = now).
FILL_IN = ("状态", "责任人", "进展情况", "成果形式", "填报日期")
FIRST_MARK = "★"

# Sheet per role, in the API's role order; "shared" = through a collective (区政府各部门).
SHEETS: list[tuple[str, str]] = [("lead", "牵头"), ("support", "配合"), ("joint", "共同"), ("shared", "集体")]

# Column widths in Excel character units (a CJK character is about two units wide).
WIDTHS = {
    "编号": 4, "措施序号": 8, "来源文件": 24, "责任单位": 18, "任务": 22, "措施内容": 60, "角色": 12,
    UNITS_COLUMN: 30, "完成时限": 20, "完成日期": 12, "量化目标": 28, "上级对应措施": 48, "状态": 10,
    "责任人": 12, "进展情况": 30, "成果形式": 20, "填报日期": 12,
}

# Cells starting with one of these are read as formulas by spreadsheet programs (CSV and
# xlsx alike): written with a leading apostrophe, as OWASP advises ("CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 (so openpyxl) cannot hold: removed before a cell is written.
_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])


def safe_text(value: Any) -> Any:
    """A cell value safe to open in a spreadsheet: control characters removed, and text
    that would start a formula (= + - @, tab, CR) prefixed with an apostrophe."""
    if not isinstance(value, str):
        return value
    text = value.translate(_CONTROL) if value[:1] not in ("\t", "\r") else value[:1] + value[1:].translate(_CONTROL)
    return "'" + text if text.startswith(FORMULA_START) else text


def unsafe_text(value: Any) -> Any:
    """The text ``safe_text`` neutralised, read back (the apostrophe it added removed)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


@dataclass
class LedgerRow:
    """One obligation of one unit; ``values`` follow ``Ledger.columns``."""

    unit: str
    measure_id: str
    role: str  # lead | support | joint | shared
    values: dict[str, Any]
    obligation: dict[str, Any] = field(repr=False, default_factory=dict)  # the API's measure dict


@dataclass
class Ledger:
    """The ledger of one agency (``unit``) or of one government (``government``)."""

    title: str
    columns: list[str]
    rows: list[LedgerRow]
    unit: str | None = None
    government: str | None = None

    def by_role(self) -> list[tuple[str, str, list[LedgerRow]]]:
        return [(role, label, [r for r in self.rows if r.role == role]) for role, label in SHEETS]


# -- rows ---------------------------------------------------------------------------------------


def unit_obligations(store: GraphStore, name: str) -> dict[str, Any]:
    """All obligations of a unit: the read layer's answer to /units/{name}/obligations,
    every row in one page.  Raises NotFoundError (with suggestions) for an unknown name."""
    return all_obligations(store, name)


def role_label(m: dict[str, Any]) -> str:
    """牵头 / 配合 / 共同; a shared obligation names its collective: 配合（集体：区政府各部门）."""
    role = m.get("role") or ""
    if role != "shared":
        return ROLE_LABELS_ZH.get(role, role)
    parts = [
        f"{ROLE_LABELS_ZH.get(v.get('role') or '', v.get('role') or '')}（集体：{v.get('unit')}）"
        for v in m.get("via") or []
    ]
    return "；".join(parts) or "集体"


def units_text(m: dict[str, Any], unit: str) -> str:
    """Every unit named on the measure in source order (the ledger's own among them when
    named directly), each with its role, the first named marked ★ (in 按职责分工负责
    lists it is usually the one primarily responsible)."""
    named = [dict(c) for c in m.get("co_responsible") or []]
    if m.get("role") in ("lead", "support", "joint"):  # named directly (shared: through a collective)
        named.append({"unit": unit, "role": m["role"], "order": m.get("order")})
    named.sort(key=lambda c: (c.get("order") if c.get("order") is not None else 1 << 30, c["unit"]))
    return "、".join(
        f"{FIRST_MARK if i == 0 else ''}{c['unit']}（{ROLE_LABELS_ZH.get(c.get('role') or '', c.get('role') or '')}）"
        for i, c in enumerate(named)
    )


def measure_number(m: dict[str, Any]) -> str:
    """The source 措施序号: 7.1 (measure 7, clause 1); 7 for a measure of one clause."""
    number, clause = m.get("number"), m.get("clause")
    if number is None:
        return m["id"].rsplit(":", 1)[-1]
    return f"{number}.{clause}" if clause else str(number)


def document_text(m: dict[str, Any], docs: dict[str, dict[str, Any]]) -> str:
    """The source document: its title and 文号 (西青区…通知（西青政发〔2022〕8号）)."""
    doc = docs.get(m.get("document_id") or "") or {}
    title = doc.get("title") or m.get("document_title") or m.get("document_id") or ""
    number = doc.get("doc_number")
    return f"{title}（{number}）" if number else title


def upper_text(m: dict[str, Any]) -> str:
    """The higher-level (city) measures this one implements (IMPLEMENTS links), one a line."""
    out = []
    for c in m.get("city_measures") or []:
        num = f"{c.get('number')}.{c.get('clause')}" if c.get("number") is not None else c.get("id")
        out.append(f"[{num}] {c.get('text') or ''}".strip())
    return "\n".join(out)


def task_text(m: dict[str, Any]) -> str:
    task = m.get("task") or {}
    seq, title = task.get("seq"), task.get("title") or ""
    return f"（{seq}）{title}" if seq else title


def obligation_values(m: dict[str, Any], unit: str, docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The ledger columns of one obligation (the API's measure dict, with its progress)."""
    dl = m.get("deadline") or {}
    last = m.get("last_update") or {}
    return {
        "编号": m.get("obligation_id") or obligation_id(m["id"], unit),
        "措施序号": measure_number(m),
        "来源文件": document_text(m, docs),
        "任务": task_text(m),
        "措施内容": m.get("text") or "",
        "角色": role_label(m),
        UNITS_COLUMN: units_text(m, unit),
        "完成时限": dl.get("text") or "",
        "完成日期": dl.get("date") or "",
        "量化目标": "；".join(t.get("text") or "" for t in m.get("targets") or []),
        "上级对应措施": upper_text(m),
        "状态": m.get("status_label") or status_zh(None),
        "责任人": last.get("person") or "",
        "进展情况": last.get("text") or "",
        "成果形式": last.get("evidence") or "",
        "填报日期": _report_date(last.get("at")),
    }


def _report_date(at: str | None) -> str:
    """The Beijing date of the latest update (what the office wrote in 填报日期)."""
    if not at:
        return ""
    return parse_timestamp(at).astimezone(REPORT_TZ).date().isoformat()


def unit_ledger(store: GraphStore, name: str) -> Ledger:
    """The ledger of one agency (canonical name or alias)."""
    result = unit_obligations(store, name)
    unit = result["unit"]["name"]
    docs = document_cycles(store, (m.get("document_id") for m in result["data"]))
    rows = [LedgerRow(unit, m["id"], m["role"], obligation_values(m, unit, docs), m) for m in result["data"]]
    return Ledger(title=f"{unit}工作台账", columns=list(COLUMNS), rows=rows, unit=unit)


def resolve_government(store: GraphStore, name: str) -> str:
    """A government's canonical name (西青区政府 -> 西青区人民政府), checked against the graph."""
    from graph.normalize import directory

    gov = directory().government(name.strip())
    canonical = gov.name if gov else name.strip()
    units = unit_rows(store, government=canonical)
    if not units:
        known = sorted({r.get("government") for r in unit_rows(store) if r.get("government")})
        raise NotFoundError(f"未找到政府或其下属单位 (unknown government): {name}", suggestions=known)
    return canonical


def government_ledger(store: GraphStore, name: str) -> Ledger:
    """Every unit of a government with its direct obligations (shared ones once, under the collective)."""
    government = resolve_government(store, name)
    units = unit_rows(store, government=government)
    rows: list[LedgerRow] = []
    for u in units:  # ordered by name
        if not ((u.get("lead") or 0) + (u.get("support") or 0) + (u.get("joint") or 0)):
            continue
        result = unit_obligations(store, u["name"])
        docs = document_cycles(store, (m.get("document_id") for m in result["data"]))
        for m in result["data"]:
            if m["role"] == "shared":
                continue
            values = {UNIT_COLUMN: u["name"], **obligation_values(m, u["name"], docs)}
            rows.append(LedgerRow(u["name"], m["id"], m["role"], values, m))
    columns = [ID_COLUMN, UNIT_COLUMN, *COLUMNS[1:]]
    return Ledger(title=f"{government}工作台账", columns=columns, rows=rows, government=government)


# -- writers ------------------------------------------------------------------------------------


def _cell_value(column: str, value: Any) -> Any:
    if column in ("完成日期", "填报日期") and isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return safe_text(value)
    return safe_text(value)


def xlsx_bytes(ledger: Ledger) -> bytes:
    """The workbook: one sheet per role (牵头/配合/共同/集体), frozen bold header, widths
    for Chinese text, wrapped cells, real dates in 完成日期, an autofilter."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = ledger.title
    wb.properties.creator = "PolicyGraph"
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    fill_in_fill = PatternFill("solid", fgColor="FFF2CC")
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    center = Alignment(wrap_text=True, vertical="top", horizontal="center")
    for _role, label, rows in ledger.by_role():
        ws = wb.create_sheet(label)
        ws.append(ledger.columns)
        for col, name in enumerate(ledger.columns, start=1):
            cell = ws.cell(row=1, column=col)
            cell.font = header_font
            cell.fill = fill_in_fill if name in FILL_IN else header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            cell.border = border
            ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(name, 14)
        for r in rows:
            ws.append([_cell_value(c, r.values.get(c, "")) for c in ledger.columns])
            for col, name in enumerate(ledger.columns, start=1):
                cell = ws.cell(row=ws.max_row, column=col)
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula (safe_text already neutralised it)
                cell.alignment = center if name in ("措施序号", "角色", "完成日期", "状态", "填报日期") else wrap
                cell.border = border
                if name in FILL_IN:
                    cell.fill = fill_in_fill
                if name in ("完成日期", "填报日期") and isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
        ws.column_dimensions["A"].hidden = True  # 编号: read back on upload, not for the eye
        _status_choices(ws, ledger.columns, len(rows))
        ws.freeze_panes = "A2"
        ws.row_dimensions[1].height = 22
        if rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(ledger.columns))}{len(rows) + 1}"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _status_choices(ws: Any, columns: list[str], n: int) -> None:
    """A drop-down of the statuses an agency may set in 状态 (Excel data validation)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if not n or "状态" not in columns:
        return
    letter = get_column_letter(columns.index("状态") + 1)
    choices = ",".join(STATUS_ZH[c] for c in STATUSES)
    dv = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=False)
    dv.add(f"{letter}2:{letter}{n + 1}")
    ws.add_data_validation(dv)


def csv_text(ledger: Ledger) -> str:
    """All rows in ledger order (CRLF rows, every field quoted when needed)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(ledger.columns)
    for r in ledger.rows:
        writer.writerow([safe_text(r.values.get(c, "")) for c in ledger.columns])
    return buf.getvalue()


def csv_bytes(ledger: Ledger) -> bytes:
    """UTF-8 with BOM: Excel opens it with the Chinese intact."""
    return csv_text(ledger).encode("utf-8-sig")


def write_ledger(ledger: Ledger, path: Path) -> Path:
    """Write ``.xlsx`` or ``.csv`` by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        path.write_bytes(xlsx_bytes(ledger))
    elif suffix == ".csv":
        path.write_bytes(csv_bytes(ledger))
    else:
        from graph.model import PolicyGraphError

        raise PolicyGraphError(f"ledger file must end in .xlsx or .csv, not {path.name}")
    return path
