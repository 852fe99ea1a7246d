"""What a clause's sentences inherit from around them: a bullet's parent paragraph (its year and subject), the
target year of an earlier sentence, and the past an earlier sentence sets."""
from __future__ import annotations

import re

from corpus.models import Clause
from embeddings.passages import clause_sentences, split_sentences
from assistant.retrieve import Hit
from assistant.sentences import is_past

# A clause's or sentence's own label ("一、", "（三）", "2.", "——").
LABEL = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|——)")
YEAR_LEAD = re.compile(r"(力争|预计)?到\s*20\d{2}\s*年(底|末)?")
ANY_YEAR = re.compile(r"20\d{2}\s*年")
# A paragraph's run-in heading: a short sentence with no inner punctuation, the paragraph's text after it.
_RUN_IN = re.compile(r"^([^，,；;。：:、]{4,20}。)(?=[^\n]{10,})")
# A plan's account of where things stand (its review, problems and outlook): past figures, and no measures.
SITUATION = re.compile(r"发展环境|现实基础|发展(基础|成就|成效|现状)|主要成就|工作成效|存在的主要问题|面临的机遇|机遇挑战")


def lead_of(clause: Clause, corpus) -> str:
    """Context a clause inherits: for a bullet (——), its parent paragraph's sentence that sets the year
    ("力争到2025年，……"), else the parent's last sentence. "" for clauses that are not bullets."""
    if not clause.label.startswith("——") or ".b" not in clause.clause_id:
        return ""
    parent = corpus.clause(clause.clause_id.rsplit(".b", 1)[0])
    if parent is None:
        return ""
    sentences = clause_sentences(parent)
    with_year = [s for s in sentences if YEAR_LEAD.search(s)]
    return (with_year or sentences or [""])[-1]


class ClauseLeads:
    """Every clause's inherited context, computed once per clause and cached."""

    def __init__(self, corpus):
        self._leads = {c.clause_id: lead_of(c, corpus) for c in corpus.clauses}
        self._carried: dict[str, dict[str, str]] = {}
        self._past: dict[str, set[str]] = {}
        self._headings: dict[str, dict[str, set[str]]] = {}

    def headings(self, clause: Clause) -> dict[str, set[str]]:
        """Run-in headings of a clause's paragraphs (label stripped), each with the other sentences of its
        paragraph: a short sentence without inner punctuation that opens a paragraph the text goes on after
        ("促进现代服务业与现代农业融合。立足农业生产全过程，……"). It names a topic and says nothing of it."""
        if clause.clause_id not in self._headings:
            found = {}
            for line in clause.text.split("\n"):
                m = _RUN_IN.match(LABEL.sub("", line.strip()).strip())
                if m:
                    found[m.group(1)] = {LABEL.sub("", s).strip() for s in split_sentences(line)} - {m.group(1)}
            self._headings[clause.clause_id] = found
        return self._headings[clause.clause_id]

    def lead(self, clause_id: str) -> str:
        """The bullet's parent paragraph's lead sentence ("" for a clause that is no bullet)."""
        return self._leads[clause_id]

    def _carried_years(self, clause: Clause) -> dict[str, str]:
        """Sentence (label stripped) → the "到20XX年" of the last earlier sentence of its clause that states one;
        computed once per clause."""
        years = self._carried.get(clause.clause_id)
        if years is None:
            years, current = {}, ""
            for sentence in clause_sentences(clause):
                clean = LABEL.sub("", sentence).strip()
                years.setdefault(clean, current)
                found = YEAR_LEAD.search(clean)
                if found:
                    current = found.group(0).lstrip("力争预计")
            self._carried[clause.clause_id] = years
        return years

    def in_past(self, clause: Clause) -> set[str]:
        """Sentences (label stripped) stating no time of their own after one that states a past time ("2020年，
        ……。其中，……下降2.4个百分点"): figures of the past too, until a sentence sets a target year. Cached."""
        past = self._past.get(clause.clause_id)
        if past is None:
            past, current = set(), False
            # a clause of the plan's review of what was achieved ("发展基础", "发展成就") states past figures only
            review = any(SITUATION.search(heading) for heading in clause.section_path)
            for sentence in clause_sentences(clause):
                clean = LABEL.sub("", sentence).strip()
                if review:
                    past.add(clean)
                elif YEAR_LEAD.search(clean) or ANY_YEAR.search(clean) and not is_past(clean):
                    current = False
                elif is_past(clean):
                    current = True
                elif current:
                    past.add(clean)
            self._past[clause.clause_id] = past
        return past

    def year_of(self, hit: Hit, sentence: str = "") -> str:
        """"到2025年" that a sentence inherits when it states no year itself: from an earlier sentence of its
        clause ("到2027年，……。……企业达到500家"), else from its bullet's lead paragraph; "" when none applies."""
        if sentence and YEAR_LEAD.search(sentence):
            return ""
        carried = self._carried_years(hit.clause).get(sentence)
        if carried:
            return carried
        year = YEAR_LEAD.search(self.lead(hit.clause.clause_id))
        return year.group(0).lstrip("力争预计") if year else ""
