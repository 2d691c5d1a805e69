"""Building measures from parsed pieces: shared by the prose and table loaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import Document, Measure, ParseWarning, Task, Unit
from graph.normalize import AgencyDirectory, clean_name
from loaders.clause import ClauseResult
from loaders.deadlines import parse_deadline
from loaders.targets import extract_targets

_CN = "零一二三四五六七八九"


def cn_to_int(s: str) -> int | None:
    """一 -> 1, 十二 -> 12, 三十九 -> 39, 一百零一 -> 101; digits pass through."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if not s:
        return None
    total, cur = 0, 0
    for ch in s.replace("〇", "零").replace("两", "二"):
        if ch in _CN:
            cur = _CN.index(ch)
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


@dataclass
class Builder:
    """Accumulates measures, tasks, units and warnings for one document."""

    document: Document
    directory: AgencyDirectory
    source: str
    measures: list[Measure] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

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
            for p in clause.problems:
                self.warn(line, f"{ref}: {p}", clause_text)
            for u in clause.unknown_units:
                self.warn(
                    line, f"{ref}: unknown unit {u} (not in agencies.csv); kept as written", clause_text
                )
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

    def units(self) -> list[Unit]:
        """One Unit per distinct canonical unit named in the document, in first-use order."""
        out: dict[str, Unit] = {}
        gov_default = self.document.issuer
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
                    out[r.unit] = Unit(
                        name=r.unit,
                        level="unknown",
                        kind="collective" if r.collective else "unknown",
                        government=gov,
                        collective=r.collective,
                    )
        return list(out.values())
