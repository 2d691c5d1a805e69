"""``policygraph ledger NAME -o FILE`` (.xlsx or .csv by suffix) and ``--government NAME``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.model import PolicyGraphError


def cmd_ledger(args: argparse.Namespace) -> int:
    """Write the work ledger (工作台账) of an agency or of a whole government."""
    from graph.stores import open_store
    from policygraph.settings import settings_from_args
    from reports.ledger import government_ledger, unit_ledger, write_ledger

    if bool(args.name) == bool(args.government):
        raise PolicyGraphError("give an agency name or --government NAME (one of the two)")
    label = args.government or args.name
    out = Path(args.output) if args.output else Path(f"{label}台账.xlsx")
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise PolicyGraphError(f"-o must end in .xlsx or .csv, not {out.name}")
    settings = settings_from_args(args)
    store = open_store(settings, read_only=True)
    try:
        ledger = government_ledger(store, args.government) if args.government else unit_ledger(store, args.name)
    finally:
        store.close()
    write_ledger(ledger, out)
    counts = ", ".join(f"{sheet} {len(rows)}" for _, sheet, rows in ledger.by_role())
    print(f"wrote {out}: {len(ledger.rows)} rows ({counts})")
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser], store_options: Callable[..., None]) -> None:
    """Add the ``ledger`` command to the ``policygraph`` parser."""
    p = add("ledger", cmd_ledger, "write an agency's (or a government's) work ledger as .xlsx or .csv")
    p.add_argument("name", nargs="?", help="单位名称或别名, e.g. 区财政局")
    p.add_argument("--government", help="a whole government's ledger, e.g. 西青区人民政府")
    p.add_argument("-o", "--output", help="output file, .xlsx or .csv (default: NAME台账.xlsx)")
    store_options(p)
