"""Quantified goals: what is taken, and (as important) what is not."""

from __future__ import annotations

import pytest

from loaders.targets import cn_number, extract_targets


def tg(text: str) -> list[tuple[str, str, float, float | None, str]]:
    return [(t.indicator, t.op, t.value, t.value_max, t.unit) for t in extract_targets(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("生产总值增长5%以上", ("生产总值增长", ">=", 5.0, None, "%")),
        ("城镇新增就业35万人以上", ("城镇新增就业", ">=", 35.0, None, "万人")),
        ("城镇调查失业率控制在5.5%以内", ("城镇调查失业率", "<=", 5.5, None, "%")),
        ("居民消费价格涨幅3%左右", ("居民消费价格涨幅", "~", 3.0, None, "%")),
        ("粮食产量稳定在228.5万吨以上", ("粮食产量", ">=", 228.5, None, "万吨")),
        ("粮食播种面积 7.5 万亩", ("粮食播种面积", "=", 7.5, None, "万亩")),
        (
            "推动国家高新技术企业和评价入库科技型中小企业达到720家",
            ("国家高新技术企业和评价入库科技型中小企业", "=", 720.0, None, "家"),
        ),
        ("生猪存栏量达150万至170万头", ("生猪存栏量", "range", 150.0, 170.0, "万头")),
        ("新建高标准农田20万亩", ("高标准农田", "=", 20.0, None, "万亩")),
        ("培育100个乡村振兴示范村", ("乡村振兴示范村", "=", 100.0, None, "个")),
        ("年内提供见习岗位不低于2000个", ("见习岗位", ">=", 2000.0, None, "个")),
        ("全市民办义务教育在校生占比降至5%以下", ("全市民办义务教育在校生占比", "<=", 5.0, None, "%")),
        ("帮助结对地区农村人口转移就业超过2.6万人", ("结对地区农村人口转移就业", ">=", 2.6, None, "万人")),
        ("新增就业两千人", ("新增就业", "=", 2000.0, None, "人")),
        ("新增就业一万人", ("新增就业", "=", 1.0, None, "万人")),
        ("开展百场文化送基层演出活动", ("文化送基层演出活动", "=", 100.0, None, "场")),
    ],
)
def test_goals_found(text: str, expected: tuple) -> None:
    assert tg(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "根据《意见》（国发〔2022〕9号）",
        "做好2022年政府工作，12月底前完成",
        "第十三届中国艺术节",
        "中小微企业返还比例由60%最高提至90%",
        "将科技型中小企业加计扣除比例从75%提高到100%",
        "将阶段性降低本市失业保险缴费费率至1%的政策延续至2023年7月31日",
        "在50%的税额幅度内减征资源税",
        "对小微企业年应纳税所得额100万元至300万元部分",
        "人均财政补助标准分别再提高30元和5元",
        "减免6个月租金",
        "坚决做到“两个维护”，增强“四个意识”",
        "加强西青医院胸痛、卒中等6个中心和重点学科建设",
        "推动国家公布的138项高频政务服务事项基本实现跨省通办",
        "落实5G应用“扬帆”行动计划，实施“1+3”行动",
        "将3岁以下婴幼儿照护费用纳入",
        "对标氮氧化物50毫克/立方米实施深度改造",
    ],
)
def test_not_goals(text: str) -> None:
    assert tg(text) == []


def test_enumeration_closed_by_deng_after_a_goal_verb() -> None:
    assert tg("建设现代中医药等5个海河实验室。") == [("海河实验室", "=", 5.0, None, "个")]


def test_rate_cut_is_a_goal() -> None:
    assert tg("外贸小微企业统保平台费率下降5%，符合条件的非平台小微企业费率下降不低于10%。") == [
        ("外贸小微企业统保平台费率下降", "=", 5.0, None, "%"),
        ("符合条件的非平台小微企业费率下降", ">=", 10.0, None, "%"),
    ]


def test_several_in_one_sentence() -> None:
    got = tg("新增机构和社区养老床位5000张、家庭养老床位1000张")
    assert got == [
        ("新增机构和社区养老床位", "=", 5000.0, None, "张"),
        ("家庭养老床位", "=", 1000.0, None, "张"),
    ]


def test_span_text_is_from_source() -> None:
    (t,) = extract_targets("今年目标是：城镇新增就业35万人以上；")
    assert t.text == "城镇新增就业35万人以上"


@pytest.mark.parametrize(
    ("s", "v"), [("十五", 15), ("两千", 2000), ("一千二百", 1200), ("百", 100), ("35", 35), ("2.5", 2.5)]
)
def test_cn_number(s: str, v: float) -> None:
    assert cn_number(s) == v
