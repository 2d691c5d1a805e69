"""Workload: agencies x counts (by role, by deadline month, by task) for a government or
document, and one agency beside its counterpart task by linked task."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from api.deps import StoreDep
from api.routes.common import make_router
from api.schemas import ok
from queries import workload as workload_read
from queries.answers import CounterpartComparison, Workload

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


@router.get(
    "/counterparts",
    responses=ok({
        "unit": "区财政局", "level": "district", "counterparts": [{"name": "市财政局", "level": "city"}],
        "data": [{
            "lower": [{"id": "西青区人民政府-2022-07-27:t4", "seq": "四", "number": 4, "title": "强化就业优先政策"}],
            "upper": [{"id": "天津市人民政府-2022-05-06:t5", "seq": "五", "number": 5, "title": "强化就业优先政策"}],
            "linked": True,
            "counts": {"区财政局": {"lead": 0, "support": 0, "joint": 1, "shared": 0, "total": 1},
                       "市财政局": {"lead": 0, "support": 0, "joint": 1, "shared": 0, "total": 1}},
            "links": [{"lower": "西青区人民政府-2022-07-27:10.1", "upper": "天津市人民政府-2022-05-06:11.1",
                       "lower_units": ["区财政局"], "upper_units": ["市财政局"]}],
        }],
        "count": 1,
    }),
)
def get_counterpart_comparison(
    store: StoreDep,
    unit: Annotated[str, Query(description="单位名称或别名", min_length=1, max_length=100, examples=["区财政局"])],
) -> CounterpartComparison:
    """An agency beside its counterpart(s) at the other level, row by linked task: a district
    task and the city task it follows (FOLLOWS), each agency's measures there by role, and
    the IMPLEMENTS pairs between them -- not by section number (the district's （四） is
    the city's （五））."""
    return workload_read.counterpart_comparison(store, unit)
