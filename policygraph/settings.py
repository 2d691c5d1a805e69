"""One typed settings class for the whole project (environment: POLICYGRAPH_*, NEO4J_*).

Why one class: the CLI, the API and the tests all need the same knobs (which store,
where it lives, how to reach Neo4j).  Settings are built when asked for, never at
import time, so tests can set the environment first.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    api_token: str | None = None  # an admin token (uploads, closing obligations) when set
    read_requires_token: bool = False  # reads answer only with a valid token (any scope)
    cors_origins: list[str] = []
    read_only: bool = False


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (CLI flags) on top."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)


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
    }
