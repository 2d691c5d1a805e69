"""Workload: agencies x counts (by role, by deadline month, by task) for a government or document."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query

from api.deps import StoreDep, listing
from api.routes.common import make_router
from api.schemas import ok

router = make_router("/workload", "workload")

QUERY_BY = {"role": "workload_by_role", "month": "workload_by_month", "task": "workload_by_task"}


@router.get(
    "",
    responses=ok({
        "by": "role",
        "data": [{"unit": "区财政局", "lead": 12, "support": 20, "joint": 0, "shared": 4, "total": 36}],
        "count": 1,
    }),
)
def get_workload(
    store: StoreDep,
    by: Annotated[Literal["role", "month", "task"], Query(description="按角色 / 截止月份 / 任务 统计")] = "role",
    government: Annotated[str | None, Query(description="所属政府", examples=["西青区人民政府"])] = None,
    document: Annotated[str | None, Query(description="文件 id", max_length=200)] = None,
    include_collective: Annotated[bool, Query(description="包括“区政府各部门”等集体单位本身")] = False,
) -> dict[str, Any]:
    """The data behind a workload chart: one row per (unit[, month | task]) with counts.

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
            r["total"] = sum(int(r.get(k) or 0) for k in ("lead", "support", "joint", "shared"))
        rows.sort(key=lambda r: (-r["total"], -int(r.get("lead") or 0), r["unit"]))
    return listing(rows, by=by, government=government, document=document)
