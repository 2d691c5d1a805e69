"""ParsedDocument -> plain row dicts for the batched ``UNWIND $rows`` load.

Why one module: this is the single place graph ids are derived (tasks, deadlines,
targets, governments), so both stores write exactly the same graph.  Rows are plain
Python (str, int, float, bool, None, lists of str): any driver can take them.

Ids:
  Document  document.id (from the loader, stable per file)
  Task      f"{document_id}:t{task.number}"
  Measure   measure.id (the loader's f"{document_id}:{number}.{clause}")
  Target    f"{measure_id}:g{i}" (i = 1.. in the measure's target list)
  Deadline  f"{kind}:{date}" -- one node per distinct (kind, date); undated deadlines
            (kind "unspecified", undated milestones) get no node, their text stays on
            the Measure (deadline_text, milestones)
  Unit      name (canonical);  Government  name (天津市人民政府 / 西青区人民政府)

Milestones are Deadline nodes (kind "milestone") reached by DUE edges with
``milestone: true`` and ``seq`` 1..; the final deadline's DUE edge has ``milestone:
false`` and ``seq`` 0.  The Measure also carries deadline_kind/deadline_date, so most
queries never need the DUE hop.

LadybugDB types a struct field whose value is None in *every* row as STRING and then
refuses to store it in an INT64/DOUBLE column.  So nullable numbers never travel in
rows: the document is loaded with scalar parameters (``$year`` may be None), and a
target's ``value_max`` goes in a separate step holding only the targets that have one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from graph.model import Document, Measure, ParsedDocument, Task
from graph.normalize import directory

RESPONSIBILITY_TYPES: dict[str, str] = {
    "lead": "LEADS",
    "support": "SUPPORTS",
    "joint": "JOINTLY_RESPONSIBLE",
}



def task_id(document_id: str, task: Task) -> str:
    return f"{document_id}:t{task.number}"


def measure_id(document_id: str, number: int, clause: int) -> str:
    return f"{document_id}:{number}.{clause}"


def target_id(measure_id_: str, index: int) -> str:
    return f"{measure_id_}:g{index}"


def deadline_id(kind: str, date: str) -> str:
    return f"{kind}:{date}"


def document_government(document: Document) -> str | None:
    """The government that issued the document (天津市人民政府 / 西青区人民政府), if known:
    a government of the agency data file named by the issuer or the region, else an
    issuer that is itself a 人民政府."""
    governments = directory()
    if document.issuer:
        known = governments.government(document.issuer)
        if known:
            return known.name
    for known in governments.governments:
        if document.region and document.region == known.region:
            return known.name
    if document.issuer and document.issuer.endswith("人民政府"):
        return document.issuer
    return None


def government_info(name: str) -> dict[str, str] | None:
    """Level and region of a government the agency data file knows."""
    known = directory().resolve(name)
    if known is None or known.kind != "government":
        return None
    return {"level": known.level, "region": known.region or ""}


def _measure_id(doc_id: str, m: Measure) -> str:
    return m.id or measure_id(doc_id, m.number, m.clause)


def document_params(doc: Document) -> dict[str, Any]:
    """Scalar parameters of the ``load_document`` step."""
    return {
        "id": doc.id,
        "title": doc.title,
        "issuer": doc.issuer,
        "doc_number": doc.doc_number,
        "level": doc.level,
        "region": doc.region,
        "published": doc.published,
        "year": doc.year,
        "source": doc.source,
        "format": doc.format,
        "implements_doc_numbers": [r.doc_number or "" for r in doc.implements],
        "implements_titles": [r.title or "" for r in doc.implements],
    }


def leaders_json(m: Measure) -> str:
    """The measure's leaders (责任领导 …: persons, never units) as one JSON text, ``""``
    when it names none: a list of {"name", "title", "label"} as written.

    Why JSON in one STRING and not a STRING[] of "label:name:title": a name or title may
    hold any character, a title may be absent (null, not ""), and both stores and the
    bulk CSV carry one string faithfully; nobody filters on a leader in Cypher."""
    if not m.leaders:
        return ""
    return json.dumps([asdict(x) for x in m.leaders], ensure_ascii=False, separators=(",", ":"))


def warnings_json(parsed: ParsedDocument) -> str:
    """The parse warnings as JSON text, stored on the Document node so the quality report
    reads them from the graph instead of re-parsing source files it may not have."""
    return json.dumps([asdict(w) for w in parsed.warnings], ensure_ascii=False, separators=(",", ":"))


def document_rows(parsed: ParsedDocument) -> dict[str, Any]:
    """Every row list of one document, keyed by the load step that takes it."""
    doc = parsed.document
    doc_id = doc.id
    doc_gov = document_government(doc)

    tasks: dict[str, dict[str, Any]] = {}
    for t in parsed.tasks + [m.task for m in parsed.measures]:
        tid = task_id(doc_id, t)
        tasks.setdefault(
            tid, {"id": tid, "document_id": doc_id, "seq": t.seq, "number": int(t.number), "title": t.title}
        )

    units: dict[str, dict[str, Any]] = {}
    for u in parsed.units:
        units.setdefault(
            u.name,
            {
                "name": u.name,
                "level": u.level,
                "kind": u.kind,
                "government": u.government,
                "collective": bool(u.collective),
                "aliases": [str(a) for a in u.aliases],
            },
        )

    measures: list[dict[str, Any]] = []
    resp: dict[str, list[dict[str, Any]]] = {k: [] for k in RESPONSIBILITY_TYPES}
    seen_resp: set[tuple[str, str, str]] = set()
    deadlines: dict[str, dict[str, Any]] = {}
    due: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    target_ranges: list[dict[str, Any]] = []
    seen_measures: set[str] = set()

    for m in parsed.measures:
        mid = _measure_id(doc_id, m)
        if mid in seen_measures:
            raise ValueError(f"{doc.source or doc_id}: duplicate measure id {mid}")
        seen_measures.add(mid)
        dl = m.deadline
        measures.append(
            {
                "id": mid,
                "document_id": doc_id,
                "task_id": task_id(doc_id, m.task),
                "task_seq": m.task.seq,
                "task_number": int(m.task.number),
                "number": int(m.number),
                "clause": int(m.clause),
                "text": m.text,
                "clause_text": m.clause_text,
                "line": int(m.line),
                "open_ended": bool(m.open_ended),
                "deadline_text": dl.text if dl else None,
                "deadline_kind": dl.kind if dl else None,
                "deadline_date": dl.date if dl else None,
                "deadline_action": dl.action if dl else None,
                "before_publication": bool(dl.before_publication) if dl else False,
                "milestones": [ms.text for ms in dl.milestones] if dl else [],
                "leaders": leaders_json(m),
            }
        )
        for r in m.responsibilities:
            key = (r.unit, mid, r.role)
            if key in seen_resp:
                continue
            seen_resp.add(key)
            resp[r.role].append(
                {
                    "unit": r.unit,
                    "measure": mid,
                    "role": r.role,
                    "order": int(r.order),
                    "open_ended": bool(m.open_ended),
                    "as_written": r.as_written,
                }
            )
            if r.unit not in units:  # a unit the loader did not list: keep the graph whole
                units[r.unit] = {
                    "name": r.unit,
                    "level": "unknown",
                    "kind": "collective" if r.collective else "unknown",
                    "government": None,
                    "collective": bool(r.collective),
                    "aliases": [],
                }
            elif r.collective:
                units[r.unit]["collective"] = True
        if dl:
            steps = [(dl.kind, dl.date, False, dl.text, dl.action, bool(dl.before_publication))]
            steps += [("milestone", ms.date, True, ms.text, ms.action, False) for ms in dl.milestones]
            for seq, (kind, date, is_ms, text, action, before) in enumerate(steps):
                if not date:
                    continue
                did = deadline_id(kind, date)
                deadlines.setdefault(did, {"id": did, "kind": kind, "date": date})
                due.append(
                    {
                        "measure": mid,
                        "deadline": did,
                        "seq": seq,
                        "milestone": is_ms,
                        "text": text,
                        "action": action,
                        "before_publication": before,
                    }
                )
        for i, t in enumerate(m.targets, start=1):
            gid = target_id(mid, i)
            targets.append(
                {
                    "id": gid,
                    "measure_id": mid,
                    "document_id": doc_id,
                    "indicator": t.indicator,
                    "op": t.op,
                    "value": float(t.value),
                    "unit": t.unit,
                    "text": t.text,
                }
            )
            if t.value_max is not None:
                target_ranges.append({"id": gid, "value_max": float(t.value_max)})

    governments: dict[str, dict[str, Any]] = {}
    member_of: list[dict[str, Any]] = []
    collective_of: list[dict[str, Any]] = []

    def gov(name: str) -> str:
        if name not in governments:
            info = government_info(name)
            if info is None and name == doc_gov:
                info = {"level": doc.level, "region": doc.region or ""}
            info = info or {"level": "unknown", "region": ""}
            governments[name] = {"name": name, "level": info["level"], "region": info["region"] or None}
        return name

    if doc_gov:
        gov(doc_gov)
    for u in units.values():
        if u["collective"]:
            g = u["government"] or doc_gov  # 有关部门 without a government: the issuer's
            if g:
                collective_of.append({"unit": u["name"], "government": gov(g)})
        elif u["government"]:
            member_of.append({"unit": u["name"], "government": gov(u["government"])})

    return {
        "document": document_params(doc) | {"warnings": warnings_json(parsed)},
        "governments": sorted(governments.values(), key=lambda r: r["name"]),
        "units": sorted(units.values(), key=lambda r: r["name"]),
        "member_of": member_of,
        "collective_of": collective_of,
        "tasks": list(tasks.values()),
        "measures": measures,
        "leads": resp["lead"],
        "supports": resp["support"],
        "joint": resp["joint"],
        "deadlines": sorted(deadlines.values(), key=lambda r: r["id"]),
        "due": due,
        "targets": targets,
        "target_ranges": target_ranges,
    }


# Rows per statement: a statement's parameters are converted holding the interpreter
# lock, so a 20,000-measure upload is cut into statements of this many rows (one
# transaction still) and the server's other requests run between them.
ROW_CHUNK = 2000

# (step name, row key): the batched upserts, in dependency order.  Each names what it
# writes in a load's summary ("units", "measures" ...).
_ROW_STEPS: list[tuple[str, str]] = [
    ("load_governments", "governments"),
    ("load_units", "units"),
    ("load_member_of", "member_of"),
    ("load_collective_of", "collective_of"),
    ("load_tasks", "tasks"),
    ("load_measures", "measures"),
    ("load_leads", "leads"),
    ("load_supports", "supports"),
    ("load_jointly_responsible", "joint"),
    ("load_deadlines", "deadlines"),
    ("load_due", "due"),
    ("load_targets", "targets"),
    ("load_target_ranges", "target_ranges"),
]

# Steps that run around a summary step on the same rows, cut to the fields they need
# (a statement's rows are converted to engine values field by field, and that conversion is
# most of a batched statement's cost): (before, after), each a tuple of (step, fields).
# The upserts themselves are keyed lookups, never MERGE (queries/write/load_units.cypher:
# LadybugDB's MERGE scans the whole table, so a batch paid for everything already stored --
# 100 documents took 7.5 s into an empty store and 17.5 s into one of 900; issue 16).
_Helper = tuple[str, tuple[str, ...]]
_AROUND: dict[str, tuple[tuple[_Helper, ...], tuple[_Helper, ...]]] = {
    "load_measures": ((), (("load_has_measure", ("id", "task_id")),)),
    "load_targets": ((("load_targets_stale", ("id",)),), ()),
}


def load_steps(parsed: ParsedDocument) -> list[tuple[str, dict[str, Any]]]:
    """The named write steps that (re)load one document, to run in ONE transaction.

    Reload semantics: the document's measures/tasks that the new version no longer has
    are deleted (with their edges), its targets are re-created, and the edges it owns
    (responsibilities, DUE, HAS_MEASURE) are cleared and re-created; kept measures keep
    their ids and so their links (IMPLEMENTS ...).  Units, Governments and Deadlines are
    shared between documents and upserted by key; deadlines left without a DUE edge are removed
    (only those the old version used and the new one drops: a step whose cost is the
    change, not the graph).  The edges the document owns are cleared first, so they are
    CREATEd, not MERGEd (rows are unique per edge: no lookup per row).
    Steps with no rows are left out (LadybugDB cannot type an empty ``$rows``)."""
    return batch_steps([document_rows(parsed)])


def batch_steps(rows_of: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """The write steps that (re)load several documents (``document_rows`` of each) in ONE
    transaction: the same steps as ``load_steps``, each taking the rows of every document.

    Why one step list for 1..N documents: a statement costs a round trip (and a commit
    costs a flush) whatever its size, so a corpus loads in far fewer of both.  The result
    equals loading the documents one after another, provided no two of them share a
    document id or a measure/task/target id (``load_batches`` splits a corpus so):

    * prune/clear steps take every document of the batch (``$documents``: id and that
      document's keep-list; ``$document_ids``), each anchored on its Document;
    * deadlines: a deadline is only removed if no batch document keeps it and no measure
      outside the batch is due on it -- what the sequential loads would leave;
    * shared nodes (governments, units, deadlines) and MEMBER_OF/COLLECTIVE_OF edges are
      de-duplicated here, the later document winning, as a later load would overwrite;
    * one document loads with the scalar ``load_document`` step; several with one
      ``load_documents`` row step plus ``load_document_years`` for those with a year
      (a nullable number never travels in rows, see the module docstring)."""
    ids = [r["document"]["id"] for r in rows_of]
    keep_deadlines = sorted({d["id"] for r in rows_of for d in r["deadlines"]})
    documents = [
        {"id": r["document"]["id"], "measures": [m["id"] for m in r["measures"]], "tasks": [t["id"] for t in r["tasks"]]}
        for r in rows_of
    ]
    steps: list[tuple[str, dict[str, Any]]] = [
        ("link_pending_mark", {}),  # cleared by link_store: a crash before it is repaired at start
        ("load_prune_targets", {"document_ids": ids}),
        # before any DUE edge goes: they still say which deadlines the old versions used
        ("load_gc_deadlines", {"document_ids": ids, "keep": keep_deadlines}),
        ("load_prune_measures", {"documents": documents}),
        ("load_prune_tasks", {"documents": documents}),
        ("load_clear_responsibilities", {"document_ids": ids}),
        ("load_clear_due", {"document_ids": ids}),
        ("load_clear_has_measure", {"document_ids": ids}),
    ]
    steps += document_steps(rows_of)
    for name, key in _ROW_STEPS:
        rows = _merged_rows(key, rows_of)
        before, after = _AROUND.get(name, ((), ()))
        for i in range(0, len(rows), ROW_CHUNK):  # bounded statements, same transaction
            chunk = rows[i : i + ROW_CHUNK]
            steps += [_helper_step(h, chunk) for h in before]
            steps.append((name, {"rows": chunk}))
            steps += [_helper_step(h, chunk) for h in after]
    return steps


def document_steps(rows_of: Sequence[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """The steps that upsert these documents' Document nodes: the scalar ``load_document``
    for one; for several, ``load_documents`` row steps (one statement per ROW_CHUNK
    documents, not one each: 1,000 single upserts cost a first load 6-7 s) plus
    ``load_document_years`` for those with a year (a nullable number never travels in rows)."""
    if len(rows_of) == 1:
        return [("load_document", rows_of[0]["document"])]
    steps: list[tuple[str, dict[str, Any]]] = []
    for i in range(0, len(rows_of), ROW_CHUNK):
        chunk = rows_of[i : i + ROW_CHUNK]
        steps.append(("load_documents", {"rows": [_without_year(r["document"]) for r in chunk]}))
        years = [{"id": r["document"]["id"], "year": r["document"]["year"]} for r in chunk]
        years = [y for y in years if y["year"] is not None]
        if years:
            steps.append(("load_document_years", {"rows": years}))
    return steps


def _helper_step(helper: _Helper, rows: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    name, fields = helper
    return name, {"rows": [{f: row[f] for f in fields} for row in rows]}


def _without_year(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "year"}


# Row keys whose rows several documents share: the key that identifies one row.
_SHARED_KEYS: dict[str, tuple[str, ...]] = {
    "governments": ("name",),
    "units": ("name",),
    "deadlines": ("id",),
    "member_of": ("unit", "government"),
    "collective_of": ("unit", "government"),
}


def _merged_rows(key: str, rows_of: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One step's rows over several documents; shared rows once, the last document's."""
    if len(rows_of) == 1 or key not in _SHARED_KEYS:
        return [row for r in rows_of for row in r[key]]
    fields = _SHARED_KEYS[key]
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows_of:
        for row in r[key]:
            merged[tuple(row[f] for f in fields)] = row
    return list(merged.values())


def _owned_ids(rows: dict[str, Any]) -> set[str]:
    """The ids only this document may own: itself, its tasks, measures and targets."""
    ids = {"d:" + rows["document"]["id"]}
    ids.update("x:" + r["id"] for k in ("tasks", "measures", "targets") for r in rows[k])
    return ids


def load_batches(parsed_docs: list[ParsedDocument], size: int) -> list[list[dict[str, Any]]]:
    """``document_rows`` of the documents, in order, cut into batches of at most ``size``.

    A batch is also cut before a document whose id (or a task/measure/target id) is
    already in it: the batched steps assume disjoint documents, and two versions of one
    document must load one after the other so the later one wins."""
    batches: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    seen: set[str] = set()
    for p in parsed_docs:
        rows = document_rows(p)
        owned = _owned_ids(rows)
        if current and (len(current) >= size or not owned.isdisjoint(seen)):
            batches.append(current)
            current, seen = [], set()
        current.append(rows)
        seen |= owned
    if current:
        batches.append(current)
    return batches


def rows_summary(rows: dict[str, Any]) -> dict[str, int]:
    """What loading one document's rows writes (the ``load_summary`` of its steps)."""
    out: dict[str, int] = {"documents": 1}
    for name, key in _ROW_STEPS:
        if rows[key]:
            out[name.removeprefix("load_")] = len(rows[key])
    return out


def expected_counts(parsed_docs: list[ParsedDocument]) -> dict[str, int]:
    """What loading these documents (into an empty store) must leave, per label/type."""
    acc: dict[str, set[Any]] = {}

    def add(key: str, items: Any) -> None:
        acc.setdefault(key, set()).update(items)

    for p in parsed_docs:
        r = document_rows(p)
        add("Document", [p.document.id])
        add("Task", [t["id"] for t in r["tasks"]])
        add("Measure", [m["id"] for m in r["measures"]])
        add("Unit", [u["name"] for u in r["units"]])
        add("Government", [g["name"] for g in r["governments"]])
        add("Deadline", [d["id"] for d in r["deadlines"]])
        add("Target", [t["id"] for t in r["targets"]])
        add("HAS_TASK", [t["id"] for t in r["tasks"]])
        add("HAS_MEASURE", [m["id"] for m in r["measures"]])
        add("HAS_TARGET", [t["id"] for t in r["targets"]])
        add("LEADS", [(x["unit"], x["measure"]) for x in r["leads"]])
        add("SUPPORTS", [(x["unit"], x["measure"]) for x in r["supports"]])
        add("JOINTLY_RESPONSIBLE", [(x["unit"], x["measure"]) for x in r["joint"]])
        add("DUE", [(x["measure"], x["seq"]) for x in r["due"]])
        add("MEMBER_OF", [(x["unit"], x["government"]) for x in r["member_of"]])
        add("COLLECTIVE_OF", [(x["unit"], x["government"]) for x in r["collective_of"]])
    return {k: len(v) for k, v in acc.items()}


def load_summary(steps: list[tuple[str, dict[str, Any]]]) -> dict[str, int]:
    """What a load wrote: rows per step (documents, units, measures, leads ...)."""
    out: dict[str, int] = {"documents": 1}
    for name, params in steps:
        if name.startswith("load_") and "rows" in params and name not in _HELPER_STEPS:
            key = name.removeprefix("load_")
            out[key] = out.get(key, 0) + len(params["rows"])
    return out


# The steps that only accompany a summary step (_AROUND): not counted twice.
_HELPER_STEPS = frozenset(name for before, after in _AROUND.values() for name, _ in (*before, *after))
