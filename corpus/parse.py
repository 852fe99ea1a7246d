"""Parse policy files into documents and clauses, and load a whole corpus folder."""
from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from datetime import date
from pathlib import Path

from corpus.metadata import find_title, read_metadata
from corpus.models import Clause, Corpus, Document, SkippedFile
from corpus.regions import RegionTable, load_regions, with_regions
from corpus.sidecar import CORRECTABLE, DATE_FIELDS, Sidecar, read_sidecar
from corpus.structure import build_outline, join_lines, outline_clauses
from corpus.text import UnreadableFile, read_policy_text, squash

log = logging.getLogger(__name__)

DEFAULT_CORPUS_DIR = Path(__file__).with_name("policies")
_TRAILER_START = re.compile(r"^\s*(抄\s*送|来\s*源\s*[:：]|主题词)")
_PUBLIC_NOTE = re.compile(r"^[（(]\s*此件主动公开\s*[)）]$")
_FIRST_CHAPTER = re.compile(r"^\s*一\s*、")


def slug_for(path: Path) -> str:
    """A stable document id from the file name (lower-case, ASCII-safe where possible)."""
    stem = re.sub(r"\s+", "-", path.stem.strip().lower())
    return re.sub(r"[^\w\-]", "", stem) or hashlib.sha1(path.name.encode()).hexdigest()[:10]


def split_sections(lines: list[str], title: str | None) -> tuple[list[str], list[str], list[str]]:
    """Split a document's lines into notice header, plan body and trailer (抄送, print line, source)."""
    limit = next((i for i, line in enumerate(lines) if _FIRST_CHAPTER.match(line)), len(lines))
    start = 0
    if title:
        wanted = _title_key(title)
        # a title may wrap over up to three lines (PDF); the match ends at its last line
        matches = [i + n for i in range(limit) for n in range(3)
                   if lines[i].strip() and _title_key("".join(lines[i:i + n + 1])) == wanted]
        if matches:
            start = matches[-1] + 1
    if start == 0:
        public = [i for i in range(limit) if _PUBLIC_NOTE.match(squash(lines[i]))]
        if public:
            start = public[-1] + 1
    end = next((i for i in range(start, len(lines)) if _TRAILER_START.match(lines[i])), len(lines))
    return lines[:start], lines[start:end], lines[end:]


def _title_key(text: str) -> str:
    return squash(text).replace("(", "（").replace(")", "）")


def parse_document(path: Path, regions: RegionTable, doc_id: str | None = None) -> tuple[Document, list[Clause]]:
    """Parse one policy text file.

    Raises:
        UnreadableFile: the file is empty, binary or not decodable.
    """
    return parse_text(read_policy_text(path), doc_id or slug_for(path), path.name, regions)


def parse_text(raw: str, doc_id: str, source_file: str, regions: RegionTable) -> tuple[Document, list[Clause]]:
    """Parse a policy's text (one paragraph or source line a line) into its document record and clauses.

    Raises:
        UnreadableFile: no body text.
    """
    lines = raw.split("\n")
    header_probe = lines[: next((i for i, l in enumerate(lines) if _FIRST_CHAPTER.match(l)), len(lines))]
    title = find_title(header_probe[:40])
    header, body, trailer = split_sections(lines, title)
    blocks = join_lines(body)
    if not blocks:
        raise UnreadableFile("no text")
    clauses = outline_clauses(doc_id, build_outline(blocks))
    body_text = "\n".join(b.text for b in blocks)
    if title is None:
        title = blocks[0].text[:40]
    meta = read_metadata(header, body_text, trailer, title, regions)
    document = Document(doc_id=doc_id, source_file=source_file,
                        checksum=hashlib.sha256(raw.encode("utf-8")).hexdigest(), **dataclasses.asdict(meta))
    return document, clauses


def load_corpus(folder: Path = DEFAULT_CORPUS_DIR, regions: RegionTable | None = None) -> Corpus:
    """Parse a library folder: its .txt policies, and the bundled plans when it starts from them.

    A folder with a library.json (made by `python -m corpus add`) gets the sidecar's corrections, original file
    names and recognised places applied. A folder without one is read as it is (a plain folder of .txt files),
    except that a missing or empty folder is the bundled plans: the starting set of a new library.
    Unreadable files are reported and skipped; exact duplicates of an earlier file (same text) are skipped too,
    so one policy is never cited twice.
    """
    folder = Path(folder)
    sidecar = read_sidecar(folder)
    regions = regions or library_regions(folder)
    documents: list[Document] = []
    clauses: list[Clause] = []
    skipped: list[SkippedFile] = []
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for path in library_text_files(folder, sidecar):
        try:
            document, doc_clauses = parse_document(path, regions)
        except (UnreadableFile, OSError) as err:
            log.warning("skipping %s: %s", path.name, err)
            skipped.append(SkippedFile(path.name, str(err)))
            continue
        if document.checksum in seen:
            reason = f"duplicate of {seen[document.checksum]}"
            log.warning("skipping %s: %s", path.name, reason)
            skipped.append(SkippedFile(path.name, reason))
            continue
        if document.doc_id in ids:  # e.g. a library file named like a bundled plan: ids must stay unique
            reason = f"document id {document.doc_id} already used by {ids[document.doc_id]}"
            log.warning("skipping %s: %s", path.name, reason)
            skipped.append(SkippedFile(path.name, reason))
            continue
        seen[document.checksum] = path.name
        ids[document.doc_id] = path.name
        if sidecar is not None:
            document = apply_sidecar(document, sidecar, regions)
        documents.append(document)
        clauses.extend(doc_clauses)
    digest = hashlib.sha256("".join(d.doc_id + d.checksum for d in documents).encode()).hexdigest()
    return Corpus(tuple(documents), tuple(clauses), tuple(skipped), digest)


def library_text_files(folder: Path, sidecar: Sidecar | None) -> list[Path]:
    """The .txt files a library folder stands for, bundled plans first when the library starts from them."""
    own = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if folder.resolve() == DEFAULT_CORPUS_DIR.resolve():
        return own
    bundled = sidecar.bundled if sidecar is not None else not own
    return (sorted(DEFAULT_CORPUS_DIR.glob("*.txt")) if bundled else []) + own


def library_regions(folder: Path) -> RegionTable:
    """The bundled region table plus the places recognised from the library's added documents."""
    sidecar = read_sidecar(Path(folder))
    table = load_regions()
    return with_regions(table, sidecar.regions) if sidecar and sidecar.regions else table


def apply_sidecar(document: Document, sidecar: Sidecar, regions: RegionTable) -> Document:
    """The document with its original file name, its recognised region and the user's corrections."""
    changes: dict = {}
    entry = sidecar.documents.get(document.doc_id, {})
    if entry.get("source_file"):
        changes["source_file"] = entry["source_file"]
    if document.region is None and entry.get("region"):
        changes["region"] = entry["region"]
    for name, value in sidecar.corrections.get(document.doc_id, {}).items():
        if name in DATE_FIELDS:
            changes[name] = date.fromisoformat(value) if value else None
        elif name in CORRECTABLE:
            changes[name] = value or None
    region = changes.get("region", document.region)
    if region != document.region or (region and document.level is None):
        found = regions.get(region) if region else None
        changes["level"] = found.level if found else None
    return dataclasses.replace(document, **changes) if changes else document
