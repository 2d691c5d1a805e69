"""The data-quality report: what a supervisor should fix before anyone starts work.

Eight checks, each a pure function over plain data (``QualityData``: rows as the named
``quality_*`` read queries return them, or the same rows built from ParsedDocuments):

  unit_variants        one agency written several ways (区农业农村局 / 区农业农村委), or two
                       units of one government whose names differ only in the suffix
  no_counterpart       district agencies with no city counterpart (COUNTERPART_OF links
                       when the level linking has run, else the data file's counterpart column)
  unreadable_clauses   clauses the grammar could not read (the loader's parse warnings)
  no_responsible_unit  measures without any responsible unit
  before_publication   deadlines and milestones earlier than the document's publication date
  city_not_carried     higher-level measures that no lower-level measure implements
                       (needs IMPLEMENTS links; empty with a note when linking is absent)
  duplicate_measures   the same or nearly the same measure text twice in one document
  unknown_units        agencies the data file (graph/data/agencies.csv) does not know: kept
                       as written (Unit kind 'unknown') and counted in every answer, listed
                       here once per document so someone adds them to the data file or
                       corrects a misspelling

Every finding names the document, the line and the text.

Parse warnings and the store: the graph does not keep warnings (they describe a file,
not the policy).  Rather than widen the schema, the report re-parses the source file
of each loaded document when it can be found (the bundled samples, directories in
``POLICYGRAPH_SOURCE_DIRS`` or files given to ``policygraph check``), and keeps the
warnings only when the re-parsed document has the same id as the loaded one.  A
document whose file cannot be found is listed in the notes (its warnings are unknown,
not absent).  Parsing is deterministic, so re-parsing gives the warnings of the load.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from graph.model import ParsedDocument
from graph.store import GraphStore
from queries.quality import quality_rows

CATEGORIES: list[tuple[str, str, str]] = [
    ("unit_variants", "单位名称写法不一", "unit names that look like variants of one another"),
    ("no_counterpart", "无上级对应单位", "agencies with no counterpart at the level above"),
    ("unreadable_clauses", "无法解析的条款", "clauses the grammar could not read (parse warnings)"),
    ("no_responsible_unit", "无责任单位的措施", "measures without any responsible unit"),
    ("before_publication", "完成时限早于印发日期", "deadlines earlier than the publication date"),
    ("city_not_carried", "未被下级承接的上级措施", "higher-level measures no lower-level measure carries"),
    ("duplicate_measures", "重复措施", "duplicate or near-duplicate measures within a document"),
    ("unknown_units", "单位不在机构名录中", "agencies the data file does not know (kept as written)"),
]

# Loader warnings that have a category of their own (not repeated as unreadable clauses).
_OWN_CATEGORY_WARNINGS = (
    "falls before the document's publication date",  # before_publication
    "no responsible unit found",  # no_responsible_unit
    "(not in agencies.csv); kept as written",  # unknown_units
)

DUPLICATE_RATIO = 0.9  # difflib ratio of the normalised texts
_DUP_MIN_CHARS = 8
_PUNCT_RE = re.compile(r"[\s，。、；：！？,.;:!?（）()“”\"'‘’《》〈〉【】\[\]…—-]")
_REGION_PREFIXES = ("天津市西青区", "西青区", "天津市")
_LEVEL_PREFIX_RE = re.compile(r"^(市|区|县|镇)")
_SUFFIX_RE = re.compile(r"(委员会|办公室|管理局|局|委|办|厅|署|中心)$")
_LEVEL_ORDER = {"national": 0, "province": 1, "city": 2, "district": 3}


@dataclass
class Finding:
    category: str
    document: str  # document id
    line: int
    text: str  # the clause / measure text as written
    message: str
    document_title: str = ""
    measure: str | None = None
    related: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class QualityData:
    """Plain rows the checks read (the shapes of the ``quality_*`` named queries)."""

    documents: list[dict[str, Any]]  # document_list rows: id, title, level, published, source
    measures: list[dict[str, Any]]  # quality_measures rows
    responsibilities: list[dict[str, Any]]  # quality_responsibilities rows
    milestones: list[dict[str, Any]]  # quality_milestones rows
    links: list[dict[str, Any]] | None = None  # quality_links rows; None: level linking absent
    counterparts: list[dict[str, Any]] | None = None  # quality_counterparts rows; None: not linked
    counterpart_table: dict[str, str] = field(default_factory=dict)  # agencies.csv: name -> counterpart
    warnings: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # document id -> warnings
    missing_sources: list[str] = field(default_factory=list)  # documents whose warnings are unknown


# -- the checks ---------------------------------------------------------------------------------


def _titles(data: QualityData) -> dict[str, str]:
    return {d["id"]: d.get("title") or "" for d in data.documents}


def _name_key(name: str) -> str:
    """Spelling-only differences away: 各有关部门 = 有关部门, 天津市财政局 = 市财政局."""
    key = re.sub(r"\s+", "", name or "")
    key = key.removeprefix("各")
    for prefix in _REGION_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = prefix[-1] + key[len(prefix):]
            break
    return key


def _stem(name: str) -> str:
    """The body of an agency name: 区农业农村局 -> 农业农村."""
    key = _name_key(name)
    key = _LEVEL_PREFIX_RE.sub("", key)
    return _SUFFIX_RE.sub("", key)


def check_unit_variants(data: QualityData) -> list[Finding]:
    """(a) one canonical unit written in several non-trivial ways, within or across documents;
    (b) two distinct non-collective units of one government with the same name stem."""
    titles = _titles(data)
    first: dict[tuple[str, str], dict[str, Any]] = {}  # (unit, as_written) -> first row
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    units: dict[str, dict[str, Any]] = {}
    for r in data.responsibilities:
        written = r.get("as_written") or r["unit"]
        counts[r["unit"]][written] += 1
        first.setdefault((r["unit"], written), r)
        units.setdefault(r["unit"], r)
    out: list[Finding] = []
    for unit in sorted(counts):
        forms = counts[unit]
        if len({_name_key(f) for f in forms}) < 2:
            continue
        ordered = sorted(forms, key=lambda f: (forms[f], f))  # rarest form first: the likely odd one
        odd = first[(unit, ordered[0])]
        related = [
            {"as_written": f, "count": forms[f], "document": first[(unit, f)]["document_id"],
             "line": first[(unit, f)].get("line"), "measure": first[(unit, f)]["measure_id"]}
            for f in sorted(forms, key=lambda f: (-forms[f], f))
        ]
        spelled = " / ".join(f"{f}（{forms[f]}次）" for f in sorted(forms, key=lambda f: (-forms[f], f)))
        out.append(Finding(
            category="unit_variants", document=odd["document_id"], line=int(odd.get("line") or 0),
            text=odd.get("clause_text") or odd.get("as_written") or "",
            message=f"同一单位 {unit} 有多种写法：{spelled} (one agency, several spellings)",
            document_title=titles.get(odd["document_id"], ""), measure=odd["measure_id"], related=related,
        ))
    by_gov: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, r in units.items():
        if r.get("collective") or r.get("kind") in ("collective", "government"):
            continue
        stem = _stem(name)
        if len(stem) >= 2:
            by_gov[(r.get("government") or r.get("level") or "", stem)].append(name)
    for (_gov, _key), names in sorted(by_gov.items()):
        if len(names) < 2:
            continue
        names.sort()
        rows = [first[(n, min(counts[n], key=lambda f: (-counts[n][f], f)))] for n in names]
        odd = rows[-1]
        out.append(Finding(
            category="unit_variants", document=odd["document_id"], line=int(odd.get("line") or 0),
            text=odd.get("clause_text") or "",
            message=f"单位名称相近，可能是同一单位：{' / '.join(names)} (names differ only in the suffix: same agency?)",
            document_title=titles.get(odd["document_id"], ""), measure=odd["measure_id"],
            related=[{"unit": n, "document": r["document_id"], "line": r.get("line"), "measure": r["measure_id"]}
                     for n, r in zip(names, rows, strict=True)],
        ))
    return out


def check_no_counterpart(data: QualityData) -> list[Finding]:
    """District (lowest-level) agencies with no counterpart above them."""
    titles = _titles(data)
    linked: set[str] | None = None
    if data.counterparts:
        linked = set()
        for r in data.counterparts:
            linked.add(r["unit"])
            linked.add(r["counterpart"])
    first: dict[str, dict[str, Any]] = {}
    for r in data.responsibilities:
        first.setdefault(r["unit"], r)
    out = []
    for unit in sorted(first):
        r = first[unit]
        if r.get("level") != "district" or r.get("collective") or r.get("kind") in ("collective", "government"):
            continue
        has = unit in linked if linked is not None else bool(data.counterpart_table.get(unit))
        if has:
            continue
        source = "level linking" if linked is not None else "agencies.csv"
        out.append(Finding(
            category="no_counterpart", document=r["document_id"], line=int(r.get("line") or 0),
            text=r.get("clause_text") or "",
            message=f"{unit} 没有上级对应单位 (no counterpart at the level above; from {source})",
            document_title=titles.get(r["document_id"], ""), measure=r["measure_id"],
            related=[{"unit": unit, "kind": r.get("kind")}],
        ))
    return out


def check_unreadable_clauses(data: QualityData) -> list[Finding]:
    titles = _titles(data)
    out = []
    for doc_id in sorted(data.warnings):
        for w in data.warnings[doc_id]:
            message = w.get("message") or ""
            if any(p in message for p in _OWN_CATEGORY_WARNINGS):
                continue
            out.append(Finding(
                category="unreadable_clauses", document=doc_id, line=int(w.get("line") or 0),
                text=w.get("text") or "", message=f"无法完全解析 (not fully read): {message}",
                document_title=titles.get(doc_id, ""),
            ))
    out.sort(key=lambda f: (f.document, f.line, f.message))
    return out


def check_no_responsible_unit(data: QualityData) -> list[Finding]:
    titles = _titles(data)
    return [
        Finding(
            category="no_responsible_unit", document=m["document_id"], line=int(m.get("line") or 0),
            text=m.get("text") or "",
            message=f"措施 {m.get('number')}.{m.get('clause')} 没有责任单位 (no responsible unit)"
                    + (f"；责任条款：{m['clause_text']}" if m.get("clause_text") else ""),
            document_title=titles.get(m["document_id"], m.get("document_title") or ""), measure=m["id"],
        )
        for m in data.measures
        if not m.get("units")
    ]


def check_before_publication(data: QualityData) -> list[Finding]:
    """A milestone or final deadline dated before the document was published."""
    titles = _titles(data)
    published = {d["id"]: d.get("published") for d in data.documents}
    early_ms: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ms in data.milestones:
        pub = ms.get("published") or published.get(ms["document_id"])
        if pub and ms.get("date") and ms["date"] < pub:
            early_ms[ms["measure_id"]].append(ms)
    out = []
    for m in data.measures:
        pub = m.get("published") or published.get(m["document_id"])
        title = titles.get(m["document_id"], m.get("document_title") or "")
        ref = f"措施 {m.get('number')}.{m.get('clause')}"
        for ms in early_ms.get(m["id"], []):
            out.append(Finding(
                category="before_publication", document=m["document_id"], line=int(m.get("line") or 0),
                text=ms.get("text") or m.get("deadline_text") or "",
                message=f"{ref}：节点 {ms.get('text')}（{ms['date']}）早于印发日期 {pub} "
                        f"(milestone before publication); 完成时限：{m.get('deadline_text') or ''}",
                document_title=title, measure=m["id"],
                related=[{"date": ms["date"], "published": pub, "milestone": True}],
            ))
        if m["id"] in early_ms:
            continue
        final_early = bool(pub and m.get("deadline_date") and m["deadline_date"] < pub)
        if final_early or m.get("before_publication"):
            out.append(Finding(
                category="before_publication", document=m["document_id"], line=int(m.get("line") or 0),
                text=m.get("deadline_text") or "",
                message=f"{ref}：完成时限 {m.get('deadline_text') or ''}（{m.get('deadline_date')}）早于印发日期 {pub} "
                        "(deadline before publication)",
                document_title=title, measure=m["id"],
                related=[{"date": m.get("deadline_date"), "published": pub, "milestone": False}],
            ))
    return out


def check_city_not_carried(data: QualityData) -> tuple[list[Finding], str]:
    """Measures of a linked higher-level document that no lower-level measure implements."""
    if not data.links:
        return [], ("未进行上下级措施关联，无法判断 (no IMPLEMENTS links between measures: run the level "
                    "linking, e.g. `policygraph load`, to check which city measures no district measure carries)")
    titles = _titles(data)
    carried = {r["upper_id"] for r in data.links}
    upper_docs = {r["upper_document_id"] for r in data.links if r.get("upper_document_id")}
    out = [
        Finding(
            category="city_not_carried", document=m["document_id"], line=int(m.get("line") or 0),
            text=m.get("text") or "",
            message=f"上级措施 {m.get('number')}.{m.get('clause')} 没有下级措施承接 "
                    "(no lower-level measure implements it)",
            document_title=titles.get(m["document_id"], ""), measure=m["id"],
        )
        for m in data.measures
        if m["document_id"] in upper_docs and m["id"] not in carried
    ]
    return out, f"{len(carried)} 条上级措施已被承接 (carried); 关联文件 linked documents: {', '.join(sorted(upper_docs))}"


def _norm_text(text: str) -> str:
    return _PUNCT_RE.sub("", text or "")


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def check_duplicate_measures(data: QualityData) -> list[Finding]:
    """Same or near-same text (ratio >= DUPLICATE_RATIO after removing punctuation) in one document."""
    titles = _titles(data)
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in data.measures:
        by_doc[m["document_id"]].append(m)
    out = []
    for doc_id in sorted(by_doc):
        items = [(m, _norm_text(m.get("text") or "")) for m in by_doc[doc_id]]
        items = [(m, t, _bigrams(t)) for m, t in items if len(t) >= _DUP_MIN_CHARS]
        reported: set[str] = set()
        for j in range(len(items)):
            mj, tj, bj = items[j]
            for i in range(j):
                mi, ti, bi = items[i]
                if mi["id"] in reported:
                    continue
                union = len(bi | bj)
                if not union or len(bi & bj) / union < 0.6:  # cheap filter before difflib
                    continue
                ratio = 1.0 if ti == tj else difflib.SequenceMatcher(None, ti, tj, autojunk=False).ratio()
                if ratio < DUPLICATE_RATIO:
                    continue
                reported.add(mj["id"])
                same = "相同" if ratio == 1.0 else f"几乎相同（相似度 {ratio:.2f}）"
                out.append(Finding(
                    category="duplicate_measures", document=doc_id, line=int(mj.get("line") or 0),
                    text=mj.get("text") or "",
                    message=f"措施 {mj.get('number')}.{mj.get('clause')} 与第 {mi.get('line')} 行的措施 "
                            f"{mi.get('number')}.{mi.get('clause')} {same} (duplicate measure)",
                    document_title=titles.get(doc_id, ""), measure=mj["id"],
                    related=[{"measure": mi["id"], "line": mi.get("line"), "ratio": round(ratio, 3)}],
                ))
                break
    return out


def check_unknown_units(data: QualityData) -> list[Finding]:
    """Units of kind 'unknown' (not collectives): one finding per unit and document, at its
    first measure there; ``related`` lists every measure of the document naming it."""
    titles = _titles(data)
    uses: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in data.responsibilities:
        if r.get("kind") == "unknown" and not r.get("collective"):
            uses[(r["document_id"], r["unit"])].append(r)
    out = []
    for (doc_id, unit), rows in sorted(uses.items()):
        rows.sort(key=lambda r: (int(r.get("line") or 0), r.get("number") or 0, r.get("clause") or 0))
        first = rows[0]
        measures = list(dict.fromkeys(r["measure_id"] for r in rows))
        roles = Counter(r.get("role") for r in rows)
        written = first.get("as_written") or unit
        out.append(Finding(
            category="unknown_units", document=doc_id, line=int(first.get("line") or 0),
            text=first.get("clause_text") or written,
            message=f"{unit} 不在机构名录中，按原文保留，涉及 {len(measures)} 项措施 "
                    f"(not in graph/data/agencies.csv: kept as written; {len(measures)} measures, "
                    + ", ".join(f"{k} {v}" for k, v in sorted(roles.items(), key=lambda kv: str(kv[0]))) + ")",
            document_title=titles.get(doc_id, ""), measure=first["measure_id"],
            related=[{"unit": unit, "as_written": written, "government": first.get("government"),
                      "measures": measures}],
        ))
    out.sort(key=lambda f: (f.document, f.line, f.related[0]["unit"]))
    return out


def build_report(data: QualityData) -> dict[str, Any]:
    """The whole report as plain JSON-ready data."""
    notes: dict[str, str] = {}
    results: dict[str, list[Finding]] = {
        "unit_variants": check_unit_variants(data),
        "no_counterpart": check_no_counterpart(data),
        "unreadable_clauses": check_unreadable_clauses(data),
        "no_responsible_unit": check_no_responsible_unit(data),
        "before_publication": check_before_publication(data),
    }
    results["city_not_carried"], notes["city_not_carried"] = check_city_not_carried(data)
    results["duplicate_measures"] = check_duplicate_measures(data)
    results["unknown_units"] = check_unknown_units(data)
    notes["no_counterpart"] = (
        "依据上下级单位关联 (from COUNTERPART_OF links)" if data.counterparts
        else "依据 agencies.csv 的 counterpart 列 (from the data file: level linking has not run)"
    )
    if data.missing_sources:
        notes["unreadable_clauses"] = (
            "以下文件载入时未保存解析警告 (warnings not kept: loaded by an older version): "
            + ", ".join(data.missing_sources)
            + "；重新载入或用 `policygraph check FILE` 提供原文件 (reload, or give the file)"
        )
    categories = [
        {
            "key": key, "title": title, "title_en": title_en,
            "count": len(results[key]), "note": notes.get(key, ""),
            "findings": [asdict(f) for f in results[key]],
        }
        for key, title, title_en in CATEGORIES
    ]
    return {
        "documents": [
            {"id": d["id"], "title": d.get("title"), "published": d.get("published"), "source": d.get("source")}
            for d in data.documents
        ],
        "summary": {c["key"]: c["count"] for c in categories},
        "total": sum(c["count"] for c in categories),
        "categories": categories,
    }


# -- gathering the data -------------------------------------------------------------------------


def counterpart_table() -> dict[str, str]:
    from graph.normalize import directory

    return {a.name: a.counterpart for a in directory().agencies if a.counterpart}


def _warning_rows(parsed: ParsedDocument) -> list[dict[str, Any]]:
    return [asdict(w) for w in parsed.warnings]


def data_from_store(store: GraphStore, parsed: Iterable[ParsedDocument] = ()) -> QualityData:
    """Everything the checks need, from the read layer; ``parsed`` documents given by the
    caller (their source files) supply the warnings of documents loaded without them."""
    rows = quality_rows(store)
    warnings, missing = rows["warnings"], rows["missing_warnings"]
    loaded = {d["id"] for d in rows["documents"]}
    for p in parsed:
        if p.document.id in loaded:
            warnings[p.document.id] = _warning_rows(p)
            missing = [m for m in missing if m != p.document.id]
    return QualityData(
        documents=rows["documents"],
        measures=rows["measures"],
        responsibilities=rows["responsibilities"],
        milestones=rows["milestones"],
        links=rows["links"],
        counterparts=rows["counterparts"],
        counterpart_table=counterpart_table(),
        warnings=warnings,
        missing_sources=missing,
    )


def data_from_parsed(docs: list[ParsedDocument]) -> QualityData:
    """The same rows built from parsed documents (no store: links and COUNTERPART_OF absent)."""
    documents, measures, resp, milestones = [], [], [], []
    warnings: dict[str, list[dict[str, Any]]] = {}
    for p in docs:
        doc = p.document
        documents.append({"id": doc.id, "title": doc.title, "level": doc.level,
                          "published": doc.published, "source": doc.source})
        warnings[doc.id] = _warning_rows(p)
        units = {u.name: u for u in p.units}
        for m in p.measures:
            dl = m.deadline
            measures.append({
                "id": m.id, "document_id": doc.id, "document_title": doc.title, "level": doc.level,
                "published": doc.published, "number": m.number, "clause": m.clause, "line": m.line,
                "text": m.text, "clause_text": m.clause_text,
                "deadline_text": dl.text if dl else None, "deadline_kind": dl.kind if dl else None,
                "deadline_date": dl.date if dl else None,
                "before_publication": bool(dl.before_publication) if dl else False,
                "units": len(m.responsibilities),
            })
            for r in m.responsibilities:
                u = units.get(r.unit)
                resp.append({
                    "document_id": doc.id, "measure_id": m.id, "number": m.number, "clause": m.clause,
                    "line": m.line, "clause_text": m.clause_text, "unit": r.unit, "as_written": r.as_written,
                    "role": r.role, "order": r.order,
                    "level": u.level if u else "unknown", "kind": u.kind if u else "unknown",
                    "government": u.government if u else None,
                    "collective": bool(u.collective if u else r.collective),
                })
            for seq, ms in enumerate(dl.milestones if dl else [], start=1):
                if ms.date:
                    milestones.append({
                        "measure_id": m.id, "document_id": doc.id, "line": m.line,
                        "deadline_text": dl.text if dl else None, "seq": seq, "date": ms.date,
                        "text": ms.text, "published": doc.published,
                    })
    return QualityData(documents=documents, measures=measures, responsibilities=resp, milestones=milestones,
                       counterpart_table=counterpart_table(), warnings=warnings)


def store_report(store: GraphStore, parsed: Iterable[ParsedDocument] = ()) -> dict[str, Any]:
    """The report of the store (see ``data_from_store``)."""
    return build_report(data_from_store(store, parsed))


def files_report(parsed: Iterable[ParsedDocument]) -> dict[str, Any]:
    """The report of parsed documents alone (no store)."""
    return build_report(data_from_parsed(list(parsed)))


def format_text(report: dict[str, Any]) -> str:
    """The report as plain text for the terminal."""
    lines = [f"数据质量报告 Data-quality report: {report['total']} 项 findings"]
    for c in report["categories"]:
        lines.append("")
        lines.append(f"== {c['title']} ({c['title_en']}): {c['count']}")
        if c.get("note"):
            lines.append(f"   注 note: {c['note']}")
        for f in c["findings"]:
            text = " ".join((f["text"] or "").split())
            text = text if len(text) <= 80 else text[:80] + "…"
            lines.append(f" - {f['document']}:{f['line']}: {f['message']}")
            if text:
                lines.append(f"     「{text}」")
    return "\n".join(lines) + "\n"
