"""What an agency owns, as one answer: "what does 区财政局 own?".

The rows come from the ownership lookup (``queries.ownership``: the unit's own
measures, then those it holds through collectives such as 区政府各部门), ordered by
role, document, measure number and clause; a page of them is annotated with
co-responsible units, targets and linked measures.  The API, the pages, the ledgers,
the calendars and the pyvis export all read this one answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from graph.model import ROLE_HEADINGS_ZH, ROLE_ORDER
from graph.progress import STATUS_ZH
from graph.store import GraphStore
from queries.answers import Obligations
from queries.measures import enrich, shape_measure
from queries.ownership import NO_FILTER, MeasureFilter, unit_obligation_rows
from queries.progress import STATE_KEYS, annotate_unit_rows, as_of_date, keeps, status_param
from queries.units import resolve_unit

ALL = 1_000_000  # "every row" as a page size, for reports


def obligation_order(r: dict[str, Any]) -> tuple:
    """Role, document, measure number, clause, id: the order of every obligations list."""
    return (ROLE_ORDER.get(r["role"], 9), r.get("document_id") or "", r.get("number") or 0,
            r.get("clause") or 0, r["id"])


def obligations(
    store: GraphStore,
    name: str,
    where: MeasureFilter = NO_FILTER,
    roles: Collection[str] | None = None,
    include_shared: bool = True,
    limit: int = 100,
    offset: int = 0,
    *,
    status: str | None = None,
    overdue: bool | None = None,
    report_due: bool | None = None,
    as_of: str | dt.date | None = None,
) -> Obligations:
    """The unit (resolved from a name or alias), counts by role over the whole answer,
    and one page of its obligations, each a shaped, annotated measure with its ``role``
    (and ``via`` the collectives for role 'shared'), also grouped by role.

    Every row carries its progress (``queries.progress``): ``obligation_id``, ``status``,
    ``status_label``, ``last_update``, ``overdue``, ``report_due`` (and ``ongoing``,
    ``report_cycle``, ``cycle``) on ``as_of`` (default today, Beijing); ``status`` (code
    or Chinese), ``overdue`` and ``report_due`` filter on them before counting and paging.
    Obligations reached through a collective are the department's own obligation ids
    (``measure|department``) and stay role 'shared', counted apart."""
    unit = resolve_unit(store, name)
    day = as_of_date(as_of)
    code = status_param(status)
    rows = unit_obligation_rows(store, unit["name"], include_shared=include_shared, where=where)
    wanted = set(roles) if roles else None
    rows = [r for r in rows if wanted is None or r["role"] in wanted]
    annotate_unit_rows(store, unit["name"], rows, day)
    rows = [r for r in rows if keeps(r, code, overdue, report_due)]
    rows.sort(key=obligation_order)
    counts = {k: 0 for k in ROLE_ORDER if k != "shared" or include_shared}
    for r in rows:
        counts[r["role"]] = counts.get(r["role"], 0) + 1
    shaped = [shape_measure(r) | {k: r[k] for k in STATE_KEYS} for r in rows[offset : offset + limit]]
    status_counts = {k: 0 for k in STATUS_ZH}
    for r in rows:
        status_counts[r["status"]] += 1
    holders = [unit["name"]] + sorted({v["unit"] for r in shaped if r["role"] == "shared" for v in r.get("via") or []})
    enrich(store, shaped, exclude_unit=unit["name"], holders=holders)
    groups: dict[str, list[dict[str, Any]]] = {}
    for m in shaped:
        groups.setdefault(m["role"], []).append(m)
    return {
        "unit": unit,
        "counts": counts,
        "labels": ROLE_HEADINGS_ZH,
        "count": len(rows),
        "limit": limit,
        "offset": offset,
        "data": shaped,
        "groups": [{"role": k, "label": ROLE_HEADINGS_ZH[k], "data": v} for k, v in groups.items()],
        "as_of": day.isoformat(),
        "status_counts": status_counts,
        "status_labels": dict(STATUS_ZH),
        "overdue_count": sum(1 for r in rows if r["overdue"]),
        "report_due_count": sum(1 for r in rows if r["report_due"]),
    }


def all_obligations(store: GraphStore, name: str, as_of: str | dt.date | None = None) -> Obligations:
    """Every obligation of the unit in one answer (ledgers, calendars, files)."""
    return obligations(store, name, limit=ALL, offset=0, as_of=as_of)
