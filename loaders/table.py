"""Task tables: 任务序号 / 重点工作任务 / 措施序号 / 落实措施 / 责任单位 / 完成时限 / 备注,
as tab-separated text (also Markdown pipes), CSV or .xlsx.

* every row with measure text is one measure;
* a row with empty leading cells continues the current task and measure number
  (its next clause);
* a row that repeats the current task / measure number after a page break does
  not start a new measure number: it is the next clause of the same number;
* repeated header rows, blank rows and HTML debris (<p>…</p>) are dropped;
  stray spaces (强化就业 优先政策, 12 月底前完成) and half-width commas are cleaned;
* column names are read through the reviewed data file graph/data/table_headers.csv
  (序号 / 工作任务 / 具体措施 / 牵头单位 / 配合单位 / 责任领导 / 完成时限 …), after the
  traditional -> simplified mapping, so 任務序號 / 落實措施 / 責任單位 read like simplified;
* a 责任单位 cell that marks its lead in brackets, ``A（牵头）、B``, reads as A leading and
  the others supporting;
* a document that declares the order rule anywhere (preamble, a note row, a footnote,
  a 备注 cell: ``排在第一位的为牵头单位``) makes the first unit of a 责任单位 list with
  no lead the lead and the rest supports (no 牵头单位 column in that row);
* a 责任领导 column holds persons: read as labelled fields (loaders.labelled), kept as
  the measure's leaders, never as units;
* names are read relative to the issuing government (an office issues for it:
  loaders.common.government_of), so an agency the data file does not know is kept with
  that government.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import IO

from graph.model import DocumentError, Task
from graph.normalize import DATA_DIR, to_simplified
from loaders.clause import ClauseResult, merge_results, parse_clause
from loaders.cleaning import clean_cell
from loaders.common import Builder, government_of
from loaders.labelled import parse_fields
from loaders.numerals import cn_to_int
from loaders.vocabulary import declares_order_rule, label_kinds, may_declare_order_rule

TABLE_HEADERS_CSV = DATA_DIR / "table_headers.csv"
ROLES = ("task_seq", "task_title", "measure_no", "text", "resp", "lead", "support", "leader", "deadline", "note")


def load_columns(path: Path = TABLE_HEADERS_CSV) -> dict[str, tuple[str, ...]]:
    """Column role -> header names, most specific first (file order), from the data file."""
    out: dict[str, list[str]] = {role: [] for role in ROLES}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            role, header = row["role"].strip(), re.sub(r"\s+", "", row["header"])
            if role not in out:
                raise ValueError(f"{path.name}: unknown column role {role!r} for {header!r}")
            out[role].append(to_simplified(header))
    return {role: tuple(names) for role, names in out.items()}


# column role -> header names (matched after removing spaces and mapping to simplified)
COLUMNS: dict[str, tuple[str, ...]] = load_columns()
_HEADER_WORDS = {name for names in COLUMNS.values() for name in names}
_LEAD_MARK_RE = re.compile(r"\s*[（(【\[]\s*牵头\s*[）)】\]]")
_UNIT_SEP_RE = re.compile(r"[、，,；;]")


@lru_cache(maxsize=65536)
def _header_key(cell: str) -> str:
    return re.sub(r"\s+", "", to_simplified(clean_cell(cell)))


def marked_lead(cell: str) -> str:
    """``A（牵头）、B、C`` -> ``A牵头，B、C配合``: the bracketed mark names the lead(s), the
    other units of the cell support.  Any other cell is returned as it is."""
    simp = to_simplified(cell)
    if not _LEAD_MARK_RE.search(simp):
        return cell
    leads: list[str] = []
    others: list[str] = []
    pos = 0
    for part in _UNIT_SEP_RE.split(simp):
        original = cell[pos : pos + len(part)]  # to_simplified keeps offsets
        pos += len(part) + 1
        if not part.strip():
            continue
        if _LEAD_MARK_RE.search(part):
            leads.append(_LEAD_MARK_RE.sub("", original).strip())
        else:
            others.append(original.strip())
    text = "、".join(leads) + "牵头"
    if others:
        text += "，" + "、".join(others) + "配合"
    return text
_SEQ_RE = re.compile(r"^[（(]?\s*([一二三四五六七八九十百零〇]{1,4}|\d{1,3})\s*[）)]?[、.．]?$")
_NUM_RE = re.compile(r"^\d{1,4}$")
_MEANINGFUL_RE = re.compile(r"[\u4e00-\u9fff]{2}")


def map_header(cells: list[str]) -> dict[str, int] | None:
    """Column indexes by role, or None when the row is not a task-table header."""
    if not any(len(c) < 40 and _header_key(c) in _HEADER_WORDS for c in cells):
        return None
    keys = [_header_key(c) if len(c) < 40 else "" for c in cells]
    found: dict[str, int] = {}
    for role, names in COLUMNS.items():
        for name in names:  # most specific first
            for i, k in enumerate(keys):
                if k == name and i not in found.values():
                    found[role] = i
                    break
            if role in found:
                break
    if "text" in found and ("resp" in found or "lead" in found):
        return found
    return None


def is_header(cells: list[str]) -> bool:
    return map_header(cells) is not None


def split_text_row(line: str) -> list[str] | None:
    """Cells of a TSV or Markdown-pipe row; None when the line is not a row."""
    if "\t" in line:
        return line.split("\t")
    s = line.strip()
    if s.startswith("|") and s.count("|") >= 3:
        if re.fullmatch(r"[|:\-\s]+", s):
            return []  # separator row
        return [c for c in s.strip("|").split("|")]
    return None


def parse_rows(rows: Iterable[tuple[int, list[str] | None, str]], b: Builder) -> int:
    """Parse (line, cells, raw) rows.  Returns the index of the header row's line.

    ``cells`` None marks a line that is not a table row (text outside the table)."""
    rows = list(rows)
    gov = government_of(b.document.issuer)
    b.order_lead = b.order_lead or declares_order(raw for _line, _cells, raw in rows)
    header: dict[str, int] | None = None
    leader_label = "责任领导"
    task: Task | None = None
    tasks: dict[str, Task] = {}
    number: int | None = None
    clause_no = 0
    running = 0
    for line, cells, raw in rows:
        if header is None:
            if cells:
                header = map_header(cells)
                if header is not None and "leader" in header:
                    leader_label = _leader_label(cells[header["leader"]])
            continue
        if cells is None:
            if _MEANINGFUL_RE.search(clean_cell(raw)):
                b.warn(line, "text outside the table rows ignored", clean_cell(raw)[:80])
            continue
        if not cells or not any(clean_cell(c) for c in cells):
            continue
        if map_header(cells) is not None:
            continue  # header repeated after a page break

        def cell(role: str, cells: list[str] = cells, header: dict[str, int] = header) -> str:
            i = header.get(role)
            return clean_cell(cells[i]) if i is not None and i < len(cells) else ""

        seq_raw, title, mno, text = cell("task_seq"), cell("task_title"), cell("measure_no"), cell("text")
        if seq_raw or title:
            sm = _SEQ_RE.match(seq_raw) if seq_raw else None
            seq = sm.group(1) if sm else (seq_raw or str(len(tasks) + 1))
            key = seq if seq_raw else title
            if key not in tasks:
                tasks[key] = Task(seq=seq, number=cn_to_int(seq) or len(tasks) + 1, title=title)
            elif title and not tasks[key].title:
                tasks[key].title = title
            task = tasks[key]
        if not text:
            if _MEANINGFUL_RE.search(" ".join(clean_cell(c) for c in cells)) and not (seq_raw or title):
                b.warn(line, "row without measure text ignored", clean_cell(raw)[:80])
            continue
        if task is None:
            task = tasks.setdefault("", Task(seq="", number=0, title=""))
        if "measure_no" in header:
            if mno:
                mm = re.sub(r"\D", "", mno)
                n = int(mm) if _NUM_RE.match(mm or "x") else None
                if n is None:
                    b.warn(line, f"measure number not understood: {mno}", mno)
                    n = (number or 0) + 1
                if n == number:
                    clause_no += 1  # repeated after a page break: same measure number
                else:
                    number, clause_no = n, 1
            elif number is None:
                running += 1
                number, clause_no = running, 1
                b.warn(line, "first measure row has no measure number; numbered 1", text[:40])
            else:
                clause_no += 1
        else:
            number = (number or 0) + 1
            clause_no = 1
        resp, lead, support, deadline = marked_lead(cell("resp")), cell("lead"), cell("support"), cell("deadline")
        leader = cell("leader")
        results = []
        if resp:
            results.append(parse_clause(resp, gov, dirx=b.directory, order_lead=b.order_lead and not lead))
        if lead:
            results.append(parse_clause(lead, gov, default_bare="lead", dirx=b.directory))
        if support:
            results.append(parse_clause(support, gov, default_bare="support", dirx=b.directory))
        res = merge_results(results) if results else None
        dl = "，".join(x for x in [res.deadline_text if res else "", deadline] if x)
        clause_text = "，".join(x for x in [resp, lead, support, deadline] if x)
        if leader:  # a person, never a unit: kept as the measure's leaders and with the clause
            people, _ = parse_fields([(leader_label, leader)], gov, b.directory)
            res = res or ClauseResult()
            res.leaders = [*res.leaders, *people.leaders]
            clause_text = "；".join(x for x in [clause_text, f"{leader_label}：{leader}"] if x)
        b.add_measure(task, number, clause_no, text, res, clause_text, dl, line)
    if header is None:
        raise DocumentError(b.source, "no task-table header row (任务序号 / 落实措施 / 责任单位 …) found")
    return 0


def declares_order(raws: Iterable[str]) -> bool:
    """True when any line or row of the document declares the order rule
    (列第一位者为牵头单位 …, graph/data/labels.csv kind ``order_rule``)."""
    return any(may_declare_order_rule(raw) and declares_order_rule(to_simplified(raw)) for raw in raws)


def _leader_label(cell: str) -> str:
    """The label the leader column's persons are kept under: its header when it is a
    leader label of graph/data/labels.csv, else 责任领导."""
    key = _header_key(cell)
    return key if label_kinds().get(key) == "leader" else "责任领导"


def text_rows(lines: list[str]) -> Iterable[tuple[int, list[str] | None, str]]:
    for i, line in enumerate(lines):
        yield i + 1, split_text_row(line), line


def csv_rows(text: str, source: str) -> list[tuple[int, list[str] | None, str]]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    out: list[tuple[int, list[str] | None, str]] = []
    try:
        start = 1
        for row in reader:
            out.append((start, row, ",".join(row)))
            start = reader.line_num + 1
    except csv.Error as e:
        raise DocumentError(source, f"malformed CSV: {e}", reader.line_num) from None
    return out


def xlsx_rows(
    path: str | Path | IO[bytes], source: str
) -> tuple[list[tuple[int, list[str] | None, str]], list[str]]:
    """Rows of the first worksheet that has a task-table header; also its pre-header lines.

    ``path`` may be the bytes already read and checked (loaders.formats.zipguard)."""
    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise DocumentError(source, "openpyxl is not installed; cannot read .xlsx") from None
    try:
        wb = openpyxl.load_workbook(
            path if hasattr(path, "read") else str(path), read_only=True, data_only=True
        )
    except (InvalidFileException, KeyError, OSError, ValueError, TypeError) as e:
        raise DocumentError(source, f"not a readable .xlsx workbook ({type(e).__name__})") from None
    except Exception as e:  # noqa: BLE001 - zipfile.BadZipFile and friends
        raise DocumentError(source, f"not a readable .xlsx workbook ({type(e).__name__})") from None
    try:
        for ws in wb.worksheets:
            rows: list[tuple[int, list[str] | None, str]] = []
            pre: list[str] = []
            seen_header = False
            for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = ["" if v is None else str(v) for v in values]
                if not seen_header:
                    if is_header(cells):
                        seen_header = True
                    else:
                        pre.append(" ".join(c for c in cells if c))
                rows.append((r, cells, "\t".join(cells)))
                if r > 200_000:
                    raise DocumentError(source, "worksheet too large (over 200000 rows)")
            if seen_header:
                return rows, pre
    except DocumentError:
        raise
    except Exception as e:  # noqa: BLE001 - corrupt sheet XML
        raise DocumentError(source, f"cannot read worksheet ({type(e).__name__})") from None
    finally:
        wb.close()
    raise DocumentError(
        source, "no worksheet with a task-table header row (任务序号 / 落实措施 / 责任单位 …)"
    )
