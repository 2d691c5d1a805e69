"""The responsibility grammar: who leads, who supports, who shares a measure.

    （市财政局牵头，市发展改革委、市人社局等按职责分工负责，12月底前完成）
      lead: 市财政局   support: 市发展改革委, 市人社局 (open-ended: 等)   deadline: 12月底前完成

Rules:
* units before 牵头 (牵头负责, 为牵头单位) are leads;
* units in a 按职责分工负责 / 分别负责 / 负责 part are supports when the clause has a
  lead, otherwise joint (A、B等按职责分工负责; 市政府各部门分别负责; 市财政局负责);
* units before 配合 / 协助 / 参与 are supports; "A会同B…" makes A lead and B support;
* a part that is only a list of agencies takes the role of the verb that follows it
  (A，B牵头) or, at the end, joint / support like 负责;
* collective phrases (市政府各部门, 有关部门…) are kept as units with collective=True;
* a list ending in 等 makes the measure open-ended;
* "A和B" / "A与B" is split only when both sides are agencies (known, or at least
  shaped like one) and the whole is not itself a known name (市文化和旅游局);
* "A等有关部门（和单位）" is A, open-ended;
* a document that declares an order rule (列第一位者为牵头单位, ``order_lead``) makes
  the first unit of a list with no 牵头 the lead and the rest supports; the
  declaration itself is cut out of the clause;
* a plain list of names is kept as units even when the agency file does not know
  them (滨海新区, 某某公司): in a labelled field always, in a clause when the names are
  shaped like units or the clause has no responsibility verb at all.  Unknown names
  are reported, never dropped.

Everything is matched on a simplified copy of the text of the same length, so the
``as_written`` spans are cut from the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.model import Leader, Responsibility
from graph.normalize import AgencyDirectory, clean_name, collective_phrases, directory, to_simplified
from loaders.deadlines import is_deadline_phrase
from loaders.vocabulary import label_re, strip_order_rule

RESPONSIBILITY_WORD_RE = re.compile(r"牵头|负责|配合|会同|协助")

_LEAD = ("牵头负责", "牵头落实", "牵头抓总", "为牵头单位", "牵头")
_SUPPORT = ("协同配合", "积极配合", "按职责配合", "配合", "协助", "协办", "参与")
_JOINT = (
    "按职责分工负责",
    "按职责分工落实",
    "按职能分工负责",
    "按职责分别负责",
    "按职责负责",
    "按职责落实",
    "分别负责",
    "共同负责",
    "分工负责",
    "负责落实",
    "具体负责",
    "负责",
)
_VERB_ROLE = {v: "lead" for v in _LEAD} | {v: "support" for v in _SUPPORT} | {v: "jointish" for v in _JOINT}
_VERB_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, _VERB_ROLE), key=len, reverse=True)) + ")$")
_SEP_RE = re.compile(r"[，；,;]")
_LEADING_JUNK_RE = re.compile(r"^(?:由|及|以及|并|和|与|请|各自)+")
_JOIN_RE = re.compile(r"[和与及]")
_VERB_ANY_RE = re.compile("|".join(sorted(map(re.escape, _VERB_ROLE), key=len, reverse=True)))
# A等有关部门 / A等相关单位 / A等部门和单位: A, and the list is open-ended
_OPEN_TAIL_RE = re.compile(r"等(?:各|其他|其它)?(?:有关|相关)?(?:部门|单位)(?:[和及、](?:部门|单位))?$")


@dataclass
class ClauseResult:
    responsibilities: list[Responsibility] = field(default_factory=list)
    open_ended: bool = False
    deadline_text: str = ""
    problems: list[str] = field(default_factory=list)  # each becomes a ParseWarning
    unknown_units: list[str] = field(default_factory=list)
    leaders: list[Leader] = field(default_factory=list)  # from 责任领导 fields


def is_responsibility_clause(content: str) -> bool:
    """True when a bracket's content is a responsibility clause (not （LPR） or （国发〔2022〕9号）)."""
    s = to_simplified(content)
    if len(s) > 400:
        return False
    if RESPONSIBILITY_WORD_RE.search(s) or label_re().search(s):
        return True
    return any(is_deadline_phrase(p) for p in _SEP_RE.split(s) if p.strip())


def _normalise_punct(text: str) -> str:
    # 1:1 replacements only: offsets must stay valid.
    return text.replace(",", "，").replace(";", "；")


def _strip_span(s: str, a: int, b: int) -> tuple[int, int]:
    while a < b and s[a] in " \t\u3000“”\"'：:。.":
        a += 1
    while b > a and s[b - 1] in " \t\u3000“”\"'：:。.":
        b -= 1
    return a, b


class _Grammar:
    def __init__(
        self, orig: str, government: str | None, dirx: AgencyDirectory, order_lead: bool = False
    ) -> None:
        self.orig = _normalise_punct(strip_order_rule(orig))
        self.s = to_simplified(self.orig)
        self.gov = government
        self.dir = dirx
        self.order_lead = order_lead
        self.result = ClauseResult()

    # --- units ---------------------------------------------------------
    def _known(self, name: str) -> bool:
        return self.dir.is_known(name, self.gov) or self.dir.looks_collective(name)

    def _agency_like(self, name: str) -> bool:
        return self._known(name) or self.dir.looks_like_agency(name)

    def _unit_like(self, name: str) -> bool:
        return self._known(name) or self.dir.looks_like_unit(name)

    def _split_join(self, a: int, b: int) -> list[tuple[int, int]]:
        """Split a token on 和/与/及 only where both sides are agencies."""
        tok = self.s[a:b]
        # a name the file knows, or a listed collective phrase (有关部门和单位), is whole;
        # 区有关部门与各街道办事处 merely starts like a collective and is split below
        if self.dir.is_known(tok, self.gov) or clean_name(tok) in collective_phrases():
            return [(a, b)]
        for m in _JOIN_RE.finditer(tok):
            i = a + m.start()
            left, right = self.s[a:i], self.s[i + 1 : b]
            if not left or not right:
                continue
            both_known = self._known(left) and self._known(right)
            both_shaped = self._agency_like(left) and self._agency_like(right)
            if both_known or both_shaped:
                return [(a, i), *self._split_join(i + 1, b)]
        return [(a, b)]

    def units(self, a: int, b: int) -> tuple[list[tuple[int, int]], bool]:
        """Spans of unit names in s[a:b] and whether the list ends in 等."""
        a, b = _strip_span(self.s, a, b)
        open_ended = False
        if b > a and self.s[b - 1] == "等":
            b -= 1
            open_ended = True
        spans: list[tuple[int, int]] = []
        start = a
        depth = 0  # 各县（市、区）人民政府: no split inside brackets
        for i in range(a, b + 1):
            if i < b and self.s[i] in "（(":
                depth += 1
            elif i < b and self.s[i] in "）)" and depth:
                depth -= 1
            if i == b or (self.s[i] in "、/" and not depth):
                x, y = _strip_span(self.s, start, i)
                m = _LEADING_JUNK_RE.match(self.s[x:y])
                if m:
                    x += m.end()
                if y > x and self.s[y - 1] == "等" and i == b:
                    y -= 1
                    open_ended = True
                tail = _OPEN_TAIL_RE.search(self.s, x, y) if "等" in self.s[x:y] else None
                if tail and tail.start() > x:
                    y = tail.start()
                    open_ended = True
                if y > x:
                    spans.extend(self._split_join(x, y))
                start = i + 1
        return spans, open_ended

    # --- parts ---------------------------------------------------------
    def parse(self, default_bare: str | None = None) -> ClauseResult:
        s = self.s
        # a plain list with no responsibility verb at all (a field, a table cell) is a list
        # of units, whatever their names look like
        accept_bare = default_bare in ("lead", "support") or not _VERB_ANY_RE.search(s)
        roles: list[tuple[int, int, str]] = []  # (a, b, role) with role lead|support|jointish
        pending: list[tuple[int, int]] = []
        deadline_parts: list[str] = []
        pos = 0
        bounds = [m.start() for m in _SEP_RE.finditer(s)] + [len(s)]
        for end in bounds:
            a, b = _strip_span(s, pos, end)
            pos = end + 1
            if a >= b:
                continue
            part = s[a:b]
            if is_deadline_phrase(part):
                deadline_parts.append(self.orig[a:b])
                continue
            m_with = part.find("会同")
            if m_with > 0:
                leads, oe1 = self.units(a, a + m_with)
                rest_a = a + m_with + 2
                vm = _VERB_RE.search(s, rest_a, b)
                rest_b = vm.start() if vm else b
                sups, oe2 = self.units(rest_a, rest_b)
                roles += [(x, y, "lead") for x, y in pending + leads]
                pending = []
                roles += [(x, y, "support") for x, y in sups]
                self.result.open_ended |= oe1 or oe2
                continue
            vm = _VERB_RE.search(part)
            if vm:
                role = _VERB_ROLE[vm.group(0)]
                spans, oe = self.units(a, a + vm.start())
                self.result.open_ended |= oe
                roles += [(x, y, role) for x, y in pending + spans]
                pending = []
                if not spans and not roles:
                    self.result.problems.append(f"responsibility verb without a unit: {self.orig[a:b]}")
                continue
            spans, oe = self.units(a, b)
            if spans and (accept_bare or all(self._unit_like(s[x:y]) for x, y in spans)):
                pending += spans
                self.result.open_ended |= oe
            else:
                self.result.problems.append(f"clause part not understood: {self.orig[a:b]}")
        if pending:
            roles += [(x, y, default_bare or "jointish") for x, y in pending]
        has_lead = any(r == "lead" for _, _, r in roles)
        if self.order_lead and not has_lead and roles and default_bare in (None, "jointish"):
            # the document's own rule: the first unit listed leads, the others support
            roles = [(roles[0][0], roles[0][1], "lead")] + [(x, y, "support") for x, y, _ in roles[1:]]
            has_lead = True
        seen: dict[str, str] = {}
        for x, y, role in roles:
            final = role if role != "jointish" else ("support" if has_lead else "joint")
            if default_bare and role == "jointish" and default_bare != "jointish":
                final = default_bare
            written = self.orig[x:y]
            agency = self.dir.resolve(written, self.gov)
            if agency is not None:
                unit, collective = self.dir.scoped_name(agency, self.gov), agency.collective
            else:
                unit, collective = written, self.dir.looks_collective(written)
                if not collective:
                    self.result.unknown_units.append(written)
            if unit in seen:
                if seen[unit] != final:
                    self.result.problems.append(
                        f"unit {written} named twice with roles {seen[unit]} and {final}"
                    )
                continue
            seen[unit] = final
            self.result.responsibilities.append(
                Responsibility(
                    unit=unit,
                    as_written=written,
                    role=final,  # type: ignore[arg-type]
                    collective=collective,
                    order=len(self.result.responsibilities) + 1,
                )
            )
        self.result.deadline_text = "，".join(deadline_parts)
        return self.result


def parse_clause(
    text: str,
    government: str | None = None,
    default_bare: str | None = None,
    dirx: AgencyDirectory | None = None,
    order_lead: bool = False,
) -> ClauseResult:
    """Parse a responsibility clause (the bracket content, or a 责任单位 cell).

    ``default_bare`` forces the role of plain unit lists: "lead" for a 牵头单位 field,
    "support" for a 配合单位 field, "jointish" for a 责任单位 field (joint, or support
    after a lead); None applies the grammar (joint / support).  With any of them
    every name of the list is a unit.  ``order_lead``: the document declares that the
    first unit listed leads."""
    if dirx is None or dirx is directory():
        return _copy(_cached_clause(text, government, default_bare, order_lead))
    return _Grammar(text, government, dirx, order_lead).parse(default_bare)


@lru_cache(maxsize=16384)
def _cached_clause(text: str, government: str | None, default_bare: str | None, order_lead: bool) -> ClauseResult:
    return _Grammar(text, government, directory(), order_lead).parse(default_bare)


def _copy(res: ClauseResult) -> ClauseResult:
    """A fresh copy: cached results are shared and must not be mutated by callers."""
    return ClauseResult(
        responsibilities=[
            Responsibility(r.unit, r.as_written, r.role, r.collective, r.order) for r in res.responsibilities
        ],
        open_ended=res.open_ended,
        deadline_text=res.deadline_text,
        problems=list(res.problems),
        unknown_units=list(res.unknown_units),
        leaders=list(res.leaders),
    )


def merge_results(results: list[ClauseResult]) -> ClauseResult:
    """Combine labelled fields (牵头单位 / 配合单位 / 责任单位) into one clause result."""
    out = ClauseResult()
    seen: set[str] = set()
    has_lead = any(r.role == "lead" for res in results for r in res.responsibilities)
    for res in results:
        for r in res.responsibilities:
            if r.unit in seen:
                continue
            seen.add(r.unit)
            role = "support" if (has_lead and r.role == "joint") else r.role
            out.responsibilities.append(
                Responsibility(r.unit, r.as_written, role, r.collective, len(out.responsibilities) + 1)  # type: ignore[arg-type]
            )
        out.open_ended |= res.open_ended
        out.problems += res.problems
        out.unknown_units += res.unknown_units
        out.leaders += res.leaders
        if res.deadline_text:
            out.deadline_text = "，".join(x for x in (out.deadline_text, res.deadline_text) if x)
    return out
