"""TF-IDF text scores of one document pair as arrays (numpy): every lower measure against
every upper measure at once.

Why: linking 1,000 documents took 297 s, 95 % of it Python loops over character grams
(issue 16), and a city's data was rebuilt for every district implementing it.  Here a
document's *side* (its measures' texts cut into whole texts, sentences and clauses, their
grams as integer ids and their term weights) is built once -- ``PreparedDocs`` keeps the
upper documents' sides for a whole run -- and a pair costs a handful of array operations.

The scores are the same floats as the pure-Python scorer (``text.Tfidf`` vectors and the
postings it used), bit for bit, because every step is the same IEEE operation on the same
operands in the same order:

* the IDF comes from ``math.log`` (a table by document frequency), never ``np.log``;
* ``np.bincount`` adds its weights one by one in input order: a text's squared norm adds
  its grams in ``tf_weights`` order (as ``sum`` did on Python 3.11), a dot product adds
  the shared grams in the lower text's gram order (as the postings did);
* products, quotients, damping and ``max`` are exact elementwise operations;
* rounding to 4 places is numpy's (``rint(x * 1e4) / 1e4``, the same nearest float as
  ``round``) except within 1e-6 of a half, where Python's ``round`` decides.

tests/linking/test_linking_golden.py compares the links with the ones the Python scorer
made, scores as exact floats; test_linking_measures.py compares scores with the
pair-by-pair formula.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from graph.linking.text import prepare, tf_weights

WHOLE, SENTENCE, CLAUSE = 0, 1, 2


class Vocabulary:
    """gram -> integer id, and each measure text's units as arrays; one per run, shared by
    every side built in it (the ids of a pair's two sides must agree)."""

    def __init__(self, shorts: tuple[int, int, int]) -> None:
        self.shorts = shorts
        self.ids: dict[str, int] = {}
        self._measures: dict[str, tuple[Units, Units, Units]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def measure(self, text: str) -> tuple[Units, Units, Units]:
        """(whole text, sentences, clauses) of a measure text as ``Units`` (cached by text:
        the corpus repeats measure texts and a city's texts recur in every pair)."""
        got = self._measures.get(text)
        if got is None:
            whole, sents, cls = prepare(text)
            got = self._measures[text] = (
                self._units((whole,), self.shorts[WHOLE]),
                self._units(sents, self.shorts[SENTENCE]),
                self._units(cls, self.shorts[CLAUSE]),
            )
        return got

    def _units(self, texts: tuple[str, ...], short: int) -> Units:
        """Cleaned texts -> their grams as ids with their term weights, in ``tf_weights``
        order, text after text; no text at all gives one empty unit (it shares no gram)."""
        ids = self.ids
        gram: list[int] = []
        tf: list[float] = []
        sizes: list[int] = []
        add = ids.setdefault
        for t in texts or ("",):
            tw = tf_weights(t)
            gram += [add(g, len(ids)) for g, _w in tw]  # a new gram takes the next id
            tf += [w for _g, w in tw]
            sizes.append(len(tw))
        # min(1.0, n / short) as the scalar code: n / short is the same IEEE division
        damp = [min(1.0, len(t) / short) if short else 1.0 for t in texts] or [0.0]
        return Units(
            len(texts),
            np.array(gram, dtype=np.int64),
            np.array(tf, dtype=np.float64),
            np.array(sizes, dtype=np.int64),
            np.array(damp, dtype=np.float64),
        )


@dataclass(frozen=True)
class Units:
    """The units of one kind (whole text, sentences or clauses) of one measure text."""

    count: int  # texts (0: the one unit is an empty stand-in)
    gram: np.ndarray  # gram ids, unit after unit, each unit in tf_weights order
    tf: np.ndarray  # 1 + log(count) of each gram
    sizes: np.ndarray  # grams per unit
    damp: np.ndarray  # per unit: min(1, length / short) (1.0 for whole texts)


def _concat(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
    """np.concatenate that also takes no array at all (a document with no measure)."""
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)


@dataclass
class Kind:
    """One kind of unit of a side: the units of every measure in measure order, so that a
    measure's units are the contiguous run ``starts[i]:starts[i + 1]``."""

    gram: np.ndarray
    tf: np.ndarray
    unit: np.ndarray  # unit of each entry
    damp: np.ndarray  # per unit
    starts: np.ndarray  # where each measure's units begin
    n_units: int
    single: bool  # every measure has exactly one unit (whole texts)
    _postings: tuple[np.ndarray, ...] | None = None

    @classmethod
    def join(cls, parts: list[Units]) -> Kind:
        counts = np.array([len(u.sizes) for u in parts], dtype=np.int64)
        sizes = _concat([u.sizes for u in parts], np.int64)
        return cls(
            gram=_concat([u.gram for u in parts], np.int64),
            tf=_concat([u.tf for u in parts], np.float64),
            unit=np.repeat(np.arange(len(sizes)), sizes),
            damp=_concat([u.damp for u in parts], np.float64),
            starts=np.cumsum(counts) - counts,
            n_units=len(sizes),
            single=bool((counts == 1).all()),
        )

    def values(self, idf_table: np.ndarray, df: np.ndarray) -> np.ndarray:
        """Each entry's unit-length TF-IDF weight under the pair's IDF (``Tfidf._vector``):
        tf * idf, divided by the unit's norm (sqrt of the squares summed in gram order)."""
        w = self.tf * idf_table[df[self.gram]]
        norm = np.sqrt(np.bincount(self.unit, weights=w * w, minlength=self.n_units))
        norm[norm == 0.0] = 1.0
        return w / norm[self.unit]

    def postings(self) -> tuple[np.ndarray, ...]:
        """(distinct gram ids, where each one's run begins, its length, then the entries
        sorted by gram): this kind as the upper side of a pair, built once per side."""
        if self._postings is None:
            order = np.argsort(self.gram, kind="stable")
            distinct, first, count = np.unique(self.gram[order], return_index=True, return_counts=True)
            self._postings = (distinct, first, count, order)
        return self._postings


class Side:
    """One document's measures, ready to be scored against another document's.

    ``items``: (measure id, text) in order, ids distinct.  ``df_skip``: ids whose sentences
    do not count in the document frequency (a measure both sides share counts once)."""

    def __init__(
        self, items: list[tuple[str, str]], vocab: Vocabulary, df_skip: frozenset[str] = frozenset()
    ) -> None:
        self.ids = [mid for mid, _t in items]
        per_measure = [vocab.measure(text) for _mid, text in items]
        self.kinds = [Kind.join([m[k] for m in per_measure]) for k in (WHOLE, SENTENCE, CLAUSE)]
        # document frequency over sentence occurrences: a sentence adds each distinct gram
        # once (tf_weights has one entry per distinct gram), a repeated sentence again
        counted = [m[SENTENCE] for (mid, _t), m in zip(items, per_measure, strict=True) if mid not in df_skip]
        df = np.bincount(_concat([u.gram for u in counted], np.int64))
        self.df_ids = np.flatnonzero(df)
        self.df_counts = df[self.df_ids]
        self.n_sentences = sum(u.count for u in counted)


class PreparedDocs:
    """What one linking run keeps: one vocabulary and each upper document's side, built
    once and reused for every lower document implementing it (a city's 6-12 districts)."""

    def __init__(self, shorts: tuple[int, int, int]) -> None:
        self.vocab = Vocabulary(shorts)
        self._sides: dict[tuple[tuple[str, str], ...], Side] = {}

    def side(self, items: list[tuple[str, str]]) -> Side:
        key = tuple(items)
        got = self._sides.get(key)
        if got is None:
            got = self._sides[key] = Side(items, self.vocab)
        return got


def _idf_table(n: int, top: int) -> np.ndarray:
    """idf by document frequency d = 0..top: ``Tfidf``'s log((1 + n) / (1 + d)) + 1 (d = 0 is
    its default for a gram no sentence holds), with math.log so the floats are the same."""
    return np.array([math.log((1 + n) / (1 + d)) + 1.0 for d in range(top + 1)], dtype=np.float64)


def _dots(lk: Kind, vl: np.ndarray, uk: Kind, vu: np.ndarray, slot: np.ndarray) -> np.ndarray:
    """(lower units x upper units) dot products of one kind.  The products of a pair of
    units reach ``bincount`` in the lower unit's gram order.  ``slot``: a zeroed int array
    over the vocabulary (a gram's row in the upper postings, + 1), left zeroed again."""
    nl, nu = lk.n_units, uk.n_units
    distinct, first, count, order = uk.postings()
    slot[distinct] = np.arange(1, len(distinct) + 1)
    j = slot[lk.gram]
    slot[distinct] = 0
    start = np.append(0, first)[j]
    cnt = np.append(0, count)[j]
    total = int(cnt.sum())
    if total == 0:
        return np.zeros((nl, nu))
    rep = np.repeat(np.arange(len(j)), cnt)
    upos = order[np.repeat(start - (np.cumsum(cnt) - cnt), cnt) + np.arange(total)]
    prod = vl[rep] * vu[upos]
    bins = lk.unit[rep] * nu + uk.unit[upos]
    return np.bincount(bins, weights=prod, minlength=nl * nu).reshape(nl, nu)


def _best(d: np.ndarray, lk: Kind, uk: Kind) -> np.ndarray:
    """(lower measures x upper measures): the best damped dot between one unit of the lower
    measure and one of the upper measure (0.0 when none shares a gram).  Damping after the
    max over the upper units is exact: a product by a factor >= 0 keeps the order."""
    if not uk.single:
        d = np.maximum.reduceat(d, uk.starts, axis=1)
    d = d * lk.damp[:, None]
    return d if lk.single else np.maximum.reduceat(d, lk.starts, axis=0)


def pair_parts(lower: Side, upper: Side, vocab_size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(whole-text cosine, best damped sentence cosine, best damped clause cosine), each a
    (lower measures x upper measures) array, under the IDF of the pair's sentences."""
    shape = (len(lower.ids), len(upper.ids))
    if not shape[0] or not shape[1]:
        z = np.zeros(shape)
        return z, z, z
    df = np.zeros(vocab_size, dtype=np.int64)
    df[upper.df_ids] += upper.df_counts
    df[lower.df_ids] += lower.df_counts
    table = _idf_table(max(lower.n_sentences + upper.n_sentences, 1), int(df.max(initial=0)))
    slot = np.zeros(vocab_size, dtype=np.int64)
    out = []
    for k in (WHOLE, SENTENCE, CLAUSE):
        lk, uk = lower.kinds[k], upper.kinds[k]
        d = _dots(lk, lk.values(table, df), uk, uk.values(table, df), slot)
        out.append(_best(d, lk, uk))
    return out[0], out[1], out[2]


def round4(x: np.ndarray) -> np.ndarray:
    """``round(v, 4)`` of every element, as the same floats Python's ``round`` gives."""
    y = x * 1e4
    r = np.rint(y) / 1e4
    near = np.abs(y - np.floor(y) - 0.5) < 1e-6  # a possible tie: let Python decide
    if near.any():
        r[near] = [round(v, 4) for v in x[near].tolist()]
    return r
