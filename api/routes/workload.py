"""Workload: agencies x counts (by role, by deadline month, by task) for a government or document."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from api.deps import StoreDep
from api.routes.common import make_router
from api.schemas import ok
from queries import workload as workload_read
from queries.answers import Workload

router = make_router("/workload", "workload")


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
) -> Workload:
    """The data behind a workload chart: one row per (unit[, month | task]) with counts.

    ``by=role`` gives lead/support/joint/shared/total columns per unit (sorted by total);
    ``by=month`` and ``by=task`` give long-format rows ``{unit, month|task, count}``."""
    return workload_read.workload(store, by, government, document, include_collective)
