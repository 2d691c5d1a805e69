"""The ``policygraph`` command line: parse, load, query, serve (and the tools built on them).

Why argparse and thin commands: every command is a few lines over the same layers the
API uses (loaders -> store -> named queries), so the CLI and the API cannot drift.
Errors the user can fix (bad file, locked store, unknown query) print one line and
exit with code 2; they never show a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from graph.model import NotFoundError, PolicyGraphError
from policygraph import (
    check_cli,
    doctor_cli,
    ledger_cli,
    links_cli,
    load_cli,
    progress_cli,
    units_cli,
    viz_cli,
    warm_cli,
)
from policygraph.settings import settings_environment, settings_from_args

EXIT_USER_ERROR = 2


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def cmd_parse(args: argparse.Namespace) -> int:
    """Print the model of one document as JSON."""
    from loaders import load_document

    parsed = load_document(Path(args.file))
    _print_json(parsed.to_dict())
    for w in parsed.warnings:
        print(f"warning: {w.file}:{w.line}: {w.message} {w.text}".rstrip(), file=sys.stderr)
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    """Parse documents and folders (default: the bundled seeds), load them, then link."""
    return load_cli.run(args, settings_from_args(args))


def _parse_params(pairs: Sequence[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            raise PolicyGraphError(f"parameter '{pair}' is not key=value")
        key, value = pair.split("=", 1)
        params[key] = value
    return params


def cmd_query(args: argparse.Namespace) -> int:
    """Run one named read query and print its rows as JSON."""
    from graph.registry import get_registry
    from graph.stores import open_store

    params = get_registry().get(args.name, "read").bind(_parse_params(args.params))
    store = open_store(settings_from_args(args), read_only=True)
    try:
        _print_json(store.read(args.name, params))
    finally:
        store.close()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the API and pages with uvicorn."""
    import uvicorn

    settings = settings_from_args(args)
    if args.workers > 1 and settings.store != "neo4j":
        raise PolicyGraphError(
            "--workers > 1 needs the Neo4j store: the embedded store is a single file that only "
            "one process may hold read-write; use --store neo4j (NEO4J_URI) to run several workers"
        )
    if args.workers > 1:
        # Worker processes build the app from the environment (api.app:create_app), so the
        # flags given here must reach them through it.
        os.environ.update(settings_environment(settings))
        uvicorn.run("api.app:create_app", factory=True, host=args.host, port=args.port, workers=args.workers)
    else:
        from api.app import create_app

        uvicorn.run(create_app(settings), host=args.host, port=args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policygraph", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    def store_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--store", choices=["ladybug", "neo4j"], help="graph store (default: embedded ladybug)")
        p.add_argument("--db", type=Path, help="embedded store path (default: user data folder)")

    p = add("parse", cmd_parse, "print the model of a document as JSON")
    p.add_argument("file")

    p = add("load", cmd_load, "load documents and folders into the store (default: the bundled seeds)")
    load_cli.add_arguments(p)
    store_options(p)

    p = add("query", cmd_query, "run a named read query: policygraph query NAME key=value ...")
    p.add_argument("name")
    p.add_argument("params", nargs="*")
    store_options(p)

    p = add("serve", cmd_serve, "serve the HTTP API and the pages")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1, help="API processes (Neo4j store only)")
    store_options(p)

    for register in (viz_cli.register, ledger_cli.register, check_cli.register, units_cli.register,
                     progress_cli.register, doctor_cli.register, links_cli.register, warm_cli.register):
        register(sub, add, store_options)
    return parser


def error_message(exc: PolicyGraphError) -> str:
    """The one-line message, with the same suggestions the API gives for an unknown name."""
    if isinstance(exc, NotFoundError) and exc.suggestions:
        return f"{exc}；您是否要找 (did you mean): {'、'.join(exc.suggestions)}"
    return str(exc)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except PolicyGraphError as exc:
        print(f"policygraph: {error_message(exc)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
