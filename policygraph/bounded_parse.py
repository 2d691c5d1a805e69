"""Parse an uploaded document in a child process, within a time and a measure limit.

Why a child process: a parse is pure Python; in the server's process a large or hostile
document would hold the interpreter (and with it every other request) for as long as
it runs, and a thread cannot be stopped.  In a child (forked from a forkserver that has
the loaders imported, so a parse starts in milliseconds) the parse runs beside the
server, is killed at the time limit, and its memory is returned to the system when it
ends.  Nothing here touches a store: the parse is done before any store lock is taken.

Errors come back as plain tuples (a DocumentError does not survive pickling) and name
the uploaded file by its given name, never by the temporary path it was parsed from.
"""

from __future__ import annotations

import multiprocessing
import tempfile
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from graph.model import DocumentError, ParsedDocument, PolicyGraphError


class UploadTooLarge(PolicyGraphError):
    """More measures than the per-upload limit (HTTP 413)."""


class UploadTimeout(PolicyGraphError):
    """The parse did not finish within the server's time limit (HTTP 422)."""


_CTX: Any = None


def _context() -> Any:
    global _CTX
    if _CTX is None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["loaders", "graph.model"])
        _CTX = ctx
    return _CTX


def _scrub(text: str, tmp: str, name: str) -> str:
    """``text`` with the temporary path replaced by the given file name."""
    return text.replace(f"{tmp}/{name}", name).replace(tmp, "<upload>")


def _child(path: str, name: str, max_measures: int, conn: Connection) -> None:
    """Runs in the child: parse, check the measure count, send the result or the error."""
    tmp = str(Path(path).parent)
    try:
        from loaders import load_document

        parsed = load_document(path)
        if len(parsed.measures) > max_measures:
            conn.send(("too_large", len(parsed.measures)))
            return
        parsed.document.source = name
        for w in parsed.warnings:
            w.file = _scrub(str(w.file), tmp, name) if w.file else w.file
        conn.send(("ok", parsed))
    except DocumentError as e:
        conn.send(("document", _scrub(e.reason, tmp, name), e.line))
    except (ValueError, UnicodeError, LookupError, RecursionError, MemoryError) as e:
        conn.send(("unreadable", _scrub(f"{type(e).__name__}: {e}", tmp, name)[:500], None))
    finally:
        conn.close()


def parse_upload(data: bytes, name: str, *, timeout: float, max_measures: int) -> ParsedDocument:
    """Parse ``data`` (a file named ``name``: already a safe base name) in a child process.

    Raises DocumentError (naming ``name``) for a bad document, UploadTooLarge past
    ``max_measures``, UploadTimeout past ``timeout`` seconds (the child is killed)."""
    ctx = _context()
    with tempfile.TemporaryDirectory(prefix="policygraph-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        receiver, sender = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(str(path), name, max_measures, sender), daemon=True)
        proc.start()
        sender.close()
        try:
            if not receiver.poll(timeout):
                raise UploadTimeout(
                    f"{name}: parsing took longer than {timeout:g} s (POLICYGRAPH_UPLOAD_TIMEOUT)"
                )
            try:
                result = receiver.recv()
            except EOFError:  # the child died (killed for memory, crashed)
                raise DocumentError(name, "the document could not be parsed (the parser stopped)") from None
        finally:
            receiver.close()
            if proc.is_alive():
                proc.kill()
            proc.join(5)
    kind = result[0]
    if kind == "ok":
        return result[1]
    if kind == "too_large":
        raise UploadTooLarge(
            f"{name}: {result[1]} measures, more than the limit of {max_measures} per upload "
            "(POLICYGRAPH_MAX_UPLOAD_MEASURES)"
        )
    if kind == "document":
        raise DocumentError(name, result[1], result[2])
    raise DocumentError(name, f"cannot read document: {result[1]}")
