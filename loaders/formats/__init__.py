"""Binary and markup document formats, each turned into what the text parsers take.

Why one small module per format: each wraps one maintained library (python-docx,
pdfplumber, xlrd) or the standard library (html.parser), imported lazily inside its
function so that reading a .txt never pays for them.  Every format ends as either

* ``Extracted.text``: lines for ``loaders.parse_text`` (prose lines; a task table as
  tab-separated rows, its header found by the table reader), or
* ``Extracted.rows`` / ``Extracted.pre``: sheet rows for ``loaders.table.parse_rows``
  (.xls, like .xlsx),

plus ``fields``: page metadata given beside the text (an HTML page's 发文机关 / 成文日期 /
发文字号 table), used only where the text itself does not state them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.cleaning import clean_cell
from loaders.table import is_header

Row = tuple[int, list[str] | None, str]

# label cells of a page's metadata table (政府信息公开 pages): label -> Extracted.fields key
META_LABELS: dict[str, str] = {
    "发文机关": "issuer",
    "成文日期": "date",
    "发文字号": "doc_number",
    "标题": "title",
    "发布日期": "published_on_site",
    "索引号": "index",
    "主题分类": "topic",
    "主题词": "keywords",
}
_LABEL_CELL_RE = re.compile(r"^\s*(?P<label>[^：:]{1,12})\s*[：:]\s*$")


@dataclass
class Extracted:
    """What a format reader hands to the parsers (see the module docstring)."""

    fmt: str  # docx | pdf | html | xls | doc
    text: str | None = None
    rows: list[Row] | None = None
    pre: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


def cell_text(parts: list[str]) -> str:
    """One table cell written on one line: its paragraphs joined, tabs and breaks as spaces
    (the cleaner removes a space between Chinese characters)."""
    return re.sub(r"[\t\r\n]+", " ", " ".join(p.strip() for p in parts if p and p.strip())).strip()


def _label(cell: str) -> str | None:
    m = _LABEL_CELL_RE.match(cell)
    return re.sub(r"\s+", "", m.group("label")) if m else None


def table_lines(rows: list[list[str]], fields: dict[str, str] | None = None) -> list[str]:
    """Lines for one table (cells may hold several lines, joined by \\n): a task table (a row the table reader takes as its header) as
    tab-separated rows; any other table as text lines, a ``label：`` cell joined to the
    value cell after it.  A page metadata table (发文机关：… 成文日期：…) goes into
    ``fields`` instead of the text, where it would read as the document's title."""
    if any(is_header([clean_cell(cell_text(c.split("\n"))) for c in row]) for row in rows):
        return ["\t".join(cell_text(c.split("\n")) for c in row) for row in rows]
    pairs: list[tuple[str, str]] = []
    plain: list[str] = []
    lines: list[str] = []
    for row in rows:
        i = 0
        while i < len(row):
            cell = row[i].strip()
            label = _label(cell) if cell and "\n" not in cell else None
            if label is not None:
                nxt = row[i + 1].strip() if i + 1 < len(row) else ""
                value = "" if _label(nxt) else nxt
                pairs.append((label, value))
                lines.append(cell + value)
                i += 1 if _label(nxt) else 2
                continue
            for x in cell.split("\n"):
                if x.strip():
                    plain.append(x.strip())
                    lines.append(x.strip())
            i += 1
    known = [label for label, _ in pairs if label in META_LABELS]
    if fields is not None and known and len(known) * 2 >= len(pairs) and len(plain) <= len(pairs):
        for label, value in pairs:
            if label in META_LABELS and value:
                fields.setdefault(META_LABELS[label], value)
        return plain
    return lines
