"""GET /workload/counterparts over HTTP on both stores: 区财政局 beside 市财政局 row by
linked task (the district's （四） beside the city's （五）), the numbers as in
tests/expected/counterpart_comparison.tsv."""

from __future__ import annotations

import csv
from pathlib import Path

EXPECTED = Path(__file__).resolve().parents[1] / "expected" / "counterpart_comparison.tsv"
DIRECT = ("lead", "support", "joint")


def _expected() -> dict[tuple[str, str], tuple[int, int]]:
    lines = [ln for ln in EXPECTED.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return {(r["district_task"], r["city_task"]): (len([x for x in r["district_measures"].split(";") if x]),
                                                     len([x for x in r["city_measures"].split(";") if x]))
            for r in csv.DictReader(lines, delimiter="\t")}


def test_counterpart_comparison_keyed_by_links(api) -> None:
    r = api.get("/workload/counterparts", params={"unit": "区财政局"})
    assert r.status_code == 200
    body = r.json()
    assert body["unit"] == "区财政局" and [c["name"] for c in body["counterparts"]] == ["市财政局"]
    got = {}
    for row in body["data"]:
        key = (",".join(str(t["number"]) for t in row["lower"]) or "-",
               ",".join(str(t["number"]) for t in row["upper"]) or "-")
        direct = tuple(sum(row["counts"][u][k] for k in DIRECT) for u in ("区财政局", "市财政局"))
        if any(direct):
            got[key] = direct
    assert got == _expected()
    assert got[("4", "5")] == (1, 1)  # the case: 市财政局 is not 0 beside the district's （四）


def test_counterpart_comparison_errors(api) -> None:
    assert api.get("/workload/counterparts", params={"unit": "不存在的单位"}).status_code == 404
    assert api.get("/workload/counterparts").status_code == 422
