"""``policygraph token …`` and ``policygraph progress …``: tokens and progress from the shell.

    policygraph token create --agency 区财政局 [--name NAME]   # prints the secret ONCE
    policygraph token create --admin --name 督查科
    policygraph token list
    policygraph token revoke ID|NAME
    policygraph progress import FILE.xlsx|FILE.csv [--valid-only] [--token-name NAME]
    policygraph progress export [-o FILE.jsonl]              # JSON lines, the whole history
    policygraph progress import-history FILE.jsonl           # restore an export after a rebuild
    policygraph progress set-cycle DOCUMENT monthly|quarterly

Why the shell: whoever holds the store file (or the Neo4j password) is the
administrator; the CLI makes the tokens the offices use over HTTP, and keeps the
history safe across rebuilds.  A ledger imported here is recorded under the token
named by ``--token-name`` (with that token's scope), else as ``cli`` (admin).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.model import PolicyGraphError

CLI_TOKEN_NAME = "cli"


def _open(args: argparse.Namespace, read_only: bool = False) -> Any:
    from graph.stores import open_store
    from policygraph.settings import settings_from_args

    settings = settings_from_args(args)
    return open_store(settings, read_only=read_only)


def cmd_token_create(args: argparse.Namespace) -> int:
    from graph.tokens import create_token

    store = _open(args)
    try:
        new = create_token(store, agency=args.agency, admin=args.admin, name=args.name)
    finally:
        store.close()
    print(f"created token {new.info.name} ({new.info.scope}, id {new.info.id})", file=sys.stderr)
    print("the secret is shown once; keep it safe (send it as Authorization: Bearer <token>):", file=sys.stderr)
    print(new.secret)
    return 0


def cmd_token_list(args: argparse.Namespace) -> int:
    from graph.tokens import list_tokens

    store = _open(args, read_only=True)
    try:
        tokens = list_tokens(store)
    finally:
        store.close()
    for t in tokens:
        state = f"revoked {t.revoked_at}" if t.revoked else "active"
        print(f"{t.id}\t{t.name}\t{t.scope}\t{t.created_at}\t{state}")
    if not tokens:
        print("no tokens (policygraph token create --agency NAME | --admin)", file=sys.stderr)
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    from graph.tokens import revoke_token

    store = _open(args)
    try:
        info = revoke_token(store, args.key)
    finally:
        store.close()
    print(f"revoked token {info.name} ({info.scope}, id {info.id})")
    return 0


def _cli_token(store: Any, name: str | None) -> Any:
    """The token a CLI import writes with: the live token ``name``, or ``cli`` (admin)."""
    from graph.progress import format_timestamp, now_utc
    from graph.tokens import ADMIN, TokenInfo, list_tokens

    if not name:
        return TokenInfo(CLI_TOKEN_NAME, CLI_TOKEN_NAME, ADMIN, format_timestamp(now_utc()))
    found = [t for t in list_tokens(store) if t.name == name]
    if not found:
        raise PolicyGraphError(f"no token named {name!r} (policygraph token list)")
    if found[0].revoked:
        raise PolicyGraphError(f"token {name} is revoked")
    return found[0]


def cmd_progress_import(args: argparse.Namespace) -> int:
    """Apply a filled-in ledger; print each error as FILE:SHEET:ROW: COLUMN: reason."""
    from reports.ledger_import import import_ledger

    path = Path(args.file)
    if not path.is_file():
        raise PolicyGraphError(f"{path}: no such file")
    store = _open(args)
    try:
        token = _cli_token(store, args.token_name)
        result = import_ledger(store, path.read_bytes(), path.name, token, valid_only=args.valid_only)
    finally:
        store.close()
    for e in result.errors:
        print(f"{path.name}:{e.sheet}:{e.row}: {e.column}: {e.reason}", file=sys.stderr)
    if result.errors and not args.valid_only:
        raise PolicyGraphError(f"{path.name}: {len(result.errors)} error(s), nothing applied (fix them or use --valid-only)")
    print(f"applied {len(result.written)} update(s), {result.unchanged} row(s) unchanged, "
          f"{len(result.errors)} row(s) refused, as {token.name}")
    return 0


def cmd_progress_export(args: argparse.Namespace) -> int:
    from graph.progress_store import export_progress

    store = _open(args, read_only=True)
    try:
        if args.output:
            n = 0
            with open(args.output, "w", encoding="utf-8") as f:
                for line in export_progress(store):
                    f.write(line + "\n")
                    n += 1
            print(f"wrote {args.output}: {n} update(s)", file=sys.stderr)
        else:
            for line in export_progress(store):
                sys.stdout.write(line + "\n")
    finally:
        store.close()
    return 0


def cmd_progress_import_history(args: argparse.Namespace) -> int:
    from graph.progress_store import import_progress

    path = Path(args.file)
    if not path.is_file():
        raise PolicyGraphError(f"{path}: no such file")
    store = _open(args)
    try:
        with open(path, encoding="utf-8") as f:
            result = import_progress(store, f)
    finally:
        store.close()
    for e in result.errors:
        print(f"{path.name}: {e.reason}", file=sys.stderr)
    if result.errors:
        raise PolicyGraphError(f"{path.name}: {len(result.errors)} bad line(s), nothing imported")
    print(json.dumps({"added": result.added, "skipped": result.skipped}, ensure_ascii=False))
    return 0


def cmd_progress_set_cycle(args: argparse.Namespace) -> int:
    from graph.progress_store import set_report_cycle

    store = _open(args)
    try:
        code = set_report_cycle(store, args.document, args.cycle)
    finally:
        store.close()
    print(f"{args.document}: reporting cycle {code}")
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser], store_options: Callable[..., None]) -> None:
    """Add ``token`` and ``progress`` (each with its sub-commands) to the parser."""
    token = add("token", _usage, "write tokens: create (secret shown once), list, revoke")
    tsub = token.add_subparsers(dest="token_command", required=True)
    p = tsub.add_parser("create", help="create a token (prints the secret once)")
    scope = p.add_mutually_exclusive_group(required=True)
    scope.add_argument("--agency", help="the unit the token writes for, e.g. 区财政局")
    scope.add_argument("--admin", action="store_true", help="the supervising office: uploads, closing (已销号)")
    p.add_argument("--name", help="a unique name recorded with every write (default: SCOPE-ID)")
    p.set_defaults(func=cmd_token_create)
    store_options(p)
    p = tsub.add_parser("list", help="list tokens (never their secrets)")
    p.set_defaults(func=cmd_token_list)
    store_options(p)
    p = tsub.add_parser("revoke", help="revoke a token by id or name")
    p.add_argument("key", metavar="ID|NAME")
    p.set_defaults(func=cmd_token_revoke)
    store_options(p)

    progress = add("progress", _usage, "progress: import a filled-in ledger, export/restore the history, reporting cycles")
    psub = progress.add_subparsers(dest="progress_command", required=True)
    p = psub.add_parser("import", help="apply a filled-in ledger (.xlsx or .csv)")
    p.add_argument("file")
    p.add_argument("--valid-only", action="store_true", help="apply the valid rows even if others have errors")
    p.add_argument("--token-name", help="record the updates under this token (and its scope); default: cli (admin)")
    p.set_defaults(func=cmd_progress_import)
    store_options(p)
    p = psub.add_parser("export", help="the whole progress history as JSON lines")
    p.add_argument("-o", "--output", help="write to this file (default: standard output)")
    p.set_defaults(func=cmd_progress_export)
    store_options(p)
    p = psub.add_parser("import-history", help="restore an export (JSON lines); updates already stored are skipped")
    p.add_argument("file")
    p.set_defaults(func=cmd_progress_import_history)
    store_options(p)
    p = psub.add_parser("set-cycle", help="set a document's reporting cycle for its ongoing obligations")
    p.add_argument("document", help="document id")
    p.add_argument("cycle", help="monthly | quarterly (每月 | 每季度)")
    p.set_defaults(func=cmd_progress_set_cycle)
    store_options(p)


def _usage(args: argparse.Namespace) -> int:  # pragma: no cover - argparse requires a sub-command
    raise PolicyGraphError("give a sub-command (see --help)")
