"""Target links: a lower-level target that contributes to a higher-level target on the
same indicator, with the share computed in common units and the conversion shown:
生猪存栏量 4000头 of 150万头 -> 0.002667, "150万头 = 1,500,000头"; 高新技术企业 720家 of
1万家 -> 0.072, "1万家 = 10,000家".  Which units convert, and how, is the reviewed data
file graph/data/target_units.csv (graph.linking.target_units).

Only additive quantities are linked (a growth rate or a percentage is not a part of
the city's), only between units of one dimension, and only on the same indicator:
indicators match exactly after cleaning, or -- between measures that are themselves
linked -- when their character bigrams are similar enough; when the two are counted with
different measure words that the data file marks ``same_indicator`` (3家 and 5个) the
indicators must be the same, one containing the other (市级重点实验室 3家 is no part of
5个海河实验室).  Against a range (150万至
170万头) the share is of its lower bound, the figure the city commits to at least.
"""

from __future__ import annotations

from graph.linking.model import MeasureLink, TargetLink, TargetRec
from graph.linking.target_units import (
    as_written,
    base_unit,
    common_unit,
    convert,
    needs_same_indicator,
    number,
)
from graph.linking.text import clean_title, dice

__all__ = ["base_unit", "conversion", "link_targets", "share"]

SIMILAR_LINKED = 0.3  # indicator Dice for targets of linked measures
SIMILAR_GLOBAL = 0.6  # indicator Dice for any other pair


def share(lower: TargetRec, upper: TargetRec) -> float | None:
    """lower / upper in common units, or None when the units are not of one dimension
    (or not additive)."""
    a, b = base_unit(lower.unit), base_unit(upper.unit)
    if a is None or b is None or a[1] != b[1] or not upper.value:
        return None
    return (lower.value * a[0]) / (upper.value * b[0])


def conversion(lower: TargetRec, upper: TargetRec) -> str:
    """How the two figures were put in one unit, for a reader to check the share:
    '150万–170万头' becomes "150–170万头 = 1,500,000–1,700,000头"; '' when both are
    written in the same unit (nothing was converted)."""
    into = common_unit(lower.unit, upper.unit)
    if into is None or lower.unit == upper.unit:
        return ""
    parts = []
    for t in (lower, upper):
        if t.unit != into:
            lo = number(convert(t.value, t.unit, into))
            hi = f"–{number(convert(t.value_max, t.unit, into))}" if t.value_max is not None else ""
            parts.append(f"{as_written(t.value, t.value_max, t.unit)} = {lo}{hi}{into}")
    return "；".join(parts)


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
            if not exact and needs_same_indicator(t.unit, u.unit) and key not in ukey and ukey not in key:
                continue
            rank = (int(exact), int(near), similarity)
            if best is None or rank > best[0]:
                method = ("same_indicator" if exact else "similar_indicator") + (
                    ":linked_measure" if near else ""
                )
                best = (rank, u, method)
        if best:
            u = best[1]
            out.append(TargetLink(t.id, u.id, round(share(t, u) or 0.0, 6), best[2], conversion(t, u)))
    return out
