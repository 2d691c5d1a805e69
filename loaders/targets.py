"""Quantified goals in measure text: 城镇新增就业35万人以上 -> (城镇新增就业, >=, 35, 万人).

Precision first: a wrong target is worse than a missed one.  A number is taken only
when it carries a unit from a fixed list and the words around it make it a goal:

* indicator before the number (粮食产量稳定在228.5万吨以上, 新增就业 2.3 万人), with the
  number at the end of a phrase; or
* number before the noun right after a goal verb (新建2000亩稻渔综合种养基地,
  培育100个乡村振兴示范村) or a comparator (不少于2740名农村劳动力).

Rejected on purpose: policy parameters (费率, 税率, 补助标准, 扣除比例, "由60%提至90%",
"从75%提高到100%", "至1%的政策", "50%的税额幅度"), plain 元 amounts, numbers after 的 /
等 (推出的145个…, 等5个…), 第N, years, months and days, numbers inside quotes and codes.
The scan is linear: fragments are cut at punctuation and only a bounded window
around each number is examined.
"""

from __future__ import annotations

import re

from graph.model import Target
from graph.normalize import to_simplified
from loaders.numerals import cn_number

_UNITS = sorted(
    [
        "个工作日",
        "万平方米",
        "平方米",
        "万千瓦",
        "千瓦",
        "万人次",
        "人次",
        "万吨",
        "万亩",
        "万人",
        "万头",
        "万户",
        "万家",
        "万元",
        "亿元",
        "万套",
        "万张",
        "万辆",
        "万个",
        "公里",
        "%",
        "％",
        "人",
        "吨",
        "亩",
        "家",
        "个",
        "张",
        "头",
        "套",
        "场",
        "名",
        "项",
        "所",
        "座",
        "户",
        "辆",
        "条",
        "处",
        "台",
        "床",
        "栋",
    ],
    key=len,
    reverse=True,
)
_NUM = r"(?<![\d.])\d++(?:\.\d++)?|(?<![零〇一二两三四五六七八九十百千])[零〇一二两三四五六七八九十百千]++"
_MAIN_RE = re.compile(
    rf"(?P<n1>{_NUM})\s*(?P<mag1>万|亿)?"
    rf"(?:\s*(?P<rng>至|—|－|~|～)\s*(?P<n2>{_NUM})(?=\s*(?:万|亿)?\s*(?:{'|'.join(map(re.escape, _UNITS))})))?"
    rf"\s*(?P<unit>{'|'.join(map(re.escape, _UNITS))})(?:\s*(?P<suf>以上|以下|以内|左右))?"
)
_ANY_NUM_RE = re.compile(r"[0-9零〇一二两三四五六七八九十百千]")
_FRAG_RE = re.compile(r"[^。；;，,：:！？!?\n]+")
_PREFIX_COMP = [
    ("不低于", ">="),
    ("不少于", ">="),
    ("超过", ">="),
    ("突破", ">="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("控制在", "<="),
    ("稳定在", "="),
    ("达到", "="),
    ("达", "="),
    ("降至", "="),
    ("降到", "="),
    ("下降到", "="),
    ("提高到", "="),
    ("提高至", "="),
    ("提升至", "="),
    ("提升到", "="),
    ("扩大到", "="),
    ("扩大至", "="),
    ("压缩至", "="),
    ("压缩到", "="),
    ("增至", "="),
    ("增加到", "="),
    ("约", "~"),
    ("增长", "="),
    ("下降", "="),
]
_PREFIX_OP = dict(_PREFIX_COMP)
_PREFIX_COMP_RE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _PREFIX_OP), key=len, reverse=True)) + ")$"
)
_RATE_VERBS = ("增长", "下降")
_GOAL_VERBS = (
    "新创建",
    "新建",
    "建成",
    "建设",
    "建立",
    "培育",
    "扶持",
    "创建",
    "完成",
    "推进",
    "推动",
    "实施",
    "认定",
    "提供",
    "吸纳",
    "举办",
    "指导",
    "开展",
    "打造",
    "引进",
    "帮助",
    "确保",
    "改造",
    "新增",
)
_STRIP_LEAD_RE = re.compile(
    r"^(?:\d{4}年(?:度)?|确保|推动|力争|其中|全年|年内|今年|使|在|实现|新创建|新建|建设|建立|确定|稳定|"
    r"完成|提供|吸纳|举办|认定|培育|扶持|创建|种植|帮助|到|并|和|及|、|\s)+"
)
_PARAM_WORDS_RE = re.compile(
    r"税率|利率|补助标准|补贴标准|扣除比例|返还比例|缴费|租金|税额|所得额|贴息|手续费|价格标准"
)
_CHANGE_RE = re.compile(r"(?:由|从)\s*\d")
_BAD_BEFORE = set("第+＋.．·/-”“\"'")
_BAD_AFTER_RE = re.compile(
    r"^(?:月|年|日|届|期|级|岁|周|号|次|倍|代|\+|＋|的(?:政策|规定|部分|税额|标准)|部分)"
)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


_SENTENCE_GOAL_RE = re.compile(
    r"^(?:启动|深入|积极|持续|加快|全面|大力|着力)?(?:" + "|".join(_GOAL_VERBS) + ")"
)


def _sentence_before(s: str, pos: int) -> str:
    """The sentence that holds ``pos``, up to ``pos`` (bounded look-back)."""
    lo = max(0, pos - 120)
    cut = max(s.rfind(ch, lo, pos) for ch in "。；;！？\n")
    return s[max(cut + 1, lo) : pos].lstrip()


def _clean_indicator(text: str) -> str:
    text = text.strip(" \u3000、")
    prev = None
    while prev != text:
        prev = text
        text = _STRIP_LEAD_RE.sub("", text)
    return text.strip(' \u3000、“”"')


def _value_ok(raw: str, value: float, mag: str | None) -> bool:
    if raw.isdigit() or re.fullmatch(r"\d+\.\d+", raw):
        return True
    # Chinese numerals: only unmistakable amounts (百场, 两千个, 一万人), never 两个确立
    return value >= 10 or bool(mag)


def extract_targets(text: str) -> list[Target]:
    """All quantified goals found in ``text`` (a measure's text, clause excluded)."""
    s = to_simplified(text)
    out: list[Target] = []
    if not _ANY_NUM_RE.search(s):
        return out
    for fm in _FRAG_RE.finditer(s):
        frag_start, frag = fm.start(), fm.group(0)
        if _CHANGE_RE.search(frag):
            continue  # 由60%提至90%, 从75%提高到100%: a parameter change, not a goal
        left_bound = 0
        for m in _MAIN_RE.finditer(frag):
            a, b = m.start(), m.end()
            prev_left = left_bound
            left_bound = b
            raw1, mag1, unit = m.group("n1"), m.group("mag1"), m.group("unit")
            if a > 0 and (frag[a - 1] in _BAD_BEFORE or frag[a - 1].isascii() and frag[a - 1].isalnum()):
                continue
            after = frag[b : b + 80]
            if _BAD_AFTER_RE.match(after.lstrip()):
                continue
            if b < len(frag) and frag[b].isascii() and frag[b].isalnum():
                continue
            v1 = cn_number(raw1)
            if v1 is None or not _value_ok(raw1, v1, mag1):
                continue
            if unit == "元":
                continue
            if mag1 and not m.group("n2"):
                unit = mag1 + unit if not unit.startswith(("万", "亿")) else None
                if unit is None:
                    continue
            v2 = None
            if m.group("n2"):
                v2 = cn_number(m.group("n2"))
                if v2 is None or v2 <= v1:
                    continue
            left = frag[max(prev_left, a - 60) : a]
            left_stripped = left.rstrip()
            comp, op = "", "="
            cm = _PREFIX_COMP_RE.search(left_stripped)
            if cm:
                comp = cm.group(0)
                op = _PREFIX_OP[comp]
            before_comp = left_stripped[: len(left_stripped) - len(comp)]
            suf = m.group("suf")
            tail = after.lstrip()
            noun_follows = (
                bool(tail) and bool(_CJK_RE.match(tail[0])) and not tail.startswith(("和", "、", "及"))
            )
            if noun_follows:
                # number before the noun: needs a goal verb or a comparator right before it
                verb_before = left_stripped.endswith(_GOAL_VERBS)
                # "建设现代中医药等5个海河实验室": an enumeration closed by 等 inside a sentence
                # that opens with a goal verb
                listed = left_stripped.endswith("等") and _SENTENCE_GOAL_RE.match(
                    _sentence_before(s, frag_start + a)
                )
                if not (verb_before or listed or comp in ("不低于", "不少于", "超过")):
                    continue
                noun = tail[1:] if tail.startswith("的") else tail
                stop = re.search(r"[、和及与]|\d", noun)
                indicator = noun[: stop.start()] if stop else noun
                indicator = indicator[:25]
                span_start, span_end = (
                    a - len(comp),
                    b + len(after) - len(tail) + (1 if tail.startswith("的") else 0) + len(indicator),
                )
                if comp in ("不低于", "不少于", "超过"):
                    op = ">="
                else:
                    op = "="
            else:
                if left_stripped.endswith(("的", "等", "在", "约为")) and not comp:
                    continue
                if tail.startswith("的"):
                    continue
                indicator = before_comp
                if comp in _RATE_VERBS and unit in ("%", "％"):
                    indicator = before_comp + comp
                indicator = _clean_indicator(indicator)
                span_start, span_end = (
                    b - (b - a) - len(left) + (len(left) - len(left.lstrip(" 、和及与"))),
                    b,
                )
                if suf in ("以上",):
                    op = ">="
                elif suf in ("以下", "以内"):
                    op = "<="
                elif suf == "左右":
                    op = "~"
            if v2 is not None:
                op = "range"
            if not indicator or len(_CJK_RE.findall(indicator)) < 2 or len(indicator) > 40:
                continue
            if _PARAM_WORDS_RE.search(indicator):
                continue
            if unit in ("%", "％") and not indicator:
                continue
            span_text = text[frag_start + max(span_start, 0) : frag_start + span_end].strip(" 、")
            out.append(
                Target(
                    indicator=indicator,
                    op=op,  # type: ignore[arg-type]
                    value=v1,
                    unit=unit,
                    text=span_text,
                    value_max=v2,
                )
            )
    return out
