"""Rendering pieces shared by every answer: citations numbered in order of use, the names people use for the
plans, the note that a plan has ended, and the metadata sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from corpus.models import Clause, Document


@dataclass(frozen=True)
class Citation:
    n: int
    clause_id: str
    doc_id: str
    doc_title: str
    doc_number: str | None
    section: str
    text: str
    in_force: bool | None
    departments: tuple[str, ...] = ()
    valid_until: date | None = None

    def to_json(self) -> dict:
        return {"n": self.n, "clause_id": self.clause_id, "doc_title": self.doc_title,
                "doc_number": self.doc_number, "section": self.section, "text": self.text,
                "in_force": self.in_force, "valid_until": self.valid_until.isoformat() if self.valid_until else None}


def short_title(document: Document) -> str:
    """长沙市生产性服务业…三年行动计划（2023—2025年） → 长沙行动计划: how people name a plan."""
    kind = next((k for k in ("行动计划", "服务业发展规划", "实施方案", "规划", "方案", "计划") if k in document.title), "文件")
    return f"{document.region or ''}{kind}"


def expiry_note(document: Document, today: date) -> str:
    """"（长沙行动计划已于2026-07-31到期）" for a document no longer in force; "" otherwise."""
    if document.in_force(today) is False and document.valid_until and document.valid_until < today:
        return f"（{short_title(document)}已于{document.valid_until.isoformat()}到期）"
    if document.in_force(today) is False:
        return f"（{short_title(document)}目前不在有效期内）"
    return ""


class Cites:
    """Numbers clauses in order of first use; the first citation of an ended plan says so next to it."""

    def __init__(self, today: date):
        self.today = today
        self.items: list[Citation] = []
        self.noted: set[str] = set()

    def __call__(self, clause: Clause, document: Document) -> str:
        return self.mark(clause, document) + self.expiry(document)

    def mark(self, clause: Clause, document: Document) -> str:
        for c in self.items:
            if c.clause_id == clause.clause_id:
                return f"[{c.n}]"
        n = len(self.items) + 1
        self.items.append(Citation(n, clause.clause_id, document.doc_id, document.title, document.doc_number,
                                   clause.section, clause.text, document.in_force(self.today),
                                   clause.departments, document.valid_until))
        return f"[{n}]"

    def expiry(self, document: Document) -> str:
        """The expiry note of a document, once per answer."""
        if document.doc_id in self.noted:
            return ""
        self.noted.add(document.doc_id)
        return expiry_note(document, self.today)


META_TEXT = {
    "title": lambda d, today: "是该文件的全称",
    "doc_number": lambda d, today: f"文号为{d.doc_number}" if d.doc_number else "文本中没有找到文号",
    "issuer": lambda d, today: f"由{d.issuer}印发" if d.issuer else "文本未注明印发单位",
    "issued": lambda d, today: _issued_text(d),
    "validity": lambda d, today: _validity_text(d, today),
}


def _issued_text(document: Document) -> str:
    if document.issued:
        return f"成文日期为{_cn_date(document.issued)}" + (
            f"（印发日期{_cn_date(document.printed)}）" if document.printed and document.printed != document.issued else "")
    if document.printed:
        return f"印发日期为{_cn_date(document.printed)}"
    return "文本中没有找到印发日期"


def _validity_text(document: Document, today: date) -> str:
    if document.validity_text:
        text = document.validity_text
        # "自公布之日起施行": the text gives no publication date, so its print date stands in, said as such
        when = document.printed or document.issued
        inferred = bool(when) and bool(re.search(r"(公布|发布|印发)之日", text))
        if inferred:
            text += f"（{_cn_date(when)}印发，文本未写明公布日期）"
        if document.valid_until:
            text += f"，{'按印发日期推算' if inferred else ''}有效至{_cn_date(document.valid_until)}"
    elif document.valid_until:  # a plan with no validity clause runs to the end of its plan period
        text = f"规划期至{_cn_date(document.valid_until)}"
    else:
        text = "文本没有写明有效期"
    status = {True: "目前有效", False: "目前已失效", None: "有效期无法从文本确定"}[document.in_force(today)]
    return f"{text}，{status}"


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def header_clause(document: Document) -> Clause:
    """The document's header (title, 文号, issuer, dates) as a citable clause: metadata are not in any
    numbered clause, so citing one would point at text that does not hold the claim."""
    when = document.issued or document.printed
    parts = [document.title, document.doc_number or "", document.issuer or "", _cn_date(when) if when else ""]
    return Clause(f"{document.doc_id}/header", document.doc_id, ("文件头",), "文件头",
                  "　".join(p for p in parts if p))


def who(clause: Clause, verb: str = "：", joint: str = "；") -> str:
    """A clause's departments as it names them: "牵头单位：市经信局" where it names a lead (武汉's), else
    "责任单位：……" (in a sentence: "牵头单位为……，责任单位为……")."""
    if clause.lead_departments:
        others = [d for d in clause.departments if d not in clause.lead_departments]
        return f"牵头单位{verb}{'、'.join(clause.lead_departments)}" + \
            (f"{joint}责任单位{verb}{'、'.join(others)}" if others else "")
    return f"责任单位{verb}{'、'.join(clause.departments)}"


def contacts(clause: Clause, most: int = 3) -> str:
    """Whom to ask about a clause, for a decline's pointer: its lead departments where it names them, else the
    first `most` of its responsible ones (the first named leads), "等" for the rest: a list of thirteen buries
    the one to call."""
    if clause.lead_departments:
        return f"牵头单位：{'、'.join(clause.lead_departments)}"
    named = clause.departments
    return f"责任单位：{'、'.join(named[:most])}{'等' if len(named) > most else ''}"
