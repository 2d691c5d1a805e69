"""Structural evidence for measure links: counterpart overlap and positional windows."""

from __future__ import annotations

from graph.linking.model import MeasureRec
from graph.linking.structure import counterpart_map, unit_overlap, windows


def _m(mid: str, leads: tuple[str, ...], units: tuple[str, ...]) -> MeasureRec:
    return MeasureRec(mid, "d", "t", 1, 1, "", leads, units)


def test_counterparts_come_from_the_agency_file() -> None:
    up = counterpart_map()
    assert up["区财政局"] == "市财政局" and up["区发展改革委"] == "市发展改革委"
    assert up["市规划资源局西青分局"] == "市规划资源局"  # a branch answers to its agency


def test_unit_overlap_maps_district_units_to_city_counterparts() -> None:
    up = counterpart_map()
    d = _m("d:8.1", ("区发展改革委", "区财政局"), ("区发展改革委", "区财政局", "区住建委"))
    c = _m("c:8.1", ("市发展改革委", "市财政局"), ("市发展改革委", "市财政局", "市住房城乡建设委"))
    other = _m("c:9.1", ("市财政局",), ("市财政局", "市机关事务管理局"))
    assert unit_overlap(d, c, up).lead == 1.0
    assert unit_overlap(d, other, up).lead == 0.5


def test_windows_lie_between_the_neighbours_anchors() -> None:
    # lower 0 -> upper 0, lower 1 unanchored, lower 2 -> upper 3: lower 1 may take 1 or 2
    w = windows([{0}, set(), {3}], 4)
    assert w[1] is not None and w[1].candidates == (1, 2) and (w[1].rank, w[1].peers) == (0, 1)
    # an upper measure anchored to another lower measure is never a candidate
    w = windows([{0, 1}, set()], 2)
    assert w[1] is None
    # two unanchored lower measures in one gap of two: same rank is the slot
    w = windows([{0}, set(), set()], 3)
    assert w[1].candidates == w[2].candidates == (1, 2) and (w[1].rank, w[2].rank) == (0, 1)
