"""Search queries the index tests run, and the edits that reload a document changed.

Why generated as well as listed: the listed queries cover the kinds of text people type
(one Han character, a pair, a phrase, digits and Latin, punctuation, several words,
traditional characters, nothing found); substrings cut from the loaded texts and titles
cover whatever characters the documents really hold, at every length from 1 to 6."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

from graph.model import ParsedDocument

LISTED = [
    "财政", "财政政策", "就业", "政", "的", "、", "，", "。", "%", '"', "5.5%", "5.5", "GDP", "gdp", "DP", "2022",
    "2022年", "年底前", "12月底前", "落实积极的财政政策，提升", "财政 资金", "就业 创业 服务", "财政　政策",
    "財政", "就業", "不存在的词语", "the", "a", "市财政局", "区发展改革委", "负责", "  财政  ",
]


def generated(texts: list[str], titles: list[str], every: int = 7) -> list[str]:
    """Substrings of some texts and titles (lengths 1-6, deterministic), and pairs of them as two words."""
    out: list[str] = []
    for i, t in enumerate(texts[::every] + titles[::3]):
        t = "".join(t.split())
        for n in (1, 2, 3, 4, 6):
            if len(t) >= n:
                start = (i * 7 + n) % (len(t) - n + 1)
                out.append(t[start : start + n])
    out += [f"{a} {b}" for a, b in zip(out[::5], out[3::5], strict=False)][:20]
    return list(dict.fromkeys(out))


def queries(store: Any) -> list[str]:
    """The listed queries plus those generated from what ``store`` holds."""
    rows = store.read("search_index_all")
    texts = sorted({r["text"] for r in rows if r["text"]})
    titles = sorted({r["task_title"] for r in rows if r["task_title"]} | {r["document_title"] for r in rows if r["document_title"]})
    return list(dict.fromkeys(LISTED + generated(texts, titles)))


def edited(parsed: ParsedDocument) -> ParsedDocument:
    """A new version of ``parsed``: one measure's text changed (财政 -> 金融), the first
    task renamed, the title changed, the last measure dropped."""
    out = copy.deepcopy(parsed)
    out.document.title = out.document.title + "（修订）"
    first = out.tasks[0]
    renamed = replace(first, title=first.title + "和财政保障")
    out.tasks[0] = renamed
    for m in out.measures:
        if m.task is first:
            m.task = renamed
    changed = next(m for m in out.measures if "财政" in m.text)
    changed.text = changed.text.replace("财政", "金融") + "（新增：数字人民币试点）"
    out.measures = out.measures[:-1]
    return out
