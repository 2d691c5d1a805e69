"""The ledger coming back: read a filled-in .xlsx / .csv ledger and apply its progress.

Why a module of its own: the round trip (download the 工作台账, fill in 状态 / 责任人 /
进展情况 / 成果形式 / 填报日期 in Excel, upload it back) is how an office reports, and
the API (POST /units/{name}/ledger.xlsx|.csv) and the CLI (``policygraph progress
import FILE``) must read it the same way.

Reading is forgiving about what a person does to a spreadsheet -- columns found by
their header (added note columns, moved columns), deleted rows, empty rows, a status
typed as a code (in_progress) or in Chinese (推进中) -- and strict about what matters:

* rows are matched by 编号 (the obligation id), never by position;
* a row of another agency (its 编号 names another unit than the ledger's), an unknown
  编号, an unknown status, a 填报日期 in the future, a too-long text are errors, each
  reported with its sheet, row number, column and reason;
* only rows whose fill-in cells differ from the latest stored update produce an update
  (re-uploading the downloaded file changes nothing);
* the batch is applied in ONE transaction (graph.progress_store.append_progress); a
  file with any error applies nothing unless ``valid_only``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from graph.model import DocumentError
from graph.progress import (
    NOT_STARTED,
    REPORT_TZ,
    STATUS_ZH,
    ProgressError,
    ProgressUpdate,
    RowError,
    now_utc,
    split_obligation_id,
    status_code,
)
from graph.progress_store import append_progress, check_batch, latest_status
from graph.tokens import TokenInfo
from reports.ledger import ID_COLUMN, unsafe_text

# Which column a refusal concerns, by the words of its reason (graph.progress messages).
_REASON_COLUMN = (
    ("status", "状态"), ("percent", "状态"), ("date", "填报日期"), ("ISO", "填报日期"), ("text is", "进展情况"),
    ("evidence is", "成果形式"), ("person is", "责任人"),
)
MAX_ROWS = 20000


@dataclass
class LedgerRow:
    """One data row as read: where it is and its cells by header."""

    sheet: str
    row: int  # the row number a person sees (1 = the header)
    cells: dict[str, Any]


@dataclass
class LedgerError:
    sheet: str
    row: int
    column: str
    reason: str
    obligation_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason,
                "obligation_id": self.obligation_id}


@dataclass
class LedgerImport:
    """What an upload did: rows read, updates written, rows unchanged, every error."""

    rows: int = 0
    written: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    errors: list[LedgerError] = field(default_factory=list)
    valid_only: bool = False

    @property
    def applied(self) -> bool:
        return bool(self.written)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": not self.errors or self.valid_only,
            "applied": len(self.written), "unchanged": self.unchanged, "rows": self.rows,
            "valid_only": self.valid_only, "updates": self.written,
            "errors": [e.to_dict() for e in self.errors],
        }


# -- reading the file -------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(unsafe_text(value if isinstance(value, str) else str(value))).strip()


def read_xlsx(data: bytes, filename: str = "ledger.xlsx") -> list[LedgerRow]:
    """The data rows of every sheet that has a 编号 header (other sheets are ignored)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as e:  # zipfile/openpyxl raise many kinds for a file that is not a workbook
        raise DocumentError(filename, f"not an .xlsx workbook ({type(e).__name__}: {e})") from None
    rows: list[LedgerRow] = []
    found = False
    try:
        for ws in wb.worksheets:
            it = ws.iter_rows(values_only=True)
            header = next(it, None)
            names = [_text(h) for h in header or []]
            if ID_COLUMN not in names:
                continue
            found = True
            for n, values in enumerate(it, start=2):
                cells = {h: v for h, v in zip(names, values, strict=False) if h}
                rows.append(LedgerRow(ws.title, n, cells))
                if len(rows) > MAX_ROWS:
                    raise DocumentError(filename, f"more than {MAX_ROWS} rows")
    finally:
        wb.close()
    if not found:
        raise DocumentError(filename, f"no sheet has a {ID_COLUMN} column: upload a ledger downloaded from PolicyGraph")
    return rows


def read_csv(data: bytes, filename: str = "ledger.csv") -> list[LedgerRow]:
    """The data rows of a CSV ledger (UTF-8, with or without BOM)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DocumentError(filename, f"not UTF-8 text ({e.reason} at byte {e.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    names = [_text(h) for h in header or []]
    if ID_COLUMN not in names:
        raise DocumentError(filename, f"no {ID_COLUMN} column in the header: upload a ledger downloaded from PolicyGraph", 1)
    rows = []
    for values in reader:
        rows.append(LedgerRow("csv", reader.line_num, {h: v for h, v in zip(names, values, strict=False) if h}))
        if len(rows) > MAX_ROWS:
            raise DocumentError(filename, f"more than {MAX_ROWS} rows")
    return rows


def read_ledger(data: bytes, filename: str) -> list[LedgerRow]:
    """By the file's suffix: .xlsx or .csv."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix == "xlsx":
        return read_xlsx(data, filename)
    if suffix == "csv":
        return read_csv(data, filename)
    raise DocumentError(filename, "a ledger is an .xlsx or .csv file")


# -- checking the rows ------------------------------------------------------------------


def _report_day(value: Any) -> dt.date | None | str:
    """填报日期 as a date (None when empty); the text itself when it is not a date."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = _text(value).replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(s[:10]) if len(s) >= 10 else dt.date.fromisoformat(s)
    except ValueError:
        y, m, d = _chinese_date(s)
        if y:
            return dt.date(y, m, d)
        return _text(value)


def _chinese_date(s: str) -> tuple[int, int, int]:
    import re

    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日?", s)
    if not m:
        return 0, 0, 0
    try:
        dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return 0, 0, 0
    return int(m[1]), int(m[2]), int(m[3])


def _column_of(reason: str) -> str:
    if "obligation" in reason or "may update only" in reason or "not responsible" in reason or "no measure" in reason:
        return ID_COLUMN
    if "supervising office" in reason:
        return "状态"
    return next((col for word, col in _REASON_COLUMN if word in reason), ID_COLUMN)


def _fill(cells: dict[str, Any]) -> tuple[str, str, str]:
    return _text(cells.get("责任人")), _text(cells.get("进展情况")), _text(cells.get("成果形式"))


def _has_fill(cells: dict[str, Any]) -> bool:
    return any(_text(cells.get(c)) for c in ("状态", "责任人", "进展情况", "成果形式", "填报日期"))


def plan_updates(
    store: Any, rows: list[LedgerRow], unit: str | None, now: dt.datetime
) -> tuple[list[tuple[LedgerRow, ProgressUpdate]], int, list[LedgerError]]:
    """The updates the rows ask for (only changed rows), how many are unchanged, and the
    errors found without the graph's scope check (that is ``check_batch``'s)."""
    today = now.astimezone(REPORT_TZ).date()
    errors: list[LedgerError] = []
    parsed: list[tuple[LedgerRow, str, str]] = []
    seen: dict[str, LedgerRow] = {}
    for r in rows:
        oid = _text(r.cells.get(ID_COLUMN))
        if not oid:
            if _has_fill(r.cells):
                errors.append(LedgerError(r.sheet, r.row, ID_COLUMN,
                                          "no 编号: rows are matched by their 编号 (copy rows from a downloaded ledger)"))
            continue  # an empty row, or a note row below the table
        try:
            _mid, owner = split_obligation_id(oid)
        except ProgressError as e:
            errors.append(LedgerError(r.sheet, r.row, ID_COLUMN, f"unknown 编号: {e}", oid))
            continue
        if unit is not None and owner != unit:
            errors.append(LedgerError(r.sheet, r.row, ID_COLUMN,
                                      f"another agency's row: {owner}'s obligation in {unit}'s ledger", oid))
            continue
        if oid in seen:
            first = seen[oid]
            errors.append(LedgerError(r.sheet, r.row, ID_COLUMN,
                                      f"the same 编号 as {first.sheet} row {first.row}: one row per obligation", oid))
            continue
        seen[oid] = r
        parsed.append((r, oid, _mid))
    current = latest_status(store, measure_ids=sorted({m for _, _, m in parsed})) if parsed else {}
    planned: list[tuple[LedgerRow, ProgressUpdate]] = []
    unchanged = 0
    for r, oid, _mid in parsed:
        last = current.get(oid)
        stored_status = last["status"] if last else NOT_STARTED
        stored_fill = tuple((last or {}).get(k) or "" for k in ("person", "text", "evidence"))
        raw_status = _text(r.cells.get("状态"))
        code = status_code(raw_status) if raw_status else stored_status
        if code is None:
            known = "、".join(STATUS_ZH.values())
            errors.append(LedgerError(r.sheet, r.row, "状态", f"unknown status {raw_status!r} (one of {known})", oid))
            continue
        day = _report_day(r.cells.get("填报日期"))
        if isinstance(day, str):
            errors.append(LedgerError(r.sheet, r.row, "填报日期", f"not a date: {day!r} (2022-09-30)", oid))
            continue
        if day is not None and day > today:
            errors.append(LedgerError(r.sheet, r.row, "填报日期", f"date {day.isoformat()} is in the future", oid))
            continue
        fill = _fill(r.cells)
        if code == stored_status and fill == stored_fill:
            unchanged += 1
            continue
        at = None if day is None or day == today else dt.datetime(day.year, day.month, day.day, 12, tzinfo=REPORT_TZ)
        person, text, evidence = fill
        planned.append((r, ProgressUpdate(oid, code, text=text, evidence=evidence, person=person, at=at,
                                          source="ledger")))
    return planned, unchanged, errors


def import_ledger(
    store: Any,
    data: bytes,
    filename: str,
    token: TokenInfo,
    *,
    unit: str | None = None,
    valid_only: bool = False,
    now: dt.datetime | None = None,
) -> LedgerImport:
    """Read, check and apply a filled-in ledger with ``token``'s rights.

    ``unit``: the agency whose ledger this is (the upload's URL); rows of another unit
    are refused.  None (the CLI): rows are limited by the token's scope only.  Errors in
    the file itself (not a workbook, no 编号 column) raise DocumentError."""
    now = now or now_utc()
    rows = read_ledger(data, filename)
    planned, unchanged, errors = plan_updates(store, rows, unit, now)
    updates = [u for _, u in planned]
    result = LedgerImport(rows=len(rows), unchanged=unchanged, errors=errors, valid_only=valid_only)
    if errors and not valid_only:  # refused already: check the rest only to report every error
        _kept, refused = check_batch(store, updates, token, now)
        written: list[dict[str, Any]] = []
    else:  # one pass: check and write (all or nothing unless valid_only)
        done = append_progress(store, updates, token, valid_only=valid_only, now=now)
        refused, written = done.errors, done.written
    result.errors += [_row_error(planned, e) for e in refused]
    result.errors.sort(key=lambda e: (e.sheet, e.row))
    result.written = written if (valid_only or not result.errors) else []
    return result


def _row_error(planned: list[tuple[LedgerRow, ProgressUpdate]], e: RowError) -> LedgerError:
    r, u = planned[e.row]
    return LedgerError(r.sheet, r.row, _column_of(e.reason), e.reason, u.obligation_id)
