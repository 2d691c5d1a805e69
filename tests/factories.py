"""Small, real-looking ParsedDocuments (from the bundled 2022 Tianjin / Xiqing texts).

Built by hand, so store tests do not depend on the loaders; ``city_document()`` and
``district_document()`` follow the shapes the loaders produce (see graph/model.py).
"""

from __future__ import annotations

import copy

from graph.model import (
    Deadline,
    Document,
    DocumentRef,
    Measure,
    Milestone,
    ParsedDocument,
    Responsibility,
    Target,
    Task,
    Unit,
)

STATE_COUNCIL_REF = DocumentRef("国发〔2022〕9号", "国务院关于落实〈政府工作报告〉重点工作分工的意见")

CITY_UNITS = {
    "市发展改革委": ("department", ["市发展和改革委员会"]),
    "市财政局": ("department", []),
    "市人社局": ("department", ["市人力资源和社会保障局"]),
    "人民银行天津分行": ("branch", []),
    "市政府各部门": ("collective", []),
}
DISTRICT_UNITS = {
    "区财政局": ("department", []),
    "区人社局": ("department", []),
    "区发展改革委": ("department", ["区发改委"]),
    "区市场监管局": ("department", []),
    "区政府各部门": ("collective", []),
    "有关部门": ("collective", []),
}


def _units(spec: dict[str, tuple[str, list[str]]], level: str, government: str) -> list[Unit]:
    out = []
    for name, (kind, aliases) in spec.items():
        collective = kind == "collective"
        gov = None if name == "有关部门" else government
        out.append(Unit(name, level, kind, gov, collective, list(aliases)))
    return out


def _resp(units: list[tuple[str, str]], collective: set[str] | None = None) -> list[Responsibility]:
    collective = collective or set()
    return [
        Responsibility(unit=u, as_written=u, role=role, collective=u in collective, order=i)
        for i, (u, role) in enumerate(units, start=1)
    ]


def _ongoing(year: int = 2022) -> Deadline:
    return Deadline("年内持续推进", "ongoing", f"{year}-12-31")


def city_document(doc_id: str = "tianjin-2022") -> ParsedDocument:
    doc = Document(
        id=doc_id,
        title="天津市人民政府印发关于落实国务院《政府工作报告》重点工作任务分工的通知",
        issuer="天津市人民政府",
        doc_number="津政发〔2022〕9号",
        level="city",
        region="天津市",
        published="2022-05-06",
        year=2022,
        implements=[STATE_COUNCIL_REF],
        source="tianjin_city_2022_task_division.txt",
        format="prose",
    )
    t1 = Task("一", 1, "总体要求和主要预期目标")
    t2 = Task("二", 2, "重大政策取向和要求")
    t3 = Task("三", 3, "提升积极的财政政策效能")
    gov = "天津市人民政府"
    measures = [
        Measure(
            f"{doc_id}:1.1",
            t1,
            1,
            1,
            "要坚持以习近平新时代中国特色社会主义思想为指导，推动高质量发展。",
            _resp([("市政府各部门", "joint")], {"市政府各部门"}),
            deadline=_ongoing(),
            clause_text="（市政府各部门按职责分工负责，年内持续推进）",
            line=23,
        ),
        Measure(
            f"{doc_id}:2.1",
            t1,
            2,
            1,
            "今年发展主要预期目标是：生产总值增长5%以上；城镇新增就业35万人以上，城镇调查失业率控制在5.5%以内。",
            _resp(
                [
                    ("市发展改革委", "joint"),
                    ("市财政局", "joint"),
                    ("市人社局", "joint"),
                    ("人民银行天津分行", "joint"),
                ]
            ),
            open_ended=True,
            deadline=Deadline("12月底前完成", "due", "2022-12-31", "完成"),
            targets=[
                Target("生产总值增长", ">=", 5, "%", "生产总值增长5%以上"),
                Target("城镇新增就业", ">=", 35, "万人", "城镇新增就业35万人以上"),
                Target("城镇调查失业率", "<=", 5.5, "%", "城镇调查失业率控制在5.5%以内"),
            ],
            clause_text="（市发展改革委、市财政局、市人社局、人民银行天津分行等按职责分工负责，12月底前完成）",
            line=24,
        ),
        Measure(
            f"{doc_id}:4.1",
            t2,
            4,
            1,
            "落实积极的财政政策，提升效能，注重精准、可持续。强化就业优先政策，促进更加充分更高质量就业。",
            _resp([("市财政局", "lead"), ("市人社局", "support"), ("市发展改革委", "support")]),
            open_ended=True,
            deadline=_ongoing(),
            clause_text="（市财政局牵头，市人社局、市发展改革委等按职责分工负责，年内持续推进）",
            line=29,
        ),
        Measure(
            f"{doc_id}:7.1",
            t3,
            7,
            1,
            "建立留抵退税资金预拨机制，4月底前出台相关政策，确保直接惠企利民。",
            _resp([("市财政局", "lead"), ("人民银行天津分行", "support")]),
            deadline=Deadline(
                "4月底前出台相关政策，12月底前完成",
                "due",
                "2022-12-31",
                "完成",
                milestones=[Milestone("4月底前出台相关政策", "2022-04-30", "出台相关政策")],
                before_publication=False,
            ),
            clause_text="（市财政局牵头，人民银行天津分行配合）",
            line=37,
        ),
        Measure(
            f"{doc_id}:7.2",
            t3,
            7,
            2,
            "继续规范直达资金分配、下达和使用管理。",
            _resp([("市财政局", "lead")]),
            deadline=Deadline("", "unspecified"),
            clause_text="（市财政局负责）",
            line=38,
        ),
    ]
    return ParsedDocument(doc, [t1, t2, t3], measures, _units(CITY_UNITS, "city", gov))


def district_document(doc_id: str = "xiqing-2022") -> ParsedDocument:
    doc = Document(
        id=doc_id,
        title="天津市西青区人民政府印发关于落实国务院《政府工作报告》重点工作任务清单的通知",
        issuer="西青区人民政府",
        doc_number=None,
        level="district",
        region="西青区",
        published=None,
        year=None,
        implements=[STATE_COUNCIL_REF, DocumentRef("津政发〔2022〕9号", None)],
        source="xiqing_district_2022_task_list.txt",
        format="table",
    )
    t1 = Task("一", 1, "总体要求和主要预期目标")
    t2 = Task("二", 2, "重大政策取向和要求")
    t5 = Task("五", 5, "确保粮食能源安全")
    gov = "西青区人民政府"
    measures = [
        Measure(
            f"{doc_id}:1.1",
            t1,
            1,
            1,
            "要坚持以习近平新时代中国特色社会主义思想为指导。",
            _resp([("区政府各部门", "joint")], {"区政府各部门"}),
            deadline=_ongoing(),
            clause_text="区政府各部门按职责分工负责",
            line=32,
        ),
        Measure(
            f"{doc_id}:2.1",
            t1,
            2,
            1,
            "今年发展主要预期目标是：地区生产总值增长 6.6%；新增就业 2.3 万人，城镇调查失业率控制在 5.5% 以内。",
            _resp([("区发展改革委", "joint"), ("区人社局", "joint")]),
            open_ended=True,
            deadline=Deadline("12月底前完成", "due", "2022-12-31", "完成"),
            targets=[
                Target("地区生产总值增长", "=", 6.6, "%", "地区生产总值增长 6.6%"),
                Target("新增就业", "=", 2.3, "万人", "新增就业 2.3 万人"),
                Target("城镇调查失业率", "range", 5, "%", "城镇调查失业率5至5.5%", value_max=5.5),
            ],
            clause_text="区发展改革委、区人社局等按职责分工负责",
            line=33,
        ),
        Measure(
            f"{doc_id}:4.1",
            t2,
            4,
            1,
            "落实积极的财政政策，提升支出效能，注重精准、可持续。强化就业优先政策，促进更加充分更高质量就业。",
            _resp([("区财政局", "joint"), ("区人社局", "joint")]),
            open_ended=True,
            deadline=_ongoing(),
            clause_text="区财政局、区人社局等按职责分工负责",
            line=35,
        ),
        Measure(
            f"{doc_id}:11.1",
            t5,
            11,
            1,
            "依法查处价格违法行为。加强超市、批发市场、菜市场等物价监测，6月底前完成专项检查。",
            _resp(
                [("区发展改革委", "lead"), ("区市场监管局", "lead"), ("有关部门", "support")], {"有关部门"}
            ),
            deadline=Deadline(
                "6月底前完成专项检查，年内持续推进",
                "ongoing",
                "2022-12-31",
                milestones=[
                    Milestone("6月底前完成专项检查", "2022-06-30", "完成专项检查"),
                    Milestone("适时开展督查", None, "开展督查"),
                ],
            ),
            clause_text="区发展改革委、区市场监管局牵头，有关部门配合",
            line=52,
        ),
    ]
    return ParsedDocument(doc, [t1, t2, t5], measures, _units(DISTRICT_UNITS, "district", gov))


def without_measure(parsed: ParsedDocument, measure_id: str) -> ParsedDocument:
    """A copy of ``parsed`` whose new version no longer has one measure."""
    out = copy.deepcopy(parsed)
    out.measures = [m for m in out.measures if m.id != measure_id]
    return out


def all_documents() -> list[ParsedDocument]:
    return [city_document(), district_document()]
