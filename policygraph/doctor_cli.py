"""``policygraph doctor``: report what an interrupted load left behind, and repair it.

Why a command: every load records in its own transaction that the levels must be linked
again, and the linking clears that mark in its transaction (graph/rows.py,
graph/linking).  A crash between the two leaves documents loaded but not tied to the
city ones; `policygraph load` and the server's start finish the job by themselves, and
this command shows the state and repairs it on demand (``--relink`` relinks anyway).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any


def cmd_doctor(args: argparse.Namespace) -> int:
    """Print the store's state; relink when a load is pending its linking (or --relink).
    Exit 0 when the store is (now) whole, 1 when --dry-run found something to repair."""
    from graph.linking import link_store
    from graph.stores import open_store
    from policygraph.pipeline import link_pending
    from policygraph.settings import settings_from_args

    settings = settings_from_args(args)
    store = open_store(settings, read_only=args.dry_run)
    try:
        counts = store.counts()
        pending = link_pending(store)
        report: dict[str, Any] = {
            "store": store.engine,
            "documents": counts.get("Document", 0),
            "measures": counts.get("Measure", 0),
            "link_pending": pending,
            "repaired": None,
        }
        if (pending or args.relink) and not args.dry_run:
            report["repaired"] = link_store(store)
            report["link_pending"] = link_pending(store)
    finally:
        store.close()
    if args.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        state = "a load is waiting for its linking" if pending else "links up to date"
        print(f"store: {report['store']}, {report['documents']} documents, {report['measures']} measures; {state}")
        if report["repaired"] is not None:
            linked = {k: v for k, v in report["repaired"].items() if not isinstance(v, list)}
            print(f"repaired: linked the levels again {json.dumps(linked, ensure_ascii=False)}")
        elif pending:
            print("run `policygraph doctor` without --dry-run to link the levels")
    return 1 if (args.dry_run and pending) else 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser], store_options: Callable[..., None]) -> None:
    """Add the ``doctor`` command to the ``policygraph`` parser."""
    p = add("doctor", cmd_doctor, "report and repair a store left unlinked by an interrupted load")
    p.add_argument("--dry-run", action="store_true", help="report only (opens the store read-only)")
    p.add_argument("--relink", action="store_true", help="link the levels again even if nothing is pending")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    store_options(p)
