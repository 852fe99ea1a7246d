"""Split clauses into the passages that get embedded: sentence windows that never cut a sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.models import Clause

_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?[”’）)]*|\n")


@dataclass(frozen=True)
class Passage:
    clause_id: str
    text: str  # what is embedded: the clause's heading for context plus a window of its sentences


def split_sentences(text: str) -> list[str]:
    return [s for s in (m.group(0).strip() for m in _SENTENCE.finditer(text)) if s]


def clause_passages(clause: Clause, *, max_chars: int = 200) -> list[Passage]:
    """One passage for a short clause; for a long one, windows of whole sentences up to max_chars,
    each prefixed with the clause's heading so a window still says what it is about."""
    text = clause.text.replace("\n", "")
    if len(text) <= max_chars:
        return [Passage(clause.clause_id, text)]
    heading = clause.section_path[-1] if clause.section_path else ""
    windows: list[str] = []
    current = ""
    for sentence in split_sentences(text):
        if current and len(current) + len(sentence) > max_chars:
            windows.append(current)
            current = ""
        current += sentence
    if current:
        windows.append(current)
    return [Passage(clause.clause_id, w if i == 0 else f"{heading}：{w}") for i, w in enumerate(windows)]


def clause_sentences(clause: Clause) -> list[str]:
    """The clause's sentences as the answer layer quotes them (line breaks removed)."""
    return split_sentences(clause.text.replace("\n", ""))
