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
candidate is *local*.

Blocking: "upper" is always the measures of ONE document the lower document says it
implements (a district's table -> the city document it cites), never the whole graph.
So "global" means "anywhere in the implemented document, outside the linked task"; a
district citing two loaded documents is linked to each separately.  This is what the
seeds were tuned on (one district, one city document), and it makes the cost of
linking a district the size of that district and its city document.  Thresholds were tuned on tests/expected/measure_links.tsv
(134 hand-checked district measures): precision 0.99, recall 0.88; the highest score
of a truly local measure in its linked task is 0.166 (BEST_FLOOR keeps a margin).
"""

from __future__ import annotations

from functools import lru_cache

from graph.linking.model import MeasureLink, MeasureRec
from graph.linking.text import Tfidf, Vector, clauses, clean, sentences

TASK_THRESHOLD = 0.30
BEST_FLOOR = 0.20  # below TASK_THRESHOLD: link only the best candidate of the linked task
GLOBAL_THRESHOLD = 0.45
SHORT_SENTENCE = 10  # sentences shorter than this (cleaned chars) count proportionally less
SHORT_CLAUSE = 10
CLAUSE_WEIGHT = 0.5  # a copied clause counts, but half as much as a copied sentence


def combine(whole: float, sentence: float, clause: float) -> float:
    return max(whole, sentence, CLAUSE_WEIGHT * clause)


@lru_cache(maxsize=1 << 16)
def prepare(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(cleaned whole text, cleaned sentences, cleaned clauses) of a measure text.  Cached:
    a city document's measures are prepared once, not once per district implementing it."""
    return clean(text), tuple(sentences(text)), tuple(clauses(text))


def dot(a: Vector, b: Vector) -> float:
    """Sum of a[g] * b[g] over a's grams in a's order: the float ``Postings.dots`` gives
    for the same pair (skipping grams b lacks adds nothing: x + 0.0 == x)."""
    acc = 0.0
    get = b.get
    for g, x in a.items():
        y = get(g)
        if y is not None:
            acc += x * y
    return acc


class Postings:
    """An inverted index (gram -> [(slot, weight)]) of the upper measures' vectors; a slot
    is one vector, ``owner[slot]`` the index of its upper measure.

    Why: scoring a lower measure against every upper measure pair by pair walks every
    gram of every pair of sentences; walking the postings of the lower vector's grams
    touches only the pairs that share a gram.  Dot products are accumulated in the
    lower vector's gram order, like ``dot``, so a score is the same float either way."""

    def __init__(self, groups: list[list[tuple[int, Vector]]]) -> None:
        self.owner: list[int] = []
        post: dict[str, list[tuple[int, float]]] = {}
        slot = 0
        for mi, vecs in enumerate(groups):
            for _n, v in vecs:
                self.owner.append(mi)
                for g, y in v.items():
                    lst = post.get(g)
                    if lst is None:
                        post[g] = [(slot, y)]
                    else:
                        lst.append((slot, y))
                slot += 1
        self.post = post

    def dots(self, v: Vector) -> dict[int, float]:
        """slot -> dot product with ``v``, for the slots sharing a gram with it."""
        acc: dict[int, float] = {}
        get, post = acc.get, self.post.get
        for g, x in v.items():
            for slot, y in post(g, ()):
                acc[slot] = get(slot, 0.0) + x * y
        return acc

    def best(self, vecs: list[tuple[int, Vector]], short: int, out: list[float]) -> None:
        """``out[i]`` = the best damped cosine between one of ``vecs`` (lower sentences or
        clauses, with their lengths) and one vector of upper measure ``i``."""
        owner = self.owner
        for n, v in vecs:
            damp = min(1.0, n / short)
            for slot, d in self.dots(v).items():
                s = damp * d
                if s > out[owner[slot]]:
                    out[owner[slot]] = s


Vectors = tuple[Vector, list[tuple[int, Vector]], list[tuple[int, Vector]]]


class Scorer:
    """Similarity of lower measures to the upper measures of ONE document pair.

    The IDF is computed over the sentences of both documents of the pair (as it always
    was): the weights of a pair depend on nothing outside it, so linking one pair costs
    the size of that pair and adding documents elsewhere never changes its scores.
    A lower measure is scored against all upper measures at once through ``Postings``
    (``row``, cached): even for the few candidates of a linked task that is cheaper
    than pair by pair, and the global fallback and task matching by content need the
    whole row anyway.  ``parts`` scores one pair alone (same floats), to explain it."""

    def __init__(self, lower: list[MeasureRec], upper: list[MeasureRec]) -> None:
        self._prep = {m.id: prepare(m.text) for m in lower + upper}
        self.tfidf = Tfidf(s for _w, ss, _c in self._prep.values() for s in ss)
        self._upper = list(dict.fromkeys(m.id for m in upper))
        self._upos = {mid: i for i, mid in enumerate(self._upper)}
        self._vecs: dict[str, Vectors] = {}
        self._index: tuple[Postings, Postings, Postings] | None = None
        self._rows: dict[str, dict[str, float]] = {}

    def _vectors(self, mid: str) -> Vectors:
        """(whole, sentence and clause vectors with their lengths) of one measure."""
        got = self._vecs.get(mid)
        if got is None:
            whole, sents, cls = self._prep[mid]
            vec = self.tfidf.vector
            got = self._vecs[mid] = (
                vec(whole),
                [(len(s), vec(s)) for s in sents],
                [(len(s), vec(s)) for s in cls],
            )
        return got

    def _postings(self) -> tuple[Postings, Postings, Postings]:
        """The upper side's whole, sentence and clause postings (built on first use)."""
        if self._index is None:
            vecs = [self._vectors(mid) for mid in self._upper]
            self._index = (
                Postings([[(0, w)] for w, _s, _c in vecs]),
                Postings([s for _w, s, _c in vecs]),
                Postings([c for _w, _s, c in vecs]),
            )
        return self._index

    def parts_row(self, lower_id: str) -> list[tuple[float, float, float]]:
        """(whole-text cosine, best sentence cosine, best clause cosine) against every
        upper measure, in upper order; short sentences and clauses damped."""
        wv, svecs, cvecs = self._vectors(lower_id)
        pw, ps, pc = self._postings()
        n = len(self._upper)
        whole, best, clause = [0.0] * n, [0.0] * n, [0.0] * n
        for slot, d in pw.dots(wv).items():
            whole[pw.owner[slot]] = d
        ps.best(svecs, SHORT_SENTENCE, best)
        pc.best(cvecs, SHORT_CLAUSE, clause)
        return list(zip(whole, best, clause, strict=True))

    def parts(self, lower_id: str, upper_id: str) -> tuple[float, float, float]:
        """The three parts of one pair's score, computed for that pair alone."""
        lw, ls, lc = self._vectors(lower_id)
        uw, us, uc = self._vectors(upper_id)
        best = max((min(1.0, n / SHORT_SENTENCE) * dot(a, b) for n, a in ls for _m, b in us), default=0.0)
        clause = max((min(1.0, n / SHORT_CLAUSE) * dot(a, b) for n, a in lc for _m, b in uc), default=0.0)
        return dot(lw, uw), best, clause

    def row(self, lower_id: str) -> dict[str, float]:
        """upper measure id -> score of ``lower_id`` against it (computed once)."""
        got = self._rows.get(lower_id)
        if got is None:
            parts = self.parts_row(lower_id)
            got = {uid: round(combine(*p), 4) for uid, p in zip(self._upper, parts, strict=True)}
            self._rows[lower_id] = got
        return got

    def score(self, lower_id: str, upper_id: str) -> float:
        return self.row(lower_id)[upper_id]

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
    scorer = scorer or Scorer(lower, upper)
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
    row = scorer.row(m.id)
    scored = [(row[c.id], c.id) for c in candidates]
    scored = [x for x in scored if x[0] >= threshold]
    if not scored:
        return []
    if only_best:
        top = max(s for s, _ in scored)
        return [MeasureLink(m.id, min(cid for s, cid in scored if s == top), method, top)]
    return [MeasureLink(m.id, cid, method, s) for s, cid in sorted(scored, key=lambda x: x[1])]
