"""The responsibility grammar, one rule per test."""

from __future__ import annotations

import pytest

from loaders.clause import is_responsibility_clause, parse_clause


def roles(text: str, gov: str | None = None) -> list[tuple[str, str]]:
    return [(r.unit, r.role) for r in parse_clause(text, gov).responsibilities]


def test_lead_then_supports_open_ended_and_deadline() -> None:
    res = parse_clause("市财政局牵头，市发展改革委、市人社局、人民银行天津分行等按职责分工负责，12月底前完成")
    assert [(r.unit, r.role) for r in res.responsibilities] == [
        ("市财政局", "lead"),
        ("市发展改革委", "support"),
        ("市人社局", "support"),
        ("人民银行天津分行", "support"),
    ]
    assert res.open_ended is True
    assert res.deadline_text == "12月底前完成"
    assert [r.order for r in res.responsibilities] == [1, 2, 3, 4]
    assert not res.problems and not res.unknown_units


def test_joint_when_no_lead() -> None:
    assert roles("市发展改革委、市财政局等按职责分工负责，年内持续推进") == [
        ("市发展改革委", "joint"),
        ("市财政局", "joint"),
    ]


def test_collective_kept_and_flagged() -> None:
    res = parse_clause("市政府各部门分别负责，年内持续推进")
    (r,) = res.responsibilities
    assert (r.unit, r.role, r.collective) == ("市政府各部门", "joint", True)
    res = parse_clause("市发展改革委牵头，有关部门按职责分工负责")
    assert [(r.unit, r.role, r.collective) for r in res.responsibilities] == [
        ("市发展改革委", "lead", False),
        ("有关部门", "support", True),
    ]


def test_fuze_alone_is_joint() -> None:
    assert roles("市财政局负责") == [("市财政局", "joint")]


def test_peihe_supports() -> None:
    assert roles("市财政局牵头，市税务局配合") == [("市财政局", "lead"), ("市税务局", "support")]


def test_huitong_supports() -> None:
    assert roles("市财政局会同市税务局、市人社局负责") == [
        ("市财政局", "lead"),
        ("市税务局", "support"),
        ("市人社局", "support"),
    ]


def test_several_leads_and_milestone_clause() -> None:
    res = parse_clause("市财政局、市税务局牵头，4月底前出台相关政策，年内持续推进")
    assert [(r.unit, r.role) for r in res.responsibilities] == [("市财政局", "lead"), ("市税务局", "lead")]
    assert res.deadline_text == "4月底前出台相关政策，年内持续推进"


def test_half_width_comma() -> None:
    assert roles("区司法局牵头, 有关部门按职责分工负责") == [("区司法局", "lead"), ("有关部门", "support")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市财政局和市税务局按职责分工负责", [("市财政局", "joint"), ("市税务局", "joint")]),
        ("国家发展改革委与全国总工会负责", [("国家发展改革委", "joint"), ("全国总工会", "joint")]),
        # 和 inside a known name is not a join
        ("市文化和旅游局、市工业和信息化局牵头", [("市文化和旅游局", "lead"), ("市工业和信息化局", "lead")]),
        # full name with 和 resolves through its alias
        ("天津市人力资源和社会保障局牵头", [("市人社局", "lead")]),
    ],
)
def test_joins_with_he_and_yu(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


def test_unknown_name_with_he_is_not_split_on_a_guess() -> None:
    res = parse_clause("县人力资源和社会保障局牵头")
    assert [r.unit for r in res.responsibilities] == ["县人力资源和社会保障局"]
    assert res.unknown_units == ["县人力资源和社会保障局"]


def test_national_names() -> None:
    assert roles(
        "国家发展改革委牵头，人力资源社会保障部、全国总工会、中国国家铁路集团有限公司等按职责分工负责"
    ) == [
        ("国家发展改革委", "lead"),
        ("人力资源社会保障部", "support"),
        ("全国总工会", "support"),
        ("中国国家铁路集团有限公司", "support"),
    ]


def test_traditional_characters_resolve_and_keep_as_written() -> None:
    res = parse_clause("國家發展改革委牽頭，人力資源社會保障部等按職責分工負責，年內持續推進")
    assert [(r.as_written, r.unit, r.role) for r in res.responsibilities] == [
        ("國家發展改革委", "国家发展改革委", "lead"),
        ("人力資源社會保障部", "人力资源社会保障部", "support"),
    ]
    assert res.open_ended
    assert res.deadline_text == "年內持續推進"


def test_aliases_resolved_by_data_file_only() -> None:
    res = parse_clause("区农业农村局、区规划局西青分局等按职责分工负责", "西青区人民政府")
    assert [(r.as_written, r.unit) for r in res.responsibilities] == [
        ("区农业农村局", "区农业农村委"),
        ("区规划局西青分局", "市规划资源局西青分局"),
    ]
    assert not res.unknown_units


def test_unknown_unit_kept_as_written_and_reported() -> None:
    res = parse_clause("市月球开发局牵头，市财政局配合")
    assert [(r.unit, r.as_written, r.role) for r in res.responsibilities] == [
        ("市月球开发局", "市月球开发局", "lead"),
        ("市财政局", "市财政局", "support"),
    ]
    assert res.unknown_units == ["市月球开发局"]


def test_part_not_understood_is_a_problem_not_a_unit() -> None:
    res = parse_clause("市财政局牵头，确保资金按时到位")
    assert [r.unit for r in res.responsibilities] == ["市财政局"]
    assert any("确保资金按时到位" in p for p in res.problems)


def test_bare_list_before_verb_part() -> None:
    assert roles("市财政局，市税务局牵头，有关部门配合") == [
        ("市财政局", "lead"),
        ("市税务局", "lead"),
        ("有关部门", "support"),
    ]


def test_labelled_field_defaults() -> None:
    assert [
        (r.unit, r.role) for r in parse_clause("市财政局、市税务局", default_bare="lead").responsibilities
    ] == [
        ("市财政局", "lead"),
        ("市税务局", "lead"),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("市财政局牵头，年内持续推进", True),
        ("市政府各部门分别负责", True),
        ("年内持续推进", True),
        ("12月底前完成", True),
        ("国发〔2022〕9号", False),
        ("LPR", False),
        ("不含水资源税", False),
        ("单位", False),
        ("2022—2025年", False),
        ("元宝岛", False),
    ],
)
def test_is_responsibility_clause(content: str, expected: bool) -> None:
    assert is_responsibility_clause(content) is expected
