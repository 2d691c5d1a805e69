"""Reviewed link decisions (``policygraph links apply``): who confirmed or rejected which link."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.deps import StoreDep
from api.routes.common import make_router
from api.schemas import ok
from queries import link_review as review_read
from queries.answers import LinkDecisions

router = make_router("/links", "links")


@router.get(
    "/decisions",
    responses=ok({
        "document": None,
        "data": [{
            "lower": "西青区人民政府-2022-07-27:16.6", "upper": "天津市人民政府-2022-05-06:16.3",
            "decision": "confirmed", "decided_by": "张三", "at": "2026-12-02T08:00:00.000000Z",
            "source": "链接审核.xlsx", "source_row": "本地措施!3", "note": "", "linked": True,
        }],
        "count": 1,
        "orphans": [],
    }),
)
def link_decisions(
    store: StoreDep,
    document: Annotated[str | None, Query(description="文件 id (either side of the link)", max_length=200)] = None,
) -> LinkDecisions:
    """The reviewed decisions in force under today's measure ids, and those whose measure is gone."""
    return review_read.link_decisions(store, document)
