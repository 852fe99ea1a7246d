"""Encoder training data: the written questions, the structural pairs, the dedupe against eval questions."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from embeddings.encoders import FakeEncoder
from embeddings.train_data import (
    TRAIN, _related, dedupe, heading_of, meta_path, near_duplicates, read_rows, read_written, structural_pairs,
)


@pytest.fixture(scope="module")
def corpus():
    from corpus.parse import load_corpus

    return load_corpus()


def test_every_clause_has_three_written_questions(corpus):
    written = read_written()
    per_clause = Counter(w.clause_id for w in written)
    assert set(per_clause) == {c.clause_id for c in corpus.clauses}
    assert set(per_clause.values()) == {3}
    assert len({w.text for w in written}) == len(written)  # no question written twice


def test_structural_pairs_follow_the_outline(corpus):
    pairs = structural_pairs(corpus)
    by_id = {c.clause_id: c for c in corpus.clauses}
    headings = [p for p in pairs if p["kind"] == "heading"]
    bullets = [p for p in pairs if p["kind"] == "bullet"]
    assert headings and bullets
    assert {"anchor": "强化便利高效的物流服务", "clause_id": "changsha-2023/2.4"}.items() <= \
        next(p for p in headings if p["clause_id"] == "changsha-2023/2.4").items()
    for pair in bullets:  # a bullet points at its parent paragraph, which exists
        assert pair["clause_id"] in by_id and pair["positive"].startswith(by_id[pair["clause_id"]].text.replace("\n", "")[:20])
    assert heading_of(by_id["hunan-2021/1.1.b1"]) == "总量规模较快增长，贡献作用显著提高"
    # a clause that is only its heading ("五、本文件自…施行") gives no heading pair
    assert not any(p["clause_id"] == "changsha-2023/5" for p in headings)


def test_related_means_same_clause_or_sub_clause():
    assert _related("hunan-2021/2.3", "hunan-2021/2.3.b1") and _related("hunan-2021/2.3.b1", "hunan-2021/2.3")
    assert not _related("hunan-2021/2.3", "hunan-2021/2.31")
    assert not _related("wuhan-2024/2.1", "zhuzhou-2025/2.1")


def test_near_duplicates_by_trigram_jaccard():
    train = ["长沙社会物流总费用占GDP比重目标是多少", "湘潭养老机构护理型床位占比", "株洲上市企业数量"]
    others = ["长沙社会物流总费用占GDP的比重目标是多少？", "武汉会展面积"]
    by_jaccard, by_cosine = near_duplicates(train, others, FakeEncoder())
    assert by_jaccard == [True, False, False]
    assert len(by_cosine) == 3


def test_dedupe_removes_near_duplicates_and_reports_counts_without_eval_text(tmp_path):
    train_file = tmp_path / "train.jsonl"
    rows = [{"kind": "question", "anchor": "长沙企业上市培育有什么行动", "clause_id": "changsha-2023/2.3",
             "positive": "p", "negatives": []},
            {"kind": "question", "anchor": "湘潭智慧养老", "clause_id": "xiangtan-2021/4.3.5.b3",
             "positive": "p", "negatives": []},
            {"kind": "heading", "anchor": "强化便利高效的物流服务", "clause_id": "changsha-2023/2.4", "positive": "p"}]
    train_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    eval_file = tmp_path / "questions.jsonl"
    eval_file.write_text(json.dumps({"question": "请问长沙企业上市培育有什么行动？"}, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    report = dedupe(train_file, eval_file, encoder=FakeEncoder())
    assert report["removed"] == 1 and report["training_questions_after"] == 1
    assert [r["anchor"] for r in read_rows(train_file)] == ["湘潭智慧养老", "强化便利高效的物流服务"]
    saved = json.loads(meta_path(train_file).read_text(encoding="utf-8"))
    assert saved["removed"] == 1 and "请问" not in json.dumps(saved, ensure_ascii=False)


def test_committed_training_file_is_deduped_and_well_formed():
    if not TRAIN.exists():
        pytest.fail("embeddings/data/train_questions.jsonl missing: run python -m embeddings.train_data")
    rows = read_rows(TRAIN)
    questions = [r for r in rows if r["kind"] == "question"]
    assert questions and all(r["positive"] and r["negatives"] for r in questions)
    assert all(not _related(n["clause_id"], r["clause_id"]) for r in questions for n in r["negatives"])
    meta = json.loads(meta_path(TRAIN).read_text(encoding="utf-8"))
    assert meta["training_questions_after"] == len(questions)
