"""The array scorer (graph/linking/vectors.py) gives the scalar scorer's floats exactly.

``Scorer.parts`` is the plain-Python definition of a pair's score (``Tfidf`` vectors,
one pair at a time); ``Scorer.row`` computes every pair of a document pair at once as
arrays.  These tests compare them with ``==`` (no tolerance) on every pair of the seeds and
on awkward texts, and check that the per-run cache changes nothing."""

from __future__ import annotations

import random

import numpy as np

from graph.linking import corpus_from_parsed
from graph.linking.measures import Scorer, combine, prepared_docs
from graph.linking.model import MeasureRec
from graph.linking.vectors import round4


def _split(c, doc_id):
    return [m for m in c.measures if m.document_id == doc_id]


def _scalar_row(scorer: Scorer, lower_id: str, upper: list[MeasureRec]) -> dict[str, float]:
    return {u.id: round(combine(*scorer.parts(lower_id, u.id)), 4) for u in upper}


def test_every_seed_pair_scores_the_scalar_float(city, district) -> None:
    c = corpus_from_parsed([city, district])
    lower, upper = _split(c, district.document.id), _split(c, city.document.id)
    scorer = Scorer(lower, upper)
    nonzero = 0
    for m in lower:
        row = scorer.row(m.id)
        assert row == _scalar_row(scorer, m.id, upper), m.id
        nonzero += sum(v > 0 for v in row.values())
    assert nonzero > len(lower) * len(upper) // 2  # the comparison is not over zeros


def _rec(mid: str, doc: str, text: str) -> MeasureRec:
    return MeasureRec(mid, doc, f"{doc}:t1", 1, int(mid.rsplit(".", 1)[-1]), text)


AWKWARD = [
    "",  # no text at all: no gram, no sentence, no clause
    "稳",  # one character: the text itself is its only gram
    "加强就业。",  # a sentence with no clause of 6 characters
    "加强就业服务，推进创业带动就业。加强就业服务，推进创业带动就业。",  # a repeated sentence
    "<p>推进 高标准农田建设 2000亩；</p>完善农村基础设施，提升乡村治理水平！",
    "全面落实减税降费政策，市财政局牵头，12月底前完成。",
    "区财政局、区税务局按职责分工负责落实减税降费政策",
]


def test_awkward_texts_score_the_scalar_float() -> None:
    upper = [_rec(f"U:1.{i}", "U", t) for i, t in enumerate(AWKWARD, start=1)]
    lower = [_rec(f"L:1.{i}", "L", t) for i, t in enumerate(reversed(AWKWARD), start=1)]
    scorer = Scorer(lower, upper)
    for m in lower:
        assert scorer.row(m.id) == _scalar_row(scorer, m.id, upper), m.text
    same = scorer.row("L:1.2")["U:1.6"]  # the same sentence on both sides
    assert same == 1.0


def test_a_measure_on_both_sides_counts_once_in_the_idf() -> None:
    """The scalar scorer keeps one text per id (the upper one) and counts its sentences
    once; the arrays do the same."""
    upper = [_rec(f"U:1.{i}", "U", t) for i, t in enumerate(AWKWARD[2:], start=1)]
    lower = [_rec("L:1.1", "L", AWKWARD[5]), upper[1]]
    scorer = Scorer(lower, upper)
    for m in lower:
        assert scorer.row(m.id) == _scalar_row(scorer, m.id, upper), m.id


def test_an_empty_side_scores_nothing() -> None:
    upper = [_rec("U:1.1", "U", AWKWARD[3])]
    assert Scorer([], upper).row("U:1.1") == _scalar_row(Scorer([], upper), "U:1.1", upper)
    assert Scorer(upper, []).row("U:1.1") == {}


def test_one_prepared_upper_serves_every_lower_unchanged(city, district) -> None:
    """The per-run cache keeps the upper document's side only: scoring two lower documents
    against it gives the rows each gets alone, and the side is built once."""
    c = corpus_from_parsed([city, district])
    lower, upper = _split(c, district.document.id), _split(c, city.document.id)
    other = [_rec(f"L2:1.{i}", "L2", t) for i, t in enumerate(AWKWARD, start=1)] + lower[:20]
    prepared = prepared_docs()
    shared_a, shared_b = Scorer(lower, upper, prepared), Scorer(other, upper, prepared)
    for m in lower[::5]:
        assert shared_a.row(m.id) == Scorer(lower, upper).row(m.id)
    for m in other:
        assert shared_b.row(m.id) == Scorer(other, upper).row(m.id)
    assert len(prepared._sides) == 1  # noqa: SLF001  (the cache is what is under test)


def test_round4_is_pythons_round() -> None:
    rng = random.Random(16)
    values = [rng.random() for _ in range(20000)]
    values += [k / 20000 for k in range(20001)]  # every 4-place tie (x.xxxx5), as floats
    values += [0.0, 1.0, 0.125, 0.00005, 0.99995, 1.00005, 2.5e-05, 0.30000000000000004]
    got = round4(np.array(values)).tolist()
    assert got == [round(v, 4) for v in values]
