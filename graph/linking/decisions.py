"""Reviewed link decisions applied to computed links: a person's word beats the matcher.

Why a pure rule of its own: the matcher is rerun on every load (and, incrementally, on
every upload), and its thresholds change as it improves.  What a reviewer decided
(``policygraph links apply``) must survive all of that, so the decisions are stored
apart from the links (graph.linking.decision_store: append-only LinkDecision records) and laid
over whatever the matcher proposes, in the write path of ``link_store``:

* a **confirmed** pair stays linked even when the matcher no longer proposes it, and a
  pair a reviewer **added** (a local measure given its city measure) is created;
  either way the link's method becomes ``reviewed`` and its evidence says who
  confirmed it (and what the matcher had said, when it had proposed it);
* a **rejected** pair is never written, whatever the matcher scores it;
* the latest decision of a pair is the one in force (decisions are appended, never
  rewritten), so a reviewer may change their mind with a later file.

A reviewed link is only created between documents that are linked in this run (the
lower document implements the upper one): relinking one pair of documents never
creates links of another pair.  Primary links are kept consistent: when the matcher's
primary link of a measure is rejected, its best remaining link becomes primary; a
measure whose links are all rejected becomes local, and a local measure given a link
stops being local.  Target links are left as the matcher made them (they follow
indicators, not measure links alone).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from graph.linking.model import Links, MeasureLink

CONFIRMED = "confirmed"
REJECTED = "rejected"
VERDICTS = (CONFIRMED, REJECTED)
REVIEWED = "reviewed"  # the method of a link a person confirmed or added
ADDED_SCORE = 1.0  # the score of a link the matcher did not propose: a person's certainty


@dataclass(frozen=True)
class Decision:
    """A decision in force on the measure pair (lower, upper), with the current ids."""

    lower: str
    upper: str
    verdict: str  # confirmed | rejected
    by: str
    at: str = ""
    note: str = ""


def document_of(measure_id: str) -> str:
    """The document id of a measure id (``document:number.clause``)."""
    return measure_id.rpartition(":")[0]


def in_force(decisions: Iterable[Decision]) -> dict[tuple[str, str], Decision]:
    """The decision in force per pair: the last one given (decisions come oldest first)."""
    out: dict[tuple[str, str], Decision] = {}
    for d in decisions:
        if d.verdict not in VERDICTS:
            raise ValueError(f"unknown link decision {d.verdict!r} (one of {', '.join(VERDICTS)})")
        out[(d.lower, d.upper)] = d
    return out


def apply_decisions(links: Links, decisions: Iterable[Decision]) -> Links:
    """``links`` with the reviewed decisions laid over its measure links (a new Links;
    the argument is not changed).  See the module docstring for the rule."""
    final = in_force(decisions)
    if not final:
        return links
    doc_pairs = {(d.lower, d.upper) for d in links.documents}
    proposed = {(m.lower, m.upper) for m in links.measures}
    kept: list[MeasureLink] = []
    for m in links.measures:
        d = final.get((m.lower, m.upper))
        if d is None:
            kept.append(m)
        elif d.verdict == CONFIRMED:
            said = f"{m.method} {m.evidence}".strip()
            kept.append(replace(m, method=REVIEWED, evidence=f"confirmed by {d.by}; matcher: {said}"))
    for (lower, upper), d in final.items():
        if d.verdict != CONFIRMED or (lower, upper) in proposed:
            continue
        if (document_of(lower), document_of(upper)) not in doc_pairs:
            continue  # not a document pair linked in this run
        kept.append(MeasureLink(lower, upper, REVIEWED, ADDED_SCORE, False, f"added by {d.by}"))
    measures = _primaries(kept)
    linked = {m.lower for m in measures}
    had_links = {m.lower for m in links.measures}
    local = [x for x in links.local_measures if x not in linked]
    local += sorted(x for x in had_links - linked if x not in local)
    return replace(links, measures=measures, local_measures=local)


def _primaries(measures: list[MeasureLink]) -> list[MeasureLink]:
    """Exactly one primary link per lower measure: the matcher's if it is kept, else the
    best scoring remaining one (the first given on a tie)."""
    by_lower: dict[str, list[int]] = {}
    for i, m in enumerate(measures):
        by_lower.setdefault(m.lower, []).append(i)
    out = list(measures)
    for idx in by_lower.values():
        primaries = [i for i in idx if out[i].primary]
        chosen = primaries[0] if primaries else max(idx, key=lambda i: (out[i].score, -i))
        for i in idx:
            want = i == chosen
            if out[i].primary != want:
                out[i] = replace(out[i], primary=want)
    return out
