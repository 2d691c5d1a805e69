"""The ownership lookup -- "what does 区财政局 own?" -- composed of two named reads.

Why two reads and not one query: the answer is the unit's own measures plus those of
the collective units of its government(s) (区政府各部门 ...).  Written as one Cypher
pattern (an either/or over two paths, ``queries/read/unit_obligations.cypher``) LadybugDB
evaluates both paths for every row and takes 13-20 ms at 100 documents; the two
answer-sized reads ``unit_obligations_direct`` and ``unit_obligations_shared`` take about
1 and 2 ms on either engine.  Optional filters (deadline range, task, document) are
applied here on the answer for the same reason: as ``$x = '' OR ...`` guards inside the
Cypher they make LadybugDB plan a scan of every measure.

Used by the API (GET /units/{name}/obligations), the ledgers and calendars, and the
query benchmark, so all of them measure and return the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.store import GraphStore


@dataclass(frozen=True)
class MeasureFilter:
    """Optional narrowing of the answer; ``None`` means no filter.  Dates are ISO text:
    a measure without a deadline date is dropped by a date bound, as in SQL/Cypher."""

    due_before: str | None = None
    due_after: str | None = None
    task: int | None = None
    document: str | None = None

    @classmethod
    def of(cls, due_before: date | None, due_after: date | None, task: int | None, document: str | None) -> MeasureFilter:
        """From the API's query parameters (dates as ``datetime.date``)."""
        return cls(
            due_before=due_before.isoformat() if due_before else None,
            due_after=due_after.isoformat() if due_after else None,
            task=task,
            document=document,
        )

    def keeps(self, row: dict[str, Any]) -> bool:
        date = row.get("deadline_date")
        if self.due_before is not None and (date is None or date > self.due_before):
            return False
        if self.due_after is not None and (date is None or date < self.due_after):
            return False
        if self.task is not None and row.get("task_number") != self.task:
            return False
        return self.document is None or row.get("document_id") == self.document


NO_FILTER = MeasureFilter()


def unit_obligation_rows(
    store: GraphStore, name: str, *, include_shared: bool = True, where: MeasureFilter = NO_FILTER
) -> list[dict[str, Any]]:
    """Rows of the measures ``name`` (a canonical unit name) holds: its own (role lead /
    support / joint, ``via`` '') first, then, with ``include_shared``, one row per measure
    held only through collectives (role 'shared', ``via`` a list of {unit, role}), each
    part in document order (document, number, clause)."""
    direct = sorted(store.read("unit_obligations_direct", {"name": name}), key=_direct_order)
    rows = [r for r in direct if where.keeps(r)]
    if not include_shared:
        return rows
    held = {r["id"] for r in direct}
    shared: dict[str, dict[str, Any]] = {}
    for r in store.read("unit_obligations_shared", {"name": name}):  # one row per (measure, collective)
        if r["id"] in held or not where.keeps(r):
            continue
        item = shared.setdefault(r["id"], dict(r, via=[]))
        via = {"unit": r["via"], "role": r["shared_role"]}
        if via not in item["via"]:  # a collective reached through two governments
            item["via"].append(via)
    for item in shared.values():
        item["via"].sort(key=lambda v: (v["unit"], v["role"]))
    return rows + sorted(shared.values(), key=_shared_order)


def _direct_order(r: dict[str, Any]) -> tuple:
    return (r["document_id"] or "", r["number"] or 0, r["clause"] or 0, r["role"] or "", r["id"])


def _shared_order(r: dict[str, Any]) -> tuple:
    return (r["document_id"] or "", r["number"] or 0, r["clause"] or 0, r["id"])
