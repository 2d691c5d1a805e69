"""graph/data/target_units.csv: every row is a reviewed unit of a target (issue 15: unit
conversions live in a data file), checked one by one against its own worked example."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from graph.linking.target_units import (
    NOT_ADDITIVE,
    TARGET_UNITS_CSV,
    base_unit,
    convert,
    needs_same_indicator,
    read_unit_table,
    unit_table,
)

ROWS = list(csv.DictReader(TARGET_UNITS_CSV.open(encoding="utf-8", newline="")))
_EXAMPLE = re.compile(r"^(?P<a>\d+(?:\.\d+)?)(?P<unit>\S+) = (?P<b>\d+(?:\.\d+)?)(?P<base>\S+)$")


@pytest.mark.parametrize("row", ROWS, ids=[r["unit"] for r in ROWS])
def test_target_unit_row(row: dict[str, str]) -> None:
    unit, dim = row["unit"], row["dimension"]
    assert unit and dim and row["note"].strip()
    if dim == NOT_ADDITIVE:
        assert base_unit(unit) is None and not row["factor"] and not row["example"]
        return
    # the worked example, written by hand, agrees with the factor: "150万头 = 1500000头"
    m = _EXAMPLE.match(row["example"])
    assert m and m["unit"] == unit, row["example"]
    base = unit_table().base[dim]
    assert m["base"] == base and base_unit(unit) == (float(row["factor"]), base)
    assert convert(float(m["a"]), unit, base) == pytest.approx(float(m["b"]))
    if row["same_indicator"]:  # only a measure word other than its dimension's base is marked
        assert needs_same_indicator(unit, base)


def test_every_unit_the_loader_reads_is_reviewed() -> None:
    from loaders.targets import _UNITS

    assert sorted(set(_UNITS) - set(unit_table().rows)) == []


def test_units_of_different_dimensions_never_convert() -> None:
    dims = {}
    for r in ROWS:
        if r["dimension"] != NOT_ADDITIVE:
            dims.setdefault(r["dimension"], r["unit"])
    units = list(dims.values())
    for a in units:
        for b in units:
            if a != b:
                with pytest.raises(ValueError):
                    convert(1.0, a, b)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("亩,area,1,,1亩 = 1亩,x\n亩,area,1,,1亩 = 1亩,y\n", "3: unit 亩 already listed on line 2"),
        ("亩,area,ten,,,x\n", "2: factor 'ten' is not a number"),
        ("万亩,area,10000,,,x\n", "2: dimension area has no base unit"),
        ("亩,area,1,yes,,x\n", "2: same_indicator must be 1 or empty"),
        ("亩,area,1,,,\n", "2: unit, dimension and note are required"),
    ],
)
def test_bad_rows_name_file_line_and_reason(tmp_path: Path, body: str, reason: str) -> None:
    f = tmp_path / "target_units.csv"
    f.write_text("unit,dimension,factor,same_indicator,example,note\n" + body, encoding="utf-8")
    with pytest.raises(ValueError) as e:
        read_unit_table(f)
    assert str(e.value).startswith(f"{f}:{reason}")
