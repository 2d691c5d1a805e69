"""Document links: what each document says it implements (its preamble), matched
against the loaded documents on doc number, else on the cleaned title.

A reference that matches no loaded document becomes a stub Document (``stub: true``)
so the chain stays visible; loading that document later and re-linking replaces it.
"""

from __future__ import annotations

import re
import unicodedata

from graph.linking.model import Doc, DocLink, DocRef, StubDoc
from graph.linking.text import clean_title, dice

TITLE_SIMILAR = 0.9  # Dice on title bigrams: a reference with a slightly different title
_NUM_RE = re.compile(r"[\s\u3000]+")


def clean_doc_number(number: str) -> str:
    """国发〔2022〕9号 / 国发[2022]9号 / 国发（2022）9号 -> one key."""
    s = unicodedata.normalize("NFKC", number or "")
    s = _NUM_RE.sub("", s)
    for a in "〔［[（(【":
        s = s.replace(a, "〔")
    for b in "〕］]）)】":
        s = s.replace(b, "〕")
    return s


def stub_id(ref: DocRef) -> str:
    return "stub:" + (clean_doc_number(ref.doc_number) or clean_title(ref.title))


_STUB_ISSUER_RE = re.compile(r"^[\u4e00-\u9fff]{1,10}?(省|自治区|市|区|县)")
_STUB_LEVELS = {"省": "province", "自治区": "province", "市": "city", "区": "district", "县": "district"}


def _stub_level(ref: DocRef) -> str:
    """The level of a document known only by a reference: national for 国发/国办发 and
    国务院…, else the government word its title starts with (河北省人民政府… -> province,
    石家庄市人民政府… -> city, 长安区… -> district); unknown when the title names none."""
    n = clean_doc_number(ref.doc_number)
    title = unicodedata.normalize("NFKC", ref.title or "")
    if n.startswith("国") or title.startswith("国务院"):
        return "national"
    m = _STUB_ISSUER_RE.match(title)
    return _STUB_LEVELS[m.group(1)] if m else "unknown"


class DocIndex:
    """The loaded documents keyed by cleaned doc number and cleaned title, built once.

    Why: matching every reference against every document re-cleans every number and
    title per reference (quadratic in the corpus).  A reference to a document that is not
    loaded (国发〔2022〕9号, cited by every district of a year) still needs the similar-
    title scan; its ranking is computed once per distinct reference and reused."""

    def __init__(self, docs: list[Doc]) -> None:
        self.docs = docs
        self.numbers: dict[str, list[Doc]] = {}
        self.titles: dict[str, list[Doc]] = {}
        self.clean_titles: list[tuple[str, Doc]] = []
        for d in docs:
            if d.doc_number:
                self.numbers.setdefault(clean_doc_number(d.doc_number), []).append(d)
            t = clean_title(d.title)
            self.titles.setdefault(t, []).append(d)
            self.clean_titles.append((t, d))
        self._ranked: dict[str, list[tuple[float, str, Doc]]] = {}

    def ranked(self, title: str) -> list[tuple[float, str, Doc]]:
        """Every document by title similarity to ``title``, best first (ties: larger id)."""
        got = self._ranked.get(title)
        if got is None:
            got = self._ranked[title] = sorted(
                ((dice(title, t), d.id, d) for t, d in self.clean_titles),
                key=lambda x: (x[0], x[1]),
                reverse=True,
            )
        return got


def _first(docs: list[Doc], exclude: str) -> Doc | None:
    return next((d for d in docs if d.id != exclude), None)


def match_ref(
    ref: DocRef, docs: list[Doc], exclude: str, index: DocIndex | None = None
) -> tuple[Doc, str, float] | None:
    """The loaded document a reference names: (doc, method, score) or None."""
    index = index or DocIndex(docs)
    number = clean_doc_number(ref.doc_number)
    title = clean_title(ref.title)
    if number:
        hit = _first(index.numbers.get(number, []), exclude)
        if hit:
            return hit, "doc_number", 1.0
    if title:
        hit = _first(index.titles.get(title, []), exclude)
        if hit:
            return hit, "title", 1.0
        best = next((x for x in index.ranked(title) if x[1] != exclude), None)
        if best and best[0] >= TITLE_SIMILAR:
            return best[2], "title_similar", round(best[0], 4)
    return None


def link_documents(docs: list[Doc]) -> tuple[list[DocLink], list[StubDoc]]:
    """IMPLEMENTS edges between documents, and the stubs for references not loaded."""
    links: dict[tuple[str, str], DocLink] = {}
    stubs: dict[str, StubDoc] = {}
    index = DocIndex(docs)
    for doc in sorted(docs, key=lambda d: d.id):
        for ref in doc.implements:
            if not (ref.doc_number or ref.title):
                continue
            hit = match_ref(ref, docs, exclude=doc.id, index=index)
            if hit:
                target, method, score = hit
                links.setdefault((doc.id, target.id), DocLink(doc.id, target.id, method, score))
                continue
            sid = stub_id(ref)
            stubs.setdefault(sid, StubDoc(sid, ref.title or ref.doc_number, ref.doc_number, _stub_level(ref)))
            links.setdefault((doc.id, sid), DocLink(doc.id, sid, "stub", 1.0))
    return sorted(links.values(), key=lambda x: (x.lower, x.upper)), sorted(
        stubs.values(), key=lambda s: s.id
    )
