"""PDF documents with a text layer (pdfplumber, on pdfminer.six): prose and ruled tables.

Why pdfplumber: it is maintained, reads CJK through the fonts' ToUnicode maps, and finds
ruled tables from the drawn lines, which is how task tables are printed.

* text outside tables becomes lines; a line that runs to the right margin continues on
  the next (wrapped paragraph), unless the next is indented (a new paragraph);
* page numbers (``— 3 —``, ``- 3 -``, ``第3页 共10页``, ``3/10``) and a running header or
  footer repeated in the margins of several pages are removed;
* a ruled table becomes rows (merged cells empty in their covered positions); a table
  continued on the next page keeps being the task table even without a repeated header;
* no text layer at all (a scan) and a password are each a one-line DocumentError.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from graph.model import DocumentError
from loaders.formats import Extracted, cell_text, table_lines

MAX_PAGES = 3000
PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-—–－_~·•]+\s*\d{1,4}\s*[-—–－_~·•]+"
    r"|第\s*\d{1,4}\s*页\s*(?:[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$"
)
_MARGIN = 0.09  # share of the page height at top and bottom where running headers live
_ITEM_START_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}[．.、])")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float  # character width, for "reaches the margin" and "indented"
    page: int
    margin: bool  # in the top or bottom margin band of its page


def _is_encrypted_error(e: BaseException) -> bool:
    seen: BaseException | None = e
    while seen is not None:
        name = type(seen).__name__.lower()
        if "password" in name or "encrypt" in name or "password" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _open(data: bytes, source: str) -> Any:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - pdfplumber is a dependency
        raise DocumentError(source, "pdfplumber is not installed; cannot read PDF") from None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = len(pdf.pages)
        return pdf
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds
        if _is_encrypted_error(e):
            raise DocumentError(source, "encrypted PDF (password-protected): remove the password and try again") from None
        raise DocumentError(source, f"not a readable PDF ({type(e).__name__})") from None


def extract_pdf(data: bytes, source: str) -> Extracted:
    """Lines and table rows of every page in reading order (see the module docstring)."""
    pdf = _open(data, source)
    items: list[tuple[int, float, _Line | list[list[str]]]] = []
    chars = 0
    try:
        if len(pdf.pages) > MAX_PAGES:
            raise DocumentError(source, f"PDF has {len(pdf.pages)} pages (limit {MAX_PAGES})")
        for number, page in enumerate(pdf.pages, start=1):
            chars += len(page.chars)
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]] = boxes) -> bool:
                if obj.get("object_type") != "char":
                    return True
                cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

            flow = page.filter(outside) if boxes else page
            height = float(page.height)
            for ln in flow.extract_text_lines(return_chars=True, strip=True):
                text = ln["text"]
                if not text.strip():
                    continue
                size = max((c["x1"] - c["x0"] for c in ln["chars"]), default=10.0)
                top = float(ln["top"])
                margin = top < height * _MARGIN or float(ln["bottom"]) > height * (1 - _MARGIN)
                items.append((number, top, _Line(text, float(ln["x0"]), float(ln["x1"]), top, size, number, margin)))
            for t in tables:
                rows = [[cell_text([c or ""]) if c else "" for c in row] for row in t.extract()]
                items.append((number, float(t.bbox[1]), rows))
    except DocumentError:
        raise
    except Exception as e:  # noqa: BLE001 - damaged page content streams
        if _is_encrypted_error(e):
            raise DocumentError(source, "encrypted PDF (password-protected): remove the password and try again") from None
        raise DocumentError(source, f"cannot read PDF page content ({type(e).__name__})") from None
    finally:
        pdf.close()
    if chars == 0:
        raise DocumentError(
            source, "scanned PDF without a text layer: run OCR on it or get the text (.docx/.txt) version"
        )
    items.sort(key=lambda x: (x[0], x[1]))
    return Extracted(fmt="pdf", text="\n".join(_lines(items)))


def _running(lines: list[_Line]) -> set[str]:
    """Texts in the margin band of two or more pages (digits ignored): running headers."""
    pages: dict[str, set[int]] = {}
    for ln in lines:
        if ln.margin:
            pages.setdefault(re.sub(r"\d+", "#", ln.text.strip()), set()).add(ln.page)
    return {k for k, v in pages.items() if len(v) >= 2}


def _lines(items: list[tuple[int, float, _Line | list[list[str]]]]) -> list[str]:
    text_lines = [x for _, _, x in items if isinstance(x, _Line)]
    running = _running(text_lines)
    body = [
        ln
        for ln in text_lines
        if not (ln.margin and PAGE_NUMBER_RE.match(ln.text))
        and not (ln.margin and re.sub(r"\d+", "#", ln.text.strip()) in running)
    ]
    keep = {id(x) for x in body}
    left = min((ln.x0 for ln in body), default=0.0)
    right = max((ln.x1 for ln in body), default=0.0)
    out: list[str] = []
    prev: _Line | None = None
    task_cols: int | None = None
    for _, _, item in items:
        if isinstance(item, list):
            prev = None
            rows = item
            if task_cols is not None and rows and len(rows[0]) == task_cols:
                out.extend("\t".join(r) for r in rows)  # the task table continued on this page
                continue
            lines = table_lines(rows)
            if lines and "\t" in lines[0]:
                task_cols = len(rows[0]) if rows else None
            else:
                task_cols = None
            out.extend(lines)
            continue
        if id(item) not in keep:
            continue
        if (
            prev is not None
            and prev.x1 >= right - 1.5 * prev.size
            and item.x0 <= left + 0.5 * item.size
            and not _ITEM_START_RE.match(item.text)
        ):
            out[-1] += item.text.strip()
        else:
            out.append(item.text.strip())
        prev = item
    return out
