"""Follow-up questions: resolve "那株洲呢？" or "这项由哪个部门负责？" against the previous turns."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from assistant.answer import COMPARE_ASK, Answer, Answerer, detect_intent
from assistant.retrieve import Filters
from assistant.smalltalk import small_talk

_PLACE_FOLLOWUP = re.compile(r"^(那|那么|还有|换成|如果是)?(?P<rest>.{1,12}?)(呢|怎么样|怎么说|如何|的呢)?[?？。!！]*$")
_REFERS_BACK = re.compile(r"^(这|那|该|上述|上面|刚才|前面)(项|个|条|些|方面|措施|政策|工作|任务)?")
_VALIDITY = re.compile(r"有效|到期|过期|失效|算数|管用|还能用|还适用")


@dataclass
class Conversation:
    """One user's chat: questions are answered with the previous turns in mind."""

    answerer: Answerer
    turns: list[Answer] = field(default_factory=list)

    def ask(self, question: str, filters: Filters = Filters(), today: date | None = None) -> Answer:
        answer = self._ask(question, filters, today)
        self.turns.append(answer)
        return answer

    def _ask(self, question: str, filters: Filters, today: date | None) -> Answer:
        previous = next((t for t in reversed(self.turns) if t.citations), None)
        parser = self.answerer.retriever.parser
        query = parser.parse(question)
        chat = small_talk(question, has_context=previous is not None, places=query.regions)
        if chat is not None:
            # nothing to look up: "invalid" for a follow-up with nothing before it, as for an empty question
            status = "invalid" if chat.rule == "followup_without_context" else "answered"
            return Answer(question, chat.text, False, (), "smalltalk", status=status, rule=chat.rule)
        if previous is None:
            return self.answerer.ask(question, filters, today)
        short = len(query.text) <= 14
        asked = previous.resolved or previous.query
        if short and query.regions and COMPARE_ASK.search(query.text):
            # "长沙定的比这个高还是低？": the previous question for both places, then the comparison asked
            before = parser.parse(asked)
            rewritten = asked
            for alias in self._aliases(before.regions):
                rewritten = rewritten.replace(alias, "")
            places = list(dict.fromkeys(query.regions + before.regions))
            rewritten = f"{'和'.join(places)}{rewritten.rstrip('？?。')}？{query.text}"
            return self._relabel(self.answerer.ask(rewritten, filters, today), question, rewritten)
        if short and query.regions and _PLACE_FOLLOWUP.match(query.text):
            before = parser.parse(asked)
            rewritten = asked
            for alias in self._aliases(before.regions):
                rewritten = rewritten.replace(alias, "")
            rewritten = "".join(query.regions) + rewritten
            return self._relabel(self.answerer.ask(rewritten, filters, today), question, rewritten)
        if short and not query.regions and not _REFERS_BACK.match(query.text) and not self.answerer.subject_of(question):
            # a specific asked with no subject of its own ("具体能补贴多少钱？", "找哪个部门？"): of the previous subject
            subject = self.answerer.subject_of(asked)
            if subject:
                rewritten = f"{subject}{query.text}"
                return self._relabel(self.answerer.ask(rewritten, filters, today), question, rewritten)
        if short and _REFERS_BACK.match(query.text):
            if _VALIDITY.search(query.text):  # "这个规划现在还有效吗？": the plans just cited
                return self.answerer.validity_of(question, [c.doc_id for c in previous.citations], today)
            if detect_intent(query.text) == "department":
                clause_id = previous.citations[0].clause_id
                return self.answerer.departments_of(question, clause_id, today)
            return self._relabel(self.answerer.ask(f"{asked} {question}", filters, today), question,
                                 f"{asked} {question}")
        return self.answerer.ask(question, filters, today)

    def _aliases(self, regions: tuple[str, ...]) -> list[str]:
        table = self.answerer.retriever.regions
        names = [alias for r in regions if table.get(r) for alias in table.get(r).names]
        return sorted(names, key=len, reverse=True)

    @staticmethod
    def _relabel(answer: Answer, question: str, resolved: str) -> Answer:
        return replace(answer, query=question, resolved=resolved)
