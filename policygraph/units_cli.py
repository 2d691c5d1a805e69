"""``policygraph units [--government G] [--json]``: the agencies with their counts.

Why: a user who does not know an agency's exact name (区财政局? 财政局?) needs the list the
API serves (GET /units) from the shell too, filtered to the government they work for.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from graph.model import NotFoundError

ROLE_COLUMNS = ("lead", "support", "joint", "shared")
HEADINGS = ("单位 agency", "层级", "所属政府 government", "牵头", "配合", "共同", "集体", "合计")


def _total(row: dict[str, Any]) -> int:
    return sum(int(row.get(k) or 0) for k in ROLE_COLUMNS)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def format_table(rows: list[dict[str, Any]]) -> str:
    """A plain aligned table (agency, level, government, counts by role, total)."""
    lines = [[r["name"], r.get("level") or "", r.get("government") or ""]
             + [str(int(r.get(k) or 0)) for k in ROLE_COLUMNS] + [str(_total(r))] for r in rows]
    widths = [max([_width(h)] + [_width(line[i]) for line in lines]) for i, h in enumerate(HEADINGS)]
    out = ["  ".join(_pad(h, widths[i], i >= 3) for i, h in enumerate(HEADINGS))]
    out += ["  ".join(_pad(c, widths[i], i >= 3) for i, c in enumerate(line)) for line in lines]
    return "\n".join(out)


def cmd_units(args: argparse.Namespace) -> int:
    """List agencies (busiest first) with how many measures each leads, supports, shares."""
    from graph.stores import open_store
    from policygraph.settings import settings_from_args
    from queries.units import suggest, unit_rows

    settings = settings_from_args(args)
    store = open_store(settings, read_only=True)
    try:
        rows = unit_rows(store, government=args.government)
        if args.government and not rows:
            governments = sorted({r.get("government") for r in unit_rows(store) if r.get("government")})
            raise NotFoundError(f"未找到政府 (unknown government): {args.government}",
                                suggestions=suggest(args.government, governments))
    finally:
        store.close()
    rows = sorted(rows, key=lambda r: (-_total(r), r["name"]))
    if args.json:
        data = [{**r, "total": _total(r)} for r in rows]
        sys.stdout.write(json.dumps({"data": data, "count": len(data)}, ensure_ascii=False, indent=2) + "\n")
    else:
        print(format_table(rows))
        print(f"{len(rows)} 个单位 agencies" + (f"（{args.government}）" if args.government else ""))
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser], store_options: Callable[..., None]) -> None:
    """Add the ``units`` command to the ``policygraph`` parser."""
    p = add("units", cmd_units, "list agencies with their counts (lead / support / joint / shared)")
    p.add_argument("--government", help="only this government's agencies, e.g. 西青区人民政府")
    p.add_argument("--json", action="store_true", help="print JSON ({data, count}) instead of a table")
    store_options(p)
