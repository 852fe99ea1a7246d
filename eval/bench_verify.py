"""Benchmark: the cost of verifying a generated answer against its cited clauses (target ≤ 5 ms per answer).

Run:  python -m eval.bench_verify [--answers 2000] [--sentences 6]

Answers are built from the real parsed corpus: each offers 6 random clauses as [1]..[6] and says
`--sentences` sentences copied from them with citations, one with a figure changed, one uncited,
one citing the wrong clause: the mix a model server returns, so every check runs.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from datetime import date


def _answers(clauses, documents, count: int, sentences: int, seed: int = 0):
    from assistant.verify_generated import Source

    rng = random.Random(seed)
    today = date.today()
    for _ in range(count):
        picked = rng.sample(clauses, 6)
        sources = []
        for n, clause in enumerate(picked, start=1):
            document = documents[clause.doc_id]
            sources.append(Source(n, clause.clause_id, document.title, document.doc_number, clause.section,
                                  clause.text, document.in_force(today), document.valid_until))
        parts = []
        for i in range(sentences):
            source = rng.choice(sources)
            candidates = [s for s in re.split(r"(?<=。)", source.text) if len(s.strip()) > 8] or [source.text]
            sentence = rng.choice(candidates).strip().rstrip("。")
            if i == 1:  # an invented figure
                sentence = re.sub(r"\d+", lambda m: str(int(m.group(0)) + 7), sentence, count=1) + "，补贴50万元"
            if i == 2:  # a citation to a clause that does not hold it
                source = sources[(source.n % 6)]
            parts.append(sentence + ("。" if i == 3 else f"[{source.n}]。"))  # i == 3: uncited
        yield "".join(parts), sources


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench_verify", description="生成回答核对的耗时")
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--sentences", type=int, default=6)
    args = parser.parse_args(argv)

    from corpus.parse import DEFAULT_CORPUS_DIR, load_corpus
    from corpus.regions import load_regions
    from assistant.verify_generated import verify

    corpus = load_corpus(DEFAULT_CORPUS_DIR, load_regions())
    documents = {d.doc_id: d for d in corpus.documents}
    answers = list(_answers(list(corpus.clauses), documents, args.answers, args.sentences))
    for text, sources in answers[:50]:  # warm the regex caches
        verify(text, sources)
    times, cpu, chars, kept, dropped = [], [], [], 0, 0
    for text, sources in answers:
        started, started_cpu = time.perf_counter(), time.thread_time()
        verdict = verify(text, sources)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
        chars.append(len(text) + sum(len(s.text) for s in sources))
        kept += len(verdict.kept)
        dropped += len(verdict.dropped)
    print(f"{len(answers)} answers of {args.sentences} sentences, 6 real clauses offered each "
          f"(median {statistics.median(chars):.0f} characters of answer + clauses)")
    # Wall time includes waiting for a core on a shared machine; CPU time is the verification's own cost.
    for label, values in (("wall", sorted(times)), ("CPU", sorted(cpu))):
        p95 = values[int(0.95 * (len(values) - 1))]
        print(f"verification per answer ({label}): mean {statistics.fmean(values):.2f} ms, "
              f"p50 {statistics.median(values):.2f} ms, p95 {p95:.2f} ms, max {values[-1]:.2f} ms (target ≤ 5 ms)")
    print(f"sentences kept {kept}, dropped {dropped}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
