"""Target links: a lower-level target that contributes to a higher-level target on the
same indicator, with the share computed in common units (万 and 亿 resolved):
粮食播种面积 7.5万亩 of 542.8万亩 -> 0.0138; 高新技术企业 720家 of 1万家 -> 0.072.

Only additive quantities are linked (a growth rate or a percentage is not a part of
the city's).  Indicators match exactly after cleaning, or -- between measures that
are themselves linked -- when their character bigrams are similar enough.
"""

from __future__ import annotations

import re

from graph.linking.model import MeasureLink, TargetLink, TargetRec
from graph.linking.text import clean_title, dice

SIMILAR_LINKED = 0.3  # indicator Dice for targets of linked measures
SIMILAR_GLOBAL = 0.6  # indicator Dice for any other pair
_SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2, "十": 10.0}
_SAME_UNIT = {"名": "人", "位": "人"}
NOT_ADDITIVE = re.compile(r"^(%|‰|个百分点|个?工作日|天|倍)$")


def base_unit(unit: str) -> tuple[float, str] | None:
    """'7.5万亩' unit '万亩' -> (10000, '亩'); '%' -> None (not additive)."""
    u = (unit or "").strip()
    if not u or NOT_ADDITIVE.match(u):
        return None
    factor = 1.0
    while len(u) > 1 and u[0] in _SCALE:
        factor *= _SCALE[u[0]]
        u = u[1:]
    return factor, _SAME_UNIT.get(u, u)


def share(lower: TargetRec, upper: TargetRec) -> float | None:
    """lower / upper in common units, or None when the units differ."""
    a, b = base_unit(lower.unit), base_unit(upper.unit)
    if a is None or b is None or a[1] != b[1] or not upper.value:
        return None
    return (lower.value * a[0]) / (upper.value * b[0])


def link_targets(
    lower: list[TargetRec], upper: list[TargetRec], measure_links: list[MeasureLink]
) -> list[TargetLink]:
    """At most one upper target per lower target: the best indicator match (an exact
    indicator first, then one in a linked measure, then the most similar)."""
    linked = {(m.lower, m.upper) for m in measure_links}
    out: list[TargetLink] = []
    for t in lower:
        key = clean_title(t.indicator)
        best: tuple[tuple[int, int, float], TargetRec, str] | None = None
        for u in upper:
            s = share(t, u)
            if s is None:
                continue
            ukey = clean_title(u.indicator)
            exact = key == ukey
            similarity = 1.0 if exact else dice(key, ukey)
            near = (t.measure_id, u.measure_id) in linked
            if not exact and similarity < (SIMILAR_LINKED if near else SIMILAR_GLOBAL):
                continue
            rank = (int(exact), int(near), similarity)
            if best is None or rank > best[0]:
                method = ("same_indicator" if exact else "similar_indicator") + (
                    ":linked_measure" if near else ""
                )
                best = (rank, u, method)
        if best:
            u = best[1]
            out.append(TargetLink(t.id, u.id, round(share(t, u) or 0.0, 6), best[2]))
    return out
