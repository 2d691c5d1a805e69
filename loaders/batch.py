"""Folders and batches: which files of several paths are documents, and their parses.

Why a generator of results and not one call that parses everything: a batch must not
stop at its first bad file, and the command line shows progress as it goes.  Files that
are not documents (a manifest, an image, a hidden file) are skipped with a one-line note.

    for item in iter_sources(["docs/", "extra.docx"]):
        if isinstance(item, Skipped): print(item)   # "skipped docs/manifest.json: not a document type"
    for path, result in parse_sources(paths):       # result: ParsedDocument or DocumentError
        ...
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.model import DocumentError, ParsedDocument
from graph.normalize import AgencyDirectory
from loaders.detect import SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class Skipped:
    """A path of the batch that is not parsed, and why (one line)."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


def _is_hidden(path: Path, root: Path) -> bool:
    rel = path.relative_to(root) if path != root else Path(path.name)
    return any(part.startswith((".", "~$")) for part in rel.parts)


def _classify(path: Path) -> str | None:
    """None when the file is a document to parse, else the reason to skip it."""
    if path.name.startswith((".", "~$")):
        return "hidden or temporary file"
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return f"not a document type ({path.suffix or 'no suffix'}; expected one of {' '.join(SUPPORTED_SUFFIXES)})"
    return None


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Documents under ``paths`` (folders expanded recursively, each folder's files sorted),
    in the order given; everything else as a Skipped note.  A path named on its own is
    yielded whatever its suffix (the parser then says what it is); a missing path is a
    Skipped note."""
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                (Path(d) / f for d, _dirs, names in os.walk(path) for f in names),
                key=lambda p: p.relative_to(path).parts,
            )
            for f in files:
                if _is_hidden(f, path):
                    reason: str | None = "hidden or temporary file"
                elif not f.is_file():
                    reason = "not a regular file"
                else:
                    reason = _classify(f)
                if reason is not None:
                    yield Skipped(f, reason)
                elif f.resolve() not in seen:
                    seen.add(f.resolve())
                    yield f
        elif path.exists():
            if path.resolve() not in seen:
                seen.add(path.resolve())
                yield path
        else:
            yield Skipped(path, "no such file or folder")


def parse_sources(
    paths: Iterable[str | Path], dirx: AgencyDirectory | None = None
) -> Iterator[tuple[Path, ParsedDocument | DocumentError | Skipped]]:
    """Each source of ``iter_sources`` with its parse: a ParsedDocument, the DocumentError
    that refused it, or the Skipped note itself."""
    from loaders import load_document

    for item in iter_sources(paths):
        if isinstance(item, Skipped):
            yield item.path, item
            continue
        try:
            yield item, load_document(item, dirx)
        except DocumentError as e:
            yield item, e
