"""Text clean-up shared by the loaders: control characters, HTML debris, stray spaces,
half-width commas.

Control characters (NUL, \\x01-\\x08, \\x0b, \\x0c, \\x0e-\\x1f, \\x7f) are removed by the
one rule here (``CONTROL_RE`` / ``strip_controls``): nothing stored may carry them, because
an .xlsx export refuses them for good.  The loaders warn with the line they were on."""

from __future__ import annotations

import html
import re
from functools import lru_cache

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>|<!--.{0,300}?-->")
# characters between which a space is noise in Chinese text: CJK, full-width punctuation,
# digits, % and half-width punctuation
_TIGHT = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2014\u2018-\u201d0-9%.,;:()\u00b7]"
_SPACE_RUN_RE = re.compile(rf"(?<={_TIGHT})[ \t\u00a0\u3000]+(?={_TIGHT})")
_CJK = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”]"
_HALF_COMMA_RE = re.compile(rf"(?<={_CJK}),(?=\s*{_CJK})|(?<={_CJK})\s*,(?={_CJK})")
_HALF_SEMI_RE = re.compile(rf"(?<={_CJK});(?=\s*{_CJK})")
_MD_HEAD_RE = re.compile(r"^\s*#{1,6}\s+")


def strip_controls(text: str) -> tuple[str, list[int]]:
    """``text`` without control characters, and the 1-based line numbers they were on.

    Lines are counted on ``\\n`` as the file has them (a vertical tab or form feed is a
    control character here, not a line break)."""
    if not CONTROL_RE.search(text):
        return text, []
    lines = [i for i, line in enumerate(text.split("\n"), start=1) if CONTROL_RE.search(line)]
    return CONTROL_RE.sub("", text), lines


def strip_html(text: str) -> str:
    """Remove HTML tags (<p>, </p>, <br/>, <span …>) and decode entities (&nbsp; …)."""
    if "<" in text:
        text = _TAG_RE.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def collapse_spaces(text: str) -> str:
    """强化就业 优先政策 -> 强化就业优先政策; 12 月底前 -> 12月底前; keep 'APP 等'-like Latin spacing."""
    return _SPACE_RUN_RE.sub("", text)


def fullwidth_commas(text: str) -> str:
    """Half-width commas/semicolons between Chinese text -> ，/；."""
    text = _HALF_COMMA_RE.sub("，", text)
    return _HALF_SEMI_RE.sub("；", text)


def clean_cell(text: str | None) -> str:
    """A table cell or a prose line: no tags, no stray spaces, full-width commas, trimmed."""
    if not text:
        return ""
    return _clean_cell(str(text))


@lru_cache(maxsize=65536)
def _clean_cell(text: str) -> str:
    text = CONTROL_RE.sub("", strip_html(text).replace("\r", ""))
    text = collapse_spaces(text)
    text = fullwidth_commas(text)
    text = collapse_spaces(text)
    return text.strip(" \t\u00a0\u3000\ufeff")


def clean_line(text: str) -> str:
    """A prose line: like clean_cell, and drop a Markdown heading mark (## 一、…)."""
    return clean_cell(_MD_HEAD_RE.sub("", text))
