"""Plain inputs and outputs of linking: what the link functions read and return.

Why separate records (not graph.model): linking runs either over two ParsedDocuments
(tests, ``link_documents``) or over rows read from a store (``link_store``).  Both are
turned into these small frozen records first, so every link function is a plain
function over plain data and never touches a store.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocRef:
    doc_number: str = ""
    title: str = ""


@dataclass(frozen=True)
class Doc:
    id: str
    title: str
    doc_number: str = ""
    level: str = "unknown"
    year: int | None = None
    implements: tuple[DocRef, ...] = ()


@dataclass(frozen=True)
class TaskRec:
    id: str
    document_id: str
    number: int
    seq: str
    title: str


@dataclass(frozen=True)
class MeasureRec:
    id: str
    document_id: str
    task_id: str
    number: int
    clause: int
    text: str
    # responsible agencies (canonical names, collectives left out): the leads -- or, for a
    # measure with no lead (A、B按职责分工负责), its joint units -- and every unit named.
    # Structural evidence for measure links: 区财政局 leading here and 市财政局 there.
    leads: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetRec:
    id: str
    measure_id: str
    document_id: str
    indicator: str
    op: str
    value: float
    unit: str
    value_max: float | None = None


@dataclass(frozen=True)
class UnitRec:
    name: str
    level: str = "unknown"
    kind: str = "unknown"
    collective: bool = False


@dataclass
class Corpus:
    """Everything loaded that linking looks at."""

    docs: list[Doc] = field(default_factory=list)
    tasks: list[TaskRec] = field(default_factory=list)
    measures: list[MeasureRec] = field(default_factory=list)
    targets: list[TargetRec] = field(default_factory=list)
    units: list[UnitRec] = field(default_factory=list)


# -- results -----------------------------------------------------------------------


@dataclass(frozen=True)
class StubDoc:
    """A document referred to but not loaded (kept so the chain is visible)."""

    id: str
    title: str
    doc_number: str
    level: str


@dataclass(frozen=True)
class DocLink:
    lower: str  # document id that implements
    upper: str  # document id (or stub id) implemented
    method: str  # doc_number | title | title_similar | stub
    score: float


@dataclass(frozen=True)
class TaskLink:
    lower: str
    upper: str
    method: str  # title | title_similar | content
    score: float


@dataclass(frozen=True)
class MeasureLink:
    lower: str
    upper: str
    method: str  # task (text, linked task) | task_evidence (text + structure) | global
    score: float
    primary: bool = True  # the lower measure's best link (one per lower measure)
    evidence: str = ""  # the features that fired, e.g. "text=0.16 lead_counterpart slot"


@dataclass(frozen=True)
class UnitLink:
    lower: str  # district unit (or branch)
    upper: str  # city counterpart (or parent)
    method: str  # data_file
    score: float = 1.0


@dataclass(frozen=True)
class TargetLink:
    lower: str
    upper: str
    share: float  # lower value / upper value in common units
    method: str  # same_indicator | similar_indicator (+ ":linked_measure")
    conversion: str = ""  # how the units were made common: "150万头 = 1,500,000头" ('' if same unit)


@dataclass
class Links:
    """All links computed for a set of documents; ``report`` holds what was not linked."""

    stubs: list[StubDoc] = field(default_factory=list)
    documents: list[DocLink] = field(default_factory=list)
    tasks: list[TaskLink] = field(default_factory=list)
    measures: list[MeasureLink] = field(default_factory=list)
    local_measures: list[str] = field(default_factory=list)
    counterparts: list[UnitLink] = field(default_factory=list)
    branches: list[UnitLink] = field(default_factory=list)
    targets: list[TargetLink] = field(default_factory=list)
    no_counterpart: list[str] = field(default_factory=list)
    unlinked_tasks: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int | list[str]]:
        linked = {m.lower for m in self.measures}
        return {
            "documents": len(self.documents),
            "stub_documents": len(self.stubs),
            "tasks": len(self.tasks),
            "unlinked_tasks": len(self.unlinked_tasks),
            "measure_links": len(self.measures),
            "measures_linked": len(linked),
            "local_measures": len(self.local_measures),
            "counterparts": len(self.counterparts),
            "branches": len(self.branches),
            "targets": len(self.targets),
            "no_counterpart": sorted(self.no_counterpart),
        }
