"""The links as they were before the vectorised scorer: every field of every link of the
seeds and of a generated corpus sample, as text lines, and the file that holds them.

Why: the speed-up of issue 16 must not move a single link.  ``tests/expected/links_golden.tsv``
was written by this module from the pure-Python scorer (the code before the change) and
``test_linking_golden.py`` compares the links of today's code with it: the seeds' links
row for row, the corpus sample by a digest of all its rows plus every 10th row kept in the
file (so a failure shows which links moved).

    python3 -m tests.linking.golden            # compare, print the first differences
    python3 -m tests.linking.golden --write    # rewrite the golden file (only on purpose)
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from graph.linking import Links, corpus_from_parsed, link_corpus, link_documents

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "expected" / "links_golden.tsv"
SAMPLES = ROOT / "policygraph" / "samples"
CORPUS_DOCS = 20  # the first 20 documents of the bench corpus (seed 7): 2 cities, 18 districts
CORPUS_SEED = 7
KEEP_EVERY = 10  # corpus rows kept in the file (the rest only in the digest)


def _f(x: float) -> str:
    """A float as its exact shortest repr (a last-bit change shows)."""
    return repr(float(x))


def link_rows(links: Links) -> list[str]:
    """Every link and every unlinked item, one tab-separated line each, in the order the
    linker produced them (order is part of what must not change)."""
    rows: list[str] = []
    rows += [f"stub\t{s.id}\t{s.title}\t{s.doc_number}\t{s.level}" for s in links.stubs]
    rows += [f"document\t{x.lower}\t{x.upper}\t{x.method}\t{_f(x.score)}" for x in links.documents]
    rows += [f"task\t{x.lower}\t{x.upper}\t{x.method}\t{_f(x.score)}" for x in links.tasks]
    rows += [f"unlinked_task\t{t}" for t in links.unlinked_tasks]
    rows += [
        f"measure\t{x.lower}\t{x.upper}\t{x.method}\t{_f(x.score)}\t{int(x.primary)}\t{x.evidence}"
        for x in links.measures
    ]
    rows += [f"local_measure\t{m}" for m in links.local_measures]
    rows += [f"target\t{x.lower}\t{x.upper}\t{x.method}\t{_f(x.share)}" for x in links.targets]
    rows += [f"counterpart\t{x.lower}\t{x.upper}\t{x.method}\t{_f(x.score)}" for x in links.counterparts]
    rows += [f"branch\t{x.lower}\t{x.upper}\t{x.method}\t{_f(x.score)}" for x in links.branches]
    rows += [f"no_counterpart\t{n}" for n in links.no_counterpart]
    return rows


def seed_links() -> Links:
    """The seeds' links, the way the tests and ``policygraph link`` pair them."""
    from loaders import load_document

    return link_documents(
        load_document(SAMPLES / "tianjin_city_2022_task_division.txt"),
        load_document(SAMPLES / "xiqing_district_2022_task_list.txt"),
    )


def corpus_links(n: int = CORPUS_DOCS, seed: int = CORPUS_SEED) -> Links:
    """The links of the first ``n`` generated documents (deterministic: bench/corpus.py)."""
    from bench.corpus import generate
    from loaders import parse_text

    return link_corpus(corpus_from_parsed([parse_text(d.text, d.file) for d in generate(n, seed)]))


def digest(rows: list[str]) -> str:
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def render(seed_rows: list[str], corpus_rows: list[str]) -> str:
    """The golden file: seed rows in full, the corpus sample's count, digest and every
    ``KEEP_EVERY``-th row (its index first)."""
    lines = [
        "# Links before the vectorised scorer (issue 16): written by `python3 -m tests.linking.golden --write`.",
        "# seed rows: every link of the two seeds; corpus rows: index of the row among all the corpus",
        f"# sample's rows (first {CORPUS_DOCS} documents of bench/corpus.py, seed {CORPUS_SEED}), every {KEEP_EVERY}th.",
        f"corpus_count\t{len(corpus_rows)}",
        f"corpus_digest\t{digest(corpus_rows)}",
    ]
    lines += [f"seed\t{r}" for r in seed_rows]
    lines += [f"corpus\t{i}\t{r}" for i, r in enumerate(corpus_rows) if i % KEEP_EVERY == 0]
    return "\n".join(lines) + "\n"


def read_golden(path: Path = GOLDEN) -> tuple[list[str], int, str, dict[int, str]]:
    """(seed rows, corpus row count, corpus digest, kept corpus rows by index)."""
    seed_rows: list[str] = []
    kept: dict[int, str] = {}
    count, dig = 0, ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        head, rest = line.split("\t", 1)
        if head == "corpus_count":
            count = int(rest)
        elif head == "corpus_digest":
            dig = rest
        elif head == "seed":
            seed_rows.append(rest)
        elif head == "corpus":
            i, row = rest.split("\t", 1)
            kept[int(i)] = row
    return seed_rows, count, dig, kept


def differences(expected: list[str], got: list[str], limit: int = 10) -> list[str]:
    """The first rows that differ (index, expected, got), for a readable failure."""
    out = []
    for i in range(max(len(expected), len(got))):
        a = expected[i] if i < len(expected) else "<none>"
        b = got[i] if i < len(got) else "<none>"
        if a != b:
            out.append(f"row {i}:\n  was {a}\n  now {b}")
            if len(out) >= limit:
                break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m tests.linking.golden")
    ap.add_argument("--write", action="store_true", help="rewrite tests/expected/links_golden.tsv")
    a = ap.parse_args(argv)
    seed_rows, corpus_rows = link_rows(seed_links()), link_rows(corpus_links())
    if a.write:
        GOLDEN.write_text(render(seed_rows, corpus_rows), encoding="utf-8")
        print(f"wrote {GOLDEN}: {len(seed_rows)} seed rows, {len(corpus_rows)} corpus rows")
        return 0
    exp_seed, count, dig, kept = read_golden()
    bad = differences(exp_seed, seed_rows)
    bad += [f"corpus row {i}:\n  was {r}\n  now {corpus_rows[i] if i < len(corpus_rows) else '<none>'}"
            for i, r in kept.items() if i >= len(corpus_rows) or corpus_rows[i] != r][:10]
    same = not bad and count == len(corpus_rows) and dig == digest(corpus_rows)
    print("identical" if same else "DIFFERENT\n" + "\n".join(bad))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
