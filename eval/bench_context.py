"""What mixing the asked part into the dense query costs (`python -m eval.bench_context`).

Questions that open with a description of the asker ("我们是长沙一家软件公司，…") are encoded twice (the whole
question and its asked part, one batch) when `RetrievalConfig.asked_dense_share` is set. This times warm
searches of the dev split's first 60 such questions with the share off and on, the query cache cleared.
"""
from __future__ import annotations

import dataclasses
import statistics
import time

from assistant.service import bundled_settings, open_retriever
from eval.questions import load_questions


def main(limit: int = 60) -> None:
    retriever = open_retriever(bundled_settings(progress=False))
    questions = [q.text for q in load_questions(retriever.corpus) if q.split == "dev"]
    described = [q for q in questions if retriever.parser.parse(q).context]
    print(f"dev questions with a self-description: {len(described)} of {len(questions)}")
    retriever.search("热身", k=5)  # load the encoder before timing
    base = retriever.config
    for share in (0.0, base.asked_dense_share):
        retriever.config = dataclasses.replace(base, asked_dense_share=share)
        retriever.clear_query_cache()
        times = []
        for question in described[:limit]:
            started = time.perf_counter()
            retriever.search(question, k=10)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        print(f"asked_dense_share {share}: search p50 {statistics.median(times):.1f} ms, "
              f"p95 {times[int(0.95 * len(times))]:.1f} ms ({len(times)} questions)")
    retriever.config = base


if __name__ == "__main__":
    main()
