"""Render an eval result: a terminal table, a JSON report and a PNG chart by question type."""
from __future__ import annotations

import json
from pathlib import Path

from eval.run import EvalResult

RETRIEVAL_COLUMNS = ("hit@1", "hit@3", "hit@5", "hit@10", "mrr", "ndcg@10", "recall@10")


def format_table(result: EvalResult) -> str:
    lines = [f"== retrieval ({result.split} split, answerable questions)",
             f"{'system':<14}" + "".join(f"{c:>10}" for c in RETRIEVAL_COLUMNS)]
    for name, metrics in result.retrieval.items():
        lines.append(f"{name:<14}" + "".join(f"{metrics.get(c, 0):>10.3f}" for c in RETRIEVAL_COLUMNS))
    for group, rows in result.by_group.items():
        lines.append(f"\n== system by {group}")
        lines.append(f"{group:<16}{'n':>5}" + "".join(f"{c:>10}" for c in ("hit@1", "hit@5", "mrr")))
        for name, metrics in rows.items():
            lines.append(f"{name:<16}{int(metrics['n']):>5}" + "".join(f"{metrics.get(c, 0):>10.3f}" for c in ("hit@1", "hit@5", "mrr")))
    lines.append("\n== answers")
    for key, value in result.answers.items():
        lines.append(f"{key:<20}{value:>8.3f}" if key != "n" else f"{key:<20}{int(value):>8d}")
    lines.append("\n== answers by type")
    cols = ("key_phrase", "false_refusal", "refusal_accuracy", "cited")
    lines.append(f"{'type':<16}" + "".join(f"{c:>18}" for c in cols))
    for qtype, metrics in result.answers_by_type.items():
        lines.append(f"{qtype:<16}" + "".join(f"{metrics[c]:>18.3f}" if c in metrics else f"{'-':>18}" for c in cols))
    lines.append("\n== decline rules (fired on unanswerable = right, on answerable = wrong)")
    lines.append(f"{'rule':<24}{'right':>8}{'wrong':>8}{'precision':>12}")
    for rule, counts in result.rules.items():
        lines.append(f"{rule:<24}{int(counts['right']):>8}{int(counts['wrong']):>8}{counts['precision']:>12.3f}")
    lines.append("\n== latency (ms, warm)")
    lines.append("  ".join(f"{k}={v:.1f}" for k, v in result.latency_ms.items()))
    return "\n".join(lines)


def write_report(result: EvalResult, folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    json_path = folder / f"report-{result.split}.json"
    json_path.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    png_path = folder / f"by-type-{result.split}.png"
    _chart(result, png_path)
    return json_path, png_path


def _chart(result: EvalResult, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    types = list(result.by_group.get("type", {}))
    metrics = ("hit@1", "hit@5", "mrr")
    fig, ax = plt.subplots(figsize=(max(6, len(types) * 1.2), 4))
    width = 0.8 / len(metrics)
    for i, metric in enumerate(metrics):
        values = [result.by_group["type"][t].get(metric, 0) for t in types]
        ax.bar([x + i * width for x in range(len(types))], values, width, label=metric)
    ax.set_xticks([x + width for x in range(len(types))], types, rotation=20)
    ax.set_ylim(0, 1)
    ax.set_title(f"Retrieval by question type ({result.split} split)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
