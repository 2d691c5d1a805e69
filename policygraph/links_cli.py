"""``policygraph links review`` and ``policygraph links apply``: people judge the links.

    policygraph links review [--out FILE.xlsx|.csv] [--document ID] [--json]
    policygraph links apply FILE --by NAME [--no-relink] [--json]

Why in the shell: reviewing is an administrator's round trip -- write every measure link
with its evidence (and the local measures, to add a missing link), let a person mark
判断 / 备注, store the decisions (append-only, who / when / file row) and relink so they
take effect at once.  Decisions then hold on every later relink (graph.linking.decisions).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.model import PolicyGraphError

DEFAULT_OUT = "链接审核.xlsx"


def _open(args: argparse.Namespace, read_only: bool = False) -> Any:
    from graph.stores import open_store
    from policygraph.settings import settings_from_args

    return open_store(settings_from_args(args), read_only=read_only)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def cmd_links_review(args: argparse.Namespace) -> int:
    """Write the review file (.xlsx or .csv by the suffix of --out)."""
    from reports.link_review import build_review, write_review

    out = Path(args.out or DEFAULT_OUT)
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise PolicyGraphError(f"--out must end in .xlsx or .csv, not {out.name}")
    store = _open(args, read_only=True)
    try:
        review = build_review(store, args.document)
    finally:
        store.close()
    write_review(review, out)
    summary = {"out": str(out), **review.summary()}
    if args.json:
        _print_json(summary)
    else:
        print(f"wrote {out}: {summary['measure_links']} measure link(s) ({summary['decided']} already decided), "
              f"{summary['local_measures']} local measure(s)"
              + (f", {summary['task_links']} task link(s)" if out.suffix.lower() == ".xlsx" else "")
              + "; mark 判断 (正确/错误) and 备注, then: policygraph links apply FILE --by NAME")
        if summary["orphan_decisions"]:
            print(f"note: {summary['orphan_decisions']} decision(s) concern measures no longer loaded (kept; "
                  "GET /links/decisions lists them)", file=sys.stderr)
    return 0


def cmd_links_apply(args: argparse.Namespace) -> int:
    """Check a marked review file, store its decisions (all or nothing), relink."""
    from graph.linking import link_store
    from reports.link_review import apply_review

    path = Path(args.file)
    if not path.is_file():
        raise PolicyGraphError(f"{path}: no such file")
    store = _open(args)
    try:
        if not args.json:
            print(f"checking {path.name} …", file=sys.stderr)
        result = apply_review(store, path.read_bytes(), path.name, args.by)
        for e in result.errors:
            print(e.line(path.name), file=sys.stderr)
        if result.errors:
            raise PolicyGraphError(f"{path.name}: {len(result.errors)} error(s), nothing stored")
        links = None
        if result.written and not args.no_relink:
            if not args.json:
                print("relinking …", file=sys.stderr)
            links = link_store(store)
    finally:
        store.close()
    counts = result.counts()
    if args.json:
        _print_json({**counts, "by": args.by, "links": links})
    else:
        print(f"stored {counts['stored']} decision(s) by {args.by} ({counts['confirmed']} confirmed, "
              f"{counts['rejected']} rejected, {counts['added']} added), {counts['unchanged']} unchanged"
              + (f"; relinked: {links['measure_links']} measure link(s)" if links else ""))
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser], store_options: Callable[..., None]) -> None:
    """Add ``links`` (review, apply) to the ``policygraph`` parser."""
    links = add("links", _usage, "review the measure links: write a review file, apply the decisions marked in it")
    lsub = links.add_subparsers(dest="links_command", required=True)
    p = lsub.add_parser("review", help="write every link with its evidence to .xlsx/.csv for a person to mark")
    p.add_argument("--out", help=f"output file, .xlsx or .csv (default: {DEFAULT_OUT})")
    p.add_argument("--document", help="only the links of this document (as the lower or the upper side)")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=cmd_links_review)
    store_options(p)
    p = lsub.add_parser("apply", help="store the decisions of a marked review file (all or nothing) and relink")
    p.add_argument("file")
    p.add_argument("--by", required=True, help="who made the decisions (recorded with each)")
    p.add_argument("--no-relink", action="store_true", help="store only; the decisions take effect at the next relink")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_links_apply)
    store_options(p)


def _usage(args: argparse.Namespace) -> int:  # pragma: no cover - argparse requires a sub-command
    raise PolicyGraphError("give a sub-command (see --help)")
