"""Measure links: each lower-level measure to the higher-level measure(s) it implements.

Score of a (lower, upper) pair = the largest of
  * the TF-IDF cosine of the whole texts (character 2- and 3-grams),
  * the best cosine between one lower sentence and one upper sentence, damped for
    short sentences (a copied sentence inside a longer, localised measure), and
  * half the best cosine between two clauses (split on ，too; "海河工匠" copied at the
    start of a long local sentence).
Candidates come from the linked task first: every one scoring ``TASK_THRESHOLD`` or
more is linked (a measure that merges several city clauses gets several edges), else
the best one if it scores ``BEST_FLOOR`` or more (paraphrases); failing that, every
upper measure is searched with the stricter ``GLOBAL_THRESHOLD``.  A measure with no
candidate is *local*.  Thresholds were tuned on tests/expected/measure_links.tsv
(134 hand-checked district measures): precision 0.99, recall 0.88; the highest score
of a truly local measure in its linked task is 0.166 (BEST_FLOOR keeps a margin).
"""

from __future__ import annotations

from functools import lru_cache

from graph.linking.model import MeasureLink, MeasureRec
from graph.linking.text import Tfidf, Vector, clauses, clean, cosine, sentences

TASK_THRESHOLD = 0.30
BEST_FLOOR = 0.20  # below TASK_THRESHOLD: link only the best candidate of the linked task
GLOBAL_THRESHOLD = 0.45
SHORT_SENTENCE = 10  # sentences shorter than this (cleaned chars) count proportionally less
SHORT_CLAUSE = 10
CLAUSE_WEIGHT = 0.5  # a copied clause counts, but half as much as a copied sentence


def combine(whole: float, sentence: float, clause: float) -> float:
    return max(whole, sentence, CLAUSE_WEIGHT * clause)


class Scorer:
    """Similarity of measure pairs over one corpus of lower + upper measures."""

    def __init__(self, measures: list[MeasureRec]) -> None:
        self._text = {m.id: clean(m.text) for m in measures}
        self._sents = {m.id: sentences(m.text) for m in measures}
        self._clauses = {m.id: clauses(m.text) for m in measures}
        corpus = [s for ss in self._sents.values() for s in ss]
        self.tfidf = Tfidf(corpus)
        self._vec: dict[str, Vector] = {mid: self.tfidf.vector(t) for mid, t in self._text.items()}
        self._svec: dict[str, list[tuple[int, Vector]]] = {
            mid: [(len(s), self.tfidf.vector(s)) for s in ss] for mid, ss in self._sents.items()
        }
        self._cvec: dict[str, list[tuple[int, Vector]]] = {
            mid: [(len(s), self.tfidf.vector(s)) for s in ss] for mid, ss in self._clauses.items()
        }
        self.score = lru_cache(maxsize=None)(self._score)

    def _score(self, lower_id: str, upper_id: str) -> float:
        return round(combine(*self.parts(lower_id, upper_id)), 4)

    def parts(self, lower_id: str, upper_id: str) -> tuple[float, float, float]:
        """(whole-text cosine, best sentence cosine, best clause cosine), short ones damped."""
        whole = cosine(self._vec[lower_id], self._vec[upper_id])
        best = 0.0
        for n, sv in self._svec[lower_id]:
            damp = min(1.0, n / SHORT_SENTENCE)
            for _m, uv in self._svec[upper_id]:
                best = max(best, damp * cosine(sv, uv))
        clause = 0.0
        for n, sv in self._cvec[lower_id]:
            damp = min(1.0, n / SHORT_CLAUSE)
            for _m, uv in self._cvec[upper_id]:
                clause = max(clause, damp * cosine(sv, uv))
        return whole, best, clause

    def measure_score(self, a: MeasureRec, b: MeasureRec) -> float:
        return self.score(a.id, b.id)


def link_measures(
    lower: list[MeasureRec],
    upper: list[MeasureRec],
    task_map: dict[str, str],
    scorer: Scorer | None = None,
    task_threshold: float = TASK_THRESHOLD,
    global_threshold: float = GLOBAL_THRESHOLD,
    best_floor: float | None = None,
) -> tuple[list[MeasureLink], list[str]]:
    """(links, ids of local measures).  ``task_map``: lower task id -> upper task id."""
    scorer = scorer or Scorer(lower + upper)
    best_floor = BEST_FLOOR if best_floor is None else best_floor
    by_task: dict[str, list[MeasureRec]] = {}
    for m in upper:
        by_task.setdefault(m.task_id, []).append(m)
    links: list[MeasureLink] = []
    local: list[str] = []
    for m in lower:
        in_task = by_task.get(task_map.get(m.task_id, ""), [])
        found = _pick(m, in_task, scorer, task_threshold, "task")
        if not found:
            found = _pick(m, in_task, scorer, best_floor, "task_best", only_best=True)
        if not found:
            found = _pick(m, upper, scorer, global_threshold, "global")
        if found:
            links.extend(found)
        else:
            local.append(m.id)
    return links, local


def _pick(
    m: MeasureRec,
    candidates: list[MeasureRec],
    scorer: Scorer,
    threshold: float,
    method: str,
    only_best: bool = False,
) -> list[MeasureLink]:
    scored = [(scorer.score(m.id, c.id), c.id) for c in candidates]
    scored = [x for x in scored if x[0] >= threshold]
    if not scored:
        return []
    if only_best:
        top = max(s for s, _ in scored)
        return [MeasureLink(m.id, min(cid for s, cid in scored if s == top), method, top)]
    return [MeasureLink(m.id, cid, method, s) for s, cid in sorted(scored, key=lambda x: x[1])]
