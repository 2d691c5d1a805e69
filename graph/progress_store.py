"""Progress above the store: append validated updates, read histories and current
statuses, export and import the whole history.

Why a module of its own: the API (POST /obligations/{id}/progress), the ledger upload
and the CLI all write progress the same way -- one batch, checked row by row, applied
in ONE transaction (``store.write_batch``) or not at all -- and read it the same way.

Storage (queries/write/progress_*.cypher, queries/read/progress_*.cypher): one free
``Progress`` node per update, keyed by ``id`` and carrying ``obligation_id``,
``measure_id`` and ``unit``; no edge ties it to a Measure, so reloading a document,
pruning its removed measures, relinking or loading other documents never touch it.
Only a full clear (``store.clear()``: tests, rebuilds) removes it -- export first.
Append-only: no query updates or deletes a Progress node; the latest by (at, seq, id)
is the current status.

Each update also records the fingerprint and text of the measure it was written
against (``measure_fp``, ``measure_text``); every read here goes through
graph.progress_anchor, so an update whose measure moved to another clause number on a
reload is read under the measure it now is, and one whose measure is gone is an orphan
-- never shown under whatever measure took its number.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.model import NotFoundError
from graph.progress import (
    NOT_STARTED,
    CleanUpdate,
    ProgressError,
    ProgressUpdate,
    RowError,
    cycle_code,
    cycle_label,
    history_order,
    is_ongoing,
    is_overdue,
    latest,
    now_utc,
    report_due,
    split_obligation_id,
    validate_update,
)
from graph.progress_anchor import (
    Group,
    anchor_steps,
    document_of,
    fingerprint,
    orphan_rows,
    placed,
    rows_of_measures,
)
from graph.tokens import TokenInfo, may_write

EXPORT_PAGE = 5000
# The fields of one exported update, in this order (the JSON lines format).
EXPORT_FIELDS = (
    "id", "obligation_id", "measure_id", "unit", "seq", "at", "status", "text", "evidence",
    "percent", "person", "agency", "token_name", "source", "measure_fp", "measure_text",
)


@dataclass
class AppendResult:
    """What a batch did: the updates written (as stored) and the rows refused."""

    written: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def applied(self) -> bool:
        return bool(self.written)

    def to_dict(self) -> dict[str, Any]:
        return {"written": self.written, "errors": [e.to_dict() for e in self.errors]}


# -- checking a batch against the graph ------------------------------------------------


def _obligation_index(store: Any, cleans: Sequence[CleanUpdate]) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """The measures that exist among the batch's (id -> text), and the (measure, unit)
    pairs that are obligations: a unit named on the measure, or a member of a collective
    named on it (a collective's obligation reaches its member departments)."""
    mids = sorted({c.measure_id for c in cleans})
    if not mids:
        return {}, set()
    measures = {r["id"]: r["text"] or "" for r in store.read("obligation_measures", {"ids": mids})}
    named: dict[str, set[str]] = {}
    for r in store.read("obligation_units", {"ids": sorted(measures)}) if measures else []:
        named.setdefault(r["measure_id"], set()).add(r["unit"])
    units = sorted({c.unit for c in cleans})
    collectives: dict[str, set[str]] = {}
    for r in store.read("units_collectives", {"names": units}):
        collectives.setdefault(r["unit"], set()).add(r["collective"])
    pairs = set()
    for c in cleans:
        on = named.get(c.measure_id, set())
        if c.unit in on or collectives.get(c.unit, set()) & on:
            pairs.add((c.measure_id, c.unit))
    return measures, pairs


def check_batch(
    store: Any, updates: Sequence[ProgressUpdate], token: TokenInfo, now: dt.datetime | None = None
) -> tuple[list[tuple[int, CleanUpdate]], list[RowError]]:
    """Validate a batch: each row on its own (graph.progress.validate_update), then
    against the graph (the obligation exists) and the token's scope.  Returns the valid
    rows with their index and the refused ones with every reason."""
    now = now or now_utc()
    valid: list[tuple[int, CleanUpdate]] = []
    errors: list[RowError] = []
    for i, u in enumerate(updates):
        clean, reasons = validate_update(u, now)
        if clean is None:
            errors.append(RowError(i, str(u.obligation_id), "; ".join(reasons)))
        else:
            valid.append((i, clean))
    measures, pairs = _obligation_index(store, [c for _, c in valid])
    kept = []
    for i, c in valid:
        if c.measure_id not in measures:
            errors.append(RowError(i, c.obligation_id, f"unknown obligation: no measure {c.measure_id}"))
        elif (c.measure_id, c.unit) not in pairs:
            errors.append(RowError(i, c.obligation_id, f"unknown obligation: {c.unit} is not responsible for {c.measure_id}"))
        elif (why := may_write(token, c.unit, c.status)) is not None:
            errors.append(RowError(i, c.obligation_id, why))
        else:
            c.measure_text = measures[c.measure_id]  # what the update is written against
            c.measure_fp = fingerprint(c.measure_text)
            kept.append((i, c))
    errors.sort(key=lambda e: e.row)
    return kept, errors


# -- writing ---------------------------------------------------------------------------


def _row(c: CleanUpdate) -> dict[str, Any]:
    return {
        "id": c.id, "obligation_id": c.obligation_id, "measure_id": c.measure_id, "unit": c.unit,
        "seq": int(c.seq or 0), "at": c.at, "status": c.status, "text": c.text, "evidence": c.evidence,
        "percent": c.percent, "person": c.person, "agency": c.agency, "token_name": c.token_name,
        "source": c.source, "measure_fp": c.measure_fp or "", "measure_text": c.measure_text or "",
    }


def _write_rows(store: Any, rows: list[dict[str, Any]], extra: list[tuple[str, dict[str, Any]]] | None = None) -> None:
    """Every row in ONE transaction (percent apart: see progress_append.cypher), with
    ``extra`` steps (the re-anchoring of an import)."""
    if not rows:
        return
    steps: list[tuple[str, dict[str, Any]]] = [
        ("progress_append", {"rows": [{k: v for k, v in r.items() if k != "percent"} for r in rows]})
    ]
    with_percent = [{"id": r["id"], "percent": float(r["percent"])} for r in rows if r["percent"] is not None]
    if with_percent:
        steps.append(("progress_set_percent", {"rows": with_percent}))
    store.write_batch(steps + (extra or []))


def append_progress(
    store: Any,
    updates: Sequence[ProgressUpdate],
    token: TokenInfo,
    *,
    valid_only: bool = False,
    now: dt.datetime | None = None,
) -> AppendResult:
    """Append a batch of updates written with ``token``, in one transaction.

    All or nothing: if any row is refused nothing is written (the result lists every
    refused row with its index and reason) -- unless ``valid_only``, when the valid rows
    are written and the refused ones reported.  Each written update gets a fresh id,
    the next number (seq) of its obligation, ``at`` = now unless given, and the token's
    name; ``agency`` defaults to the token's agency."""
    kept, errors = check_batch(store, updates, token, now)
    if errors and not valid_only:
        return AppendResult([], errors)
    if not kept:
        return AppendResult([], errors)
    oids = sorted({c.obligation_id for _, c in kept})
    last = {r["obligation_id"]: int(r["seq"] or 0) for r in store.read("progress_last_seq", {"ids": oids})}
    rows = []
    for _, c in kept:
        last[c.obligation_id] = last.get(c.obligation_id, 0) + 1
        c.id = uuid.uuid4().hex
        c.seq = last[c.obligation_id]
        c.token_name = token.name
        c.agency = c.agency or token.agency
        rows.append(_row(c))
    _write_rows(store, rows)
    return AppendResult(rows, errors)


# -- reading ---------------------------------------------------------------------------


def progress_history(store: Any, obligation_id: str) -> list[dict[str, Any]]:
    """Every update of one obligation, oldest first (the last is the current status):
    those that belong to its measure (written on it, or moved to it by a reload).  When
    the measure is not in the graph, the updates written on the id that belong nowhere
    else (its orphaned history)."""
    mid, unit = split_obligation_id(obligation_id)
    if store.read("obligation_measures", {"ids": [mid]}):
        rows = [r for r in rows_of_measures(store, [mid]) if r["unit"] == unit]
    else:
        own = store.read("progress_history", {"obligation_id": obligation_id})
        rows = [r for r in placed(store, own, keep_orphans=True) if r["anchored_from"] is None]
    return history_order(rows)


def moved_to(store: Any, obligation_id: str) -> list[str]:
    """The obligations the updates written on ``obligation_id`` were moved to by a reload."""
    own = store.read("progress_history", {"obligation_id": obligation_id})
    return sorted({r["obligation_id"] for r in placed(store, own) if r["anchored_from"] is not None})


def latest_status(
    store: Any, *, measure_ids: Sequence[str] | None = None, unit: str | None = None
) -> dict[str, dict[str, Any]]:
    """The current update of each obligation on ``measure_ids`` or of ``unit`` (exactly
    one of the two), by obligation id.  Obligations with no update are absent (未启动)."""
    if (measure_ids is None) == (unit is None):
        raise ValueError("latest_status takes measure_ids or unit, not both")
    if unit is not None:
        rows = placed(store, store.read("progress_of_unit", {"unit": unit}))
    else:
        rows = rows_of_measures(store, measure_ids or [])
    return latest(rows)


def progress_of_measures(store: Any, measure_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every update of the obligations on these measures, placed (moved ones included)."""
    return rows_of_measures(store, measure_ids)


def progress_of_units(store: Any, units: Sequence[str]) -> list[dict[str, Any]]:
    """Every update of these units' obligations, placed (the board reads them so)."""
    names = sorted(set(units))
    return placed(store, store.read("progress_of_units", {"names": names})) if names else []


def obligation_states(
    store: Any, obligation_ids: Sequence[str], as_of: str | dt.date
) -> dict[str, dict[str, Any]]:
    """Where each obligation stands on ``as_of``: its current status (未启动 with no
    update), last update, whether it is ongoing, overdue, or report due in its
    document's cycle.  Unknown measures give ``missing: True`` (an orphan's id)."""
    pairs = {oid: split_obligation_id(oid) for oid in obligation_ids}
    mids = sorted({m for m, _ in pairs.values()})
    measures = {r["id"]: r for r in store.read("obligation_measures", {"ids": mids})} if mids else {}
    current = latest_status(store, measure_ids=mids) if mids else {}
    out: dict[str, dict[str, Any]] = {}
    for oid, (mid, unit) in pairs.items():
        m = measures.get(mid)
        last = current.get(oid)
        status = last["status"] if last else NOT_STARTED
        if m is None:
            out[oid] = {"obligation_id": oid, "measure_id": mid, "unit": unit, "missing": True,
                        "status": status, "last": last}
            continue
        ongoing = is_ongoing(m["deadline_kind"], m["deadline_text"])
        cycle = m["report_cycle"]
        out[oid] = {
            "obligation_id": oid, "measure_id": mid, "unit": unit, "missing": False,
            "status": status, "last": last, "ongoing": ongoing,
            "due_date": m["deadline_date"], "report_cycle": cycle,
            "cycle": cycle_label(as_of, cycle) if ongoing else None,
            "overdue": is_overdue(m["deadline_date"], status, as_of, ongoing=ongoing),
            "report_due": ongoing and report_due(last["at"] if last else None, cycle, as_of, status),
        }
    return out


def progress_orphans(store: Any) -> list[dict[str, Any]]:
    """Progress that belongs to no measure in the graph: its measure was removed by a
    reload (its text is nowhere in the document any more), or its document is not
    loaded.  Kept, never deleted; ``measure_text`` says what it was written against."""
    return orphan_rows(store)


def set_report_cycle(store: Any, document_id: str, cycle: str) -> str:
    """Set a document's reporting cycle (monthly/quarterly, or 每月/每季度); the code set."""
    code = cycle_code(cycle)
    if code is None:
        raise ProgressError(f"unknown reporting cycle {cycle!r} (monthly or quarterly)")
    if not store.read("document_report_cycle", {"id": document_id}):
        raise NotFoundError(f"no document {document_id!r}")
    store.write("document_set_report_cycle", {"id": document_id, "cycle": code})
    return code


# -- export and import -----------------------------------------------------------------


def _all_rows(store: Any, page: int = EXPORT_PAGE) -> Iterator[dict[str, Any]]:
    after: dict[str, Any] = {"after_at": "", "after_seq": -1, "after_id": ""}
    while True:
        rows = store.read("progress_all", {**after, "limit": page})
        yield from rows
        if len(rows) < page:
            return
        last = rows[-1]
        after = {"after_at": last["at"], "after_seq": last["seq"], "after_id": last["id"]}


def export_progress(store: Any) -> Iterator[str]:
    """The whole progress history as JSON lines (one update each, oldest first, with the
    token names): what ``import_progress`` takes back after a rebuild."""
    for r in _all_rows(store):
        yield json.dumps({k: r.get(k) for k in EXPORT_FIELDS}, ensure_ascii=False, sort_keys=False)


@dataclass
class ImportResult:
    added: int = 0
    skipped: int = 0  # already in the store (same id)
    errors: list[RowError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"added": self.added, "skipped": self.skipped, "errors": [e.to_dict() for e in self.errors]}


def _import_row(i: int, line: str, now: dt.datetime) -> tuple[CleanUpdate | None, RowError | None]:
    try:
        d = json.loads(line)
        if not isinstance(d, dict):
            raise ValueError("not an object")
    except ValueError as e:
        return None, RowError(i, "", f"line {i + 1}: not a JSON object ({e})")
    oid = str(d.get("obligation_id") or "")
    missing = [k for k in ("id", "obligation_id", "at", "status", "seq") if d.get(k) in (None, "")]
    if missing:
        return None, RowError(i, oid, f"line {i + 1}: missing {', '.join(missing)}")
    if not isinstance(d["seq"], int) or isinstance(d["seq"], bool) or d["seq"] < 1:
        return None, RowError(i, oid, f"line {i + 1}: seq must be a whole number from 1, not {d['seq']!r}")
    u = ProgressUpdate(
        obligation_id=oid, status=d["status"], text=d.get("text") or "", evidence=d.get("evidence") or "",
        percent=d.get("percent"), person=d.get("person") or "", agency=d.get("agency") or "",
        at=d["at"], source=d.get("source") or "import", id=str(d["id"]), seq=d["seq"],
        token_name=d.get("token_name"),
    )
    clean, reasons = validate_update(u, now)
    if clean is None:
        return None, RowError(i, oid, f"line {i + 1}: " + "; ".join(reasons))
    for k in ("measure_id", "unit"):
        if d.get(k) not in (None, getattr(clean, k)):
            return None, RowError(i, oid, f"line {i + 1}: {k} {d[k]!r} does not match the obligation id")
    for k in ("measure_fp", "measure_text"):
        if not isinstance(d.get(k) or "", str):
            return None, RowError(i, oid, f"line {i + 1}: {k} must be text, not {d[k]!r}")
    # an export older than fingerprints has neither: taken as matching its measure
    clean.measure_text = d.get("measure_text") or ""
    clean.measure_fp = d.get("measure_fp") or fingerprint(clean.measure_text)
    return clean, None


def _import_anchor_steps(store: Any, rows: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Re-anchor the loaded documents the imported updates belong to (their groups with
    the stored ones), in the import's transaction: an export taken before a reload that
    moved a clause is read the way the live store read it."""
    docs = sorted({document_of(r["measure_id"]) for r in rows if r["measure_fp"]})
    measures_of = {d: ms for d in docs if (ms := store.read("document_measures", {"document": d}))}
    groups = [Group(r["measure_id"], r["measure_fp"], r["measure_text"]) for r in rows]
    return anchor_steps(store, measures_of, groups) if measures_of else []


def import_progress(store: Any, lines: Iterable[str], now: dt.datetime | None = None) -> ImportResult:
    """Take back an export: every line checked, then the updates whose id is not stored
    yet written in ONE transaction (re-importing the same export adds nothing).  Any bad
    line: nothing is written.  Updates of measures that are not loaded are kept (they
    show as orphans): an export may be imported before every document is back."""
    now = now or now_utc()
    result = ImportResult()
    cleans: list[CleanUpdate] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        clean, err = _import_row(i, line, now)
        if err is not None:
            result.errors.append(err)
        elif clean is not None and clean.id not in seen:
            seen.add(clean.id)  # type: ignore[arg-type]
            cleans.append(clean)
    if result.errors:
        return result
    stored: set[str] = set()
    ids = sorted(seen)
    for start in range(0, len(ids), EXPORT_PAGE):
        stored |= {r["id"] for r in store.read("progress_ids", {"ids": ids[start : start + EXPORT_PAGE]})}
    new = [_row(c) for c in cleans if c.id not in stored]
    _write_rows(store, new, _import_anchor_steps(store, new))
    result.added, result.skipped = len(new), len(cleans) - len(new)
    return result
