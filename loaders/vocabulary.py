"""The label vocabulary of task-division documents, read from ``graph/data/labels.csv``.

Why a data file: offices write the same field many ways (牵头单位 / 主办单位 / 主责单位,
完成时限 / 时限要求 / 完成时间, 责任领导 / 分管省（市、区）领导).  A variant met in a new
document is one reviewed row, not a code change.  Kinds:

* ``lead`` / ``support``: a list of units that lead / support;
* ``resp``: a list read by the clause grammar (``A牵头，B配合``, or a plain list: joint,
  or led by its first unit when the document declares an order rule);
* ``deadline``: the deadline text; ``leader``: persons, kept as leaders, never as units;
* ``order_rule``: a declaration that the first unit of every list leads
  (列第一位者为牵头单位).

Everything is matched on simplified text (graph.normalize.to_simplified, same length).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from graph.normalize import DATA_DIR, to_simplified

LABELS_CSV = DATA_DIR / "labels.csv"
LABEL_KINDS = ("lead", "support", "resp", "deadline", "leader", "order_rule")

# where a label may start: the start of a line or of a bracket, or after a separator;
# never inside a word (任务分工：… is prose, not the 分工 label)
_BOUNDARY = r"(?:^|(?<=[\s；;，,。.（(\[【〔:：]))"


@lru_cache(maxsize=1)
def label_rows() -> tuple[tuple[str, str], ...]:
    """(phrase, kind) for every row of labels.csv, simplified."""
    rows: list[tuple[str, str]] = []
    with LABELS_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            phrase, kind = to_simplified(row["phrase"].strip()), row["kind"].strip()
            if not phrase:
                continue
            if kind not in LABEL_KINDS:
                raise ValueError(f"labels.csv: unknown kind {kind!r} for {phrase}")
            if kind == "order_rule" and ORDER_RULE_MARKS[0] not in phrase:
                raise ValueError(f"labels.csv: order rule {phrase} does not contain {ORDER_RULE_MARKS[0]}")
            rows.append((phrase, kind))
    return tuple(rows)


@lru_cache(maxsize=1)
def label_kinds() -> dict[str, str]:
    """Field label -> kind (order rules excluded)."""
    return {p: k for p, k in label_rows() if k != "order_rule"}


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=1)
def label_re() -> re.Pattern[str]:
    """A field label followed by a colon: 牵头单位： / 责任领导: (group ``label``)."""
    return re.compile(rf"{_BOUNDARY}(?P<label>{_alternation(list(label_kinds()))})\s*[：:]")


@lru_cache(maxsize=1)
def label_line_re() -> re.Pattern[str]:
    """A line that starts with a field label (after bullets and spaces)."""
    return re.compile(rf"^[\s·•●○◆▲■\-—]*(?P<label>{_alternation(list(label_kinds()))})\s*[：:]")


@lru_cache(maxsize=1)
def order_rule_re() -> re.Pattern[str]:
    """The declaration sentence, with what usually wraps it: （注：列第一位者为牵头单位，下同。）."""
    phrases = [p for p, k in label_rows() if k == "order_rule"]
    return re.compile(
        rf"(?:注|说明|备注)?[：:]?(?:{_alternation(phrases)})[，,、]?(?:下同)?[。.；;]?"
    )


# Every order-rule phrase names the lead (…为牵头单位 / …为牵头部门); checked on load, so a
# text holding no character that simplifies to 为 or to 牵 needs no regex search (the
# loaders test every line and row of a document with it, before simplifying).
ORDER_RULE_MARKS = ("为牵头",)


@lru_cache(maxsize=1)
def _mark_chars() -> tuple[frozenset[str], frozenset[str]]:
    from graph.normalize import _t2s_table

    variants: dict[str, set[str]] = {k: {k} for k in "为牵"}
    for src, dst in _t2s_table().items():  # traditional code point -> simplified character
        if dst in variants:
            variants[dst].add(chr(src))
    return frozenset(variants["为"]), frozenset(variants["牵"])


def declares_order_rule(simplified_text: str) -> bool:
    return order_rule_re().search(simplified_text) is not None


def may_declare_order_rule(text: str) -> bool:
    """False when ``text`` (simplified or not) certainly holds no order-rule declaration."""
    wei, qian = _mark_chars()
    return any(c in text for c in qian) and any(c in text for c in wei)


def strip_order_rule(text: str) -> str:
    """The text without the order-rule declaration (it is a rule, never a unit)."""
    simp = to_simplified(text)
    m = order_rule_re().search(simp)
    if not m:
        return text
    return (text[: m.start()] + text[m.end() :]).strip()
