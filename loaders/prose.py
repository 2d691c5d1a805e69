"""Prose documents: sections （一）… / 一、…, items 1． 1. 1。 1﹒, and measures that
end with a responsibility parenthetical.

    10．引导金融机构…结构优化。（人民银行天津分行牵头，年内持续推进）按照人民银行统一部署，
        …工作。（人民银行天津分行牵头，年内持续推进）…
    -> measure 10.1, 10.2, …: every run of text closed by a responsibility clause.

Parentheticals that are not responsibility clauses (（国发〔2022〕9号）, （LPR）) stay
in the text.  Labelled lines (牵头单位：… / 责任单位：… / 配合单位：… / 完成时限：…)
are accepted as the clause of the item they follow.
"""

from __future__ import annotations

import bisect
import re

from graph.model import Task
from graph.normalize import to_simplified
from loaders.clause import is_responsibility_clause, merge_results, parse_clause
from loaders.common import Builder, cn_to_int

_CN_NUM = "一二三四五六七八九十百零〇"
HEAD_PAREN_RE = re.compile(rf"^[（(]\s*([{_CN_NUM}]{{1,4}})\s*[）)]\s*(.*)$")
HEAD_TOP_RE = re.compile(rf"^([{_CN_NUM}]{{1,4}})\s*[、．.]\s*(.*)$")
ITEM_RE = re.compile(r"^(\d{1,3})\s*[．.。﹒、]\s*(?=[^\d\s])")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
LABEL_RE = re.compile(
    r"(?P<label>牵头单位|牵头部门|主责单位|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位|"
    r"完成时限|完成时间|时间节点|时限要求)\s*[：:]"
)
_LABEL_KIND = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "主责单位": "lead",
    "责任单位": "resp",
    "责任部门": "resp",
    "配合单位": "support",
    "配合部门": "support",
    "协办单位": "support",
    "参与单位": "support",
}
_OPEN = "（("
_CLOSE = "）)"
_MEANINGFUL_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


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
    def __init__(self, number: int, task: Task, line: int) -> None:
        self.number = number
        self.task = task
        self.line = line
        self.text = ""
        self.starts: list[int] = []  # offset in text where each source line starts
        self.lines: list[int] = []

    def add(self, text: str, line: int) -> None:
        if not text:
            return
        self.starts.append(len(self.text))
        self.lines.append(line)
        self.text += text

    def line_at(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.lines[max(i, 0)] if self.lines else self.line


def _task_title(rest: str) -> tuple[str, str]:
    """（一）稳定经济运行。其余文字 -> ("稳定经济运行", "其余文字")."""
    rest = rest.strip()
    idx = rest.find("。")
    if idx == -1:
        return rest, ""
    return rest[:idx].strip(), rest[idx + 1 :].strip()


def parse_prose(lines: list[str], b: Builder) -> None:
    """``lines`` are cleaned source lines (index 0 = line 1)."""
    gov = b.document.issuer
    task: Task | None = None
    task_by_key: dict[tuple[str, str], Task] = {}
    items: list[_Item] = []
    item: _Item | None = None
    for idx, line in enumerate(lines):
        lineno = idx + 1
        if not line.strip():
            continue
        im = is_item(line)
        if im:
            if task is None:
                task = Task(seq="", number=0, title="")
            item = _Item(int(im.group(1)), task, lineno)
            item.add(line[im.end() :].strip(), lineno)
            items.append(item)
            continue
        head = is_heading(line)
        if head:
            seq, rest = head
            title, remainder = _task_title(rest)
            key = (seq, title)
            task = task_by_key.get(key) or Task(seq=seq, number=cn_to_int(seq) or 0, title=title)
            task_by_key[key] = task
            item = None
            if remainder and is_responsibility_text(remainder):
                item = _Item(-1, task, lineno)  # numbered below, document-wide
                item.add(remainder, lineno)
                items.append(item)
            continue
        if item is not None:
            item.add(line.strip(), lineno)

    last = 0
    restart_warned = False
    for it in items:
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
        _split_item(it, number, b, gov)


def is_responsibility_text(text: str) -> bool:
    return bool(LABEL_RE.search(to_simplified(text))) or any(
        is_responsibility_clause(c) for _, _, c in _brackets(text)
    )


def _brackets(text: str) -> list[tuple[int, int, str]]:
    """Top-level bracket groups (open index, close index, content); linear scan."""
    out: list[tuple[int, int, str]] = []
    depth, start = 0, -1
    for i, ch in enumerate(text):
        if ch in _OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _CLOSE and depth > 0:
            depth -= 1
            if depth == 0:
                out.append((start, i, text[start + 1 : i]))
    return out


def _split_item(it: _Item, number: int, b: Builder, gov: str | None) -> None:
    text = it.text
    simp = to_simplified(text)
    lm = LABEL_RE.search(simp)
    if lm:
        _labelled(it, number, b, gov, lm.start())
        return
    clause_no = 0
    seg = 0
    for o, c, content in _brackets(text):
        if not is_responsibility_clause(content):
            continue
        body = text[seg:o].strip()
        clause_no += 1
        line = it.line_at(o)
        if not _MEANINGFUL_RE.search(body):
            b.warn(line, f"measure {number}.{clause_no}: responsibility clause without measure text", content)
        res = parse_clause(content, gov, dirx=b.directory)
        b.add_measure(it.task, number, clause_no, body, res, content, res.deadline_text, line)
        seg = c + 1
    rest = text[seg:].strip()
    if _MEANINGFUL_RE.search(rest):
        clause_no += 1
        line = it.line_at(seg)
        b.warn(line, f"measure {number}.{clause_no}: text without a responsibility clause; kept", rest[:80])
        b.add_measure(it.task, number, clause_no, rest, None, "", "", line)


def _labelled(it: _Item, number: int, b: Builder, gov: str | None, first: int) -> None:
    text = it.text
    simp = to_simplified(text)
    body = text[:first].strip().rstrip("；;")
    fields: list[tuple[str, str]] = []
    marks = list(LABEL_RE.finditer(simp, first))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        value = text[m.end() : end].strip().strip("；;。，, ")
        fields.append((m.group("label"), value))
    results = []
    deadline_parts = []
    for label, value in fields:
        kind = _LABEL_KIND.get(label)
        if kind is None:
            deadline_parts.append(value)
            continue
        default = {"lead": "lead", "support": "support"}.get(kind)
        results.append(parse_clause(value, gov, default_bare=default, dirx=b.directory))
    res = merge_results(results)
    deadline = "，".join(x for x in [res.deadline_text, *deadline_parts] if x)
    clause_text = "；".join(f"{k}：{v}" for k, v in fields)
    b.add_measure(it.task, number, 1, body, res, clause_text, deadline, it.line_at(first))
