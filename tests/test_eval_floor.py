"""A floor in CI: a regression in retrieval or declining cannot land silently."""
from __future__ import annotations

import pytest

from eval.questions import load_questions
from eval.run import run_eval

pytestmark = pytest.mark.slow

# Set a little below the figures measured on the whole question set (see README, "Evaluation"):
# hit@5 0.94, unanswerable declined 226 of 255 (0.89), wrongly declined 5 of 384, key phrase 0.87.
FLOOR_HIT5 = 0.85
FLOOR_REFUSAL = 0.80
FLOOR_KEY_PHRASE = 0.70
CEILING_FALSE_REFUSAL = 0.05


@pytest.fixture(scope="module")
def result(real_answerer):
    questions = load_questions(real_answerer.retriever.corpus)
    assert len(questions) >= 250
    return run_eval(real_answerer, questions, "all")


def test_hit_at_5_floor(result):
    assert result.retrieval["system"]["hit@5"] >= FLOOR_HIT5


def test_system_beats_its_baselines(result):
    system = result.retrieval["system"]
    for baseline in ("bm25", "dense", "hybrid-plain"):
        assert system["hit@5"] >= result.retrieval[baseline]["hit@5"]


def test_declines_and_false_declines(result):
    assert result.answers["refusal_accuracy"] >= FLOOR_REFUSAL
    assert result.answers["false_refusal"] <= CEILING_FALSE_REFUSAL


def test_answers_carry_key_phrases_and_citations(result):
    assert result.answers["key_phrase"] >= FLOOR_KEY_PHRASE
    assert result.answers["cited"] == 1.0


def test_question_set_shape(real_answerer):
    questions = load_questions(real_answerer.retriever.corpus)
    answerable = [q for q in questions if q.answerable]
    assert sum(q.qtype == "paraphrase" for q in answerable) >= len(answerable) / 3
    assert sum(q.persona == "enterprise" for q in questions) >= len(questions) / 4
    assert len(questions) - len(answerable) >= 100
    assert {q.split for q in questions if not q.answerable} == {"dev", "test"}
    assert sum(q.qtype == "unanswerable" for q in questions) >= 10
    assert {q.split for q in questions} == {"dev", "test"}
    for q in questions:  # every gold span still resolves to a clause or names a document
        assert all(g.clause_ids or g.doc_id for g in q.gold)
