"""One upload into a large embedded store: relink only the pairs it touches
(``relink_store``, what ``load_and_link`` runs now) against relinking everything
(``link_store``, what every upload ran before).

    python -m bench.bench_relink [--docs 1000] [--no-before]

The store: the first ``--docs`` documents of the bench corpus, bulk-loaded
(graph.ladybug_bulk) and fully linked.  Then, one at a time, each is "uploaded"
(``store.load_many([doc])`` then the linking, both timed):

* ``new``: the next documents of the corpus stream, up to and including the first
  district (a document implementing a loaded city; a city document arriving first
  only links to its stub);
* ``reload district``: a district already in the store, loaded again;
* ``reload city``: a city already in the store (upper document of its 6-12 districts:
  the largest incremental case).

``before`` repeats one upload (the district reload) with the full ``link_store``.  The
link edges after the incremental uploads are compared with those after the full
relink, edge by edge with properties (``identical``).  Goal: one upload < 5 s.
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


def _upload(store: Any, doc: Any, full: bool) -> tuple[float, float, dict[str, Any]]:
    """(load seconds, link seconds, link summary) of one upload."""
    from graph.linking import link_store, relink_store

    t0 = time.perf_counter()
    store.load_many([doc])
    t1 = time.perf_counter()
    summary = link_store(store) if full else relink_store(store, [doc.document.id])
    return t1 - t0, time.perf_counter() - t1, summary


def run(n: int, before: bool = True) -> list[dict[str, Any]]:
    from bench.stores import open_ladybug
    from graph.ladybug_bulk import bulk_load
    from graph.linking import link_store

    files, manifest = corpus_files(n + 15)
    kinds = [f["kind"] for f in manifest["files"]]
    extra = next(i for i in range(n, n + 15) if kinds[i] == "district")
    t0 = time.perf_counter()
    docs = _parse(files[: extra + 1])
    print(f"parsed {len(docs)} documents in {time.perf_counter() - t0:.1f} s", flush=True)
    base, new = docs[:n], docs[n:]
    district = next(d for d, k in zip(base[::-1], kinds[:n][::-1], strict=True) if k == "district")
    city = next(d for d, k in zip(base[::-1], kinds[:n][::-1], strict=True) if k == "city")
    tmp = Path(tempfile.mkdtemp(prefix="pg-bench-relink-"))
    store = open_ladybug(tmp / "db.lbug")
    rows: list[dict[str, Any]] = []
    try:
        t0 = time.perf_counter()
        bulk_load(store, base)
        t1 = time.perf_counter()
        link_store(store)
        print(
            f"store: {n} documents bulk-loaded in {t1 - t0:.1f} s, fully linked in {time.perf_counter() - t1:.1f} s",
            flush=True,
        )
        cases = [(f"new {k}", d) for d, k in zip(new, kinds[n : extra + 1], strict=True)]
        cases += [("reload district", district), ("reload city", city)]
        for name, doc in cases:
            load_s, link_s, summary = _upload(store, doc, full=False)
            rows.append(_row("after", name, doc, load_s, link_s, summary))
        incremental = _dump(store)
        if before:
            load_s, link_s, summary = _upload(store, district, full=True)
            rows.append(_row("before", "reload district", district, load_s, link_s, summary))
            rows[-1]["identical"] = _dump(store) == incremental
            print(f"identical link edges (incremental vs full): {rows[-1]['identical']}", flush=True)
    finally:
        store.close()
        shutil.rmtree(tmp, ignore_errors=True)
    after = [r for r in rows if r["when"] == "after" and r["case"] == "reload district"]
    prior = [r for r in rows if r["when"] == "before"]
    if after and prior:
        print(
            f"one upload (district reload): before {prior[0]['total_s']:.2f} s, after {after[0]['total_s']:.2f} s "
            f"= {prior[0]['total_s'] / after[0]['total_s']:.0f}x faster; link step "
            f"{prior[0]['link_s'] / after[0]['link_s']:.0f}x",
            flush=True,
        )
    return rows


def _row(when: str, case: str, doc: Any, load_s: float, link_s: float, summary: dict[str, Any]) -> dict[str, Any]:
    row = {
        "when": when,
        "case": case,
        "document": doc.document.id,
        "measures": len(doc.measures),
        "load_s": load_s,
        "link_s": link_s,
        "total_s": load_s + link_s,
        "relinked_pairs": summary["relinked_pairs"],
        "measure_links": summary["measure_links"],
    }
    print(
        f"{when:<6} {case:<16} {row['document']}: load {load_s:.2f} s + link {link_s:.2f} s = "
        f"{row['total_s']:.2f} s ({row['relinked_pairs']} pairs, {row['measure_links']} measure links)",
        flush=True,
    )
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_relink")
    ap.add_argument("--docs", type=int, default=1000, help="documents in the store before the upload")
    ap.add_argument("--no-before", action="store_true", help="skip the full-relink upload (minutes at 1000)")
    a = ap.parse_args(argv)
    print(machine(), flush=True)
    run(a.docs, before=not a.no_before)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
