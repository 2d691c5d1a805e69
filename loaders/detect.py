"""Which kind of document a file is, by its content first and its name second.

Binary containers are told by their bytes: a zip holding ``xl/`` is an .xlsx workbook,
one holding ``word/`` a .docx (both checked against the zip-bomb limits before anything
is listed further); ``%PDF`` a PDF; an OLE compound file (``D0 CF 11 E0``) is an .xls
workbook, a .doc / .wps document or an encrypted Office file by its stream names.  Text
is an HTML page, a tab/pipe table, CSV or prose.
"""

from __future__ import annotations

from pathlib import Path

from graph.model import DocumentError
from loaders.cleaning import clean_line
from loaders.prose import is_item, is_responsibility_text
from loaders.table import is_header, split_text_row

FORMATS = ("prose", "table", "csv", "xlsx")
# the file names ``policygraph parse`` / ``load`` take (a folder is scanned for these)
SUPPORTED_SUFFIXES = (
    ".txt", ".md", ".tsv", ".csv", ".xlsx", ".xls", ".docx", ".doc", ".wps", ".pdf", ".html", ".htm",
)
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole_kind(data: bytes, source: str) -> str:
    """xls | doc | wps for an OLE compound file (its directory names the streams)."""
    suffix = Path(source).suffix.lower()
    if _utf16("EncryptedPackage") in data:
        raise DocumentError(
            source, "encrypted (password-protected) Office file: remove the password and save again"
        )
    if _utf16("Workbook") in data or _utf16("Book\x00") in data:
        return "xls"
    if _utf16("WordDocument") in data:
        return "wps" if suffix == ".wps" else "doc"
    if suffix in (".doc", ".wps"):
        return suffix[1:]
    if suffix == ".xls":
        return "xls"
    raise DocumentError(source, "unrecognised legacy Office file (not an .xls workbook or a .doc document)")


def sniff_binary(data: bytes, source: str) -> str | None:
    """'xlsx' | 'docx' | 'pdf' | 'xls' | 'doc' | 'wps' for a binary document; None for text.

    DocumentError for other binary containers, corrupt zips and zip bombs."""
    if data.startswith(b"PK\x03\x04"):
        from loaders.formats.zipguard import open_zip

        names = open_zip(data, source, ".xlsx/.docx").namelist()
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("word/") for n in names):
            return "docx"
        if "mimetype" in names:
            raise DocumentError(source, "OpenDocument files are not supported: save the document as .docx or .xlsx")
        raise DocumentError(source, "unrecognised zip file (not an .xlsx workbook or a .docx document)")
    if data.startswith(OLE_MAGIC) or data.startswith(b"\xd0\xcf\x11\xe0"):
        return _ole_kind(data, source)
    if data[:1024].lstrip().startswith(b"%PDF"):
        return "pdf"
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
