"""Fixtures for the ledger / calendar / data-quality tests.

``api``: the real app served by uvicorn on a free loopback port over a store holding
both seeds (the approach of tests/api/conftest.py), parametrised over the embedded
store (always) and Neo4j (when NEO4J_URI is set).  ``doc_files``: small synthetic
documents written in the test (one clean, one with every defect the report looks for).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from live_server import ServerThread, free_port

from policygraph.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "policygraph" / "samples").glob("*.txt"))

CLEAN_DOC = """天津市西青区人民政府印发关于落实重点工作任务分工的通知

天津市西青区人民政府
2022年8月1日

一、任务分工

（一）稳定经济运行

1．加强财政资金统筹，提高财政支出效率，保障重点领域支出。（区财政局牵头，区发展改革委配合，12月底前完成）

2．推进重大项目建设，加快项目审批进度，扩大有效投资规模。（区发展改革委牵头，区财政局按职责分工负责，年内持续推进）

（二）保障改善民生

3．完善就业服务体系，扩大职业技能培训覆盖面，促进高校毕业生就业。（区人社局牵头，年内持续推进）
"""

DEFECTS_DOC = """天津市西青区人民政府印发关于落实重点工作任务分工的通知

天津市西青区人民政府
2022年8月1日

一、任务分工

（一）稳定经济运行

1．加强财政资金统筹，提高财政支出效率，保障重点领域支出。（区财政局牵头，区协同办配合，3月底前出台相关政策，年内持续推进）

2．推进高标准农田建设，稳定粮食播种面积，提高农业综合效益。（区农业农村局牵头，年内持续推进）

3．发展乡村特色产业，拓宽农民增收致富渠道，建设宜居宜业和美乡村。（区农业农村委牵头，年内持续推进）

（二）保障改善民生

4．完善就业服务体系，扩大职业技能培训覆盖面，促进高校毕业生就业。（区人社局牵头，年内持续推进）

5．完善就业服务体系，扩大职业技能培训覆盖面，促进高校毕业生就业。（区人社局牵头，年内持续推进）

6．健全社区养老服务网络，提升居家养老服务质量，年内持续推进。
"""




@dataclass
class Api:
    engine: str
    client: httpx.Client
    store: object

    def get(self, path: str, **kw) -> httpx.Response:
        return self.client.get(path, **kw)

    def json(self, path: str, **kw):
        r = self.client.get(path, **kw)
        assert r.status_code == 200, r.text[:300]
        return r.json()


def open_seeded_store(settings: Settings, paths=SEEDS):
    from graph.stores import open_store
    from loaders import load_document

    store = open_store(settings, read_only=False)
    if settings.store == "neo4j":
        store.clear()
    for path in paths:
        store.load(load_document(path))
    return store


@pytest.fixture(scope="session", params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def api(request, tmp_path_factory) -> Iterator[Api]:
    """The running API on one store with both seeds loaded."""
    engine = request.param
    if engine == "neo4j":
        if not os.environ.get("NEO4J_URI"):
            pytest.skip("Neo4j ledger tests need a server: set NEO4J_URI (e.g. after `bash .ci/neo4j/start.sh`)")
        settings = Settings(store="neo4j")
    else:
        settings = Settings(store="ladybug", db_path=tmp_path_factory.mktemp("ledger-api") / "graph.lbug")
    from api.app import create_app

    store = open_seeded_store(settings)
    server = ServerThread(create_app(settings, store=store), free_port())
    server.start()
    client = httpx.Client(base_url=f"http://127.0.0.1:{server.server.config.port}", timeout=60,
                          headers={"Accept": "application/json"})
    try:
        yield Api(engine, client, store)
    finally:
        client.close()
        server.stop()
        store.close()


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """A second embedded store with both seeds, for the CLI (its own file: no lock contention)."""
    path = tmp_path_factory.mktemp("ledger-cli") / "graph.lbug"
    open_seeded_store(Settings(store="ladybug", db_path=path)).close()
    return path


@pytest.fixture
def doc_files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("clean", CLEAN_DOC), ("defects", DEFECTS_DOC)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        out[name] = path
    return out
