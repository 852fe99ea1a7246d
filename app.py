"""Gradio web app: cited policy Q&A (chat), enterprise matching, the targets table and the document library.

Run:  python app.py [--port 7860] [--host 127.0.0.1] [--corpus-dir DIR] [--index-dir DIR] [--encoder NAME]
                   [--auth-file users.txt] [--rate-limit N] [--log-questions] [--allow-download]

The answerer (corpus + index + encoder) is built once in main(); importing this module only imports
Gradio and the light assistant modules. build_app(answerer) lays out the page; each tab is built by one
function (build_chat_tab, build_match_tab, build_targets_tab, build_documents_tab) called inside gr.Tabs().
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
import re
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# Private by default: Gradio's launch telemetry and version check (api.gradio.app, huggingface.co) are
# switched off whatever the environment says. Set before gradio is imported, because gradio's helper
# Blocks read it at creation; build_app passes analytics_enabled=False as well.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
# Gradio's queue re-summarises its last 10,000 events in a pandas table after every event, for the monitoring
# page, which this app does not serve (enable_monitoring=False): 17% of the server's CPU under load (py-spy,
# 4 users). Read when the queue is made; a summary recomputed once in 2**31 events is never recomputed.
os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(2**31))

import gradio as gr  # noqa: E402
import pandas as pd  # noqa: E402

from assistant.conversation import Conversation  # noqa: E402
from assistant.generate import generate_answer, stream_answer  # noqa: E402
from assistant.library_tab import library_tab  # noqa: E402
from assistant.llm import LLMClient, config_from_env  # noqa: E402
from assistant.match import (EXPORT_COLUMNS, INDUSTRIES, NEEDS, PLAN_DIRECTION_NOTE, MatchResult,  # noqa: E402
                             match_measures, measures_to_markdown, measures_to_rows, query_lines)
from assistant.render import expiry_note, short_title  # noqa: E402
from assistant.retrieve import Filters  # noqa: E402
from assistant.smalltalk import EXAMPLE_QUESTIONS  # noqa: E402
from embeddings.batching import BatchingConfig  # noqa: E402

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
# Questions of users asking at the same time are encoded together, up to this many (--encode-batch).
BATCHING = BatchingConfig()

# Access (see README "Privacy and access"): questions per minute per client when serving beyond this
# machine, and the largest request body accepted (a 1,000-character question plus a long chat history
# fits many times over).
DEFAULT_RATE_LIMIT = 30
MAX_REQUEST_BYTES = 1_000_000

DOC_COLUMNS = ["文件", "文号", "发文单位", "地区", "有效期", "状态（今日）", "条款数"]
NARROW_PX = 768  # below this width the page uses the phone layout (filters folded above the chat, cards)


def esc(text: str | None) -> str:
    """Escape <, > and & so user and document text shows literally in Chatbot / Markdown / HTML output.

    Gradio renders message text as Markdown, then sanitised HTML: without this, tags such as <b>
    from a question would become live elements.
    """
    return html.escape(text or "", quote=False)


def attr(text: str | None) -> str:
    """Escape text for an HTML attribute value."""
    return html.escape(text or "", quote=True)


def status_label(in_force: bool | None) -> str:
    return {True: "现行有效", False: "已失效", None: "有效期未知"}[in_force]


def validity_text(document, today: date) -> str:
    """现行有效 / 已于2026-07-31到期 / 有效期未知: a document's validity on a day, with the end date when ended."""
    in_force = document.in_force(today)
    if in_force is False and document.valid_until and document.valid_until < today:
        return f"已于{document.valid_until.isoformat()}到期"
    return status_label(in_force)


# --------------------------------------------------------------------------- formatting (pure)

def validity_badge(in_force: bool | None, valid_until: date | None, today: date | None = None) -> str:
    """A coloured badge: 现行有效 (green), 已于2026-07-31到期 (red), 有效期未知 (grey)."""
    today = today or date.today()
    if in_force is True:
        return '<span class="badge badge-ok">现行有效</span>'
    if in_force is False:
        ended = valid_until is not None and valid_until < today
        label = f"已于{valid_until.isoformat()}到期" if ended else "不在有效期内"
        return f'<span class="badge badge-ended">{label}</span>'
    return '<span class="badge badge-unknown">有效期未知</span>'


def doc_label(document) -> str:
    """A short, unclipped name for a document: 长沙行动计划（2023—2025年）, 湘潭服务业发展规划（十四五）."""
    period = re.search(r"（(\d{4}\s*[—–-]+\s*\d{4}年?)）\s*$", document.title)
    if period:
        return f"{short_title(document)}（{period.group(1)}）"
    return f"{short_title(document)}（十四五）" if "十四五" in document.title else short_title(document)


def heading_of(section: str) -> str:
    """The clause's own heading from a section path string ("二、主要任务 > （四）…" → "（四）…")."""
    return section.split(" > ")[-1] if section else ""


def citation_title(c, document=None, today: date | None = None) -> str:
    """Title of a citation block (HTML): "[1] 长沙行动计划 · （四）强化便利高效的物流服务 · 长政办发〔2023〕24号" and a
    coloured validity badge. Document text is escaped; never the clause id."""
    name = short_title(document) if document is not None else c.doc_title
    parts = [f"[{c.n}] {esc(name)}", esc(heading_of(c.section)), esc(c.doc_number or "无文号")]
    return " · ".join(p for p in parts if p) + " " + validity_badge(c.in_force, getattr(c, "valid_until", None), today)


def citation_body(c) -> str:
    """Plain body of a citation block: the clause text, then its responsible departments."""
    body = c.text.strip()
    if c.departments and not any(word in body for word in ("责任单位", "牵头单位")):
        body += f"\n\n责任单位：{'、'.join(c.departments)}"
    return body


def ended_notes(citations, documents: dict, today: date) -> list[str]:
    """"长沙行动计划已于2026-07-31到期" for each ended document an answer cites, in order of citation."""
    notes: list[str] = []
    for c in citations:
        document = documents.get(c.doc_id)
        note = expiry_note(document, today).strip("（）") if document is not None else ""
        if note and note not in notes:
            notes.append(note)
    return notes


def expiry_banner(notes: list[str]) -> str:
    """The banner line at the top of an answer resting on ended plans (plain text, no markup)."""
    if not notes:
        return ""
    return f"⚠ 注意：本回答依据的{'；'.join(notes)}，内容仅供参考，请以现行政策为准。"


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


# --------------------------------------------------------------------------- views (pure HTML)

def match_html(result: MatchResult) -> str:
    """The matching result as HTML cards: the query, the expiry banner, the note on plan directions, then
    one card per measure (rank, heading, needs, the sentence, document, level, validity, who to ask, and
    the full clause folded)."""
    query = "".join(f'<span class="query-item"><b>{esc(label)}</b>：{esc(value)}</span>'
                    for label, value in query_lines(result))
    parts = [f'<div class="match-query">{query}</div>']
    if result.ended:
        parts.append(f'<div class="expiry-banner">⚠ 注意：{esc("；".join(result.ended))}。'
                     f'出自到期文件的措施仅供参考。</div>')
    if not result.measures:
        parts.append(f'<p class="match-empty">{esc(result.empty_reason)}</p>')
        return "\n".join(parts)
    parts.append(f'<p class="match-count">共 <b>{len(result.measures)}</b> 条措施，按与行业和需求的相关程度排序'
                 f'（本行业的专门条款在前，本市文件先于省级文件）。</p>')
    parts.append(f'<div class="plan-note">{esc(PLAN_DIRECTION_NOTE)}</div>')
    for m in result.measures:
        needs = "".join(f'<span class="need-tag">{esc(n)}</span>' for n in m.need_labels)
        if not needs:
            needs = '<span class="need-tag need-industry">行业措施</span>' if m.industry_heading else ""
        badge = validity_badge(m.in_force, m.valid_until, result.on)
        full = esc(m.text.strip()).replace("\n", "<br>")
        parts.append(
            f'<div class="measure-card" data-rank="{m.rank}">'
            f'<div class="measure-head"><span class="measure-rank">{m.rank}</span>'
            f'<span class="measure-title">{esc(m.section)}</span> {needs}</div>'
            f'<div class="measure-doc">{esc(m.doc_short)} · {esc(m.level)} · {esc(m.doc_number or "无文号")} {badge}</div>'
            f'<p class="measure-summary">{esc(m.summary)}</p>'
            f'<div class="measure-contact"><b>咨询</b>：{esc(m.contact)}</div>'
            f'<details class="measure-full"><summary>查看条款原文（《{esc(m.doc_title)}》'
            f'{esc(" > ".join(m.section_path))}）</summary><p>{full}</p></details></div>')
    return "\n".join(parts)


def documents_html(documents, clause_counts: dict[str, int], today: date) -> str:
    """The library as a table that turns into cards on narrow screens (each cell labelled)."""
    rows = []
    for d in documents:
        period = f"{d.valid_from.isoformat() if d.valid_from else '未注明'} — " \
                 f"{d.valid_until.isoformat() if d.valid_until else '未注明'}"
        cells = [("文件", f"<b>{esc(d.title)}</b>"), ("文号", esc(d.doc_number or "无文号")),
                 ("发文单位", esc(d.issuer or "未注明")), ("地区", esc(d.region or "未注明")), ("有效期", esc(period)),
                 ("状态（今日）", validity_badge(d.in_force(today), d.valid_until, today)),
                 ("条款数", str(clause_counts.get(d.doc_id, 0)))]
        rows.append("<tr>" + "".join(f'<td data-label="{attr(label)}">{value}</td>' for label, value in cells) + "</tr>")
    head = "".join(f"<th>{esc(c)}</th>" for c in DOC_COLUMNS)
    return (f'<table class="doc-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f'<p class="doc-table-note">有效状态按今天（{today.isoformat()}）计算。</p>')


@dataclass
class OutlineNode:
    """One heading of a document's outline, the clauses it heads, and the headings under it."""

    heading: str
    anchor: str
    clauses: list = dataclasses.field(default_factory=list)
    children: list = dataclasses.field(default_factory=list)


def build_outline(doc_id: str, clauses) -> list[OutlineNode]:
    """The document's own outline: every heading once, with its clause text and its sub-headings.

    A clause's last heading is usually its own first words ("1.发展文化旅游业……"); its bullets
    ("——优化文旅产业布局") sit under the same node, so that heading is shown once, not again before them.
    """
    nodes: dict[tuple[str, ...], OutlineNode] = {}
    top: list[OutlineNode] = []
    for clause in clauses:
        path = clause.section_path or ("正文",)
        for depth in range(1, len(path) + 1):
            prefix = path[:depth]
            if prefix in nodes:
                continue
            node = OutlineNode(prefix[-1], f"sec-{doc_id}-{len(nodes) + 1}")
            nodes[prefix] = node
            (nodes[prefix[:-1]].children if depth > 1 else top).append(node)
        nodes[path].clauses.append(clause)
    return top


def clause_display_text(clause, heading: str) -> str:
    """The clause text without its own heading at the start (the heading is the node's title), plus its
    responsible departments when the text does not list them."""
    text = clause.text.strip()
    if heading and text.startswith(heading):
        text = text[len(heading):].lstrip("。：: ")
    if clause.departments and not any(word in clause.text for word in ("责任单位", "牵头单位")):
        text += f"\n（责任单位：{'、'.join(clause.departments)}）"
    return text


def _mark(text: str, needle: str) -> str:
    """Escaped text with each occurrence of needle wrapped in <mark>."""
    if not needle:
        return esc(text)
    return "".join(f"<mark>{esc(part)}</mark>" if i % 2 else esc(part)
                   for i, part in enumerate(re.split(f"({re.escape(needle)})", text)))


def outline_html(document, clauses, today: date, search: str = "") -> str:
    """One document: its header with a validity badge (and the expiry banner), a table of contents, then
    each heading as a folded block; with search, only the clauses holding the words, highlighted."""
    note = expiry_note(document, today).strip("（）")
    head = [f'<div class="doc-head"><h2>《{esc(document.title)}》</h2>'
            f'<div class="doc-meta">{esc(document.doc_number or "无文号")} · {esc(document.issuer or "发文单位未注明")} '
            f'{validity_badge(document.in_force(today), document.valid_until, today)}'
            + (f'（{esc(document.validity_text)}）' if document.validity_text else "") + "</div></div>"]
    if note:
        head.append(f'<div class="expiry-banner">⚠ 注意：{esc(note)}，文件内容仅供参考。</div>')
    outline = build_outline(document.doc_id, clauses)
    search = (search or "").strip()
    if search:
        return "\n".join(head + [_search_html(outline, search)])
    toc = ['<details class="doc-toc" open><summary class="toc-title">目录</summary><ol>']
    for node in outline:
        toc.append(f'<li><a class="toc-link" href="#{node.anchor}" data-target="{node.anchor}">{esc(node.heading)}</a>')
        if node.children:
            toc.append("<ol>" + "".join(
                f'<li><a class="toc-link" href="#{child.anchor}" data-target="{child.anchor}">{esc(child.heading)}</a></li>'
                for child in node.children) + "</ol>")
        toc.append("</li>")
    toc.append("</ol></details>")
    body = ['<div class="doc-body">'] + [_node_html(node, 0) for node in outline] + ["</div>"]
    return "\n".join(head + ['<div class="doc-layout">'] + toc + body + ["</div>"])


def _node_html(node: OutlineNode, depth: int) -> str:
    texts = [clause_display_text(c, node.heading) for c in node.clauses]
    paragraphs = "".join(f'<p class="clause-text">{esc(t).replace(chr(10), "<br>")}</p>' for t in texts if t)
    children = "".join(_node_html(child, depth + 1) for child in node.children)
    if not paragraphs and not children:
        return f'<div class="outline-leaf level-{depth}" id="{node.anchor}">{esc(node.heading)}</div>'
    return (f'<details class="outline-node level-{depth}" id="{node.anchor}"><summary>{esc(node.heading)}</summary>'
            f'<div class="outline-body">{paragraphs}{children}</div></details>')


def _search_html(outline: list[OutlineNode], search: str) -> str:
    found = []

    def walk(node: OutlineNode, path: tuple[str, ...]):
        path = path + (node.heading,)
        for clause in node.clauses:
            text = clause_display_text(clause, node.heading)
            if search in text or search in node.heading:
                found.append((path, text))
        for child in node.children:
            walk(child, path)

    for node in outline:
        walk(node, ())
    if not found:
        return f'<p class="search-count">文件中没有找到“{esc(search)}”。</p>'
    items = "".join(f'<div class="search-hit"><div class="hit-path">{_mark(" › ".join(path), search)}</div>'
                    f'<p class="clause-text">{_mark(text, search).replace(chr(10), "<br>")}</p></div>'
                    for path, text in found)
    return f'<p class="search-count">“{esc(search)}”出现在 <b>{len(found)}</b> 个条款中：</p>{items}'


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
        self.documents = {d.doc_id: d for d in self.corpus.documents}

    def swap(self, answerer) -> str:
        """Serve from a new answerer (the library changed and its index was brought up to date). Questions
        in flight finish on the old one; the next question uses the new one."""
        with self._lock:
            self.answerer = answerer
            self.corpus = answerer.retriever.corpus
            self.titles = {d.doc_id: d.title for d in self.corpus.documents}
            self.documents = {d.doc_id: d for d in self.corpus.documents}
        return f"索引已更新，问答现在依据 {len(self.corpus.documents)} 份文件。"

    def doc_choices(self) -> list[tuple[str, str]]:
        """(short label, doc_id) for dropdowns: short enough not to be cut on a phone."""
        return [(doc_label(d), d.doc_id) for d in self.corpus.documents]

    # -- filters ------------------------------------------------------------------------------

    def resolve_document(self, document: str | None) -> str | None:
        """A doc_id from a dropdown value, doc_id, title or short label; None = all documents."""
        if not document or document in (ALL_DOCS, "全部文件"):
            return None
        name = document.strip().strip("《》")
        for d in self.corpus.documents:
            if name in (d.doc_id, d.title, doc_label(d)):
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
        # Encoded outside the lock: questions arriving together share one encoder call (BatchingEncoder),
        # and the answer under the lock finds the vector cached. A follow-up is resolved, and encoded, inside.
        conversation.answerer.encode_ahead(question.strip())
        with self._lock:
            answer = conversation.ask(question.strip(), filters)
            note = self.place_note(question, filters, answer)
        if note:
            answer = dataclasses.replace(answer, text=f"{note}\n\n{answer.text}")
            conversation.turns[-1] = answer
        # hits are only for debugging/eval: drop them so the session state stays small
        kept = [dataclasses.replace(a, hits=()) for a in conversation.turns[-MAX_TURNS_KEPT:]]
        return answer, kept

    def banner(self, answer, today: date | None = None) -> str:
        """The expiry banner for an answer citing ended plans ("" when every cited plan is in force)."""
        return expiry_banner(ended_notes(answer.citations, self.documents, today or date.today()))

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
        if self.llm and not answer.refused and answer.intent != "smalltalk":
            generation = generate_answer(question, answer, answer.hits, self.llm, self.llm_client,
                                         self.answerer.retriever.parser.parse(question).regions)
            answer, notice = generation.answer, generation.notice
        text = answer_to_plain_text(answer)
        text = f"（{notice}）\n\n{text}" if notice else text
        banner = self.banner(answer)  # on top, as in the chat
        text = f"{banner}\n\n{text}" if banner else text
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

    def match(self, city, industry, needs, description, in_force_only, today: date | None = None):
        """(result HTML, csv path, md path); paths are None when there is nothing to export."""
        if not city or not industry:
            return '<p class="match-empty">请先选择<b>所在城市</b>和<b>所属行业</b>，再点击“匹配政策”。</p>', None, None
        needs = [n for n in (needs or []) if n in NEEDS]
        description = (description or "").strip()[:MAX_QUESTION_CHARS]
        with self._lock:
            result = match_measures(self.answerer, city, industry, needs, description,
                                    in_force_only=bool(in_force_only), today=today)
        page = match_html(result)
        if not result.measures:
            return page, None, None
        folder = Path(tempfile.mkdtemp(prefix="match-", dir=self.export_dir))
        stamp = f"{result.city}-{result.industry.replace('/', '_')}-{result.on.isoformat()}"
        csv_path = folder / f"政策匹配-{stamp}.csv"
        with csv_path.open("w", encoding="utf-8-sig", newline="") as f:  # utf-8-sig: opens in Excel
            writer = csv.writer(f)
            writer.writerow(["企业政策匹配结果"])
            writer.writerows([label, value] for label, value in query_lines(result))
            if result.ended:
                writer.writerow(["注意", "；".join(result.ended)])
            writer.writerow(["说明", PLAN_DIRECTION_NOTE])
            writer.writerow([])
            writer.writerow(EXPORT_COLUMNS)
            writer.writerows(measures_to_rows(result))
        md_path = folder / f"政策匹配-{stamp}.md"
        md_path.write_text(measures_to_markdown(result), encoding="utf-8")
        return page, str(csv_path), str(md_path)

    # -- documents ----------------------------------------------------------------------------

    def library_html(self, today: date | None = None) -> str:
        counts = {d.doc_id: len(self.corpus.clauses_of(d.doc_id)) for d in self.corpus.documents}
        return documents_html(self.corpus.documents, counts, today or date.today())

    def outline(self, doc_id: str | None, search: str = "", today: date | None = None) -> str:
        """A document's outline as HTML (table of contents, folded headings), or its search results."""
        if not doc_id or doc_id == ALL_DOCS:
            return '<p class="doc-hint">请选择一份文件查看目录和条款。</p>'
        document = self.corpus.document(doc_id)
        if document is None:
            return '<p class="doc-hint">未找到该文件。</p>'
        return outline_html(document, self.corpus.clauses_of(doc_id), today or date.today(),
                            (search or "").strip()[:100])


# --------------------------------------------------------------------------- UI: page style and scripts

# Passed to launch(css=...). Badges and banners; the phone layout (filters folded above the chat, tables as
# cards, nothing cut); the filters column sits right of the chat on wide screens and first (above) on narrow.
CSS = f"""
.badge {{ display: inline-block; padding: 0 .5em; border-radius: .8em; font-size: .85em; line-height: 1.6;
          white-space: nowrap; font-weight: 600; }}
.badge-ok {{ background: #dcfce7; color: #166534; }}
.badge-ended {{ background: #fee2e2; color: #991b1b; }}
.badge-unknown {{ background: #e5e7eb; color: #374151; }}
.expiry-banner, #chatbot blockquote {{ background: #fef3c7; border-left: 4px solid #d97706; color: #78350f;
          padding: .4em .7em; margin: 0 0 .6em 0; border-radius: 4px; }}
.plan-note {{ background: #eff6ff; border-left: 4px solid #3b82f6; padding: .4em .7em; border-radius: 4px; margin: .5em 0; }}
#scope-note {{ font-size: .9em; }}
#filters-col {{ order: 2; }}
#chat-col {{ order: 1; }}
.match-query {{ display: flex; flex-wrap: wrap; gap: .3em 1.2em; margin-bottom: .5em; }}
.measure-card {{ border: 1px solid var(--border-color-primary, #e5e7eb); border-radius: 8px; padding: .6em .8em;
                 margin: .6em 0; }}
.measure-head {{ font-weight: 600; display: flex; flex-wrap: wrap; gap: .4em; align-items: baseline; }}
.measure-rank {{ display: inline-block; min-width: 1.6em; text-align: center; border-radius: 50%;
                 background: #1d4ed8; color: #fff; font-size: .85em; }}
.need-tag {{ background: #e0e7ff; color: #3730a3; border-radius: .8em; padding: 0 .5em; font-size: .85em; font-weight: 500; }}
.need-industry {{ background: #ede9fe; color: #5b21b6; }}
.measure-doc, .measure-contact {{ font-size: .9em; color: var(--body-text-color-subdued, #4b5563); }}
.measure-summary {{ margin: .3em 0; }}
.measure-full summary, .outline-node > summary {{ cursor: pointer; }}
.doc-table {{ width: 100%; border-collapse: collapse; }}
.doc-table th, .doc-table td {{ border-bottom: 1px solid var(--border-color-primary, #e5e7eb); padding: .35em .5em;
                                text-align: left; vertical-align: top; overflow-wrap: anywhere; }}
.doc-toc ol {{ margin: .2em 0 .2em 1em; padding: 0; list-style: none; }}
.doc-toc {{ border: 1px solid var(--border-color-primary, #e5e7eb); border-radius: 8px; padding: .5em .8em; margin: .5em 0; }}
.toc-title {{ font-weight: 600; }}
.outline-node {{ margin: .25em 0 .25em calc(var(--depth, 0) * 1em); }}
.outline-node > summary {{ font-weight: 600; }}
.outline-node.level-1, .outline-node.level-2, .outline-node.level-3 {{ margin-left: 1em; }}
.outline-leaf {{ font-weight: 600; margin: .25em 0; }}
.clause-text {{ margin: .3em 0 .5em 0; overflow-wrap: anywhere; }}
.search-hit {{ border-bottom: 1px solid var(--border-color-primary, #e5e7eb); padding: .3em 0; }}
.hit-path {{ font-size: .85em; color: var(--body-text-color-subdued, #4b5563); }}
#doc-dd input {{ font-size: .92em; }}
@media (min-width: {NARROW_PX}px) {{
  /* the table of contents beside the text, staying in view while reading */
  .doc-layout {{ display: grid; grid-template-columns: minmax(220px, 300px) 1fr; gap: 1em; align-items: start; }}
  .doc-layout .doc-toc {{ position: sticky; top: .5em; max-height: 85vh; overflow-y: auto; margin: 0; }}
}}
.doc-body {{ min-width: 0; }}
@media (max-width: {NARROW_PX - 1}px) {{
  #filters-col {{ order: 0; min-width: 100% !important; }}
  #chat-col {{ order: 1; min-width: 100% !important; }}
  .doc-table thead {{ display: none; }}
  .doc-table, .doc-table tbody, .doc-table tr, .doc-table td {{ display: block; width: 100%; }}
  .doc-table tr {{ border: 1px solid var(--border-color-primary, #e5e7eb); border-radius: 8px; margin: .5em 0;
                   padding: .3em .5em; box-sizing: border-box; }}
  .doc-table td {{ border: none; padding: .15em 0; }}
  .doc-table {{ border: none !important; }}
  .doc-table td::before {{ content: attr(data-label) "："; color: var(--body-text-color-subdued, #6b7280); }}
  #app-header h1 {{ font-size: 1.4em; }}
  /* all four tabs in one line at 390 px (Gradio moves tabs that do not fit into a "…" menu) */
  #tabs .tab-container button {{ padding: 0 6px !important; font-size: 14px !important; min-width: 0 !important; }}
}}
"""

# Passed to launch(head=...): the chat keeps the start of the newest answer in view, a table-of-contents
# link opens the folded heading it points to, and on a phone the filters start folded.
HEAD = """
<script>
window.policyApp = {
  scrollable(el) {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (/(auto|scroll)/.test(style.overflowY) && box.scrollHeight > box.clientHeight + 2) return box;
    }
    return null;
  },
  // 'question': the newest question at the top of the chat box; 'answer': the start of the newest answer.
  scrollChat(mode) {
    const chat = document.querySelector('#chatbot');
    if (!chat) return;
    const questions = chat.querySelectorAll('.user-row');
    const question = questions[questions.length - 1];
    if (!question) return;
    let target = question;
    if (mode === 'answer') {
      const answer = Array.from(chat.querySelectorAll('.bot-row .message:not(.thought)')).find(
        (el) => question.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      if (answer) target = answer;
    }
    const box = policyApp.scrollable(target);
    if (box) box.scrollTop += target.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    const top = target.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.7) window.scrollBy(0, top - 60);
  },
  afterAnswer() {  // the last update may still be rendering: settle, then scroll (idempotent)
    for (const delay of [50, 300, 800]) setTimeout(() => policyApp.scrollChat('answer'), delay);
  },
  afterQuestion() { setTimeout(() => policyApp.scrollChat('question'), 50); },
  foldFiltersOnPhone() {
    if (window.innerWidth >= %(narrow)d) return;
    const toggle = document.querySelector('#filters-acc > button, #filters-acc .label-wrap');
    if (toggle && toggle.classList.contains('open')) toggle.click();
    // the question box's autofocus scrolls the page past the filters and opens the keyboard: undo on a phone
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    window.scrollTo(0, 0);
  },
};
document.addEventListener('click', (event) => {
  const link = event.target.closest && event.target.closest('a.toc-link');
  if (!link) return;
  event.preventDefault();
  const target = document.getElementById(link.dataset.target);
  if (!target) return;
  for (let el = target; el; el = el.parentElement) if (el.tagName === 'DETAILS') el.open = true;
  target.scrollIntoView({block: 'start'});
});
</script>
""" % {"narrow": NARROW_PX}
SCROLL_TO_QUESTION = "() => { window.policyApp && window.policyApp.afterQuestion(); }"
SCROLL_TO_ANSWER = "() => { window.policyApp && window.policyApp.afterAnswer(); }"
FOLD_FILTERS = "() => { window.policyApp && window.policyApp.foldFiltersOnPhone(); }"


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


@dataclass(frozen=True)
class Access:
    """Per-client question limits and question logging, shared by every tab that takes a question."""

    limiter: object = None  # an assistant.ratelimit.SlidingWindowLimiter, or None for no limit
    log_questions: bool = False

    def refusal(self, request, question: str | None, what: str = "question") -> str | None:
        """The Chinese message when the client is over its question limit, else None; logs the question
        text only with log_questions."""
        client = client_id(request)
        if self.log_questions:
            log.info("%s from %s: %r", what, client, question)
        if self.limiter is None:
            return None
        decision = self.limiter.hit(client)
        if decision.allowed:
            return None
        log.warning("rate limit reached for %s", client)
        return RATE_LIMITED.format(limit=self.limiter.limit, seconds=max(1, math.ceil(decision.retry_after)))

    def quoted(self, question) -> str:
        return f" for question {(question or '')[:200]!r}" if self.log_questions else ""


@dataclass(frozen=True)
class ChatHandles:
    """The chat tab's components other tabs act on (ask about a document sets the filters)."""

    chatbot: gr.Chatbot
    question: gr.Textbox
    regions: gr.Dropdown
    document: gr.Dropdown
    only_in_force: gr.Checkbox
    api: object  # the /chat endpoint's function, registered by build_app outside the tabs


def scope_note(backend: PolicyBackend, regions, document, only_in_force) -> str:
    """One line above the chat saying which documents the next answer draws on."""
    parts = []
    try:
        doc_id = backend.resolve_document(document)
    except ValueError:
        doc_id = None
    if doc_id:
        parts.append(f"文件：{doc_label(backend.documents[doc_id])}")
    if regions:
        parts.append(f"地区：{'、'.join(regions)}")
    if only_in_force:
        parts.append("只看现行有效文件")
    return f"当前只在以下范围内回答（{'；'.join(parts)}），可在“筛选范围”中修改。" if parts else ""


# --------------------------------------------------------------------------- UI: the page and its tabs

def build_app(answerer, export_dir: Path | None = None, llm=None, *, limiter=None,
              log_questions: bool = False, library_dir: Path | None = None, reopen=None) -> gr.Blocks:
    """The app. llm: an assistant.llm.LLMConfig for generated answers (None: extractive only, nothing sent);
    limiter: an assistant.ratelimit.SlidingWindowLimiter counting questions per client (None: no limit);
    log_questions: write question text to the log (off: questions can be confidential);
    library_dir: the user's library, managed in the 文件管理 tab (None: no such tab); reopen: a callable that
    opens an answerer on the changed library (its index updated in place), swapped in after each change.

    Each tab is one call inside gr.Tabs(); a new tab is mounted the same way (build_x_tab(backend, ...))."""
    backend = PolicyBackend(answerer, export_dir, llm)
    access = Access(limiter, log_questions)
    chat_limit = LLM_CHAT_CONCURRENCY if llm else CHAT_CONCURRENCY

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"# {TITLE}\n"
                    "依据长沙、株洲、湘潭、湖南省、武汉五份生产性服务业/服务业政策文件作答，"
                    "每句结论都标注引用编号，可展开查看原文条款。文件没有规定的内容会如实说明。",
                    elem_id="app-header")
        with gr.Tabs(selected="chat", elem_id="tabs") as tabs:
            chat = build_chat_tab(backend, access, chat_limit)
            build_match_tab(backend, access, chat_limit)
            build_targets_tab(backend.corpus, backend.export_dir)
            build_documents_tab(backend, tabs, chat)
            if library_dir is not None:
                library_tab(library_dir, on_change=(lambda: backend.swap(reopen())) if reopen else None)
        demo.load(None, None, None, js=FOLD_FILTERS)
        # Single-question API: Client(url).predict("问题", api_name="/chat") -> str
        gr.api(chat.api, api_name="chat", concurrency_limit=chat_limit, concurrency_id="chat")
    return demo


def build_chat_tab(backend: PolicyBackend, access: Access, chat_limit: int) -> ChatHandles:
    """The 政策问答 tab: the chat, its filters (folded above the chat on a phone), examples; and the /chat API."""

    def bot(question, history, turns, regions, document, only_in_force, request: gr.Request = None):
        """Generator: stream the answer into the chat (an expiry banner first when it rests on an ended plan),
        then add one collapsible block per citation."""
        history = list(history or [])
        try:
            problem = question_problem(question) or access.refusal(request, question)
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
            if backend.llm and not answer.refused and answer.intent != "smalltalk":
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
                banner = backend.banner(answer)
                history[-1] = {"role": "assistant", "content": (f"> {esc(banner)}\n\n" if banner else "") + esc(text)}
            else:
                banner = backend.banner(answer)
                head = f"> {esc(banner)}\n\n" if banner else ""
                for partial in stream_chunks(text):
                    history[-1] = {"role": "assistant", "content": head + esc(partial)}
                    yield history, turns
                    time.sleep(STREAM_DELAY)
            today = date.today()
            for c in answer.citations:
                title = citation_title(c, backend.documents.get(c.doc_id), today)
                history.append(gr.ChatMessage(role="assistant", content=esc(citation_body(c)),
                                              metadata={"title": title, "status": "done"}))
            yield history, new_turns
        except Exception:  # never crash the chat: log it and say so in Chinese
            log.exception("chat callback failed%s", access.quoted(question))
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
            problem = None if question_problem(question) else access.refusal(request, question, "API question")
            return problem or backend.chat_text(question, regions, document, only_in_force)
        except Exception:
            log.exception("chat API failed%s", access.quoted(question))
            return ERROR_MESSAGE

    def show_scope(regions, document, only_in_force):
        note = scope_note(backend, regions, document, only_in_force)
        return gr.Markdown(note, visible=bool(note))

    examples = "\n".join(f"- {q}" for q in EXAMPLE_QUESTIONS)
    with gr.Tab("政策问答", id="chat", elem_id="tab-chat"):
        with gr.Row(elem_id="chat-row"):
            # first in the page so that on a phone the (folded) filters come above the chat; CSS puts
            # the column on the right on wide screens
            with gr.Column(scale=1, min_width=300, elem_id="filters-col"):
                with gr.Accordion("筛选范围（地区、文件、有效性）", open=True, elem_id="filters-acc"):
                    regions = gr.Dropdown(REGIONS, value=[], multiselect=True, label="地区（可多选，不选为全部）",
                                          elem_id="region-dd")
                    document = gr.Dropdown([("全部文件", ALL_DOCS)] + backend.doc_choices(), value=ALL_DOCS,
                                           label="文件", elem_id="doc-dd")
                    only_in_force = gr.Checkbox(value=False, label="只看现行有效文件", elem_id="inforce-cb")
                    gr.Markdown("可以接着追问，例如“那株洲呢？”“这项由哪个部门负责？”。", elem_id="followup-hint")
            with gr.Column(scale=3, min_width=300, elem_id="chat-col"):
                scope = gr.Markdown("", elem_id="scope-note", visible=False)
                chatbot = gr.Chatbot(label="对话", elem_id="chatbot", height=520, buttons=["copy"],
                                     autoscroll=False,  # the page scrolls to the newest answer's start itself
                                     placeholder=f"请在下方输入问题，或点击示例问题。例如：\n\n{examples}")
                with gr.Row():
                    msg = gr.Textbox(label="问题", show_label=False, elem_id="question", scale=6, min_width=160,
                                     placeholder="请输入政策问题", autofocus=True, max_lines=6)
                    send = gr.Button("发送", variant="primary", elem_id="send-btn", scale=1, min_width=64)
                gr.Markdown("回车发送，每个问题不超过1000字。", elem_id="question-hint")
                with gr.Row():
                    gr.Examples(examples=[[q] for q in ENTERPRISE_EXAMPLES], inputs=[msg],
                                label="企业常问", elem_id="examples-enterprise")
                    gr.Examples(examples=[[q] for q in OFFICIAL_EXAMPLES], inputs=[msg],
                                label="机关工作人员常问", elem_id="examples-official")
                clear = gr.Button("清空对话", elem_id="clear-btn", size="sm", variant="secondary")
        turns = gr.State([])
        pending = gr.State("")

        submit = dict(fn=add_user_message, inputs=[msg, chatbot], outputs=[msg, chatbot, pending],
                      validator=validate_question, queue=True, api_visibility="private")
        for event in (msg.submit(**submit), send.click(**submit)):
            event.success(None, None, None, js=SCROLL_TO_QUESTION, queue=False, api_visibility="private")
            event.success(bot, [pending, chatbot, turns, regions, document, only_in_force],
                          [chatbot, turns], api_visibility="private", concurrency_limit=chat_limit,
                          concurrency_id="chat", show_progress="minimal"
                          ).then(lambda: gr.Textbox(interactive=True), None, msg, queue=False,
                                 api_visibility="private"
                                 ).then(None, None, None, js=SCROLL_TO_ANSWER, queue=False, api_visibility="private")
        clear.click(lambda: ([], [], ""), None, [chatbot, turns, msg], queue=False, api_visibility="private")
        # the Chatbot's own trash button empties the chat; forget the turns with it
        chatbot.clear(lambda: [], None, turns, queue=False, api_visibility="private")
        gr.on([regions.change, document.change, only_in_force.change], show_scope,
              [regions, document, only_in_force], scope, queue=False, api_visibility="private")

    return ChatHandles(chatbot, msg, regions, document, only_in_force, chat)


def build_match_tab(backend: PolicyBackend, access: Access, chat_limit: int) -> None:
    """The 企业政策匹配 tab: city, industry and needs → ranked measures as cards, exported as CSV / Markdown."""

    def run_match(city, industry, needs, description, in_force_only, request: gr.Request = None):
        try:
            problem = access.refusal(request, description, "match") if city and industry else None
            page, csv_path, md_path = (f'<p class="match-empty">{esc(problem)}</p>', None, None) if problem else \
                backend.match(city, industry, needs, description, in_force_only)
        except Exception:
            log.exception("enterprise match failed")
            page, csv_path, md_path = '<p class="match-empty">抱歉，匹配时出错了，请稍后重试。</p>', None, None
        return (page, gr.DownloadButton(value=csv_path, visible=csv_path is not None),
                gr.DownloadButton(value=md_path, visible=md_path is not None))

    with gr.Tab("企业政策匹配", id="match", elem_id="tab-match"):
        gr.Markdown("选择企业所在城市、行业和需求，按相关程度列出适用的政策措施（含所在省的文件）。")
        with gr.Row():
            city = gr.Dropdown(CITIES, value=None, label="所在城市（必选）", elem_id="city-dd", min_width=160)
            industry = gr.Dropdown(INDUSTRIES, value=None, label="所属行业（必选）", elem_id="industry-dd",
                                   min_width=160)
        needs = gr.CheckboxGroup(list(NEEDS), label="需求（可多选）", elem_id="needs-cbg")
        description = gr.Textbox(label="企业情况（选填）", lines=2, max_lines=6, elem_id="desc-tb",
                                 placeholder="例如：做冷链物流的中小企业")
        match_in_force = gr.Checkbox(value=False, label="只看现行有效文件", elem_id="match-inforce-cb")
        match_btn = gr.Button("匹配政策", variant="primary", elem_id="match-btn")
        match_result = gr.HTML(elem_id="match-result")
        with gr.Row():
            csv_btn = gr.DownloadButton("导出 CSV", visible=False, elem_id="match-csv")
            md_btn = gr.DownloadButton("导出 Markdown", visible=False, elem_id="match-md")
        match_btn.click(run_match, [city, industry, needs, description, match_in_force],
                        [match_result, csv_btn, md_btn], api_visibility="private",
                        concurrency_limit=chat_limit, concurrency_id="chat")


def build_documents_tab(backend: PolicyBackend, tabs: gr.Tabs, chat: ChatHandles) -> None:
    """The 政策文件 tab: the library (a table, cards on a phone); one document's table of contents with folded
    headings and search within it; "ask about this document" sets the chat's document filter and opens the chat."""

    def show_outline(doc_id, search=""):
        try:
            return backend.outline(doc_id, search)
        except Exception:
            log.exception("outline failed for %r", doc_id)
            return '<p class="doc-hint">抱歉，读取该文件时出错了。</p>'

    def ask_about(doc_id):
        if not doc_id or doc_id not in backend.documents:
            return gr.Tabs(), gr.Dropdown(), gr.Dropdown(), gr.Textbox(), gr.Markdown("请先选择一份文件。", visible=True)
        label = doc_label(backend.documents[doc_id])
        return (gr.Tabs(selected="chat"), gr.Dropdown(value=doc_id), gr.Dropdown(value=[]),
                gr.Textbox(placeholder=f"就{label}提问"), gr.Markdown("", visible=False))

    def library():
        return backend.library_html()

    with gr.Tab("政策文件", id="docs", elem_id="tab-docs"):
        docs_table = gr.HTML(library(), elem_id="docs-table")
        with gr.Row(equal_height=True):
            doc_pick = gr.Dropdown(backend.doc_choices(), value=None, label="查看文件", elem_id="outline-dd",
                                   scale=2, min_width=200)
            doc_search = gr.Textbox(label="在文件中搜索", placeholder="例如：物流", elem_id="doc-search",
                                    scale=2, min_width=160)
            ask_btn = gr.Button("就这份文件提问", variant="primary", elem_id="ask-doc-btn", scale=1, min_width=120)
        ask_hint = gr.Markdown(visible=False, elem_id="ask-doc-hint")
        outline = gr.HTML(show_outline(None), elem_id="doc-outline")
        doc_pick.change(show_outline, [doc_pick, doc_search], outline, api_visibility="private")
        gr.on([doc_search.submit, doc_search.change], show_outline, [doc_pick, doc_search], outline,
              api_visibility="private", trigger_mode="always_last")
        ask_btn.click(ask_about, doc_pick, [tabs, chat.document, chat.regions, chat.question, ask_hint],
                      api_visibility="private")

    # recompute "in force today" on every page load (a long-running server crosses dates)
    gr.on(None, library, None, docs_table, api_visibility="private", queue=False)


# --------------------------------------------------------------------------- targets tab (指标库)

TARGET_COLUMNS = ["地区", "年份", "主题", "指标", "目标值", "条款", "状态", "文号", "文件", "原文"]
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
    # a row names its clause by document and heading (headings are unique within a document), never by id
    by_heading = {(d.title, heading_of(c.section)): c.clause_id for _, d, c in entries if c is not None}

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
                         target.indicator, target.value, heading_of(clause.section) if clause else "",
                         validity_text(document, today),
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
            row = frame.iloc[evt.index[0]]
            clause_id = by_heading.get((row["文件"], row["条款"]))
        except (IndexError, KeyError, TypeError):
            return "请选择一行。"
        clause = corpus.clause(clause_id) if clause_id else None
        if clause is None:
            return "未找到该条款。"
        document = corpus.document(clause.doc_id)
        return (f"**《{esc(document.title if document else '')}》 {esc(clause.section)}**\n\n{esc(clause.text)}")

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
                        help="向量模型（默认环境变量 POLICY_ENCODER，否则 e5-policy：内置模型的政策微调版）")
    parser.add_argument("--allow-download", action="store_true",
                        help="允许从模型仓库下载 --encoder 指定的模型（默认不联网；环境变量 POLICY_ALLOW_DOWNLOAD=1）")
    parser.add_argument("--auth-file", type=Path, default=None,
                        help="登录用户文件（每行“用户名:scrypt$…”，用 python -m assistant.auth add 用户名 --file 文件 生成）")
    parser.add_argument("--rate-limit", type=int, default=None,
                        help=f"每个用户（或 IP）每分钟最多提问次数；0 为不限。默认：监听本机地址时不限，"
                             f"否则 {DEFAULT_RATE_LIMIT}")
    parser.add_argument("--log-questions", action="store_true", help="在日志中记录问题原文（默认不记录）")
    parser.add_argument("--encode-batch", type=int, default=BATCHING.max_batch,
                        help=f"同时到达的问题最多合并多少个一起编码（默认 {BATCHING.max_batch}；1 为不合并）")
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
    from embeddings.batching import BatchingEncoder
    from embeddings.encoders import make_encoder

    if args.encode_batch < 1:
        raise SystemExit("--encode-batch 至少为 1")

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
        # One encoder for the app's life: it embeds the library (also when the 文件管理 tab changes it);
        # users' questions go through one batching worker that encodes those waiting together.
        encoder = make_encoder(settings.encoder, allow_download=allow_download)
        questions = BatchingEncoder(encoder, dataclasses.replace(BATCHING, max_batch=args.encode_batch))
        atexit.register(questions.close, 5.0)
        answerer = open_answerer(settings, encoder=encoder, query_encoder=questions)
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
    from assistant.service import locations
    demo = build_app(answerer, export_dir, llm, limiter=limiter, log_questions=args.log_questions,
                     library_dir=locations(settings).library_dir,
                     reopen=lambda: open_answerer(settings, encoder=encoder, query_encoder=questions))
    demo.queue(default_concurrency_limit=4, max_size=QUEUE_MAX_SIZE).launch(
        server_name=args.host, server_port=args.port, footer_links=["api"], css=CSS, head=HEAD,
        auth=authenticator, auth_message="请输入用户名和密码登录。",
        share=False,  # never a public *.gradio.live tunnel, whatever GRADIO_SHARE says
        run_history=False,  # no record of questions in the browser, no "save runs to a Hugging Face bucket"
        mcp_server=False, enable_monitoring=False, ssr_mode=False,
        app_kwargs={"middleware": [Middleware(BodySizeLimit, max_bytes=MAX_REQUEST_BYTES)]})


if __name__ == "__main__":
    main()
