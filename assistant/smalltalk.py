"""Small talk and context-free follow-ups: a short introduction instead of a decline or random clauses."""
from __future__ import annotations

import re
from dataclasses import dataclass

# What the assistant covers and three questions that show it; one place for the app, the CLI and the API.
COVERAGE = ("我可以回答长沙、株洲、湘潭、湖南省、武汉五份生产性服务业/服务业政策文件里的问题："
            "支持措施（融资、用地、人才、上市、数字化等）、目标指标、责任部门、文号和有效期，"
            "每句回答都标注出处条款。")
EXAMPLE_QUESTIONS = (
    "我们是株洲一家做供应链服务的企业，有哪些支持？",
    "长沙社会物流总费用占GDP比重的目标是多少？",
    "武汉检验检测服务由哪个部门负责？",
)

# (rule id, pattern, opening line). The whole question must match: "你好，长沙物流目标是多少" is a question.
_PUNCT = r"[\s,，.。!！?？~～、…]*"
_RULES: tuple[tuple[str, re.Pattern, str], ...] = (
    ("greeting", re.compile(rf"^{_PUNCT}(你好|您好|哈喽|嗨|hi|hello|hey|早上好|上午好|中午好|下午好|晚上好|在吗|在不在|"
                            rf"有人吗)(呀|啊|哇)?{_PUNCT}(小助手|助手)?{_PUNCT}$", re.IGNORECASE),
     "您好！"),
    ("thanks", re.compile(rf"^{_PUNCT}(好的|好|嗯|ok)?{_PUNCT}(谢谢|多谢|感谢|谢啦|谢了|thanks|thank you|thx)"
                          rf"(你|您)?(了|啦)?{_PUNCT}(再见|拜拜)?{_PUNCT}$", re.IGNORECASE),
     "不客气！还有问题可以继续问。"),
    ("goodbye", re.compile(rf"^{_PUNCT}(再见|拜拜|bye|回头见){_PUNCT}$", re.IGNORECASE), "再见！"),
    ("capability", re.compile(rf"^{_PUNCT}(请问)?(你|您)?(能|可以|会)(做|干|帮我做|帮我干|回答|帮)?(什么|啥|哪些)(事|事情|问题)?(呀|啊|呢)?{_PUNCT}$|"
                              rf"^{_PUNCT}(你|您)是(谁|什么|干什么的|做什么的)(呀|啊|呢)?{_PUNCT}$|"
                              rf"^{_PUNCT}(怎么用|如何使用|怎么使用|帮助|help|使用说明|介绍一下(你|您)?自己){_PUNCT}$",
                              re.IGNORECASE),
     "您好，我是政策问答助手。"),
)
# A follow-up that only makes sense after an earlier question: "那株洲呢？", "这项由哪个部门负责？", "还有呢".
_FOLLOWUP = re.compile(r"^(那|那么|还有|换成|如果是|那如果是)(?P<rest>.{0,12}?)(呢|怎么样|怎么说|如何|的呢)?[?？。!！]*$")
_REFERS_BACK = re.compile(r"^(这|那|该|上述|上面|刚才|前面)(项|个|条|些|方面|措施|政策|工作|任务|里|边)")
_MAX_FOLLOWUP_CHARS = 14


@dataclass(frozen=True)
class SmallTalk:
    """A reply that needs no document: rule is the id of the pattern that matched."""

    rule: str  # greeting | thanks | goodbye | capability | followup_without_context
    text: str


def introduction(opening: str) -> str:
    examples = "\n".join(f"- {q}" for q in EXAMPLE_QUESTIONS)
    return f"{opening}{COVERAGE}\n\n可以这样问：\n{examples}"


def small_talk(question: str, *, has_context: bool, places: tuple[str, ...] = ()) -> SmallTalk | None:
    """The reply to small talk, or to a follow-up that has nothing earlier to refer to; None for a real question.

    Args:
        question: the user's text as typed.
        has_context: whether an earlier question in this conversation was answered with citations.
        places: the covered places the question names (from the query parser), used in the follow-up reply.
    Returns:
        A SmallTalk with the Chinese reply, or None when the question should go to the answerer.
    """
    text = (question or "").strip()
    if not text or len(text) > 40:
        return None
    for rule, pattern, opening in _RULES:
        if pattern.match(text):
            if rule in ("thanks", "goodbye"):
                return SmallTalk(rule, opening)
            return SmallTalk(rule, introduction(opening))
    if has_context or len(text) > _MAX_FOLLOWUP_CHARS:
        return None
    followup = _FOLLOWUP.match(text)
    if followup and (places or not followup.group("rest")):
        where = "、".join(places)
        subject = f"{where}的哪方面" if where else "哪方面"
        examples = _place_examples(places[0]) if places else EXAMPLE_QUESTIONS
        lines = "\n".join(f"- {q}" for q in examples)
        return SmallTalk("followup_without_context",
                         f"请问您想了解{subject}？没有可以接着问的上一个问题，请把问题说完整，例如：\n{lines}")
    if _REFERS_BACK.match(text):
        lines = "\n".join(f"- {q}" for q in EXAMPLE_QUESTIONS)
        return SmallTalk("followup_without_context",
                         f"没有可以接着问的上一个问题，不清楚“{text}”指的是哪一项。请把问题说完整，例如：\n{lines}")
    return None


def _place_examples(place: str) -> tuple[str, ...]:
    return (f"{place}对现代物流企业有哪些支持？", f"{place}服务业增加值的目标是多少？", f"{place}的政策文件文号是什么？")
