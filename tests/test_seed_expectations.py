"""Audit the loaders against hand-checked expectations for the two seed documents.

The expected data lives in ``tests/expected/*.tsv`` and was written by reading the
documents, independently of ``loaders/`` (see ``tests/expected/README.md`` for the
columns, the conventions and every ambiguous case and how it was decided).

Two groups of tests:

* ``test_expectation_files_*`` check that the TSV files themselves are well formed and
  consistent with the source text (every unit name, deadline phrase and target span can
  be found on the cited line).  They do not need the loader.
* everything else calls ``loaders.load_document`` on the seed file and compares the
  parsed model with the expectations: one test per measure (ids such as ``city-10.3``)
  so that each failure names the measure and lists every field that differs.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_DIR = ROOT / "tests" / "expected"
SAMPLES_DIR = ROOT / "policygraph" / "samples"

DOCS = {
    "city": SAMPLES_DIR / "tianjin_city_2022_task_division.txt",
    "district": SAMPLES_DIR / "xiqing_district_2022_task_list.txt",
}
YEAR = 2022  # both seeds are work plans for 2022

MEASURE_COLUMNS = [
    "number",
    "clause",
    "line",
    "text_start",
    "leads",
    "supports",
    "joints",
    "open_ended",
    "deadline_text",
    "deadline_kind",
    "deadline_date",
]
TARGET_COLUMNS = ["number", "clause", "indicator", "op", "value", "value_max", "unit", "text"]
DEADLINE_KINDS = {"ongoing", "due", "milestone", "unspecified"}
TARGET_OPS = {">=", "<=", "~", "range", "="}

# Values written in Chinese numerals in the seeds (value -> how it is written).
CHINESE_NUMERALS = {"100": ("百",)}

# Numbers that are policy parameters or descriptions rather than goals.  They are not
# in the expected targets, but a loader that reports them is not counted wrong either
# (judgement calls, listed with reasons in tests/expected/README.md).  Keyed by
# (document, number, clause) -> values.  Anything else the loader reports that is not
# in the expected TSV counts against precision.
TOLERATED_TARGETS: dict[tuple[str, int, int], set[float]] = {
    ("city", 17, 1): {1},  # 失业保险缴费费率至1% (policy rate)
    ("city", 17, 2): {60, 90},  # 返还比例由60%最高提至90% (policy ratio)
    ("city", 22, 4): {75, 100},  # 加计扣除比例从75%提高到100% (policy ratio)
    ("city", 39, 1): {30, 5},  # 补助标准分别再提高30元和5元 (subsidy standard)
    ("district", 15, 5): {6, 3},  # 减免6个月租金 / 3个月租金 (relief rule)
    ("district", 16, 1): {1},  # 失业保险缴费费率至1%
    ("district", 17, 7): {3},  # 等三项机制 (count of named mechanisms)
    ("district", 21, 3): {75, 100},  # 加计扣除比例从75%提高到100%
    ("district", 25, 1): {145},  # 围绕2022年推出的145个重点项目 (portfolio described)
    ("district", 35, 3): {50},  # 氮氧化物50毫克/立方米 (emission standard)
    ("district", 37, 1): {30, 5},  # 补助标准分别再提高 30 元和 5 元
    ("district", 38, 1): {19},  # 健康天津 19 项专项行动 (campaign's named actions)
    ("district", 38, 4): {6},  # 胸痛、卒中等6个中心 (existing centres described)
}


# --------------------------------------------------------------------------- helpers


def norm(s: str | None) -> str:
    """Compare text loosely: NFKC (full/half-width), no whitespace, no <p> tags."""
    s = unicodedata.normalize("NFKC", s or "")
    s = re.sub(r"</?p\s*>", "", s, flags=re.I)
    return re.sub(r"\s+", "", s)


def split_units(cell: str) -> list[str]:
    return [u for u in cell.split("、") if u] if cell else []


def read_tsv(name: str, columns: list[str]) -> list[dict[str, str]]:
    path = EXPECTED_DIR / name
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == columns, f"{name}: header {header} != {columns}"
        rows = []
        for lineno, row in enumerate(reader, start=2):
            assert len(row) == len(columns), f"{name}:{lineno}: {len(row)} fields, want {len(columns)}"
            rows.append(dict(zip(columns, row, strict=True)))
    return rows


@functools.cache
def expected_measures(doc: str) -> list[dict[str, str]]:
    return read_tsv(f"{doc}_measures.tsv", MEASURE_COLUMNS)


@functools.cache
def expected_targets(doc: str) -> list[dict[str, str]]:
    return read_tsv(f"{doc}_targets.tsv", TARGET_COLUMNS)


@functools.cache
def source_lines(doc: str) -> list[str]:
    return DOCS[doc].read_text(encoding="utf-8").split("\n")


@functools.cache
def parsed(doc: str):
    # Imported here so that the well-formedness tests run without the loader; if the
    # loader is missing, the loader tests fail (on purpose: no importorskip).
    from loaders import load_document

    return load_document(str(DOCS[doc]))


def measure_key(m) -> tuple[int, int]:
    return (int(m.number), int(m.clause))


def roles(m) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"lead": [], "support": [], "joint": []}
    resps = list(m.responsibilities)
    if all(getattr(r, "order", 0) for r in resps):
        resps.sort(key=lambda r: r.order)
    for r in resps:
        out.setdefault(r.role, []).append(r.as_written.strip())
    return out


def last_day(month: int) -> str:
    nxt = dt.date(YEAR + (month == 12), month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).isoformat()


def deadline_from_text(text: str) -> tuple[str, str]:
    """The kind and date the README's rule gives for a deadline phrase (final phrase wins)."""
    if not text:
        return "unspecified", ""
    final = re.split(r"[，,]", text)[-1]
    if "持续推进" in final or final.startswith("年内"):
        return "ongoing", f"{YEAR}-12-31"
    m = re.fullmatch(r"(\d{1,2})月底前(.+)", final)
    assert m, f"deadline phrase not understood by the README rule: {text!r}"
    kind = "due" if m.group(2) == "完成" else "milestone"
    return kind, last_day(int(m.group(1)))


def measure_cases():
    for doc in DOCS:
        for row in expected_measures(doc):
            yield pytest.param(doc, row, id=f"{doc}-{row['number']}.{row['clause']}")


# ------------------------------------------------- expectation files (no loader needed)


@pytest.mark.parametrize("doc", list(DOCS))
def test_expectation_files_measures_well_formed(doc):
    rows = expected_measures(doc)
    lines = source_lines(doc)
    problems: list[str] = []
    seen: set[tuple[int, int]] = set()
    prev_number, prev_clause, prev_line = 0, 0, 0
    for row in rows:
        tag = f"{doc}-{row['number']}.{row['clause']}"
        try:
            number, clause, line = int(row["number"]), int(row["clause"]), int(row["line"])
            open_ended = int(row["open_ended"])
        except ValueError as e:
            problems.append(f"{tag}: non-integer field ({e})")
            continue
        if (number, clause) in seen:
            problems.append(f"{tag}: duplicate")
        seen.add((number, clause))
        # numbers ascend without gaps; clauses restart at 1 and count up
        if number == prev_number:
            if clause != prev_clause + 1:
                problems.append(f"{tag}: clause should be {prev_clause + 1}")
        elif number == prev_number + 1:
            if clause != 1:
                problems.append(f"{tag}: first clause of a number should be 1")
        else:
            problems.append(f"{tag}: number jumps from {prev_number}")
        if line < prev_line:
            problems.append(f"{tag}: line {line} goes backwards")
        prev_number, prev_clause, prev_line = number, clause, line
        if not 1 <= line <= len(lines):
            problems.append(f"{tag}: line {line} outside the file")
            continue
        src = norm(lines[line - 1])
        if not row["text_start"] or len(row["text_start"]) > 10:
            problems.append(f"{tag}: text_start must be 1-10 characters")
        elif norm(row["text_start"]) not in src:
            problems.append(f"{tag}: text_start {row['text_start']!r} not on line {line}")
        leads, supports, joints = (split_units(row[c]) for c in ("leads", "supports", "joints"))
        if not (leads or joints):
            problems.append(f"{tag}: no lead and no joint unit")
        if supports and not leads:
            problems.append(f"{tag}: supports without a lead")
        if joints and (leads or supports):
            problems.append(f"{tag}: joints mixed with leads/supports")
        for u in leads + supports + joints:
            if u.endswith("等") or norm(u) not in src:
                problems.append(f"{tag}: unit {u!r} not found as written on line {line}")
        if open_ended not in (0, 1):
            problems.append(f"{tag}: open_ended must be 0 or 1")
        # the lists must be contiguous in the clause, exactly as grouped in the TSV
        if leads and norm("、".join(leads) + "牵头") not in src:
            problems.append(f"{tag}: '{'、'.join(leads)}牵头' not on line {line}")
        tail = supports or joints
        if tail:
            pattern = (
                re.escape(norm("、".join(tail) + ("等" if open_ended else "")))
                + "(按职责分工负责|分别负责|负责|配合)"
            )
            if not re.search(pattern, src):
                problems.append(
                    f"{tag}: '{'、'.join(tail)}{'等' if open_ended else ''}…负责' not on line {line}"
                )
        elif open_ended:
            problems.append(f"{tag}: open_ended without a support/joint list")
        kind, date = row["deadline_kind"], row["deadline_date"]
        if kind not in DEADLINE_KINDS:
            problems.append(f"{tag}: bad deadline_kind {kind!r}")
        if date:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                problems.append(f"{tag}: deadline_date {date!r} is not ISO")
        if re.search(r"\s", row["deadline_text"]):
            problems.append(f"{tag}: deadline_text must have spaces removed")
        if row["deadline_text"] and norm(row["deadline_text"]) not in src:
            problems.append(f"{tag}: deadline_text {row['deadline_text']!r} not on line {line}")
        if kind in DEADLINE_KINDS and (kind, date) != deadline_from_text(row["deadline_text"]):
            problems.append(
                f"{tag}: kind/date {kind}/{date} disagree with the rule for {row['deadline_text']!r}"
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("doc", list(DOCS))
def test_expectation_files_targets_well_formed(doc):
    measures = {(int(r["number"]), int(r["clause"])): int(r["line"]) for r in expected_measures(doc)}
    lines = source_lines(doc)
    problems: list[str] = []
    prev: tuple[int, int] = (0, 0)
    for row in expected_targets(doc):
        key = (int(row["number"]), int(row["clause"]))
        tag = f"{doc}-{key[0]}.{key[1]} {row['indicator']}"
        if key < prev:
            problems.append(f"{tag}: not in document order")
        prev = key
        if key not in measures:
            problems.append(f"{tag}: no such measure in {doc}_measures.tsv")
            continue
        if row["op"] not in TARGET_OPS:
            problems.append(f"{tag}: bad op {row['op']!r}")
        try:
            value = float(row["value"])
            value_max = float(row["value_max"]) if row["value_max"] else None
        except ValueError:
            problems.append(f"{tag}: value/value_max not numeric")
            continue
        if (row["op"] == "range") != (value_max is not None):
            problems.append(f"{tag}: value_max is for op=range only")
        if value_max is not None and value_max <= value:
            problems.append(f"{tag}: value_max must exceed value")
        if not row["indicator"] or not row["unit"]:
            problems.append(f"{tag}: indicator and unit are required")
        src = norm(lines[measures[key] - 1])
        text = norm(row["text"])
        if text not in src:
            problems.append(f"{tag}: text span {row['text']!r} not on line {measures[key]}")
        if norm(row["indicator"]) not in text:
            problems.append(f"{tag}: indicator not inside its text span")
        if norm(row["unit"]) not in text:
            problems.append(f"{tag}: unit not inside its text span")
        written = {row["value"], *CHINESE_NUMERALS.get(row["value"], ())}
        if not any(w in text for w in written):
            problems.append(f"{tag}: value {row['value']} not inside its text span")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ loader vs. paper


@pytest.mark.parametrize("doc", list(DOCS))
def test_measure_count(doc):
    n_got = len(parsed(doc).measures)
    n_want = len(expected_measures(doc))
    assert n_got == n_want, f"{doc}: loader gives {n_got} measures, the document has {n_want}"


@pytest.mark.parametrize("doc", list(DOCS))
def test_measure_order(doc):
    got = [f"{n}.{c}" for n, c in map(measure_key, parsed(doc).measures)]
    want = [f"{r['number']}.{r['clause']}" for r in expected_measures(doc)]
    if got == want:
        return
    missing = [k for k in want if k not in got]
    extra = [k for k in got if k not in want]
    first = next(
        (i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want))
    )
    raise AssertionError(
        f"{doc}: missing {missing}; unexpected {extra}; first difference at position {first + 1}: "
        f"loader {got[first : first + 3]}, document {want[first : first + 3]}"
    )


@pytest.mark.parametrize("doc", list(DOCS))
def test_measure_lines(doc):
    by_key = {measure_key(m): m for m in parsed(doc).measures}
    wrong = []
    for row in expected_measures(doc):
        m = by_key.get((int(row["number"]), int(row["clause"])))
        if m is not None and int(m.line) != int(row["line"]):
            wrong.append(f"{row['number']}.{row['clause']}: line {m.line}, want {row['line']}")
    assert not wrong, f"{doc}: " + "; ".join(wrong)


@pytest.mark.parametrize(("doc", "row"), list(measure_cases()))
def test_measure(doc, row):
    key = (int(row["number"]), int(row["clause"]))
    matches = [m for m in parsed(doc).measures if measure_key(m) == key]
    assert matches, f"{doc}-{key[0]}.{key[1]} (line {row['line']}, {row['text_start']}…) not produced"
    assert len(matches) == 1, f"{doc}-{key[0]}.{key[1]} produced {len(matches)} times"
    m = matches[0]
    diffs: list[str] = []

    if not norm(m.text).startswith(norm(row["text_start"])):
        diffs.append(f"text starts {m.text[:14]!r}, want {row['text_start']!r}")

    got_roles = roles(m)
    for role, col in (("lead", "leads"), ("support", "supports"), ("joint", "joints")):
        want = split_units(row[col])
        if got_roles.get(role, []) != want:
            diffs.append(f"{col}: {got_roles.get(role, [])}, want {want}")
    unknown = set(got_roles) - {"lead", "support", "joint"}
    if unknown:
        diffs.append(f"unknown roles {unknown}")

    if bool(m.open_ended) != bool(int(row["open_ended"])):
        diffs.append(f"open_ended {m.open_ended}, want {bool(int(row['open_ended']))}")

    d = m.deadline
    kind = d.kind if d is not None else "unspecified"
    date = (d.date or "") if d is not None else ""
    text = d.text if d is not None else ""
    if kind != row["deadline_kind"]:
        diffs.append(f"deadline kind {kind!r}, want {row['deadline_kind']!r}")
    if date != row["deadline_date"]:
        diffs.append(f"deadline date {date!r}, want {row['deadline_date']!r}")
    if norm(text) != norm(row["deadline_text"]):
        diffs.append(f"deadline text {text!r}, want {row['deadline_text']!r}")

    assert not diffs, f"{doc}-{key[0]}.{key[1]} (line {row['line']}):\n  " + "\n  ".join(diffs)


# ----------------------------------------------------------------------------- targets


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def _strict_key_equal(exp: dict, got: dict) -> bool:
    return (
        exp["key"] == got["key"]
        and exp["op"] == got["op"]
        and norm(exp["unit"]) == norm(got["unit"])
        and _same_number(exp["value"], got["value"])
        and _same_number(exp["value_max"], got["value_max"])
    )


def match_targets(expected: list[dict], got: list[dict]) -> list[tuple[dict, dict, str]]:
    """Pair expected and loader targets: number, clause, op, value, value_max and unit must be
    equal; indicators loosely (pass 1: one contains the other; pass 2, for what is left: the
    expected indicator lies inside the loader's text span or the loader's indicator inside the
    expected span)."""
    pairs: list[tuple[dict, dict, str]] = []
    free = list(range(len(got)))
    open_exp = list(expected)
    for pass_no in (1, 2):
        still_open = []
        for e in open_exp:
            hit = None
            for gi in free:
                g = got[gi]
                if not _strict_key_equal(e, g):
                    continue
                ei, gi_ind = norm(e["indicator"]), norm(g["indicator"])
                if pass_no == 1:
                    ok = bool(gi_ind) and (ei in gi_ind or gi_ind in ei)
                else:
                    ok = (ei and ei in norm(g["text"])) or (gi_ind and gi_ind in norm(e["text"]))
                if ok:
                    hit = gi
                    break
            if hit is None:
                still_open.append(e)
            else:
                free.remove(hit)
                pairs.append((e, got[hit], "indicator" if pass_no == 1 else "span"))
        open_exp = still_open
    return pairs


@pytest.mark.parametrize("doc", list(DOCS))
def test_targets(doc, capsys):
    expected = [
        {
            "key": (int(r["number"]), int(r["clause"])),
            "indicator": r["indicator"],
            "op": r["op"],
            "value": float(r["value"]),
            "value_max": float(r["value_max"]) if r["value_max"] else None,
            "unit": r["unit"],
            "text": r["text"],
        }
        for r in expected_targets(doc)
    ]
    got = [
        {
            "key": measure_key(m),
            "indicator": t.indicator or "",
            "op": t.op,
            "value": t.value,
            "value_max": t.value_max,
            "unit": t.unit or "",
            "text": t.text or "",
        }
        for m in parsed(doc).measures
        for t in m.targets
    ]
    pairs = match_targets(expected, got)
    matched_got = {id(g) for _, g, _ in pairs}
    matched_exp = {id(e) for e, _, _ in pairs}
    unmatched = [g for g in got if id(g) not in matched_got]
    tolerated = [
        g
        for g in unmatched
        if any(_same_number(g["value"], v) for v in TOLERATED_TARGETS.get((doc, *g["key"]), ()))
    ]
    false_pos = [g for g in unmatched if g not in tolerated]
    missed = [e for e in expected if id(e) not in matched_exp]

    tp = len(pairs)
    precision = tp / (tp + len(false_pos)) if (tp + len(false_pos)) else 0.0
    recall = tp / len(expected) if expected else 1.0

    def fmt(t: dict) -> str:
        vmax = f"..{t['value_max']:g}" if t["value_max"] is not None else ""
        return f"{t['key'][0]}.{t['key'][1]} {t['indicator']} {t['op']} {t['value']:g}{vmax} {t['unit']}"

    report = [
        f"[{doc} targets] expected {len(expected)}, loader {len(got)}, matched {tp}, "
        f"wrong {len(false_pos)}, tolerated {len(tolerated)}, missed {len(missed)}; "
        f"precision {precision:.3f}, recall {recall:.3f}"
    ]
    report += [f"  WRONG   {fmt(g)}   <- {g['text']}" for g in false_pos]
    report += [f"  MISSED  {fmt(e)}   <- {e['text']}" for e in missed]
    report += [f"  TOLERATED {fmt(g)}" for g in tolerated]
    report += [
        f"  indicator differs: {fmt(e)} / loader {g['indicator']!r}" for e, g, how in pairs if how == "span"
    ]
    with capsys.disabled():
        print("\n" + "\n".join(report))

    assert precision == 1.0, "\n".join(report)
    assert recall >= 0.9, "\n".join(report)
