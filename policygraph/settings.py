"""One typed settings class for the whole project (environment: POLICYGRAPH_*, NEO4J_*).

Why one class: the CLI, the API and the tests all need the same knobs (which store,
where it lives, how to reach Neo4j).  Settings are built when asked for, never at
import time, so tests can set the environment first.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from graph.model import PolicyGraphError


def default_data_dir() -> Path:
    """The user data folder for the embedded store ($XDG_DATA_HOME/policygraph)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "policygraph"


class Settings(BaseSettings):
    """Configuration; every field can be set by environment variable."""

    model_config = SettingsConfigDict(env_prefix="POLICYGRAPH_", extra="ignore")

    store: Literal["ladybug", "neo4j"] = "ladybug"
    db_path: Path = Field(default_factory=lambda: default_data_dir() / "graph.lbug")
    neo4j_uri: str = Field("bolt://127.0.0.1:7687", validation_alias=AliasChoices("NEO4J_URI", "POLICYGRAPH_NEO4J_URI"))
    neo4j_user: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_USER", "POLICYGRAPH_NEO4J_USER"))
    neo4j_password: str = Field(
        "policygraph", validation_alias=AliasChoices("NEO4J_PASSWORD", "POLICYGRAPH_NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(
        "neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "POLICYGRAPH_NEO4J_DATABASE")
    )
    # Neo4j: keep a copy of the search index beside db_path (graph/search_replica.py);
    # off: every search asks the server's full-text index
    neo4j_search_copy: bool = True
    api_token: str | None = None  # an admin token (uploads, closing obligations) when set
    read_requires_token: bool = False  # reads answer only with a valid token (any scope)
    cors_origins: list[str] = []
    read_only: bool = False
    # upload limits (issue 17): request body bytes, measures per document, seconds to parse
    max_upload_bytes: int = Field(10 * 1024 * 1024, ge=1)
    max_upload_measures: int = Field(25_000, ge=1)
    upload_timeout: float = Field(120.0, gt=0)


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (CLI flags) on top.

    A bad value (POLICYGRAPH_STORE=mysql, POLICYGRAPH_CORS_ORIGINS that is not a JSON
    list) raises PolicyGraphError naming the variable: the CLI prints one line, exit 2."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)
    except ValidationError as exc:
        raise PolicyGraphError(f"bad setting: {_settings_problem(exc)}") from None
    except SettingsError as exc:  # a complex field (a list) whose text is not JSON
        cause = exc.__cause__
        raise PolicyGraphError(f"bad setting: {str(exc).splitlines()[0]}" + (f" ({cause})" if cause else "")) from None


def _settings_problem(exc: ValidationError) -> str:
    """The first problem as ``POLICYGRAPH_X=value: reason`` (one line, no pydantic URL)."""
    parts = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err.get("loc", ())[:1]) or "?"
        value = err.get("input")
        shown = f"={value!r}" if isinstance(value, str | int | float) else ""
        parts.append(f"POLICYGRAPH_{field.upper()}{shown}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


def settings_environment(settings: Settings) -> dict[str, str]:
    """The store settings as environment variables, for processes started from this one
    (``serve --workers N``: each worker builds its settings from the environment)."""
    return {
        "POLICYGRAPH_STORE": settings.store,
        "POLICYGRAPH_DB_PATH": str(settings.db_path),
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password,
        "NEO4J_DATABASE": settings.neo4j_database,
        "POLICYGRAPH_NEO4J_SEARCH_COPY": "true" if settings.neo4j_search_copy else "false",
    }


def settings_from_args(args: Any) -> Settings:
    """Settings for a CLI command: the environment, with its --store / --db flags on top."""
    return get_settings(store=getattr(args, "store", None), db_path=getattr(args, "db", None))
