"""Work ledgers (工作台账): one row per obligation of an agency, as .xlsx or CSV.

Why this shape: both seed documents order every agency to "对照分工逐项建立工作台账，
明确时间表、责任人和成果形式".  The rows are exactly the agency's obligations as the API
answers them (``queries.obligations``, the function behind ``GET /units/{name}/obligations``: same
order: role, then document, measure number, clause), so the ledger, the pages and the API never disagree.
The last three columns (责任人, 成果形式, 进展情况) are left empty for the agency to fill in.

A government's ledger (``--government 西青区人民政府``) holds every unit of that
government (collective units such as 区政府各部门 included) with the obligations it
holds directly, under an extra first column 责任单位; shared obligations are not
repeated for each member (they appear once, under the collective).

Numbering: 序号 runs 1..N over the whole ledger in API order, so a row keeps its number
in the CSV and in the workbook (where it sits on the sheet of its role).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graph.model import ROLE_LABELS_ZH, NotFoundError
from graph.store import GraphStore
from queries.obligations import all_obligations
from queries.units import unit_rows

COLUMNS = [
    "序号", "任务", "措施内容", "角色", "共同责任单位", "完成时限", "完成日期",
    "量化目标", "上级对应措施", "责任人", "成果形式", "进展情况",
]
UNIT_COLUMN = "责任单位"  # first data column of a government ledger
FILL_IN = ("责任人", "成果形式", "进展情况")

# Sheet per role, in the API's role order; "shared" = through a collective (区政府各部门).
SHEETS: list[tuple[str, str]] = [("lead", "牵头"), ("support", "配合"), ("joint", "共同"), ("shared", "集体")]

# Column widths in Excel character units (a CJK character is about two units wide).
WIDTHS = {
    "序号": 6, "责任单位": 18, "任务": 22, "措施内容": 60, "角色": 12, "共同责任单位": 28,
    "完成时限": 20, "完成日期": 12, "量化目标": 28, "上级对应措施": 48, "责任人": 12,
    "成果形式": 16, "进展情况": 24,
}


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


def co_units_text(m: dict[str, Any]) -> str:
    return "、".join(
        f"{c['unit']}（{ROLE_LABELS_ZH.get(c.get('role') or '', c.get('role') or '')}）"
        for c in m.get("co_responsible") or []
    )


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


def obligation_values(m: dict[str, Any], number: int) -> dict[str, Any]:
    """The ledger columns of one obligation (the API's measure dict)."""
    dl = m.get("deadline") or {}
    return {
        "序号": number,
        "任务": task_text(m),
        "措施内容": m.get("text") or "",
        "角色": role_label(m),
        "共同责任单位": co_units_text(m),
        "完成时限": dl.get("text") or "",
        "完成日期": dl.get("date") or "",
        "量化目标": "；".join(t.get("text") or "" for t in m.get("targets") or []),
        "上级对应措施": upper_text(m),
        "责任人": "",
        "成果形式": "",
        "进展情况": "",
    }


def unit_ledger(store: GraphStore, name: str) -> Ledger:
    """The ledger of one agency (canonical name or alias)."""
    result = unit_obligations(store, name)
    unit = result["unit"]["name"]
    rows = [
        LedgerRow(unit, m["id"], m["role"], obligation_values(m, i), m)
        for i, m in enumerate(result["data"], start=1)
    ]
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
        for m in result["data"]:
            if m["role"] == "shared":
                continue
            values = {UNIT_COLUMN: u["name"], **obligation_values(m, len(rows) + 1)}
            rows.append(LedgerRow(u["name"], m["id"], m["role"], values, m))
    columns = ["序号", UNIT_COLUMN, *COLUMNS[1:]]
    return Ledger(title=f"{government}工作台账", columns=columns, rows=rows, government=government)


# -- writers ------------------------------------------------------------------------------------


def _cell_value(column: str, value: Any) -> Any:
    if column == "完成日期" and isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


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
                cell.alignment = center if name in ("序号", "角色", "完成日期") else wrap
                cell.border = border
                if name == "完成日期" and isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
        ws.row_dimensions[1].height = 22
        if rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(ledger.columns))}{len(rows) + 1}"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_text(ledger: Ledger) -> str:
    """All rows in ledger order (CRLF rows, every field quoted when needed)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(ledger.columns)
    for r in ledger.rows:
        writer.writerow([r.values.get(c, "") for c in ledger.columns])
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
