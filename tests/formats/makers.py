"""The one text (tests/data/formats/xiqing_2023_tasks.tsv) written in every format by the
real libraries: python-docx, reportlab (with a real CJK TrueType font), xlwt, openpyxl,
and HTML by hand as a government site serves it.

Two variants of the same division: the table (as the .tsv has it) and prose (sections
一、… and numbered items closed by their responsibility clause), both from the rows."""

from __future__ import annotations

import csv
import html
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"
SOURCE = DATA / "xiqing_2023_tasks.tsv"
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


@dataclass
class Source:
    preamble: list[str]  # title, 文号, salutation, preamble, signature, date, 附件, table title
    header: list[str]
    rows: list[list[str]]  # 任务序号 / 重点工作任务 (first row of a task only) / 措施序号 / 落实措施 / 责任单位 / 完成时限


def source() -> Source:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("任务序号\t"))
    return Source(lines[:at], lines[at].split("\t"), [x.split("\t") for x in lines[at + 1 :] if x])


def prose_lines(src: Source) -> list[str]:
    """The prose variant: the preamble up to the date, then 一、title and 1．text（clause）."""
    out = src.preamble[: src.preamble.index("附件")]
    for seq, title, no, text, resp, deadline in src.rows:
        if seq:
            out.append(f"{seq}、{title}")
        out.append(f"{no}．{text}（{resp}，{deadline}）")
    return out


def tsv_text(src: Source) -> str:
    return "\n".join([*src.preamble, "\t".join(src.header), *("\t".join(r) for r in src.rows)]) + "\n"


def write_txt(src: Source, path: Path) -> Path:
    path.write_text("\n".join(prose_lines(src)) + "\n", encoding="utf-8")
    return path


def write_csv(src: Source, path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        for line in src.preamble:
            w.writerow([line])
        w.writerow(src.header)
        w.writerows(src.rows)
    return path


def _task_spans(src: Source) -> list[tuple[int, int]]:
    """(first row, last row) of each task, for merged 任务序号 / 重点工作任务 cells."""
    starts = [i for i, r in enumerate(src.rows) if r[0]]
    return [(s, (starts[k + 1] if k + 1 < len(starts) else len(src.rows)) - 1) for k, s in enumerate(starts)]


def write_docx(src: Source, path: Path, *, table: bool) -> Path:
    """A Word document: preamble paragraphs, then the table (task cells merged down the
    task's rows, header row repeated on each page) or the prose items."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    if not table:
        for line in prose_lines(src):
            d.add_paragraph(line)
        d.save(path)
        return path
    for line in src.preamble:
        d.add_paragraph(line)
    t = d.add_table(rows=1 + len(src.rows), cols=len(src.header))
    t.style = "Table Grid"
    for j, h in enumerate(src.header):
        t.cell(0, j).text = h
    tr_pr = t.rows[0]._tr.get_or_add_trPr()
    tbl_header = OxmlElement("w:tblHeader")
    tbl_header.set(qn("w:val"), "true")
    tr_pr.append(tbl_header)
    for i, row in enumerate(src.rows, start=1):
        for j in range(2, len(row)):
            t.cell(i, j).text = row[j]
    for first, last in _task_spans(src):
        for j in (0, 1):
            merged = t.cell(first + 1, j).merge(t.cell(last + 1, j))
            merged.text = src.rows[first][j]
    d.add_paragraph("（此件公开发布）")
    d.save(path)
    return path


def write_xls(src: Source, path: Path) -> Path:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("任务分工")
    r = 0
    for line in src.preamble:
        ws.write(r, 0, line)
        r += 1
    for j, h in enumerate(src.header):
        ws.write(r, j, h)
    top = r + 1
    for i, row in enumerate(src.rows):
        for j in range(2, len(row)):
            ws.write(top + i, j, int(row[j]) if j == 2 else row[j])
    for first, last in _task_spans(src):
        for j in (0, 1):
            ws.write_merge(top + first, top + last, j, j, src.rows[first][j])
    wb.save(str(path))
    return path


def write_xlsx(src: Source, path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for line in src.preamble:
        ws.append([line])
    ws.append(src.header)
    top = ws.max_row + 1
    for row in src.rows:
        ws.append([c or None for c in row[:2]] + [int(row[2])] + row[3:])
    for first, last in _task_spans(src):
        for col in ("A", "B"):
            ws.merge_cells(f"{col}{top + first}:{col}{top + last}")
    wb.save(path)
    return path


_CHROME_TOP = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>西青区人民政府</title>'
    "<style>p{text-indent:2em}</style><script>var nav = '<p>首页</p>';</script></head><body>"
    '<nav><ul><li><a href="/">首页</a></li><li>政务公开</li><li>政策文件</li></ul></nav>'
    "<!-- 网站统计 <p>1．不是措施（区财政局负责）</p> -->"
)
_CHROME_END = '<iframe src="/share.html"></iframe><div class="footer">主办：天津市西青区人民政府办公室</div></body></html>'


def write_html(src: Source, path: Path, *, table: bool) -> Path:
    """A page as a government site serves it: the whole body on one line, &nbsp; padding,
    navigation, a script, a style and a comment around the text."""
    esc = html.escape
    parts = [_CHROME_TOP, '<div id="zoom">']
    if not table:
        for line in prose_lines(src):
            parts.append(f"<p>&nbsp;&nbsp;{esc(line)}</p>")
    else:
        for k, line in enumerate(src.preamble):
            parts.append(f"<p>{esc(line)}</p>" if k % 2 else f"<div>{esc(line)}<br></div>")
        parts.append('<table border="1"><tr>' + "".join(f"<th>{esc(h)}</th>" for h in src.header) + "</tr>")
        spans = dict(_task_spans(src))
        for i, row in enumerate(src.rows):
            cells = []
            for j, c in enumerate(row):
                if j < 2:
                    if i in spans:
                        cells.append(f'<td rowspan="{spans[i] - i + 1}">{esc(c)}</td>')
                    continue
                cells.append(f"<td><p>{esc(c)}</p></td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
    parts.append("</div>" + _CHROME_END)
    path.write_text("".join(parts), encoding="utf-8")
    return path


def _pdf_fonts() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(CJK_FONT), subfontIndex=0))
    return "WQY"


def write_pdf(src: Source, path: Path, *, table: bool) -> Path:
    """A printed document: A4, the body wrapped to the text width, a running header, page
    numbers ``— n —`` in the footer, and the table ruled with its header repeated on
    every page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = _pdf_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK")

    def page(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, "西青区人民政府文件")
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"— {doc.page} —")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=28 * mm, bottomMargin=25 * mm)
    story: list = []
    if not table:
        for line in prose_lines(src):
            story.append(Paragraph(html.escape(line), body))
    else:
        for line in src.preamble:
            story.append(Paragraph(html.escape(line), body))
        data = [[Paragraph(html.escape(h), cell) for h in src.header]]
        data += [[Paragraph(html.escape(c), cell) for c in row] for row in src.rows]
        widths = [14 * mm, 22 * mm, 12 * mm, 68 * mm, 42 * mm, 22 * mm]
        t = Table(data, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)
    doc.build(story, onFirstPage=page, onLaterPages=page)
    return path


WRITERS = {
    "txt": lambda s, p: write_txt(s, p),
    "tsv": lambda s, p: (p.write_text(tsv_text(s), encoding="utf-8"), p)[1],
    "csv": write_csv,
    "xlsx": write_xlsx,
    "xls": write_xls,
    "docx-table": lambda s, p: write_docx(s, p, table=True),
    "docx-prose": lambda s, p: write_docx(s, p, table=False),
    "html-table": lambda s, p: write_html(s, p, table=True),
    "html-prose": lambda s, p: write_html(s, p, table=False),
    "pdf-table": lambda s, p: write_pdf(s, p, table=True),
    "pdf-prose": lambda s, p: write_pdf(s, p, table=False),
}
SUFFIX = {"docx": ".docx", "html": ".html", "pdf": ".pdf"}


def make(kind: str, folder: Path) -> Path:
    """Write the one text as ``kind`` (a key of WRITERS) into ``folder``."""
    base = kind.split("-")[0]
    path = folder / f"xiqing_2023_{kind}{SUFFIX.get(base, '.' + base)}"
    return WRITERS[kind](source(), path)
