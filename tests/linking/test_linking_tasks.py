"""Every district task follows the right city task (hand-made list of all pairs)."""

from __future__ import annotations

import dataclasses

from graph.linking import link_documents
from graph.model import Task
from tests.linking.conftest import read_tsv, short


def test_every_district_task_linked_to_the_right_city_task(links, district) -> None:
    expected = {f"t{r['district']}": f"t{r['city']}" for r in read_tsv("task_links.tsv")}
    assert len(expected) == 38 == len({t.number for t in district.tasks})
    got = {short(t.lower): short(t.upper) for t in links.tasks}
    assert got == expected
    assert links.unlinked_tasks == []
    assert {t.method for t in links.tasks} == {"title"} and all(t.score == 1.0 for t in links.tasks)


def test_titles_in_the_list_match_the_documents(city, district) -> None:
    city_titles = {t.number: t.title for t in city.tasks}
    district_titles = {t.number: t.title for t in district.tasks}
    for r in read_tsv("task_links.tsv"):
        assert district_titles[int(r["district"])] == r["title"] == city_titles[int(r["city"])]


def test_renamed_task_falls_back_to_content(city, district) -> None:
    """A district heading reworded beyond recognition is still linked, by its measures."""
    renamed = Task("四", 4, "稳就业")  # was 强化就业优先政策 -> city （五）
    measures = [dataclasses.replace(m, task=renamed) if m.task.number == 4 else m for m in district.measures]
    tasks = [renamed if t.number == 4 else t for t in district.tasks]
    changed = dataclasses.replace(district, tasks=tasks, measures=measures)
    got = {short(t.lower): t for t in link_documents(city, changed).tasks}
    assert short(got["t4"].upper) == "t5"
    assert got["t4"].method == "content" and 0 < got["t4"].score <= 1
