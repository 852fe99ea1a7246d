"""Figures in sentences and in questions: a figure's value and unit, the kind of figure a question asks, a target's
figures."""
from __future__ import annotations

import re

from assistant.leads import YEAR_LEAD
from assistant.sentences import has_figure
from assistant.targets import kind_asked
from assistant.wording import GRANTS

# The figure of a target: qualifier, number, unit, qualifier ("超过11%", "6%左右", "2200家").
FIGURE_VALUE = re.compile(r"(超过|高于|不低于|不少于|突破)?(\d+(?:\.\d+)?)\s*(%|个百分点|万亿元|亿元|万元|万人|家|个|项|所|座)"
                          r"(以上|左右|以下|以内)?")
UNITS_OF = {"share": ("%", "个百分点"), "growth": ("%",), "money": ("万亿元", "亿元", "万元"),
            "count": ("家", "个", "项", "所", "座")}


def figure_kinds(text: str) -> list[str | None]:
    """The kind of each figure a question asks, piece by piece ("服务业增加值多少、占GDP多少": money, share)."""
    kinds = []
    for piece in re.findall(r"[^、，,；;？?]+", text):
        if re.search(r"多少|几", piece):
            kinds.append("share" if re.search(r"占|几成", piece) else kind_asked(re.sub(r"多少|几\w?", "", piece)))
    return kinds


def states_kind(text: str, kind: str) -> bool:
    """Does a sentence state a figure of the kind (share: %, money: 亿元, count: 家…)?"""
    return any(m.group(3) in UNITS_OF.get(kind, ()) for m in FIGURE_VALUE.finditer(text))


def target_only(sentence: str) -> bool:
    """A target's figures for a year, stated or inherited ("到2027年，全市律师事务所超过700家"), granting nothing (not
    "推动知识产权质押融资年均增长40%以上", a measure with its figure)."""
    return bool(YEAR_LEAD.search(sentence)) and has_figure(sentence) and not GRANTS.search(sentence)
