"""Old Excel .xls workbooks (xlrd): the first sheet with a task-table header, as rows.

Why xlrd: it is the maintained reader of the BIFF format (xlrd 2 reads .xls only; .xlsx
goes through openpyxl).  Numbers typed as numbers (措施序号 3 → 3.0) are written back as
the integers they are."""

from __future__ import annotations

from graph.model import DocumentError
from loaders.formats import Extracted, Row
from loaders.table import is_header

MAX_ROWS = 200_000


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value)


def extract_xls(data: bytes, source: str) -> Extracted:
    try:
        import xlrd
    except ImportError:  # pragma: no cover - xlrd is a dependency
        raise DocumentError(source, "xlrd is not installed; cannot read .xls") from None
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as e:  # noqa: BLE001 - xlrd.XLRDError, CompDocError, struct errors
        raise DocumentError(source, f"not a readable legacy .xls workbook ({type(e).__name__})") from None
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.nrows > MAX_ROWS:
                raise DocumentError(source, f"worksheet too large (over {MAX_ROWS} rows)")
            rows: list[Row] = []
            pre: list[str] = []
            seen_header = False
            for r in range(sheet.nrows):
                cells = [_text(v) for v in sheet.row_values(r)]
                if not seen_header:
                    if is_header(cells):
                        seen_header = True
                    else:
                        pre.append(" ".join(c for c in cells if c))
                rows.append((r + 1, cells, "\t".join(cells)))
            if seen_header:
                return Extracted(fmt="xls", rows=rows, pre=pre)
    except DocumentError:
        raise
    except Exception as e:  # noqa: BLE001 - corrupt sheet records
        raise DocumentError(source, f"cannot read .xls worksheet ({type(e).__name__})") from None
    finally:
        book.release_resources()
    raise DocumentError(source, "no worksheet with a task-table header row (任务序号 / 落实措施 / 责任单位 …)")
