"""The two seed documents, shipped as sample data (public: 此件主动公开)."""

from __future__ import annotations

from pathlib import Path

SAMPLES_DIR = Path(__file__).parent
CITY_SEED = SAMPLES_DIR / "tianjin_city_2022_task_division.txt"
DISTRICT_SEED = SAMPLES_DIR / "xiqing_district_2022_task_list.txt"


def sample_paths() -> list[Path]:
    """The bundled documents in load order: the city first, then the district that implements it."""
    return [CITY_SEED, DISTRICT_SEED]
