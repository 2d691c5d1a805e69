"""Downloads for the people who carry out the lists: work ledgers, deadline calendars, data quality.

GET /units/{name}/ledger.xlsx and .csv (工作台账: one row per obligation, the same rows
and order as /units/{name}/obligations), /units/{name}/deadlines.ics (one all-day event
per dated obligation and milestone) and GET /quality (the data-quality report).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path
from fastapi.responses import Response

from api.deps import StoreDep
from api.schemas import ErrorBody

router = APIRouter(tags=["ledger"])

UnitName = Annotated[str, Path(description="单位名称或别名", examples=["区财政局"])]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(data: bytes, media_type: str, filename: str, ascii_name: str) -> Response:
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


def _file_responses(media_type: str, description: str) -> dict[int | str, dict[str, Any]]:
    return {
        200: {"description": description, "content": {media_type: {"schema": {"type": "string", "format": "binary"}}}},
        404: {"description": "未找到单位（附相近名称建议）", "model": ErrorBody},
        422: {"description": "参数无效", "model": ErrorBody},
    }


@router.get("/units/{name}/ledger.xlsx", response_class=Response,
            responses=_file_responses(XLSX, "工作台账 .xlsx（牵头/配合/共同/集体 各一页）"))
def unit_ledger_xlsx(name: UnitName, store: StoreDep) -> Response:
    """The agency's work ledger (工作台账) as an Excel workbook: one sheet per role, frozen header."""
    from reports.ledger import unit_ledger, xlsx_bytes

    ledger = unit_ledger(store, name)
    return _download(xlsx_bytes(ledger), XLSX, f"{ledger.unit}台账.xlsx", "ledger.xlsx")


@router.get("/units/{name}/ledger.csv", response_class=Response,
            responses=_file_responses("text/csv", "工作台账 CSV（UTF-8 BOM，Excel 可直接打开）"))
def unit_ledger_csv(name: UnitName, store: StoreDep) -> Response:
    """The agency's work ledger as CSV (UTF-8 with BOM, opens in Excel with the Chinese intact)."""
    from reports.ledger import csv_bytes, unit_ledger

    ledger = unit_ledger(store, name)
    return _download(csv_bytes(ledger), "text/csv; charset=utf-8", f"{ledger.unit}台账.csv", "ledger.csv")


@router.get("/units/{name}/deadlines.ics", response_class=Response,
            responses=_file_responses("text/calendar", "完成时限日历（iCalendar）"))
def unit_deadlines_ics(name: UnitName, store: StoreDep) -> Response:
    """The agency's deadlines as an iCalendar file: one all-day event per dated obligation and milestone."""
    from reports.ical import unit_calendar

    unit, text, _count = unit_calendar(store, name)
    return _download(text.encode("utf-8"), "text/calendar; charset=utf-8", f"{unit}完成时限.ics", "deadlines.ics")


@router.get("/quality", responses={200: {"description": "数据质量报告", "content": {"application/json": {
    "example": {"summary": {"unit_variants": 2}, "total": 2, "categories": [{
        "key": "unit_variants", "title": "单位名称写法不一", "count": 1, "note": "",
        "findings": [{"category": "unit_variants", "document": "西青区人民政府-2022-07-27", "line": 33,
                      "text": "区发展改革委、区人社局……按职责分工负责", "message": "同一单位 区农业农村委 有多种写法"}],
    }]}}}}})
def quality_report(store: StoreDep) -> dict[str, Any]:
    """The data-quality report: name variants, agencies without counterpart, unreadable clauses,
    measures without units, deadlines before publication, uncarried city measures, duplicates.

    Each finding names the document, the line and the text."""
    from reports.quality import store_report

    return store_report(store)
