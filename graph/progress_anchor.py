"""Progress follows the measure a person reported on, across reloads: fingerprints and
re-anchoring.

Why: a measure id is ``document:number.clause`` (graph.rows), and a clause number is a
position.  When a reloaded document drops a middle clause (19.1..19.4 without 19.2), the
old 19.3 becomes 19.2: without this module the progress entered for the old 19.2 would
silently show under a different measure, and the old 19.3's under the old 19.4's text.

Design (append-only, answer-sized reads):

* Every Progress update records what it was written against: ``measure_fp`` (a short
  hash of the normalised measure text: NFKC, no whitespace) and ``measure_text`` (the
  text itself -- the first ``SNIPPET`` characters are what an orphan report shows, and
  the whole text is what the similarity below needs after a rebuild from an export, when
  the old measures are gone).  Updates without a fingerprint (written before this
  existed, or imported from an old export) are taken as matching the measure at their id.
* A *group* is the (written measure id, fingerprint) of some updates.  Where a group
  belongs is a PURE function of the group and the document's current measures
  (``resolve``): the measure at its id if the fingerprint matches there; else the
  measure of the same document with the same fingerprint (the nearest by item and
  clause); else the most similar measure of the same item number with a character-
  bigram Dice of at least ``SIMILAR`` (a typo correction keeps its progress); else
  nowhere: the group is *orphaned* -- kept, listed by ``progress_orphans`` with its
  snippet, never shown under another measure.
* Only the groups that do NOT stay at their id are stored, as free ``ProgressAnchor``
  nodes keyed by ``measure_id#fingerprint`` (target = the measure they now belong to,
  '' for an orphan).  Progress nodes are never rewritten or deleted.  The anchors of a
  document are recomputed whole -- deleted and written again -- in the SAME transaction
  as every (re)load of that document (StoreOperations.load / load_many) and as every
  import of updates of it (graph.progress_store.import_progress), so they always
  describe the document as loaded.  Being a pure function, an unchanged reload gives the
  same anchors, and export -> clear -> load -> import gives the same mapping.
* Reads stay answer-sized: the rows a read already fetched (by unit, by obligation, by
  measure) are looked up in ProgressAnchor by key; progress moved INTO the measures read
  is found from the anchors whose target is one of them (``rows_of_measures``).

Nothing here imports above graph/: the store protocol is duck-typed (``read``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# Characters of the measure text an orphan report shows.
SNIPPET = 40
# Dice of character bigrams at or above which a changed measure is "the same measure,
# corrected" (one character changed in a 30-character clause gives 0.93).
SIMILAR = 0.9
FP_LENGTH = 16
KEY_SEP = "#"

_SPACE = re.compile(r"\s+")


# -- fingerprints ----------------------------------------------------------------------


def normalise(text: str | None) -> str:
    """The text compared: NFKC (full/half width alike), every whitespace removed."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))


def fingerprint(text: str | None) -> str:
    """A short stable hash of the normalised text ('' for no text)."""
    norm = normalise(text)
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:FP_LENGTH] if norm else ""


def snippet(text: str | None) -> str:
    """The first SNIPPET characters of the text, for people."""
    s = (text or "").strip()
    return s if len(s) <= SNIPPET else s[:SNIPPET] + "…"


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1)) if len(text) > 1 else Counter([text])


def dice(a: str | None, b: str | None) -> float:
    """Dice coefficient of the character-bigram multisets of the normalised texts."""
    x, y = _bigrams(normalise(a)), _bigrams(normalise(b))
    total = sum(x.values()) + sum(y.values())
    return 2 * sum((x & y).values()) / total if total else 0.0


def anchor_key(measure_id: str, fp: str) -> str:
    return f"{measure_id}{KEY_SEP}{fp}"


def document_of(measure_id: str) -> str:
    """The document id of a measure id (``document:number.clause``)."""
    return measure_id.rpartition(":")[0]


def _position(measure_id: str) -> tuple[int, int] | None:
    """(number, clause) of a measure id, None if it is not of that shape."""
    _, _, nc = measure_id.rpartition(":")
    number, _, clause = nc.partition(".")
    try:
        return int(number), int(clause)
    except ValueError:
        return None


# -- resolving a group -----------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """Updates written on ``measure_id`` against the text whose fingerprint is ``fp``."""

    measure_id: str
    fp: str
    text: str = ""


@dataclass(frozen=True)
class Anchor:
    """Where a group belongs when not at its id: ``target`` ('' = orphaned)."""

    key: str
    document_id: str
    measure_id: str
    fp: str
    target: str
    method: str  # "text" (same text elsewhere), "similar", "orphan"
    score: float
    snippet: str

    def row(self) -> dict[str, Any]:
        return {"id": self.key, "document_id": self.document_id, "measure_id": self.measure_id,
                "fingerprint": self.fp, "target": self.target, "method": self.method,
                "score": float(self.score), "snippet": self.snippet}


def resolve(group: Group, measures: Sequence[dict[str, Any]]) -> Anchor | None:
    """Where ``group`` belongs among ``measures`` (the document's current ones: id,
    number, clause, text); None when it stays at its id (see the module docstring)."""
    if not group.fp:
        return None  # no fingerprint: taken as matching
    at = next((m for m in measures if m["id"] == group.measure_id), None)
    if at is not None and fingerprint(at["text"]) == group.fp:
        return None
    pos = _position(group.measure_id)

    def nearness(m: dict[str, Any]) -> tuple[int, int, str]:
        if pos is None:
            return (1, 0, m["id"])
        return (int(m["number"] != pos[0]), abs(int(m["clause"]) - pos[1]), m["id"])

    def anchor(target: str, method: str, score: float) -> Anchor | None:
        if target == group.measure_id:
            return None
        return Anchor(anchor_key(group.measure_id, group.fp), document_of(group.measure_id), group.measure_id,
                      group.fp, target, method, score, snippet(group.text))

    same = sorted((m for m in measures if fingerprint(m["text"]) == group.fp), key=nearness)
    if same:
        return anchor(same[0]["id"], "text", 1.0)
    if group.text and pos is not None:
        scored = [(dice(group.text, m["text"]), m) for m in measures if int(m["number"]) == pos[0]]
        scored = [(s, m) for s, m in scored if s >= SIMILAR]
        if scored:
            score, best = min(scored, key=lambda sm: (-sm[0], nearness(sm[1])))
            return anchor(best["id"], "similar", round(score, 4))
    return anchor("", "orphan", 0.0)


def resolve_all(groups: Iterable[Group], measures_of: dict[str, Sequence[dict[str, Any]]]) -> list[Anchor]:
    """The anchors of every group whose document is in ``measures_of`` (by document id)."""
    out: dict[str, Anchor] = {}
    for g in groups:
        doc = document_of(g.measure_id)
        if doc not in measures_of:
            continue
        a = resolve(g, measures_of[doc])
        if a is not None:
            out[a.key] = a
    return [out[k] for k in sorted(out)]


# -- the write steps -------------------------------------------------------------------


def stored_groups(store: Any, document_ids: Sequence[str]) -> list[Group]:
    """The groups of the stored progress of these documents (one read)."""
    if not document_ids:
        return []
    rows = store.read("progress_groups", {"prefixes": [f"{d}:" for d in sorted(set(document_ids))]})
    wanted = set(document_ids)
    return [Group(r["measure_id"], r["fp"] or "", r["text"] or "") for r in rows
            if document_of(r["measure_id"]) in wanted]


def anchor_steps(
    store: Any,
    measures_of: dict[str, Sequence[dict[str, Any]]],
    extra: Iterable[Group] = (),
) -> list[tuple[str, dict[str, Any]]]:
    """The write steps that recompute the anchors of the documents of ``measures_of``
    (document id -> its measures as they will be once the transaction commits), for the
    stored progress plus ``extra`` groups (updates written in the same transaction).
    No steps when none of these documents has progress."""
    docs = sorted(measures_of)
    groups = set(stored_groups(store, docs)) | {g for g in extra if document_of(g.measure_id) in measures_of}
    if not groups:
        return []
    steps: list[tuple[str, dict[str, Any]]] = [("progress_anchor_clear", {"document_ids": docs})]
    anchors = resolve_all(sorted(groups, key=lambda g: (g.measure_id, g.fp, g.text)), measures_of)
    if anchors:
        steps.append(("progress_anchor_write", {"rows": [a.row() for a in anchors]}))
    return steps


def load_anchor_steps(store: Any, rows_of: Sequence[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """``anchor_steps`` for documents about to be (re)loaded (``graph.rows.document_rows``
    of each): run in the load's transaction."""
    return anchor_steps(store, {r["document"]["id"]: r["measures"] for r in rows_of})


# -- reading through the anchors -------------------------------------------------------


def _fp(row: dict[str, Any]) -> str:
    return row.get("measure_fp") or ""


def anchors_of(store: Any, rows: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The stored anchors of these Progress rows' groups, by key (one keyed read)."""
    keys = sorted({anchor_key(r["measure_id"], _fp(r)) for r in rows if _fp(r)})
    return {a["id"]: a for a in store.read("progress_anchors_get", {"ids": keys})} if keys else {}


def place(
    rows: Iterable[dict[str, Any]], anchors: dict[str, dict[str, Any]], *, keep_orphans: bool = False
) -> list[dict[str, Any]]:
    """Each row as read: ``obligation_id``/``measure_id`` those of the measure it belongs
    to, ``anchored_from`` the written obligation id when it was moved there (else None).
    Rows of orphaned groups are left out unless ``keep_orphans`` (their ids stay the
    written ones)."""
    out = []
    for r in rows:
        a = anchors.get(anchor_key(r["measure_id"], _fp(r))) if _fp(r) else None
        if a is not None and not a["target"] and not keep_orphans:
            continue
        r = dict(r)
        r["anchored_from"] = None
        if a is not None and a["target"]:
            r["anchored_from"] = r["obligation_id"]
            r["measure_id"], r["obligation_id"] = a["target"], f"{a['target']}|{r['unit']}"
        out.append(r)
    return out


def placed(store: Any, rows: list[dict[str, Any]], *, keep_orphans: bool = False) -> list[dict[str, Any]]:
    """``place`` with the anchors read for these rows."""
    return place(rows, anchors_of(store, rows), keep_orphans=keep_orphans)


def rows_of_measures(store: Any, measure_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every update that belongs to these measures, placed: those written on them and
    not moved away, and those moved to them from other ids."""
    ids = sorted(set(measure_ids))
    if not ids:
        return []
    rows = store.read("progress_of_measures", {"ids": ids})
    inbound = store.read("progress_anchors_into", {"ids": ids})
    if inbound:
        keys = {a["id"] for a in inbound}
        mids = sorted({a["measure_id"] for a in inbound} - set(ids))
        more = store.read("progress_of_measures", {"ids": mids}) if mids else []
        rows += [r for r in more if anchor_key(r["measure_id"], _fp(r)) in keys]
    wanted = set(ids)
    return [r for r in placed(store, rows) if r["measure_id"] in wanted]


def orphan_rows(store: Any) -> list[dict[str, Any]]:
    """Every update that belongs to no measure: its group is orphaned by its document's
    current text, or its measure is not in the graph and it was not moved elsewhere."""
    missing = store.read("progress_orphans")
    orphaned = store.read("progress_anchor_orphans")
    rows = list(missing)
    if orphaned:
        keys = {a["id"] for a in orphaned}
        mids = sorted({a["measure_id"] for a in orphaned})
        rows += [r for r in store.read("progress_of_measures", {"ids": mids})
                 if anchor_key(r["measure_id"], _fp(r)) in keys]
    seen: set[str] = set()
    out = []
    for r in placed(store, rows, keep_orphans=True):
        if r["anchored_from"] is None and r["id"] not in seen:
            seen.add(r["id"])
            out.append(r)
    return sorted(out, key=lambda r: (r["obligation_id"], r["at"], int(r["seq"] or 0), r["id"]))
