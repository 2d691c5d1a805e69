"""``policygraph check``: the data-quality report of the loaded documents (or of files)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cmd_check(args: argparse.Namespace) -> int:
    """Print the data-quality report; findings are information, so the exit code is 0."""
    from loaders import load_document
    from reports.quality import files_report, format_text, store_report

    parsed = [load_document(Path(f)) for f in args.files]
    if args.files_only:
        report = files_report(parsed)
    else:
        from graph.stores import open_store
        from policygraph.settings import settings_from_args

        settings = settings_from_args(args)
        store = open_store(settings, read_only=True)
        try:
            report = store_report(store, parsed)
        finally:
            store.close()
    if args.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_text(report))
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser], store_options: Callable[..., None]) -> None:
    """Add the ``check`` command to the ``policygraph`` parser."""
    p = add("check", cmd_check, "print the data-quality report (name variants, missing units, early deadlines ...)")
    p.add_argument("files", nargs="*", help="source files of loaded documents (for their parse warnings)")
    p.add_argument("--files-only", action="store_true", help="check the given files alone, without the store")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    store_options(p)
