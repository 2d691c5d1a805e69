"""Deadline calendars: an agency's dated obligations as an iCalendar (.ics) file.

One all-day VEVENT per dated obligation (the final deadline; 年内持续推进 falls on the
last day of the work year) and one per dated milestone (4月底前出台相关政策), so the
deadlines land in the agency's own calendar.  The obligations are the API's
(``/units/{name}/obligations``, via reports.ledger); milestones come from the named
query ``ledger_milestones``.

Written by hand (RFC 5545: CRLF lines folded at 75 octets without splitting a UTF-8
character, TEXT escaping), so no runtime dependency.  UIDs are stable: a hash of unit,
measure id and step (0 = final deadline, 1.. = milestones), so re-importing updates the
events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from graph.model import ROLE_LABELS_ZH
from graph.store import GraphStore
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
        if dl.get("date"):
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
    return unit, events


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
            f"CATEGORIES:{'节点' if e.milestone else '完成时限'}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def unit_calendar(store: GraphStore, name: str, stamp: datetime | None = None) -> tuple[str, str, int]:
    """(canonical unit name, .ics text, number of events)."""
    unit, events = unit_events(store, name)
    return unit, ics_text(unit, events, stamp), len(events)
