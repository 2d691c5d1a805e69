"""Shared helpers of the benchmarks: corpus sizes, timing, machine description."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench.corpus import ensure_corpus, load_manifest

DEFAULT_SIZES = (10, 100, 1000)
OUT = Path(__file__).resolve().parent / "out"


def parse_sizes(text: str | None) -> list[int]:
    if not text:
        return list(DEFAULT_SIZES)
    return [int(x) for x in text.split(",") if x.strip()]


def corpus_files(n_docs: int) -> tuple[list[Path], dict]:
    """The files of the n-document corpus (generated on first use) and its manifest."""
    out = ensure_corpus(n_docs)
    manifest = load_manifest(out)
    return [out / f["file"] for f in manifest["files"]], manifest


def parse_corpus(n_docs: int) -> list[Any]:
    from loaders import load_document

    files, _ = corpus_files(n_docs)
    return [load_document(f) for f in files]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} vCPU {cpu}{mem}, Python {platform.python_version()}, {platform.system()}"


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * len(s) + 0.5) - 1))
    return s[k]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def latencies(fn: Callable[[], Any], repeat: int, warmup: int = 3) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls of fn after ``warmup`` unmeasured ones."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def summary_ms(values: Iterable[float]) -> dict[str, float]:
    v = list(values)
    return {
        "p50_ms": percentile(v, 50) * 1000,
        "p99_ms": percentile(v, 99) * 1000,
        "mean_ms": statistics.fmean(v) * 1000,
        "n": len(v),
    }


def write_json(path: Path | None, rows: Any) -> None:
    """``--json``: the rows as UTF-8 JSON (Chinese unescaped) at ``path``, if given."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
