"""Fuzzing the layout documents (tests/data/layouts/): hypothesis deletes whole items,
shuffles the order of labelled lines, switches full- and half-width colons, drops page
numbers and blank lines anywhere and puts stray spaces into unit lists.  Whatever it
does, every kept item must give exactly the measures it gave in the untouched document:
same text, same units in the same roles, same leaders and deadline.  Each parse must also
stay fast (a hang or quadratic work fails the deadline).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.normalize import to_simplified
from loaders import parse_text
from loaders.vocabulary import declares_order_rule, label_line_re

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "layouts"
DOCS = sorted(p.stem for p in DATA.glob("*.txt"))
_ITEM_RE = re.compile(r"^(?:\d{1,3}\s*[．.]|（[一二三四五六七八九十]+）)")
_HEAD_RE = re.compile(r"^[一二三四五六七八九十]+、")


def blocks(lines: list[str]) -> tuple[list[str], list[list[tuple[int, str]]], int]:
    """(preamble, item blocks as (line number, text), index where blocks start)."""
    first = next(i for i, x in enumerate(lines) if _ITEM_RE.match(x) or _HEAD_RE.match(x))
    out: list[list[tuple[int, str]]] = []
    for i in range(first, len(lines)):
        x = lines[i]
        if _ITEM_RE.match(x) or _HEAD_RE.match(x) or not out:
            out.append([])
        out[-1].append((i + 1, x))
    return lines[:first], out, first


def summary(m) -> tuple:
    return (
        re.sub(r"\s+", "", m.text),
        sorted((re.sub(r"\s+", "", r.as_written), r.role) for r in m.responsibilities),
        m.open_ended,
        sorted((x.name, x.title) for x in m.leaders),
        m.deadline and (m.deadline.kind, m.deadline.date),
    )


def per_block(doc: str) -> tuple[list[str], list[list[tuple[int, str]]], list[list[tuple]]]:
    lines = (DATA / f"{doc}.txt").read_text(encoding="utf-8").split("\n")
    pre, bl, _ = blocks(lines)
    parsed = parse_text("\n".join(lines), f"{doc}.txt")
    sums: list[list[tuple]] = []
    for b in bl:
        lo, hi = b[0][0], b[-1][0]
        sums.append([summary(m) for m in parsed.measures if lo <= m.line <= hi])
    assert sum(map(len, sums)) == len(parsed.measures)
    return pre, bl, sums


FUZZ = settings(max_examples=20, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("doc", DOCS)
def test_mutated_layouts_keep_every_measure(doc: str) -> None:
    pre, bl, sums = per_block(doc)
    # keep every section heading (一、…): it may open a closing section
    # and the item that declares the order rule (国发〔2018〕39号 declares it in item 1)
    heads = [
        i for i, b in enumerate(bl) if _HEAD_RE.match(b[0][1]) or any(declares_order_rule(to_simplified(t)) for _, t in b)
    ]

    @FUZZ
    @given(data=st.data())
    def check(data) -> None:
        rnd = data.draw(st.randoms(use_true_random=False))
        keep = [i for i in range(len(bl)) if i in heads or rnd.random() < 0.7]
        out = list(pre)
        want: list[tuple] = []
        for i in keep:
            b = [t for _, t in bl[i]]
            head, rest = b[:1], b[1:]
            labels = [x for x in rest if label_line_re().match(to_simplified(x))]
            if labels and len(labels) == len(rest) and rnd.random() < 0.5:
                rnd.shuffle(rest)  # labelled lines in any order
            mutated = []
            for x in head + rest:
                if label_line_re().match(to_simplified(x)) and rnd.random() < 0.3:
                    x = x.replace("：", ":", 1) if "：" in x else x.replace(":", "：", 1)
                if rnd.random() < 0.15:
                    x = x.replace("、", " 、 ", 1)  # stray spaces in a unit list
                mutated.append(x)
                if rnd.random() < 0.1:
                    mutated.append(rnd.choice(["— 7 —", "", "- 12 -", "第3页"]))
            out += mutated
            want += sums[i]
        got = [summary(m) for m in parse_text("\n".join(out), f"{doc}.txt").measures] if want else []
        assert got == want

    check()
