"""Every answer matches the schema /docs shows for it (queries.answers, the routes'
``response_model``): required keys present with the declared types (pydantic), and no
key the schema does not declare -- on both stores, over real HTTP."""

from __future__ import annotations

import types
import typing
from typing import Any
from urllib.parse import quote

import pytest
from pydantic import TypeAdapter
from typing_extensions import is_typeddict

from queries import answers as A

URLS: list[tuple[str, Any]] = [
    ("/units", A.UnitList),
    ("/units/区财政局", A.UnitDetail),
    ("/units/区政府各部门", A.UnitDetail),
    ("/units/区财政局/obligations", A.Obligations),
    ("/units/市财政局/obligations?role=lead&due_before=2022-12-31", A.Obligations),
    ("/measures?q=财政", A.MeasureList),
    ("/measures?unit=区财政局", A.MeasureList),
    ("/measures/西青区人民政府-2022-07-27:8.1", A.Measure),
    ("/measures/天津市人民政府-2022-05-06:7.1/chain", A.Chain),
    ("/measures/西青区人民政府-2022-07-27:7.1/chain", A.Chain),
    ("/documents", A.DocumentList),
    ("/documents?include_stubs=true", A.DocumentList),
    ("/documents/西青区人民政府-2022-07-27", A.DocumentDetail),
    ("/documents/西青区人民政府-2022-07-27/tasks", A.TaskList),
    ("/workload?by=role", A.Workload),
    ("/workload?by=month", A.Workload),
    ("/workload/counterparts?unit=区财政局", A.CounterpartComparison),
    ("/deadlines?as_of=2022-09-01", A.Deadlines),
    ("/targets", A.Targets),
    ("/network/collaboration?unit=区财政局&edges=true", A.Collaboration),
    ("/graph/units/区财政局?depth=2", A.Neighbourhood),
    ("/graph/measures/西青区人民政府-2022-07-27:7.1", A.Neighbourhood),
]


def undeclared_keys(value: Any, hint: Any, path: str = "$") -> list[str]:
    """Keys of ``value`` that the TypedDict ``hint`` (nested in lists/unions) does not declare."""
    origin = typing.get_origin(hint)
    if is_typeddict(hint) and isinstance(value, dict):
        fields = typing.get_type_hints(hint)
        out = [f"{path}.{k}" for k in value if k not in fields]
        for k, v in value.items():
            if k in fields:
                out += undeclared_keys(v, _strip(fields[k]), f"{path}.{k}")
        return out
    if origin is list and isinstance(value, list):
        (item,) = typing.get_args(hint) or (Any,)
        return [x for i, v in enumerate(value) for x in undeclared_keys(v, item, f"{path}[{i}]")]
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            if is_typeddict(arg) and isinstance(value, dict) or typing.get_origin(arg) is list and isinstance(value, list):
                return undeclared_keys(value, arg, path)
    return []


def _strip(hint: Any) -> Any:
    """NotRequired[X] / Required[X] -> X."""
    while typing.get_origin(hint) in (typing.NotRequired, typing.Required):
        (hint,) = typing.get_args(hint)
    return hint


@pytest.mark.parametrize(("url", "shape"), URLS, ids=[u for u, _ in URLS])
def test_answer_matches_its_declared_schema(api, url: str, shape: Any) -> None:
    r = api.get(quote(url, safe="/?=&:.,"))
    assert r.status_code == 200, r.text
    body = r.json()
    TypeAdapter(shape).validate_python(body, strict=False)
    assert undeclared_keys(body, shape) == []


def test_openapi_shows_the_answer_schemas(api) -> None:
    spec = api.get("/openapi.json").json()
    ok = spec["paths"]["/units/{name}/obligations"]["get"]["responses"]["200"]["content"]["application/json"]
    ref = ok["schema"]["$ref"].rsplit("/", 1)[-1]
    props = spec["components"]["schemas"][ref]["properties"]
    assert {"unit", "counts", "data", "groups"} <= set(props)
