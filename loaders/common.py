"""Building measures from parsed pieces: shared by the prose and table loaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import Document, Measure, ParseWarning, Responsibility, Task, Unit
from graph.normalize import AgencyDirectory, clean_name
from loaders.clause import ClauseResult
from loaders.deadlines import parse_deadline
from loaders.targets import extract_targets


def government_of(issuer: str | None) -> str | None:
    """The government a document speaks for: 江北省人民政府办公厅 -> 江北省人民政府.

    Why: names in the clauses (市商务局, 有关部门) are relative to the government, and an
    office (办公厅 / 办公室) issues on its behalf."""
    if not issuer:
        return issuer
    for suffix in ("办公厅", "办公室"):
        head = issuer.removesuffix(suffix)
        if head != issuer and head.endswith(("人民政府", "国务院")):
            return head
    return issuer


@dataclass
class Builder:
    """Accumulates measures, tasks, units and warnings for one document."""

    document: Document
    directory: AgencyDirectory
    source: str
    measures: list[Measure] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    # the document declares that the first unit of every list leads (列第一位者为牵头单位)
    order_lead: bool = False

    def warn(self, line: int, message: str, text: str = "") -> None:
        self.warnings.append(ParseWarning(file=self.source, line=line, message=message, text=text))

    def add_measure(
        self,
        task: Task,
        number: int,
        clause_no: int,
        text: str,
        clause: ClauseResult | None,
        clause_text: str,
        deadline_text: str,
        line: int,
    ) -> Measure:
        doc = self.document
        if not any(t is task for t in self.tasks):
            self.tasks.append(task)
        m = Measure(
            id=f"{doc.id}:{number}.{clause_no}",
            task=task,
            number=number,
            clause=clause_no,
            text=text,
            clause_text=clause_text,
            line=line,
        )
        ref = f"measure {number}.{clause_no}"
        if clause is not None:
            m.responsibilities = clause.responsibilities
            m.open_ended = clause.open_ended
            m.leaders = list(clause.leaders)
            self._report(line, ref, clause, clause_text)
        if not m.responsibilities:
            self.warn(
                line,
                f"{ref}: no responsible unit found; measure kept without units",
                clause_text or text[:80],
            )
        if deadline_text:
            res = parse_deadline(deadline_text, doc.year, doc.published)
            m.deadline = res.deadline
            for p in res.problems:
                self.warn(line, f"{ref}: {p}", deadline_text)
        m.targets = extract_targets(text)
        self.measures.append(m)
        return m

    def _report(self, line: int, ref: str, clause: ClauseResult, clause_text: str) -> None:
        for p in clause.problems:
            self.warn(line, f"{ref}: {p}", clause_text)
        for u in clause.unknown_units:
            self.warn(line, f"{ref}: unknown unit {u} (not in agencies.csv); kept as written", clause_text)

    def amend(self, m: Measure, clause: ClauseResult, clause_text: str, deadline_text: str, line: int) -> None:
        """Fields that follow a measure already closed by a bracket clause
        (（A牵头）then a line 责任领导：张三): their units, leaders and deadline join it."""
        ref = f"measure {m.number}.{m.clause}"
        known = {r.unit for r in m.responsibilities}
        has_lead = any(r.role == "lead" for r in m.responsibilities)
        for r in clause.responsibilities:
            if r.unit in known:
                continue
            role = "support" if (has_lead and r.role == "joint") else r.role
            m.responsibilities.append(
                Responsibility(r.unit, r.as_written, role, r.collective, len(m.responsibilities) + 1)  # type: ignore[arg-type]
            )
        m.open_ended |= clause.open_ended
        m.leaders += clause.leaders
        m.clause_text = "；".join(x for x in (m.clause_text, clause_text) if x)
        self._report(line, ref, clause, clause_text)
        if deadline_text and m.deadline is None:
            res = parse_deadline(deadline_text, self.document.year, self.document.published)
            m.deadline = res.deadline
            for p in res.problems:
                self.warn(line, f"{ref}: {p}", deadline_text)

    def units(self) -> list[Unit]:
        """One Unit per distinct canonical unit named in the document, in first-use order."""
        out: dict[str, Unit] = {}
        gov_default = government_of(self.document.issuer)
        for m in self.measures:
            for r in m.responsibilities:
                if r.unit in out:
                    continue
                a = self.directory.get(r.unit)
                if a is None:  # a name localised to this document (西青区有关部门, 瑞湖区财政局)
                    a = self.directory.resolve(r.as_written, gov_default)
                if a is not None:
                    gov = self.directory.scoped(a, gov_default)[1] or (gov_default if a.collective else None)
                    level = a.level
                    if a.collective and level == "unknown" and gov:
                        g = self.directory.get(gov)
                        level = g.level if g else level
                    out[r.unit] = Unit(
                        name=r.unit,
                        level=level,  # type: ignore[arg-type]
                        kind=a.kind,
                        government=gov,
                        collective=a.collective,
                        aliases=list(a.aliases),
                    )
                else:
                    key = clean_name(r.unit)
                    gov = None
                    if r.collective:
                        gov = (
                            gov_default
                            if not key.startswith(("市", "区", "县"))
                            else next(
                                (
                                    g.name
                                    for g in self.directory.governments
                                    if g.region and g.region.endswith(key[0]) and g.name == gov_default
                                ),
                                gov_default,
                            )
                        )
                    # an agency the data file does not know: kept as written, of the
                    # document's government (reported by add_measure as a warning)
                    out[r.unit] = Unit(
                        name=r.unit,
                        level="unknown",
                        kind="collective" if r.collective else "unknown",
                        government=gov if r.collective else gov_default,
                        collective=r.collective,
                    )
        return list(out.values())
