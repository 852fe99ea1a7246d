"""Generated answers: prompt an OpenAI-compatible server with the retrieved clauses, keep only what they hold."""
from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from string import Template

from assistant.answer import Answer, Citation
from assistant.llm import LLMClient, LLMConfig, LLMError
from assistant.retrieve import Hit
from assistant.verify_generated import Source, VerifyConfig, figures, verify

log = logging.getLogger(__name__)

PROMPT_FILE = Path(__file__).parent / "prompts" / "answer.txt"
MAX_SOURCES = 6  # clauses offered to the model: the extractive answer's, then the next hits

_INTENT_LABELS = {
    "amount": "金额或补贴标准", "date": "时间或期限", "meta": "文件的文号、发文单位、印发日期或有效期",
    "department": "责任单位或牵头部门", "support": "可以享受的支持措施",
    "number": "具体数字或目标", "procedure": "办理流程或方式",
    "fact": "政策内容",
}
# Intents whose answer is a figure: a reworded answer must still state one the extractive answer states.
_FIGURE_INTENTS = {"amount", "number", "date", "meta"}  # the kinds of assistant.understand
_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)|十[一二三四五六七八九]五")
# Reasoning models (DeepSeek-R1, Qwen3, QwQ) served without a reasoning parser put their thinking in the
# answer between these tags: it is neither shown nor verified.
_THINKING = re.compile(r"<think>.*?</think>", re.S)
_THINK_OPEN = "<think>"

FAILED_NOTICE = "生成式回答暂不可用（{reason}），以下为依据原文摘录的回答。"
REJECTED_NOTICE = "生成的回答未能通过与原文条款的核对，以下为依据原文摘录的回答。"
# Generated text is labelled as such (as China's 2025 rules on labelling AI-generated content expect).
GENERATED_NOTICE = "以下回答由模型依据所引条款生成，数字与引用已逐句核对。"
TRIMMED_NOTICE = "以下回答由模型依据所引条款生成，已删去{count}句无法在所引条款中核对的内容。"


@dataclass(frozen=True)
class Generation:
    """The final answer and how it was made.

    `answer` is the verified generated answer (citations = the clauses it cites, renumbered), or the
    extractive answer when generation was skipped, failed or did not survive verification.
    """

    answer: Answer
    generated: bool
    dropped: tuple[str, ...] = ()
    notice: str | None = None  # Chinese, for the user: that the text is generated (and what was cut), or
    # why the extractive answer is shown; None when generation is off or the question was declined

    def to_json(self) -> dict:
        payload = self.answer.to_json()
        payload.update(generated=self.generated, dropped=list(self.dropped), notice=self.notice)
        return payload


@dataclass(frozen=True)
class Prompt:
    messages: tuple[dict, ...]
    sources: tuple[Source, ...]
    citations: tuple[Citation, ...]  # citations[i] is what sources[i] becomes when cited
    expected: frozenset  # figures the extractive answer states, for figure questions


@lru_cache(maxsize=4)
def _template(path: Path) -> tuple[Template, Template]:
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    _, _, rest = text.partition("[system]")
    system, _, user = rest.partition("[user]")
    return Template(system.strip()), Template(user.strip())


def _offered(extractive: Answer, hits: Sequence[Hit], today: date, limit: int) -> list[tuple[Source, Citation]]:
    """The extractive answer's clauses first (they were chosen as answering), then the next hits."""
    documents = {h.document.doc_id: h.document for h in hits}
    offered: list[tuple[Source, Citation]] = []
    seen = set()

    def add(citation: Citation):
        if citation.clause_id in seen or len(offered) >= limit:
            return
        seen.add(citation.clause_id)
        n = len(offered) + 1
        document = documents.get(citation.doc_id)
        source = Source(n, citation.clause_id, citation.doc_title, citation.doc_number, citation.section,
                        citation.text, citation.in_force, document.valid_until if document else None)
        offered.append((source, dataclasses.replace(citation, n=n)))

    for citation in extractive.citations:
        add(citation)
    for hit in hits:
        d, c = hit.document, hit.clause
        add(Citation(0, c.clause_id, d.doc_id, d.title, d.doc_number, c.section, c.text, d.in_force(today),
                     c.departments))
    return offered


def _ask_summary(question: str, intent: str, places: Sequence[str]) -> str:
    parts = [f"问的是{_INTENT_LABELS.get(intent, '政策内容')}"]
    if places:
        parts.append(f"涉及地区：{'、'.join(places)}")
    years = list(dict.fromkeys(m.group(0) for m in _YEAR.finditer(question)))
    if years:
        parts.append(f"涉及年份：{'、'.join(years)}")
    return "；".join(parts) + "。"


def _clause_block(source: Source) -> str:
    status = {True: "现行有效", False: "已失效", None: "有效期未知"}[source.in_force]
    until = (f"（有效期至{source.valid_until.year}年{source.valid_until.month}月{source.valid_until.day}日）"
             if source.valid_until else "")
    text = " ".join(source.text.split())
    return (f"[{source.n}] 《{source.doc_title}》（文号：{source.doc_number or '无'}）\n"
            f"章节：{source.section}\n状态：{status}{until}\n原文：{text}")


def build_prompt(question: str, extractive: Answer, hits: Sequence[Hit], places: Sequence[str] = (),
                 today: date | None = None, max_sources: int = MAX_SOURCES,
                 template: Path = PROMPT_FILE) -> Prompt | None:
    """The chat messages for a question, or None when there is nothing to generate from.

    Declined answers are not rewritten: whether the documents are silent is decided by the rules in
    assistant/silence.py, which the eval measures; a fluent model would answer anyway.

    Args:
        question: the user's question as asked.
        extractive: the extractive answer (its citations are offered first).
        hits: the retrieved clauses.
        places: the places the question is about (the parsed query's regions).
        today: the day validity is judged on.
    """
    if extractive.refused or extractive.intent == "invalid":
        return None
    today = today or date.today()
    offered = _offered(extractive, hits, today, max(max_sources, len(extractive.citations)))
    if not offered:
        return None
    sources = tuple(s for s, _ in offered)
    system, user = _template(template)
    k = str(len(sources))
    values = {"k": k, "question": " ".join(question.split()),
              "ask": _ask_summary(question, extractive.intent, places),
              "clauses": "\n\n".join(_clause_block(s) for s in sources)}
    messages = ({"role": "system", "content": system.safe_substitute(values)},
                {"role": "user", "content": user.safe_substitute(values)})
    expected = frozenset(figures(extractive.text)) if extractive.intent in _FIGURE_INTENTS else frozenset()
    # "到2025年" alone does not answer "what is the target": the target figure must survive
    not_years = frozenset(f for f in expected if not (f[0] == "n" and 1900 <= f[1] <= 2100))
    expected = not_years or expected
    return Prompt(messages, sources, tuple(c for _, c in offered), expected)


def verified(extractive: Answer, prompt: Prompt, text: str, config: VerifyConfig = VerifyConfig()) -> Generation:
    """The generated text checked against the offered clauses; the extractive answer if nothing holds."""
    started = time.perf_counter()
    verdict = verify(text, prompt.sources, prompt.expected, config)
    log.debug("verified %d sentences in %.2f ms", len(verdict.kept) + len(verdict.dropped),
              (time.perf_counter() - started) * 1000)
    dropped = tuple(d.sentence for d in verdict.dropped)
    for d in verdict.dropped:
        log.info("dropped generated sentence (%s %s): %s", d.reason, d.detail, d.sentence[:120])
    if not verdict.answers:
        return Generation(extractive, False, dropped, REJECTED_NOTICE)
    by_n = {s.n: c for s, c in zip(prompt.sources, prompt.citations)}
    citations = tuple(dataclasses.replace(by_n[old], n=new) for new, old in enumerate(verdict.cited, start=1))
    answer = Answer(extractive.query, verdict.text, False, citations, extractive.intent, extractive.hits)
    notice = TRIMMED_NOTICE.format(count=len(dropped)) if dropped else GENERATED_NOTICE
    return Generation(answer, True, dropped, notice)


def visible_text(text: str) -> str:
    """The answer without a model's <think>…</think> block, also while the block is still open or its
    opening tag is only partly received."""
    text = _THINKING.sub("", text)
    start = text.find(_THINK_OPEN)
    if start != -1:
        return text[:start]
    for size in range(len(_THINK_OPEN) - 1, 0, -1):
        if text.endswith(_THINK_OPEN[:size]):
            return text[:-size]
    return text


def _skipped(extractive: Answer) -> Generation:
    return Generation(extractive, False)


def _failed(extractive: Answer, reason: str) -> Generation:
    return Generation(extractive, False, (), FAILED_NOTICE.format(reason=reason))


def generate_answer(question: str, extractive: Answer, hits: Sequence[Hit], config: LLMConfig,
                    client: LLMClient | None = None, places: Sequence[str] = (),
                    today: date | None = None) -> Generation:
    """Ask the server for an answer from the retrieved clauses and verify it. Never raises on a bad server.

    Args:
        question: the user's question.
        extractive: the extractive answer, also the fallback.
        hits: the retrieved clauses.
        config: where the server is.
        client: a shared client (the app keeps one); a new one when None.
        places: the places the question is about.
        today: the day validity is judged on.
    Returns:
        A Generation: `generated` says whether the text came from the model.
    """
    prompt = build_prompt(question, extractive, hits, places, today)
    if prompt is None:
        return _skipped(extractive)
    client = client or LLMClient(config)
    try:
        text = client.complete(list(prompt.messages))
    except LLMError as err:
        return _failed(extractive, err.reason)
    return verified(extractive, prompt, visible_text(text))


def stream_answer(question: str, extractive: Answer, hits: Sequence[Hit], config: LLMConfig,
                  client: LLMClient | None = None, places: Sequence[str] = (),
                  today: date | None = None) -> Iterator[str | Generation]:
    """Like generate_answer, streamed: yields the model's text pieces (str) as they come, then one
    Generation (the verified final answer, which may differ from what was streamed)."""
    prompt = build_prompt(question, extractive, hits, places, today)
    if prompt is None:
        yield _skipped(extractive)
        return
    client = client or LLMClient(config)
    received, shown = "", ""
    try:
        for piece in client.stream(list(prompt.messages)):
            received += piece
            visible = visible_text(received)
            if len(visible) > len(shown) and visible.startswith(shown):
                yield visible[len(shown):]
                shown = visible
    except LLMError as err:
        yield _failed(extractive, err.reason)
        return
    yield verified(extractive, prompt, visible_text(received))
