"""Which kind of document a file is: prose, a tab/pipe table, CSV or .xlsx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from graph.model import DocumentError
from loaders.cleaning import clean_line
from loaders.prose import is_item, is_responsibility_text
from loaders.table import is_header, split_text_row

FORMATS = ("prose", "table", "csv", "xlsx")


def sniff_binary(data: bytes, source: str) -> str | None:
    """'xlsx' for a workbook; DocumentError for other binary formats; None for text."""
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            raise DocumentError(source, "corrupt zip container (not a readable .xlsx)") from None
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("word/") for n in names):
            raise DocumentError(source, ".docx is not supported: save the document as UTF-8 text or .xlsx")
        raise DocumentError(source, "unrecognised zip file (not an .xlsx workbook)")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(source, "legacy .xls/.doc is not supported: save as .xlsx or UTF-8 text")
    if data.startswith(b"%PDF"):
        raise DocumentError(source, "PDF is not supported: convert the document to text first")
    return None


def detect_text_format(text: str, source: str = "") -> str:
    """'table' (tab or pipe rows with a task-table header), 'csv' or 'prose'.

    Raises DocumentError when the text is neither."""
    lines = text.splitlines()
    suffix = Path(source).suffix.lower()
    for line in lines[:300]:
        cells = split_text_row(line)
        if cells and is_header(cells):
            return "table"
        if "," in line or "，" in line and suffix == ".csv":
            import csv

            try:
                row = next(csv.reader([line]))
            except (csv.Error, StopIteration):
                row = []
            if len(row) >= 3 and is_header(row):
                return "csv"
    for line in lines:
        cl = clean_line(line)
        if is_item(cl) or (("（" in cl or "(" in cl) and is_responsibility_text(cl)):
            return "prose"
    raise DocumentError(
        source or "<text>",
        "unrecognised document: no task-table header (任务序号/落实措施/责任单位) and no numbered items "
        "or responsibility clauses",
    )
