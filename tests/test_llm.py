"""Generated answers: the verifier on adversarial model output (real clauses from the real parser), the
client against a small OpenAI-compatible server on 127.0.0.1, and the CLI and app end to end."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from assistant.answer import Answer, Citation
from assistant.generate import GENERATED_NOTICE, REJECTED_NOTICE, build_prompt, generate_answer, stream_answer
from assistant.llm import LLMClient, LLMConfig, LLMError, config_from_env
from assistant.retrieve import Hit
from assistant.verify_generated import (DUPLICATE, FIGURE_NOT_IN_CLAUSE, NO_CITATION, NOT_CHINESE, TOO_LONG,
                                        UNKNOWN_CITATION, WRONG_VALIDITY, Source, VerifyConfig, verify)

sys.path.insert(0, str(Path(__file__).parent))
from llm_server import MODEL, FakeLLMServer, running_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 1, 15)  # 长沙's plan in force (until 2026-07-31), 湖南省's expired (2025-12-31)
LOGISTICS = "changsha-2023/2.4"  # ……力争到2025年，社会物流总费用占GDP比重下降至12.8%左右。
CLUSTERS = "changsha-2023/1.3"  # ……高标准建设8个以上省级服务业创新发展区、20个左右生产性服务业集聚区，新增亿元楼宇10栋左右。
TESTING = "wuhan-2024/2.2"  # ……到2027年,全市检验检测机构达到800家以上……占比达到30%以上。
HUNAN = "hunan-2021/2.3.b2"  # ……服务业全员劳动生产率达到17.5万元/人；服务业“四上”企业超过30000家……
QUESTION = "长沙社会物流总费用占GDP比重的目标是多少？"


@pytest.fixture(scope="module")
def corpus():
    from corpus.parse import DEFAULT_CORPUS_DIR, load_corpus
    from corpus.regions import load_regions

    return load_corpus(DEFAULT_CORPUS_DIR, load_regions())


@pytest.fixture(scope="module")
def sources(corpus):
    """[1] 长沙 logistics, [2] 长沙 clusters, [3] 武汉 testing, [4] 湖南省 (expired on TODAY)."""
    out = []
    for n, clause_id in enumerate((LOGISTICS, CLUSTERS, TESTING, HUNAN), start=1):
        clause = corpus.clause(clause_id)
        document = corpus.document(clause.doc_id)
        out.append(Source(n, clause_id, document.title, document.doc_number, clause.section, clause.text,
                          document.in_force(TODAY), document.valid_until))
    return out


def reasons(verdict):
    return [d.reason for d in verdict.dropped]


# --------------------------------------------------------------------------- the verifier

def test_faithful_answer_is_kept_and_citations_renumbered(sources):
    text = ("长沙提出，力争到2025年新增亿元楼宇10栋左右[2]。"
            "到2025年，社会物流总费用占GDP比重下降至12.8%左右[1]。")
    verdict = verify(text, sources)
    assert verdict.dropped == () and verdict.answers
    assert verdict.cited == (2, 1)  # in order of first use
    assert verdict.text == ("长沙提出，力争到2025年新增亿元楼宇10栋左右[1]。"
                            "到2025年，社会物流总费用占GDP比重下降至12.8%左右[2]。")


def test_invented_amount_is_dropped(sources):
    text = "社会物流总费用占GDP比重下降至12.8%左右[1]。对新落户的物流企业给予一次性奖励50万元[1]。"
    verdict = verify(text, sources)
    assert reasons(verdict) == [FIGURE_NOT_IN_CLAUSE]
    assert verdict.dropped[0].detail == "50万元"
    assert "50万元" not in verdict.text and "12.8%" in verdict.text


def test_changed_figure_is_dropped(sources):
    verdict = verify("力争到2025年，社会物流总费用占GDP比重下降至12.5%左右[1]。", sources)
    assert reasons(verdict) == [FIGURE_NOT_IN_CLAUSE] and verdict.dropped[0].detail == "12.5%"
    assert not verdict.answers and verdict.text == ""


def test_figure_cited_to_a_clause_that_does_not_hold_it(sources):
    wrong = verify("长沙将高标准建设8个以上省级服务业创新发展区[1]。", sources)
    right = verify("长沙将高标准建设8个以上省级服务业创新发展区[2]。", sources)
    assert reasons(wrong) == [FIGURE_NOT_IN_CLAUSE]
    assert right.dropped == () and right.cited == (2,)
    # a figure of one clause is fine when the sentence cites both
    both = verify("到2027年检验检测机构达到800家以上，长沙物流费用比重降至12.8%左右[1][3]。", sources)
    assert both.dropped == () and both.text.endswith("[1][2]。")


def test_citation_numbers_that_were_not_offered(sources):
    verdict = verify("新增亿元楼宇10栋左右[5]。社会物流总费用占GDP比重下降至12.8%左右[1,7]。", sources)
    assert reasons(verdict) == [UNKNOWN_CITATION, UNKNOWN_CITATION]
    assert verdict.dropped[1].detail == "[7]"
    assert not verdict.answers


def test_sentences_without_citation(sources):
    text = ("长沙将加快国家骨干冷链物流基地建设。\n"
            "现有政策文件没有规定具体的补贴金额。\n"
            "主要目标如下：\n"
            "- 社会物流总费用占GDP比重下降至12.8%左右[1]。")
    verdict = verify(text, sources)
    assert reasons(verdict) == [NO_CITATION]
    # a plain statement that the documents are silent, and a lead-in, state nothing to check
    assert verdict.text == ("现有政策文件没有规定具体的补贴金额。\n主要目标如下：\n"
                            "- 社会物流总费用占GDP比重下降至12.8%左右[1]。")
    silent_only = verify("现有政策文件没有规定具体的补贴金额。", sources)
    assert silent_only.dropped == () and not silent_only.answers  # nothing cited: does not answer
    # an uncited silence claim that states a figure is still a claim
    assert reasons(verify("文件没有规定2025年以后的目标。", sources)) == [NO_CITATION]


def test_a_list_item_cites_once_at_its_end(sources):
    text = ("《长沙市生产性服务业高质量发展三年行动计划（2023—2025年）》：\n"
            "- 物流服务：加快国家骨干冷链物流基地建设。力争到2025年比重下降至12.8%左右[1]。\n"
            "- 集聚区：新增亿元楼宇12栋。高标准建设20个左右生产性服务业集聚区[2]。\n"
            "- 楼宇：新增亿元楼宇10栋左右。对每栋楼宇奖励100万元[2]。")
    verdict = verify(text, sources)
    # the item's first sentence is checked against the item's citation: 12栋 is not in [2]
    assert reasons(verdict) == [FIGURE_NOT_IN_CLAUSE, FIGURE_NOT_IN_CLAUSE]
    assert [d.detail for d in verdict.dropped] == ["12", "100万元"]
    assert verdict.text == ("《长沙市生产性服务业高质量发展三年行动计划（2023—2025年）》：\n"
                            "- 物流服务：加快国家骨干冷链物流基地建设。力争到2025年比重下降至12.8%左右[1]。\n"
                            "- 高标准建设20个左右生产性服务业集聚区[2]。\n"
                            "- 楼宇：新增亿元楼宇10栋左右。[2]")  # its citation kept when the cited sentence went
    # a lead-in line may only state figures some offered clause holds
    assert reasons(verify("《长沙市2030年规划》：\n- 新增亿元楼宇10栋左右[2]。", sources)) == [NO_CITATION]


def test_english_and_mixed_output(sources):
    text = ("The target is to cut logistics costs to 12.8% of GDP by 2025 [1].\n"
            "长沙的target是cut到12.8% of GDP[1]。\n"
            "社会物流总费用占GDP比重下降至12.8%左右[1]。")
    verdict = verify(text, sources)
    assert reasons(verdict) == [NOT_CHINESE, NOT_CHINESE]
    assert verdict.text == "社会物流总费用占GDP比重下降至12.8%左右[1]。"  # GDP alone is fine


def test_empty_and_punctuation_only_answers(sources):
    for text in ("", "   \n", "。。。", "[1]。"):
        verdict = verify(text, sources)
        assert verdict.text == "" and not verdict.answers and verdict.cited == ()


def test_very_long_answer_is_capped(sources):
    good = "社会物流总费用占GDP比重下降至12.8%左右[1]。"
    looping = good * 200 + "".join(f"第{i}项：新增亿元楼宇10栋左右[2]。" for i in range(1, 3))
    verdict = verify(looping, sources)
    assert verdict.kept == (good,) and reasons(verdict).count(DUPLICATE) == 199
    lines = "\n".join(f"- 推动快递业与制造业协同发展，措施{chr(0x4e00 + i)}[1]。" for i in range(40))
    capped = verify(lines, sources, config=VerifyConfig(max_sentences=12))
    assert len(capped.kept) == 12 and reasons(capped).count(TOO_LONG) == 28


def test_normalised_forms_of_figures(sources):
    forms = ["社会物流总费用占GDP比重下降至１２．８％左右［１］。",  # full-width
             "社会物流总费用占GDP比重下降至 12.8 % 左右 [1]。",  # spaces
             "社会物流总费用占GDP比重下降至百分之十二点八[1]。",  # Chinese numerals
             "力争到２０２５年达到目标。[1]",  # citation after the full stop
             "服务业全员劳动生产率达到17.5万元/人[4]。",
             "服务业“四上”企业超过3万家[4]。",  # 30000家 in the clause
             "服务业“四上”企业超过30,000家[4]。"]
    for text in forms:
        verdict = verify(text, sources)
        assert verdict.dropped == () and verdict.answers, text
    assert verify("服务业全员劳动生产率达到十七点五万元/人[4]。", sources).dropped == ()
    assert reasons(verify("服务业全员劳动生产率达到17.5亿元/人[4]。", sources)) == [FIGURE_NOT_IN_CLAUSE]
    assert reasons(verify("对新落户企业给予二十五万元奖励[4]。", sources)) == [FIGURE_NOT_IN_CLAUSE]
    assert reasons(verify("服务业“四上”企业超过3.5万家[4]。", sources)) == [FIGURE_NOT_IN_CLAUSE]


def test_document_number_dates_and_validity(sources):
    ok = verify("该计划的文号是长政办发〔2023〕24号[1]。该计划有效期至2026年7月31日[2]。"
                "湖南省规划已于2025-12-31失效[4]。", sources)
    assert ok.dropped == (), ok.dropped
    bad = verify("该计划的文号是长政办发〔2023〕25号[1]。该计划有效期至2026年8月31日[1]。"
                 "湖南省规划现行有效[4]。长沙的计划已经失效[1]。", sources)
    assert reasons(bad) == [FIGURE_NOT_IN_CLAUSE, FIGURE_NOT_IN_CLAUSE, WRONG_VALIDITY, WRONG_VALIDITY]
    assert bad.dropped[0].detail == "长政办发〔2023〕25号"


def test_expected_figure_must_survive(sources):
    expected = {("pct", 12.8)}
    reworded = verify("长沙将推动物流降本增效[1]。", sources, expected)
    assert reworded.dropped == () and not reworded.answers
    kept = verify("比重下降至12.8%左右[1]。", sources, expected)
    assert kept.answers


# --------------------------------------------------------------------------- prompt and generation

@pytest.fixture(scope="module")
def extractive(corpus):
    """The extractive answer the system gives for QUESTION, built from the real clauses, with hits."""
    hits = []
    for rank, clause_id in enumerate((LOGISTICS, CLUSTERS, HUNAN), start=1):
        clause = corpus.clause(clause_id)
        hits.append(Hit(rank, 1.0 / rank, clause, corpus.document(clause.doc_id)))
    top = hits[0]
    citation = Citation(1, top.clause.clause_id, top.document.doc_id, top.document.title, top.document.doc_number,
                        top.clause.section, top.clause.text, top.document.in_force(TODAY), top.clause.departments)
    text = "力争到2025年，社会物流总费用占GDP比重下降至12.8%左右[1]。"
    return Answer(QUESTION, text, False, (citation,), "number", tuple(hits))


def test_prompt_holds_question_ask_and_numbered_clauses(extractive):
    prompt = build_prompt(QUESTION, extractive, extractive.hits, places=("长沙",), today=TODAY)
    system, user = (m["content"] for m in prompt.messages)
    assert "只能依据" in system and "[1]…[3]" in system and "已失效" in system
    assert f"问题：{QUESTION}" in user
    assert "具体数字或目标" in user and "涉及地区：长沙" in user
    assert "[1] 《长沙市生产性服务业高质量发展三年行动计划（2023—2025年）》（文号：长政办发〔2023〕24号）" in user
    assert "[3] 《湖南省“十四五”服务业发展规划》（文号：湘政办发〔2021〕40号）" in user
    assert "状态：已失效（有效期至2025年12月31日）" in user and "状态：现行有效（有效期至2026年7月31日）" in user
    assert "12.8%左右" in user and "[4]" not in user
    assert [s.clause_id for s in prompt.sources] == [LOGISTICS, CLUSTERS, HUNAN]
    assert prompt.expected == {("pct", 12.8)}  # the year alone would not answer


def test_declined_answers_are_not_sent(extractive):
    declined = Answer(QUESTION, "现有政策文件没有规定具体的金额。", True, extractive.citations, "amount",
                      extractive.hits)
    assert build_prompt(QUESTION, declined, declined.hits) is None
    with FakeLLMServer() as server:
        result = generate_answer(QUESTION, declined, declined.hits, LLMConfig(server.base_url))
        assert server.requests == []  # nothing was sent
    assert result.answer is declined and not result.generated and result.notice is None


def test_generate_against_a_server(extractive):
    with FakeLLMServer() as server:
        config = LLMConfig(server.base_url)  # no model: the server's first listed model
        result = generate_answer(QUESTION, extractive, extractive.hits, config, today=TODAY)
    assert len(server.requests) == 1 and server.requests[0]["model"] == MODEL
    assert server.requests[0]["stream"] is False
    assert result.generated
    assert "12.8%" in result.answer.text and "50万元" not in result.answer.text
    assert result.dropped == ("对符合条件的企业给予一次性奖励50万元[1]。",)
    assert [c.clause_id for c in result.answer.citations] == [LOGISTICS] and result.answer.citations[0].n == 1
    payload = result.to_json()
    assert payload["generated"] is True and payload["dropped"] == list(result.dropped)
    assert payload["notice"] == "以下回答由模型依据所引条款生成，已删去1句无法在所引条款中核对的内容。"
    assert set(payload) == {"query", "answer", "refused", "status", "rule", "citations", "generated", "dropped", "notice"}


def test_stream_yields_tokens_then_the_verified_answer(extractive):
    with FakeLLMServer() as server:
        items = list(stream_answer(QUESTION, extractive, extractive.hits, LLMConfig(server.base_url, model=MODEL)))
    assert server.requests[0]["stream"] is True
    *pieces, final = items
    assert len(pieces) > 5 and all(isinstance(p, str) for p in pieces)
    streamed = "".join(pieces)
    assert "50万元" in streamed  # what the model said, shown while it comes…
    assert final.generated and "50万元" not in final.answer.text and final.dropped  # …corrected at the end


def test_a_reasoning_models_thinking_is_neither_shown_nor_verified(extractive):
    reply = ("<think>用户问长沙的物流费用目标。条款[1]说12.8%左右，也许还有50万元补贴？</think>\n\n"
             "力争到2025年，长沙社会物流总费用占GDP比重下降至12.8%左右[1]。")
    with FakeLLMServer(reply=reply) as server:
        config = LLMConfig(server.base_url, model=MODEL)
        *pieces, streamed = stream_answer(QUESTION, extractive, extractive.hits, config)
        whole = generate_answer(QUESTION, extractive, extractive.hits, config)
    assert "".join(pieces).strip() == "力争到2025年，长沙社会物流总费用占GDP比重下降至12.8%左右[1]。"
    for result in (streamed, whole):
        assert result.generated and result.dropped == () and result.notice == GENERATED_NOTICE
        assert result.answer.text == "力争到2025年，长沙社会物流总费用占GDP比重下降至12.8%左右[1]。"


def test_a_reply_that_fails_verification_falls_back(extractive):
    invented = "长沙对物流企业给予每家100万元补贴[1]。The answer is 12.8%[1]."
    with FakeLLMServer(reply=invented) as server:
        result = generate_answer(QUESTION, extractive, extractive.hits, LLMConfig(server.base_url, model=MODEL))
    assert not result.generated and result.answer is extractive
    assert result.notice == REJECTED_NOTICE and len(result.dropped) == 2


@pytest.mark.parametrize("mode, reason", [("error", "HTTP 500"), ("malformed", "无法解析"), ("empty", "空回答"),
                                          ("slow", "超时")])
@pytest.mark.parametrize("streamed", [False, True])
def test_server_failures_give_the_extractive_answer_and_a_notice(extractive, mode, reason, streamed):
    with FakeLLMServer(mode=mode, delay=2.0) as server:
        config = LLMConfig(server.base_url, model=MODEL, timeout=0.5, retries=1)
        if streamed:
            *_, result = stream_answer(QUESTION, extractive, extractive.hits, config)
        else:
            result = generate_answer(QUESTION, extractive, extractive.hits, config)
        attempts = len(server.requests)
    assert not result.generated and result.answer is extractive
    assert result.notice.startswith("生成式回答暂不可用") and reason in result.notice
    assert result.notice.endswith("以下为依据原文摘录的回答。")
    if mode in ("error", "slow"):
        assert attempts == 2  # retried once, with backoff


def test_server_down(extractive):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = LLMConfig(f"http://127.0.0.1:{port}/v1", model=MODEL, timeout=2.0, retries=1)
    result = generate_answer(QUESTION, extractive, extractive.hits, config)
    assert not result.generated and "无法连接模型服务" in result.notice and result.answer is extractive
    *_, streamed = stream_answer(QUESTION, extractive, extractive.hits, config)
    assert "无法连接模型服务" in streamed.notice
    # no model configured and none listed: the same notice, not an exception
    with pytest.raises(LLMError, match="无法连接"):
        LLMClient(LLMConfig(f"http://127.0.0.1:{port}/v1", retries=0)).model()


def test_config_from_env():
    assert config_from_env({}) is None  # nothing configured: nothing is sent
    env = {"POLICY_LLM_BASE_URL": "http://10.0.0.5:8000/v1/", "POLICY_LLM_MODEL": "qwen2.5-7b-instruct",
           "POLICY_LLM_API_KEY": "sk-local", "POLICY_LLM_TIMEOUT": "30"}
    config = config_from_env(env)
    assert config == LLMConfig("http://10.0.0.5:8000/v1", "qwen2.5-7b-instruct", "sk-local", 30.0)
    flags = config_from_env(env, base_url="http://127.0.0.1:11434/v1", model="qwen2.5:7b")
    assert (flags.base_url, flags.model, flags.api_key) == ("http://127.0.0.1:11434/v1", "qwen2.5:7b", "sk-local")
    with pytest.raises(ValueError, match="http://"):
        config_from_env({"POLICY_LLM_BASE_URL": "127.0.0.1:11434"})
    with pytest.raises(ValueError, match="秒数"):
        config_from_env({"POLICY_LLM_BASE_URL": "http://x/v1", "POLICY_LLM_TIMEOUT": "soon"})


# --------------------------------------------------------------------------- end to end (real index)

@pytest.fixture(scope="module")
def cli(real_answerer):
    env = dict(os.environ, POLICY_INDEX_DIR=str(real_answerer.retriever.index.folder))
    for name in ("POLICY_LLM_BASE_URL", "POLICY_LLM_MODEL", "POLICY_LLM_API_KEY"):
        env.pop(name, None)

    def run(*args):
        proc = subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env, capture_output=True,
                              timeout=300)
        return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", errors="replace")
    return run


@pytest.mark.slow
def test_cli_ask_with_a_model_server(cli):
    with FakeLLMServer() as server:
        code, out, err = cli("ask", QUESTION, "--llm-base-url", server.base_url, "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["generated"] is True and payload["refused"] is False
    assert "12.8%" in payload["answer"] and "[1]" in payload["answer"]
    assert len(payload["dropped"]) == 1 and "50万元" in payload["dropped"][0]
    assert [c["clause_id"] for c in payload["citations"]] == [LOGISTICS]
    user = server.requests[0]["messages"][1]["content"]
    assert QUESTION in user and "长政办发〔2023〕24号" in user  # the question and the clauses were sent


@pytest.mark.slow
def test_cli_ask_with_the_server_down_answers_extractively(cli):
    with FakeLLMServer() as server:
        url = server.base_url
    code, out, err = cli("ask", QUESTION, "--llm-base-url", url, "--llm-model", MODEL, "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["generated"] is False and "无法连接模型服务" in payload["notice"]
    assert "12.8%" in payload["answer"] and payload["citations"][0]["clause_id"] == LOGISTICS
    code, out, err = cli("ask", QUESTION, "--llm-base-url", url, "--llm-model", MODEL)
    assert code == 0 and out.startswith("（生成式回答暂不可用（无法连接模型服务）") and "12.8%" in out


@pytest.mark.slow
def test_app_streams_then_corrects(real_answerer, tmp_path):
    import app

    with FakeLLMServer() as server:
        demo = app.build_app(real_answerer, tmp_path, llm=LLMConfig(server.base_url, model=MODEL))
        bot = next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == "bot")
        history = [{"role": "user", "content": QUESTION}]
        shown = []  # the answer as displayed at each step (the callback reuses one history list)
        for final, turns in bot(QUESTION, history, [], [], "__all__", False):
            shown.append(final[1]["content"] if len(final) > 1 else "")
    assert any("50万元" in s for s in shown[:-1])  # streamed as it came
    assert all(b.startswith(a) for a, b in zip(shown[:-2], shown[1:-2]))  # growing, token by token
    assert "50万元" not in final[1]["content"] and "12.8%" in final[1]["content"]
    label = "（以下回答由模型依据所引条款生成，已删去1句"
    if date.today() > date(2026, 7, 31):  # the 长沙 plan has ended: its banner comes first
        assert final[1]["content"].startswith("> ⚠ 注意：本回答依据的长沙行动计划已于2026-07-31到期")
        assert label in final[1]["content"]
    else:
        assert final[1]["content"].startswith(label)
    assert len(final) == 3 and final[2].metadata["title"].startswith("[1] 长沙行动计划 · ")
    assert turns[-1].text.endswith("[1]。") and turns[-1].hits == ()


@pytest.mark.slow
def test_app_users_do_not_wait_for_each_other_on_a_slow_server(real_answerer, tmp_path):
    import app

    with FakeLLMServer(mode="slow", delay=1.5) as server:
        demo = app.build_app(real_answerer, tmp_path, llm=LLMConfig(server.base_url, model=MODEL, timeout=20))
        bot = next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == "bot")
        results = {}

        def user(i):
            results[i] = list(bot(QUESTION, [{"role": "user", "content": QUESTION}], [], [], "__all__", False))[-1]
        threads = [threading.Thread(target=user, args=(i,)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert server.max_in_flight == 3  # all three were waiting on the server at once
    assert all("12.8%" in results[i][0][1]["content"] for i in range(3))


@pytest.mark.slow
def test_app_process_configured_from_flags_and_env(real_answerer, tmp_path):
    """`python app.py --llm-base-url …` with the key from the environment: the /chat API answers through
    the model server, verified."""
    from gradio_client import Client

    log_path = tmp_path / "app.log"
    with FakeLLMServer() as server:
        with running_app(real_answerer.retriever.index.folder, log_path, "--llm-base-url", server.base_url,
                         env={"POLICY_LLM_API_KEY": "sk-test-key", "POLICY_LLM_MODEL": MODEL}) as base:
            out = Client(base, verbose=False).predict(QUESTION, api_name="/chat")
    label = "（以下回答由模型依据所引条款生成，已删去1句无法在所引条款中核对的内容。）"
    if date.today() > date(2026, 7, 31):  # the 长沙 plan has ended: its banner line comes first
        assert out.startswith("⚠ 注意：本回答依据的长沙行动计划已于2026-07-31到期") and f"\n\n{label}" in out
    else:
        assert out.startswith(label)
    assert "12.8%" in out and "50万元" not in out and "引用：\n[1] 《长沙市生产性服务业" in out
    assert len(server.requests) == 1 and server.requests[0]["model"] == MODEL
    assert server.authorizations == ["Bearer sk-test-key"]
    assert "sk-test-key" not in log_path.read_text()  # the key is never logged
