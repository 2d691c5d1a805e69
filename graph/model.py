"""The PolicyGraph model: plain dataclasses that loaders produce and stores consume.

Why plain dataclasses: the data flows one way (file -> loader -> model -> store ->
query -> API -> page).  Loaders know nothing about stores and stores know nothing
about file formats; this module is the contract between them.  ``to_dict`` gives
the stable JSON shape printed by ``policygraph parse`` (field names are part of
the public interface: other tools and tests read them).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Role = Literal["lead", "support", "joint"]
Level = Literal["national", "province", "city", "district", "unknown"]
DeadlineKind = Literal["ongoing", "due", "milestone", "unspecified"]
TargetOp = Literal[">=", "<=", "~", "range", "="]

# The role vocabulary, in the one order every answer, ledger and page uses.  A unit
# holds a measure itself as lead (牵头), support (配合) or joint (共同, listed without a
# lead); "shared" is a measure it holds only as a member of a collective (区政府各部门).
ROLES: tuple[str, ...] = ("lead", "support", "joint", "shared")
ROLE_ORDER: dict[str, int] = {role: i for i, role in enumerate(ROLES)}
# Short labels: table cells, chips, ledgers, calendars, graph edges drawn in files.
ROLE_LABELS_ZH: dict[str, str] = {"lead": "牵头", "support": "配合", "joint": "共同", "shared": "集体"}
# Long labels: headings of an agency's obligations (the API's ``labels``).
ROLE_HEADINGS_ZH: dict[str, str] = {"lead": "牵头", "support": "配合", "joint": "共同负责", "shared": "作为集体单位成员"}


@dataclass
class DocumentRef:
    """A document that another document says it implements (from its preamble)."""

    doc_number: str | None = None  # e.g. 国发〔2022〕9号
    title: str | None = None  # e.g. 国务院关于落实〈政府工作报告〉重点工作分工的意见


@dataclass
class Document:
    """One task-division document (a city's prose list, a district's table...)."""

    id: str  # stable: the same file always gives the same id
    title: str
    issuer: str | None = None  # 天津市人民政府
    doc_number: str | None = None  # 津政发〔2022〕9号, when the text states it
    level: Level = "unknown"
    region: str | None = None  # 天津市 / 西青区
    published: str | None = None  # ISO date, 2022-05-06
    year: int | None = None  # the work year the deadlines refer to
    implements: list[DocumentRef] = field(default_factory=list)
    source: str | None = None  # file name it was read from
    format: str | None = None  # prose | table | csv | xlsx


@dataclass
class Task:
    """A section of the document: （一）总体要求和主要预期目标."""

    seq: str  # as numbered in the document: 一, 二 ... (Chinese numeral, no brackets)
    number: int  # the same as an int: 1, 2 ...
    title: str  # cleaned title


@dataclass
class Responsibility:
    """One agency's part in one measure."""

    unit: str  # canonical name (市发展和改革委员会 -> see graph/data/agencies.csv)
    as_written: str  # exactly as in the clause
    role: Role
    collective: bool = False  # 市政府各部门, 有关部门 ...
    order: int = 0  # position in the clause, from 1


@dataclass
class Milestone:
    """A dated step inside a clause: 4月底前出台相关政策."""

    text: str
    date: str | None  # ISO date
    action: str | None  # 出台相关政策


@dataclass
class Deadline:
    """When a measure is due.  ``kind`` is the final obligation's kind."""

    text: str  # as written: 12月底前完成 / 年内持续推进
    kind: DeadlineKind
    date: str | None = None  # ISO; for ongoing: the last day of the year
    action: str | None = None  # 完成 / 出台相关政策
    milestones: list[Milestone] = field(default_factory=list)
    before_publication: bool = False  # due before the document was published


@dataclass
class Target:
    """A quantified goal found in measure text: 城镇新增就业35万人以上."""

    indicator: str
    op: TargetOp
    value: float
    unit: str  # as written: %, 万人, 亿元, 家 ...
    text: str  # the span it was read from
    value_max: float | None = None  # for ranges (至)


@dataclass
class Leader:
    """A person named as responsible for a measure (责任领导：张三 / 分管副市长李四).

    Why not a Unit: a leader is a person, not an agency; the document names them to
    say who answers for the measure, and they are kept exactly as written."""

    name: str  # 张三 (the whole text when no name can be told apart: 分管副市长)
    title: str | None = None  # 副市长, as written
    label: str = ""  # the field it came from: 责任领导 / 牵头领导 / 分管领导


@dataclass
class Measure:
    """One obligation: a run of text closed by a responsibility clause."""

    id: str  # f"{document.id}:{number}.{clause}"
    task: Task
    number: int  # document-wide item / 措施序号
    clause: int  # 1.. within the item (city item 10 holds four)
    text: str
    responsibilities: list[Responsibility] = field(default_factory=list)
    open_ended: bool = False  # the unit list ends in 等
    deadline: Deadline | None = None
    targets: list[Target] = field(default_factory=list)
    clause_text: str = ""  # the responsibility clause as written
    line: int = 0  # 1-based line in the source file
    leaders: list[Leader] = field(default_factory=list)  # 责任领导 etc.; empty when none is named


@dataclass
class Unit:
    """An agency (or a collective such as 区政府各部门) named in a document."""

    name: str  # canonical
    level: Level = "unknown"
    kind: str = "department"  # department|party|mass_org|branch|enterprise|temporary|collective|government|unknown
    government: str | None = None  # 天津市人民政府 / 西青区人民政府
    collective: bool = False
    aliases: list[str] = field(default_factory=list)


@dataclass
class ParseWarning:
    """Something the loader kept but could not fully read."""

    file: str
    line: int
    message: str
    text: str = ""


@dataclass
class ParsedDocument:
    """Everything one file yields; the unit of loading (one transaction)."""

    document: Document
    tasks: list[Task]
    measures: list[Measure]
    units: list[Unit]
    warnings: list[ParseWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of ``policygraph parse``."""
        return {
            "document": asdict(self.document),
            "tasks": [asdict(t) for t in self.tasks],
            "measures": [asdict(m) for m in self.measures],
            "units": [asdict(u) for u in self.units],
            "warnings": [asdict(w) for w in self.warnings],
        }


class PolicyGraphError(Exception):
    """Root of every error PolicyGraph raises on purpose (mapped to clean messages)."""


class DocumentError(PolicyGraphError):
    """A file that cannot be read as a task-division document."""

    def __init__(self, file: str, reason: str, line: int | None = None) -> None:
        self.file = file
        self.reason = reason
        self.line = line
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {reason}")


class StoreError(PolicyGraphError):
    """A store that cannot be opened or written (locked file, server down...)."""


class NotFoundError(PolicyGraphError):
    """A name or id that is not in the graph."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        self.suggestions = suggestions or []
        super().__init__(message)


class InvalidParameter(PolicyGraphError):
    """A parameter that parses but makes no sense (a range whose start is after its end)."""

    def __init__(self, param: str, message: str) -> None:
        self.param = param
        self.message = message
        super().__init__(message)
