"""Deadline calendars: an agency's dated obligations as an iCalendar (.ics) file.

One all-day VEVENT per dated obligation (its final deadline) and one per dated
milestone (4月底前出台相关政策), so the deadlines land in the agency's own calendar.
Ongoing obligations (年内持续推进, 长期坚持: reported on each cycle, never "due") are
not 51 events on 12-31: each document's ongoing obligations share ONE recurring
reporting reminder (RRULE), on the last day of each month or quarter (the document's
reporting cycle, quarterly unless set) from the document's publication to the end
of its year.  The obligations are the API's
(``/units/{name}/obligations``, via reports.ledger); milestones come from the named
query ``ledger_milestones``.

Written by hand (RFC 5545: CRLF lines folded at 75 octets without splitting a UTF-8
character, TEXT escaping), so no runtime dependency.  UIDs are stable: a hash of unit,
measure id and step (0 = final deadline, 1.. = milestones), so re-importing updates the
events instead of duplicating them.
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from graph.model import ROLE_LABELS_ZH
from graph.progress import CYCLE_ZH, DEFAULT_CYCLE, is_ongoing
from graph.store import GraphStore
from queries.progress import document_cycles
from reports.ledger import role_label, unit_obligations

PRODID = "-//PolicyGraph//Deadlines 0.1//ZH"
SUMMARY_TEXT_CHARS = 40


@dataclass
class CalendarEvent:
    uid: str
    day: date
    summary: str
    description: str
    measure_id: str
    milestone: bool
    rrule: str | None = None  # a recurring reporting reminder (ongoing obligations)
    category: str | None = None


def _uid(unit: str, measure_id: str, seq: int) -> str:
    digest = hashlib.sha1(f"{unit}|{measure_id}|{seq}".encode()).hexdigest()[:24]
    return f"pg-{digest}@policygraph"


def _short(text: str, n: int = SUMMARY_TEXT_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n] + "…"


def _role_tag(m: dict[str, Any]) -> str:
    role = m.get("role") or ""
    return ROLE_LABELS_ZH.get(role, "集体")


def unit_events(store: GraphStore, name: str) -> tuple[str, list[CalendarEvent]]:
    """The unit's canonical name and its events, in obligation order (final deadline, then milestones)."""
    result = unit_obligations(store, name)
    unit = result["unit"]["name"]
    obligations = result["data"]
    ids = sorted({m["id"] for m in obligations})
    milestones: dict[str, list[dict[str, Any]]] = {}
    if ids:
        for r in store.read("ledger_milestones", {"ids": ids}):
            if r.get("date"):
                milestones.setdefault(r["measure_id"], []).append(r)
    events: list[CalendarEvent] = []
    ongoing: dict[str, list[dict[str, Any]]] = {}
    for m in obligations:
        dl = m.get("deadline") or {}
        task = m.get("task") or {}
        desc = "\n".join(
            line
            for line in (
                f"角色：{role_label(m)}",
                f"完成时限：{dl.get('text') or ''}",
                f"任务：（{task.get('seq')}）{task.get('title') or ''}" if task.get("seq") else "",
                f"措施：{m.get('text') or ''}",
                "共同责任单位：" + "、".join(c["unit"] for c in m.get("co_responsible") or [])
                if m.get("co_responsible") else "",
                f"文件：{m.get('document_title') or m.get('document_id') or ''}",
                f"措施编号：{m['id']}",
            )
            if line
        )
        tag = _role_tag(m)
        if is_ongoing(dl.get("kind"), dl.get("text")):
            ongoing.setdefault(m.get("document_id") or "", []).append(m)
        elif dl.get("date"):
            events.append(CalendarEvent(
                uid=_uid(unit, m["id"], 0),
                day=date.fromisoformat(dl["date"]),
                summary=f"【{tag}】{dl.get('text') or '完成时限'}｜{_short(m.get('text') or '')}",
                description=desc,
                measure_id=m["id"],
                milestone=False,
            ))
        for ms in milestones.get(m["id"], []):
            events.append(CalendarEvent(
                uid=_uid(unit, m["id"], int(ms.get("seq") or 0)),
                day=date.fromisoformat(ms["date"]),
                summary=f"【{tag}·节点】{ms.get('text') or ms.get('action') or ''}｜{_short(m.get('text') or '')}",
                description=desc,
                measure_id=m["id"],
                milestone=True,
            ))
    docs = document_cycles(store, ongoing)
    for doc_id, items in ongoing.items():
        reminder = _reporting_reminder(unit, doc_id, items, docs.get(doc_id) or {})
        if reminder is not None:
            events.append(reminder)
    return unit, events


def _cycle_ends(start: date, cycle: str, year: int) -> date | None:
    """The first last-day-of-cycle (month or quarter end) on or after ``start`` in ``year``."""
    step = 1 if cycle == "monthly" else 3
    month = start.month if step == 1 else 3 * ((start.month - 1) // 3) + 3
    while month <= 12:
        end = date(year, month, calendar.monthrange(year, month)[1])
        if end >= start:
            return end
        month += step
    return None


def _reporting_reminder(unit: str, doc_id: str, items: list[dict[str, Any]], doc: dict[str, Any]) -> CalendarEvent | None:
    """One recurring event for a document's ongoing obligations: report on the last day
    of each cycle (RRULE FREQ=MONTHLY, INTERVAL=3 for quarterly, BYMONTHDAY=-1) until the
    end of the document's year."""
    cycle = doc.get("report_cycle") or DEFAULT_CYCLE
    dates = [(m.get("deadline") or {}).get("date") for m in items]
    year = doc.get("year") or next((int(d[:4]) for d in dates if d), None)
    if not year:
        return None
    published = doc.get("published")
    try:
        start = date.fromisoformat(published) if published and published[:4] == str(year) else date(year, 1, 1)
    except ValueError:
        start = date(year, 1, 1)
    first = _cycle_ends(start, cycle, int(year))
    if first is None:
        return None
    title = doc.get("title") or items[0].get("document_title") or doc_id
    lines = [f"{CYCLE_ZH[cycle]}报送进展：{len(items)} 项持续推进的任务", f"文件：{title}"]
    lines += [f"[{m.get('number')}.{m.get('clause')}] {_short(m.get('text') or '')}（措施编号：{m['id']}）" for m in items]
    interval = 1 if cycle == "monthly" else 3
    return CalendarEvent(
        uid=_uid(unit, f"report:{doc_id}", 0),
        day=first,
        summary=f"【报送】{CYCLE_ZH[cycle]}报送进展｜{len(items)} 项持续推进任务｜{_short(title, 20)}",
        description="\n".join(lines),
        measure_id=doc_id,
        milestone=False,
        rrule=f"FREQ=MONTHLY;INTERVAL={interval};BYMONTHDAY=-1;UNTIL={year}1231",
        category="报送",
    )


# -- RFC 5545 text ------------------------------------------------------------------------------


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (continuations start with a space), never inside a character."""
    out: list[str] = []
    current, size, limit = [], 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, 75
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n".join(out)


def ics_text(unit: str, events: list[CalendarEvent], stamp: datetime | None = None) -> str:
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    dtstamp = stamp.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(unit + '完成时限')}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.uid}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{e.day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(e.day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(e.summary)}",
            f"DESCRIPTION:{escape_text(e.description)}",
            *([f"RRULE:{e.rrule}"] if e.rrule else []),
            f"CATEGORIES:{e.category or ('节点' if e.milestone else '完成时限')}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def unit_calendar(store: GraphStore, name: str, stamp: datetime | None = None) -> tuple[str, str, int]:
    """(canonical unit name, .ics text, number of events)."""
    unit, events = unit_events(store, name)
    return unit, ics_text(unit, events, stamp), len(events)
