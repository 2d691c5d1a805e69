"""What an agency owns, as one answer: "what does 区财政局 own?".

The rows come from the ownership lookup (``queries.ownership``: the unit's own
measures, then those it holds through collectives such as 区政府各部门), ordered by
role, document, measure number and clause; a page of them is annotated with
co-responsible units, targets and linked measures.  The API, the pages, the ledgers,
the calendars and the pyvis export all read this one answer.

Two ways to the same answer: ``obligations_defined`` composes it from the named queries
(the definition); ``obligations`` reads it from the agency's record in the read model
(``queries.read_model``: built once from the definition, kept in the store) and only
applies the request's filters, the ``as_of``-dependent progress fields and the page.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from graph.model import ROLE_HEADINGS_ZH, ROLE_ORDER
from graph.progress import CLOSED, FINISHED, REPORT_TZ, STATUS_ZH, cycle_label, cycle_start, parse_timestamp
from graph.store import GraphStore
from queries import read_model
from queries.answers import Obligations
from queries.measures import enrich, shape_measure
from queries.ownership import NO_FILTER, MeasureFilter, unit_obligation_rows
from queries.progress import STATE_KEYS, annotate_unit_rows, as_of_date, keeps, status_param
from queries.units import detail_of, resolve_unit

ALL = 1_000_000  # "every row" as a page size, for reports
DATED = ("overdue", "report_due", "cycle")  # the row keys that depend on as_of: not stored


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
    (and ``via`` the collectives for role 'shared'), also grouped by role, with its
    progress on ``as_of`` -- exactly ``obligations_defined`` (see there), read from the
    unit's read-model record: one keyed read of its head (columns for filters and
    counts), one of the chunks holding the page, and the date-dependent fields
    (``overdue``, ``report_due``, ``cycle``) computed here from stored dates."""
    for _ in range(read_model.RETRIES):
        record = _record(store, name)
        day = as_of_date(as_of)  # the definition's order of checks: unit, as_of, status
        code = status_param(status)
        try:
            return _answer(store, record, where, roles, include_shared, limit, offset, code, overdue, report_due, day)
        except read_model.Stale:
            continue  # rebuilt by another reader between our two reads: read it again
    return obligations_defined(store, name, where, roles, include_shared, limit, offset,
                               status=status, overdue=overdue, report_due=report_due, as_of=as_of)


def _record(store: GraphStore, name: str) -> read_model.Record:
    """The fresh record of the unit ``name`` names (canonical name first: one keyed read)."""
    name = name.strip()
    record = read_model.fetch(store, name)
    if record is not None:
        return record
    canonical = resolve_unit(store, name)["name"]  # NotFoundError with suggestions
    if canonical != name:
        record = read_model.fetch(store, canonical)
        if record is not None:
            return record
    return read_model.rebuild(store, canonical, build_record)


def build_record(store: GraphStore, name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The record of canonical unit ``name`` from the named queries: every obligation
    (shared ones included), in answer order, shaped and annotated as
    ``obligations_defined`` pages them, and the head: the unit row and, per row, the
    columns the request-time filters, counts and dates need (``docs`` holds each
    document id once; ``doc`` indexes it)."""
    unit = resolve_unit(store, name)
    rows = unit_obligation_rows(store, name, include_shared=True)
    annotate_unit_rows(store, name, rows)  # date-dependent fields are recomputed per request
    rows.sort(key=obligation_order)
    shaped = [shape_measure(r) | {k: r[k] for k in STATE_KEYS} for r in rows]
    holders = [name] + sorted({v["unit"] for r in shaped if r["role"] == "shared" for v in r.get("via") or []})
    enrich(store, shaped, exclude_unit=name, holders=holders)
    docs = sorted({r.get("document_id") or "" for r in rows})
    at = {d: i for i, d in enumerate(docs)}
    cols = {
        "role": [r["role"] for r in rows],
        "doc": [at[r.get("document_id") or ""] for r in rows],
        "task": [r.get("task_number") for r in rows],
        "date": [r.get("deadline_date") for r in rows],
        "due": [_day(r.get("deadline_date")) for r in rows],
        "status": [r["status"] for r in rows],
        "ongoing": [bool(r["ongoing"]) for r in rows],
        "last": [_day(r["last_update"]["at"]) if r["last_update"] else None for r in rows],
        "cycle": [r["report_cycle"] for r in rows],
    }
    for m in shaped:  # computed per request from the columns (see _select)
        for k in DATED:
            del m[k]
    return {"unit": unit, "docs": docs, "cols": cols, "summary": _summary(cols),
            "detail": detail_of(store, unit)}, shaped


def _summary(cols: dict[str, list[Any]]) -> dict[str, Any]:
    """What an unfiltered request counts over every row, kept so it need not visit them:
    the counts by role and status (the same loop as ``_select``), the deadlines of the
    rows that can be overdue and, per reporting cycle, the last report dates of the rows
    that can be due (sorted: a request's counts are two bisections against its day)."""
    counts, status_counts = _tally(cols["role"], cols["status"], include_shared=True)
    late = sorted(d for on, d, s in zip(cols["ongoing"], cols["due"], cols["status"], strict=True)
                  if not on and d is not None and s not in FINISHED)
    due: dict[str, list[str]] = {}
    for on, s, last, c in zip(cols["ongoing"], cols["status"], cols["last"], cols["cycle"], strict=True):
        if on and s != CLOSED:
            due.setdefault(c, []).append(last or "")  # no report yet: before every cycle's start
    return {"counts": counts, "status_counts": status_counts, "late": late,
            "due": [[c, sorted(v)] for c, v in due.items()]}


def _day(value: str | None) -> str | None:
    """An ISO date or timestamp as the Beijing date the progress rules compare (ISO text)."""
    if value is None or value == "":
        return None
    s = str(value).strip()
    if len(s) == 10:
        return dt.date.fromisoformat(s).isoformat()
    return parse_timestamp(s).astimezone(REPORT_TZ).date().isoformat()


@dataclass
class _Selection:
    """What a request takes from a record: the rows it keeps (by index), the page, the
    date-dependent fields of every row, and the envelope around the page."""

    page: list[int]
    dated: list[tuple[bool, bool, str | None]]
    roles: list[str]
    envelope: dict[str, Any]


def _select(
    record: read_model.Record, where: MeasureFilter, roles: Collection[str] | None, include_shared: bool,
    limit: int, offset: int, code: str | None, overdue: bool | None, report_due: bool | None, day: dt.date,
) -> _Selection:
    """Filters and counts over the record's columns, and the page (no row is read here)."""
    if (where == NO_FILTER and not roles and include_shared and code is None and overdue is None
            and report_due is None):
        return _select_all(record, limit, offset, day)
    head, cols = record.head, record.head["cols"]
    role, status, ongoing, cycle = cols["role"], cols["status"], cols["ongoing"], cols["cycle"]
    today = day.isoformat()
    starts = {c: cycle_start(day, c).isoformat() for c in set(cycle)}
    labels = {c: cycle_label(day, c) for c in starts}
    late = [not on and d is not None and d < today and s not in FINISHED
            for on, d, s in zip(ongoing, cols["due"], status, strict=True)]
    due = [on and s != CLOSED and (last is None or last < starts[c])
           for on, s, last, c in zip(ongoing, status, cols["last"], cycle, strict=True)]
    wanted = set(roles) if roles else None
    docs, doc, task, date = head["docs"], cols["doc"], cols["task"], cols["date"]
    unfiltered = where == NO_FILTER
    kept = [
        i for i in range(len(role))
        if (include_shared or role[i] != "shared") and (wanted is None or role[i] in wanted)
        and (unfiltered or where.keeps({"deadline_date": date[i], "task_number": task[i],
                                                "document_id": docs[doc[i]] or None}))
        and (code is None or status[i] == code) and (overdue is None or late[i] == overdue)
        and (report_due is None or due[i] == report_due)
    ]
    counts, status_counts = _tally([role[i] for i in kept], [status[i] for i in kept], include_shared)
    page = kept[offset : offset + limit]
    envelope = _envelope(head, counts, status_counts, len(kept), limit, offset, today,
                         sum(late[i] for i in kept), sum(due[i] for i in kept))
    dated = [(late[i], due[i], labels[cycle[i]] if ongoing[i] else None) for i in page]
    return _Selection(page, dated, [role[i] for i in page], envelope)


def _select_all(record: read_model.Record, limit: int, offset: int, day: dt.date) -> _Selection:
    """``_select`` of a request without filters (what "what does X own" asks): the counts
    from the record's summary, the date-dependent fields of the page's rows only."""
    head, cols, summary = record.head, record.head["cols"], record.head["summary"]
    role, status, ongoing, cycle, due, last = (cols[k] for k in ("role", "status", "ongoing", "cycle", "due", "last"))
    today = day.isoformat()
    starts = {c: cycle_start(day, c).isoformat() for c, _ in summary["due"]}
    page = list(range(len(role))[offset : offset + limit])
    labels: dict[str, str] = {}
    dated = []
    for i in page:
        late = not ongoing[i] and due[i] is not None and due[i] < today and status[i] not in FINISHED
        if ongoing[i]:
            c = cycle[i]
            label = labels[c] if c in labels else labels.setdefault(c, cycle_label(day, c))
            reported = status[i] != CLOSED and (last[i] is None or last[i] < starts[c])
            dated.append((late, reported, label))
        else:
            dated.append((late, False, None))
    envelope = _envelope(head, dict(summary["counts"]), dict(summary["status_counts"]), len(role), limit, offset,
                         today, bisect_left(summary["late"], today),
                         sum(bisect_left(lasts, starts[c]) for c, lasts in summary["due"]))
    return _Selection(page, dated, [role[i] for i in page], envelope)


def _tally(roles: list[str], statuses: list[str], include_shared: bool) -> tuple[dict[str, int], dict[str, int]]:
    """Rows counted by role (every role heading first, 'shared' only if included) and by status."""
    counts = {k: 0 for k in ROLE_ORDER if k != "shared" or include_shared}
    status_counts = {k: 0 for k in STATUS_ZH}
    for role, status in zip(roles, statuses, strict=True):
        counts[role] = counts.get(role, 0) + 1
        status_counts[status] += 1
    return counts, status_counts


def _envelope(
    head: dict[str, Any], counts: dict[str, int], status_counts: dict[str, int], count: int, limit: int,
    offset: int, today: str, overdue_count: int, report_due_count: int,
) -> dict[str, Any]:
    """What an obligations answer carries around its page, in the order it is sent."""
    return {
        "unit": head["unit"], "counts": counts, "labels": ROLE_HEADINGS_ZH, "count": count,
        "limit": limit, "offset": offset, "as_of": today, "status_counts": status_counts,
        "status_labels": dict(STATUS_ZH), "overdue_count": overdue_count, "report_due_count": report_due_count,
    }


def _answer(
    store: GraphStore, record: read_model.Record, where: MeasureFilter, roles: Collection[str] | None,
    include_shared: bool, limit: int, offset: int, code: str | None, overdue: bool | None,
    report_due: bool | None, day: dt.date,
) -> Obligations:
    """The answer from a record as a dict (the pages, ledgers, calendars, tests)."""
    sel = _select(record, where, roles, include_shared, limit, offset, code, overdue, report_due, day)
    data = read_model.rows_at(store, record, sel.page)
    groups: dict[str, list[dict[str, Any]]] = {}
    for m, (late, due, cycle) in zip(data, sel.dated, strict=True):
        m["overdue"], m["report_due"], m["cycle"] = late, due, cycle
        groups.setdefault(m["role"], []).append(m)
    return sel.envelope | {  # type: ignore[return-value]
        "data": data,
        "groups": [{"role": k, "label": ROLE_HEADINGS_ZH[k], "data": v} for k, v in groups.items()],
    }


def obligations_json(
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
) -> bytes:
    """``obligations`` as the UTF-8 JSON the API sends, built once in that shape: the
    page's rows are spliced in as they are stored (never parsed, never rendered again),
    each closed with its three date-dependent fields."""
    for _ in range(read_model.RETRIES):
        record = _record(store, name)
        sel = _select(record, where, roles, include_shared, limit, offset, status_param(status), overdue,
                      report_due, as_of_date(as_of))
        try:
            raw = read_model.raw_rows_at(store, record, sel.page)
        except read_model.Stale:
            continue
        return _sent(sel, raw)
    return orjson.dumps(obligations_defined(store, name, where, roles, include_shared, limit, offset,
                                            status=status, overdue=overdue, report_due=report_due, as_of=as_of))


def obligations_json_now(
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
) -> bytes | None:
    """``obligations_json`` when it is one keyed read that needs no wait: a fresh record
    under the name as given, read at once (``read_model.fetch(now=True)``), whose page
    lies in the rows kept with its head; None otherwise (the caller runs
    ``obligations_json`` on a thread).  Why: the API runs this on its event loop, where
    the thread hop cost more than a small agency's whole answer."""
    record = read_model.fetch(store, name.strip(), now=True)
    if record is None:
        return None
    sel = _select(record, where, roles, include_shared, limit, offset, status_param(status), overdue,
                  report_due, as_of_date(as_of))
    first = record.first or []
    if any(i >= len(first) for i in sel.page):
        return None  # rows in chunks: more reads, on the thread path
    return _sent(sel, [first[i] for i in sel.page])


def _sent(sel: _Selection, raw: list[read_model.Raw]) -> bytes:
    """The answer's bytes: the envelope, the page's stored rows each closed with its
    date-dependent fields, and the same rows grouped by role -- joined once from views
    of the stored rows.  Why one join: building each closed row, then the data and
    every group as bytes of their own copied each row three times more (~0.25 ms for a
    first page of ~1,800-byte rows at 1,000 documents, against ~0.07 ms)."""
    ends: dict[tuple[bool, bool, str | None], bytes] = {}  # a page has a few distinct endings
    closed = [(r[:-1], ends.get(d) or ends.setdefault(d, _ending(*d))) for r, d in zip(raw, sel.dated, strict=True)]
    groups: dict[str, list[int]] = {}
    for i, role in enumerate(sel.roles):
        groups.setdefault(role, []).append(i)
    out = [orjson.dumps(sel.envelope)[:-1], b',"data":[']
    _rows(out, closed, range(len(closed)))
    out.append(b'],"groups":[')
    for k, (role, at) in enumerate(groups.items()):
        out.append(b'{"role":' if k == 0 else b',{"role":')
        out += (orjson.dumps(role), b',"label":', orjson.dumps(ROLE_HEADINGS_ZH[role]), b',"data":[')
        _rows(out, closed, at)
        out.append(b"]}")
    out.append(b"]}")
    return b"".join(out)


def _rows(out: list[read_model.Raw], closed: list[tuple[read_model.Raw, bytes]], at: Sequence[int]) -> None:
    """Append the rows ``at`` to ``out``, comma-separated: each a stored row without its
    closing brace, then its ending (``_ending``)."""
    for j, i in enumerate(at):
        if j:
            out.append(b",")
        out += closed[i]


_B = {True: b"true", False: b"false"}


def _ending(late: bool, due: bool, cycle: str | None) -> bytes:
    """What closes a stored row in an answer: its three date-dependent fields and the brace."""
    return (b',"overdue":' + _B[late] + b',"report_due":' + _B[due] + b',"cycle":'
            + (orjson.dumps(cycle) if cycle is not None else b"null") + b"}")


def obligations_defined(
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
    (``measure|department``) and stay role 'shared', counted apart.

    This is the DEFINITION, composed of the named queries at every call; ``obligations``
    answers the same from the read model, and the tests hold the two equal."""
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


def warm(
    store: GraphStore, names: list[str] | None = None, progress: Any = None
) -> dict[str, int]:
    """Rebuild and store the read-model record of every agency whose record is stale or
    missing (``names``: those agencies only), so the next reader of each answers with
    one keyed read.  Why: a load or relink makes every record stale and the first
    reader of each pays the definition once; an office warms them after a big load
    (``policygraph warm``) instead of its users.  ``progress(done, total, name)`` is
    called after each agency.  Returns counts: units, rebuilt, fresh (already)."""
    if names is None:
        names = sorted(r["name"] for r in store.read("unit_names", {}))
    rebuilt = fresh = 0
    for i, name in enumerate(names, 1):
        if read_model.state(store, name) == "fresh":
            fresh += 1
        else:
            read_model.rebuild(store, name, build_record, store_now=True)
            rebuilt += 1
        if progress is not None:
            progress(i, len(names), name)
    return {"units": len(names), "rebuilt": rebuilt, "fresh": fresh}
