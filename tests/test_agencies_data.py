"""The reviewed agency data file: every entry checked, and every unit of both seeds known."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.normalize import AGENCIES_CSV, KINDS, LEVELS, AgencyDirectory, directory
from loaders import load_document

SAMPLES = Path(__file__).resolve().parents[1] / "policygraph" / "samples"
SEEDS = sorted(SAMPLES.glob("*.txt"))
DIR = directory()
ROWS = list(csv.DictReader(AGENCIES_CSV.open(encoding="utf-8", newline="")))
NAMES = {r["name"] for r in ROWS}
GOVERNMENTS = {r["name"] for r in ROWS if r["kind"] == "government"}


def test_header_and_unique_names() -> None:
    assert list(ROWS[0].keys())[:7] == [
        "name",
        "aliases",
        "level",
        "kind",
        "government",
        "counterpart",
        "branch_of",
    ]
    assert len(NAMES) == len(ROWS)
    aliases = [a for r in ROWS for a in r["aliases"].split(";") if a]
    assert len(aliases) == len(set(aliases)), "an alias names two agencies"
    assert not set(aliases) & NAMES, "an alias is also a canonical name"


@pytest.mark.parametrize("row", ROWS, ids=[r["name"] for r in ROWS])
def test_entry(row: dict[str, str]) -> None:
    name = row["name"]
    assert name == name.strip() and name, "blank or padded name"
    assert row["level"] in LEVELS
    assert row["kind"] in KINDS
    gov = row["government"] or None
    # canonical name and each alias resolve to this entry (in its own government's documents)
    assert DIR.resolve(name, gov).name == name
    for alias in filter(None, row["aliases"].split(";")):
        hit = DIR.resolve(alias, gov)
        assert hit is not None and hit.name == name, f"alias {alias} -> {hit and hit.name}"
    if gov:
        assert gov in GOVERNMENTS, f"unknown government {gov}"
    if row["counterpart"]:
        assert row["counterpart"] in NAMES, f"counterpart {row['counterpart']} missing"
        assert row["counterpart"] != name
    if row["branch_of"]:
        assert row["branch_of"] in NAMES, f"branch_of {row['branch_of']} missing"
        assert row["kind"] in ("branch", "enterprise")
    if row["kind"] == "collective":
        assert DIR.get(name).collective


def test_district_counterparts_are_city_level() -> None:
    for r in ROWS:
        if r["level"] == "district" and r["counterpart"]:
            assert DIR.get(r["counterpart"]).level in ("city", "national"), r["name"]


@pytest.mark.parametrize(
    ("district", "city"),
    [
        ("区财政局", "市财政局"),
        ("区工信局", "市工业和信息化局"),
        ("区卫健委", "市卫生健康委"),
        ("区教育局", "市教委"),
        ("公安西青分局", "市公安局"),
        ("团区委", "团市委"),
    ],
)
def test_named_counterparts(district: str, city: str) -> None:
    assert DIR.get(district).counterpart == city


def test_branch_of_planning_bureau() -> None:
    assert DIR.get("市规划资源局西青分局").branch_of == "市规划资源局"


@pytest.mark.parametrize(
    "name", ["国家发展改革委", "人力资源社会保障部", "全国总工会", "中国国家铁路集团有限公司"]
)
def test_national_names(name: str) -> None:
    assert DIR.resolve(name).level == "national"


def test_region_prefixed_names_resolve_within_their_government() -> None:
    assert DIR.resolve("天津市财政局").name == "市财政局"
    assert DIR.resolve("西青区财政局").name == "区财政局"
    assert DIR.resolve("天津市西青区财政局").name == "区财政局"
    assert DIR.resolve("天津市月球局") is None


def test_government_names() -> None:
    assert DIR.government("天津市西青区人民政府").name == "西青区人民政府"
    assert DIR.government("天津市人民政府").region == "天津市"


def test_unknown_is_none_not_a_guess() -> None:
    assert DIR.resolve("区农业局") is None
    assert DIR.resolve("") is None


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_every_seed_unit_is_known(seed: Path) -> None:
    parsed = load_document(seed)
    gov = parsed.document.issuer
    for m in parsed.measures:
        for r in m.responsibilities:
            hit = DIR.resolve(r.as_written, gov)
            assert hit is not None, f"{seed.name}:{m.line} {r.as_written} not in agencies.csv"
            assert DIR.scoped_name(hit, gov) == r.unit
    assert not [w for w in parsed.warnings if "unknown unit" in w.message]


def test_loads_from_a_given_path(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text(
        "name,aliases,level,kind,government,counterpart,branch_of,note\n甲局,甲;甲甲,city,department,,,,\n",
        encoding="utf-8",
    )
    d = AgencyDirectory.load(p)
    assert d.resolve("甲甲").name == "甲局"


@pytest.mark.parametrize(
    ("written", "government", "expected"),
    [
        ("有关部门", "西青区人民政府", "西青区有关部门"),
        ("各有关部门", "西青区人民政府", "西青区有关部门"),
        ("有关部门", "天津市人民政府", "天津市有关部门"),
        ("区政府各部门", "西青区人民政府", "区政府各部门"),  # already scoped by its data row
        ("区财政局", "西青区人民政府", "区财政局"),  # not a collective: unchanged
    ],
)
def test_collectives_without_government_are_scoped_per_region(written: str, government: str, expected: str) -> None:
    hit = DIR.resolve(written, government)
    assert hit is not None
    assert DIR.scoped_name(hit, government) == expected


@pytest.mark.parametrize(
    ("written", "government", "expected_name", "expected_government"),
    [
        # a government the data file knows keeps the file's names
        ("区财政局", "西青区人民政府", "区财政局", "西青区人民政府"),
        ("市财政局", "西青区人民政府", "市财政局", "天津市人民政府"),
        # a government it does not know gets its own agencies, by level prefix
        ("区财政局", "宝林市瑞湖区人民政府", "瑞湖区财政局", "宝林市瑞湖区人民政府"),
        ("市财政局", "宝林市瑞湖区人民政府", "宝林市财政局", "宝林市人民政府"),
        ("市财政局", "宝林市人民政府", "宝林市财政局", "宝林市人民政府"),
        ("区政府各部门", "宝林市瑞湖区人民政府", "瑞湖区政府各部门", "宝林市瑞湖区人民政府"),
        # a specific name is never localised
        ("人民银行天津分行", "宝林市瑞湖区人民政府", "人民银行天津分行", None),
    ],
)
def test_relative_names_are_localised_to_unknown_governments(
    written: str, government: str, expected_name: str, expected_government: str | None
) -> None:
    hit = DIR.resolve(written, government)
    assert hit is not None
    name, gov = DIR.scoped(hit, government)
    assert name == expected_name
    if expected_government is not None:
        assert gov == expected_government


def test_two_invented_districts_do_not_share_agencies() -> None:
    from loaders import parse_text

    def doc(district: str) -> str:
        return (
            f"宝林市{district}人民政府关于落实重点工作任务的分工\n宝林市{district}人民政府\n2023年3月1日\n"
            "（一）总体要求\n1．做好财政工作。（区财政局牵头，区发展改革委配合，12月底前完成）\n"
        )

    a = parse_text(doc("瑞湖区"), "a.txt")
    b = parse_text(doc("清峰区"), "b.txt")
    lead_a = [r.unit for r in a.measures[0].responsibilities if r.role == "lead"]
    lead_b = [r.unit for r in b.measures[0].responsibilities if r.role == "lead"]
    assert lead_a == ["瑞湖区财政局"] and lead_b == ["清峰区财政局"]
