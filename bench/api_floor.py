"""The dictionary floor of bench/api_bench.py: the same answers, served by a plain dict.

Why: issue 16 measures the API against what the same bytes cost with no graph behind
them -- a FastAPI route that looks the answer up in a dict and ``json.dumps`` it.  The
floor runs in the same bench run, on the same machine, through the same client and
scenarios as the real server, so the ratio between them means something under any load.

``record`` asks a running PolicyGraph server for every path of the scenarios once and
keeps the parsed answers (a pickle in bench/out); ``floor_app`` (a uvicorn factory)
serves them: one catch-all route, dict lookup, ``json.dumps`` with Chinese unescaped.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI, Request, Response

ANSWERS_ENV = "POLICYGRAPH_FLOOR_ANSWERS"


def record(base: str, paths: list[str], out: Path, log: Any = None) -> int:
    """Fetch each distinct path from the server at ``base`` (JSON) and pickle the parsed
    answers to ``out``; returns how many were kept.  A path whose answer is not 200 is
    left out (the floor then answers 404 for it, as the client would see an error)."""
    answers: dict[str, Any] = {}
    distinct = sorted(set(paths))
    with httpx.Client(base_url=base, timeout=120, headers={"Accept": "application/json"}) as client:
        for i, path in enumerate(distinct, 1):
            r = client.get(path)
            if r.status_code == 200:
                answers[path] = r.json()
            if log and i % 500 == 0:
                log(f"floor: recorded {i}/{len(distinct)} answers")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pickle.dumps(answers, protocol=pickle.HIGHEST_PROTOCOL))
    return len(answers)


def floor_app() -> Any:  # uvicorn --factory bench.api_floor:floor_app
    """One route for every path: the recorded answer, ``json.dumps`` per request."""
    answers: dict[str, Any] = pickle.loads(Path(os.environ[ANSWERS_ENV]).read_bytes())
    app = FastAPI()

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {"ok": True, "documents": None, "answers": len(answers)}

    @app.get("/{path:path}")
    def answer(path: str, request: Request) -> Response:
        raw = request.scope.get("raw_path") or request.url.path.encode()  # as the client sent it
        query = request.scope.get("query_string", b"")
        key = raw.decode("ascii", "replace") + (f"?{query.decode('ascii', 'replace')}" if query else "")
        got = answers.get(key)
        if got is None:
            return Response(b'{"error":"not recorded"}', status_code=404, media_type="application/json")
        body = json.dumps(got, ensure_ascii=False, separators=(",", ":")).encode()  # as FastAPI renders JSON
        return Response(body, media_type="application/json")

    return app
