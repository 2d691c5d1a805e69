"""``policygraph warm [--unit NAME ...] [--agencies-only] [--json]``: build the read model's records now.

Why: every load or relink makes each agency's stored answer stale (queries/read_model.py),
and the first person to ask for an agency afterwards pays the full composition of its
answer (tens of milliseconds, more for a busy agency at 1,000 documents).  After a big
load an office runs this once, so its users never pay it.  The same for each measure's
record (queries/measure_records.py: what search pages, measures and chains show), unless
``--unit`` or ``--agencies-only`` narrows the run to agencies.  Progress goes to stderr on a
terminal (counts and the agency at hand); a short summary, or JSON with ``--json``, ends it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from typing import Any


def cmd_warm(args: argparse.Namespace) -> int:
    """Rebuild the stale or missing records (all agencies, or the ``--unit`` ones)."""
    from graph.stores import open_store
    from policygraph.settings import settings_from_args
    from queries.measures import warm_measures
    from queries.obligations import warm
    from queries.units import resolve_unit

    settings = settings_from_args(args)
    store = open_store(settings, read_only=False)
    shown = {"at": 0.0}

    def progress(done: int, total: int, name: str) -> None:
        now = time.monotonic()
        if sys.stderr.isatty() and (now - shown["at"] > 0.5 or done == total):
            shown["at"] = now
            print(f"\r  {done}/{total} agencies  {name[:30]}\033[K", end="" if done < total else "\n",
                  file=sys.stderr, flush=True)

    def measure_progress(done: int, total: int) -> None:
        progress(done, total, "measure records")

    t0 = time.perf_counter()
    try:
        names = [resolve_unit(store, n)["name"] for n in args.unit] if args.unit else None
        counts: dict[str, Any] = warm(store, names, progress=None if args.json else progress)
        if not (args.unit or args.agencies_only):
            counts["measures"] = warm_measures(store, progress=None if args.json else measure_progress)
    finally:
        store.close()
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        sys.stdout.write(json.dumps(counts, ensure_ascii=False) + "\n")
    else:
        print(f"read model: {counts['rebuilt']} agency records built, {counts['fresh']} already fresh "
              f"({counts['units']} agencies, {counts['seconds']} s)")
        if "measures" in counts:
            m = counts["measures"]
            print(f"read model: {m['built']} measure records built, {m['fresh']} already fresh "
                  f"({m['records']} records: each measure and its chain)")
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser], store_options: Callable[..., None]) -> None:
    """Add the ``warm`` command to the ``policygraph`` parser."""
    p = add("warm", cmd_warm, "build every agency's stored answer now (after a big load), not on first read")
    p.add_argument("--unit", action="append", default=[], help="only this agency (repeatable)")
    p.add_argument("--agencies-only", action="store_true", help="skip the measure records (search pages, chains)")
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    store_options(p)
