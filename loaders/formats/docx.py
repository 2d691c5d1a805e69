"""Word .docx documents (python-docx): paragraphs and tables in document order.

* a task table (a row the table reader takes as its header) becomes tab-separated rows,
  whether it is the whole document or follows a title and preamble;
* merged cells are laid on the column grid: a cell spanning columns (gridSpan) or rows
  (vMerge) is written in its first position and left empty in the others, as a typed
  table leaves them, so the table reader continues the task and measure above;
* a header row repeated on each page (w:tblHeader) is one row in the file; a header row
  repeated by hand is dropped by the table reader;
* any other table is text (label cells joined to their values).
"""

from __future__ import annotations

import io
from typing import Any

from graph.model import DocumentError
from loaders.formats import Extracted, table_lines
from loaders.formats.zipguard import open_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _para_text(p: Any) -> str:
    """A paragraph's text with its breaks and tabs (python-docx's own reading of runs)."""
    from docx.text.paragraph import Paragraph

    return Paragraph(p, None).text


def _cell_lines(tc: Any) -> str:
    lines: list[str] = []
    for child in tc.iterchildren():
        if child.tag == _W + "p":
            lines.append(_para_text(child))
        elif child.tag == _W + "tbl":
            lines.extend(_table(child, None))
    return "\n".join(x for x in lines if x.strip())


def _table(tbl: Any, fields: dict[str, str] | None) -> list[str]:
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(_W + "tr"):
        cells: list[str] = []
        for tc in tr.iterchildren(_W + "tc"):
            span = max(1, int(tc.grid_span or 1))
            merged_from_above = tc.vMerge == "continue"
            cells.append("" if merged_from_above else _cell_lines(tc))
            cells.extend([""] * (span - 1))
        rows.append(cells)
    return table_lines(rows, fields)


def extract_docx(data: bytes, source: str) -> Extracted:
    """Lines of the document body in order: paragraphs, then each table where it stands."""
    open_zip(data, source, ".docx document")  # refuse a bomb before python-docx inflates anything
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise DocumentError(source, "python-docx is not installed; cannot read .docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise DocumentError(source, "not a readable .docx document (no Word package inside)") from None
    except Exception as e:  # noqa: BLE001 - corrupt XML / package parts
        raise DocumentError(source, f"not a readable .docx document ({type(e).__name__})") from None
    fields: dict[str, str] = {}
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == _W + "p":
            lines.append(_para_text(child))
        elif child.tag == _W + "tbl":
            lines.extend(_table(child, fields))
        elif child.tag == _W + "sdt":  # content control wrapping paragraphs
            for p in child.iter(_W + "p"):
                lines.append(_para_text(p))
    return Extracted(fmt="docx", text="\n".join(lines), fields=fields)
