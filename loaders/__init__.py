"""Loaders: read a task-division document file and return the model (graph.model).

    from loaders import load_document, parse_text
    parsed = load_document("policygraph/samples/tianjin_city_2022_task_division.txt")
    parsed.document.id, len(parsed.measures), parsed.warnings

Formats are detected automatically (loaders.detect): prose with sections and
numbered items, tab-separated (or Markdown pipe) tables, CSV and .xlsx.  Text files
may be UTF-8 (with or without BOM), UTF-16, GBK/GB18030 or Big5 (loaders.encoding).

Bad input never gives a traceback: an unreadable, empty, undecodable, unrecognised
file or one with no recognisable responsibility clause raises
graph.model.DocumentError(file, reason, line).  A clause the grammar does not
understand becomes a ParseWarning and the measure is kept.
"""

from __future__ import annotations

from pathlib import Path

from graph.model import DocumentError, ParsedDocument
from graph.normalize import AgencyDirectory, directory
from loaders.cleaning import clean_line
from loaders.common import Builder
from loaders.detect import FORMATS, detect_text_format, sniff_binary
from loaders.encoding import decode_bytes, read_bytes
from loaders.metadata import extract_metadata
from loaders.prose import first_body_line, parse_prose
from loaders.table import csv_rows, is_header, parse_rows, split_text_row, text_rows, xlsx_rows

__all__ = ["load_document", "parse_text", "DocumentError"]


def load_document(path: str | Path, dirx: AgencyDirectory | None = None) -> ParsedDocument:
    """Read, decode, detect and parse one document file."""
    source = str(path)
    data = read_bytes(path)
    kind = sniff_binary(data, source)
    if kind == "xlsx" or Path(source).suffix.lower() == ".xlsx":
        if kind != "xlsx":
            raise DocumentError(source, "file named .xlsx is not an .xlsx workbook")
        return _parse_xlsx(path, source, dirx or directory())
    text, _encoding = decode_bytes(data, source)
    fmt = "csv" if Path(source).suffix.lower() == ".csv" else None
    return parse_text(text, source, fmt, dirx=dirx)


def parse_text(
    text: str,
    source: str = "<text>",
    fmt: str | None = None,
    dirx: AgencyDirectory | None = None,
) -> ParsedDocument:
    """Parse a document already in memory.  ``fmt``: prose | table | csv | None (detect)."""
    dirx = dirx or directory()
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise DocumentError(source, "empty document")
    if fmt is None:
        fmt = detect_text_format(text, source)
    if fmt not in FORMATS or fmt == "xlsx":
        raise DocumentError(source, f"unknown format {fmt!r}; expected prose, table or csv")
    raw_lines = text.splitlines()
    if fmt == "prose":
        lines = [clean_line(x) for x in raw_lines]
        body = first_body_line(lines)
        doc = extract_metadata(lines, source, fmt, body, dirx)
        b = Builder(doc, dirx, source)
        parse_prose(lines, b)
    elif fmt == "table":
        header_at = next(
            (i for i, x in enumerate(raw_lines) if (c := split_text_row(x)) and is_header(c)), len(raw_lines)
        )
        lines = [clean_line(x) for x in raw_lines]
        doc = extract_metadata(lines, source, fmt, header_at, dirx)
        b = Builder(doc, dirx, source)
        parse_rows(text_rows(raw_lines), b)
    else:
        rows = csv_rows(text, source)
        header_at = next((i for i, (_, c, _) in enumerate(rows) if c and is_header(c)), len(rows))
        pre = [clean_line(" ".join(x for x in (c or []) if x)) for _, c, _ in rows[:header_at]]
        doc = extract_metadata(pre, source, fmt, header_at, dirx)
        b = Builder(doc, dirx, source)
        parse_rows(rows, b)
    return _finish(b)


def _parse_xlsx(path: str | Path, source: str, dirx: AgencyDirectory) -> ParsedDocument:
    rows, pre = xlsx_rows(path, source)
    lines = [clean_line(x) for x in pre]
    doc = extract_metadata(lines, source, "xlsx", len(lines), dirx)
    b = Builder(doc, dirx, source)
    parse_rows(rows, b)
    return _finish(b)


def _finish(b: Builder) -> ParsedDocument:
    if not b.measures:
        raise DocumentError(b.source, "no measures found (no text closed by a responsibility clause)")
    if not any(m.responsibilities for m in b.measures):
        raise DocumentError(
            b.source, "no recognisable responsibility clause (牵头 / 负责 / 配合 …) in the document"
        )
    return ParsedDocument(
        document=b.document,
        tasks=b.tasks,
        measures=b.measures,
        units=b.units(),
        warnings=b.warnings,
    )
