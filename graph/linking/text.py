"""Chinese text for matching: cleaning, sentences, character n-gram TF-IDF cosine.

Why character n-grams: Chinese has no spaces and the district copies, trims or rewords
the city's sentences; overlapping 2- and 3-character grams catch copied phrases without
a word segmenter.  Level words are folded before
comparing (区/市, 西青/天津, 我区/本市) so "质量强区" equals "质量强市".  ``Tfidf`` is
the scalar definition of a score; ``vectors.py`` computes the same floats as arrays.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from graph.normalize import to_simplified

_TAG_RE = re.compile(r"<[^>]*>")
_SENT_RE = re.compile(r"[。；;！!？?]+")
_CLAUSE_RE = re.compile(r"[。；;！!？?，,：:]+")
_KEEP_RE = re.compile(r"[^0-9a-z\u4e00-\u9fff]+")
LEVEL_WORDS_CSV = Path(__file__).resolve().parents[1] / "data" / "level_words.csv"


@lru_cache(maxsize=1)
def level_words() -> tuple[tuple[str, str], ...]:
    """The district's phrasing folded onto the city's, in file order (both sides of a
    comparison get the same folding), from the reviewed data file graph/data/level_words.csv."""
    with LEVEL_WORDS_CSV.open(encoding="utf-8", newline="") as f:
        return tuple((row["lower"], row["upper"]) for row in csv.DictReader(f))


def clean(text: str) -> str:
    """Matching key of a text: NFKC, simplified, no tags/punctuation/space, level words folded."""
    s = unicodedata.normalize("NFKC", to_simplified(text or "")).lower()
    s = _KEEP_RE.sub("", _TAG_RE.sub("", s))
    for a, b in level_words():
        s = s.replace(a, b)
    return s


@lru_cache(maxsize=1 << 16)
def clean_title(text: str) -> str:
    """A title's key: NFKC, simplified, no quotes/brackets/punctuation/space (level words kept).
    Cached: task titles and target indicators are compared many times per document pair."""
    s = unicodedata.normalize("NFKC", to_simplified(text or "")).lower()
    return _KEEP_RE.sub("", _TAG_RE.sub("", s))


def sentences(text: str) -> list[str]:
    """Cleaned sentences (split on 。；！？), empty ones dropped."""
    out = [clean(p) for p in _SENT_RE.split(_TAG_RE.sub("", text or ""))]
    return [s for s in out if s]


def clauses(text: str, min_len: int = 6) -> list[str]:
    """Cleaned clauses (split on 。；！？ and ，：) of at least ``min_len`` characters."""
    out = [clean(p) for p in _CLAUSE_RE.split(_TAG_RE.sub("", text or ""))]
    return [s for s in out if len(s) >= min_len]


@lru_cache(maxsize=1 << 16)
def prepare(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(cleaned whole text, cleaned sentences, cleaned clauses) of a measure text.  Cached:
    a city document's measures are prepared once, not once per district implementing it."""
    return clean(text), tuple(sentences(text)), tuple(clauses(text))


def grams(s: str, sizes: tuple[int, ...] = (2, 3)) -> Counter[str]:
    c: Counter[str] = Counter()
    for n in sizes:
        c.update(s[i : i + n] for i in range(len(s) - n + 1))
    if not c and s:
        c[s] = 1
    return c


@lru_cache(maxsize=1 << 16)
def bigrams(s: str) -> frozenset[str]:
    """The distinct character bigrams of a cleaned string (cached, like ``clean_title``)."""
    return frozenset(grams(s, (2,)))


def dice(a: str, b: str) -> float:
    """Character-bigram Dice coefficient of two cleaned strings (titles, indicators)."""
    ga, gb = bigrams(a), bigrams(b)
    if not ga or not gb:
        return 1.0 if a and a == b else 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))


Vector = dict[str, float]


@lru_cache(maxsize=1 << 18)
def tf_weights(text: str) -> tuple[tuple[str, float], ...]:
    """(gram, 1 + log count) of a cleaned text, in ``grams`` order.  Cached because the
    same sentences are weighed again for every document pair they take part in (a city
    document is paired with each of its districts); the order is kept so that a vector,
    and every sum over it, is the same float as before the cache."""
    return tuple((g, 1.0 if c == 1 else 1 + math.log(c)) for g, c in grams(text).items())  # 1 + log(1) == 1.0


@lru_cache(maxsize=1 << 18)
def gram_set(text: str) -> frozenset[str]:
    """The distinct 2/3-grams of a cleaned text (its document-frequency contribution)."""
    return frozenset(grams(text))


class Tfidf:
    """IDF over a collection of cleaned texts; ``vector`` gives a unit-length TF-IDF vector."""

    def __init__(self, texts: Iterable[str]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for t in texts:
            n += 1
            df.update(gram_set(t))
        self.n = max(n, 1)
        self.idf = {g: math.log((1 + self.n) / (1 + d)) + 1.0 for g, d in df.items()}
        self._default = math.log(1 + self.n) + 1.0
        self._memo: dict[str, Vector] = {}  # a clause is often a whole sentence, a sentence the whole text

    def vector(self, text: str) -> Vector:
        v = self._memo.get(text)
        if v is None:
            v = self._memo[text] = self._vector(text)
        return v

    def _vector(self, text: str) -> Vector:
        idf, default = self.idf.get, self._default
        items = [(g, w * idf(g, default)) for g, w in tf_weights(text)]
        norm = math.sqrt(sum(x * x for _g, x in items)) or 1.0
        return {g: x / norm for g, x in items}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(g, 0.0) for g, x in a.items())
