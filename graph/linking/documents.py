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


def _stub_level(ref: DocRef) -> str:
    n = clean_doc_number(ref.doc_number)
    if n.startswith("国") or ref.title.startswith("国务院"):
        return "national"
    return "unknown"


def match_ref(ref: DocRef, docs: list[Doc], exclude: str) -> tuple[Doc, str, float] | None:
    """The loaded document a reference names: (doc, method, score) or None."""
    number = clean_doc_number(ref.doc_number)
    title = clean_title(ref.title)
    others = [d for d in docs if d.id != exclude]
    if number:
        for d in others:
            if d.doc_number and clean_doc_number(d.doc_number) == number:
                return d, "doc_number", 1.0
    if title:
        for d in others:
            if clean_title(d.title) == title:
                return d, "title", 1.0
        scored = sorted(((dice(title, clean_title(d.title)), d.id, d) for d in others), reverse=True)
        if scored and scored[0][0] >= TITLE_SIMILAR:
            return scored[0][2], "title_similar", round(scored[0][0], 4)
    return None


def link_documents(docs: list[Doc]) -> tuple[list[DocLink], list[StubDoc]]:
    """IMPLEMENTS edges between documents, and the stubs for references not loaded."""
    links: dict[tuple[str, str], DocLink] = {}
    stubs: dict[str, StubDoc] = {}
    for doc in sorted(docs, key=lambda d: d.id):
        for ref in doc.implements:
            if not (ref.doc_number or ref.title):
                continue
            hit = match_ref(ref, docs, exclude=doc.id)
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
