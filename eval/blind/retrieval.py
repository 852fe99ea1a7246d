"""retrieval.py QUESTIONS.jsonl [...]: hit@1 / hit@5 of the system's retrieval on a blind set, per kind.

A blind question names its clauses as the writer read them ("长沙 二、（四）强化便利高效的物流服务"); a retrieved
clause counts when one of its section titles is that heading's title (the clause or one of its parts). A set
that quotes its gold spans instead ("gold": [{"doc", "section", "span"}]) counts the clauses holding a span. Follow-ups
are left out (their second turn needs the first); headings that match no section are listed and the question
is left out."""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict

from assistant.service import bundled_settings, open_retriever
from corpus.text import squash

_NUMBERING = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.")


def title_of(heading: str) -> str:
    """The last title of a heading path without its numbering ("二、（四）强化…的物流服务" → "强化…的物流服务")."""
    parts = [p.strip() for p in _NUMBERING.split(heading) if p.strip()]
    return parts[-1] if parts else ""


def main(paths: list[str]) -> None:
    retriever = open_retriever(bundled_settings(progress=False))
    corpus = retriever.corpus
    docs_of = defaultdict(list)
    for d in corpus.documents:
        docs_of[d.region].append(d.doc_id)
    for path in paths:
        rows: dict[str, list[tuple[float, float]]] = defaultdict(list)
        unmatched = []
        for line in open(path, encoding="utf-8"):
            q = json.loads(line)
            if q["kind"] in ("followup", "unanswerable"):
                continue
            gold = set()
            for ref in q.get("gold", []):
                # {"doc", "section", "span"}: the clauses holding the quoted span
                span = squash(ref.get("span") or "")
                found = {c.clause_id for c in corpus.clauses if span and span in squash(c.text)}
                if not found:
                    unmatched.append(f"{q['id']} {ref.get('section')}")
                gold |= found
            for ref in q.get("clauses", []):
                place, _, heading = ref.partition(" ")
                title = title_of(heading)
                found = {c.clause_id for doc in docs_of.get(place, []) for c in corpus.clauses_of(doc)
                         if title and any(title_of(s) == title for s in c.section_path)}
                if not found:
                    unmatched.append(f"{q['id']} {ref}")
                gold |= found
            if not gold:
                continue
            top = [h.clause.clause_id for h in retriever.search(q["question"], k=5)]
            rows[q["kind"]].append((float(top[0] in gold), float(any(c in gold for c in top))))
            rows["all"].append(rows[q["kind"]][-1])
        print(path)
        for kind, values in rows.items():
            n = len(values)
            print(f"  {kind:<11} n={n:3d}  hit@1 {sum(v[0] for v in values) / n:.3f}  hit@5 {sum(v[1] for v in values) / n:.3f}")
        for ref in unmatched:
            print("  unmatched:", ref)


if __name__ == "__main__":
    main(sys.argv[1:])
