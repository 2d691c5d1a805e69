"""``policygraph load [PATH ...]``: read files and folders into the store, then link.

Why its own module: a batch of a thousand downloaded files needs more than a loop over
``load_document`` -- folders are expanded (loaders.batch), files that are not documents
(a manifest, an image) are skipped with a one-line note, a terminal sees progress, and
the end is a short human summary (``--json``: one JSON object instead).

Bad documents.  Every file is parsed before anything is written.  By default one bad
file (unreadable, scanned PDF, no responsibility clause …) stops the load before the
store is touched: every bad file is reported (file, line, reason), nothing is written,
exit code 2 -- a half-loaded batch is easy to miss.  ``--skip-bad`` loads the good
documents and reports the bad ones the same way (exit code 0 when at least one
document was loaded, 2 when none was).  Skipped non-documents are never an error.

Output.  stdout: the summary (or the JSON object).  stderr: the one-line notes
(skipped files, bad files, parse warnings -- the first ``WARNINGS_SHOWN``, all of them
with ``--verbose``; ``policygraph check`` and ``--json`` list them all) and, on a
terminal only, the progress line: ``parsed 12/40 files · 310 measures``, then
``loading…`` and ``linking…``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from graph.model import DocumentError, ParsedDocument
from policygraph.settings import Settings

EXIT_USER_ERROR = 2
WARNINGS_SHOWN = 20  # parse warnings printed to stderr without --verbose
DOCUMENT_LINES = 20  # per-document lines in the human summary before "… and N more"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``policygraph load`` (the store options are added by cli.py)."""
    p.add_argument("files", nargs="*", help="documents and folders (default: the bundled seeds)")
    p.add_argument("--if-empty", action="store_true", help="load only when the store holds no document")
    p.add_argument("--skip-bad", action="store_true", help="load the good documents when some cannot be read")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the summary")
    p.add_argument("-v", "--verbose", action="store_true", help="print every parse warning")


class Progress:
    """One self-overwriting status line on a terminal; silent when stderr is not one."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self._width = 0

    def show(self, text: str) -> None:
        if self.enabled:
            pad = max(0, self._width - len(text))
            self.stream.write("\r" + text + " " * pad)
            self.stream.flush()
            self._width = len(text)

    def note(self, text: str) -> None:
        """A line that stays (a skipped file), printed above the status line."""
        self.clear()
        self.stream.write(text + "\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


def _error_dict(path: Path, e: DocumentError) -> dict[str, Any]:
    return {"file": str(path), "line": e.line, "reason": e.reason}


def _bad_line(b: dict[str, Any]) -> str:
    return f"bad document {b['file']}{':' + str(b['line']) if b['line'] else ''}: {b['reason']}"


def parse_batch(
    paths: Sequence[str | Path], progress: Progress
) -> tuple[list[tuple[Path, ParsedDocument]], list[dict[str, Any]], list[dict[str, Any]]]:
    """((path, parsed document) pairs, skipped non-documents, bad documents) of the paths,
    in order."""
    from loaders.batch import Skipped, iter_sources, parse_sources

    items = list(iter_sources(paths))
    skipped = [{"path": str(s.path), "reason": s.reason} for s in items if isinstance(s, Skipped)]
    for s in items:
        if isinstance(s, Skipped):
            progress.note(str(s))
    files = [p for p in items if isinstance(p, Path)]
    parsed: list[tuple[Path, ParsedDocument]] = []
    bad: list[dict[str, Any]] = []
    measures = 0
    progress.show(f"parsed 0/{len(files)} files")
    for i, (path, result) in enumerate(parse_sources(files), start=1):
        if isinstance(result, ParsedDocument):
            parsed.append((path, result))
            measures += len(result.measures)
        elif isinstance(result, DocumentError):
            bad.append(_error_dict(path, result))
        else:  # a path that vanished between listing and parsing
            skipped.append({"path": str(result.path), "reason": result.reason})
            progress.note(str(result))
        progress.show(f"parsed {i}/{len(files)} files · {measures} measures")
    return parsed, skipped, bad


def totals(parsed: Sequence[ParsedDocument]) -> dict[str, Any]:
    """Documents, measures, distinct units, unknown units (kind 'unknown', as written) and
    warnings of a batch: what the summary reports."""
    units: dict[str, str] = {}
    for p in parsed:
        for u in p.units:
            units.setdefault(u.name, u.kind)
    unknown = sorted(name for name, kind in units.items() if kind == "unknown")
    return {
        "documents": len(parsed),
        "measures": sum(len(p.measures) for p in parsed),
        "units": len(units),
        "unknown_units": len(unknown),
        "unknown_unit_names": unknown,
        "warnings": sum(len(p.warnings) for p in parsed),
    }


def _print_warnings(parsed: Sequence[ParsedDocument], verbose: bool, err: TextIO) -> None:
    shown = 0
    total = sum(len(p.warnings) for p in parsed)
    for p in parsed:
        for w in p.warnings:
            if not verbose and shown >= WARNINGS_SHOWN:
                break
            print(f"warning: {w.file}:{w.line}: {w.message} {w.text}".rstrip(), file=err)
            shown += 1
    if total > shown:
        print(f"… {total - shown} more warnings (-v prints them; policygraph check lists them all)", file=err)


def _doc_line(p: ParsedDocument) -> str:
    name = p.document.source or p.document.id
    unknown = sum(1 for u in p.units if u.kind == "unknown")
    extra = f", {unknown} unknown" if unknown else ""
    return f"loaded {name}: {len(p.measures)} measures, {len(p.units)} units{extra}, {len(p.warnings)} warnings"


def human_summary(report: dict[str, Any]) -> list[str]:
    """The few lines a person reads after a load."""
    t = report["totals"]
    lines = [_doc_line(p) for _path, p, _s in report["_docs"][:DOCUMENT_LINES]]
    if len(report["_docs"]) > DOCUMENT_LINES:
        lines.append(f"… and {len(report['_docs']) - DOCUMENT_LINES} more documents")
    links = report.get("links") or {}
    link_counts = {k: v for k, v in links.items() if isinstance(v, int)}
    if link_counts:
        lines.append("linked: " + ", ".join(f"{k} {v}" for k, v in link_counts.items()))
    unknown = f" ({'、'.join(t['unknown_unit_names'][:10])}{' …' if t['unknown_units'] > 10 else ''})" if t[
        "unknown_units"
    ] else ""
    lines.append(
        f"{t['documents']} documents, {t['measures']} measures, {t['units']} units, "
        f"{t['unknown_units']} unknown units{unknown}, {t['warnings']} warnings, "
        f"{len(report['skipped'])} files skipped, {len(report['bad'])} bad documents "
        f"in {report['seconds']:.1f} s"
    )
    return lines


def run(args: argparse.Namespace, settings: Settings, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """The load command (see the module docstring); returns the exit code."""
    from graph.stores import open_store
    from policygraph.pipeline import load_and_link, repair_links
    from policygraph.samples import sample_paths

    started = time.perf_counter()
    progress = Progress(err, err.isatty())
    paths: list[str | Path] = list(args.files) or list(sample_paths())
    pairs, skipped, bad = parse_batch(paths, progress)
    parsed = [p for _path, p in pairs]
    progress.clear()
    if len(bad) == 1 and not parsed and not args.skip_bad:  # one bad file: the one-line error of every command
        b = bad[0]
        print(f"policygraph: {b['file']}{':' + str(b['line']) if b['line'] else ''}: {b['reason']}", file=err)
        return EXIT_USER_ERROR
    for b in bad:
        print(_bad_line(b) + (" (skipped: --skip-bad)" if args.skip_bad else ""), file=err)
    if bad and not args.skip_bad:
        print(
            f"policygraph: nothing loaded: {len(bad)} of {len(bad) + len(parsed)} documents cannot be read "
            "(fix them, or --skip-bad loads the others)",
            file=err,
        )
        return EXIT_USER_ERROR
    if not parsed:
        print("policygraph: no document to load in " + " ".join(str(p) for p in paths), file=err)
        return EXIT_USER_ERROR
    if not args.json:
        _print_warnings(parsed, args.verbose, err)

    store = open_store(settings)
    try:
        repaired = repair_links(store)  # an earlier load cut off before its linking
        if repaired is not None and not args.json:
            print(f"linked (pending from an interrupted load): {json.dumps(repaired, ensure_ascii=False)}", file=out)
        if args.if_empty and store.counts().get("Document", 0) > 0:
            print("store already holds documents: nothing loaded (--if-empty)", file=out)
            return 0
        progress.show(f"loading {len(parsed)} documents…")
        loaded = load_and_link(store, parsed, on_stage=lambda stage: progress.show(f"{stage}…"))
    finally:
        progress.clear()
        store.close()

    links = loaded.pop("links", {})
    summaries = list(loaded.values())
    report: dict[str, Any] = {
        "totals": totals(parsed),
        "skipped": skipped,
        "bad": bad,
        "links": links,
        "seconds": round(time.perf_counter() - started, 3),
        "_docs": [(path, p, s) for (path, p), s in zip(pairs, summaries, strict=True)],
    }
    if args.json:
        report["documents"] = [
            {
                "file": str(path),
                "id": p.document.id,
                "measures": len(p.measures),
                "units": len(p.units),
                "unknown_units": [u.name for u in p.units if u.kind == "unknown"],
                "loaded": s,
                "warnings": [
                    {"file": w.file, "line": w.line, "message": w.message, "text": w.text} for w in p.warnings
                ],
            }
            for path, p, s in report.pop("_docs")
        ]
        out.write(json.dumps(report, ensure_ascii=False, default=str) + "\n")
    else:
        for line in human_summary(report):
            print(line, file=out)
    return 0
