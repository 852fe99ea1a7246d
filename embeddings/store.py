"""The index on disk: a folder of plain files with a manifest, built atomically under a lock and brought
up to date in place; vectors are cached by the hash of the text embedded, so only new text is encoded."""
from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Union

import numpy as np

from corpus.attached import NO_QUESTIONS, AttachedQuestions
from corpus.models import Corpus
from embeddings.dense import HNSW_THRESHOLD, DenseIndex
from embeddings.encoders import Encoder
from embeddings.passages import Passage, clause_passages, clause_sentences

log = logging.getLogger(__name__)

Progress = Union[bool, Callable[[int, int], None]]

FORMAT_VERSION = 5  # 4: encoder probe and per-document checksums in the manifest; 5: attached questions
PACKAGE_VERSION = "0.1.0"
_FILES = ("index.faiss", "passages.jsonl", "clauses.jsonl", "sentences.jsonl", "sentences.npy",
          "questions.jsonl", "questions.npy")
# Encoded at every open and compared with the vector stored at build time: two models under one name (a
# model folder retrained in place, another package version) never share cached vectors. Float noise
# between runs of one model is ~1e-7 in cosine; any retrained model moves far more than 1e-5.
PROBE_TEXT = "政策文件条款向量指纹：加快发展生产性服务业，推动先进制造业和现代服务业深度融合。"
_PROBE_MIN_COSINE = 1 - 1e-5


class StaleIndex(Exception):
    """The folder holds no usable index for this corpus and encoder; the message says why."""


@dataclass(frozen=True)
class IndexUpdate:
    """What open_index did to bring the index on disk in line with the library."""

    action: str                    # "loaded" (already up to date), "updated" (cached vectors reused), "built"
    added: tuple[str, ...] = ()    # doc ids new since the previous index
    removed: tuple[str, ...] = ()  # doc ids gone since the previous index
    changed: tuple[str, ...] = ()  # doc ids whose text changed
    embedded: int = 0              # distinct texts sent to the encoder
    reused: int = 0                # distinct texts whose vectors came from the previous index
    reason: str = ""               # why the index on disk could not be used as it was

    def describe(self) -> str:
        docs = ", ".join(f"{label} {len(ids)}" for label, ids in
                         (("added", self.added), ("removed", self.removed), ("changed", self.changed)) if ids)
        return (f"index {self.action}: {docs or 'no document changes'}; {self.embedded} texts embedded, "
                f"{self.reused} reused" + (f" ({self.reason})" if self.reason else ""))


@dataclass
class LoadedIndex:
    dense: DenseIndex
    passages: list[Passage]
    manifest: dict
    folder: Path
    sentences: list[tuple[str, str]]  # (clause_id, sentence) in clause order, for answer extraction
    sentence_vectors: np.ndarray
    # Questions attached to clauses (clause_id, question), embedded as queries: searched question to question.
    questions: list[tuple[str, str]] = field(default_factory=list)
    question_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    update: IndexUpdate | None = None  # set by open_index and build_index


def corpus_digest(corpus: Corpus) -> str:
    """Changes when a document's text or the parser's clauses change."""
    h = hashlib.sha256(corpus.checksum.encode())
    for clause in corpus.clauses:
        h.update(clause.clause_id.encode())
        h.update(clause.text.encode())
    return h.hexdigest()


def text_key(text: str) -> str:
    """The cache key of a vector: the hash of exactly the text that was embedded."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def query_key(text: str) -> str:
    """The cache key of a text embedded as a query (an attached question): apart from its passage vector."""
    return hashlib.sha256(b"query\x00" + text.encode("utf-8")).hexdigest()


def encoder_probe(encoder: Encoder) -> np.ndarray:
    """The encoder's fingerprint: its passage vector of a fixed text."""
    return np.asarray(encoder.encode([PROBE_TEXT], kind="passage"), dtype=np.float32)[0]


class _Fingerprint:
    """The encoder's probe vector, computed on first need: an index of another name or dimension is
    refused without encoding anything."""

    def __init__(self, encoder: Encoder):
        self.encoder = encoder
        self._vector: np.ndarray | None = None

    @property
    def vector(self) -> np.ndarray:
        if self._vector is None:
            self._vector = encoder_probe(self.encoder)
        return self._vector


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_index(folder: Path, corpus: Corpus, encoder: Encoder,
               attached: AttachedQuestions = NO_QUESTIONS) -> LoadedIndex:
    """Load an index folder, checking it against the corpus, the encoder and the attached questions.

    Raises:
        StaleIndex: missing or damaged files, another encoder, or a corpus or attached-questions file changed
            since the build.
    """
    return _load(Path(folder), corpus, encoder, _Fingerprint(encoder), attached)


def _load(folder: Path, corpus: Corpus, encoder: Encoder, probe: _Fingerprint,
          attached: AttachedQuestions) -> LoadedIndex:
    loaded = _read_folder(folder)
    _check_encoder(loaded.manifest, encoder, probe)
    digest = corpus_digest(corpus)
    if loaded.manifest.get("corpus_digest") != digest:
        raise StaleIndex(f"manifest corpus_digest is {loaded.manifest.get('corpus_digest')!r}, expected {digest!r}")
    if loaded.manifest.get("attached_questions") != attached.manifest_entry():
        raise StaleIndex(f"manifest attached_questions is {loaded.manifest.get('attached_questions')!r}, "
                         f"expected {attached.manifest_entry()!r}")
    return loaded


def _read_folder(folder: Path) -> LoadedIndex:
    """The index in a folder whatever corpus it was built for; its files checked against the manifest."""
    manifest_path = folder / "manifest.json"
    if not manifest_path.exists():
        raise StaleIndex(f"no manifest in {folder}")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise StaleIndex(f"unreadable manifest: {err}") from err
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise StaleIndex(f"manifest format is {found!r}, expected {FORMAT_VERSION!r}")
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
        questions = [tuple(json.loads(line)) for line in
                     (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
        question_vectors = np.load(folder / "questions.npy", allow_pickle=False)
    except Exception as err:  # faiss raises RuntimeError on a damaged file
        raise StaleIndex(f"cannot read index files: {err}") from err
    if dense.size != len(passages) or len(sentences) != len(sentence_vectors) or \
            len(questions) != len(question_vectors):
        raise StaleIndex("vectors and their texts differ in length")
    return LoadedIndex(dense, passages, manifest, folder, sentences, sentence_vectors, questions, question_vectors)


def _check_encoder(manifest: dict, encoder: Encoder, probe: _Fingerprint) -> None:
    for key, value in (("encoder", encoder.name), ("dim", encoder.dim)):
        if manifest.get(key) != value:
            raise StaleIndex(f"manifest {key} is {manifest.get(key)!r}, expected {value!r}")
    stored = np.asarray(manifest.get("encoder_probe") or [], dtype=np.float32)
    if stored.shape != probe.vector.shape or float(stored @ probe.vector) < _PROBE_MIN_COSINE:
        raise StaleIndex(f"encoder {encoder.name!r} gives other vectors than the one that built the index")


def _cached_vectors(previous: LoadedIndex) -> dict[str, np.ndarray]:
    """Every vector of an index by the hash of its text: passages from FAISS, sentences from their file."""
    cache = {text_key(p.text): row for p, row in zip(previous.passages, previous.dense.vectors())}
    cache.update((text_key(text), row) for (_, text), row in zip(previous.sentences, previous.sentence_vectors))
    cache.update((query_key(text), row) for (_, text), row in zip(previous.questions, previous.question_vectors))
    return cache


def build_index(folder: Path, corpus: Corpus, encoder: Encoder, *, progress: Progress = True,
                hnsw_threshold: int = HNSW_THRESHOLD, attached: AttachedQuestions = NO_QUESTIONS) -> LoadedIndex:
    """Embed every clause passage and write the folder; a crash never leaves half an index behind."""
    return _write_index(Path(folder), corpus, encoder, _Fingerprint(encoder), {}, None, "full build requested",
                        progress=progress, hnsw_threshold=hnsw_threshold, attached=attached)


def update_index(folder: Path, corpus: Corpus, encoder: Encoder, *, progress: Progress = True,
                 hnsw_threshold: int = HNSW_THRESHOLD, attached: AttachedQuestions = NO_QUESTIONS) -> LoadedIndex:
    """Bring the folder in line with the corpus, embedding only texts the index there does not hold.

    The previous index is read whatever corpus it was built for; its vectors are reused only when the same
    encoder built it (name, dimension and probe vector agree). The new folder replaces it atomically.
    """
    folder = Path(folder)
    return _update(folder, corpus, encoder, _Fingerprint(encoder), progress=progress,
                   hnsw_threshold=hnsw_threshold, attached=attached)


def _update(folder: Path, corpus: Corpus, encoder: Encoder, probe: _Fingerprint, *, progress: Progress,
            hnsw_threshold: int = HNSW_THRESHOLD, attached: AttachedQuestions = NO_QUESTIONS) -> LoadedIndex:
    try:
        previous = _read_folder(folder)
        _check_encoder(previous.manifest, encoder, probe)
    except StaleIndex as why:
        return _write_index(folder, corpus, encoder, probe, {}, None, str(why),
                            progress=progress, hnsw_threshold=hnsw_threshold, attached=attached)
    return _write_index(folder, corpus, encoder, probe, _cached_vectors(previous), previous.manifest, "",
                        progress=progress, hnsw_threshold=hnsw_threshold, attached=attached)


def _write_index(folder: Path, corpus: Corpus, encoder: Encoder, probe: _Fingerprint, cache: dict[str, np.ndarray],
                 previous: dict | None, reason: str, *, progress: Progress, hnsw_threshold: int,
                 attached: AttachedQuestions = NO_QUESTIONS) -> LoadedIndex:
    started = time.perf_counter()
    passages = [p for clause in corpus.clauses for p in clause_passages(clause)]
    sentences = [(c.clause_id, s) for c in corpus.clauses for s in clause_sentences(c)]
    questions = [(q.clause_id, q.text) for q in attached.questions]
    texts = {text_key(t): t for t in [p.text for p in passages] + [s for _, s in sentences]}
    query_texts = {query_key(q): q for _, q in questions}
    missing = [key for key in texts if key not in cache]
    missing_queries = [key for key in query_texts if key not in cache]
    fresh = _encode_with_progress(encoder, [texts[key] for key in missing] +
                                  [query_texts[key] for key in missing_queries], progress,
                                  queries_from=len(missing))
    vectors = {key: cache[key] for key in list(texts) + list(query_texts) if key in cache}
    vectors.update(zip(missing + missing_queries, fresh))
    passage_vectors = _stack([vectors[text_key(p.text)] for p in passages], encoder.dim)
    sentence_vectors = _stack([vectors[text_key(s)] for _, s in sentences], encoder.dim)
    question_vectors = _stack([vectors[query_key(q)] for _, q in questions], encoder.dim)
    dense = DenseIndex.build(passage_vectors, hnsw_threshold=hnsw_threshold)

    checksums = {d.doc_id: d.checksum for d in corpus.documents}
    before = (previous or {}).get("document_checksums", {})
    update = IndexUpdate(
        action="updated" if previous is not None else "built",
        added=tuple(d for d in checksums if d not in before),
        removed=tuple(d for d in before if d not in checksums),
        changed=tuple(d for d in checksums if d in before and before[d] != checksums[d]),
        embedded=len(missing) + len(missing_queries),
        reused=len(texts) + len(query_texts) - len(missing) - len(missing_queries), reason=reason)

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        dense.save(tmp / "index.faiss")
        _write_jsonl(tmp / "passages.jsonl", ({"clause_id": p.clause_id, "text": p.text} for p in passages))
        _write_jsonl(tmp / "clauses.jsonl", (c.to_json() for c in corpus.clauses))
        _write_jsonl(tmp / "sentences.jsonl", (list(pair) for pair in sentences))
        np.save(tmp / "sentences.npy", sentence_vectors, allow_pickle=False)
        _write_jsonl(tmp / "questions.jsonl", (list(pair) for pair in questions))
        np.save(tmp / "questions.npy", question_vectors, allow_pickle=False)
        manifest = {
            "format": FORMAT_VERSION, "encoder": encoder.name, "dim": encoder.dim,
            "encoder_probe": [round(float(x), 7) for x in probe.vector],
            "corpus_digest": corpus_digest(corpus), "corpus_checksum": corpus.checksum,
            "documents": [d.doc_id for d in corpus.documents], "document_checksums": checksums,
            "clauses": len(corpus.clauses), "passages": len(passages), "texts": len(texts) + len(query_texts),
            "attached_questions": attached.manifest_entry(),
            "index_type": dense.kind,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "build_seconds": round(time.perf_counter() - started, 2), "package_version": PACKAGE_VERSION,
            "last_update": asdict(update),
            "files": {name: _sha256(tmp / name) for name in _FILES},
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=2)
        (tmp / "manifest.json").write_text(text, encoding="utf-8")
        manifest = json.loads(text)  # as a later load reads it (lists, not tuples)
        _swap_in(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("%s in %s: %d passages, %.1fs", update.describe(), folder, len(passages), manifest["build_seconds"])
    return LoadedIndex(dense, passages, manifest, folder, sentences, sentence_vectors, questions, question_vectors,
                       update)


def _stack(rows: list[np.ndarray], dim: int) -> np.ndarray:
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, dim), dtype=np.float32)


def open_index(folder: Path, corpus: Corpus, encoder: Encoder, *, progress: Progress = True,
               attached: AttachedQuestions = NO_QUESTIONS) -> LoadedIndex:
    """Load the index, or bring it up to date with the corpus: only texts the index does not hold yet are
    embedded. Only one process updates at a time; readers of the old index keep it until the swap.

    Args:
        progress: a terminal progress bar (True), none (False), or a callable told (texts embedded so far,
            texts to embed) after each batch, e.g. for the app's progress display.
        attached: questions attached to clauses (corpus.attached); the manifest records their file's
            checksum, so another file updates the index (only new questions are embedded).

    Returns:
        The index, with `update` saying what was done (loaded / updated / built, documents added, removed
        or changed, texts embedded and reused).
    """
    folder = Path(folder)
    with _build_lock(folder):
        _recover_stranded(folder)
    probe = _Fingerprint(encoder)
    try:
        loaded = _load(folder, corpus, encoder, probe, attached)
    except StaleIndex as reason:
        log.info("index at %s is out of date: %s", folder, reason)
    else:
        loaded.update = IndexUpdate("loaded", reused=int(loaded.manifest.get("texts", 0)))
        return loaded
    with _build_lock(folder):
        try:  # another process may have finished the update while we waited for the lock
            loaded = _load(folder, corpus, encoder, probe, attached)
            loaded.update = IndexUpdate("loaded", reused=int(loaded.manifest.get("texts", 0)),
                                        reason="updated by another process")
            return loaded
        except StaleIndex:
            return _update(folder, corpus, encoder, probe, progress=progress, attached=attached)


def _encode_with_progress(encoder: Encoder, texts: list[str], progress, batch: int = 32,
                          queries_from: int | None = None) -> np.ndarray:
    """progress: True for a terminal bar, or a callable told (texts done, texts to embed) after each batch.
    Texts from position `queries_from` on are embedded as queries, the others as passages."""
    from tqdm import tqdm

    report = progress if callable(progress) else None
    split = len(texts) if queries_from is None else queries_from
    starts = [(i, min(i + batch, split), "passage") for i in range(0, split, batch)]
    starts += [(i, min(i + batch, len(texts)), "query") for i in range(split, len(texts), batch)]
    chunks = []
    bar = tqdm(total=len(texts), desc="embedding clauses", unit="text", disable=report is not None or not progress)
    with bar:
        if report:
            report(0, len(texts))
        for start, end, kind in starts:
            chunks.append(encoder.encode(texts[start:end], kind=kind))
            bar.update(end - start)
            if report:
                report(end, len(texts))
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


def lock_path_for(folder: Path) -> Path:
    """The lock file sits beside the index folder (not inside: the folder is swapped whole)."""
    return folder.parent / f".{folder.name.lstrip('.')}.lock"


@contextmanager
def _build_lock(folder: Path):
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock_path = lock_path_for(folder)
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
