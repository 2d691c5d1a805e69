"""Stamps that keep the read model honest: every write transaction says what it made stale.

Why in the stores' write path and not in each caller: the read model (queries/read_model.py)
holds each agency's answer in the store, and any write that changes the graph -- a load,
a reload, an upload, a relink, a reporting cycle, a clear, and whatever write is added
later -- must make those answers stale in the SAME transaction (a stamp written after
the commit would let a reader build from the new graph under the old stamp, one written
before would let it build from the old graph under the new one).  So both stores pass
every batch through ``stamped`` before running it, and no write path can forget.

The cost at write time is one or two keyed MERGEs; the records are rebuilt lazily by the
first reader of each agency.  A progress write only touches the units it was written
for (their answers alone carry its state); a token write touches nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

Steps = list[tuple[str, dict[str, Any]]]

# Writes that change no agency's answer (the read model's own writes, tokens) or only
# those of the units they name (progress: see ``_progress_units``).
NEUTRAL = frozenset({
    "read_model_bump", "read_model_touch_units", "read_model_put_unit", "read_model_drop_chunks",
    "read_model_meta_init", "read_model_put_measures",
    "token_create", "token_revoke",
    "link_decision_append",  # a decision changes links only through the relink that follows it
    "search_stamp_set",
})
PROGRESS = frozenset({"progress_append", "progress_set_percent"})


def _progress_units(steps: Steps) -> list[str]:
    return sorted({row["unit"] for name, params in steps if name == "progress_append"
                   for row in params.get("rows") or [] if row.get("unit")})


def stamped(steps: Steps) -> Steps:
    """``steps`` plus the stamp its writes call for: a new graph generation when any step
    may change the graph, else the versions of the units a progress write names."""
    names = {name for name, _ in steps}
    if not names or names <= NEUTRAL:
        return steps
    token = uuid.uuid4().hex
    if names <= NEUTRAL | PROGRESS:
        units = _progress_units(steps)
        return steps + [("read_model_touch_units", {"units": units, "token": token})] if units else steps
    return steps + [bump(token)]


def bump(token: str | None = None) -> tuple[str, dict[str, Any]]:
    """The step that makes every record stale (a new graph generation)."""
    return ("read_model_bump", {"token": token or uuid.uuid4().hex})
