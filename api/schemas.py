"""Response shapes and Chinese examples for the OpenAPI document (/docs).

Models here document; they are deliberately permissive (extra fields allowed) so
that adding a column to a named query never turns a good answer into a 500.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorBody(BaseModel):
    """The one error envelope (every 4xx/5xx)."""

    ok: bool = Field(False, examples=[False])
    status: int = Field(..., examples=[404])
    error: str = Field(..., examples=["未找到单位：区财政"])
    errors: list[dict[str, Any]] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list, examples=[["区财政局"]])


class DataList(BaseModel):
    """A list: ``data`` rows and the total ``count`` (before limit/offset)."""

    model_config = ConfigDict(extra="allow")
    data: list[dict[str, Any]]
    count: int


def ok(example: Any, description: str = "成功") -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entry with a JSON example, plus the error envelope."""
    return {
        200: {"description": description, "content": {"application/json": {"example": example}}},
        404: {"description": "未找到（附相近名称建议）", "model": ErrorBody},
        422: {"description": "参数无效（可读的错误信息）", "model": ErrorBody},
    }


MEASURE_EXAMPLE = {
    "id": "西青区人民政府-2022-07-27:7.1",
    "number": 7,
    "clause": 1,
    "text": "积极统筹中央、市级转移支付和区级财政资金，落实落细助企纾困、稳就业保民生政策。",
    "task": {"seq": "三", "number": 3, "title": "提升积极的财政政策效能"},
    "document_id": "西青区人民政府-2022-07-27",
    "deadline": {"text": "12月底前完成", "kind": "due", "date": "2022-12-31"},
    "targets": [],
    "role": "lead",
    "co_responsible": [{"unit": "区发展改革委", "role": "support"}, {"unit": "区人社局", "role": "support"}],
    "city_measures": [],
    "district_measures": [],
}

UNIT_EXAMPLE = {
    "name": "区财政局",
    "level": "district",
    "kind": "department",
    "government": "西青区人民政府",
    "collective": False,
    "aliases": [],
    "lead": 12,
    "support": 20,
    "joint": 0,
    "shared": 4,
}
