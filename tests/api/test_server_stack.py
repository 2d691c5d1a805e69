"""The HTTP stack ``policygraph serve`` runs on: uvicorn's C parser and libuv loop.

Why a test: uvicorn picks httptools and uvloop only when they are installed ("auto"), and
falls back silently to h11 (pure Python) and asyncio's loop, which cost about a third
of a small answer's server CPU (bench/RESULTS.md, issue 16 session 9).  The CLI passes
no ``http``/``loop`` settings, so what "auto" resolves to here is what it serves with."""

from __future__ import annotations

import sys

import pytest
import uvicorn


async def _app(scope, receive, send) -> None:  # pragma: no cover - never called
    raise AssertionError


def test_auto_http_parser_is_httptools() -> None:
    config = uvicorn.Config(_app)  # as policygraph/cli.py: no http= setting
    config.load()
    assert config.http_protocol_class.__module__ == "uvicorn.protocols.http.httptools_impl"


@pytest.mark.skipif(sys.platform == "win32", reason="uvloop is not built for Windows (pyproject marker)")
def test_auto_event_loop_is_uvloop() -> None:
    config = uvicorn.Config(_app)  # as policygraph/cli.py: no loop= setting
    factory = config.get_loop_factory()
    assert factory is not None and factory.__module__.startswith("uvloop")
