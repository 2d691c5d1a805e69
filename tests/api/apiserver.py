"""Helpers for the API tests: a uvicorn server in a thread on a free loopback port."""

from __future__ import annotations

from pathlib import Path

from live_server import ServerThread, free_port  # noqa: F401  (re-exported for the API tests)

from policygraph.samples import sample_paths

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sample_paths()  # load order: the city, then the district implementing it
TOKEN = "test-token-0123456789"


