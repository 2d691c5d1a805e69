"""Checks on a whole parsed document, run once the grammar is done (loaders._finish).

Why a module of its own: these rules look across measures (two rows claiming one
number), which the line-by-line grammar modules cannot see; keeping them here leaves
the grammar untouched.
"""

from __future__ import annotations

from graph.model import DocumentError, Measure

_SHOWN = 5  # duplicates named in the message; the rest are counted


def check_unique_measures(measures: list[Measure], source: str) -> None:
    """Refuse a document in which two measures get the same id (a table giving one
    措施序号 twice in a task): loading it would merge two obligations into one.

    Raises DocumentError naming each duplicate number with the lines that hold it;
    ``line`` is the first repeated line."""
    first: dict[str, Measure] = {}
    clashes: list[tuple[Measure, Measure]] = []
    for m in measures:
        key = m.id or f"{m.number}.{m.clause}"
        if key in first:
            clashes.append((first[key], m))
        else:
            first[key] = m
    if not clashes:
        return
    parts = [
        f"measure {b.number}" + (f".{b.clause}" if b.clause > 1 else "") + f" on lines {a.line} and {b.line}"
        for a, b in clashes[:_SHOWN]
    ]
    more = f" (and {len(clashes) - _SHOWN} more)" if len(clashes) > _SHOWN else ""
    raise DocumentError(
        source,
        "duplicate measure number: " + "; ".join(parts) + more + " (each measure needs its own number)",
        clashes[0][1].line,
    )
