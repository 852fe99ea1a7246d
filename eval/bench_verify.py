"""Benchmark: the cost of verifying a generated answer against its cited clauses (target ≤ 5 ms per answer).

Run:  python -m eval.bench_verify [--answers 2000] [--sentences 6]
      python -m eval.bench_verify --faithful dev   # also: the system's own answers as model output

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
    parser.add_argument("--faithful", choices=("dev", "test", "all"), default=None,
                        help="also verify the extractive answers to this split's questions (needs the index)")
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
    if args.faithful:
        _faithful(args.faithful)
    return 0


def _faithful(split: str) -> None:
    """The extractive answers quote their clauses, so a correct verifier keeps all their sentences (false
    drops measure over-strictness); the same answers with one figure changed must lose that sentence."""
    import logging
    from collections import Counter

    from assistant.generate import build_prompt
    from assistant.service import bundled_settings, open_answerer
    from assistant.verify_generated import verify
    from eval.questions import load_questions

    logging.basicConfig(level=logging.WARNING)
    answerer = open_answerer(bundled_settings(progress=False))
    questions = load_questions(answerer.retriever.corpus, split=None if split == "all" else split)
    answers = kept = falls_back = mutated = caught = 0
    drops: Counter = Counter()
    examples: list[str] = []
    times = []
    for question in questions:
        answer = answerer.ask(question.text)
        prompt = build_prompt(question.text, answer, answer.hits)
        if prompt is None:
            continue
        answers += 1
        started = time.thread_time()
        verdict = verify(answer.text, prompt.sources, prompt.expected)
        times.append((time.thread_time() - started) * 1000)
        kept += len(verdict.kept)
        falls_back += not verdict.answers
        for d in verdict.dropped:
            drops[d.reason] += 1
            if len(examples) < 5:
                examples.append(f"{d.reason} {d.detail}: {d.sentence[:90]}")
        # change the first figure that is not a citation number: 12.8% → 13.8%, 800家 → 801家, a year, a
        # title's year; caught when the changed sentence is dropped (a list number "1." changed is not)
        match = re.search(r"(?<![\[\d.])(\d+)(?=(\.\d+)?[^\d\]])", answer.text)
        if match:
            mutated += 1
            digits = match.group(1)
            changed = answer.text[:match.start()] + str(int(digits) + 1) + answer.text[match.end():]
            caught += len(verify(changed, prompt.sources, prompt.expected).dropped) > len(verdict.dropped)
    sentences = kept + sum(drops.values())
    print(f"\n{split} split: {answers} answered questions (declines are not sent), {sentences} sentences")
    print(f"faithful answers: {kept} sentences kept, {sum(drops.values())} dropped ({dict(drops)}); "
          f"{falls_back} answers would fall back to extractive")
    for example in examples:
        print(f"  e.g. {example}")
    print(f"one figure changed: {caught} of {mutated} answers lose the changed sentence")
    times.sort()
    print(f"CPU per real answer: p50 {statistics.median(times):.2f} ms, p95 {times[int(0.95 * (len(times) - 1))]:.2f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
