"""Linking throughput: ``graph.linking.link_store`` on the embedded store, per corpus size.

    python -m bench.bench_link [--sizes 10,100,1000] [--repeat 1]
    python -m bench.bench_link --sample      # precision/recall on the hand-checked seed sample

Each size is parsed, bulk-loaded (graph.ladybug_bulk.bulk_load) into a fresh LadybugDB store
and then linked: the figure is the wall time of ``link_store`` (read the linking_*
queries, compute, write the link_* steps in one transaction), and its CPU time, which
is steadier on a shared machine.  Later repeats relink the same store (the clear steps
then have edges to delete).  Linking blocks on document pairs (a district document and
the document it implements), so the time should grow with the number of pairs, i.e.
linearly in the corpus.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import parse_corpus, parse_sizes


def _fresh_store(n: int) -> tuple[Any, Path]:
    """A new embedded store holding the n-document corpus (bulk COPY load)."""
    from bench.stores import open_ladybug
    from graph.ladybug_bulk import bulk_load

    docs = parse_corpus(n)
    tmp = Path(tempfile.mkdtemp(prefix="pg-bench-link-"))
    store = open_ladybug(tmp / "db.lbug")
    bulk_load(store, docs)
    return store, tmp


def _link_once(store: Any) -> tuple[float, float, dict[str, Any]]:
    """(wall seconds, CPU seconds, summary) of one ``link_store``."""
    from graph.linking import link_store

    w0, c0 = time.perf_counter(), time.process_time()
    summary = link_store(store)
    return time.perf_counter() - w0, time.process_time() - c0, summary


def _links_written(summary: dict[str, Any]) -> int:
    keys = ("documents", "tasks", "measure_links", "counterparts", "branches", "targets")
    return sum(int(summary[k]) for k in keys)


def run(sizes: list[int], repeat: int = 1) -> list[dict]:
    rows = []
    for n in sizes:
        store, tmp = _fresh_store(n)
        try:
            measures = len(store.read("linking_measures"))
            runs = [_link_once(store) for _ in range(max(1, repeat))]
        finally:
            store.close()
            shutil.rmtree(tmp, ignore_errors=True)
        wall, cpu, summary = min(runs, key=lambda r: r[0])
        row = {
            "docs": n,
            "measures": measures,
            "seconds": wall,
            "cpu_seconds": cpu,
            "links_written": _links_written(summary),
            "measure_links": summary["measure_links"],
            "document_links": summary["documents"],
            "measures_per_s": measures / wall if wall else 0.0,
            "runs_s": [round(r[0], 2) for r in runs],
        }
        rows.append(row)
        print(
            f"link  {n:>5} docs: {measures} measures in {wall:.2f} s (cpu {cpu:.2f} s) = "
            f"{row['measures_per_s']:,.0f} measures/s; {row['links_written']} links written "
            f"({summary['measure_links']} measure, {summary['documents']} document)",
            flush=True,
        )
    return rows


def sample_figures() -> str:
    """Precision and recall of the seed district's measure links against
    tests/expected/measure_links.tsv (the figures the linking test asserts)."""
    from graph.linking import link_documents
    from graph.linking.evaluate import read_sample, score
    from loaders import load_document

    root = Path(__file__).resolve().parents[1]
    samples = root / "policygraph" / "samples"
    w0 = time.perf_counter()
    links = link_documents(
        load_document(samples / "tianjin_city_2022_task_division.txt"),
        load_document(samples / "xiqing_district_2022_task_list.txt"),
    )
    took = time.perf_counter() - w0
    s = score(read_sample(root / "tests" / "expected" / "measure_links.tsv"), links.measures)
    return (
        f"{s.line()}; {len(links.measures)} measure links, {len(links.local_measures)} local "
        f"(parse + link {took:.2f} s)\n  wrong: {s.wrong}\n  missed: {s.missed}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_link")
    ap.add_argument("--sizes", default=None, help="comma-separated corpus sizes (default 10,100,1000)")
    ap.add_argument("--repeat", type=int, default=1, help="link_store runs per size (best is reported)")
    ap.add_argument(
        "--sample",
        action="store_true",
        help="print precision/recall on the hand-checked seed sample and exit",
    )
    a = ap.parse_args(argv)
    if a.sample:
        print(sample_figures())
        return 0
    run(parse_sizes(a.sizes), a.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
