"""CONTRIBUTES_TO: district target -> city target on the same indicator, share in common units."""

from __future__ import annotations

import pytest

from graph.linking.model import TargetRec
from graph.linking.targets import base_unit, share
from tests.linking.conftest import short


def _by_lower(links) -> dict[str, tuple[str, float]]:
    return {short(t.lower): (short(t.upper), t.share) for t in links.targets}


def test_grain_area_share(links) -> None:
    got = _by_lower(links)
    # 粮食播种面积 7.5万亩 (district 2.1 and 28.1) of 542.8万亩 (city 29.1)
    for lower in ("2.1:g5", "28.1:g1"):
        upper, s = got[lower]
        assert upper == "29.1:g1"
        assert s == pytest.approx(7.5 / 542.8, rel=1e-4)


def test_high_tech_enterprises_share(links) -> None:
    upper, s = _by_lower(links)["21.4:g1"]  # 720家 of 1万家
    assert upper == "22.5:g1" and s == pytest.approx(720 / 10000)


def test_mixed_units_resolved(links) -> None:
    got = _by_lower(links)
    assert got["28.1:g2"] == ("29.1:g2", pytest.approx(2000 / 40000))  # 大豆 2000亩 of 4万亩
    assert got["26.1:g1"] == ("27.1:g1", pytest.approx(100 / 1600))  # 100亿元 of 1600亿元
    assert got["28.8:g10"][0] == "29.8:g9"  # 总产量 32.2万吨 -> the city's 总产量, not 鸡蛋总产量


def test_rates_are_not_contributions(links) -> None:
    assert "2.1:g1" not in _by_lower(links)  # 地区生产总值增长 6.6% is not a part of 5%
    assert "2.1:g4" not in _by_lower(links)  # 城镇调查失业率 5.5%


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("万亩", (1e4, "亩")),
        ("亿元", (1e8, "元")),
        ("家", (1.0, "家")),
        ("万家", (1e4, "家")),
        ("名", (1.0, "人")),
        ("%", None),
        ("个工作日", None),
    ],
)
def test_base_unit(unit, expected) -> None:
    assert base_unit(unit) == expected


def test_share_needs_the_same_base_unit() -> None:
    a = TargetRec("a", "m", "d", "x", "=", 7.5, "万亩")
    assert share(a, TargetRec("b", "n", "c", "x", "=", 542.8, "万亩")) == pytest.approx(7.5 / 542.8)
    assert share(a, TargetRec("b", "n", "c", "x", "=", 5, "万吨")) is None
