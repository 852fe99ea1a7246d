"""Plain records for policy documents and their clauses."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Document:
    """One policy document and the metadata read from its own text."""

    doc_id: str
    title: str
    issuer: str | None
    doc_number: str | None
    region: str | None
    level: str | None
    issued: date | None
    printed: date | None
    valid_from: date | None
    valid_until: date | None
    validity_text: str | None
    source_file: str
    checksum: str

    def in_force(self, on: date) -> bool | None:
        """Whether the document is in force on a date; None when its validity is unknown."""
        if self.valid_from is None and self.valid_until is None:
            return None
        if self.valid_from is not None and on < self.valid_from:
            return False
        if self.valid_until is not None and on > self.valid_until:
            return False
        return True

    def to_json(self, on: date, clause_count: int) -> dict:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "region": self.region,
            "level": self.level,
            "issued": _iso(self.issued),
            "printed": _iso(self.printed),
            "valid_from": _iso(self.valid_from),
            "valid_until": _iso(self.valid_until),
            "validity": self.validity_text,
            "in_force": self.in_force(on),
            "clauses": clause_count,
        }


@dataclass(frozen=True)
class Clause:
    """The smallest numbered unit of a document's text."""

    clause_id: str
    doc_id: str
    section_path: tuple[str, ...]
    label: str
    text: str
    departments: tuple[str, ...] = ()
    lead_departments: tuple[str, ...] = ()

    @property
    def section(self) -> str:
        return " > ".join(self.section_path)

    def to_json(self) -> dict:
        return {
            "clause_id": self.clause_id,
            "doc_id": self.doc_id,
            "section": self.section,
            "section_path": list(self.section_path),
            "label": self.label,
            "text": self.text,
            "departments": list(self.departments),
            "lead_departments": list(self.lead_departments),
        }


@dataclass(frozen=True)
class SkippedFile:
    """A file in the corpus folder that could not be read as a policy document."""

    path: str
    reason: str


@dataclass(frozen=True)
class Corpus:
    documents: tuple[Document, ...]
    clauses: tuple[Clause, ...]
    skipped: tuple[SkippedFile, ...] = field(default=())
    checksum: str = ""

    def document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.doc_id == doc_id), None)

    def clauses_of(self, doc_id: str) -> list[Clause]:
        return [c for c in self.clauses if c.doc_id == doc_id]

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses if c.clause_id == clause_id), None)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
