"""Workload: agencies x counts (by role, by deadline month, by task) for a government or document."""

from __future__ import annotations

from typing import Literal

from graph.model import ROLES
from graph.store import GraphStore
from queries.answers import Workload
from queries.paging import listing

By = Literal["role", "month", "task"]
QUERY_BY = {"role": "workload_by_role", "month": "workload_by_month", "task": "workload_by_task"}


def workload(
    store: GraphStore, by: By = "role", government: str | None = None, document: str | None = None,
    include_collective: bool = False,
) -> Workload:
    """One row per (unit[, month | task]) with counts.

    ``by=role`` gives lead/support/joint/shared/total columns per unit (sorted by total);
    ``by=month`` and ``by=task`` give long-format rows ``{unit, month|task, count}``."""
    params = {"government": government or "", "document": document or ""}
    rows = store.read(QUERY_BY[by], params)
    if by == "role":
        shared = {r["unit"]: r for r in store.read("workload_shared", params)}
        for r in rows:
            r["shared"] = int(shared.pop(r["unit"], {}).get("shared") or 0)
        rows += [{"unit": u, "collective": r.get("collective"), "lead": 0, "support": 0, "joint": 0,
                  "shared": int(r["shared"] or 0)} for u, r in sorted(shared.items())]
    if not include_collective:
        rows = [r for r in rows if not r.get("collective")]
    if by == "role":
        for r in rows:
            r["total"] = sum(int(r.get(k) or 0) for k in ROLES)
        rows.sort(key=lambda r: (-r["total"], -int(r.get("lead") or 0), r["unit"]))
    return listing(rows, by=by, government=government, document=document)
