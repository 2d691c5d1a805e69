"""Progress (督办): one obligation's state and history, reporting an update, the board,
the status vocabulary, the chain roll-up, orphans, and the ledger coming back.

Thin routes over ``queries.progress`` (reads), ``graph.progress_store`` (writes) and
``reports.ledger_import`` (uploads).  Writes need ``Authorization: Bearer <token>``
(api.auth): an agency token writes only its own obligations, an admin token anything
and alone closes (已销号).  Every write records the token's NAME, never its secret.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import File, Path, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from api.auth import Writer
from api.deps import StoreDep
from api.errors import APIError
from api.routes.common import make_router
from api.schemas import ErrorBody
from graph.progress import MAX_EVIDENCE, MAX_NAME, MAX_TEXT, STATUS_ZH, ProgressUpdate, status_code
from graph.progress_store import append_progress
from queries import progress as progress_read
from queries.units import resolve_unit

obligations_router = make_router("/obligations", "progress")
board_router = make_router("/progress", "progress")
upload_router = make_router("", "progress")
ROUTERS = [obligations_router, board_router, upload_router]

ObligationId = Annotated[str, Path(description="任务 id：措施 id|单位", examples=["西青区人民政府-2022-07-27:7.1|区财政局"])]
AsOf = Annotated[date | None, Query(description="按此日期判断逾期/待报送（默认今天，北京时间）", examples=["2022-10-01"])]
MAX_LEDGER = 10 * 1024 * 1024

STATE_EXAMPLE = {
    "obligation_id": "西青区人民政府-2022-07-27:7.1|区财政局", "status": "in_progress", "status_label": "推进中",
    "last_update": {"at": "2022-09-30T02:00:00.000000Z", "status": "in_progress", "person": "王某",
                    "agency": "区财政局", "text": "已拨付第一批资金", "evidence": "https://example.org/a.pdf",
                    "percent": 40.0, "token_name": "区财政局-王", "source": "api"},
    "overdue": False, "report_due": False, "ongoing": False, "report_cycle": "quarterly", "cycle": None,
}
_ERR = {"model": ErrorBody}


class ProgressBody(BaseModel):
    """One update as an office reports it."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"status": "推进中", "text": "已拨付第一批资金", "evidence": "https://example.org/a.pdf", "percent": 40,
         "person": "王某"}]})

    status: str = Field(min_length=1, max_length=20, description="状态：代码或中文（推进中 / in_progress）")
    text: str | None = Field(None, max_length=MAX_TEXT, description="进展情况")
    evidence: str | None = Field(None, max_length=MAX_EVIDENCE, description="成果形式：文字或链接")
    percent: float | None = Field(None, ge=0, le=100, description="完成百分比 0-100")
    person: str | None = Field(None, max_length=MAX_NAME, description="责任人")
    at: str | None = Field(None, max_length=40, description="日期或时间（ISO；默认现在，不得晚于现在）")


def _field_of(reason: str) -> str:
    for word, name in (("status", "status"), ("percent", "percent"), ("date", "at"), ("ISO", "at"),
                       ("text is", "text"), ("evidence is", "evidence"), ("person is", "person")):
        if word in reason:
            return name
    return "id"


@obligations_router.get("/{oid}/progress", responses={
    200: {"description": "任务的当前状态与全部历史", "content": {"application/json": {"example": {
        "obligation_id": STATE_EXAMPLE["obligation_id"], "orphan": False, "state": STATE_EXAMPLE, "history": []}}}},
    404: _ERR, 422: _ERR})
def get_progress(oid: ObligationId, store: StoreDep, as_of: AsOf = None) -> dict[str, Any]:
    """One obligation (措施|单位): its state on ``as_of`` and its whole history, oldest first.

    An obligation whose measure a reload removed answers ``orphan: true`` with its history."""
    return progress_read.obligation_progress(store, oid, as_of)


@obligations_router.post("/{oid}/progress", status_code=201, responses={
    201: {"description": "已记录（追加，从不覆盖）", "content": {"application/json": {"example": {
        "ok": True, "update": STATE_EXAMPLE["last_update"], "state": STATE_EXAMPLE}}}},
    401: _ERR, 403: _ERR, 404: _ERR, 422: _ERR})
def post_progress(oid: ObligationId, body: ProgressBody, store: StoreDep, token: Writer) -> dict[str, Any]:
    """Report progress on one obligation (appended to its history, never overwriting).

    ``Authorization: Bearer <token>``: an agency token updates only its own obligations
    (those reached through a collective included); only an admin token (the supervising
    office) sets 已销号.  The token's name is recorded with the update."""
    if status_code(body.status) is None:
        known = ", ".join(f"{c}/{z}" for c, z in STATUS_ZH.items())
        msg = f"unknown status {body.status!r} (one of {known})"
        raise APIError(422, f"参数无效 (invalid parameters): status: {msg}",
                       errors=[{"loc": ["body", "status"], "msg": msg, "type": "value_error", "input": body.status}])
    update = ProgressUpdate(oid, body.status, text=body.text or "", evidence=body.evidence or "",
                            percent=body.percent, person=body.person or "", at=body.at, source="api")
    result = append_progress(store, [update], token)
    if result.errors:
        reason = result.errors[0].reason
        if "may update only" in reason or "supervising office" in reason or "revoked" in reason:
            raise APIError(403, f"无权更新 (forbidden): {reason}")
        if "unknown obligation" in reason:
            raise APIError(404, f"未找到任务 (unknown obligation): {reason}")
        errors = [{"loc": ["path" if _field_of(r) == "id" else "body", _field_of(r)], "msg": r, "type": "value_error"}
                  for r in reason.split("; ")]
        raise APIError(422, f"参数无效 (invalid parameters): {reason}", errors=errors)
    state = progress_read.obligation_progress(store, oid)["state"]
    return {"ok": True, "update": result.written[0], "state": state}


@board_router.get("", responses={200: {"description": "督办看板", "content": {"application/json": {"example": {
    "as_of": "2022-10-01", "agencies": [{"unit": "区财政局", "counts": {"not_started": 30, "in_progress": 3},
                                         "overdue": 2, "report_due": 20, "total": 51}],
    "overdue": [], "report_due": [], "count": 51}}}}, 404: _ERR, 422: _ERR})
def get_board(
    store: StoreDep,
    government: Annotated[str | None, Query(description="政府（其下属单位）", max_length=200, examples=["西青区人民政府"])] = None,
    document: Annotated[str | None, Query(description="文件 id", max_length=200)] = None,
    status: Annotated[str | None, Query(description="只看某一状态（代码或中文）", max_length=20, examples=["推进中"])] = None,
    as_of: AsOf = None,
) -> dict[str, Any]:
    """The supervision board (督办看板): per agency the number of obligations in each
    status, overdue and report due; the overdue list and the report-due list."""
    return progress_read.progress_board(store, government, document, status, as_of)


@board_router.get("/statuses", responses={200: {"description": "状态词表"}})
def get_statuses() -> dict[str, Any]:
    """The status vocabulary (code, 中文, finished, admin-only) and the reporting cycles."""
    return progress_read.vocabulary()


@board_router.get("/orphans", responses={200: {"description": "措施已不存在的进展（保留，不删除）"}})
def get_orphans(store: StoreDep) -> dict[str, Any]:
    """Progress whose measure a reload removed: kept, listed here, never deleted."""
    return progress_read.orphans(store)


@board_router.get("/chain/{measure_id}", responses={404: _ERR})
def get_chain_progress(
    measure_id: Annotated[str, Path(description="（市级）措施 id", examples=["天津市人民政府-2022-05-06:7.1"])],
    store: StoreDep,
    as_of: AsOf = None,
) -> dict[str, Any]:
    """How the district measures implementing a (city) measure are doing: per linked
    measure its obligations' states and done / in progress / not started / overdue."""
    return progress_read.chain_progress(store, measure_id, as_of)


def _upload(store: Any, name: str, file: UploadFile, token: Any, valid_only: bool, suffix: str) -> dict[str, Any]:
    from reports.ledger_import import import_ledger

    unit = resolve_unit(store, name)["name"]
    if not token.is_admin and token.agency != unit:
        raise APIError(403, f"无权更新 (forbidden): token {token.name} may update only {token.agency}'s ledger, not {unit}'s")
    data = file.file.read(MAX_LEDGER + 1)
    if len(data) > MAX_LEDGER:
        raise APIError(413, f"文件过大 (file too large): > {MAX_LEDGER} bytes")
    filename = f"{unit}台账.{suffix}"
    result = import_ledger(store, data, filename, token, unit=unit, valid_only=valid_only)
    out = result.to_dict()
    if result.errors and not valid_only:
        errors = [{"loc": ["body", "file", e.sheet, str(e.row), e.column], "msg": e.reason, "type": "ledger", **e.to_dict()}
                  for e in result.errors]
        raise APIError(422, f"台账有 {len(errors)} 处错误，未作任何更新 (nothing applied: fix the rows or send "
                            f"valid_only=true)", errors=errors)
    return out


_UPLOAD_RESPONSES = {
    200: {"description": "已应用（一个事务）", "content": {"application/json": {"example": {
        "ok": True, "applied": 3, "unchanged": 48, "rows": 51, "valid_only": False, "updates": [], "errors": []}}}},
    401: _ERR, 403: _ERR, 404: _ERR, 413: _ERR, 422: {"description": "逐行错误（工作表、行号、列、原因），未作任何更新",
                                                      "model": ErrorBody},
}
ValidOnly = Annotated[bool, Query(description="只应用无错误的行（默认：有错误则全部不应用）")]
LedgerFile = Annotated[UploadFile, File(description="填写后的工作台账")]
UnitName = Annotated[str, Path(description="单位名称或别名", examples=["区财政局"])]


@upload_router.post("/units/{name}/ledger.xlsx", responses=_UPLOAD_RESPONSES)
def upload_ledger_xlsx(name: UnitName, file: LedgerFile, store: StoreDep, token: Writer,
                       valid_only: ValidOnly = False) -> dict[str, Any]:
    """Upload the filled-in .xlsx ledger: rows matched by 编号, checked, applied in one
    transaction; only rows whose 状态 / 责任人 / 进展情况 / 成果形式 changed make an update."""
    return _upload(store, name, file, token, valid_only, "xlsx")


@upload_router.post("/units/{name}/ledger.csv", responses=_UPLOAD_RESPONSES)
def upload_ledger_csv(name: UnitName, file: LedgerFile, store: StoreDep, token: Writer,
                      valid_only: ValidOnly = False) -> dict[str, Any]:
    """Upload the filled-in CSV ledger (UTF-8): the same rules as the .xlsx upload."""
    return _upload(store, name, file, token, valid_only, "csv")

