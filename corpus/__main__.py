"""CLI: `python -m corpus show|clauses|targets` to inspect the policy library, `add|remove|set` to change it."""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus", description="查看和管理政策文件库")
    parser.add_argument("--corpus-dir", dest="corpus_dir", type=Path, default=None,
                        help="文件库文件夹（默认：内置的 corpus/policies，只读）")
    parser.add_argument("--dir", dest="corpus_dir", type=Path, help=argparse.SUPPRESS)  # the old name
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="把 PDF、Word（.docx）、文本或网页文件加入文件库")
    add.add_argument("files", nargs="+", type=Path, help="要添加的文件")
    add.add_argument("--max-mb", type=float, default=50, help="单个文件大小上限（MB，默认 50）")
    add.add_argument("--json", action="store_true")
    remove = sub.add_parser("remove", help="从文件库删除一份添加的文件")
    remove.add_argument("doc", help="文件编号（见 show）")
    remove.add_argument("--json", action="store_true")
    correct = sub.add_parser("set", help="更正一份文件的元数据（重新读取后仍然保留）")
    correct.add_argument("doc", help="文件编号（见 show）")
    correct.add_argument("--title", help="标题")
    correct.add_argument("--issuer", help="发文机关")
    correct.add_argument("--doc-number", help="文号，如 长政办发〔2026〕12号")
    correct.add_argument("--region", help="地区，如 长沙")
    correct.add_argument("--issued", help="成文日期 YYYY-MM-DD")
    correct.add_argument("--valid-from", help="有效期起 YYYY-MM-DD")
    correct.add_argument("--valid-until", help="有效期止 YYYY-MM-DD")
    correct.add_argument("--json", action="store_true")
    show = sub.add_parser("show", help="列出文件及其元数据")
    show.add_argument("--json", action="store_true")
    show.add_argument("--on", type=date.fromisoformat, default=None, help="判断是否有效的日期（默认今天）")
    clauses = sub.add_parser("clauses", help="列出一份文件的条款")
    clauses.add_argument("doc", help="文件编号，如 changsha-2023")
    clauses.add_argument("--json", action="store_true")
    targets = sub.add_parser("targets", help="列出各文件的量化指标（指标库）")
    targets.add_argument("--region", action="append", default=None, help="地区，如 长沙（可重复）")
    targets.add_argument("--year", type=int, default=None, help="目标年份，如 2027")
    targets.add_argument("--on", type=date.fromisoformat, default=None, help="判断是否有效的日期（默认今天）")
    targets.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.command in ("add", "remove", "set"):
        return _change(args)

    from corpus.locations import locate
    from corpus.parse import load_corpus

    corpus = load_corpus(locate(os.environ, corpus_dir=args.corpus_dir).corpus_dir)
    for skipped in corpus.skipped:
        print(f"已跳过 {skipped.path}：{skipped.reason}", file=sys.stderr)
    if args.command == "targets":
        return _targets(corpus, args)
    if args.command == "show":
        on = args.on or date.today()
        rows = [d.to_json(on, len(corpus.clauses_of(d.doc_id))) for d in corpus.documents]
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for row in rows:
                status = {True: "有效", False: "已失效", None: "有效期未知"}[row["in_force"]]
                print(f"{row['doc_id']}  {row['title']}  {row['doc_number'] or '无文号'}  "
                      f"{row['region'] or '-'}  {row['valid_from'] or '?'}～{row['valid_until'] or '?'}  "
                      f"{status}  {row['clauses']}条")
        return 0
    document = corpus.document(args.doc)
    if document is None:
        known = "、".join(d.doc_id for d in corpus.documents)
        print(f"没有编号为 {args.doc} 的文件。可用：{known}", file=sys.stderr)
        return 2
    doc_clauses = corpus.clauses_of(document.doc_id)
    if args.json:
        print(json.dumps([c.to_json() for c in doc_clauses], ensure_ascii=False, indent=2))
        return 0
    print(f"{document.title}（{document.doc_number or '无文号'}）")
    shown: set[str] = set()
    for clause in doc_clauses:
        for depth, heading in enumerate(clause.section_path[:-1]):
            if heading not in shown:
                shown.add(heading)
                print("  " * depth + heading)
        shown.add(clause.section_path[-1])
        indent = "  " * (len(clause.section_path) - 1)
        print(f"{indent}[{clause.clause_id}] {clause.text.replace(chr(10), ' ')}")
    return 0


def _change(args) -> int:
    """add / remove / set: each prints what changed or why nothing did, exit 1 when anything was refused."""
    from corpus.library import LibraryError, add_files, correct, remove

    from corpus.locations import locate

    args.corpus_dir = locate(os.environ, corpus_dir=args.corpus_dir).library_dir  # the per-user library by default
    today = date.today()
    if args.command == "add":
        outcomes = add_files(args.corpus_dir, args.files, max_bytes=int(args.max_mb * 1024 * 1024))
        if args.json:
            print(json.dumps([o.to_json(today) for o in outcomes], ensure_ascii=False, indent=2))
        for outcome in outcomes if not args.json else ():
            if not outcome.added:
                print(f"未添加 {outcome.message}")
                continue
            doc = outcome.document
            status = {True: "有效", False: "已失效", None: "有效期未知"}[doc.in_force(today)]
            until = f"，有效期至{doc.valid_until.isoformat()}" if doc.valid_until else ""
            print(f"已添加 {outcome.file} → {doc.doc_id}：{doc.title}（{doc.doc_number or '无文号'}），"
                  f"{doc.region or '地区未知'}，{status}{until}，{outcome.clauses} 条")
            for warning in outcome.warnings:
                print(f"  注意：{warning}")
        return 0 if all(o.added for o in outcomes) else 1
    try:
        if args.command == "remove":
            title = remove(args.corpus_dir, args.doc)
            result = {"doc_id": args.doc, "removed": True, "title": title}
            text = f"已删除 {args.doc}：{title}"
        else:
            fields = {name: getattr(args, name) for name in
                      ("title", "issuer", "doc_number", "region", "issued", "valid_from", "valid_until")
                      if getattr(args, name) is not None}
            if not fields:
                print("请至少给出一项要更正的内容，如 --doc-number 或 --valid-until。", file=sys.stderr)
                return 2
            doc = correct(args.corpus_dir, args.doc, fields)
            result = doc.to_json(today, 0)
            result.pop("clauses")
            text = f"已更正 {doc.doc_id}：" + "，".join(f"{name}={value or '（清空）'}" for name, value in fields.items())
    except LibraryError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else text)
    return 0


def _targets(corpus, args) -> int:
    from corpus.regions import load_regions
    from corpus.targets import table_rows

    regions = None
    if args.region:
        table = load_regions()
        regions = []
        for name in args.region:
            found = table.get(name) or next(iter(table.find_all(name)), None)
            if found is None:
                known = "、".join(sorted({d.region for d in corpus.documents if d.region}))
                print(f"不认识地区“{name}”。可用：{known}", file=sys.stderr)
                return 2
            regions.append(found.name)
    rows, skipped = table_rows(corpus, regions, args.year, args.on)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("没有符合条件的指标。")
        return 0
    for row in rows:
        status = {True: "有效", False: "已失效", None: "有效期未知"}[row["in_force"]]
        year = f"{row['year']}年" if row["year"] else "未定年份"
        print(f"{row['region'] or '-'}  {year}  {row['indicator']}：{row['value']}  "
              f"[{row['clause_id']}]  {row['doc_number'] or '无文号'} {status}")
    print(f"共 {len(rows)} 项指标" + (f"；{skipped} 句无法解析，已跳过" if skipped else ""))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into a reader that stopped early, e.g. `head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
