"""A synthetic table document whose every measure is held by ONE unit (the worst case
for a dense node): ``one_unit_table(n)`` is the TSV text of n measures, each led by
区财政局 and supported by 区发展改革委, with a due date.

Why a module of its own: the load bench (bench/bench_one_unit.py) and the hardening
tests (a 20,000-measure upload while readers poll /healthz) use the same document.
"""

from __future__ import annotations

HEADER = "任务序号\t重点工作任务\t措施序号\t落实措施\t责任单位\t完成时限\t备注"
TITLE = "西青区人民政府关于落实重点工作任务的清单"


def one_unit_table(n: int, *, per_task: int = 100, lead: str = "区财政局", support: str = "区发展改革委") -> str:
    """The TSV text of a district task list with ``n`` measures, all led by ``lead``."""
    lines = [f"# {TITLE}", "", "西青区人民政府", "2022年7月27日", "", HEADER]
    for i in range(1, n + 1):
        task = (i - 1) // per_task + 1
        task_cell = f"({task})\t第{task}项重点任务" if (i - 1) % per_task == 0 else "\t"
        text = f"推进第{i}项具体工作，建立台账，按月调度，确保落实到位。"
        lines.append(f"{task_cell}\t{i}\t{text}\t{lead}牵头，{support}配合\t2022年12月底前完成\t")
    return "\n".join(lines) + "\n"
