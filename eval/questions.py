"""The eval question set and its gold clauses, resolved by verbatim span so they survive re-chunking."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from corpus.models import Corpus
from corpus.text import squash

DEFAULT_QUESTIONS = Path(__file__).with_name("questions.jsonl")


@dataclass(frozen=True)
class Gold:
    doc_id: str
    clause_ids: frozenset[str]  # empty when the span is document metadata (then any clause of the doc counts)


@dataclass(frozen=True)
class Question:
    qid: str
    text: str
    persona: str
    qtype: str
    split: str
    gold: tuple[Gold, ...]
    key_phrase: str | None
    spans: tuple[str, ...] = ()  # the gold spans as written (what answers), for the sentence model

    @property
    def answerable(self) -> bool:
        return self.qtype != "unanswerable"


def load_questions(corpus: Corpus, path: Path = DEFAULT_QUESTIONS, split: str | None = None) -> list[Question]:
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        if split and raw["split"] != split:
            continue
        gold = tuple(_resolve(corpus, g) for g in raw["gold"])
        questions.append(Question(raw["id"], raw["question"], raw["persona"], raw["type"], raw["split"],
                                  gold, raw.get("key_phrase"), tuple(g.get("span") or "" for g in raw["gold"])))
    return questions


def _resolve(corpus: Corpus, gold: dict) -> Gold:
    span = squash(gold.get("span") or "")
    matches = frozenset(c.clause_id for c in corpus.clauses_of(gold["doc"]) if span and span in squash(c.text))
    if not matches and gold.get("clause_id") and corpus.clause(gold["clause_id"]):
        matches = frozenset([gold["clause_id"]])
    return Gold(gold["doc"], matches)


def is_relevant(gold: Gold, clause_id: str, doc_id: str) -> bool:
    return clause_id in gold.clause_ids if gold.clause_ids else doc_id == gold.doc_id
