"""Structural evidence for measure links: who is responsible, and where a measure sits.

Why: the district measures that adapt the city text most (local projects, figures, place
names) share few characters with their city source, but they keep its *place*: the
district table follows the city's order inside a task, and the district counterpart of
the city's lead agency leads it (区财政局 where the city says 市财政局).  Two features:

* ``unit_overlap``: Jaccard of the lower measure's units, mapped to their upper-level
  counterparts (graph/data/agencies.csv: ``counterpart``, else ``branch_of``), with the
  upper measure's units -- once for the leads, once for every unit named;
* ``windows``: once the confident (text) links of a task are known, each lower measure
  that has none sits between the anchors of its neighbours; the upper measures between
  those anchors, not claimed by another lower measure, are its positional candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.linking.model import MeasureRec
from graph.normalize import AgencyDirectory, directory


def counterpart_map(dirx: AgencyDirectory | None = None) -> dict[str, str]:
    """agency -> the agency it answers to one level up (counterpart, else branch_of)."""
    dirx = dirx or directory()
    out: dict[str, str] = {}
    for a in dirx.agencies:
        up = a.counterpart or a.branch_of
        if up:
            out[a.name] = up
    return out


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


@dataclass(frozen=True)
class UnitOverlap:
    lead: float  # Jaccard of the leads (counterparts) with the upper leads
    units: float  # Jaccard of every unit named


def unit_overlap(lower: MeasureRec, upper: MeasureRec, up: dict[str, str]) -> UnitOverlap:
    """How far the lower measure's agencies are the counterparts of the upper's."""
    ll = frozenset(up.get(n, n) for n in lower.leads)
    lu = frozenset(up.get(n, n) for n in lower.units)
    return UnitOverlap(_jaccard(ll, frozenset(upper.leads)), _jaccard(lu, frozenset(upper.units)))


@dataclass(frozen=True)
class Window:
    """The positional candidates of one lower measure: upper positions ``lo < i < hi``
    (indices into the upper task's measures) not anchored to another lower measure."""

    candidates: tuple[int, ...]
    rank: int  # the lower measure's rank among the unanchored lower measures of the window
    peers: int  # how many unanchored lower measures share the window


def windows(anchors: list[set[int]], n_upper: int) -> list[Window | None]:
    """For each lower measure of a task (in document order), given the upper positions it
    is anchored to by text, the window of upper positions it may take by position.

    A measure's window is bounded by the nearest anchored neighbours (the last anchor
    before it, the first anchor after it); a measure anchored itself gets its window too
    (a merged measure: unanchored upper measures between its own anchors and its
    neighbours' are in it).  Upper positions anchored to another lower measure are
    never candidates.  ``None`` when the window is empty."""
    n = len(anchors)
    claimed_by: dict[int, set[int]] = {}
    for li, a in enumerate(anchors):
        for ui in a:
            claimed_by.setdefault(ui, set()).add(li)
    out: list[Window | None] = []
    for li in range(n):
        lo = max((max(a) for a in anchors[:li] if a), default=-1)
        hi = min((min(a) for a in anchors[li + 1 :] if a), default=n_upper)
        cands = tuple(ui for ui in range(lo + 1, hi) if not claimed_by.get(ui, set()) - {li})
        if not cands:
            out.append(None)
            continue
        # the unanchored lower measures sharing these bounds, in order
        peers = [
            lj
            for lj in range(n)
            if not anchors[lj]
            and max((max(a) for a in anchors[:lj] if a), default=-1) == lo
            and min((min(a) for a in anchors[lj + 1 :] if a), default=n_upper) == hi
        ]
        rank = peers.index(li) if li in peers else -1
        out.append(Window(cands, rank, len(peers)))
    return out
