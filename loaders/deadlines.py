"""Deadline phrases: 年内持续推进, 12月底前完成, 4月底前出台相关政策, and their combinations.

A deadline text is split on commas into phrases; the last phrase gives the kind,
date and action, earlier dated phrases become milestones.  The year is the
document's work year.  Dates are ISO strings.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.model import Deadline, Milestone
from graph.normalize import to_simplified
from loaders.numerals import cn_small_int

_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_YEAR = r"(?:(?P<y>\d{4})年(?:度)?)?"
_SPLIT_RE = re.compile(r"[，,；;。]")
_ONGOING_RE = re.compile(
    r"^(?P<scope>年内|全年|今年|长期|常态化)?(?:持续|长期|常态化)?(?:推进|坚持|开展|实施|落实|抓好)(?:推进)?$"
    r"|^(?P<scope2>年内|全年|长期)(?:持续)?(?:推进|坚持)$"
    r"|^长期坚持$|^持续推进$|^持续实施$|^长期推进$"
)
_MONTH_RE = re.compile(r"^" + _YEAR + r"(?P<m>" + _NUM + r")月(?:份)?(?:底|末)?(?:前|之前|以前)(?P<act>.*)$")
_DAY_RE = re.compile(r"^" + _YEAR + r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:前|之前|以前)(?P<act>.*)$")
_YEAR_END_RE = re.compile(r"^" + _YEAR + r"(?:年底|年末|年内|今年底|今年内|年度内)(?:前|之前)?(?P<act>.*)$")
_YEAR_END_SHORT_RE = re.compile(r"^(\d{4})年(底|末)")
_HALF_RE = re.compile(
    r"^" + _YEAR + r"(?P<h>上半年|下半年|(?:第)?[一二三四1-4]季度)(?:末|底)?(?:前|内)?(?P<act>.*)$"
)
_DUE_ACTION_RE = re.compile(r"^(?:全面|基本|全部|按时|如期)?(?:完成|建成|办结|完工|落实到位)")
_ACTION_OK_RE = re.compile(r"^[\u4e00-\u9fff“”、A-Za-z0-9]{0,30}$")


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1] else None
    except (ValueError, calendar.IllegalMonthError):
        return None


def _month_end(y: int, m: int) -> str | None:
    if not 1 <= m <= 12:
        return None
    return _iso(y, m, calendar.monthrange(y, m)[1])


@dataclass(frozen=True)
class Phrase:
    text: str
    kind: str  # ongoing | due | milestone | unspecified
    date: str | None
    action: str | None


def _action_kind(act: str) -> tuple[str, str | None]:
    act = act.strip()
    if not act or _DUE_ACTION_RE.match(act):
        return "due", act or None
    return "milestone", act


@lru_cache(maxsize=8192)
def parse_phrase(text: str, year: int | None) -> Phrase | None:
    """One comma-free phrase -> Phrase, or None when it is not a deadline phrase."""
    raw = text.strip()
    s = re.sub(r"\s+", "", to_simplified(raw))
    if not s:
        return None
    s = _YEAR_END_SHORT_RE.sub(r"\1年年\2", s)  # 2023年底前 -> 2023年年底前
    if _ONGOING_RE.match(s):
        bounded = s.startswith(("年内", "全年", "今年")) or s == "持续推进"
        date = _month_end(year, 12) if (bounded and year) else None
        return Phrase(raw, "ongoing", date, re.sub(r"^(年内|全年|今年)", "", s) or s)
    for rx in (_DAY_RE, _MONTH_RE, _YEAR_END_RE, _HALF_RE):
        m = rx.match(s)
        if not m:
            continue
        act = m.group("act")
        if not _ACTION_OK_RE.match(act) or re.search(r"牵头|负责|配合|会同", act):
            return None
        y = int(m.group("y")) if m.group("y") else year
        date: str | None = None
        if y:
            if rx is _DAY_RE:
                date = _iso(y, int(m.group("m")), int(m.group("d")))
            elif rx is _MONTH_RE:
                mon = cn_small_int(m.group("m"))
                date = _month_end(y, mon) if mon else None
            elif rx is _YEAR_END_RE:
                date = _month_end(y, 12)
            else:
                h = m.group("h")
                q = {"上半年": 6, "下半年": 12}.get(h)
                if q is None:
                    digit = re.search(r"[一二三四1-4]", h)
                    q = 3 * (cn_small_int(digit.group(0)) or 4) if digit else 12
                date = _month_end(y, q)
        if act.startswith(("持续推进", "持续")) and rx is _YEAR_END_RE:
            return Phrase(raw, "ongoing", date, act)
        kind, action = _action_kind(act)
        return Phrase(raw, kind, date, action)
    return None


def is_deadline_phrase(text: str) -> bool:
    return parse_phrase(text, 2000) is not None


@dataclass
class DeadlineResult:
    deadline: Deadline | None
    problems: list[str] = field(default_factory=list)


def parse_deadline(text: str, year: int | None, published: str | None = None) -> DeadlineResult:
    """Parse a whole deadline text (possibly several phrases) into a Deadline."""
    raw = (text or "").strip()
    if not raw:
        return DeadlineResult(None)
    parts = [p.strip() for p in _SPLIT_RE.split(raw) if p.strip()]
    phrases: list[Phrase] = []
    problems: list[str] = []
    for p in parts:
        ph = parse_phrase(p, year)
        if ph is None:
            phrases.append(Phrase(p, "unspecified", None, None))
            problems.append(f"deadline phrase not understood: {p}")
        else:
            phrases.append(ph)
    final = phrases[-1]
    milestones = [Milestone(text=p.text, date=p.date, action=p.action) for p in phrases[:-1] if p.date]
    dl = Deadline(
        text=raw,
        kind=final.kind,  # type: ignore[arg-type]
        date=final.date,
        action=final.action,
        milestones=milestones,
    )
    if final.kind in ("due", "milestone") and final.date is None:
        problems.append(f"deadline has no resolvable date (unknown year): {raw}")
    if published:
        early = [d for d in [final.date, *(m.date for m in milestones)] if d and d < published]
        if early:
            dl.before_publication = True
            problems.append(
                f"deadline {min(early)} ({raw}) falls before the document's publication date {published}"
            )
    return DeadlineResult(dl, problems)
