"""Progress as the pages, the API, the ledger and the calendar read it.

Why a read module of its own: "where does each obligation stand" is asked by the
obligations list (status per row, filters), the supervision board (督办看板: counts per
agency and status, overdue and report-due lists), the city <-> district chain (the
roll-up of district progress on a city measure) and the ledger (the latest 状态 /
责任人 / 进展情况 / 成果形式).  They all shape the state the same way here, from the
rules of ``graph.progress`` and the storage of ``graph.progress_store``.

The state of one obligation (``obligation_state``)::

    {"obligation_id": "...|区财政局", "status": "in_progress", "status_label": "推进中",
     "last_update": {"at", "person", "agency", "text", "evidence", "percent", "token_name",
                     "status", "source"} | None,
     "overdue": False, "report_due": False, "ongoing": False, "cycle": "2022-Q3" | None}

``as_of`` (an ISO date or a date; default: today in Beijing) is the day the rules are
applied on: overdue = due date strictly before it and not done/closed; report due = an
ongoing obligation with no update in the reporting cycle holding it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from graph.model import InvalidParameter, NotFoundError
from graph.progress import (
    BLOCKED,
    CLOSED,
    CYCLE_ZH,
    DEFAULT_CYCLE,
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    ONGOING,
    REPORT_TZ,
    STATUS_ZH,
    STATUSES,
    ProgressError,
    cycle_label,
    is_ongoing,
    is_overdue,
    latest,
    now_utc,
    obligation_id,
    report_due,
    split_obligation_id,
    status_code,
)
from graph.progress_anchor import snippet
from graph.progress_store import (
    latest_status,
    moved_to,
    progress_history,
    progress_of_measures,
    progress_of_units,
    progress_orphans,
)
from graph.store import GraphStore
from queries.chain import measure_chain

# The fields of ``last_update`` (a Progress row, trimmed to what a reader needs).
LAST_FIELDS = ("at", "status", "person", "agency", "text", "evidence", "percent", "token_name", "source")

# The keys ``annotate_unit_rows`` adds to an obligation row.
STATE_KEYS = ("obligation_id", "status", "status_label", "last_update", "overdue", "report_due", "ongoing",
              "report_cycle", "cycle")

# The chain roll-up's buckets: a city office asks "done, moving, not started, late?".
ROLLUP: dict[str, frozenset[str]] = {
    "done": frozenset({DONE, CLOSED}),
    "in_progress": frozenset({IN_PROGRESS, ONGOING, BLOCKED}),
    "not_started": frozenset({NOT_STARTED}),
}


# -- as_of ------------------------------------------------------------------------------


def today() -> dt.date:
    """Today in Beijing: the day the rules apply on unless ``as_of`` is given."""
    return now_utc().astimezone(REPORT_TZ).date()


def as_of_date(as_of: str | dt.date | None) -> dt.date:
    """``as_of`` as a date (None: today in Beijing); InvalidParameter for bad text."""
    if as_of is None or as_of == "":
        return today()
    if isinstance(as_of, dt.datetime):
        return as_of.astimezone(REPORT_TZ).date() if as_of.tzinfo else as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(str(as_of).strip())
    except ValueError:
        raise InvalidParameter("as_of", f"as_of must be an ISO date (2022-09-30), not {as_of!r}") from None


def status_param(value: str | None) -> str | None:
    """A status filter given as a code or in Chinese; InvalidParameter if unknown."""
    if value is None or value == "":
        return None
    code = status_code(value)
    if code is None:
        known = ", ".join(f"{c}/{z}" for c, z in STATUS_ZH.items())
        raise InvalidParameter("status", f"unknown status {value!r} (one of {known})")
    return code


def vocabulary() -> dict[str, Any]:
    """The status vocabulary and reporting cycles, in page order (GET /progress/statuses)."""
    return {
        "data": [
            {"code": c, "label": z, "finished": c in (DONE, CLOSED), "admin_only": c == CLOSED,
             "rollup": next((k for k, v in ROLLUP.items() if c in v), None)}
            for c, z in STATUS_ZH.items()
        ],
        "count": len(STATUS_ZH),
        "cycles": [{"code": c, "label": z, "default": c == DEFAULT_CYCLE} for c, z in CYCLE_ZH.items()],
    }


# -- one obligation ---------------------------------------------------------------------


def last_update(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """The reader's view of a Progress row (None: no update yet)."""
    return None if row is None else {k: row.get(k) for k in LAST_FIELDS}


def obligation_state(
    oid: str,
    *,
    deadline_kind: str | None,
    deadline_date: str | None,
    deadline_text: str | None,
    report_cycle: str | None,
    last: dict[str, Any] | None,
    as_of: dt.date,
) -> dict[str, Any]:
    """The state of one obligation from its measure's deadline, its document's cycle
    and its latest Progress row (the rules of graph.progress, applied on ``as_of``)."""
    status = last["status"] if last else NOT_STARTED
    ongoing = is_ongoing(deadline_kind, deadline_text)
    cycle = report_cycle or DEFAULT_CYCLE
    return {
        "obligation_id": oid,
        "status": status,
        "status_label": STATUS_ZH[status],
        "last_update": last_update(last),
        "overdue": is_overdue(deadline_date, status, as_of, ongoing=ongoing),
        "report_due": bool(ongoing and report_due(last["at"] if last else None, cycle, as_of, status)),
        "ongoing": ongoing,
        "report_cycle": cycle,
        "cycle": cycle_label(as_of, cycle) if ongoing else None,
    }


def document_cycles(store: GraphStore, document_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Reporting cycle, year, 文号 and title of each document, by id."""
    ids = sorted({d for d in document_ids if d})
    return {r["id"]: r for r in store.read("documents_report_cycles", {"ids": ids})} if ids else {}


def annotate_unit_rows(
    store: GraphStore, unit: str, rows: Sequence[dict[str, Any]], as_of: str | dt.date | None = None
) -> None:
    """Add ``obligation_id`` and the state keys to the unit's obligation rows (flat rows
    of the ownership lookup, shared ones included: the obligation of a department
    reached through a collective is its own, ``measure|department``), in place.
    Two reads whatever the number of rows: the unit's progress, its documents' cycles."""
    day = as_of_date(as_of)
    current = latest_status(store, unit=unit)
    cycles = document_cycles(store, (r.get("document_id") for r in rows))
    for r in rows:
        oid = obligation_id(r["id"], unit)
        doc = cycles.get(r.get("document_id") or "") or {}
        r.update(obligation_state(
            oid, deadline_kind=r.get("deadline_kind"), deadline_date=r.get("deadline_date"),
            deadline_text=r.get("deadline_text"), report_cycle=doc.get("report_cycle"),
            last=current.get(oid), as_of=day,
        ))


def keeps(row: dict[str, Any], status: str | None, overdue: bool | None, due: bool | None) -> bool:
    """The state filters of the obligations list (None: no filter)."""
    return ((status is None or row["status"] == status)
            and (overdue is None or row["overdue"] == overdue)
            and (due is None or row["report_due"] == due))


def obligation_progress(store: GraphStore, oid: str, as_of: str | dt.date | None = None) -> dict[str, Any]:
    """One obligation: its measure, its state on ``as_of`` and its whole history (oldest
    first).  An orphan (its measure removed by a reload) keeps its history and answers
    ``orphan: True``; an id that is neither an obligation nor an orphan is NotFound."""
    try:
        mid, unit = split_obligation_id(oid)
    except ProgressError as e:
        raise InvalidParameter("id", str(e)) from None
    day = as_of_date(as_of)
    history = progress_history(store, oid)
    measures = store.read("obligation_measures", {"ids": [mid]})
    if not measures:
        if not history:  # the updates written on it may belong to another clause since a reload
            raise NotFoundError(f"未找到任务 (unknown obligation): {oid}", suggestions=moved_to(store, oid))
        state = obligation_state(oid, deadline_kind=None, deadline_date=None, deadline_text=None,
                                 report_cycle=None, last=history[-1], as_of=day)
        return {"obligation_id": oid, "measure_id": mid, "unit": unit, "orphan": True, "measure": None,
                "state": state, "history": history, "as_of": day.isoformat()}
    named = store.read("obligation_units", {"ids": [mid]})
    units = [r["unit"] for r in named]
    if unit not in units and not history and not _reached(store, unit, units):
        raise NotFoundError(f"未找到任务 (unknown obligation): {unit} is not responsible for {mid}",
                            suggestions=[obligation_id(mid, u) for u in units])
    m = measures[0]
    state = obligation_state(oid, deadline_kind=m["deadline_kind"], deadline_date=m["deadline_date"],
                             deadline_text=m["deadline_text"], report_cycle=m["report_cycle"],
                             last=history[-1] if history else None, as_of=day)
    role = next((r["role"] for r in named if r["unit"] == unit), "shared")
    return {"obligation_id": oid, "measure_id": mid, "unit": unit, "orphan": False, "role": role,
            "measure": {"id": mid, "document_id": m["document_id"], "deadline": {
                "kind": m["deadline_kind"], "date": m["deadline_date"], "text": m["deadline_text"]}},
            "state": state, "history": history, "as_of": day.isoformat()}


def _reached(store: GraphStore, unit: str, named: list[str]) -> bool:
    """Whether ``unit`` holds a measure through a collective named on it."""
    return any(r["collective"] in named for r in store.read("units_collectives", {"names": [unit]}))


def orphans(store: GraphStore) -> dict[str, Any]:
    """Obligations whose measure is gone (a reload removed it, or its text is in no
    measure of the document any more), with their latest update and the text they were
    written against (``measure_snippet``): kept, never deleted, listed for the
    supervising office.  One entry per written obligation id and measure text (a clause
    number reused by another text since is another entry)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in progress_orphans(store):
        groups.setdefault((r["obligation_id"], r["measure_fp"]), []).append(r)
    data = []
    for (oid, fp), rows in sorted(groups.items()):
        r = latest(rows)[oid]
        data.append({"obligation_id": oid, "measure_id": r["measure_id"], "unit": r["unit"], "status": r["status"],
                     "status_label": STATUS_ZH[r["status"]], "last_update": last_update(r), "updates": len(rows),
                     "measure_fp": fp, "measure_snippet": snippet(r["measure_text"])})
    return {"data": data, "count": len(data)}


# -- the board --------------------------------------------------------------------------


def _board_rows(store: GraphStore, government: str | None, document: str | None) -> list[dict[str, Any]]:
    if document:
        if not store.read("documents_report_cycles", {"ids": [document]}):
            raise NotFoundError(f"未找到文件 (unknown document): {document}", suggestions=[])
        rows = store.read("progress_board_document", {"document": document})
        return [r for r in rows if not government or r["government"] == government]
    if government:
        rows = store.read("progress_board_government", {"government": government})
    else:
        rows = store.read("progress_board_all", {})
    docs = document_cycles(store, (r["document_id"] for r in rows))
    for r in rows:  # the document's title and cycle, read once per document
        doc = docs.get(r["document_id"])
        if doc is None:  # a measure without its document (cannot be loaded so): left out, as the join did
            r["report_cycle"] = None
            continue
        r["document_title"], r["report_cycle"] = doc["title"], doc["report_cycle"]
    return [r for r in rows if r["report_cycle"] is not None]


def _progress_rows(store: GraphStore, rows: list[dict[str, Any]], document: str | None) -> list[dict[str, Any]]:
    """The Progress rows the board needs, read from its narrowest anchor."""
    if document:
        return progress_of_measures(store, sorted({r["measure_id"] for r in rows}))
    return progress_of_units(store, [r["unit"] for r in rows])


def _item(r: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    return {
        "obligation_id": state["obligation_id"], "measure_id": r["measure_id"], "unit": r["unit"],
        "role": r["role"], "document_id": r["document_id"], "document_title": r["document_title"],
        "number": r["number"], "clause": r["clause"], "text": r["text"],
        "deadline": {"kind": r["deadline_kind"], "date": r["deadline_date"], "text": r["deadline_text"]},
        **state,
    }


def progress_board(
    store: GraphStore,
    government: str | None = None,
    document: str | None = None,
    status: str | None = None,
    as_of: str | dt.date | None = None,
) -> dict[str, Any]:
    """The supervision board (督办看板) on ``as_of``.

    The obligations are the direct ones (a unit named on a measure, collectives such as
    区政府各部门 being agencies of their own), of ``document`` and/or of ``government``'s
    units (none: every obligation).  ``status`` narrows the lists and counts to one
    status.  Answer::

        {"as_of", "government", "document", "status",
         "agencies": [{"unit", "government", "collective", "counts": {status: n},
                       "overdue", "report_due", "total", "shared_reported"}],   # by unit name
         "totals": {...same counts over every agency...},
         "overdue": [obligation...], "report_due": [obligation...],       # by due date / unit
         "count": number of obligations counted}

    ``shared_reported``: updates a department sent on obligations it holds only
    through a collective (counted apart from its own, as the obligations list does)."""
    day = as_of_date(as_of)
    code = status_param(status)
    rows = _board_rows(store, government, document)
    progress = _progress_rows(store, rows, document)
    current = latest(progress)
    agencies: dict[str, dict[str, Any]] = {}
    overdue: list[dict[str, Any]] = []
    due: list[dict[str, Any]] = []
    own: set[str] = set()
    seen: set[str] = set()
    for r in rows:
        oid = obligation_id(r["measure_id"], r["unit"])
        if oid in seen:  # a unit named twice on one measure (two roles): one obligation
            continue
        seen.add(oid)
        own.add(oid)
        state = obligation_state(oid, deadline_kind=r["deadline_kind"], deadline_date=r["deadline_date"],
                                 deadline_text=r["deadline_text"], report_cycle=r["report_cycle"],
                                 last=current.get(oid), as_of=day)
        if code is not None and state["status"] != code:
            continue
        a = agencies.setdefault(r["unit"], _agency(r["unit"], r["government"], r["collective"]))
        a["counts"][state["status"]] += 1
        a["total"] += 1
        if state["overdue"]:
            a["overdue"] += 1
            overdue.append(_item(r, state))
        if state["report_due"]:
            a["report_due"] += 1
            due.append(_item(r, state))
    units_in = {r["unit"] for r in rows}
    for oid, p in current.items():  # updates on obligations held through a collective
        if oid not in own and p["unit"] in agencies and p["unit"] in units_in:
            agencies[p["unit"]]["shared_reported"] += 1
    listed = sorted(agencies.values(), key=lambda a: a["unit"])
    totals = _agency("", None, False)
    for a in listed:
        for k in STATUSES:
            totals["counts"][k] += a["counts"][k]
        for k in ("overdue", "report_due", "total", "shared_reported"):
            totals[k] += a[k]
    overdue.sort(key=lambda i: (i["deadline"]["date"] or "", i["unit"], i["measure_id"]))
    due.sort(key=lambda i: (i["unit"], i["document_id"], i["number"] or 0, i["clause"] or 0))
    totals = {k: v for k, v in totals.items() if k not in ("unit", "government", "collective")}
    return {
        "as_of": day.isoformat(), "government": government, "document": document, "status": code,
        "labels": dict(STATUS_ZH), "agencies": listed, "totals": totals, "count": totals["total"],
        "overdue": overdue, "report_due": due,
    }


def _agency(unit: str, government: str | None, collective: bool) -> dict[str, Any]:
    return {"unit": unit, "government": government, "collective": bool(collective),
            "counts": {k: 0 for k in STATUSES}, "overdue": 0, "report_due": 0, "total": 0, "shared_reported": 0}


# -- the chain roll-up ------------------------------------------------------------------


def rollup(states: Iterable[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"done": 0, "in_progress": 0, "not_started": 0, "overdue": 0, "total": 0,
                           "counts": {k: 0 for k in STATUSES}}
    for s in states:
        out["total"] += 1
        out["counts"][s["status"]] += 1
        out["overdue"] += int(s["overdue"])
        for bucket, members in ROLLUP.items():
            if s["status"] in members:
                out[bucket] += 1
    return out


def measure_rollups(
    store: GraphStore, measure_ids: Sequence[str], as_of: str | dt.date | None = None
) -> dict[str, dict[str, Any]]:
    """Per measure: its obligations (the units named on it, in source order, the first
    named marked ``first``) with their states, and the roll-up (done / in_progress /
    not_started / overdue / total, and counts per status).  Updates from departments
    holding it through a collective are listed with role 'shared' and counted apart
    (``shared``).  Three reads whatever the number of measures."""
    ids = sorted(set(measure_ids))
    if not ids:
        return {}
    measures = {r["id"]: r for r in store.read("obligation_measures", {"ids": ids})}
    named: dict[str, list[dict[str, Any]]] = {}
    for r in store.read("obligation_units", {"ids": ids}):
        named.setdefault(r["measure_id"], []).append(r)
    return _rollups(ids, measures, named, latest_status(store, measure_ids=ids), as_of_date(as_of))


def shown_rollups(
    store: GraphStore, shown: Sequence[dict[str, Any]], as_of: str | dt.date | None = None
) -> dict[str, dict[str, Any]]:
    """``measure_rollups`` of measures the caller already holds in their shown form (a
    chain's, from their stored records: ``id``, ``document_id``, ``deadline`` and
    ``co_responsible``, every unit named on the measure), by id.

    Why: the deadline and the units named on a measure are in its shown form already;
    reading them again (``obligation_measures``, ``obligation_units``: 3 of a chain's 6 ms
    at 1,000 documents) bought nothing.  What is left to read is what the shown form does
    not hold: the documents' reporting cycles and the progress.  The tests hold the
    answer equal to ``measure_rollups`` (``chain`` against ``chain_defined``)."""
    by_id = {m["id"]: m for m in shown}
    ids = sorted(by_id)
    if not ids:
        return {}
    docs = sorted({m["document_id"] for m in by_id.values() if m.get("document_id")})
    cycles = {r["id"]: r["report_cycle"] for r in store.read("documents_report_cycles", {"ids": docs})} if docs else {}
    measures: dict[str, dict[str, Any]] = {}
    named: dict[str, list[dict[str, Any]]] = {}
    for i, m in by_id.items():
        if m.get("document_id") not in cycles:  # as the definition's MATCH of the document
            continue
        deadline = m.get("deadline") or {}
        measures[i] = {"deadline_kind": deadline.get("kind"), "deadline_date": deadline.get("date"),
                       "deadline_text": deadline.get("text"), "report_cycle": cycles[m["document_id"]]}
        named[i] = [{"unit": u["unit"], "role": u["role"], "order": u.get("order"),
                     "collective": bool(u.get("collective"))} for u in m.get("co_responsible") or []]
    return _rollups(ids, measures, named, latest_status(store, measure_ids=ids), as_of_date(as_of))


def _rollups(
    ids: list[str], measures: dict[str, dict[str, Any]], named: dict[str, list[dict[str, Any]]],
    current: dict[str, dict[str, Any]], day: dt.date,
) -> dict[str, dict[str, Any]]:
    """The roll-ups of ``measure_rollups`` from what it read: each measure's progress rules
    (deadline, reporting cycle), the units named on it and the current updates."""
    out: dict[str, dict[str, Any]] = {}
    for mid in ids:
        m = measures.get(mid)
        if m is None:
            continue
        units = sorted(named.get(mid, []), key=lambda r: (r["order"] if r["order"] is not None else 1 << 30, r["unit"]))
        own, shared, seen = [], [], set()
        for i, u in enumerate(units):
            oid = obligation_id(mid, u["unit"])
            if oid in seen:
                continue
            seen.add(oid)
            own.append({"unit": u["unit"], "role": u["role"], "order": u["order"], "first": i == 0,
                        "collective": bool(u["collective"]), **_state_of(m, oid, current, day)})
        for oid, p in sorted(current.items()):
            if p["measure_id"] == mid and oid not in seen:
                shared.append({"unit": p["unit"], "role": "shared", "order": None, "first": False,
                               "collective": False, **_state_of(m, oid, current, day)})
        out[mid] = {"obligations": own + shared, **rollup(own), "shared": rollup(shared)}
    return out


def _state_of(m: dict[str, Any], oid: str, current: dict[str, dict[str, Any]], day: dt.date) -> dict[str, Any]:
    return obligation_state(oid, deadline_kind=m["deadline_kind"], deadline_date=m["deadline_date"],
                            deadline_text=m["deadline_text"], report_cycle=m["report_cycle"],
                            last=current.get(oid), as_of=day)


def chain_progress(store: GraphStore, measure_id: str, as_of: str | dt.date | None = None) -> dict[str, Any]:
    """How the measures implementing ``measure_id`` (a city measure: its district
    measures) are doing: per linked measure its obligations' states and roll-up, and
    the totals over them.  The measure's own roll-up is given apart."""
    if not store.read("measure_row", {"id": measure_id}):
        raise NotFoundError(f"未找到措施 (unknown measure): {measure_id}", suggestions=[])
    down = measure_chain(store, measure_id, "down")
    rolls = measure_rollups(store, [measure_id, *(r["id"] for r in down)], as_of)
    empty = rollup([])
    linked = []
    for r in down:
        roll = rolls.get(r["id"]) or {**empty, "obligations": [], "shared": empty}
        linked.append({"id": r["id"], "document_id": r["document_id"], "document_title": r.get("document_title"),
                       "number": r["number"], "clause": r["clause"], "text": r["text"], "depth": r["depth"],
                       "progress": roll})
    totals = rollup(o for item in linked for o in item["progress"]["obligations"] if o["role"] != "shared")
    return {"measure_id": measure_id, "as_of": as_of_date(as_of).isoformat(),
            "progress": rolls.get(measure_id), "linked": linked, "totals": totals, "count": len(linked)}
