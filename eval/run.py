"""Run the question set through the baselines, the full retrieval system and the answer layer."""
from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import mean

from assistant.answer import Answerer
from eval.metrics import average, retrieval_scores
from eval.questions import Question

# name → (mode, query understanding on)
SYSTEMS = {
    "bm25": ("bm25", False),
    "dense": ("dense", False),
    "hybrid-plain": ("hybrid", False),
    "system": ("hybrid", True),
}


@dataclass
class EvalResult:
    split: str
    retrieval: dict[str, dict[str, float]] = field(default_factory=dict)  # system → metric → value
    by_group: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)  # "type"/"persona"/"doc"
    answers: dict[str, float] = field(default_factory=dict)
    answers_by_type: dict[str, dict[str, float]] = field(default_factory=dict)
    rules: dict[str, dict[str, float]] = field(default_factory=dict)  # decline rule → fired counts, precision
    latency_ms: dict[str, float] = field(default_factory=dict)
    per_question: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"split": self.split, "retrieval": self.retrieval, "by_group": self.by_group,
                "answers": self.answers, "answers_by_type": self.answers_by_type, "rules": self.rules,
                "latency_ms": self.latency_ms, "questions": self.per_question}


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def run_eval(answerer: Answerer, questions: list[Question], split: str, k: int = 10) -> EvalResult:
    retriever = answerer.retriever
    result = EvalResult(split)
    scores: dict[str, list[dict]] = defaultdict(list)
    groups: dict[str, dict[str, list[dict]]] = {"type": defaultdict(list), "persona": defaultdict(list),
                                                "doc": defaultdict(list)}
    search_ms, ask_ms = [], []
    answer_rows: list[dict] = []
    for question in questions:
        record = {"id": question.qid, "type": question.qtype, "question": question.text}
        if question.answerable:
            for name, (mode, understand) in SYSTEMS.items():
                started = time.perf_counter()
                hits = retriever.search(question.text, k=k, mode=mode, understand=understand)
                if name == "system":
                    search_ms.append((time.perf_counter() - started) * 1000)
                ranked = [(h.clause.clause_id, h.document.doc_id) for h in hits]
                row = retrieval_scores(question, ranked)
                scores[name].append(row)
                if name == "system":
                    record["system_top"] = [cid for cid, _ in ranked[:5]]
                    record["system"] = row
                    groups["type"][question.qtype].append(row)
                    groups["persona"][question.persona].append(row)
                    groups["doc"][question.gold[0].doc_id if len(question.gold) == 1 else "cross"].append(row)
        started = time.perf_counter()
        answer = answerer.ask(question.text)
        ask_ms.append((time.perf_counter() - started) * 1000)
        flat = answer.text.replace(" ", "")
        ended = any(c.in_force is False for c in answer.citations)
        gold_docs = {g.doc_id for g in question.gold}
        row = {"type": question.qtype, "answerable": question.answerable, "refused": answer.refused,
               "cited": bool(answer.citations), "rule": answer.rule,
               "key": None if not question.key_phrase else question.key_phrase.replace(" ", "") in flat,
               # an answer resting on an ended plan must say so (到期/失效) in its text
               "expiry": None if not ended else bool(re.search(r"到期|失效|不在有效期", flat)),
               # a question spanning documents: the share of its documents the answer cites
               "sides": None if len(gold_docs) < 2 or not question.answerable else
               len(gold_docs & {c.doc_id for c in answer.citations}) / len(gold_docs)}
        answer_rows.append(row)
        record.update(answer=answer.text, refused=answer.refused, status=answer.status, rule=answer.rule,
                      key_found=row["key"])
        result.per_question.append(record)
    result.retrieval = {name: average(rows) for name, rows in scores.items()}
    result.by_group = {g: {name: {**average(rows), "n": float(len(rows))} for name, rows in sorted(d.items())}
                       for g, d in groups.items()}
    result.answers = _answer_metrics(answer_rows)
    result.rules = rule_precision(answer_rows)
    by_type = defaultdict(list)
    for row in answer_rows:
        by_type[row["type"]].append(row)
    result.answers_by_type = {t: _answer_metrics(rows) for t, rows in sorted(by_type.items())}
    result.latency_ms = {"search_p50": _pct(search_ms, 0.5), "search_p95": _pct(search_ms, 0.95),
                         "ask_p50": _pct(ask_ms, 0.5), "ask_p95": _pct(ask_ms, 0.95)}
    return result


def _answer_metrics(rows: list[dict]) -> dict[str, float]:
    unanswerable = [r for r in rows if not r["answerable"]]
    answerable = [r for r in rows if r["answerable"]]
    keyed = [r for r in answerable if r["key"] is not None]
    answered = [r for r in answerable if not r["refused"]]
    out = {"n": float(len(rows))}
    if unanswerable:
        out["refusal_accuracy"] = mean(float(r["refused"]) for r in unanswerable)
    if answerable:
        out["false_refusal"] = mean(float(r["refused"]) for r in answerable)
    if keyed:
        out["key_phrase"] = mean(float(r["key"]) for r in keyed)
    if answered:
        out["cited"] = mean(float(r["cited"]) for r in answered)
    expiry = [r["expiry"] for r in rows if r["expiry"] is not None]
    if expiry:
        out["expiry_said"] = mean(float(e) for e in expiry)
    sides = [r["sides"] for r in rows if r["sides"] is not None]
    if sides:
        out["sides_cited"] = mean(sides)
    return out


def rule_precision(rows: list[dict]) -> dict[str, dict[str, float]]:
    """For each decline rule: how often it fired on unanswerable questions (right) and on answerable ones
    (a false decline), and its precision."""
    out: dict[str, dict[str, float]] = {}
    for row in rows:
        if not row["refused"] or not row["rule"]:
            continue
        counts = out.setdefault(row["rule"], {"right": 0.0, "wrong": 0.0})
        counts["wrong" if row["answerable"] else "right"] += 1
    for counts in out.values():
        counts["precision"] = counts["right"] / (counts["right"] + counts["wrong"])
    return dict(sorted(out.items(), key=lambda kv: -(kv[1]["right"] + kv[1]["wrong"])))
