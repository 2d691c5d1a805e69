"""The shapes of the read layer's answers, declared once.

Why TypedDicts: the answers are built as plain dicts (cheap to make and to serialise,
and the bytes the API sends are the dicts themselves), yet every consumer -- routes
(``response_model``, so /docs shows real schemas), pages, ledgers, calendars -- needs to
know their keys and types.  A TypedDict costs nothing at run time, type-checks the
builders, and pydantic turns it into the OpenAPI schema; ``tests/api/test_api_schemas.py``
validates real answers against these declarations so they cannot drift apart.
"""

from __future__ import annotations

from typing import (
    Any,
    NotRequired,  # pydantic needs this TypedDict before Python 3.12
)

from typing_extensions import TypedDict


class Unit(TypedDict):
    """An agency as stored: canonical name, level, kind, government, aliases."""

    name: str
    level: str | None
    kind: str | None
    government: str | None
    collective: bool | None
    aliases: list[str] | None


class UnitCounts(Unit):
    """An agency with how many measures it leads, supports, shares jointly, and holds
    only through a collective (区政府各部门)."""

    lead: int
    support: int
    joint: int
    shared: int


class Counterpart(TypedDict):
    name: str
    level: str | None
    government: str | None


class UnitDetail(Unit):
    """One agency with its relations at the other level."""

    requested: str
    counterparts: list[Counterpart]
    branches: list[str]
    branch_of: list[str]
    collectives: list[str]


class TaskRef(TypedDict):
    id: str | None
    seq: str | None
    number: int | None
    title: str | None


class Deadline(TypedDict):
    text: str | None
    kind: str | None
    date: str | None


class CoResponsible(TypedDict):
    unit: str
    role: str
    order: int | None
    collective: bool | None


class LinkedMeasure(TypedDict):
    """A measure at the other level linked by IMPLEMENTS, with the link's score."""

    id: str
    document_id: str | None
    number: int | None
    clause: int | None
    text: str | None
    score: float | None


class Via(TypedDict):
    unit: str
    role: str


class Leader(TypedDict):
    """A person a measure names (责任领导：张三 副市长): kept as written, never a unit."""

    name: str
    title: str | None
    label: str | None


class Measure(TypedDict):
    """A measure as every answer nests it (``queries.measures.shape_measure`` + ``enrich``)."""

    id: str
    number: int | None
    clause: int | None
    text: str | None
    open_ended: bool | None
    document_id: str | None
    document_title: str | None
    level: str | None
    task: TaskRef
    deadline: Deadline | None
    role: NotRequired[str]  # in an agency's obligations: lead | support | joint | shared
    via: NotRequired[list[Via] | str]  # role 'shared': the collectives it is held through
    order: NotRequired[int | None]
    depth: NotRequired[int]  # in a chain: levels away
    co_responsible: NotRequired[list[CoResponsible]]
    responsible: NotRequired[list[CoResponsible]]  # one measure: every responsible unit
    leaders: NotRequired[list[Leader]]  # one measure: people named for it (责任领导 …), never units
    targets: list[dict[str, Any]]
    city_measures: list[LinkedMeasure]
    district_measures: list[LinkedMeasure]
    # in an agency's obligations: the state of this (measure, agency) obligation
    obligation_id: NotRequired[str]
    status: NotRequired[str]  # graph.progress status code (not_started, in_progress, done ...)
    status_label: NotRequired[str]  # 未启动 / 推进中 / 已完成 ...
    last_update: NotRequired[dict[str, Any] | None]  # the latest progress update, or None
    overdue: NotRequired[bool]
    report_due: NotRequired[bool]  # an ongoing obligation with no update in the current cycle
    ongoing: NotRequired[bool]
    report_cycle: NotRequired[str | None]  # the document's cycle: monthly | quarterly
    cycle: NotRequired[Any]
    progress: NotRequired[dict[str, Any]]  # in a chain: its obligations' states and their roll-up


class RoleGroup(TypedDict):
    role: str
    label: str
    data: list[Measure]


class Obligations(TypedDict):
    """What an agency owns: counts by role over the whole answer, one page of measures."""

    unit: Unit
    counts: dict[str, int]
    labels: dict[str, str]
    count: int
    limit: int
    offset: int
    data: list[Measure]
    groups: list[RoleGroup]
    as_of: str
    status_counts: dict[str, int]
    status_labels: dict[str, str]
    overdue_count: int
    report_due_count: int


class UnitList(TypedDict):
    data: list[UnitCounts]
    count: int


class MeasureList(TypedDict):
    data: list[Measure]
    count: int
    limit: int
    offset: int


class Chain(TypedDict):
    """A measure with the measures it implements (up) and those implementing it (down)."""

    measure: Measure
    up: list[Measure]
    down: list[Measure]
    count: int
    as_of: str
    progress_totals: dict[str, Any]  # the roll-up of the measures below


class Document(TypedDict):
    id: str
    title: str | None
    issuer: str | None
    doc_number: str | None
    level: str | None
    region: str | None
    published: str | None
    year: int | None
    source: str | None
    format: str | None
    implements_doc_numbers: list[str] | None
    implements_titles: list[str] | None
    stub: NotRequired[bool]  # in the list: a document only cited, not loaded
    tasks: int
    measures: int


class DocumentLink(TypedDict):
    id: str
    title: str | None
    doc_number: str | None
    level: str | None
    stub: bool
    method: str | None
    score: float | None


class DocumentDetail(Document):
    implements: list[DocumentLink]
    implemented_by: list[DocumentLink]


class DocumentList(TypedDict):
    data: list[Document]
    count: int


class Task(TypedDict):
    id: str
    seq: str | None
    number: int | None
    title: str | None
    measures: int


class TaskList(TypedDict):
    data: list[Task]
    count: int
    document: str


class Workload(TypedDict):
    """Rows per agency (by=role: lead/support/joint/shared/total) or long-format rows
    ``{unit, month|task, count}``."""

    data: list[dict[str, Any]]
    count: int
    by: str
    government: str | None
    document: str | None


class DeadlineItem(TypedDict):
    measure_id: str
    document_id: str | None
    number: int | None
    clause: int | None
    measure_text: str | None
    date: str | None
    kind: str | None
    text: str | None
    milestone: bool
    owners: list[str]
    supporters: list[str]
    joint: list[str]
    overdue: bool


class Deadlines(TypedDict):
    data: list[DeadlineItem]
    count: int
    as_of: str


class RoleCount(TypedDict):
    lead: int
    support: int
    joint: int
    shared: int
    total: int
    measures: NotRequired[list[dict[str, str]]]  # in a row: {id, role} of each measure counted


class TaskSide(TypedDict):
    id: str
    document_id: str | None
    seq: str | None
    number: int | None
    title: str | None


class MeasurePair(TypedDict):
    lower: str  # a lower-level measure id ...
    upper: str  # ... IMPLEMENTS this one
    lower_units: list[str]  # the compared agencies holding each end
    upper_units: list[str]


class ComparisonRow(TypedDict):
    lower: list[TaskSide]  # the district task(s) of the row
    upper: list[TaskSide]  # the city task(s) they FOLLOW
    linked: bool  # False: a task with no FOLLOWS link, alone on its row
    counts: dict[str, RoleCount]  # agency -> its measures in the row's tasks
    links: list[MeasurePair]


class CounterpartComparison(TypedDict):
    """An agency beside its counterpart(s), task by linked task (FOLLOWS / IMPLEMENTS)."""

    data: list[ComparisonRow]
    count: int
    unit: str
    level: str | None
    counterparts: list[dict[str, Any]]
    summary: dict[str, RoleCount]


class Contribution(TypedDict):
    target_id: str
    indicator: str | None
    value: float | None
    value_max: float | None  # the higher target's range end (150万至170万头); the share is of value
    unit: str | None
    share: float | None  # lower / higher in common units
    conversion: str  # "150–170万头 = 1,500,000–1,700,000头"; '' when both are in one unit
    method: str | None  # same_indicator | similar_indicator (+ ":linked_measure")


class Target(TypedDict):
    id: str
    indicator: str
    op: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    text: str | None
    measure_id: str | None
    document_id: str | None
    level: str | None
    contributes_to: list[Contribution]


class TargetGroup(TypedDict):
    indicator: str
    levels: list[str]
    targets: list[Target]


class Targets(TypedDict):
    data: list[TargetGroup]
    count: int
    targets: int


class Centrality(TypedDict):
    unit: str
    neighbours: int
    strength: int
    degree_centrality: float
    betweenness: float


class Collaborator(TypedDict):
    unit: str
    shared_measures: int


class UnitCollaborators(TypedDict):
    name: str
    closest: list[Collaborator]


class Edge(TypedDict):
    source: str
    target: str
    weight: int


class Collaboration(TypedDict):
    summary: dict[str, Any]
    data: list[Centrality]
    count: int
    communities: list[list[str]]
    unit: NotRequired[UnitCollaborators]
    edges: NotRequired[list[Edge]]


class GraphNode(TypedDict):
    id: str
    label: str
    group: str
    title: str
    document_id: NotRequired[str | None]


class Neighbourhood(TypedDict):
    """Nodes and edges for vis-network around a unit or a measure."""

    root: str
    depth: int
    nodes: list[GraphNode]
    edges: list[dict[str, Any]]
    truncated: bool
    count: int


class LinkDecision(TypedDict):
    """A reviewed decision in force on a measure pair (current ids), and whether the
    pair is linked now (a rejected pair never is; a confirmed one always is)."""

    lower: str
    upper: str
    decision: str  # confirmed | rejected
    decided_by: str
    at: str
    source: str
    source_row: str
    note: str
    linked: bool


class OrphanDecision(TypedDict):
    """A decision whose measure is gone (its text is nowhere in the reloaded document)."""

    lower_id: str
    upper_id: str
    decision: str
    decided_by: str
    at: str
    source: str
    source_row: str
    note: str


class LinkDecisions(TypedDict):
    document: str | None
    data: list[LinkDecision]
    count: int
    orphans: list[OrphanDecision]
