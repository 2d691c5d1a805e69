"""District measures -> city measures against a hand-checked sample.

tests/expected/measure_links.tsv: one row per checked district measure (number.clause),
the city measure(s) it implements (or ``local``), city measures that are *acceptable*
but not required (a loose second parent), and a note.  Precision and recall are over
links; a predicted link counts wrong unless expected or acceptable.
"""

from __future__ import annotations

from graph.linking import corpus_from_parsed
from graph.linking.measures import (
    BEST_FLOOR,
    GLOBAL_THRESHOLD,
    SHORT_CLAUSE,
    SHORT_SENTENCE,
    TASK_THRESHOLD,
    Scorer,
    combine,
)
from graph.linking.model import MeasureRec
from graph.linking.text import Tfidf, clauses, clean, cosine, sentences
from tests.linking.conftest import read_tsv, short


def _sample() -> list[dict[str, str]]:
    return read_tsv("measure_links.tsv")


def _predicted(links) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in links.measures:
        out.setdefault(short(m.lower), set()).add(short(m.upper))
    return out


def test_sample_is_broad(district) -> None:
    rows = _sample()
    ids = {f"{m.number}.{m.clause}" for m in district.measures}
    assert len(rows) >= 40 and {r["district"] for r in rows} <= ids
    tasks = {
        m.task.number for m in district.measures if f"{m.number}.{m.clause}" in {r["district"] for r in rows}
    }
    assert tasks == {t.number for t in district.tasks}, "the sample covers every district task"
    assert sum(r["expected"] == "local" for r in rows) >= 5
    assert sum(";" in r["expected"] for r in rows) >= 3  # merged measures with several parents


def test_precision_and_recall_on_the_hand_checked_sample(links) -> None:
    pred = _predicted(links)
    tp = fp = fn = 0
    wrong: list[str] = []
    missed: list[str] = []
    for r in _sample():
        exp = set() if r["expected"] == "local" else set(r["expected"].split(";"))
        ok = set(filter(None, r["acceptable"].split(";")))
        got = pred.get(r["district"], set())
        tp += len(got & exp)
        fp += len(got - exp - ok)
        fn += len(exp - got)
        wrong += [f"{r['district']}->{c}" for c in sorted(got - exp - ok)]
        missed += [f"{r['district']}->{c}" for c in sorted(exp - got)]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"\nmeasure links on {len(_sample())} hand-checked district measures: "
        f"precision {precision:.3f} ({tp}/{tp + fp}), recall {recall:.3f} ({tp}/{tp + fn}); "
        f"thresholds task {TASK_THRESHOLD}, best-in-task {BEST_FLOOR}, global {GLOBAL_THRESHOLD}"
        f"\n  wrong: {wrong}\n  missed: {missed}"
    )
    assert precision >= 0.9, (precision, wrong)
    assert recall >= 0.8, (recall, missed)


def test_local_initiatives_stay_unlinked(links) -> None:
    pred = _predicted(links)
    local = {short(m) for m in links.local_measures}
    for r in _sample():
        if r["expected"] == "local":
            assert r["district"] in local and r["district"] not in pred, r
    assert "16.6" in local  # 女企业家联席会制度, the example


def test_every_district_measure_is_linked_or_local(links, district) -> None:
    linked = {m.lower for m in links.measures}
    local = set(links.local_measures)
    assert not linked & local
    assert linked | local == {m.id for m in district.measures}


def test_links_carry_method_and_score(links) -> None:
    assert links.measures
    for m in links.measures:
        assert m.method in {"task", "task_best", "global"}
        floor = {"task": TASK_THRESHOLD, "task_best": BEST_FLOOR, "global": GLOBAL_THRESHOLD}[m.method]
        assert floor <= m.score <= 1.0


def test_merged_measure_gets_several_parents(links) -> None:
    pred = _predicted(links)
    assert {"24.1", "24.2", "24.3"} <= pred["23.1"]  # 津产发 + 数字乡村 + 信创 in one district measure


def _naive_score(lower: MeasureRec, upper: MeasureRec, tfidf: Tfidf) -> float:
    """The score as first written: pair by pair, every sentence against every sentence."""
    lw, uw = tfidf.vector(clean(lower.text)), tfidf.vector(clean(upper.text))
    best = max(
        (
            min(1.0, len(a) / SHORT_SENTENCE) * cosine(tfidf.vector(a), tfidf.vector(b))
            for a in sentences(lower.text)
            for b in sentences(upper.text)
        ),
        default=0.0,
    )
    clause = max(
        (
            min(1.0, len(a) / SHORT_CLAUSE) * cosine(tfidf.vector(a), tfidf.vector(b))
            for a in clauses(lower.text)
            for b in clauses(upper.text)
        ),
        default=0.0,
    )
    return round(combine(cosine(lw, uw), best, clause), 4)


def test_indexed_scores_equal_pair_by_pair_scores(city, district) -> None:
    """The inverted-index row scoring is a speed-up only: on the seeds every score equals
    the straightforward pair-by-pair formula (so the tuned thresholds still mean the same)."""
    c = corpus_from_parsed([city, district])
    lower = [m for m in c.measures if m.document_id == district.document.id]
    upper = [m for m in c.measures if m.document_id == city.document.id]
    scorer = Scorer(lower, upper)
    for m in lower[::7]:
        row = scorer.row(m.id)
        for u in upper[::3]:
            assert row[u.id] == _naive_score(m, u, scorer.tfidf), (m.id, u.id)
            assert row[u.id] == round(combine(*scorer.parts(m.id, u.id)), 4)


def test_pairs_are_blocked_by_document(city, district) -> None:
    """A pair's links depend only on its two documents: adding an unrelated document to
    the corpus changes nothing (the IDF and the global fallback stay within the pair)."""
    import dataclasses

    from graph.linking import link_corpus

    c = corpus_from_parsed([city, district])
    alone = link_corpus(c)
    other = dataclasses.replace(
        city.document, id="其他市-2022", doc_number="其他〔2022〕1号", title="其他市文件"
    )
    extra = corpus_from_parsed([city, district, dataclasses.replace(city, document=other)])
    both = link_corpus(extra)
    assert both.measures == alone.measures and both.local_measures == alone.local_measures
