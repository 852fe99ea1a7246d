"""The index on disk: a folder of plain files with a manifest, built atomically under a lock."""
from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from corpus.models import Corpus
from embeddings.dense import HNSW_THRESHOLD, DenseIndex
from embeddings.encoders import Encoder
from embeddings.passages import Passage, clause_passages, clause_sentences

log = logging.getLogger(__name__)

FORMAT_VERSION = 3
PACKAGE_VERSION = "0.1.0"
_FILES = ("index.faiss", "passages.jsonl", "clauses.jsonl", "sentences.jsonl", "sentences.npy")


class StaleIndex(Exception):
    """The folder holds no usable index for this corpus and encoder; the message says why."""


@dataclass
class LoadedIndex:
    dense: DenseIndex
    passages: list[Passage]
    manifest: dict
    folder: Path
    sentences: list[tuple[str, str]]  # (clause_id, sentence) in clause order, for answer extraction
    sentence_vectors: np.ndarray


def corpus_digest(corpus: Corpus) -> str:
    """Changes when a document's text or the parser's clauses change."""
    h = hashlib.sha256(corpus.checksum.encode())
    for clause in corpus.clauses:
        h.update(clause.clause_id.encode())
        h.update(clause.text.encode())
    return h.hexdigest()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_index(folder: Path, corpus: Corpus, encoder: Encoder) -> LoadedIndex:
    """Load an index folder, checking it against the corpus and encoder.

    Raises:
        StaleIndex: missing or damaged files, another encoder, or a corpus changed since the build.
    """
    manifest_path = folder / "manifest.json"
    if not manifest_path.exists():
        raise StaleIndex(f"no manifest in {folder}")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise StaleIndex(f"unreadable manifest: {err}") from err
    expected = {"format": FORMAT_VERSION, "encoder": encoder.name, "dim": encoder.dim,
                "corpus_digest": corpus_digest(corpus)}
    for key, value in expected.items():
        if manifest.get(key) != value:
            raise StaleIndex(f"manifest {key} is {manifest.get(key)!r}, expected {value!r}")
    for name in _FILES:
        path = folder / name
        if not path.exists():
            raise StaleIndex(f"missing {name}")
        if _sha256(path) != manifest.get("files", {}).get(name):
            raise StaleIndex(f"{name} does not match its checksum (damaged or edited)")
    try:
        dense = DenseIndex.load(folder / "index.faiss")
        passages = [Passage(**json.loads(line)) for line in
                    (folder / "passages.jsonl").read_text(encoding="utf-8").splitlines() if line]
        sentences = [tuple(json.loads(line)) for line in
                     (folder / "sentences.jsonl").read_text(encoding="utf-8").splitlines() if line]
        sentence_vectors = np.load(folder / "sentences.npy", allow_pickle=False)
    except Exception as err:  # faiss raises RuntimeError on a damaged file
        raise StaleIndex(f"cannot read index files: {err}") from err
    if dense.size != len(passages) or len(sentences) != len(sentence_vectors):
        raise StaleIndex("vectors and their texts differ in length")
    return LoadedIndex(dense, passages, manifest, folder, sentences, sentence_vectors)


def build_index(folder: Path, corpus: Corpus, encoder: Encoder, *, progress: bool = True,
                hnsw_threshold: int = HNSW_THRESHOLD) -> LoadedIndex:
    """Embed every clause passage and write the folder; a crash never leaves half an index behind."""
    started = time.perf_counter()
    passages = [p for clause in corpus.clauses for p in clause_passages(clause)]
    sentences = [(c.clause_id, s) for c in corpus.clauses for s in clause_sentences(c)]
    vectors = _encode_with_progress(encoder, [p.text for p in passages] + [s for _, s in sentences], progress)
    vectors, sentence_vectors = vectors[:len(passages)], vectors[len(passages):]
    dense = DenseIndex.build(vectors, hnsw_threshold=hnsw_threshold)
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    dense.save(tmp / "index.faiss")
    _write_jsonl(tmp / "passages.jsonl", ({"clause_id": p.clause_id, "text": p.text} for p in passages))
    _write_jsonl(tmp / "clauses.jsonl", (c.to_json() for c in corpus.clauses))
    _write_jsonl(tmp / "sentences.jsonl", (list(pair) for pair in sentences))
    np.save(tmp / "sentences.npy", sentence_vectors.astype(np.float32), allow_pickle=False)
    manifest = {
        "format": FORMAT_VERSION, "encoder": encoder.name, "dim": encoder.dim,
        "corpus_digest": corpus_digest(corpus), "corpus_checksum": corpus.checksum,
        "documents": [d.doc_id for d in corpus.documents], "clauses": len(corpus.clauses),
        "passages": len(passages), "index_type": dense.kind,
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - started, 2), "package_version": PACKAGE_VERSION,
        "files": {name: _sha256(tmp / name) for name in _FILES},
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    _swap_in(tmp, folder)
    log.info("built index in %s: %d passages, %.1fs", folder, len(passages), manifest["build_seconds"])
    return LoadedIndex(dense, passages, manifest, folder, sentences, sentence_vectors)


def open_index(folder: Path, corpus: Corpus, encoder: Encoder, *, progress: bool = True) -> LoadedIndex:
    """Load the index, or rebuild it when missing, stale or damaged. Only one process builds at a time."""
    folder = Path(folder)
    with _build_lock(folder):
        _recover_stranded(folder)
    try:
        return load_index(folder, corpus, encoder)
    except StaleIndex as reason:
        log.warning("index at %s needs a rebuild: %s", folder, reason)
    with _build_lock(folder):
        try:  # another process may have finished the build while we waited for the lock
            return load_index(folder, corpus, encoder)
        except StaleIndex:
            return build_index(folder, corpus, encoder, progress=progress)


def _encode_with_progress(encoder: Encoder, texts: list[str], progress: bool, batch: int = 32) -> np.ndarray:
    from tqdm import tqdm

    chunks = []
    with tqdm(total=len(texts), desc="embedding clauses", unit="text", disable=not progress) as bar:
        for i in range(0, len(texts), batch):
            chunks.append(encoder.encode(texts[i:i + batch], kind="passage"))
            bar.update(len(texts[i:i + batch]))
    return np.vstack(chunks) if chunks else np.zeros((0, encoder.dim), dtype=np.float32)


def _write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _swap_in(tmp: Path, folder: Path) -> None:
    """Replace the folder by the new build; if that fails, the previous index is put back."""
    old = folder.parent / f".{folder.name}.old-{os.getpid()}"
    had_previous = folder.exists()
    if had_previous:
        os.replace(folder, old)
    try:
        os.replace(tmp, folder)
    except BaseException:
        if had_previous:
            os.replace(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _recover_stranded(folder: Path) -> None:
    """A process that died between the two renames of _swap_in left the previous index aside: restore it."""
    if folder.exists():
        return
    stranded = sorted(folder.parent.glob(f".{folder.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if stranded:
        log.warning("restoring the previous index from %s", stranded[-1])
        os.replace(stranded[-1], folder)


@contextmanager
def _build_lock(folder: Path):
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock_path = folder.parent / f".{folder.name}.lock"
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
