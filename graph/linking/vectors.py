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
    """gram -> integer id, and each cleaned text's (gram ids, term weights) in ``tf_weights``
    order; one per run, shared by every side built in it (ids must agree across a pair)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._texts: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def entries(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        got = self._texts.get(text)
        if got is None:
            ids = self.ids
            tw = tf_weights(text)
            gid = []
            for g, _w in tw:
                i = ids.get(g)
                if i is None:
                    i = ids[g] = len(ids)
                gid.append(i)
            got = self._texts[text] = (
                np.array(gid, dtype=np.int64),
                np.array([w for _g, w in tw], dtype=np.float64),
            )
        return got


@dataclass
class Kind:
    """One kind of unit (whole texts, sentences or clauses) of a side.  ``local`` texts are
    the distinct texts of this kind (a sentence copied twice is scored once); position
    ``len(texts)`` is a zero pad that a measure with no unit of this kind points at."""

    texts: np.ndarray  # side text index of each local text
    damp: np.ndarray  # per local text, plus the pad: min(1, length / short)
    occ: np.ndarray  # local positions of each measure's units, measure after measure
    starts: np.ndarray  # where each measure's units begin in ``occ``
    ent: np.ndarray  # side entries of the local texts, text by text, in gram order
    ent_local: np.ndarray  # local position of each of ``ent``
    _sorted: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    @property
    def size(self) -> int:
        return len(self.texts)

    def by_gram(self, gram: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sorted gram ids, their side entries, their local positions): the postings of
        this kind when the side is the upper one (built once per side)."""
        if self._sorted is None:
            order = np.argsort(gram[self.ent], kind="stable")
            ent = self.ent[order]
            self._sorted = (gram[ent], ent, self.ent_local[order])
        return self._sorted


class Side:
    """One document's measures, ready to be scored against another document's.

    ``items``: (measure id, text) in order, ids distinct.  ``df_skip``: ids whose sentences
    do not count in the document frequency (a measure both sides share counts once)."""

    def __init__(
        self,
        items: list[tuple[str, str]],
        vocab: Vocabulary,
        shorts: tuple[int, int, int],
        df_skip: frozenset[str] = frozenset(),
    ) -> None:
        self.ids = [mid for mid, _t in items]
        index: dict[str, int] = {}
        grams: list[np.ndarray] = []
        tfs: list[np.ndarray] = []
        lengths: list[int] = []
        sizes: list[int] = []

        def text_index(t: str) -> int:
            k = index.get(t)
            if k is None:
                k = index[t] = len(index)
                g, w = vocab.entries(t)
                grams.append(g)
                tfs.append(w)
                sizes.append(len(g))
                lengths.append(len(t))
            return k

        units: list[list[list[int]]] = [[], [], []]  # kind -> measure -> side text indices
        df_sentences: list[int] = []
        for mid, text in items:
            whole, sents, cls = prepare(text)
            units[WHOLE].append([text_index(whole)])
            s = [text_index(x) for x in sents]
            units[SENTENCE].append(s)
            units[CLAUSE].append([text_index(x) for x in cls])
            if mid not in df_skip:
                df_sentences += s
        self.gram = np.concatenate(grams) if grams else np.zeros(0, np.int64)
        self.tf = np.concatenate(tfs) if tfs else np.zeros(0, np.float64)
        self.n_texts = len(index)
        sizes_a = np.array(sizes, dtype=np.int64)
        self.owner = np.repeat(np.arange(self.n_texts), sizes_a)
        self.first = np.concatenate(([0], np.cumsum(sizes_a)))  # entries of text k: first[k]:first[k+1]
        self.n_sentences = len(df_sentences)
        # document frequency over sentence occurrences: a sentence adds each distinct gram once
        # (tf_weights has one entry per distinct gram), a repeated sentence counts again
        per_text = np.bincount(np.array(df_sentences, dtype=np.int64), minlength=self.n_texts)
        df = np.bincount(self.gram, weights=per_text[self.owner].astype(np.float64)) if len(self.gram) else np.zeros(0)
        nz = np.flatnonzero(df)
        self.df_ids, self.df_counts = nz, df[nz].astype(np.int64)
        length_a = np.array(lengths, dtype=np.float64)
        self.kinds = [self._kind(units[k], length_a, shorts[k]) for k in (WHOLE, SENTENCE, CLAUSE)]

    def _kind(self, per_measure: list[list[int]], lengths: np.ndarray, short: int) -> Kind:
        local: dict[int, int] = {}
        for texts in per_measure:
            for k in texts:
                local.setdefault(k, len(local))
        pad = len(local)
        occ: list[int] = []
        starts: list[int] = []
        for texts in per_measure:
            starts.append(len(occ))
            occ += [local[k] for k in texts] or [pad]
        texts_a = np.fromiter(local, dtype=np.int64, count=len(local))
        # min(1.0, n / short) exactly as the scalar code: n / short is an IEEE division
        damp = np.minimum(1.0, lengths[texts_a] / float(short)) if short else np.ones(len(local))
        counts = self.first[texts_a + 1] - self.first[texts_a]
        total = int(counts.sum())
        ent = np.repeat(self.first[texts_a] - (np.cumsum(counts) - counts), counts) + np.arange(total)
        return Kind(
            texts=texts_a,
            damp=np.append(damp, 0.0),
            occ=np.array(occ, dtype=np.int64),
            starts=np.array(starts, dtype=np.int64),
            ent=ent.astype(np.int64),
            ent_local=np.repeat(np.arange(len(local)), counts),
        )

    def values(self, idf_table: np.ndarray, df: np.ndarray) -> np.ndarray:
        """Each entry's unit-length TF-IDF weight under the pair's IDF (``Tfidf._vector``):
        tf * idf, divided by the text's norm (sqrt of the squares summed in gram order)."""
        w = self.tf * idf_table[df[self.gram]]
        norm = np.sqrt(np.bincount(self.owner, weights=w * w, minlength=self.n_texts))
        norm[norm == 0.0] = 1.0
        return w / norm[self.owner]


class PreparedDocs:
    """What one linking run keeps: one vocabulary and each upper document's side, built
    once and reused for every lower document implementing it (a city's 6-12 districts)."""

    def __init__(self) -> None:
        self.vocab = Vocabulary()
        self._sides: dict[tuple[tuple[str, str], ...], Side] = {}

    def side(self, items: list[tuple[str, str]], shorts: tuple[int, int, int]) -> Side:
        key = tuple(items)
        got = self._sides.get(key)
        if got is None:
            got = self._sides[key] = Side(items, self.vocab, shorts)
        return got


def _idf_table(n: int, top: int) -> np.ndarray:
    """idf by document frequency d = 0..top: ``Tfidf``'s log((1 + n) / (1 + d)) + 1 (d = 0 is
    its default for a gram no sentence holds), with math.log so the floats are the same."""
    return np.array([math.log((1 + n) / (1 + d)) + 1.0 for d in range(top + 1)], dtype=np.float64)


def _dots(lower: Side, lk: Kind, vl: np.ndarray, upper: Side, uk: Kind, vu: np.ndarray) -> np.ndarray:
    """(lower local texts + pad) x (upper local texts + pad) dot products of one kind.  The
    products of a pair of texts reach ``bincount`` in the lower text's gram order."""
    nl, nu = lk.size + 1, uk.size + 1
    ug, uent, ulocal = uk.by_gram(upper.gram)
    lg = lower.gram[lk.ent]
    start = np.searchsorted(ug, lg, "left")
    cnt = np.searchsorted(ug, lg, "right") - start
    total = int(cnt.sum())
    if total == 0:
        return np.zeros((nl, nu))
    rep = np.repeat(np.arange(len(lg)), cnt)
    upos = np.repeat(start - (np.cumsum(cnt) - cnt), cnt) + np.arange(total)
    prod = vl[lk.ent[rep]] * vu[uent[upos]]
    bins = lk.ent_local[rep] * nu + ulocal[upos]
    return np.bincount(bins, weights=prod, minlength=nl * nu).reshape(nl, nu)


def _best(d: np.ndarray, lk: Kind, uk: Kind, damp: bool) -> np.ndarray:
    """(lower measures x upper measures): the best (damped) dot between one unit of the
    lower measure and one of the upper measure (0.0 when none shares a gram)."""
    if damp:
        d = d * lk.damp[:, None]
    per_upper = np.maximum.reduceat(d[:, uk.occ], uk.starts, axis=1)
    return np.maximum.reduceat(per_upper[lk.occ, :], lk.starts, axis=0)


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
    vl, vu = lower.values(table, df), upper.values(table, df)
    out = []
    for k in (WHOLE, SENTENCE, CLAUSE):
        lk, uk = lower.kinds[k], upper.kinds[k]
        out.append(_best(_dots(lower, lk, vl, upper, uk, vu), lk, uk, damp=k != WHOLE))
    return out[0], out[1], out[2]


def round4(x: np.ndarray) -> np.ndarray:
    """``round(v, 4)`` of every element, as the same floats Python's ``round`` gives."""
    y = x * 1e4
    r = np.rint(y) / 1e4
    near = np.abs(y - np.floor(y) - 0.5) < 1e-6  # a possible tie: let Python decide
    if near.any():
        r[near] = [round(v, 4) for v in x[near].tolist()]
    return r
