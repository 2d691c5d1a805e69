"""``policygraph viz NAME -o FILE``: write an agency's network as a self-contained HTML file."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cmd_viz(args: argparse.Namespace) -> int:
    """Render one agency's neighbourhood with pyvis (offline, JavaScript inlined)."""
    from graph.stores import open_store
    from policygraph.settings import settings_from_args
    from viz.pyvis_export import write_unit_network

    settings = settings_from_args(args)
    out = Path(args.output) if args.output else Path(f"{args.name}-network.html")
    store = open_store(settings, read_only=True)
    try:
        write_unit_network(store, args.name, out)
    finally:
        store.close()
    print(f"wrote {out}")
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser], store_options: Callable[..., None]) -> None:
    """Add the ``viz`` command to the ``policygraph`` parser."""
    p = add("viz", cmd_viz, "write an agency's network as a self-contained HTML file (pyvis, offline)")
    p.add_argument("name", help="单位名称或别名, e.g. 区财政局")
    p.add_argument("-o", "--output", help="output file (default: NAME-network.html)")
    store_options(p)
