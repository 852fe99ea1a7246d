"""BM25 over pre-tokenised passages, kept as plain arrays (no pickles)."""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Callable, Sequence

import numpy as np


class BM25:
    def __init__(self, tokenize: Callable[[str], list[str]], *, k1: float = 1.2, b: float = 0.75):
        self.tokenize = tokenize
        self.k1 = k1
        self.b = b
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._idf: dict[str, float] = {}
        self.size = 0

    def fit(self, texts: Sequence[str]) -> "BM25":
        docs = [Counter(self.tokenize(t)) for t in texts]
        self.size = len(docs)
        lengths = np.array([sum(d.values()) for d in docs], dtype=np.float32)
        avg = float(lengths.mean()) if self.size else 1.0
        norm = self.k1 * (1 - self.b + self.b * lengths / max(avg, 1e-9))
        rows: dict[str, list[int]] = defaultdict(list)
        weights: dict[str, list[float]] = defaultdict(list)
        for i, counts in enumerate(docs):
            for term, tf in counts.items():
                rows[term].append(i)
                weights[term].append(tf * (self.k1 + 1) / (tf + norm[i]))
        for term, ids in rows.items():
            df = len(ids)
            self._idf[term] = math.log(1 + (self.size - df + 0.5) / (df + 0.5))
            self._postings[term] = (np.array(ids, dtype=np.int64), np.array(weights[term], dtype=np.float32))
        return self

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term; unseen terms get the largest value."""
        return self._idf.get(term, math.log(1 + (self.size + 0.5) / 0.5))

    def knows(self, term: str) -> bool:
        """Does any passage hold the term?"""
        return term in self._idf

    def scores(self, query: str | Sequence[str], weights: dict[str, float] | None = None) -> np.ndarray:
        """BM25 score of every passage; `query` is text or a list of terms, optionally weighted."""
        terms = self.tokenize(query) if isinstance(query, str) else list(query)
        out = np.zeros(self.size, dtype=np.float32)
        for term, count in Counter(terms).items():
            posting = self._postings.get(term)
            if posting is None:
                continue
            ids, tf_weights = posting
            weight = (weights or {}).get(term, 1.0)
            out[ids] += self._idf[term] * tf_weights * weight * (1 + 0.2 * (count - 1))
        return out
