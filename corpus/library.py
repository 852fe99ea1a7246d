"""The user's policy library: add files (stored original + extracted text), remove them, correct their metadata.

A library folder holds one `<doc_id>.txt` per document (the extracted, repaired text: today's corpus layout, so
`load_corpus` reads it unchanged), the original files under `originals/`, and `library.json` (corpus/sidecar.py).
Every change is all-or-nothing per file: a file that is refused, or fails half-way, leaves the folder as it was.
"""
from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from corpus.models import Clause, Corpus, Document
from corpus.parse import DEFAULT_CORPUS_DIR, library_regions, library_text_files, load_corpus, parse_text, slug_for
from corpus.readers import DEFAULT_MAX_BYTES, ReadError, read_file
from corpus.regions import place_region
from corpus.sidecar import CORRECTABLE, DATE_FIELDS, Sidecar, read_sidecar, write_sidecar
from corpus.text import UnreadableFile, squash

log = logging.getLogger(__name__)

ORIGINALS = "originals"


class LibraryError(ValueError):
    """A library change that cannot be made; the message is Chinese and says why."""


@dataclass(frozen=True)
class Reading:
    """A file read and parsed, not yet stored: what the user previews before confirming."""

    file: str
    path: Path
    text: str
    format: str
    document: Document
    clauses: tuple[Clause, ...]
    warnings: tuple[str, ...]
    region_entry: dict | None  # a place recognised from the places table, new to the library
    text_key: str

    def outline(self, depth: int = 1) -> list[str]:
        """The section headings down to a depth, in order."""
        seen: list[str] = []
        for clause in self.clauses:
            for heading in clause.section_path[:depth]:
                if heading not in seen:
                    seen.append(heading)
        return seen


@dataclass(frozen=True)
class AddOutcome:
    """One file of an `add`: added (with its document) or refused (with a code and a Chinese message)."""

    file: str
    added: bool
    document: Document | None = None
    clauses: int = 0
    warnings: tuple[str, ...] = field(default=())
    code: str | None = None
    message: str | None = None

    def to_json(self, on: date) -> dict:
        row = {"file": self.file, "added": self.added, "code": self.code, "message": self.message,
               "warnings": list(self.warnings)}
        if self.document is not None:
            row.update(self.document.to_json(on, self.clauses))
        return row


def text_key(clauses) -> str:
    """What makes two documents the same document: their clauses' text, whitespace ignored."""
    return hashlib.sha256("\n".join(squash(c.text) for c in clauses).encode("utf-8")).hexdigest()


def read_for_library(path: Path, library: Path, corpus: Corpus | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES) -> Reading:
    """Read and parse a file as it would be added to a library, without changing anything.

    Raises:
        ReadError: the file cannot be read, has no outline or paragraphs, or duplicates a library document.
    """
    path = Path(path)
    library = Path(library)
    result = read_file(path, max_bytes)
    corpus = corpus if corpus is not None else load_corpus(library)
    regions = library_regions(library)
    doc_id = _free_doc_id(slug_for(path), corpus, library)
    try:
        document, clauses = parse_text(result.text, doc_id, path.name, regions)
    except UnreadableFile as err:
        raise ReadError("no_text", f"{path.name}：文件里没有可读的正文。") from err
    key = text_key(clauses)
    for existing in corpus.documents:
        if text_key(corpus.clauses_of(existing.doc_id)) == key:
            raise ReadError("duplicate", f"{path.name}：与文件库中已有的 {existing.doc_id}（{existing.title}）"
                                         "内容相同，未重复添加。")
    warnings = list(result.warnings)
    if all(c.label == "前言" for c in clauses):
        warnings.append("未识别出章节编号（一、（一）1. 等），已按自然段逐段添加为条款。")
    region_entry = None
    if document.region is None and document.issuer:
        found = place_region(document.issuer)
        if found is not None:
            region_entry = {"name": found.name, "level": found.level, "province": found.province,
                            "names": list(found.names)}
            document = dataclasses.replace(document, region=found.name, level=found.level)
            warnings.append(f"地区“{found.name}”不在内置地区表中，已按发文机关识别并加入本文件库。")
    for name, label in (("doc_number", "文号"), ("valid_until", "有效期")):
        if getattr(document, name) is None:
            warnings.append(f"未读到{label}，可用 set 命令补充。")
    return Reading(path.name, path, result.text, result.format, document, tuple(clauses), tuple(warnings),
                   region_entry, key)


def store(library: Path, reading: Reading) -> Document:
    """Store a reading in the library: original file, extracted text, sidecar entry. All or nothing."""
    library = Path(library)
    _refuse_bundled_folder(library)
    sidecar = _sidecar_for_writing(library)
    doc_id = reading.document.doc_id
    text_path = library / f"{doc_id}.txt"
    original = Path(ORIGINALS) / f"{doc_id}{reading.path.suffix.lower()}"
    if text_path.exists() or (library / original).exists():
        raise LibraryError(f"{reading.file}：文件库中已有编号 {doc_id}，请重新读取后再添加。")
    written: list[Path] = []
    try:
        (library / ORIGINALS).mkdir(parents=True, exist_ok=True)
        _copy_atomic(reading.path, library / original)
        written.append(library / original)
        _write_atomic(text_path, reading.text if reading.text.endswith("\n") else reading.text + "\n")
        written.append(text_path)
        documents = dict(sidecar.documents)
        documents[doc_id] = {
            "source_file": reading.file, "original": original.as_posix(), "format": reading.format,
            "added": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "sha256": hashlib.sha256(reading.path.read_bytes()).hexdigest(), "text_key": reading.text_key,
            "warnings": list(reading.warnings), "region": reading.document.region,
        }
        regions = list(sidecar.regions)
        if reading.region_entry and all(r["name"] != reading.region_entry["name"] for r in regions):
            regions.append(reading.region_entry)
        write_sidecar(library, dataclasses.replace(sidecar, documents=documents, regions=regions))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return reading.document


def add_files(library: Path, paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> list[AddOutcome]:
    """Add files one by one; a refused or failing file is reported and leaves the library as it was."""
    outcomes: list[AddOutcome] = []
    for path in paths:
        path = Path(path)
        try:
            reading = read_for_library(path, library, max_bytes=max_bytes)
            document = store(library, reading)
        except ReadError as err:
            outcomes.append(AddOutcome(path.name, False, code=err.code, message=err.message))
            continue
        except LibraryError as err:
            outcomes.append(AddOutcome(path.name, False, code="library", message=str(err)))
            continue
        except OSError as err:
            log.exception("adding %s failed", path)
            outcomes.append(AddOutcome(path.name, False, code="io",
                                       message=f"{path.name}：写入文件库失败（{err.strerror or err}），文件库未改变。"))
            continue
        outcomes.append(AddOutcome(path.name, True, document, len(reading.clauses), reading.warnings))
    return outcomes


def remove(library: Path, doc_id: str) -> str:
    """Remove an added document (text, original, sidecar entry, corrections). Returns its title.

    Raises:
        LibraryError: unknown id, or a bundled plan (read-only).
    """
    library = Path(library)
    sidecar = read_sidecar(library)
    text_path = library / f"{doc_id}.txt"
    if not text_path.is_file() or library.resolve() == DEFAULT_CORPUS_DIR.resolve():
        if (DEFAULT_CORPUS_DIR / f"{doc_id}.txt").is_file():
            raise LibraryError(f"{doc_id} 是内置文件，只读，不能删除（可用 set 更正其元数据）。")
        raise LibraryError(f"文件库中没有编号为 {doc_id} 的文件。{_known(library)}")
    corpus = load_corpus(library)
    document = corpus.document(doc_id)
    title = document.title if document else doc_id
    if sidecar is not None:
        entry = sidecar.documents.get(doc_id, {})
        documents = {k: v for k, v in sidecar.documents.items() if k != doc_id}
        corrections = {k: v for k, v in sidecar.corrections.items() if k != doc_id}
        write_sidecar(library, dataclasses.replace(sidecar, documents=documents, corrections=corrections))
        if entry.get("original"):
            (library / entry["original"]).unlink(missing_ok=True)
    text_path.unlink()
    return title


def correct(library: Path, doc_id: str, fields: dict[str, str | None]) -> Document:
    """Record corrections of a document's metadata in the sidecar; they are applied every time it is read.

    Args:
        fields: field name (see sidecar.CORRECTABLE) → new value; "" clears the field. Dates are YYYY-MM-DD.

    Raises:
        LibraryError: unknown document or field, a date that is not a date, an unknown region.
    """
    library = Path(library)
    _refuse_bundled_folder(library)
    corpus = load_corpus(library)
    if corpus.document(doc_id) is None:
        raise LibraryError(f"文件库中没有编号为 {doc_id} 的文件。{_known(library, corpus)}")
    clean: dict[str, str] = {}
    regions = library_regions(library)
    for name, value in fields.items():
        if name not in CORRECTABLE:
            raise LibraryError(f"不能更正字段 {name}。可更正：{'、'.join(CORRECTABLE)}。")
        value = (value or "").strip()
        if name in DATE_FIELDS and value:
            try:
                value = date.fromisoformat(value).isoformat()
            except ValueError:
                raise LibraryError(f"“{value}”不是日期，请写成 2026-07-31 这样的格式。") from None
        if name == "region" and value and regions.get(value) is None:
            found = next(iter(regions.find_all(value)), None)
            if found is None:
                raise LibraryError(f"不认识地区“{value}”。")
            value = found.name
        clean[name] = value
    sidecar = _sidecar_for_writing(library)
    corrections = dict(sidecar.corrections)
    corrections[doc_id] = {**corrections.get(doc_id, {}), **clean}
    updated = dataclasses.replace(sidecar, corrections=corrections)
    valid_from = corrections[doc_id].get("valid_from")
    valid_until = corrections[doc_id].get("valid_until")
    if valid_from and valid_until and valid_until < valid_from:
        raise LibraryError(f"有效期止（{valid_until}）早于起始日期（{valid_from}）。")
    write_sidecar(library, updated)
    return load_corpus(library).document(doc_id)


def _sidecar_for_writing(library: Path) -> Sidecar:
    """The library's sidecar; a new one starts from the bundled plans unless the folder already holds .txt files."""
    sidecar = read_sidecar(library)
    if sidecar is not None:
        return sidecar
    return Sidecar(bundled=not any(library.glob("*.txt")) if library.is_dir() else True)


def _refuse_bundled_folder(library: Path) -> None:
    if library.resolve() == DEFAULT_CORPUS_DIR.resolve():
        raise LibraryError("内置文件夹只读。请用 --corpus-dir 指定你自己的文件库文件夹。")


def _free_doc_id(base: str, corpus: Corpus, library: Path) -> str:
    base = re.sub(r"-+", "-", base)[:48].strip("-") or "doc"
    taken = {d.doc_id for d in corpus.documents} | {p.stem for p in library_text_files(library, read_sidecar(library))}
    doc_id, n = base, 1
    while doc_id in taken:
        n += 1
        doc_id = f"{base}-{n}"
    return doc_id


def _known(library: Path, corpus: Corpus | None = None) -> str:
    corpus = corpus or load_corpus(library)
    ids = "、".join(d.doc_id for d in corpus.documents)
    return f"现有：{ids}" if ids else "文件库是空的。"


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _copy_atomic(source: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, tmp)
    tmp.replace(target)
