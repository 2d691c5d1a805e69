"""Loaders: read a task-division document file and return the model (graph.model).

    from loaders import load_document, parse_text
    parsed = load_document("policygraph/samples/tianjin_city_2022_task_division.txt")
    parsed.document.id, len(parsed.measures), parsed.warnings

Formats are detected automatically (loaders.detect), by content before the name: prose
with sections and numbered items, tab-separated (or Markdown pipe) tables, CSV, .xlsx,
.xls, .docx, PDF with a text layer, HTML pages, and .doc / .wps through a converter when
one is installed (loaders.formats: each format becomes the lines or rows parsed here).
Text files may be UTF-8 (with or without BOM), UTF-16, GBK/GB18030 or Big5
(loaders.encoding).  Control characters are removed with a warning naming the line.

Bad input never gives a traceback: an unreadable, empty, undecodable, unrecognised
file or one with no recognisable responsibility clause raises
graph.model.DocumentError(file, reason, line).  A clause the grammar does not
understand becomes a ParseWarning and the measure is kept.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from graph.model import DocumentError, ParsedDocument
from graph.normalize import AgencyDirectory, directory
from loaders.checks import check_unique_measures
from loaders.cleaning import CONTROL_RE, clean_line, strip_controls
from loaders.common import Builder
from loaders.detect import FORMATS, HTML_SUFFIXES, detect_text_format, sniff_binary
from loaders.encoding import decode_bytes, read_bytes
from loaders.metadata import extract_metadata
from loaders.prose import first_body_line, parse_prose
from loaders.table import csv_rows, is_header, parse_rows, split_text_row, text_rows, xlsx_rows

if TYPE_CHECKING:
    from loaders.formats import Extracted

__all__ = ["load_document", "parse_text", "DocumentError"]

_CONTROL_WARNING = "control characters removed"


def load_document(path: str | Path, dirx: AgencyDirectory | None = None) -> ParsedDocument:
    """Read, decode, detect and parse one document file."""
    source = str(path)
    suffix = Path(source).suffix.lower()
    data = read_bytes(path)
    kind = sniff_binary(data, source)
    if kind == "xlsx" or suffix == ".xlsx":
        if kind != "xlsx":
            raise DocumentError(source, "file named .xlsx is not an .xlsx workbook")
        rows, pre = xlsx_rows(io.BytesIO(data), source)
        return _parse_sheet(rows, pre, source, "xlsx", dirx or directory())
    if kind is not None:
        return _parse_extracted(_extract(kind, data, source), source, dirx)
    text, _encoding = decode_bytes(data, source)
    from loaders.formats.html import looks_like_html

    if looks_like_html(text) or (suffix in HTML_SUFFIXES and "<" in text):
        from loaders.formats.html import extract_html

        return _parse_extracted(extract_html(text), source, dirx)
    fmt = "csv" if suffix == ".csv" else None
    return parse_text(text, source, fmt, dirx=dirx)


def _extract(kind: str, data: bytes, source: str) -> Extracted:
    """The lines or rows of a binary document (format modules imported only when needed)."""
    if kind == "docx":
        from loaders.formats.docx import extract_docx

        return extract_docx(data, source)
    if kind == "pdf":
        from loaders.formats.pdf import extract_pdf

        return extract_pdf(data, source)
    if kind == "xls":
        from loaders.formats.xls import extract_xls

        return extract_xls(data, source)
    from loaders.formats.legacy import extract_legacy_word

    return extract_legacy_word(data, source, kind)


def _parse_extracted(ex: Extracted, source: str, dirx: AgencyDirectory | None) -> ParsedDocument:
    dirx = dirx or directory()
    if ex.rows is not None:
        parsed = _parse_sheet(ex.rows, ex.pre, source, ex.fmt, dirx)
    else:
        parsed = parse_text(ex.text or "", source, None, dirx=dirx)
    parsed.document.format = ex.fmt
    _apply_fields(parsed, ex.fields, dirx)
    return parsed


_DATE_RE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


def _apply_fields(parsed: ParsedDocument, fields: dict[str, str], dirx: AgencyDirectory) -> None:
    """Page metadata (an HTML page's 发文机关 / 成文日期 / 发文字号) fills what the text
    itself does not state; the text wins where both do.  The document id follows the
    same rule as the text's (document number, else issuer and date) and measure ids
    follow the document id."""
    if not fields:
        return
    doc = parsed.document
    if not doc.issuer and fields.get("issuer"):
        gov = dirx.government(fields["issuer"])
        doc.issuer = gov.name if gov else fields["issuer"]
        if gov is not None:
            doc.level, doc.region = gov.level, gov.region  # type: ignore[assignment]
    dm = _DATE_RE.match(fields.get("date", ""))
    if not doc.published and dm:
        y, m, d = (int(x) for x in dm.groups())
        if 1 <= m <= 12 and 1 <= d <= 31:
            doc.published = f"{y:04d}-{m:02d}-{d:02d}"
            doc.year = doc.year or y
    if not doc.doc_number and fields.get("doc_number"):
        doc.doc_number = re.sub(r"\s+", "", fields["doc_number"])
    new_id = doc.doc_number or (f"{doc.issuer}-{doc.published}" if doc.issuer and doc.published else doc.id)
    if new_id != doc.id:
        old = doc.id + ":"
        for m in parsed.measures:
            if m.id.startswith(old):
                m.id = new_id + ":" + m.id[len(old) :]
        doc.id = new_id


def parse_text(
    text: str,
    source: str = "<text>",
    fmt: str | None = None,
    dirx: AgencyDirectory | None = None,
) -> ParsedDocument:
    """Parse a document already in memory.  ``fmt``: prose | table | csv | None (detect)."""
    dirx = dirx or directory()
    text = text.lstrip("\ufeff")
    text, control_lines = strip_controls(text)
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
    for line in control_lines:
        b.warn(line, _CONTROL_WARNING)
    return _finish(b)


def _clean_sheet_rows(
    rows: Iterable[tuple[int, list[str] | None, str]], control_lines: list[int]
) -> list[tuple[int, list[str] | None, str]]:
    """Sheet rows without control characters (the loaders' one rule); rows that had them
    are noted in ``control_lines``."""
    out = []
    for line, cells, raw in rows:
        if CONTROL_RE.search(raw):
            control_lines.append(line)
            cells = [CONTROL_RE.sub("", c) for c in cells] if cells is not None else None
            raw = CONTROL_RE.sub("", raw)
        out.append((line, cells, raw))
    return out


def _parse_sheet(
    rows: list[tuple[int, list[str] | None, str]], pre: list[str], source: str, fmt: str, dirx: AgencyDirectory
) -> ParsedDocument:
    """A workbook's sheet (.xlsx, .xls): its pre-header rows give the metadata."""
    control_lines: list[int] = []
    rows = _clean_sheet_rows(rows, control_lines)
    lines = [clean_line(CONTROL_RE.sub("", x)) for x in pre]
    doc = extract_metadata(lines, source, fmt, len(lines), dirx)
    b = Builder(doc, dirx, source)
    parse_rows(rows, b)
    for line in control_lines:
        b.warn(line, _CONTROL_WARNING)
    return _finish(b)


def _finish(b: Builder) -> ParsedDocument:
    if not b.measures:
        raise DocumentError(b.source, "no measures found (no text closed by a responsibility clause)")
    if not any(m.responsibilities for m in b.measures):
        raise DocumentError(
            b.source, "no recognisable responsibility clause (牵头 / 负责 / 配合 …) in the document"
        )
    check_unique_measures(b.measures, b.source)
    return ParsedDocument(
        document=b.document,
        tasks=b.tasks,
        measures=b.measures,
        units=b.units(),
        warnings=b.warnings,
    )
