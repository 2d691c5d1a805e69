"""Agency links from the reviewed data file (graph/data/agencies.csv):

* COUNTERPART_OF: a district agency -> its city counterpart (``counterpart`` column:
  区财政局 -> 市财政局, 公安西青分局 -> 市公安局, 团区委 -> 团市委 ...);
* BRANCH_OF: a branch -> the agency it belongs to (``branch_of`` column:
  市规划资源局西青分局 -> 市规划资源局).

Only units present in the graph are linked (an edge needs both ends).  Agencies with
no counterpart in the file (or whose counterpart is not loaded) are reported, never
guessed.  Collectives (区政府各部门, 有关部门) are not agencies and are skipped.
"""

from __future__ import annotations

from graph.linking.model import UnitLink, UnitRec
from graph.normalize import AgencyDirectory, directory

LOWER_LEVELS = ("district",)


def link_units(
    units: list[UnitRec], dirx: AgencyDirectory | None = None
) -> tuple[list[UnitLink], list[UnitLink], list[str]]:
    """(counterparts, branches, district agencies with no counterpart link)."""
    dirx = dirx or directory()
    present = {u.name for u in units}
    counterparts: list[UnitLink] = []
    branches: list[UnitLink] = []
    none: list[str] = []
    for u in sorted(units, key=lambda x: x.name):
        row = dirx.get(u.name)
        collective = u.collective or u.kind == "collective" or (row is not None and row.collective)
        if collective or (row is not None and row.kind == "government"):
            continue
        level = row.level if row else u.level
        if row and row.counterpart and row.counterpart in present and row.counterpart != u.name:
            counterparts.append(UnitLink(u.name, row.counterpart, "data_file"))
        elif level in LOWER_LEVELS:
            none.append(u.name)
        if row and row.branch_of and row.branch_of in present and row.branch_of != u.name:
            branches.append(UnitLink(u.name, row.branch_of, "data_file"))
    return counterparts, branches, none
