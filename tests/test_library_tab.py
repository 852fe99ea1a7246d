"""The 文件管理 tab (assistant/library_tab.py): its callbacks in-process, and an upload through gradio's client."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus.parse import DEFAULT_CORPUS_DIR, load_corpus

BUNDLED = sorted(p.stem for p in DEFAULT_CORPUS_DIR.glob("*.txt"))


def _callback(demo, name):
    return next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == name)


def _build(library: Path, changes: list):
    import gradio as gr

    from assistant.library_tab import library_tab

    with gr.Blocks(analytics_enabled=False) as demo:
        with gr.Tabs():
            library_tab(library, on_change=lambda: changes.append(1) or "索引已更新。")
    return demo


def _files(tmp_path: Path) -> list[Path]:
    import docx

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = (DEFAULT_CORPUS_DIR / "changsha-2023.txt").read_text("utf-8")
    word = docx.Document()
    for line in text.replace("长沙", "岳阳").replace("长政办发〔2023〕24号", "岳政办发〔2026〕5号").split("\n"):
        word.add_paragraph(line)
    word.save(inbox / "岳阳行动计划.docx")
    (inbox / "扫描件.pdf").write_bytes(b"")
    (inbox / "长沙副本.txt").write_text(text, "utf-8")
    return [inbox / "岳阳行动计划.docx", inbox / "扫描件.pdf", inbox / "长沙副本.txt"]


def test_preview_then_add_then_correct_then_remove(tmp_path):
    library = tmp_path / "library"
    changes: list = []
    demo = _build(library, changes)
    files = _files(tmp_path)

    text, ready, button = _callback(demo, "preview_files")([str(p) for p in files])
    assert "岳政办发〔2026〕5号" in text and "岳阳" in text and "一、总体目标" in text  # metadata and outline
    assert "岳阳行动计划/1.1" in text                                               # first clauses
    assert "扫描件.pdf：文件是空的" in text and "内容相同" in text and "changsha-2023" in text
    assert ready == [str(files[0])] and button["interactive"] is True
    assert not library.exists()  # a preview writes nothing

    message, ready, _, rows, _ = _callback(demo, "add_previewed")(ready, progress=lambda *a, **k: None)
    assert "已添加 岳阳行动计划.docx" in message and "索引已更新" in message and changes == [1]
    assert [r[0] for r in rows] == BUNDLED + ["岳阳行动计划"] and rows[-1][-1] == "添加"

    values = _callback(demo, "fill_correction")("岳阳行动计划")
    assert values[2] == "岳政办发〔2026〕5号"
    values[2] = "岳政办发〔2026〕8号"
    message, rows = _callback(demo, "save_correction")("岳阳行动计划", *values)
    assert "已更正" in message and rows[-1][2] == "岳政办发〔2026〕8号"
    message, _ = _callback(demo, "save_correction")("岳阳行动计划", *(values[:6] + ["不是日期"]))
    assert message.startswith("未更正") and "不是日期" in message

    message, rows, _ = _callback(demo, "remove_document")("changsha-2023")
    assert "内置文件" in message and len(rows) == len(BUNDLED) + 1
    message, rows, _ = _callback(demo, "remove_document")("岳阳行动计划")
    assert "已删除" in message and [r[0] for r in rows] == BUNDLED
    assert [d.doc_id for d in load_corpus(library).documents] == BUNDLED and changes == [1, 1, 1]


def test_bundled_folder_is_read_only(tmp_path):
    demo = _build(DEFAULT_CORPUS_DIR, [])
    source = tmp_path / "note.txt"
    source.write_text("关于做好统计工作的通知\n各单位应当按月报送服务业统计数据，确保数据真实准确完整。\n", "utf-8")
    _, ready, button = _callback(demo, "preview_files")([str(source)])
    assert ready and button["interactive"] is False


@pytest.mark.slow
def test_the_served_tab_offers_no_public_endpoint_to_change_the_library(tmp_path):
    """Served by Gradio, the tab's callbacks are for its own page only: an API client can neither find nor
    call them, and the library stays as it was (the upload flow itself is tested through the callbacks)."""
    from gradio_client import Client, handle_file

    library = tmp_path / "library"
    demo = _build(library, [])
    demo.queue()
    _, url, _ = demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", quiet=True)
    try:
        client = Client(url, verbose=False)
        assert not client.view_api(print_info=False, return_format="dict")["named_endpoints"]
        with pytest.raises(Exception):
            client.predict([handle_file(str(_files(tmp_path)[0]))], api_name="/preview_files")
    finally:
        demo.close()
    assert "岳阳行动计划" not in [d.doc_id for d in load_corpus(library).documents]
