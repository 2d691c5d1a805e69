"""What a search for measure text asks, and the index terms that find its candidates.

Why one module for both stores: the answer is defined by substring matching (every
word of the query is a substring of the measure's text, as ``CONTAINS``); an index only
narrows the measures to check.  So each index needs terms that every matching text is
sure to hold -- never a term a matching text could lack -- and the check that follows
(``CONTAINS`` / ``instr``) removes the rest.  Both kinds of terms are computed here:

* the embedded store's SQLite index (graph/search_index.py) holds every character and
  every pair of adjacent characters of each text (1- and 2-grams), written as ASCII
  tokens; a word of 1 or 2 characters is one exact term, a longer word the AND of its
  pairs;
* Neo4j's full-text index with the ``cjk`` analyzer (Lucene's CJKAnalyzer) holds pairs
  of adjacent Han characters (a lone Han character as itself) and Latin/digit words,
  lower-cased, without English stop words.  ``lucene_query`` only asks for what that
  analyzer is sure to have written; a query with nothing such (punctuation only) gets
  ``''``, and the store then checks every measure.
"""

from __future__ import annotations

import re

# CJKAnalyzer's stop set (Lucene's analysis/cjk/stopwords.txt: English words, "s", "t"
# and "www"; they are not in the index) plus Lucene's English set: a Latin run that could
# lie inside one of them is no safe term.
_STOP_WORDS = (
    "a an and are as at be but by for if in into is it no not of on or s such t that the their then there these "
    "they this to was will with www"
).split()
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_SEGMENT = re.compile(rf"[{_HAN}]+|[A-Za-z0-9]+")


def words(q: str | None) -> list[str]:
    """The words of a query: split on any whitespace (also the full-width space), each
    once, in the order typed.  Every word must occur in the text (space = AND)."""
    out: list[str] = []
    for w in (q or "").split():
        if w not in out:
            out.append(w)
    return out


def phrase(q: str | None) -> str:
    """The query as one phrase (its words joined by one space): a text or title holding
    it ranks above one that holds the words apart."""
    return " ".join(words(q))


_HEX: dict[str, str] = {}  # character -> its code point in hex (a cache: texts reuse few characters)


def _hex(c: str) -> str:
    h = _HEX.get(c)
    if h is None:
        h = _HEX[c] = f"{ord(c):x}"
    return h


def token(gram: str) -> str:
    """A 1- or 2-character gram as an ASCII token for SQLite's FTS5 (hex code points
    joined by ``g``): exact and case-preserving whatever the characters are --
    punctuation, digits, Latin, Han -- where FTS5's own tokenizers would fold case or
    split on punctuation."""
    return "g".join(_hex(c) for c in gram)


class _HexCodes(dict):
    """code point -> its hex and a space, filled on first use: ``str.translate`` turns a
    whole text into its hex codes in C (a third faster than a Python loop per character
    on the 104,546 texts of the 1,000-document corpus)."""

    def __missing__(self, code: int) -> str:
        value = self[code] = f"{code:x} "
        return value


_HEX_CODES = _HexCodes()


def text_tokens(text: str | None) -> str:
    """Every distinct 1- and 2-gram of ``text`` as tokens, space-separated (what the
    SQLite index stores for one measure)."""
    if not text:
        return ""
    hx = text.translate(_HEX_CODES).split()
    return " ".join({*hx, *map("g".join, zip(hx, hx[1:], strict=False))})  # pairs joined in C: 1.5x faster


def word_tokens(word: str) -> list[str]:
    """The terms every text containing ``word`` holds: the word itself (1-2
    characters) or each of its distinct adjacent pairs."""
    if len(word) <= 2:
        return [token(word)]
    pairs = dict.fromkeys(word[i : i + 2] for i in range(len(word) - 1))
    return [token(p) for p in pairs]


def fts_match(ws: list[str]) -> str:
    """An FTS5 MATCH expression: the AND of every word's terms."""
    terms = dict.fromkeys(t for w in ws for t in word_tokens(w))
    return " AND ".join(f'"{t}"' for t in terms)


def needs_check(word: str) -> bool:
    """Whether the SQLite index's terms for ``word`` can hold texts without it (a word
    of 3+ characters: its pairs may occur apart)."""
    return len(word) > 2


def lucene_query(ws: list[str]) -> str:
    """A Lucene query for Neo4j's ``cjk`` full-text index that every text containing all
    the words matches ('' when no part of the words is a safe term: check every measure).

    Per word, its Han runs and ASCII letter/digit runs (anything else is left to the
    exact check): a Han run of 2+ characters is a phrase of its pairs; one Han character
    is the first or the second half of a pair (or a lone character); a Latin/digit run
    lies inside some lower-cased word (``*run*``) unless it could lie inside a stop word,
    which the index does not hold."""
    clauses: list[str] = []
    for w in ws:
        for seg in _SEGMENT.findall(w):
            if re.fullmatch(f"[{_HAN}]+", seg):
                clauses.append(f'"{seg}"' if len(seg) > 1 else f"({seg}* OR *{seg})")
            else:
                low = seg.lower()
                if not any(low in stop for stop in _STOP_WORDS):
                    clauses.append(f"*{low}*")
    return " AND ".join(dict.fromkeys(clauses))
