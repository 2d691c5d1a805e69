"""District measures -> city measures against a hand-checked sample.

tests/expected/measure_links.tsv: one row per checked district measure (number.clause),
the city measure(s) it implements (or ``local``), city measures that are *acceptable*
but not required (a loose second parent), and a note.  Precision and recall are over
links; a predicted link counts wrong unless expected or acceptable.
"""

from __future__ import annotations

from graph.linking.measures import BEST_FLOOR, GLOBAL_THRESHOLD, TASK_THRESHOLD
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
