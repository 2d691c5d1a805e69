"""Parse throughput: measures per second over the synthetic corpus, both formats.

    python -m bench.bench_parse [--sizes 10,100,1000]

Also checks that every document parses to exactly the measures the generator wrote
(bench/out/corpus-N/manifest.json): a fast parser that drops clauses is no use.
"""

from __future__ import annotations

import argparse
import time

from bench.common import corpus_files, parse_sizes


def run(sizes: list[int]) -> list[dict]:
    from graph.model import DocumentError
    from loaders import load_document

    rows = []
    for n in sizes:
        files, manifest = corpus_files(n)
        expected = {f["file"]: f["measures"] for f in manifest["files"]}
        fmt = {f["file"]: f["format"] for f in manifest["files"]}
        per_format = {"prose": [0.0, 0, 0], "table": [0.0, 0, 0]}  # seconds, measures, bytes
        mismatched, errors, warnings = [], [], 0
        t_all = time.perf_counter()
        for path in files:
            t0 = time.perf_counter()
            try:
                parsed = load_document(path)
            except DocumentError as exc:
                errors.append(str(exc))
                continue
            dt = time.perf_counter() - t0
            acc = per_format[fmt[path.name]]
            acc[0] += dt
            acc[1] += len(parsed.measures)
            acc[2] += path.stat().st_size
            warnings += len(parsed.warnings)
            if len(parsed.measures) != expected[path.name]:
                mismatched.append((path.name, len(parsed.measures), expected[path.name]))
        total = time.perf_counter() - t_all
        measures = sum(v[1] for v in per_format.values())
        row = {
            "docs": n,
            "measures": measures,
            "seconds": total,
            "measures_per_s": measures / total if total else 0.0,
            "docs_per_s": n / total if total else 0.0,
            "prose_measures_per_s": per_format["prose"][1] / per_format["prose"][0] if per_format["prose"][0] else 0,
            "table_measures_per_s": per_format["table"][1] / per_format["table"][0] if per_format["table"][0] else 0,
            "mb": sum(v[2] for v in per_format.values()) / 2**20,
            "warnings": warnings,
            "errors": len(errors),
            "count_mismatches": len(mismatched),
            "mismatch_examples": mismatched[:3],
            "error_examples": errors[:3],
        }
        rows.append(row)
        print(
            f"parse {n:>5} docs: {measures} measures in {total:.2f} s = {row['measures_per_s']:,.0f} measures/s "
            f"(prose {row['prose_measures_per_s']:,.0f}/s, table {row['table_measures_per_s']:,.0f}/s); "
            f"{warnings} warnings, {len(errors)} errors, {len(mismatched)} count mismatches",
            flush=True,
        )
        for m in mismatched[:3]:
            print(f"  mismatch: {m[0]}: parsed {m[1]}, generator wrote {m[2]}")
        for e in errors[:3]:
            print(f"  error: {e}")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_parse")
    ap.add_argument("--sizes", default=None, help="comma-separated corpus sizes (default 10,100,1000)")
    a = ap.parse_args(argv)
    run(parse_sizes(a.sizes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
