"""Prose documents: sections （一）… / 一、…, items 1． 1. 1。 1﹒, and measures that
end with a responsibility parenthetical.

    10．引导金融机构…结构优化。（人民银行天津分行牵头，年内持续推进）按照人民银行统一部署，
        …工作。（人民银行天津分行牵头，年内持续推进）…
    -> measure 10.1, 10.2, …: every run of text closed by a responsibility clause.

Parentheticals that are not responsibility clauses (（国发〔2022〕9号）, （LPR）) stay
in the text.  The layouts, one grammar, detected per measure (mixed in one document):

* inline clause: ……。（A牵头，B、C等按职责分工负责，6月底前完成）
* inline labelled bracket: ……（责任领导：X；牵头单位：A；责任单位：B、C）, [责任单位：A、B],
  〔A牵头，B配合〕 (brackets （）()[]【】〔〕);
* labelled lines after a measure or a task heading, any order (牵头单位：A / 配合单位：B /
  完成时限：… / 责任领导：X; vocabulary in graph/data/labels.csv); the label lines are
  never measure text, and fields after a bracket-closed measure amend it;
* sentence form on its own line: 部门分工：A牵头，B、C配合。 / 责任部门：A负责;
* an order rule declared anywhere (列第一位者为牵头单位，下同) makes the first unit of
  every list the lead.

Not measures: page numbers (— 3 —), 附件 headings, the paragraphs of a heading with
no responsibility anywhere, an item with no clause in a closing section (组织实施,
保障措施 …), and a closing paragraph after the last clause of a section.
"""

from __future__ import annotations

import re

from graph.model import Measure, Task
from graph.normalize import to_simplified
from loaders.clause import is_responsibility_clause, parse_clause
from loaders.common import Builder, government_of
from loaders.labelled import parse_fields, split_fields
from loaders.numerals import cn_to_int
from loaders.vocabulary import (
    declares_order_rule,
    label_line_re,
    label_re,
    may_declare_order_rule,
    order_rule_re,
)

_CN_NUM = "一二三四五六七八九十百零〇"
HEAD_PAREN_RE = re.compile(rf"^[（(]\s*([{_CN_NUM}]{{1,4}})\s*[）)]\s*(.*)$")
HEAD_TOP_RE = re.compile(rf"^([{_CN_NUM}]{{1,4}})\s*[、．.]\s*(.*)$")
ITEM_RE = re.compile(r"^(\d{1,3})\s*[．.。﹒、]\s*(?=[^\d\s])")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_PAIRS = {"（": "）", "(": "）", "[": "]", "【": "】", "〔": "〕", "［": "］"}
_CLOSE_OF = {"）": "）", ")": "）", "]": "]", "】": "】", "〕": "〕", "］": "］"}
_MEANINGFUL_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# lines that are never text: page numbers (— 3 —, -12-, 第3页, 3/20), an attachment heading
_PAGE_RE = re.compile(r"^[-—–_~\s]*\d{1,4}[-—–_~\s]*$|^第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$")
_ATTACHMENT_RE = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*[：:]?\s*$")
# section titles of a document's closing part: their items carry no obligation
_CLOSING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、)?(?:组织实施|保障措施|工作要求|工作保障|有关要求|组织保障|实施保障|"
    r"保障机制|工作机制|督促检查|督查考核|其他事项|加强组织领导|强化组织领导|组织领导|强化保障)"
)


def is_item(line: str) -> re.Match[str] | None:
    return ITEM_RE.match(line.translate(_FULLWIDTH_DIGITS))


def is_heading(line: str) -> tuple[str, str] | None:
    m = HEAD_PAREN_RE.match(line) or HEAD_TOP_RE.match(line)
    if not m:
        return None
    return m.group(1), m.group(2)


def first_body_line(lines: list[str]) -> int:
    """Index of the first item line (or of the heading just before it)."""
    first_item = next((i for i, ln in enumerate(lines) if is_item(ln)), None)
    if first_item is None:
        return len(lines)
    for j in range(first_item - 1, -1, -1):
        if is_heading(lines[j]):
            start = j
            # include an enclosing top-level heading (一、任务分工) right above
            for k in range(j - 1, max(-1, j - 4), -1):
                if lines[k].strip() and HEAD_TOP_RE.match(lines[k]):
                    start = k
                elif lines[k].strip():
                    break
            return start
        if lines[j].strip() and not is_heading(lines[j]):
            break
    return first_item


class _Item:
    """The lines of one numbered item (or of a task heading's own text)."""

    def __init__(self, number: int, task: Task, line: int, title: str = "", closing: bool = False) -> None:
        self.number = number
        self.task = task
        self.line = line
        self.title = title  # a heading's title: the measure text when only fields follow it
        self.closing = closing  # inside a closing section (组织实施 …)
        self.provisional = number == -1  # a heading's own text: a measure only if it holds a clause
        self.last_in_section = False  # followed by a heading or the end of the document
        self.rows: list[tuple[int, str]] = []

    def add(self, text: str, line: int) -> None:
        if text:
            self.rows.append((line, text))

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.rows)

    def has_clause(self) -> bool:
        return any(
            label_line_re().match(to_simplified(t)) or is_responsibility_text(t) for _, t in self.rows
        )


def _task_title(rest: str) -> tuple[str, str]:
    """（一）稳定经济运行。其余文字 -> ("稳定经济运行", "其余文字")."""
    rest = rest.strip()
    idx = rest.find("。")
    if idx == -1:
        return rest, ""
    return rest[:idx].strip(), rest[idx + 1 :].strip()


def _is_noise(line: str) -> bool:
    """Page numbers and lines that only declare the order rule: never measure text."""
    s = line.strip()
    if _PAGE_RE.match(s):
        return True
    if may_declare_order_rule(s) and "牵头" in to_simplified(s) and declares_order_rule(to_simplified(s)):
        rest = order_rule_re().sub("", to_simplified(s)).strip("（）()。．.：: \u3000")
        return not _MEANINGFUL_RE.search(rest) or rest in ("注", "说明", "备注")
    return False


def parse_prose(lines: list[str], b: Builder) -> None:
    """``lines`` are cleaned source lines (index 0 = line 1)."""
    gov = government_of(b.document.issuer)
    b.order_lead = any(
        may_declare_order_rule(x) and "牵头" in (sl := to_simplified(x)) and declares_order_rule(sl) for x in lines
    )
    task: Task | None = None
    task_by_key: dict[tuple[str, str], Task] = {}
    items: list[_Item] = []
    item: _Item | None = None
    closing = False
    for idx, line in enumerate(lines):
        lineno = idx + 1
        if not line.strip() or _is_noise(line):
            continue
        if _ATTACHMENT_RE.match(line.strip()):
            if item is not None:
                item.last_in_section = True
            item = None
            continue
        im = is_item(line)
        if im:
            if task is None:
                task = Task(seq="", number=0, title="")
            item = _Item(int(im.group(1)), task, lineno, closing=closing)
            item.add(line[im.end() :].strip(), lineno)
            items.append(item)
            continue
        head = is_heading(line)
        if head:
            seq, rest = head
            title, remainder = _task_title(rest)
            if item is not None:
                item.last_in_section = True
            if HEAD_TOP_RE.match(line) or not closing:
                closing = bool(_CLOSING_RE.match(to_simplified(title)))
            key = (seq, title)
            task = task_by_key.get(key) or Task(seq=seq, number=cn_to_int(seq) or 0, title=title)
            task_by_key[key] = task
            item = _Item(-1, task, lineno, title=title, closing=closing)  # numbered below, document-wide
            item.add(remainder, lineno)
            items.append(item)
            continue
        if item is not None:
            item.add(line.strip(), lineno)
    if items:
        items[-1].last_in_section = True

    last = 0
    restart_warned = False
    for it in items:
        if it.provisional and not it.has_clause():
            continue  # a heading and its introduction: no obligation
        if it.closing and not it.has_clause():
            continue  # 组织实施 / 保障措施: no obligation
        number = it.number
        if number == -1:
            number = last + 1
        elif number <= last:
            if not restart_warned:
                b.warn(
                    it.line, f"item numbers restart at {number}; items are numbered document-wide from here"
                )
                restart_warned = True
            number = last + 1
        last = number
        _Splitter(it, number, b, gov).run()


def is_responsibility_text(text: str) -> bool:
    return bool(split_fields(text)) or any(
        is_responsibility_clause(c) for _, _, c in _brackets(text)
    )


_BRACKET_CHAR_RE = re.compile(r"[（(\[【〔［）)\]】〕］]")


def _brackets(text: str) -> list[tuple[int, int, str]]:
    """Top-level bracket groups (open index, close index, content); linear scan.

    （…）/(…) (mixed halves allowed), […], 【…】, 〔…〕: a closer only closes its own kind."""
    out: list[tuple[int, int, str]] = []
    stack: list[str] = []
    start = -1
    for m in _BRACKET_CHAR_RE.finditer(text):
        ch, i = m.group(), m.start()
        want = _PAIRS.get(ch)
        if want is not None:
            if not stack:
                start = i
            stack.append(want)
        elif stack and _CLOSE_OF.get(ch) == stack[-1]:
            stack.pop()
            if not stack:
                out.append((start, i, text[start + 1 : i]))
    return out


def _outside(spans: list[tuple[int, int, str]], pos: int) -> bool:
    return not any(o <= pos <= c for o, c, _ in spans)


class _Splitter:
    """Cuts one item into measures: text runs closed by a bracket clause or by a block
    of labelled fields."""

    def __init__(self, it: _Item, number: int, b: Builder, gov: str | None) -> None:
        self.it, self.number, self.b, self.gov = it, number, b, gov
        self.clause_no = 0
        self.buf = ""  # text since the last closed measure
        self.buf_line = it.line  # line where buf starts
        self.buf_new_line = False  # buf starts on a line of its own after a closed measure
        self.fields: list[tuple[str, str]] = []
        self.fields_line = 0
        self.last: Measure | None = None

    def run(self) -> None:
        for lineno, text in self.it.rows:
            colon = "：" in text or ":" in text  # every label ends in a colon: most lines have none
            simp = to_simplified(text) if colon else text
            if colon and label_line_re().match(simp):
                if not self.fields:
                    self.fields_line = lineno
                self.fields += split_fields(text)
                continue
            self._close_fields()
            cut = None
            if colon:
                spans = _brackets(text)
                cut = next((m.start() for m in label_re().finditer(simp) if _outside(spans, m.start())), None)
            if cut is not None and cut > 0 and split_fields(text[cut:]):
                self._text(text[:cut], lineno)
                self.fields_line = lineno
                self.fields += split_fields(text[cut:])
                continue
            self._text(text, lineno)
        self._close_fields()
        self._finish()

    # --- text and bracket clauses -----------------------------------------
    def _text(self, text: str, lineno: int) -> None:
        if not self.buf.strip():
            self.buf_line = lineno
            self.buf_new_line = self.last is not None
            self.buf = ""
        seg = 0
        for o, c, content in _brackets(text):
            if not is_responsibility_clause(content):
                continue
            body = (self.buf + text[seg:o]).strip()
            self.buf = ""
            self._bracket_measure(body, content, lineno)
            seg = c + 1
        if seg:
            self.buf_line = lineno
            self.buf_new_line = False
        self.buf += text[seg:]

    def _bracket_measure(self, body: str, content: str, line: int) -> None:
        b, it = self.b, self.it
        if split_fields(content) and label_line_re().match(to_simplified(content)):
            res, deadline = parse_fields(split_fields(content), self.gov, b.directory, b.order_lead)
        else:
            res = parse_clause(content, self.gov, dirx=b.directory, order_lead=b.order_lead)
            deadline = res.deadline_text
        if not _MEANINGFUL_RE.search(body) and self.last is not None:
            b.amend(self.last, res, content, deadline, line)  # （A牵头）（责任领导：张三）
            return
        self.clause_no += 1
        if not _MEANINGFUL_RE.search(body):
            if it.title and self.clause_no == 1:
                body = it.title
            else:
                b.warn(line, f"measure {self.number}.{self.clause_no}: responsibility clause without measure text", content)
        self.last = b.add_measure(it.task, self.number, self.clause_no, body, res, content, deadline, line)

    # --- labelled fields --------------------------------------------------
    def _close_fields(self) -> None:
        if not self.fields:
            return
        b, it = self.b, self.it
        fields, self.fields = self.fields, []
        res, deadline = parse_fields(fields, self.gov, b.directory, b.order_lead)
        clause_text = "；".join(f"{k}：{v}" for k, v in fields)
        body = self.buf.strip().rstrip("；;")
        self.buf = ""
        if not _MEANINGFUL_RE.search(body):
            if self.last is not None:
                b.amend(self.last, res, clause_text, deadline, self.fields_line)
                return
            body = it.title
        self.clause_no += 1
        if not _MEANINGFUL_RE.search(body):
            b.warn(self.fields_line, f"measure {self.number}.{self.clause_no}: responsibility fields without measure text", clause_text)
        self.last = b.add_measure(it.task, self.number, self.clause_no, body, res, clause_text, deadline, self.fields_line)

    def _finish(self) -> None:
        rest = self.buf.strip()
        if not _MEANINGFUL_RE.search(rest):
            return
        b, it = self.b, self.it
        if self.last is not None and self.buf_new_line and (it.last_in_section or it.closing):
            return  # a closing paragraph after the section's last measure: no obligation
        if self.last is not None and self.buf_new_line:
            b.warn(
                self.buf_line,
                f"measure {self.number}: paragraph without a responsibility clause after it; not a measure",
                rest[:80],
            )
            return
        self.clause_no += 1
        b.warn(self.buf_line, f"measure {self.number}.{self.clause_no}: text without a responsibility clause; kept", rest[:80])
        b.add_measure(it.task, self.number, self.clause_no, rest, None, "", "", self.buf_line)
