"""Fit the sentence model (assistant/sentences.py) on the dev split's gold spans and report how often the
chosen lead sentence holds the gold span, on dev and (report only) on test.

A candidate is every quotable sentence of the clauses an answer quotes from (the asked place's own clauses
among the top three, else the top three); it is a positive when it holds the gold span or the span holds it.
Questions whose candidates hold no gold span teach nothing about choosing and are left out.

    python -m eval.fit_sentences            # fit on dev, write assistant/sentence_model.json, report
    python -m eval.fit_sentences --check    # report with the stored model only
    python -m eval.fit_sentences --read     # also report a model fitted on dev + the read blind sets (not written)
    python -m eval.fit_sentences --read --write   # ... and write that model, calibrated on dev + read

--read adds the answerable questions of the blind sets already read for tuning (eval/blind: the sample, fresh,
fresh-b … fresh-q; never the held-out R, U, V, W, X, Y; Z, read since 2026-12-05, is not among them yet) and reports their lead accuracy per kind in 5-fold
cross-validation, for the stored model and for fits on dev + the other folds. It writes nothing unless --write: the
probabilities it would store move every threshold downstream, so adopting it is a change to answers to be graded
blind (measured 2026-12-05: key phrase in the answer text test 0.915 -> 0.897, dev 0.985 -> 0.977; not adopted).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from corpus.text import squash
from assistant.retrieve import Filters
from assistant.sentences import FEATURES, MODEL_PATH


def _holds(sentence: str, span: str) -> bool:
    s, g = squash(sentence), squash(span)
    return bool(g) and (g in s or (len(s) >= 8 and s in g))


def collect(answerer, questions) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features, labels) per question whose candidates hold a gold span."""
    groups = []
    for q in questions:
        spans = [g for g in q.spans if g]
        if not q.answerable or not spans:
            continue
        ask = answerer.understand(q.text)
        hits = answerer.retriever.search(ask.query, k=answerer.config.k, filters=Filters())
        preferred = answerer.retriever.preferred_docs(ask.query)
        own = [h for h in hits[:3] if h.document.doc_id in preferred] if preferred else []
        rows, features = answerer.chooser.features(own or hits[:3], answerer.wording.content_terms(ask.query),
                                                    ask.kind, ask.query)
        labels = np.array([any(_holds(clean, span) for span in spans) for _, _, clean, _ in rows], dtype=float)
        if labels.any() and not labels.all():
            groups.append((features, labels))
    return groups


# The blind sets read for tuning (their question files; the held-out R, U, V, W, X, Y are not among them).
READ_SETS = ("sample-2026-12.jsonl", "fresh-2026-12-*.jsonl", "fresh-[b-q]-2026-12-*.jsonl")


def read_blind_questions(folder: Path) -> list:
    """The answerable questions of the read blind sets, as eval Questions (qtype = the set's kind)."""
    from eval.questions import Question

    questions = []
    for path in sorted(p for pattern in READ_SETS for p in folder.glob(pattern)):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw = json.loads(line)
                kind = raw.get("kind") or raw.get("type")
                spans = tuple(g.get("span") or "" for g in raw.get("gold", []))
                questions.append(Question(raw["id"], raw["question"].split("||")[-1].strip(), "", kind, "read", (),
                                          None, spans))
    return questions


def cross_validated(dev, read, l2: float, folds: int = 5) -> dict[str, float]:
    """Lead accuracy per kind on the read questions, each fold fitted on dev + the other folds."""
    order = np.random.default_rng(7).permutation(len(read))
    right: dict[str, list[float]] = {}
    for k in range(folds):
        held = set(order[k::folds].tolist())
        weights = fit_listwise(dev + [g for i, (_, g) in enumerate(read) if i not in held], l2)
        for i in held:
            kind, (features, labels) = read[i]
            right.setdefault(kind, []).append(labels[int(np.argmax(features @ weights))])
    return {kind: round(float(np.mean(v)), 3) for kind, v in sorted(right.items())}


def fit_listwise(groups, l2: float) -> np.ndarray:
    """Weights that put a gold sentence first: the softmax over each question's candidates, maximising the
    probability of its positives (a conditional logit), with an L2 penalty."""
    from scipy.optimize import minimize

    def loss(w):
        total, grad = l2 * w @ w, 2 * l2 * w
        for features, labels in groups:
            z = features @ w
            z = z - z.max()
            p = np.exp(z) / np.exp(z).sum()
            pos = p * labels
            total -= np.log(pos.sum())
            grad += features.T @ (p - pos / pos.sum())
        return total / len(groups), grad / len(groups)

    return minimize(loss, np.zeros(len(FEATURES)), jac=True, method="L-BFGS-B").x


L2_GRID = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1)


def choose_l2(groups, folds: int = 5) -> float:
    """The L2 strength with the best lead accuracy in k-fold cross-validation over the dev questions."""
    order = np.random.default_rng(13).permutation(len(groups))
    parts = [order[i::folds] for i in range(folds)]
    results = {}
    for l2 in L2_GRID:
        right = 0.0
        for part in parts:
            held = set(part.tolist())
            w = fit_listwise([g for i, g in enumerate(groups) if i not in held], l2)
            right += lead_accuracy([groups[i] for i in part], w, 0.0) * len(part)
        results[l2] = right / len(groups)
    print("cross-validated lead accuracy on dev:", {k: round(v, 3) for k, v in results.items()})
    return max(results, key=lambda k: (results[k], k))


def lead_accuracy(groups, weights: np.ndarray, bias: float) -> float:
    """Share of questions whose best-scoring candidate holds a gold span."""
    right = [labels[int(np.argmax(features @ weights + bias))] for features, labels in groups]
    return float(np.mean(right)) if right else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.fit_sentences", description="拟合句子选择模型")
    parser.add_argument("--check", action="store_true", help="只用已保存的模型报告，不重新拟合")
    parser.add_argument("--read", action="store_true", help="另报告在 dev + 已读盲测题上拟合的模型（不写入）")
    parser.add_argument("--write", action="store_true", help="与 --read 同用：写入在 dev + 已读盲测题上拟合的模型")
    parser.add_argument("--c", type=float, default=None, help="L2 正则化强度（默认：在 dev 上五折交叉验证选择）")
    args = parser.parse_args(argv)

    from assistant.service import open_answerer
    from eval.questions import load_questions

    answerer = open_answerer()
    corpus = answerer.retriever.corpus
    dev = collect(answerer, load_questions(corpus, split="dev"))
    test = collect(answerer, load_questions(corpus, split="test"))
    stored = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    before = (np.array([stored["weights"].get(f, 0.0) for f in FEATURES]), stored["bias"])
    print(f"stored model: lead holds the gold span dev {lead_accuracy(dev, *before):.3f} ({len(dev)} questions), "
          f"test {lead_accuracy(test, *before):.3f} ({len(test)})")
    if args.check:
        return 0
    if args.read:
        read = [(q.qtype, g) for q in read_blind_questions(Path(__file__).parent / "blind")
                for g in collect(answerer, [q])]
        l2 = args.c if args.c is not None else 0.01
        stored_right: dict[str, list[float]] = {}
        for kind, (features, labels) in read:
            stored_right.setdefault(kind, []).append(labels[int(np.argmax(features @ before[0] + before[1]))])
        print(f"read blind sets: {len(read)} questions; stored model (fitted on dev) lead accuracy",
              {k: round(float(np.mean(v)), 3) for k, v in sorted(stored_right.items())})
        print(f"5-fold, fitted on dev + the other folds (l2 {l2}):", cross_validated(dev, read, l2))
        weights = fit_listwise(dev + [g for _, g in read], l2)
        print(f"fitted on dev + read: lead holds the gold span dev {lead_accuracy(dev, weights, 0.0):.3f}, "
              f"test {lead_accuracy(test, weights, 0.0):.3f}")
        print("weights (uncalibrated):", {f: round(float(w), 3) for f, w in zip(FEATURES, weights)})
        if args.write:
            write_model(dev + [g for _, g in read], weights, test,
                        f"python -m eval.fit_sentences --read --write (l2 {l2}): dev split and the read blind sets, "
                        f"{len(dev)} + {len(read)} questions")
        return 0
    l2 = args.c if args.c is not None else choose_l2(dev)
    write_model(dev, fit_listwise(dev, l2), test, f"python -m eval.fit_sentences (l2 {l2}): dev split, {len(dev)} questions")
    return 0


def write_model(groups, weights: np.ndarray, test, fitted: str) -> None:
    """Calibrate the weights into a probability that a sentence answers (for thresholds downstream) on the
    groups they were fitted on, and store them in assistant/sentence_model.json."""
    from sklearn.linear_model import LogisticRegression

    scores = np.concatenate([f @ weights for f, _ in groups]).reshape(-1, 1)
    y = np.concatenate([l for _, l in groups])
    calibration = LogisticRegression(max_iter=1000).fit(scores, y)
    scale, bias = float(calibration.coef_[0][0]), float(calibration.intercept_[0])
    weights = weights * scale
    print(f"calibrated on {len(y)} sentences ({int(y.sum())} positive): lead holds the gold span "
          f"fitted {lead_accuracy(groups, weights, bias):.3f}, test {lead_accuracy(test, weights, bias):.3f}")
    print("weights:", {f: round(float(w), 3) for f, w in zip(FEATURES, weights)}, "bias", round(bias, 3))
    MODEL_PATH.write_text(json.dumps({
        "weights": {f: round(float(w), 4) for f, w in zip(FEATURES, weights)}, "bias": round(bias, 4),
        "fitted": f"{fitted}, {len(y)} sentences",
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH}")


if __name__ == "__main__":
    sys.exit(main())
