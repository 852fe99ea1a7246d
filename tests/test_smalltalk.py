"""Small talk and context-free follow-ups (assistant/smalltalk.py), and how a conversation uses it."""
from __future__ import annotations

import pytest

from assistant.smalltalk import EXAMPLE_QUESTIONS, small_talk


@pytest.mark.parametrize("text, rule", [
    ("你好", "greeting"), ("您好！", "greeting"), ("hello", "greeting"), ("在吗？", "greeting"),
    ("谢谢", "thanks"), ("好的，谢谢！", "thanks"), ("感谢您", "thanks"), ("再见", "goodbye"),
    ("你能做什么", "capability"), ("你能做什么？", "capability"), ("你是谁", "capability"), ("怎么用", "capability"),
    ("你可以回答哪些问题", "capability"),
])
def test_small_talk_gets_an_introduction_or_a_short_reply(text, rule):
    reply = small_talk(text, has_context=False)
    assert reply is not None and reply.rule == rule
    if rule in ("greeting", "capability"):
        assert "长沙、株洲、湘潭、湖南省、武汉" in reply.text
        assert all(q in reply.text for q in EXAMPLE_QUESTIONS)


@pytest.mark.parametrize("text", [
    "你好，长沙社会物流总费用占GDP比重的目标是多少？", "长沙物流目标", "谢谢你们对企业融资的支持政策有哪些",
    "株洲有哪些支持？", "武汉检验检测服务由哪个部门负责？", "",
])
def test_real_questions_are_not_small_talk(text):
    assert small_talk(text, has_context=False) is None


def test_place_follow_up_without_an_earlier_question_asks_what_about_the_place():
    reply = small_talk("那株洲呢？", has_context=False, places=("株洲",))
    assert reply is not None and reply.rule == "followup_without_context"
    assert reply.text.startswith("请问您想了解株洲的哪方面？")
    assert "株洲对现代物流企业有哪些支持？" in reply.text
    # with an earlier question it is a real follow-up, left to the conversation
    assert small_talk("那株洲呢？", has_context=True, places=("株洲",)) is None


def test_refers_back_without_an_earlier_question():
    reply = small_talk("这项由哪个部门负责？", has_context=False)
    assert reply is not None and reply.rule == "followup_without_context"
    assert "没有可以接着问的上一个问题" in reply.text
    assert small_talk("这项由哪个部门负责？", has_context=True) is None
