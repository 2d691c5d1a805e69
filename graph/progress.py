"""Obligations and their progress: the status vocabulary and the pure rules.

Why one module: the six statuses, their Chinese names, what "overdue" and "report due"
mean and what a valid update looks like are decided here once; the stores
(graph.progress_store), the API, the ledger and the CLI only call these functions, so
a page and a spreadsheet can never disagree on what 已逾期 means.

An obligation is one (measure, responsible unit) pair; its id is
``f"{measure_id}|{unit}"`` (``obligation_id``).  Measure ids are stable across reloads
(``document id:number.clause``, graph.rows) as long as a document keeps its clauses in
place; when a reload moves or drops one, each update's fingerprint of the measure it was
written against decides where it belongs (graph.progress_anchor).

Nothing here touches a store: every function is plain data in, plain data out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from graph.model import PolicyGraphError

# -- the status vocabulary -----------------------------------------------------------

NOT_STARTED, IN_PROGRESS, DONE, ONGOING, BLOCKED, CLOSED = (
    "not_started", "in_progress", "done", "ongoing", "blocked", "closed",
)

# code -> Chinese, in the order a page lists them.
STATUS_ZH: dict[str, str] = {
    NOT_STARTED: "未启动",
    IN_PROGRESS: "推进中",
    DONE: "已完成",
    ONGOING: "持续推进",
    BLOCKED: "受阻",
    CLOSED: "已销号",  # set only by the supervising office (an admin token)
}
STATUSES: tuple[str, ...] = tuple(STATUS_ZH)
STATUS_CODE: dict[str, str] = {zh: code for code, zh in STATUS_ZH.items()}

# Statuses that end an obligation: neither overdue nor report due any more.
FINISHED: frozenset[str] = frozenset({DONE, CLOSED})
# Statuses only an admin (the supervising office) may set.
ADMIN_ONLY: frozenset[str] = frozenset({CLOSED})

# The reporting cycles of a document (Document.report_cycle); quarterly unless set.
CYCLES: tuple[str, ...] = ("monthly", "quarterly")
DEFAULT_CYCLE = "quarterly"
CYCLE_ZH: dict[str, str] = {"monthly": "每月", "quarterly": "每季度"}

# Where an update came from (Progress.source).
SOURCES: tuple[str, ...] = ("api", "ledger", "import", "cli")

# Text limits: a 进展情况 is a paragraph, not a report; longer text belongs in the evidence link.
MAX_TEXT = 2000
MAX_EVIDENCE = 1000
MAX_NAME = 100

# The dates a report counts for are Beijing dates: an update sent at 2022-03-31 23:30
# in Beijing (15:30 UTC) belongs to the first quarter, as its sender means it.
REPORT_TZ = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")

OBLIGATION_SEP = "|"


class ProgressError(PolicyGraphError):
    """A progress value that cannot be used (an unknown status, a bad obligation id...)."""


def status_code(value: str | None) -> str | None:
    """The status code for ``value`` given as a code (in_progress) or in Chinese (推进中),
    surrounding spaces ignored; None when it is neither."""
    if value is None:
        return None
    s = str(value).strip()
    if s in STATUS_ZH:
        return s
    return STATUS_CODE.get(s)


def status_zh(code: str | None) -> str:
    """The Chinese name of a status code; no update yet reads as 未启动."""
    return STATUS_ZH[code or NOT_STARTED]


def cycle_code(value: str | None) -> str | None:
    """monthly/quarterly (or 每月/每季度, 月度/季度); None when unknown; empty -> the default."""
    if value is None or not str(value).strip():
        return DEFAULT_CYCLE
    s = str(value).strip()
    return {"monthly": "monthly", "quarterly": "quarterly", "每月": "monthly", "月度": "monthly",
            "每季度": "quarterly", "季度": "quarterly"}.get(s)


# -- obligation ids ------------------------------------------------------------------


def obligation_id(measure_id: str, unit: str) -> str:
    """The id of the obligation of ``unit`` on ``measure_id``."""
    if not measure_id or not unit:
        raise ProgressError("an obligation needs a measure id and a unit name")
    if OBLIGATION_SEP in unit:
        raise ProgressError(f"unit name {unit!r} holds {OBLIGATION_SEP!r}")
    return f"{measure_id}{OBLIGATION_SEP}{unit}"


def split_obligation_id(oid: str) -> tuple[str, str]:
    """(measure id, unit) of an obligation id; ProgressError if it is not one.
    Split on the LAST ``|``: unit names never hold one (obligation_id refuses them)."""
    measure, sep, unit = str(oid or "").strip().rpartition(OBLIGATION_SEP)
    if not sep or not measure or not unit:
        raise ProgressError(f"not an obligation id (want MEASURE_ID|UNIT): {oid!r}")
    return measure, unit


# -- which obligations are ongoing ---------------------------------------------------

_ONGOING_TEXT = re.compile(r"持续推进|长期坚持|长期推进|常态化")


def is_ongoing(deadline_kind: str | None, deadline_text: str | None = None) -> bool:
    """Whether a measure is reported on each cycle instead of being due by a date:
    its final deadline is of kind ``ongoing`` (年内持续推进, 长期坚持, ... read by
    loaders.deadlines), or -- a deadline the grammar could not date -- its text says so."""
    if deadline_kind == "ongoing":
        return True
    if deadline_kind in (None, "", "unspecified") and deadline_text:
        return bool(_ONGOING_TEXT.search(deadline_text))
    return False


# -- the rules -----------------------------------------------------------------------


def _date(value: str | dt.date | dt.datetime | None) -> dt.date | None:
    """A date from an ISO date, an ISO timestamp (read as a Beijing date) or a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(REPORT_TZ).date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    if len(s) == 10:
        return dt.date.fromisoformat(s)
    return _date(parse_timestamp(s))


def is_overdue(
    due_date: str | dt.date | None, status: str | None, as_of: str | dt.date, *, ongoing: bool = False
) -> bool:
    """Due date passed (strictly before ``as_of``: on the day itself it is still on time)
    and the status is not done/closed.  No due date: never overdue.  An ongoing
    obligation is never overdue: it is "report due" instead (``report_due``)."""
    due = _date(due_date)
    if ongoing or due is None:
        return False
    return due < _date(as_of) and (status or NOT_STARTED) not in FINISHED  # type: ignore[operator]


def cycle_start(as_of: str | dt.date, cycle: str = DEFAULT_CYCLE) -> dt.date:
    """First day of the reporting cycle holding ``as_of``: its month, or its quarter."""
    day = _date(as_of)
    assert day is not None
    if cycle == "monthly":
        return day.replace(day=1)
    if cycle == "quarterly":
        return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    raise ProgressError(f"unknown reporting cycle {cycle!r} (monthly or quarterly)")


def cycle_label(as_of: str | dt.date, cycle: str = DEFAULT_CYCLE) -> str:
    """The cycle's name: 2022-05 (monthly) or 2022-Q2 (quarterly)."""
    start = cycle_start(as_of, cycle)
    return f"{start:%Y-%m}" if cycle == "monthly" else f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def report_due(
    last_update_at: str | dt.datetime | None,
    cycle: str | None,
    as_of: str | dt.date,
    status: str | None = None,
) -> bool:
    """For an ongoing obligation: a report is due when the reporting cycle holding
    ``as_of`` (its month or quarter, Beijing dates) has no update yet.  A closed
    obligation owes nothing."""
    if status == CLOSED:
        return False
    start = cycle_start(as_of, cycle or DEFAULT_CYCLE)
    last = _date(last_update_at)
    return last is None or last < start


# -- timestamps ----------------------------------------------------------------------


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def format_timestamp(t: dt.datetime) -> str:
    """The stored form of ``at``: UTC, microseconds, ``Z`` -- sorts as text in time order."""
    if t.tzinfo is None:
        raise ProgressError(f"timestamp without a time zone: {t.isoformat()}")
    return t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(value: str | dt.datetime | dt.date) -> dt.datetime:
    """An aware datetime from ISO text (``Z`` or an offset; a bare date or a naive time
    is a Beijing date/time, as a person in the office writes it) or a datetime."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=REPORT_TZ)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=REPORT_TZ)
    s = str(value).strip()
    try:
        t = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        raise ProgressError(f"not an ISO date or time: {value!r}") from None
    return t if t.tzinfo else t.replace(tzinfo=REPORT_TZ)


# -- one update ----------------------------------------------------------------------


@dataclass
class ProgressUpdate:
    """One reported update of one obligation, as given (a ledger row, an API body)."""

    obligation_id: str
    status: str  # a code or its Chinese name
    text: str = ""  # 进展情况
    evidence: str = ""  # 成果形式: text or a link
    percent: float | int | str | None = None
    person: str = ""  # 责任人, as given
    agency: str = ""  # who reported (the token's agency unless given)
    at: str | dt.datetime | None = None  # when; None = now
    source: str = "api"
    id: str | None = None  # set by import (the exported id); new updates get a fresh one
    seq: int | None = None  # set by import; new updates are numbered per obligation
    token_name: str | None = None  # set by import; new updates take the writing token's


@dataclass
class RowError:
    """Why row ``row`` (0-based index in the batch) was refused."""

    row: int
    obligation_id: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "obligation_id": self.obligation_id, "reason": self.reason}


@dataclass
class CleanUpdate:
    """A validated update: the code status, the numeric percent, the UTC ``at``."""

    obligation_id: str
    measure_id: str
    unit: str
    status: str
    at: str
    text: str | None
    evidence: str | None
    percent: float | None
    person: str | None
    agency: str | None
    source: str
    id: str | None = None
    seq: int | None = None
    token_name: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # The measure the update was written against (graph.progress_anchor): set on write
    # from the graph, on import from the export; '' = none (taken as matching).
    measure_fp: str = ""
    measure_text: str = ""


def _percent(value: float | int | str | None) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    p = float(str(value).strip().rstrip("%").strip()) if isinstance(value, str) else float(value)
    if p != p or not 0 <= p <= 100:  # NaN or out of range
        raise ValueError(value)
    return p


def _text(value: Any) -> str | None:
    s = "" if value is None else str(value).strip()
    return s or None


def validate_update(u: ProgressUpdate, now: dt.datetime | None = None) -> tuple[CleanUpdate | None, list[str]]:
    """Check one update on its own (no store): the obligation id's shape, a known status,
    ``at`` not in the future, percent within 0-100, text lengths, a known source.
    Returns the cleaned update, or None and the reasons (all of them, in Chinese-free
    English the API and CLI show as is)."""
    now = now or now_utc()
    reasons: list[str] = []
    measure = unit = ""
    try:
        measure, unit = split_obligation_id(u.obligation_id)
    except ProgressError as e:
        reasons.append(str(e))
    status = status_code(u.status)
    if status is None:
        known = ", ".join(f"{c}/{z}" for c, z in STATUS_ZH.items())
        reasons.append(f"unknown status {u.status!r} (one of {known})")
    at = now
    if u.at not in (None, ""):
        try:
            at = parse_timestamp(u.at)  # type: ignore[arg-type]
        except ProgressError as e:
            reasons.append(str(e))
        else:
            if at > now:
                reasons.append(f"date {format_timestamp(at)} is in the future")
    try:
        percent = _percent(u.percent)
    except ValueError:
        reasons.append(f"percent must be a number from 0 to 100, not {u.percent!r}")
        percent = None
    for name, value, limit in (
        ("text", u.text, MAX_TEXT), ("evidence", u.evidence, MAX_EVIDENCE),
        ("person", u.person, MAX_NAME), ("agency", u.agency, MAX_NAME),
    ):
        if value is not None and len(str(value).strip()) > limit:
            reasons.append(f"{name} is {len(str(value).strip())} characters long (at most {limit})")
    if u.source not in SOURCES:
        reasons.append(f"unknown source {u.source!r} (one of {', '.join(SOURCES)})")
    if reasons:
        return None, reasons
    return CleanUpdate(
        obligation_id=f"{measure}{OBLIGATION_SEP}{unit}",
        measure_id=measure,
        unit=unit,
        status=status,  # type: ignore[arg-type]
        at=format_timestamp(at),
        text=_text(u.text),
        evidence=_text(u.evidence),
        percent=percent,
        person=_text(u.person),
        agency=_text(u.agency),
        source=u.source,
        id=u.id,
        seq=u.seq,
        token_name=u.token_name,
    ), []


def latest(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The current update of each obligation among Progress rows: the greatest (at, seq, id)."""
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        cur = out.get(r["obligation_id"])
        if cur is None or _order_key(r) > _order_key(cur):
            out[r["obligation_id"]] = r
    return out


def _order_key(r: dict[str, Any]) -> tuple[str, int, str]:
    return (r["at"], int(r["seq"] or 0), r["id"])


def history_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Progress rows oldest first: by (at, seq, id)."""
    return sorted(rows, key=_order_key)
