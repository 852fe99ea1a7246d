"""Retrieval and answer metrics over ranked clause lists."""
from __future__ import annotations

import math
from statistics import mean

from eval.questions import Question, is_relevant


def relevance(question: Question, ranked: list[tuple[str, str]]) -> list[set[int]]:
    """For each rank, the indexes of the gold items that clause satisfies."""
    return [{i for i, g in enumerate(question.gold) if is_relevant(g, cid, did)} for cid, did in ranked]


def retrieval_scores(question: Question, ranked: list[tuple[str, str]]) -> dict[str, float]:
    rel = relevance(question, ranked)
    first = next((r for r, items in enumerate(rel, start=1) if items), None)
    scores = {f"hit@{k}": float(first is not None and first <= k) for k in (1, 3, 5, 10)}
    scores["mrr"] = 1.0 / first if first else 0.0
    # each gold item earns its gain once: several clauses can satisfy one item (a section and its parts), and
    # crediting each of them let nDCG exceed 1
    dcg, credited = 0.0, set()
    for r, items in enumerate(rel[:10], start=1):
        if items - credited:
            dcg += 1.0 / math.log2(r + 1)
            credited |= items
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(question.gold), 10) + 1))
    scores["ndcg@10"] = dcg / ideal if ideal else 0.0
    found = set().union(*rel[:10]) if rel else set()
    scores["recall@10"] = len(found) / len(question.gold)
    return scores


def average(rows: list[dict[str, float]]) -> dict[str, float]:
    if not rows:
        return {}
    return {key: mean(r[key] for r in rows if key in r) for key in rows[0]}
