"""Fixtures for the linking tests: the two seeds parsed once, their pure links, and an
embedded store with both seeds loaded and linked."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ladybug_store import LadybugStore
from graph.linking import Links, link_documents, link_store
from graph.model import ParsedDocument

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "policygraph" / "samples"
EXPECTED = ROOT / "tests" / "expected"
CITY_FILE = SAMPLES / "tianjin_city_2022_task_division.txt"
DISTRICT_FILE = SAMPLES / "xiqing_district_2022_task_list.txt"
# The level family (tests/data/levels): national -> province -> city -> district, a district
# citing the national text directly, and a department's plan citing the city division.
LEVELS = ROOT / "tests" / "data" / "levels"
FILES = {
    "national": "national_2022.txt",
    "province": "province_2022.txt",
    "city": "city_2022.txt",
    "district": "district_2022.txt",
    "district_direct": "district_direct_2022.txt",
    "department": "department_2022.txt",
}


def read_tsv(name: str) -> list[dict[str, str]]:
    """A hand-made expectation file: tab-separated, header row, ``#`` comment lines."""
    with (EXPECTED / name).open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def read_list(name: str) -> list[str]:
    """First column of a hand-made list (``#`` comments, tab-separated notes)."""
    with (EXPECTED / name).open(encoding="utf-8") as f:
        return [ln.split("\t")[0].strip() for ln in f if ln.strip() and not ln.startswith("#")]


def short(measure_or_task_id: str) -> str:
    """'西青区人民政府-2022-07-27:16.6' -> '16.6'."""
    return measure_or_task_id.split(":", 1)[1]


@pytest.fixture(scope="session")
def seeds() -> tuple[ParsedDocument, ParsedDocument]:
    from loaders import load_document

    return load_document(CITY_FILE), load_document(DISTRICT_FILE)


@pytest.fixture(scope="session")
def city(seeds) -> ParsedDocument:
    return seeds[0]


@pytest.fixture(scope="session")
def district(seeds) -> ParsedDocument:
    return seeds[1]


@pytest.fixture(scope="session")
def links(city, district) -> Links:
    return link_documents(city, district)


@pytest.fixture(scope="module")
def linked_store(seeds, tmp_path_factory) -> Iterator[LadybugStore]:
    store = LadybugStore(tmp_path_factory.mktemp("linking") / "graph.lbug")
    try:
        for p in seeds:
            store.load(p)
        link_store(store)
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def family() -> dict[str, ParsedDocument]:
    """The level family parsed, keyed as FILES (once per test module)."""
    from loaders import load_document

    return {name: load_document(LEVELS / f) for name, f in FILES.items()}
