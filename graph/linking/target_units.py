"""Units of targets: which units measure the same thing, and by what factor.

Why a reviewed data file (graph/data/target_units.csv) and not a prefix rule: 万 and 亿
are easy, but 1 公顷 = 15 亩, 名 counts persons like 人 while 人次 does not, and 家 counts
the same things as 个 only because the indicator has to match as well.  Each row is one
reviewed fact with a worked example that tests/linking/test_target_units_data.py checks.

A unit the file does not list is compatible only with itself (factor 1), so a share is
never computed between units nobody has reviewed; a unit of dimension ``not_additive``
(%, 个工作日 ...) never gets a share at all.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TARGET_UNITS_CSV = Path(__file__).resolve().parents[1] / "data" / "target_units.csv"
NOT_ADDITIVE = "not_additive"
COLUMNS = ("unit", "dimension", "factor", "same_indicator", "example", "note")


@dataclass(frozen=True)
class UnitRow:
    """One reviewed unit: ``factor`` units of the dimension's base make one ``unit``
    (None for a unit that is not additive).  ``same_indicator``: a measure word that
    counts the same things as its dimension's base only when the indicator is the same
    (家 and 个: 720家企业 of 1万家 yes, 3家重点实验室 of 5个海河实验室 no)."""

    unit: str
    dimension: str
    factor: float | None
    same_indicator: bool
    example: str
    note: str
    line: int


@dataclass(frozen=True)
class UnitTable:
    rows: dict[str, UnitRow]
    base: dict[str, str]  # dimension -> its unit of factor 1


def read_unit_table(path: Path = TARGET_UNITS_CSV) -> UnitTable:
    """Read and check the file; a bad row raises ValueError naming file, line and reason."""
    rows: dict[str, UnitRow] = {}
    base: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}:1: header must be {','.join(COLUMNS)}")
        for raw in reader:
            line = reader.line_num
            unit, dim = (raw["unit"] or "").strip(), (raw["dimension"] or "").strip()
            where = f"{path}:{line}"
            if not unit or not dim or not (raw["note"] or "").strip():
                raise ValueError(f"{where}: unit, dimension and note are required")
            if unit in rows:
                raise ValueError(f"{where}: unit {unit} already listed on line {rows[unit].line}")
            factor: float | None = None
            if dim != NOT_ADDITIVE:
                try:
                    factor = float(raw["factor"])
                except (TypeError, ValueError):
                    raise ValueError(f"{where}: factor {raw['factor']!r} is not a number") from None
                if not math.isfinite(factor) or factor <= 0:
                    raise ValueError(f"{where}: factor must be a positive number")
                if factor == 1.0 and dim not in base:
                    base[dim] = unit
            flag = (raw["same_indicator"] or "").strip()
            if flag not in ("", "1"):
                raise ValueError(f"{where}: same_indicator must be 1 or empty, not {flag!r}")
            rows[unit] = UnitRow(
                unit, dim, factor, flag == "1", (raw["example"] or "").strip(), raw["note"].strip(), line
            )
    for r in rows.values():
        if r.factor is not None and r.dimension not in base:
            raise ValueError(f"{path}:{r.line}: dimension {r.dimension} has no base unit (factor 1)")
    return UnitTable(rows, base)


@lru_cache(maxsize=1)
def unit_table() -> UnitTable:
    return read_unit_table()


def base_unit(unit: str) -> tuple[float, str] | None:
    """'万亩' -> (10000, '亩'); '家' -> (1, '个'); '%' -> None (not additive); a unit
    the file does not list -> (1, itself), so it only matches itself."""
    u = (unit or "").strip()
    if not u:
        return None
    table = unit_table()
    row = table.rows.get(u)
    if row is None:
        return 1.0, u
    if row.factor is None:
        return None
    return row.factor, table.base[row.dimension]


SCALE_WORDS = ("万", "亿")


def unit_word(unit: str) -> str:
    """The measure word of a unit, its scale word removed: '万家' -> '家', '万亩' -> '亩',
    '公顷' -> '公顷'."""
    u = (unit or "").strip()
    if len(u) > 1 and u[0] in SCALE_WORDS and u[1:] in unit_table().rows:
        return u[1:]
    return u


def needs_same_indicator(a: str, b: str) -> bool:
    """True when the two units are different measure words and one of them is marked
    ``same_indicator`` (家 and 个, 万家 and 个; not 家 and 万家, not 公顷 and 亩): their
    figures are then compared only when the indicators are the same, not merely similar."""
    if unit_word(a) == unit_word(b):
        return False
    rows = unit_table().rows
    return any(r is not None and r.same_indicator for r in (rows.get(a.strip()), rows.get(b.strip())))


def number(x: float) -> str:
    """A converted figure: thousands separators, at most 4 decimals, no trailing zeros."""
    s = f"{x:,.4f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


def as_written(value: float, value_max: float | None, unit: str) -> str:
    """'150万头', '150–170万头' (a range), as the figure stands in the document."""
    v = f"{value:.10g}"
    return f"{v}–{value_max:.10g}{unit}" if value_max is not None else f"{v}{unit}"


def common_unit(a: str, b: str) -> str | None:
    """The unit both sides are shown in: the finer of the two when they differ by a power
    of ten (150万头 -> 头, 12公里 -> 米), else the dimension's base (公顷 and 万亩 -> 亩).
    None when they cannot be compared."""
    fa, fb = base_unit(a), base_unit(b)
    if fa is None or fb is None or fa[1] != fb[1]:
        return None
    if a == b:
        return a
    ratio = max(fa[0], fb[0]) / min(fa[0], fb[0])
    if abs(math.log10(ratio) - round(math.log10(ratio))) < 1e-9:
        return a if fa[0] <= fb[0] else b
    return fa[1]


def convert(value: float, unit: str, into: str) -> float:
    """``value`` ``unit`` expressed in ``into`` (both of one dimension)."""
    fu, fi = base_unit(unit), base_unit(into)
    if fu is None or fi is None or fu[1] != fi[1]:
        raise ValueError(f"{unit} and {into} are not of one dimension")
    return value * fu[0] / fi[0]
