"""The link review file: write the links with their evidence for a person to mark right or
wrong (.xlsx or .csv), read the marked file back and store the decisions.

Why a file: a reviewer judges a link by reading both measures side by side, which is
what a spreadsheet is good at; the round trip (``policygraph links review`` ->
mark 判断 / 备注 in Excel -> ``policygraph links apply FILE --by NAME``) follows the
ledger's habits (reports/ledger.py, reports/ledger_import.py): columns found by their
header, every text cell neutralised against formulas, rows matched by id (never by
position), every row checked before anything is stored, all or nothing.

Sheets (one table in a CSV, told apart by 类型):

* 措施链接 (类型 链接): one row per measure link -- both measures' document, 序号 and
  text, the method, score, 主链接, the evidence, the decision in force (当前判断), and
  the fill-in 判断 (正确/错误; ✓/✗, 对/错, yes/no, y/n, 1/0 too) and 备注.  An empty
  判断 decides nothing.
* 本地措施 (类型 本地): every local (unlinked) lower measure, with the documents it
  implements; fill 上级序号 (8.1) or 上级措施编号 to add the missing link (判断 may stay
  empty: a given city measure is a confirmation).
* 任务链接: the task links, to read alongside (the .xlsx only; not read back).

The decisions are stored by graph.linking.decision_store (append-only, who / when /
file and row / note) and laid over every relink by graph.linking.decisions.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.linking.decision_store import DecisionRecord, append_decisions, resolve_rows
from graph.linking.decisions import CONFIRMED, REJECTED, document_of
from graph.model import DocumentError, PolicyGraphError
from graph.progress import format_timestamp, now_utc
from graph.progress_anchor import fingerprint
from queries.link_review import document_uppers, link_review
from reports.ledger import safe_text, unsafe_text

KIND_LINK, KIND_LOCAL = "链接", "本地"
LINK_SHEET, LOCAL_SHEET, TASK_SHEET = "措施链接", "本地措施", "任务链接"
LOWER_ID, UPPER_ID, UPPER_NUMBER = "下级措施编号", "上级措施编号", "上级序号"
VERDICT, NOTE, KIND = "判断", "备注", "类型"
LOWER_FP, UPPER_FP = "下级指纹", "上级指纹"
COLUMNS = [
    KIND, LOWER_ID, UPPER_ID, "下级文件", "下级序号", "下级措施内容", "上级文件", UPPER_NUMBER, "上级措施内容",
    "方法", "得分", "主链接", "依据", "当前判断", VERDICT, NOTE, LOWER_FP, UPPER_FP,
]
TASK_COLUMNS = ["下级任务编号", "上级任务编号", "下级任务", "上级任务", "方法", "得分"]
FILL_IN = (VERDICT, NOTE)
FILL_IN_LOCAL = (UPPER_NUMBER, UPPER_ID, VERDICT, NOTE)
WIDTHS = {KIND: 6, LOWER_ID: 10, UPPER_ID: 10, "下级文件": 18, "下级序号": 7, "下级措施内容": 50, "上级文件": 18,
          UPPER_NUMBER: 7, "上级措施内容": 50, "方法": 12, "得分": 7, "主链接": 6, "依据": 30, "当前判断": 18,
          VERDICT: 8, NOTE: 20, "下级任务": 40, "上级任务": 40}
HIDDEN = (LOWER_FP, UPPER_FP)
MAX_ROWS = 50000

# What a person may write in 判断, read case-insensitively.
RIGHT = ("正确", "对", "是", "✓", "✔", "√", "yes", "y", "1", "right", "true", "confirmed")
WRONG = ("错误", "错", "否", "✗", "✘", "×", "x", "no", "n", "0", "wrong", "false", "rejected")
DECISION_ZH = {CONFIRMED: "正确", REJECTED: "错误"}


def parse_verdict(text: str) -> str | None:
    """confirmed / rejected from what a person wrote; '' for an empty cell; None when
    it cannot be read."""
    t = text.strip().lower()
    if not t:
        return ""
    if t in RIGHT:
        return CONFIRMED
    if t in WRONG:
        return REJECTED
    return None


# -- writing ------------------------------------------------------------------------------


def measure_number(number: Any, clause: Any) -> str:
    """8.1 (item 8, clause 1); 8 for an item of one clause."""
    if number is None:
        return ""
    return f"{number}.{clause}" if clause else str(number)


def document_label(title: str | None, doc_number: str | None) -> str:
    title = title or ""
    return f"{title}（{doc_number}）" if doc_number else title


def decision_label(d: dict[str, Any] | None) -> str:
    """当前判断: 正确（张三 2026-12-02）, with the note if any."""
    if not d:
        return ""
    text = f"{DECISION_ZH.get(d['decision'], d['decision'])}（{d['decided_by']} {d['at'][:10]}）"
    return f"{text} {d['note']}" if d.get("note") else text


@dataclass
class ReviewFile:
    """The rows of a review file, by sheet, each a dict by column."""

    links: list[dict[str, Any]] = field(default_factory=list)
    local: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    orphans: list[dict[str, Any]] = field(default_factory=list)  # decisions whose measure is gone

    def summary(self) -> dict[str, int]:
        return {"measure_links": len(self.links), "local_measures": len(self.local), "task_links": len(self.tasks),
                "decided": sum(1 for r in self.links if r["当前判断"]), "orphan_decisions": len(self.orphans)}


def review_rows(answer: dict[str, Any]) -> ReviewFile:
    """The file's rows from the read layer's answer (queries.link_review)."""
    out = ReviewFile(orphans=list(answer.get("orphans") or []))
    for r in answer["measure_links"]:
        out.links.append({
            KIND: KIND_LINK, LOWER_ID: r["lower_id"], UPPER_ID: r["upper_id"],
            "下级文件": document_label(r["lower_document_title"], r["lower_doc_number"]),
            "下级序号": measure_number(r["lower_number"], r["lower_clause"]), "下级措施内容": r["lower_text"] or "",
            "上级文件": document_label(r["upper_document_title"], r["upper_doc_number"]),
            UPPER_NUMBER: measure_number(r["upper_number"], r["upper_clause"]), "上级措施内容": r["upper_text"] or "",
            "方法": r["method"] or "", "得分": round(float(r["score"] or 0.0), 4),
            "主链接": "是" if r["is_primary"] else "否", "依据": r["evidence"] or "",
            "当前判断": decision_label(r["decision"]), VERDICT: "", NOTE: "",
            LOWER_FP: fingerprint(r["lower_text"]), UPPER_FP: fingerprint(r["upper_text"]),
        })
    for r in answer["local_measures"]:
        out.local.append({
            KIND: KIND_LOCAL, LOWER_ID: r["id"], UPPER_ID: "", "下级文件": r["document_title"],
            "下级序号": measure_number(r["number"], r["clause"]), "下级措施内容": r["text"] or "",
            "上级文件": "；".join(document_label(u["title"], u["doc_number"]) for u in r["uppers"]),
            UPPER_NUMBER: "", "上级措施内容": "", "方法": "", "得分": "", "主链接": "", "依据": "本地（无上级措施）",
            "当前判断": "", VERDICT: "", NOTE: "", LOWER_FP: fingerprint(r["text"]), UPPER_FP: "",
        })
    for r in answer["task_links"]:
        out.tasks.append({
            "下级任务编号": r["lower_id"], "上级任务编号": r["upper_id"],
            "下级任务": f"（{r['lower_seq']}）{r['lower_title'] or ''}" if r["lower_seq"] else r["lower_title"] or "",
            "上级任务": f"（{r['upper_seq']}）{r['upper_title'] or ''}" if r["upper_seq"] else r["upper_title"] or "",
            "方法": r["method"] or "", "得分": round(float(r["score"] or 0.0), 4),
        })
    return out


def build_review(store: Any, document: str | None = None) -> ReviewFile:
    """Read the links (queries.link_review) and shape the file's rows."""
    return review_rows(link_review(store, document))


def _sheet(wb: Any, title: str, columns: list[str], rows: list[dict[str, Any]], fill_in: tuple[str, ...]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(title)
    ws.append(columns)
    head = PatternFill("solid", fgColor="DDEBF7")
    fill = PatternFill("solid", fgColor="FFF2CC")
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, name in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = fill if name in fill_in else head
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = WIDTHS.get(name, 12)
        if name in HIDDEN:
            ws.column_dimensions[letter].hidden = True
    for r in rows:
        ws.append([safe_text(r.get(c, "")) for c in columns])
        for col, name in enumerate(columns, start=1):
            cell = ws.cell(row=ws.max_row, column=col)
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula (safe_text neutralised it)
            cell.alignment = wrap
            if name in fill_in:
                cell.fill = fill
    if rows and VERDICT in columns:
        letter = get_column_letter(columns.index(VERDICT) + 1)
        dv = DataValidation(type="list", formula1='"正确,错误"', allow_blank=True, showErrorMessage=False)
        dv.add(f"{letter}2:{letter}{len(rows) + 1}")
        ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def xlsx_bytes(review: ReviewFile) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = "链接审核 (link review)"
    wb.properties.creator = "PolicyGraph"
    _sheet(wb, LINK_SHEET, COLUMNS, review.links, FILL_IN)
    _sheet(wb, LOCAL_SHEET, COLUMNS, review.local, FILL_IN_LOCAL)
    _sheet(wb, TASK_SHEET, TASK_COLUMNS, review.tasks, ())
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(review: ReviewFile) -> bytes:
    """Measure links then local measures in one table (UTF-8 with BOM for Excel)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for r in review.links + review.local:
        w.writerow([safe_text(r.get(c, "")) for c in COLUMNS])
    return buf.getvalue().encode("utf-8-sig")


def write_review(review: ReviewFile, path: Path) -> Path:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        path.write_bytes(xlsx_bytes(review))
    elif suffix == ".csv":
        path.write_bytes(csv_bytes(review))
    else:
        raise PolicyGraphError(f"a review file ends in .xlsx or .csv, not {path.name}")
    return path


# -- reading back -------------------------------------------------------------------------


@dataclass
class ReviewRow:
    sheet: str
    row: int  # as a person sees it (1 = the header)
    cells: dict[str, Any]

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.row}"


@dataclass
class ReviewError:
    sheet: str
    row: int
    column: str
    reason: str

    def line(self, filename: str) -> str:
        return f"{filename}:{self.sheet}:{self.row}: {self.column}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(unsafe_text(value if isinstance(value, str) else str(value))).strip()


def read_review(data: bytes, filename: str) -> list[ReviewRow]:
    """The data rows of every sheet (or the CSV) with a 下级措施编号 and a 判断 column."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix == "xlsx":
        return _read_xlsx(data, filename)
    if suffix == "csv":
        return _read_csv(data, filename)
    raise DocumentError(filename, "a review file is an .xlsx or .csv file")


def _is_review_header(names: list[str]) -> bool:
    return LOWER_ID in names and VERDICT in names


def _read_xlsx(data: bytes, filename: str) -> list[ReviewRow]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as e:  # zipfile/openpyxl raise many kinds for a file that is not a workbook
        raise DocumentError(filename, f"not an .xlsx workbook ({type(e).__name__}: {e})") from None
    rows: list[ReviewRow] = []
    found = False
    try:
        for ws in wb.worksheets:
            it = ws.iter_rows(values_only=True)
            names = [_text(h) for h in next(it, None) or []]
            if not _is_review_header(names):
                continue
            found = True
            for n, values in enumerate(it, start=2):
                rows.append(ReviewRow(ws.title, n, {h: v for h, v in zip(names, values, strict=False) if h}))
                if len(rows) > MAX_ROWS:
                    raise DocumentError(filename, f"more than {MAX_ROWS} rows")
    finally:
        wb.close()
    if not found:
        raise DocumentError(filename, f"no sheet has {LOWER_ID} and {VERDICT} columns: "
                                      "mark a file written by `policygraph links review`")
    return rows


def _read_csv(data: bytes, filename: str) -> list[ReviewRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DocumentError(filename, f"not UTF-8 text ({e.reason} at byte {e.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    names = [_text(h) for h in next(reader, None) or []]
    if not _is_review_header(names):
        raise DocumentError(filename, f"no {LOWER_ID} and {VERDICT} columns in the header: "
                                      "mark a file written by `policygraph links review`", 1)
    rows = []
    for values in reader:
        rows.append(ReviewRow("csv", reader.line_num, {h: v for h, v in zip(names, values, strict=False) if h}))
        if len(rows) > MAX_ROWS:
            raise DocumentError(filename, f"more than {MAX_ROWS} rows")
    return rows


@dataclass
class Planned:
    """A checked row: the pair it decides and the record to store."""

    row: ReviewRow
    record: DecisionRecord
    added: bool  # a local measure given its upper measure


_NUMBER = re.compile(r"^\s*(\d+)\s*(?:[.．。、]\s*(\d+))?\s*$")


class _Graph:
    """What checking a file needs of the store, read once per file (answer-sized: the
    measures the file names and the documents they belong to)."""

    def __init__(self, store: Any, rows: list[ReviewRow]) -> None:
        ids = sorted({_text(r.cells.get(k)) for r in rows for k in (LOWER_ID, UPPER_ID)} - {""})
        self.measures = {m["id"]: m for m in store.read("review_measures", {"ids": ids})} if ids else {}
        self.uppers = {lo: [u["id"] for u in ups] for lo, ups in document_uppers(store).items()}
        self._store = store
        self._docs: dict[str, list[dict[str, Any]]] = {}

    def document_measures(self, doc: str) -> list[dict[str, Any]]:
        if doc not in self._docs:
            self._docs[doc] = self._store.read("document_measures", {"document": doc})
        return self._docs[doc]

    def by_number(self, lower_doc: str, text: str) -> tuple[dict[str, Any] | None, str]:
        """The upper measure numbered ``text`` (8.1, or 8 for an item of one clause) in the
        document(s) ``lower_doc`` implements; (None, reason) when there is none or several."""
        m = _NUMBER.match(text)
        if not m:
            return None, f"not a measure number: {text!r} (8.1, or 8)"
        number, clause = int(m[1]), int(m[2]) if m[2] else None
        found = []
        for doc in self.uppers.get(lower_doc, []):
            ms = [x for x in self.document_measures(doc) if int(x["number"]) == number]
            if clause is not None:
                ms = [x for x in ms if int(x["clause"]) == clause]
            elif len(ms) > 1:
                return None, f"item {number} of {doc} has {len(ms)} measures: give {number}.N"
            found += ms
        if not found:
            return None, f"no measure {text} in the document(s) {lower_doc} implements"
        if len(found) > 1:
            return None, f"measure {text} is in several documents {lower_doc} implements: give {UPPER_ID}"
        return found[0], ""


def plan_decisions(
    store: Any, rows: list[ReviewRow], filename: str, by: str, at: str
) -> tuple[list[Planned], int, list[ReviewError]]:
    """Every row checked: the decisions to store, how many rows repeat the decision in
    force (unchanged), and every error.  Nothing is read per row but the measures the
    file names (one read) and the documents a 上级序号 points into."""
    graph = _Graph(store, rows)
    force = _in_force(store)
    errors: list[ReviewError] = []
    planned: list[Planned] = []
    seen: dict[tuple[str, str], Planned] = {}
    unchanged = 0
    for r in rows:
        lower_id = _text(r.cells.get(LOWER_ID))
        raw = _text(r.cells.get(VERDICT))
        upper_id, upper_no = _text(r.cells.get(UPPER_ID)), _text(r.cells.get(UPPER_NUMBER))
        kind = _text(r.cells.get(KIND)) or (KIND_LOCAL if r.sheet == LOCAL_SHEET else KIND_LINK)
        note = _text(r.cells.get(NOTE))
        local = kind == KIND_LOCAL
        if not lower_id:
            if raw or (local and (upper_id or upper_no)):
                errors.append(ReviewError(r.sheet, r.row, LOWER_ID, "no 下级措施编号: rows are matched by it"))
            continue
        verdict = parse_verdict(raw)
        if verdict is None:
            errors.append(ReviewError(r.sheet, r.row, VERDICT, f"unreadable decision {raw!r} (正确/错误, ✓/✗, 对/错, "
                                                                "yes/no, y/n, 1/0)"))
            continue
        if local and not upper_id and not upper_no:
            if verdict:
                errors.append(ReviewError(r.sheet, r.row, UPPER_NUMBER,
                                          f"a decision on a local measure needs the {UPPER_NUMBER} or {UPPER_ID} it links to"))
            continue
        if not verdict and not local:
            continue  # not reviewed
        lower = graph.measures.get(lower_id)
        if lower is None:
            errors.append(ReviewError(r.sheet, r.row, LOWER_ID, f"unknown measure id {lower_id!r}"))
            continue
        if upper_id:
            upper = graph.measures.get(upper_id)
            if upper is None:
                errors.append(ReviewError(r.sheet, r.row, UPPER_ID, f"unknown measure id {upper_id!r}"))
                continue
        else:
            upper, why = graph.by_number(lower["document_id"], upper_no)
            if upper is None:
                errors.append(ReviewError(r.sheet, r.row, UPPER_NUMBER, why))
                continue
        if upper["document_id"] not in graph.uppers.get(lower["document_id"], []):
            errors.append(ReviewError(r.sheet, r.row, UPPER_ID if upper_id else UPPER_NUMBER,
                                      f"{upper['id']} is not in a document that {lower['document_id']} implements"))
            continue
        record = _record(r, lower, upper, verdict or CONFIRMED, note, filename, by, at)
        if (why := _moved(graph, record)) is not None:
            errors.append(ReviewError(r.sheet, r.row, LOWER_ID, why))
            continue
        key = (lower["id"], upper["id"])
        if key in seen:
            first = seen[key]
            if first.record.decision != record.decision or first.record.note != record.note:
                errors.append(ReviewError(r.sheet, r.row, VERDICT,
                                          f"the same link as {first.row.where} with another decision"))
            continue
        held = force.get(key)
        plan = Planned(r, record, local)
        seen[key] = plan
        if held is not None and held["decision"] == record.decision and (held["note"] or "") == note:
            unchanged += 1
            continue
        planned.append(plan)
    return planned, unchanged, errors


def _in_force(store: Any) -> dict[tuple[str, str], dict[str, Any]]:
    from graph.linking.decision_store import stored_decisions

    return stored_decisions(store).in_force()


def _record(r: ReviewRow, lower: dict[str, Any], upper: dict[str, Any], verdict: str, note: str,
            filename: str, by: str, at: str) -> DecisionRecord:
    """The decision of a row, against the texts the reviewer saw: the file's fingerprints
    when it has them (written by ``links review``), else today's texts."""
    lower_fp = _text(r.cells.get(LOWER_FP)) or fingerprint(lower["text"])
    upper_fp = _text(r.cells.get(UPPER_FP)) if _text(r.cells.get(UPPER_ID)) else ""
    upper_fp = upper_fp or fingerprint(upper["text"])
    lower_text = lower["text"] if lower_fp == fingerprint(lower["text"]) else _text(r.cells.get("下级措施内容"))
    upper_text = upper["text"] if upper_fp == fingerprint(upper["text"]) else _text(r.cells.get("上级措施内容"))
    return DecisionRecord(lower["id"], upper["id"], lower_text or "", upper_text or "", verdict, by, at, filename,
                          r.where, note, lower_fp, upper_fp)


def _moved(graph: _Graph, record: DecisionRecord) -> str | None:
    """Why the decision cannot be stored as it stands: a measure the reviewer saw changed
    since the file was written (a reload) and is not found again; or it is found under
    another id (then the decision would land elsewhere than the row says)."""
    row = record.row()
    docs = {document_of(record.lower_id), document_of(record.upper_id)}
    got = resolve_rows([row], {d: graph.document_measures(d) for d in docs})
    if got.orphans:
        return ("a measure of this row changed since the file was written (a reload): "
                "write a new review file with `policygraph links review`")
    r = got.rows[0]
    if (r["lower"], r["upper"]) != (record.lower_id, record.upper_id):
        return (f"the texts this row was written with are now at {r['lower']} -> {r['upper']} (a reload "
                "renumbered them, or an id was edited): write a new review file with `policygraph links review`; "
                f"to add a link, fill {UPPER_NUMBER} or {UPPER_ID} on the {LOCAL_SHEET} sheet")
    return None


@dataclass
class ApplyResult:
    rows: int = 0
    written: list[dict[str, Any]] = field(default_factory=list)
    added: int = 0
    unchanged: int = 0
    errors: list[ReviewError] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "stored": len(self.written),
            "confirmed": sum(1 for w in self.written if w["decision"] == CONFIRMED),
            "rejected": sum(1 for w in self.written if w["decision"] == REJECTED),
            "added": self.added,
            "unchanged": self.unchanged,
            "errors": len(self.errors),
        }


def apply_review(store: Any, data: bytes, filename: str, by: str, now: dt.datetime | None = None) -> ApplyResult:
    """Check every row of a marked review file, then store its decisions in ONE
    transaction -- or nothing, when any row is wrong (``errors`` says which and why).
    Rows that repeat the decision in force are not stored again (re-applying a file
    changes nothing).  File-level problems raise DocumentError."""
    by = (by or "").strip()
    if not by:
        raise PolicyGraphError("--by NAME is required: every decision records who made it")
    at = format_timestamp(now or now_utc())
    rows = read_review(data, filename)
    planned, unchanged, errors = plan_decisions(store, rows, filename, by, at)
    result = ApplyResult(rows=len(rows), unchanged=unchanged, errors=errors)
    if errors:
        return result
    result.written = append_decisions(store, [p.record for p in planned])
    result.added = sum(1 for p in planned if p.added)
    return result
