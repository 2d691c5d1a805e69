"""Progress writes: append 1,000 updates in ONE batch on the embedded store (issue 14:
"writing progress for 1,000 obligations in one ledger upload takes under 2 s").

    python -m bench.bench_progress [--updates 1000] [--repeat 3] [--neo4j]
                                   [--ledger-docs 10] [--board-docs 100]

The store holds the two bundled seeds (305 measures); the updates go to distinct
(measure, unit) obligations taken from the seeds' responsibilities, cycling through them
once there are more updates than obligations.  The figure is the wall time of
``graph.progress_store.append_progress`` (validate every row, check the obligations
against the graph, number them, write them in one transaction) with an admin token;
later repeats append to a store that already holds the earlier batches.  Also shown:
the current statuses of one unit, and the export of the whole history.  Figures, not a
timed test.

Also (the rest of the goal): a LEDGER UPLOAD of 1,000 obligations (an .xlsx written
with openpyxl, read back, diffed against the stored state, checked and written in one
transaction by ``reports.ledger_import.import_ledger``; goal < 2 s), on the seeds plus
``--ledger-docs`` generated documents (bench/corpus.py) so there are 1,000 distinct
obligations; and the BOARD (``queries.progress.progress_board``) for the government
holding the most documents and for the whole graph, on ``--board-docs`` generated
documents (goal < 100 ms for a government with 1,000 documents).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

GOAL_S = 2.0


def _obligations(docs: list[Any]) -> list[str]:
    from graph.progress import obligation_id

    return [obligation_id(m.id, r.unit) for p in docs for m in p.measures for r in m.responsibilities]


def _batch(oids: list[str], n: int, round_: int) -> list[Any]:
    from graph.progress import ProgressUpdate

    statuses = ["推进中", "已完成", "持续推进", "受阻"]
    return [
        ProgressUpdate(oids[i % len(oids)], statuses[(i + round_) % 4], text=f"第{round_ + 1}轮进展{i}", percent=i % 101)
        for i in range(n)
    ]


def run(store: Any, docs: list[Any], n: int, repeat: int) -> None:
    from graph.progress_store import append_progress, export_progress, latest_status
    from graph.tokens import create_token

    for p in docs:
        store.load(p)
    admin = create_token(store, admin=True).info
    oids = _obligations(docs)
    print(f"{store.engine}: {len(oids)} obligations in the seeds; {n} updates per batch")
    for r in range(repeat):
        batch = _batch(oids, n, r)
        t0 = time.perf_counter()
        res = append_progress(store, batch, admin)
        dt_s = time.perf_counter() - t0
        assert not res.errors and len(res.written) == n, res.errors[:3]
        mark = "ok" if dt_s < GOAL_S else "OVER GOAL"
        print(f"  append {n} updates (batch {r + 1}): {dt_s:.3f} s  [goal < {GOAL_S:.0f} s: {mark}]")
    t0 = time.perf_counter()
    cur = latest_status(store, unit="区财政局")
    print(f"  latest statuses of 区财政局 ({len(cur)} obligations): {1000 * (time.perf_counter() - t0):.1f} ms")
    t0 = time.perf_counter()
    lines = sum(1 for _ in export_progress(store))
    print(f"  export {lines} updates: {time.perf_counter() - t0:.3f} s")


LEDGER_GOAL_S = 2.0
BOARD_GOAL_MS = 100.0


def _ledger_file(oids: list[str], path: Path) -> bytes:
    """A filled-in ledger of these obligations as a person returns it: 编号, 状态, 进展情况."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "牵头"
    ws.append(["编号", "状态", "责任人", "进展情况", "成果形式"])
    for i, oid in enumerate(oids):
        ws.append([oid, ["推进中", "已完成", "持续推进", "受阻"][i % 4], "王某", f"进展{i}", ""])
    wb.save(path)
    return path.read_bytes()


def run_ledger(store: Any, n: int, tmp: Path) -> None:
    from graph.tokens import create_token
    from reports.ledger_import import import_ledger

    rows = store.read("progress_board_all", {})
    oids = sorted({f"{r['measure_id']}|{r['unit']}" for r in rows})[:n]
    data = _ledger_file(oids, tmp / "ledger.xlsx")
    admin = create_token(store, admin=True, name=f"bench-ledger-{time.time_ns()}").info
    t0 = time.perf_counter()
    res = import_ledger(store, data, "ledger.xlsx", admin)
    dt_s = time.perf_counter() - t0
    assert not res.errors and len(res.written) == len(oids), res.errors[:3]
    mark = "ok" if dt_s < LEDGER_GOAL_S else "OVER GOAL"
    print(f"  ledger upload of {len(oids)} obligations (.xlsx, read + diff + check + one write): "
          f"{dt_s:.3f} s  [goal < {LEDGER_GOAL_S:.0f} s: {mark}]")
    t0 = time.perf_counter()
    again = import_ledger(store, data, "ledger.xlsx", admin)
    print(f"  the same file again (all unchanged: {again.unchanged}): {time.perf_counter() - t0:.3f} s")


def run_board(store: Any, n_docs: int) -> None:
    from collections import Counter

    from queries.progress import progress_board

    docs = store.read("document_list", {"include_stubs": False})
    govs = Counter(d["issuer"] for d in docs if d.get("issuer"))
    gov, count = govs.most_common(1)[0]
    for label, kw in ((f"government {gov} ({count} of {len(docs)} documents)", {"government": gov}),
                      (f"whole graph ({len(docs)} documents)", {})):
        progress_board(store, as_of="2022-10-15", **kw)  # warm
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            board = progress_board(store, as_of="2022-10-15", **kw)
            times.append(1000 * (time.perf_counter() - t0))
        best = min(times)
        print(f"  board, {label}: {board['count']} obligations, best {best:.1f} ms, median "
              f"{sorted(times)[2]:.1f} ms  [goal < {BOARD_GOAL_MS:.0f} ms at 1,000 documents]")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--updates", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--neo4j", action="store_true", help="also on NEO4J_URI (its database is CLEARED)")
    ap.add_argument("--ledger-docs", type=int, default=10, help="generated documents beside the seeds (ledger upload)")
    ap.add_argument("--board-docs", type=int, default=100, help="generated documents for the board (0: skip)")
    args = ap.parse_args(argv)
    from bench.stores import neo4j_configured, open_ladybug, open_neo4j
    from policygraph.pipeline import parse_all
    from policygraph.samples import sample_paths

    docs = parse_all(sample_paths())
    tmp = Path(tempfile.mkdtemp(prefix="pg-bench-progress-"))
    try:
        store = open_ladybug(tmp / "db.lbug")
        try:
            run(store, docs, args.updates, args.repeat)
        finally:
            store.close()
        from bench.common import parse_corpus

        store = open_ladybug(tmp / "ledger.lbug")
        try:
            for p in docs + parse_corpus(args.ledger_docs):
                store.load(p)
            run_ledger(store, args.updates, tmp)
        finally:
            store.close()
        if args.board_docs:
            store = open_ladybug(tmp / "board.lbug")
            try:
                t0 = time.perf_counter()
                store.load_many(parse_corpus(args.board_docs))
                print(f"  (loaded {args.board_docs} generated documents in {time.perf_counter() - t0:.1f} s)")
                run_board(store, args.board_docs)
            finally:
                store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.neo4j and neo4j_configured():
        store = open_neo4j()
        try:
            store.clear()
            run(store, docs, args.updates, args.repeat)
            store.clear()
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
