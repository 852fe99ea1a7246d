"""Retrieval metrics on hand-made rankings."""
from __future__ import annotations

import math

from eval.metrics import retrieval_scores
from eval.questions import Gold, Question


def _question(*gold: Gold) -> Question:
    return Question("x1", "问题", "civil_servant", "number", "test", gold, None)


def test_a_gold_item_satisfied_by_several_clauses_earns_its_gain_once():
    # a span held by a section and by its part: both retrieved, one item found
    q = _question(Gold("changsha-2023", frozenset({"changsha-2023/2.1", "changsha-2023/2.1.b1"})))
    scores = retrieval_scores(q, [("changsha-2023/2.1", "changsha-2023"), ("changsha-2023/2.1.b1", "changsha-2023")])
    assert scores["ndcg@10"] == 1.0 and scores["hit@1"] == 1.0 and scores["recall@10"] == 1.0


def test_two_gold_items_found_second_and_fourth():
    q = _question(Gold("a", frozenset({"a/1"})), Gold("b", frozenset({"b/1"})))
    scores = retrieval_scores(q, [("c/1", "c"), ("a/1", "a"), ("c/2", "c"), ("b/1", "b")])
    ideal = 1 + 1 / math.log2(3)
    assert math.isclose(scores["ndcg@10"], (1 / math.log2(3) + 1 / math.log2(5)) / ideal)
    assert scores["mrr"] == 0.5 and scores["hit@1"] == 0.0 and scores["hit@3"] == 1.0
