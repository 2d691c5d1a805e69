"""Issue 16: linking made fast links exactly what it linked before.

tests/expected/links_golden.tsv holds the links the pure-Python scorer produced (every
field: lower, upper, method, score, primary, evidence; tasks, targets, units, stubs and
what stayed unlinked) for the seeds and for the first 20 documents of the bench corpus.
Scores are compared as exact floats (their repr), not approximately."""

from __future__ import annotations

from tests.linking.golden import (
    corpus_links,
    differences,
    digest,
    link_rows,
    read_golden,
    seed_links,
)


def test_seed_links_are_the_golden_ones() -> None:
    expected, _count, _digest, _kept = read_golden()
    got = link_rows(seed_links())
    assert sum(r.startswith("measure\t") for r in expected) >= 130
    assert got == expected, "\n".join(differences(expected, got))


def test_corpus_sample_links_are_the_golden_ones() -> None:
    _seed, count, dig, kept = read_golden()
    got = link_rows(corpus_links())
    moved = [f"row {i}: was {r}\n  now {got[i] if i < len(got) else '<none>'}"
             for i, r in kept.items() if i >= len(got) or got[i] != r]
    assert not moved, "\n".join(moved[:10])
    assert len(got) == count
    assert digest(got) == dig, "a corpus row not kept in the file changed (run python3 -m tests.linking.golden)"
    assert sum(r.startswith("measure\t") for r in got) > 1000
