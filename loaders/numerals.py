"""Chinese numerals, read in one place: section numbers (三十九), months (十二月), figures (一千二百).

Why one parser: the task, deadline and target readers all meet the same numerals; three
hand-written variants had drifted (one took 一二 for 2, another refused 一百零一)."""

from __future__ import annotations

import re

CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,  # WHITE CIRCLE, written for zero in years (二○○六年)
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_MULTIPLIERS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_DECIMAL_RE = re.compile(r"\d+(?:\.\d+)?")


def cn_number(s: str) -> float | None:
    """Arabic or Chinese numerals -> value: 一千二百 1200, 两千 2000, 十五 15, 百 100,
    一百零一 101; None for anything else (一二 is not a number).

    >>> cn_number("一百零一"), cn_number("十五"), cn_number("一二")
    (101.0, 15.0, None)
    """
    if _DECIMAL_RE.fullmatch(s):
        return float(s)
    if not s:
        return None
    total, cur = 0, None
    for ch in s.replace("〇", "零"):
        if ch in CN_DIGITS:
            if cur:  # a digit right after a non-zero digit: 一二
                return None
            cur = CN_DIGITS[ch]
        elif ch in CN_MULTIPLIERS:
            total += (1 if cur is None else cur) * CN_MULTIPLIERS[ch]
            cur = None
        else:
            return None
    return float(total + (cur or 0))


def cn_to_int(s: str) -> int | None:
    """一 -> 1, 十二 -> 12, 三十九 -> 39, 一百零一 -> 101; digits pass through."""
    value = cn_number(s.strip())
    return None if value is None or value != int(value) else int(value)


def cn_small_int(s: str) -> int | None:
    """一..九十九 (also plain digits) -> int; None if not a small number (a month, a quarter)."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if not s or any(c not in CN_DIGITS and c != "十" for c in s):
        return None
    value = cn_to_int(s)
    return value if value is not None and value < 100 else None

