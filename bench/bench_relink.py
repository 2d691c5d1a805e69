"""One upload into a large embedded store: relink only the pairs it touches
(``relink_store``, what ``load_and_link`` runs now) against relinking everything
(``link_store``, what every upload ran before).

    python -m bench.bench_relink [--docs 1000] [--before] [--keep DIR | --store DIR]

The store: the first ``--docs`` documents of the bench corpus, bulk-loaded
(graph.ladybug_bulk) and fully linked.  Then, one at a time, each is "uploaded"
(``store.load_many([doc])`` then the linking, both timed):

* ``new``: the next documents of the corpus stream, up to and including the first
  district (a document implementing a loaded city; a city document arriving first
  only links to its stub);
* ``reload district``: a district already in the store, loaded again;
* ``reload city``: a city already in the store (upper document of its 6-12 districts:
  the largest incremental case).

Before this change every upload ran the full ``link_store``: its cost is the full link
of the store (printed when the store is built); ``--before`` also repeats one upload
(the district reload) with it and compares the link edges after the incremental
uploads with those after the full relink, edge by edge with properties
(``identical``).  Building the 1,000-document store (parse, bulk load, full link) takes
several minutes: ``--keep DIR`` saves it, ``--store DIR`` reuses a copy of it (the saved
store is never changed).  Goal: one upload < 5 s.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import corpus_files, machine


def _parse(files: list[Path]) -> list[Any]:
    from loaders import load_document

    return [load_document(f) for f in files]


def _dump(store: Any) -> list[tuple]:
    return sorted(tuple(r.values()) for r in store.read("bench_dump_links"))


def _upload(store: Any, doc: Any, full: bool) -> tuple[float, float, float, dict[str, Any]]:
    """(load seconds, link seconds, CPU seconds of both, link summary) of one upload."""
    from graph.linking import link_store, relink_store

    c0 = time.process_time()
    t0 = time.perf_counter()
    store.load_many([doc])
    t1 = time.perf_counter()
    summary = link_store(store) if full else relink_store(store, [doc.document.id])
    return t1 - t0, time.perf_counter() - t1, time.process_time() - c0, summary


def run(n: int, before: bool = False, keep: Path | None = None, reuse: Path | None = None) -> list[dict[str, Any]]:
    from bench.stores import open_ladybug
    from graph.ladybug_bulk import bulk_load
    from graph.linking import link_store

    files, manifest = corpus_files(n + 15)
    kinds = [f["kind"] for f in manifest["files"]]
    tmp = Path(tempfile.mkdtemp(prefix="pg-bench-relink-"))
    if reuse is not None:
        shutil.copytree(reuse, tmp / "store")
        store = open_ladybug(tmp / "store" / "db.lbug")
        base_files = []
        print(f"store: a copy of {reuse}", flush=True)
    else:
        (tmp / "store").mkdir()
        store = open_ladybug(tmp / "store" / "db.lbug")
        base_files = files[:n]
    rows: list[dict[str, Any]] = []
    try:
        if base_files:
            t0 = time.perf_counter()
            base = _parse(base_files)
            t1 = time.perf_counter()
            bulk_load(store, base)
            t2 = time.perf_counter()
            w, c = time.perf_counter(), time.process_time()
            link_store(store)
            print(
                f"store: {n} documents parsed in {t1 - t0:.1f} s, bulk-loaded in {t2 - t1:.1f} s, fully linked in "
                f"{time.perf_counter() - w:.1f} s (cpu {time.process_time() - c:.1f} s) = the link step of every "
                "upload before",
                flush=True,
            )
        loaded = {r["id"] for r in store.read("linking_documents")}
        new_i = next(
            i for i in range(n, n + 15) if kinds[i] == "district" and _parse([files[i]])[0].document.id not in loaded
        )
        district_i = max(i for i in range(n) if kinds[i] == "district")
        city_i = max(i for i in range(n) if kinds[i] == "city")
        cases = [("new district", new_i), ("reload district", district_i), ("reload city", city_i)]
        for name, i in cases:
            doc = _parse([files[i]])[0]
            load_s, link_s, cpu_s, summary = _upload(store, doc, full=False)
            rows.append(_row("after", name, doc, load_s, link_s, cpu_s, summary))
        if before:
            incremental = _dump(store)
            doc = _parse([files[district_i]])[0]
            load_s, link_s, cpu_s, summary = _upload(store, doc, full=True)
            rows.append(_row("before", "reload district", doc, load_s, link_s, cpu_s, summary))
            rows[-1]["identical"] = _dump(store) == incremental
            print(f"identical link edges (incremental vs full): {rows[-1]['identical']}", flush=True)
    finally:
        store.close()
        if keep is not None and reuse is None:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(tmp / "store", keep)
            print(f"store kept in {keep}", flush=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def _row(
    when: str, case: str, doc: Any, load_s: float, link_s: float, cpu_s: float, summary: dict[str, Any]
) -> dict[str, Any]:
    row = {
        "when": when,
        "case": case,
        "document": doc.document.id,
        "measures": len(doc.measures),
        "load_s": load_s,
        "link_s": link_s,
        "total_s": load_s + link_s,
        "cpu_s": cpu_s,
        "relinked_pairs": summary["relinked_pairs"],
        "measure_links": summary["measure_links"],
    }
    print(
        f"{when:<6} {case:<16} {row['document']}: load {load_s:.2f} s + link {link_s:.2f} s = "
        f"{row['total_s']:.2f} s, cpu {cpu_s:.2f} s ({row['relinked_pairs']} pairs, {row['measure_links']} measure links)",
        flush=True,
    )
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_relink")
    ap.add_argument("--docs", type=int, default=1000, help="documents in the store before the upload")
    ap.add_argument("--before", action="store_true", help="also one upload with the full relink (minutes at 1000)")
    ap.add_argument("--keep", type=Path, help="save the built store in this folder")
    ap.add_argument("--store", type=Path, help="reuse (a copy of) a store saved with --keep")
    a = ap.parse_args(argv)
    print(machine(), flush=True)
    run(a.docs, before=a.before, keep=a.keep, reuse=a.store)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
