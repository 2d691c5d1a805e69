"""Task links: each lower-level task to the higher-level task it follows.

Numbering differs between levels (西青's (四) 强化就业优先政策 is the city's （五）), so
tasks are matched on cleaned titles first, then -- for the ones left -- on content:
how well the lower task's measures match the upper task's measures.
"""

from __future__ import annotations

from collections.abc import Callable

from graph.linking.model import MeasureRec, TaskLink, TaskRec
from graph.linking.text import clean_title, dice

TITLE_SIMILAR = 0.8  # Dice on title bigrams
CONTENT_MIN = 0.3  # mean best measure score for a content match

MeasureScore = Callable[[MeasureRec, MeasureRec], float]


def link_tasks(
    lower: list[TaskRec],
    upper: list[TaskRec],
    lower_measures: list[MeasureRec],
    upper_measures: list[MeasureRec],
    score: MeasureScore,
) -> tuple[list[TaskLink], list[str]]:
    """One upper task per lower task: (links, ids of lower tasks left unlinked)."""
    links: dict[str, TaskLink] = {}
    by_title: dict[str, list[TaskRec]] = {}
    for t in upper:
        by_title.setdefault(clean_title(t.title), []).append(t)
    for t in lower:
        same = by_title.get(clean_title(t.title), [])
        if same:
            best = min(same, key=lambda u: abs(u.number - t.number))
            links[t.id] = TaskLink(t.id, best.id, "title", 1.0)
    for t in lower:
        if t.id in links:
            continue
        key = clean_title(t.title)
        scored = sorted(((dice(key, clean_title(u.title)), u.id) for u in upper), reverse=True)
        if scored and scored[0][0] >= TITLE_SIMILAR:
            links[t.id] = TaskLink(t.id, scored[0][1], "title_similar", round(scored[0][0], 4))
    # content: the mean, over the lower task's measures, of the best score in the upper task
    up_by_task: dict[str, list[MeasureRec]] = {}
    for m in upper_measures:
        up_by_task.setdefault(m.task_id, []).append(m)
    for t in lower:
        if t.id in links:
            continue
        mine = [m for m in lower_measures if m.task_id == t.id]
        if not mine:
            continue
        best_task, best_score = None, 0.0
        for u in upper:
            theirs = up_by_task.get(u.id, [])
            if not theirs:
                continue
            s = sum(max(score(m, c) for c in theirs) for m in mine) / len(mine)
            if s > best_score:
                best_task, best_score = u.id, s
        if best_task and best_score >= CONTENT_MIN:
            links[t.id] = TaskLink(t.id, best_task, "content", round(best_score, 4))
    unlinked = [t.id for t in lower if t.id not in links]
    return sorted(links.values(), key=lambda x: x.lower), unlinked
