"""Chinese numeral digits, shared by the deadline and target readers (一 -> 1, 两 -> 2)."""

from __future__ import annotations

CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
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
