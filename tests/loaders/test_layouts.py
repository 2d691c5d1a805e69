"""Every responsibility layout, on realistic documents written for the purpose
(tests/data/layouts/), against hand-checked expectations (tests/expected/layouts/).

One test per measure (ids such as ``province_labelled_lines-7.1``) so that a failure
names the measure and every field that differs.  See tests/expected/layouts/README.md
for the columns and the decisions on ambiguous cases.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from pathlib import Path

import pytest

from graph.model import ParsedDocument
from loaders import load_document

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "layouts"
EXPECTED = ROOT / "tests" / "expected" / "layouts"
COLUMNS = [
    "number",
    "clause",
    "text_start",
    "leads",
    "supports",
    "joints",
    "leaders",
    "open_ended",
    "deadline_text",
    "deadline_kind",
    "deadline_date",
]
DOCS = sorted(p.stem for p in EXPECTED.glob("*.tsv"))
# Label phrases that must never be left in a measure's text (with a colon after them).
LABEL_LEFT_RE = re.compile(
    r"(?:牵头单位|责任单位|配合单位|主办单位|协办单位|参与单位|完成时限|时限要求|完成时间|"
    r"牵头领导|责任领导|分管领导|部门分工|责任部门)\s*[：:]"
)


def norm(s: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def source_of(doc: str) -> Path:
    (path,) = [p for p in DATA.iterdir() if p.stem == doc]
    return path


@functools.cache
def parsed(doc: str) -> ParsedDocument:
    return load_document(source_of(doc))


@functools.cache
def expected(doc: str) -> list[dict[str, str]]:
    with (EXPECTED / f"{doc}.tsv").open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert next(reader) == COLUMNS
        rows = [dict(zip(COLUMNS, r, strict=True)) for r in reader]
    assert len(rows) >= 15
    return rows


def cases() -> list[tuple[str, dict[str, str]]]:
    return [(d, r) for d in DOCS for r in expected(d)]


def units(cell: str) -> list[str]:
    return [u for u in cell.split("、") if u]


def test_every_layout_document_has_expectations() -> None:
    assert {p.stem for p in DATA.iterdir() if p.suffix == ".txt"} <= set(DOCS) | {"guofa_2018_39_plain"}
    assert len(DOCS) >= 6


@pytest.mark.parametrize("doc", DOCS)
def test_measure_sequence(doc: str) -> None:
    got = [(m.number, m.clause) for m in parsed(doc).measures]
    want = [(int(r["number"]), int(r["clause"])) for r in expected(doc)]
    assert got == want


@pytest.mark.parametrize(
    ("doc", "row"), cases(), ids=[f"{d}-{r['number']}.{r['clause']}" for d, r in cases()]
)
def test_measure(doc: str, row: dict[str, str]) -> None:
    p = parsed(doc)
    key = (int(row["number"]), int(row["clause"]))
    m = next((m for m in p.measures if (m.number, m.clause) == key), None)
    assert m is not None, f"no measure {key}"
    by_role = {
        role: [r.as_written for r in m.responsibilities if r.role == role] for role in ("lead", "support", "joint")
    }
    got = {
        "text_start": norm(m.text).startswith(norm(row["text_start"])),
        "leads": [norm(u) for u in by_role["lead"]],
        "supports": [norm(u) for u in by_role["support"]],
        "joints": [norm(u) for u in by_role["joint"]],
        "leaders": [f"{norm(x.name)}/{norm(x.title)}" for x in m.leaders],
        "open_ended": m.open_ended,
        "deadline_text": norm(m.deadline.text if m.deadline else ""),
        "deadline_kind": m.deadline.kind if m.deadline else "unspecified",
        "deadline_date": (m.deadline.date if m.deadline else None) or "",
    }
    want = {
        "text_start": True,
        "leads": [norm(u) for u in units(row["leads"])],
        "supports": [norm(u) for u in units(row["supports"])],
        "joints": [norm(u) for u in units(row["joints"])],
        "leaders": [norm(x) for x in units(row["leaders"])],
        "open_ended": row["open_ended"] == "1",
        "deadline_text": norm(row["deadline_text"]),
        "deadline_kind": row["deadline_kind"],
        "deadline_date": row["deadline_date"],
    }
    diff = {k: (got[k], want[k]) for k in want if got[k] != want[k]}
    assert not diff, f"{doc} {key} text={m.text[:30]!r}: " + "; ".join(
        f"{k}: got {g!r} want {w!r}" for k, (g, w) in diff.items()
    )
    assert not LABEL_LEFT_RE.search(m.text), f"a label line ended up in the measure text: {m.text!r}"


@pytest.mark.parametrize("doc", DOCS)
def test_no_warning_about_unread_parts(doc: str) -> None:
    """Every clause part of these documents is understood; unknown units are the only
    thing reported (they are kept, see test_no_unit_dropped)."""
    bad = [w for w in parsed(doc).warnings if "unknown unit" not in w.message]
    assert not bad, [f"{w.line}: {w.message}" for w in bad]
