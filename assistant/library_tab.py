"""The app's 文件管理 tab: upload policy files, preview what was read, add them, correct metadata, remove them."""
from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from corpus.library import LibraryError, add_files, correct, read_for_library, remove
from corpus.parse import DEFAULT_CORPUS_DIR, load_corpus
from corpus.readers import DEFAULT_MAX_BYTES, FORMATS, ReadError
from corpus.sidecar import read_sidecar

log = logging.getLogger(__name__)

DOCUMENT_COLUMNS = ["编号", "标题", "文号", "地区", "有效期至", "状态", "条款数", "来源"]
_PREVIEW_CLAUSES = 3
_FIELDS = ("title", "issuer", "doc_number", "region", "issued", "valid_from", "valid_until")


def _status(in_force: bool | None) -> str:
    return {True: "现行有效", False: "已失效", None: "有效期未知"}[in_force]


def _file_path(item) -> Path:
    """A gr.File value item (a path string or an object with .name/.path) as a Path."""
    for attribute in ("path", "name"):
        value = getattr(item, attribute, None)
        if isinstance(value, str):
            return Path(value)
    return Path(str(item))


def documents_rows(library: Path, today: date | None = None) -> list[list]:
    """One row per document of the library, bundled plans first."""
    today = today or date.today()
    corpus = load_corpus(library)
    sidecar = read_sidecar(library)
    added = set(sidecar.documents) if sidecar else set()
    return [[d.doc_id, d.title, d.doc_number or "", d.region or "",
             d.valid_until.isoformat() if d.valid_until else "", _status(d.in_force(today)),
             len(corpus.clauses_of(d.doc_id)), "添加" if d.doc_id in added else "内置"]
            for d in corpus.documents]


def preview_markdown(library: Path, paths: list[Path], today: date | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, list[str]]:
    """What would be added: per file its metadata, outline and first clauses, or why it would be refused.

    Returns the Markdown and the paths that can be added. Nothing is written.
    """
    today = today or date.today()
    parts: list[str] = []
    ready: list[str] = []
    corpus = load_corpus(library)
    for path in paths:
        try:
            reading = read_for_library(path, library, corpus, max_bytes)
        except ReadError as err:
            parts.append(f"#### ✗ {html.escape(path.name)}\n\n{html.escape(err.message)}")
            continue
        ready.append(str(path))
        doc = reading.document
        lines = [f"#### ✓ {html.escape(path.name)} → `{doc.doc_id}`",
                 f"- 标题：{html.escape(doc.title)}",
                 f"- 发文机关：{html.escape(doc.issuer or '未读到')}　文号：{html.escape(doc.doc_number or '未读到')}",
                 f"- 地区：{doc.region or '未识别'}　成文日期：{doc.issued or '未读到'}",
                 f"- 有效期：{doc.valid_from or '?'} ～ {doc.valid_until or '?'}（{_status(doc.in_force(today))}）",
                 f"- 条款：{len(reading.clauses)} 条　章节：{html.escape('；'.join(reading.outline()[:12]))}"]
        for clause in reading.clauses[:_PREVIEW_CLAUSES]:
            text = clause.text.replace("\n", " ")
            lines.append(f"  - `{clause.clause_id}` {html.escape(text[:120])}{'…' if len(text) > 120 else ''}")
        lines += [f"- 注意：{html.escape(w)}" for w in reading.warnings]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) or "请先选择文件。", ready


def add_markdown(library: Path, paths: list[Path], progress: Callable | None = None) -> str:
    """Add files; a line per file saying what was added or why not."""
    lines = []
    for i, path in enumerate(paths):
        if progress is not None:
            progress((i, len(paths)), desc=f"正在读取 {path.name}")
        [outcome] = add_files(library, [path])
        if outcome.added:
            doc = outcome.document
            lines.append(f"- ✓ 已添加 {html.escape(outcome.file)} → `{doc.doc_id}`（{doc.doc_number or '无文号'}，"
                         f"{outcome.clauses} 条）")
        else:
            lines.append(f"- ✗ 未添加：{html.escape(outcome.message or '')}")
    return "\n".join(lines) or "没有要添加的文件。"


def library_tab(library: Path, on_change: Callable[[], str | None] | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Build the 文件管理 tab. Call inside `gr.Tabs()`.

    Args:
        library: the library folder (`--corpus-dir`); the bundled folder is shown read-only.
        on_change: called after documents were added, removed or corrected (e.g. to update the index and
            swap it in); may return a Chinese status line to show.
        max_bytes: size limit of one uploaded file.
    """
    import gradio as gr

    library = Path(library)
    writable = library.resolve() != DEFAULT_CORPUS_DIR.resolve()

    def changed() -> str:
        note = on_change() if on_change is not None else None
        return f"\n\n{note}" if note else ""

    def doc_choices():
        return [(f"{row[0]}　{row[1]}", row[0]) for row in documents_rows(library)]

    def preview_files(files):
        paths = [_file_path(f) for f in (files or [])]
        text, ready = preview_markdown(library, paths, max_bytes=max_bytes)
        return text, ready, gr.update(interactive=bool(ready) and writable)

    def add_previewed(ready, progress=gr.Progress()):
        if not ready:
            return "请先选择文件并读取预览。", [], gr.update(interactive=False), documents_rows(library), \
                gr.update(choices=doc_choices())
        text = add_markdown(library, [Path(p) for p in ready], progress)
        if "✓" in text:
            text += changed()
        return text, [], gr.update(interactive=False), documents_rows(library), gr.update(choices=doc_choices())

    def fill_correction(doc_id):
        document = load_corpus(library).document(doc_id) if doc_id else None
        if document is None:
            return [""] * len(_FIELDS)
        values = [getattr(document, name) for name in _FIELDS]
        return [v.isoformat() if isinstance(v, date) else (v or "") for v in values]

    def save_correction(doc_id, *values):
        if not doc_id:
            return "请先选择文件。", documents_rows(library)
        document = load_corpus(library).document(doc_id)
        current = fill_correction(doc_id)
        fields = {name: (value or "").strip() for name, value, before in zip(_FIELDS, values, current)
                  if (value or "").strip() != before}
        if document is None or not fields:
            return "没有改动。", documents_rows(library)
        try:
            correct(library, doc_id, fields)
        except LibraryError as err:
            return f"未更正：{html.escape(str(err))}", documents_rows(library)
        return f"已更正 `{doc_id}`：{'、'.join(fields)}" + changed(), documents_rows(library)

    def remove_document(doc_id):
        if not doc_id:
            return "请先选择文件。", documents_rows(library), gr.update()
        try:
            title = remove(library, doc_id)
        except LibraryError as err:
            return f"未删除：{html.escape(str(err))}", documents_rows(library), gr.update()
        return f"已删除 `{doc_id}`：{html.escape(title)}" + changed(), documents_rows(library), \
            gr.update(choices=doc_choices(), value=None)

    with gr.Tab("文件管理", id="library", elem_id="tab-library"):
        if not writable:
            gr.Markdown("当前使用内置文件夹（只读）。要添加自己的文件，请用 `--corpus-dir` 指定文件库文件夹启动。")
        upload = gr.File(label="选择要添加的文件（PDF、Word .docx、文本、网页；可多选）", file_count="multiple",
                         file_types=sorted(FORMATS), elem_id="library-upload")
        with gr.Row():
            preview_button = gr.Button("读取预览", elem_id="library-preview")
            add_button = gr.Button("确认添加", variant="primary", interactive=False, elem_id="library-add")
        ready = gr.State([])
        preview = gr.Markdown(elem_id="library-preview-text")
        documents = gr.Dataframe(value=documents_rows(library), headers=DOCUMENT_COLUMNS,
                                 interactive=False, label="文件库", elem_id="library-documents")
        with gr.Accordion("更正元数据 / 删除文件", open=False):
            chosen = gr.Dropdown(choices=doc_choices(), label="文件", elem_id="library-doc")
            with gr.Row():
                boxes = [gr.Textbox(label=label, elem_id=f"library-{name}") for name, label in zip(
                    _FIELDS, ("标题", "发文机关", "文号", "地区", "成文日期", "有效期起", "有效期止"))]
            with gr.Row():
                save_button = gr.Button("保存更正", interactive=writable, elem_id="library-save")
                remove_button = gr.Button("删除文件", variant="stop", interactive=writable,
                                          elem_id="library-remove")
            result = gr.Markdown(elem_id="library-result")

        # Changing the library is for the app's own page, never a public API endpoint.
        private = {"api_visibility": "private"}
        preview_button.click(preview_files, [upload], [preview, ready, add_button], **private)
        add_button.click(add_previewed, [ready], [preview, ready, add_button, documents, chosen], **private)
        chosen.change(fill_correction, [chosen], boxes, **private)
        save_button.click(save_correction, [chosen, *boxes], [result, documents], **private)
        remove_button.click(remove_document, [chosen], [result, documents, chosen], **private)
