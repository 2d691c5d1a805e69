"""Precision and recall of measure links against a hand-checked sample.

The sample (tests/expected/measure_links.tsv) has one row per lower measure: its short
id (``number.clause``), the upper measures it carries (``;``-separated, or ``local``),
the upper measures that are *acceptable* but not required (a loose second parent), and
a note.  A predicted link counts right if expected, wrong unless expected or
acceptable; an expected link not predicted is missed.  Shared by the test and by
``python -m bench.bench_link --sample`` so both print the same figures.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from graph.linking.model import MeasureLink


@dataclass(frozen=True)
class SampleRow:
    lower: str
    expected: frozenset[str]
    acceptable: frozenset[str]
    note: str = ""


@dataclass
class Score:
    rows: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self) -> str:
        return (
            f"measure links on {self.rows} hand-checked lower measures: "
            f"precision {self.precision:.3f} ({self.tp}/{self.tp + self.fp}), "
            f"recall {self.recall:.3f} ({self.tp}/{self.tp + self.fn})"
        )


def read_sample(path: Path) -> list[SampleRow]:
    """The sample file: tab-separated, header row, ``#`` comment lines."""
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    out = []
    for r in csv.DictReader(lines, delimiter="\t"):
        exp = r["expected"].strip()
        out.append(
            SampleRow(
                r["district"].strip(),
                frozenset() if exp == "local" else frozenset(filter(None, exp.split(";"))),
                frozenset(filter(None, (r.get("acceptable") or "").split(";"))),
                r.get("note") or "",
            )
        )
    return out


def short(measure_id: str) -> str:
    """'西青区人民政府-2022-07-27:16.6' -> '16.6'."""
    return measure_id.split(":", 1)[-1]


def score(sample: list[SampleRow], links: list[MeasureLink]) -> Score:
    """Compare predicted measure links (one lower document) with the sample."""
    pred: dict[str, set[str]] = {}
    for m in links:
        pred.setdefault(short(m.lower), set()).add(short(m.upper))
    s = Score(rows=len(sample))
    for r in sample:
        got = pred.get(r.lower, set())
        s.tp += len(got & r.expected)
        bad = sorted(got - r.expected - r.acceptable)
        lost = sorted(r.expected - got)
        s.fp += len(bad)
        s.fn += len(lost)
        s.wrong += [f"{r.lower}->{c}" for c in bad]
        s.missed += [f"{r.lower}->{c}" for c in lost]
    return s
