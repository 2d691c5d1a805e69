"""Measure links: each lower-level measure to the higher-level measure(s) it implements.

Text score of a (lower, upper) pair = the largest of
  * the TF-IDF cosine of the whole texts (character 2- and 3-grams; the IDF is taken
    over the sentences of the document pair, so a gram common in the city document
    weighs little),
  * the best cosine between one lower sentence and one upper sentence, damped for
    short sentences (a copied sentence inside a longer, localised measure), and
  * half the best cosine between two clauses (split on ，too; "海河工匠" copied at the
    start of a long local sentence).

Linking, per linked task pair (the district task -> the city task it follows):
  1. *anchors*: every upper measure of the linked task scoring ``TASK_THRESHOLD`` or
     more by text (a measure merging several city clauses gets several);
  2. *evidence*: the measures the district adapts most (local projects and figures)
     keep their city source's place and agencies.  Each lower measure's positional
     window (``structure.windows``: between its neighbours' anchors, never an upper
     measure anchored to another lower measure) is searched with
        evidence = text + W_LEAD * lead overlap + W_UNITS * unit overlap (counterparts)
                   + W_SLOT (same rank in a window shared by as many lower as upper
                   measures) + W_MERGE (between the measure's own anchors)
                   + W_FIGURES (a figure with its unit written in both),
     linking every candidate at ``EVIDENCE_THRESHOLD`` or more; an upper measure
     found so by several lower measures goes to the one with the most evidence;
  3. *global*: a measure still without link is searched in every upper measure of the
     document with the stricter ``GLOBAL_THRESHOLD`` (text only).
A measure with no link is *local*.  Each link keeps its score, its method (task,
task_evidence, global), the features that fired (``evidence``) and whether it is the
lower measure's *primary* link (its best score).

Blocking: "upper" is always the measures of ONE document the lower document says it
implements (a district's table -> the city document it cites), never the whole graph,
so the cost of linking a district is the size of that district and its city document.
Thresholds and weights were set on tests/expected/measure_links.tsv (all 135 district
measures of the seed, 139 carried city measures; README there).  Why no word
segmenter: jieba (the usual one) has had no release since 2020, and on the sample the
character n-grams plus the structural evidence reach the target; what words would
add is covered by the sentence and clause cosines over the pair's IDF.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

import numpy as np

from graph.linking.model import MeasureLink, MeasureRec
from graph.linking.structure import counterpart_map, unit_overlap, windows
from graph.linking.text import Tfidf, Vector, prepare
from graph.linking.vectors import PreparedDocs, Side, pair_parts, round4

TASK_THRESHOLD = 0.30
GLOBAL_THRESHOLD = 0.45
EVIDENCE_THRESHOLD = 0.14
SPAN_FLOOR = 0.20  # text score that is evidence of its own (the former best-in-task floor)
W_LEAD = 0.10
W_UNITS = 0.10
W_SLOT = 0.05
W_MERGE = 0.10
W_FIGURES = 0.05
SHORT_SENTENCE = 10  # sentences shorter than this (cleaned chars) count proportionally less
SHORT_CLAUSE = 10
CLAUSE_WEIGHT = 0.5  # a copied clause counts, but half as much as a copied sentence

_FIGURE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)?(%|个|家|人|名|亩|吨|头|元|项|张|场)")


def combine(whole: float, sentence: float, clause: float) -> float:
    return max(whole, sentence, CLAUSE_WEIGHT * clause)


def dot(a: Vector, b: Vector) -> float:
    """Sum of a[g] * b[g] over a's grams in a's order (the order the array scorer adds in)."""
    acc = 0.0
    get = b.get
    for g, x in a.items():
        y = get(g)
        if y is not None:
            acc += x * y
    return acc


Vectors = tuple[Vector, list[tuple[int, Vector]], list[tuple[int, Vector]]]
SHORTS = (0, SHORT_SENTENCE, SHORT_CLAUSE)  # damping lengths of whole texts, sentences, clauses


def prepared_docs() -> PreparedDocs:
    """A linking run's cache of prepared documents (``link_pair``'s ``prepared``), with the
    damping lengths of this module."""
    return PreparedDocs(SHORTS)


class Scorer:
    """Similarity of lower measures to the upper measures of ONE document pair.

    The IDF is computed over the sentences of both documents of the pair (as it always
    was): the weights of a pair depend on nothing outside it, so linking one pair costs
    the size of that pair and adding documents elsewhere never changes its scores.
    Every lower measure is scored against every upper measure at once, as arrays
    (``vectors.pair_parts``), on the first ``row`` asked: the task anchors, the global
    fallback and task matching by content all read rows.  ``prepared`` (one per linking
    run) keeps the upper document's side, so a city is cut into grams once for all its
    districts.  ``parts`` scores one pair alone in plain Python (the same floats), to
    explain it and to check the arrays against."""

    def __init__(
        self, lower: list[MeasureRec], upper: list[MeasureRec], prepared: PreparedDocs | None = None
    ) -> None:
        self._text = {m.id: m.text for m in lower + upper}  # one text per id, as the pair sees it
        self._lower = list(dict.fromkeys(m.id for m in lower))
        self._upper = list(dict.fromkeys(m.id for m in upper))
        self._prepared = prepared
        self._vecs: dict[str, Vectors] = {}
        self._rows: dict[str, dict[str, float]] | None = None

    @cached_property
    def tfidf(self) -> Tfidf:
        """The pair's IDF as a scalar object (``parts``; the arrays build their own)."""
        return Tfidf(s for t in self._text.values() for s in prepare(t)[1])

    def _vectors(self, mid: str) -> Vectors:
        """(whole, sentence and clause vectors with their lengths) of one measure."""
        got = self._vecs.get(mid)
        if got is None:
            whole, sents, cls = prepare(self._text[mid])
            vec = self.tfidf.vector
            got = self._vecs[mid] = (
                vec(whole),
                [(len(s), vec(s)) for s in sents],
                [(len(s), vec(s)) for s in cls],
            )
        return got

    def _all_rows(self) -> dict[str, dict[str, float]]:
        """Every lower measure's row, computed as one array per part."""
        if self._rows is None:
            prepared = self._prepared or prepared_docs()
            upper = prepared.side([(mid, self._text[mid]) for mid in self._upper])
            shared = frozenset(self._lower) & frozenset(self._upper)  # counted once in the IDF
            lower = Side([(mid, self._text[mid]) for mid in self._lower], prepared.vocab, shared)
            whole, sentence, clause = pair_parts(lower, upper, len(prepared.vocab))
            scores = round4(np.maximum(np.maximum(whole, sentence), CLAUSE_WEIGHT * clause)).tolist()
            up = self._upper
            self._rows = {mid: dict(zip(up, r, strict=True)) for mid, r in zip(self._lower, scores, strict=True)}
        return self._rows

    def parts(self, lower_id: str, upper_id: str) -> tuple[float, float, float]:
        """The three parts of one pair's score, computed for that pair alone: (whole-text
        cosine, best damped sentence cosine, best damped clause cosine)."""
        lw, ls, lc = self._vectors(lower_id)
        uw, us, uc = self._vectors(upper_id)
        best = max((min(1.0, n / SHORT_SENTENCE) * dot(a, b) for n, a in ls for _m, b in us), default=0.0)
        clause = max((min(1.0, n / SHORT_CLAUSE) * dot(a, b) for n, a in lc for _m, b in uc), default=0.0)
        return dot(lw, uw), best, clause

    def row(self, lower_id: str) -> dict[str, float]:
        """upper measure id -> score of ``lower_id`` against it (every row computed once)."""
        rows = self._all_rows()
        got = rows.get(lower_id)
        if got is None:  # not a lower measure of the pair: score it alone
            got = rows[lower_id] = {u: round(combine(*self.parts(lower_id, u)), 4) for u in self._upper}
        return got

    def score(self, lower_id: str, upper_id: str) -> float:
        return self.row(lower_id)[upper_id]

    def measure_score(self, a: MeasureRec, b: MeasureRec) -> float:
        rows = self._rows  # the common case first: task matching asks this many times
        got = rows.get(a.id) if rows is not None else None
        return got[b.id] if got is not None else self.score(a.id, b.id)


@lru_cache(maxsize=1 << 16)
def figures(text: str) -> frozenset[str]:
    """Figures written with their unit (``75%``, ``2000亩``, ``1万家``): shared ones are
    evidence that two measures speak of the same quantity."""
    return frozenset("".join(m.groups(default="")) for m in _FIGURE_RE.finditer(text or ""))


def link_measures(
    lower: list[MeasureRec],
    upper: list[MeasureRec],
    task_map: dict[str, str],
    scorer: Scorer | None = None,
    task_threshold: float = TASK_THRESHOLD,
    global_threshold: float = GLOBAL_THRESHOLD,
    evidence_threshold: float = EVIDENCE_THRESHOLD,
    counterparts: dict[str, str] | None = None,
) -> tuple[list[MeasureLink], list[str]]:
    """(links, ids of local measures).  ``task_map``: lower task id -> upper task id;
    ``counterparts``: agency -> its upper-level counterpart (default: agencies.csv)."""
    scorer = scorer or Scorer(lower, upper)
    up = counterpart_map() if counterparts is None else counterparts
    by_task: dict[str, list[MeasureRec]] = {}
    for m in upper:
        by_task.setdefault(m.task_id, []).append(m)
    lower_by_task: dict[str, list[MeasureRec]] = {}
    for m in lower:
        lower_by_task.setdefault(m.task_id, []).append(m)
    found: dict[str, list[MeasureLink]] = {}
    for tid, group in lower_by_task.items():
        cands = by_task.get(task_map.get(tid, ""), [])
        if cands:
            for m, links in _link_task(group, cands, scorer, up, task_threshold, evidence_threshold).items():
                found[m] = links
    pos = {m.id: i for i, m in enumerate(upper)}
    out: list[MeasureLink] = []
    local: list[str] = []
    for m in lower:
        links = found.get(m.id) or _global(m, upper, scorer, global_threshold)
        if not links:
            local.append(m.id)
            continue
        top = max(links, key=lambda x: (x.score, -pos[x.upper]))
        out += [
            MeasureLink(x.lower, x.upper, x.method, x.score, x is top, x.evidence)
            for x in sorted(links, key=lambda x: pos[x.upper])
        ]
    return out, local


def _link_task(
    group: list[MeasureRec],
    cands: list[MeasureRec],
    scorer: Scorer,
    up: dict[str, str],
    task_threshold: float,
    evidence_threshold: float,
) -> dict[str, list[MeasureLink]]:
    """Links of one lower task's measures to the measures of the upper task it follows."""
    rows = [scorer.row(m.id) for m in group]
    anchors = [{ui for ui, c in enumerate(cands) if row[c.id] >= task_threshold} for row in rows]
    links: dict[str, list[MeasureLink]] = {
        m.id: [
            MeasureLink(m.id, cands[ui].id, "task", row[cands[ui].id], True, f"text={row[cands[ui].id]:.3f}")
            for ui in sorted(a)
        ]
        for m, row, a in zip(group, rows, anchors, strict=True)
    }
    best: dict[int, tuple[float, int, MeasureLink]] = {}  # upper position -> best positional link
    texted: dict[int, set[int]] = {}  # upper position -> lower measures reaching it by text
    for li, (m, row, win) in enumerate(zip(group, rows, windows(anchors, len(cands)), strict=True)):
        if win is None:
            continue
        own = anchors[li]
        # a measure merging several city measures: its span reaches every candidate it
        # shares a fair amount of text with, anchored or not (23.1 .. 23.4 for 22.1)
        span = [ui for ui, c in enumerate(cands) if row[c.id] >= SPAN_FLOOR]
        for k, ui in enumerate(win.candidates):
            if ui in own:  # already linked by text
                continue
            c = cands[ui]
            text = row[c.id]
            score, fired = text, [f"text={text:.3f}"]
            ov = unit_overlap(m, c, up)
            if ov.lead:
                score += W_LEAD * ov.lead
                fired.append(f"lead_counterpart={ov.lead:.2f}")
            if ov.units:
                score += W_UNITS * ov.units
                fired.append(f"unit_counterpart={ov.units:.2f}")
            if win.peers == len(win.candidates) and win.rank == k:
                score += W_SLOT
                fired.append("slot")
            between = bool(span) and min(span) < ui < max(span)
            if between:
                score += W_MERGE
                fired.append("between_own_links")
            if figures(m.text) & figures(c.text):
                score += W_FIGURES
                fired.append("figures")
            score = round(min(score, 1.0), 4)
            if score < evidence_threshold or (own and not between and text < SPAN_FLOOR):
                # a measure already anchored by text takes more only with text of its own
                # or inside its span: its place is explained, position says nothing more
                continue
            link = MeasureLink(m.id, c.id, "task_evidence", score, True, " ".join(fired))
            if text >= SPAN_FLOOR:  # text of its own: not a positional guess, never exclusive
                links[m.id].append(link)
                texted.setdefault(ui, set()).add(li)
                continue
            prev = best.get(ui)
            if prev is None or (score, -li) > (prev[0], -prev[1]):
                best[ui] = (score, li, link)
    for ui, (_s, li, link) in best.items():
        if not texted.get(ui, set()) - {li}:  # another measure's own text outweighs position
            links[link.lower].append(link)
    return links


def _global(m: MeasureRec, upper: list[MeasureRec], scorer: Scorer, threshold: float) -> list[MeasureLink]:
    """Every upper measure of the document scoring ``threshold`` or more by text."""
    row = scorer.row(m.id)
    return [
        MeasureLink(m.id, c.id, "global", row[c.id], True, f"text={row[c.id]:.3f}")
        for c in upper
        if row[c.id] >= threshold
    ]
