"""Labelled fields: 牵头单位：A / 责任单位：A、B / 配合单位：C / 完成时限：… / 责任领导：张三.

They come as lines after a measure, or inside one bracket
（责任领导：张三；牵头单位：A；责任单位：B、C）.  The label vocabulary is the data file
graph/data/labels.csv (loaders.vocabulary); the values are read by the clause grammar
(loaders.clause).  Persons are kept as leaders, never as units.
"""

from __future__ import annotations

import re

from graph.model import Leader
from graph.normalize import AgencyDirectory, to_simplified
from loaders.clause import ClauseResult, merge_results, parse_clause
from loaders.vocabulary import label_kinds, label_re

_FIELD_STRIP = " \t\u3000；;。，,、"
_LEADER_SPLIT_RE = re.compile(r"[，,；;、/]")
# a title at the end of a piece with nothing after it: 副市长, 市委常委, 秘书长
_TITLE_END = r"(?:长|书记|主任|主席|委员|常委|巡视员|专员|督察|经理|领导)"
_TITLE_ONLY_RE = re.compile(rf"^[\u4e00-\u9fff]{{1,12}}{_TITLE_END}$")
_TITLE_NAME_RE = re.compile(rf"^(?P<title>[\u4e00-\u9fff]{{1,12}}{_TITLE_END})(?P<name>[\u4e00-\u9fff·]{{2,4}})$")
_NAME_PAREN_RE = re.compile(r"^(?P<name>[^（(]+)[（(](?P<title>[^）)]+)[）)]$")


def split_fields(text: str) -> list[tuple[str, str]]:
    """'牵头单位：A；配合单位：B' -> [('牵头单位', 'A'), ('配合单位', 'B')] (labels simplified,
    values as written).  Text before the first label is ignored by this function."""
    if "：" not in text and ":" not in text:
        return []  # every label ends in a colon: most lines have none
    simp = to_simplified(text)
    marks = list(label_re().finditer(simp))
    out: list[tuple[str, str]] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out.append((m.group("label"), text[m.end() : end].strip(_FIELD_STRIP)))
    return out


def parse_leaders(value: str, label: str) -> list[Leader]:
    """张三（副市长）/ 副市长张三 / 张三、李四 / 分管副市长 -> Leaders, as written."""
    pieces = [p.strip() for p in _LEADER_SPLIT_RE.split(_strip_parens_commas(value)) if p.strip()]
    out: list[Leader] = []
    pending_title: str | None = None
    for piece in pieces:
        piece = piece.replace("\x00", "、")
        if m := _NAME_PAREN_RE.match(piece):
            out.append(Leader(name=m.group("name").strip(), title=m.group("title").strip(), label=label))
        elif m := _TITLE_NAME_RE.match(to_simplified(piece)):
            cut = m.start("name")
            title = piece[:cut]
            if pending_title:
                title = f"{pending_title}、{title}"
                pending_title = None
            out.append(Leader(name=piece[cut:], title=title, label=label))
        elif _TITLE_ONLY_RE.match(to_simplified(piece)) and piece is not pieces[-1]:
            pending_title = f"{pending_title}、{piece}" if pending_title else piece  # 市委常委、副市长张三
        else:
            title, pending_title = pending_title, None
            out.append(Leader(name=piece, title=title, label=label))
    if pending_title:
        out.append(Leader(name=pending_title, title=None, label=label))
    return out


def _strip_parens_commas(value: str) -> str:
    """Protect separators inside brackets (张三（市委常委、副市长）) from the split."""
    out, depth = [], 0
    for ch in value:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        out.append("\x00" if depth and ch in "、，,；;" else ch)
    return "".join(out)


def parse_fields(
    fields: list[tuple[str, str]],
    government: str | None,
    dirx: AgencyDirectory,
    order_lead: bool = False,
) -> tuple[ClauseResult, str]:
    """The responsibilities, leaders and deadline text of one block of labelled fields.

    A 责任单位 list with no 牵头 field in the block is joint, or led by its first unit
    when the document declares the order rule."""
    kinds = label_kinds()
    has_lead_field = any(kinds.get(lab) == "lead" for lab, _ in fields)
    results: list[ClauseResult] = []
    deadlines: list[str] = []
    leaders: list[Leader] = []
    for label, value in fields:
        if not value:
            continue
        kind = kinds.get(label, "resp")
        if kind == "deadline":
            deadlines.append(value)
        elif kind == "leader":
            leaders += parse_leaders(value, label)
        else:
            default = {"lead": "lead", "support": "support"}.get(kind, "jointish")
            results.append(
                parse_clause(value, government, default, dirx, order_lead=order_lead and not has_lead_field)
            )
    res = merge_results(results)
    res.leaders = leaders
    deadline = "，".join(x for x in [res.deadline_text, *deadlines] if x)
    return res, deadline
