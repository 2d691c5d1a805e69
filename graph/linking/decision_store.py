"""Reviewed link decisions in the store: append-only records, read back under the
measures they were made on.

Why free records: a decision ("district 8.1 carries city 8.1: right / wrong") is a
person's judgement, and nothing a person entered is ever lost.  So each decision is one
``LinkDecision`` node (queries/write/link_decision_append.cypher) tied to nothing: a
reload, the pruning of removed measures and every relink leave it alone, only a full
clear removes it (re-applying the review file puts it back: applying is idempotent).
No query updates or deletes one; the last decision of a measure pair is in force.

Each record keeps both measure ids, the fingerprints and texts of both measures as the
reviewer saw them (graph.progress_anchor.fingerprint), the decision, who made it, when,
the source file and row, and the note.  A measure id is a position (document:N.M), so a
reload that drops a clause shifts the ids after it; reading resolves each end the way
progress is re-anchored (graph.progress_anchor.resolve): the measure at the id if its
text is the same, else the measure of that document with the same text, else one
nearly the same in the same item; else the decision is an *orphan* -- kept, listed,
never applied to whatever measure took the number.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.linking.decisions import Decision, document_of
from graph.model import StoreError
from graph.progress_anchor import Group, fingerprint, resolve


@dataclass(frozen=True)
class DecisionRecord:
    """One decision to append (what ``links apply`` read from one row of a file)."""

    lower_id: str
    upper_id: str
    lower_text: str
    upper_text: str
    decision: str  # confirmed | rejected
    decided_by: str
    at: str
    source: str  # the file's name
    source_row: str  # sheet and row as a person sees them: 措施链接!12
    note: str = ""
    lower_fp: str = ""  # '' = the fingerprint of lower_text
    upper_fp: str = ""

    def row(self) -> dict[str, Any]:
        return {
            "id": uuid.uuid4().hex, "lower_id": self.lower_id, "upper_id": self.upper_id,
            "lower_fp": self.lower_fp or fingerprint(self.lower_text),
            "upper_fp": self.upper_fp or fingerprint(self.upper_text),
            "lower_text": self.lower_text, "upper_text": self.upper_text, "decision": self.decision,
            "decided_by": self.decided_by, "at": self.at, "source": self.source,
            "source_row": self.source_row, "note": self.note,
        }


def append_decisions(store: Any, records: Sequence[DecisionRecord]) -> list[dict[str, Any]]:
    """Write the records in ONE transaction (all or nothing); the rows as stored."""
    rows = [r.row() for r in records]
    if rows:
        store.write_batch([("link_decision_append", {"rows": rows})])
    return rows


@dataclass
class Resolved:
    """The stored decisions read under today's measures: ``rows`` in force-order (oldest
    first) with ``lower``/``upper`` set to the current ids, and the ``orphans``."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    orphans: list[dict[str, Any]] = field(default_factory=list)

    def decisions(self) -> list[Decision]:
        return [Decision(r["lower"], r["upper"], r["decision"], r["decided_by"] or "", r["at"] or "",
                         r["note"] or "") for r in self.rows]

    def in_force(self) -> dict[tuple[str, str], dict[str, Any]]:
        """The last decision of each current pair."""
        out: dict[tuple[str, str], dict[str, Any]] = {}
        for r in self.rows:
            out[(r["lower"], r["upper"])] = r
        return out


def _current(measure_id: str, fp: str, text: str, measures: Sequence[dict[str, Any]]) -> str:
    """The id the measure a decision was made on has now ('' when it is gone)."""
    anchor = resolve(Group(measure_id, fp, text), measures)
    if anchor is not None:
        return anchor.target
    return measure_id if any(m["id"] == measure_id for m in measures) else ""


def resolve_rows(rows: Iterable[dict[str, Any]], measures_of: dict[str, Sequence[dict[str, Any]]]) -> Resolved:
    """Pure: each stored row's ends resolved against ``measures_of`` (document id -> its
    measures: id, number, clause, text); a row with an end that is gone is an orphan."""
    out = Resolved()
    for r in rows:
        lower = _current(r["lower_id"], r["lower_fp"] or "", r["lower_text"] or "",
                         measures_of.get(document_of(r["lower_id"]), ()))
        upper = _current(r["upper_id"], r["upper_fp"] or "", r["upper_text"] or "",
                         measures_of.get(document_of(r["upper_id"]), ()))
        if lower and upper:
            out.rows.append({**r, "lower": lower, "upper": upper})
        else:
            out.orphans.append({**r, "lower": lower, "upper": upper})
    return out


def stored_decisions(store: Any) -> Resolved:
    """Every stored decision, resolved under the measures loaded now (one read of the
    decisions, one of each document they touch)."""
    try:
        rows = store.read("link_decisions")
    except StoreError:
        if not getattr(store, "read_only", False):
            raise
        rows = []  # a store opened read-only, made before decisions existed: none recorded
    if not rows:
        return Resolved()
    docs = sorted({document_of(r[k]) for r in rows for k in ("lower_id", "upper_id")})
    measures_of = {d: store.read("document_measures", {"document": d}) for d in docs}
    return resolve_rows(rows, measures_of)


def decisions_for_linking(store: Any) -> list[Decision]:
    """The decisions ``link_store`` lays over the matcher's links (orphans left out)."""
    return stored_decisions(store).decisions()
