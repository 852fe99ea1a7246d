"""Turn the repaired body lines of a policy into its outline and clauses."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.models import Clause
from corpus.text import clean_spaces, is_noise_line

_CN_NUM = "一二三四五六七八九十"
# Marker ranks: 1 `一、`  2 `（一）`  3 `1.`  4 `（1）`  5 `——`
_MARKERS = [
    (1, re.compile(rf"^([{_CN_NUM}]{{1,3}})\s*、\s*")),
    (2, re.compile(rf"^[（(]\s*([{_CN_NUM}]{{1,3}})\s*[)）]\s*")),
    (3, re.compile(r"^(\d{1,2})\s*[.．、]\s*(?=[^\d\s])")),
    (4, re.compile(r"^[（(]\s*(\d{1,2})\s*[)）]\s*")),
    (5, re.compile(r"^[—–]{2}\s*")),
]
_DEPT_NOTE_START = re.compile(r"^[（(]\s*(?:责任单位|牵头单位|配合单位)")
_DEPT_NOTE = re.compile(r"[（(]\s*((?:牵头单位|责任单位|配合单位)\s*[:：][^（()）]*)[)）]\s*$")
_SENTENCE_END = tuple("。！？；…")
_CLOSERS = "”’」』）)"
_TITLE_MAX = 30


def cn_to_int(text: str) -> int:
    """Chinese numerals up to 99 (一, 十, 十一, 二十三)."""
    if text.isdigit():
        return int(text)
    values = [_CN_NUM.index(ch) + 1 for ch in text]
    if len(values) == 1:
        return values[0]
    if values[0] == 10:
        return 10 + (values[1] if len(values) > 1 else 0)
    return values[0] * 10 + (values[2] if len(values) > 2 else 0)


def int_to_cn(n: int) -> str:
    if n <= 10:
        return _CN_NUM[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_NUM[tens - 1]) + "十" + (_CN_NUM[ones - 1] if ones else "")


def canonical_label(rank: int, number: int | None) -> str:
    if rank == 1:
        return f"{int_to_cn(number)}、"
    if rank == 2:
        return f"（{int_to_cn(number)}）"
    if rank == 3:
        return f"{number}."
    if rank == 4:
        return f"（{number}）"
    return "——"


@dataclass
class Block:
    """A paragraph of the body after joining the lines PDF extraction broke."""

    text: str
    rank: int = 0  # 0: no marker
    number: int | None = None


def join_lines(lines: list[str]) -> list[Block]:
    """Join broken lines into paragraphs, each tagged with its heading marker if it has one."""
    blocks: list[Block] = []
    for raw in lines:
        line = clean_spaces(raw)
        if not line or is_noise_line(line):
            continue
        rank, number, rest = _match_marker(line)
        if rank:
            blocks.append(Block(canonical_label(rank, number) + rest, rank, number))
        elif blocks and (_DEPT_NOTE_START.match(line) or not _is_complete(blocks[-1])):
            blocks[-1].text += line
        else:
            blocks.append(Block(line))
    return blocks


def _match_marker(line: str) -> tuple[int, int | None, str]:
    if _DEPT_NOTE_START.match(line):
        return 0, None, line
    for rank, pattern in _MARKERS:
        match = pattern.match(line)
        if match:
            number = cn_to_int(match.group(1)) if rank < 5 else None
            return rank, number, line[match.end():]
    return 0, None, line


def _is_complete(block: Block) -> bool:
    text = block.text.rstrip(_CLOSERS) or block.text
    if text.endswith(_SENTENCE_END) or block.text.endswith(("）", ")")) and _DEPT_NOTE.search(block.text):
        return True
    return _looks_like_heading(block)


def _looks_like_heading(block: Block) -> bool:
    """A short line with no sentence punctuation: a heading, never the start of a broken sentence."""
    text = block.text
    if block.rank:
        text = text[len(canonical_label(block.rank, block.number)):]
    return len(text) <= 24 and not re.search(r"[，。；：、,;:]", text)


@dataclass
class Node:
    rank: int
    number: int | None
    heading: str  # the heading block's text
    paragraphs: list[str] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)

    @property
    def label(self) -> str:
        return canonical_label(self.rank, self.number) if self.rank else "前言"

    @property
    def title(self) -> str:
        """Label plus the heading's first phrase, for section paths."""
        body = self.heading[len(self.label):] if self.heading.startswith(self.label) else self.heading
        first = re.split(r"[。；！？]", body, maxsplit=1)[0]
        if len(first) > _TITLE_MAX:
            first = first[:_TITLE_MAX] + "…"
        return self.label + first

    def has_own_text(self) -> bool:
        if self.paragraphs or not self.children:
            return True
        _, _, rest = _split_first(self.heading[len(self.label):])
        return bool(rest.strip())


def _split_first(body: str) -> tuple[str, str, str]:
    parts = re.split(r"([。；！？])", body, maxsplit=1)
    if len(parts) == 1:
        return parts[0], "", ""
    return parts[0], parts[1], parts[2]


def build_outline(blocks: list[Block]) -> Node:
    """Nest blocks by marker rank; unmarked paragraphs belong to the innermost open heading."""
    root = Node(rank=0, number=None, heading="")
    stack = [root]
    for i, block in enumerate(blocks):
        rank, number = block.rank, block.number
        if not rank and _looks_like_heading(block) and i + 1 < len(blocks):
            rank, number = _infer_lost_number(stack, blocks[i + 1:])
            if rank:
                block = Block(canonical_label(rank, number) + block.text, rank, number)
        if not rank:
            stack[-1].paragraphs.append(block.text)
            continue
        while stack[-1].rank >= rank:
            stack.pop()
        node = Node(rank, number, block.text)
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _infer_lost_number(stack: list[Node], following: list[Block]) -> tuple[int, int | None]:
    """A heading whose number the extraction lost sits in a gap of its siblings' numbering."""
    upcoming = next((b for b in following if b.rank in (1, 2, 3)), None)
    if upcoming is None or upcoming.number is None:
        return 0, None
    siblings = next((n for n in reversed(stack) if n.rank < upcoming.rank), None)
    previous = [c.number for c in siblings.children if c.rank == upcoming.rank] if siblings else []
    if previous and previous[-1] is not None and upcoming.number == previous[-1] + 2:
        return upcoming.rank, previous[-1] + 1
    return 0, None


def outline_clauses(doc_id: str, root: Node) -> list[Clause]:
    """Clauses in reading order: every node with text of its own, plus the preamble paragraphs."""
    clauses: list[Clause] = []
    used: set[str] = set()
    for i, paragraph in enumerate(root.paragraphs, start=1):
        clauses.append(_make_clause(f"{doc_id}/p{i}", doc_id, ("前言",), "前言", paragraph, used))

    def walk(node: Node, path: tuple[str, ...], id_parts: tuple[str, ...]) -> None:
        bullets = 0
        for child in node.children:
            if child.rank == 5:
                bullets += 1
                part = f"b{bullets}"
            else:
                part = str(child.number)
            child_path = path + (child.title,)
            child_ids = id_parts + (part,)
            if child.has_own_text():
                text = "\n".join([child.heading] + child.paragraphs)
                clauses.append(_make_clause(f"{doc_id}/{'.'.join(child_ids)}", doc_id, child_path,
                                            child.label, text, used))
            walk(child, child_path, child_ids)

    walk(root, (), ())
    return clauses


def _make_clause(clause_id: str, doc_id: str, path: tuple[str, ...], label: str, text: str,
                 used: set[str]) -> Clause:
    unique, n = clause_id, 1
    while unique in used:
        n += 1
        unique = f"{clause_id}~{n}"
    used.add(unique)
    lead, departments = parse_departments(text)
    return Clause(unique, doc_id, path, label, text, departments, lead)


def parse_departments(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(lead departments, all departments) from a trailing （责任单位：…）/（牵头单位：…） note."""
    match = _DEPT_NOTE.search(text.replace("\n", ""))
    if not match:
        return (), ()
    lead: list[str] = []
    names: list[str] = []
    for part in re.split(r"[;；]", match.group(1)):
        role, _, listed = part.replace("：", ":").partition(":")
        listed = re.sub(r"〈[^〉]*〉", "", listed)  # asides such as 〈含开发区…,下同〉 name no department
        for name in re.split(r"[、,，]", listed):
            name = name.strip()
            if name and name not in names:
                names.append(name)
                if "牵头" in role:
                    lead.append(name)
    return tuple(lead), tuple(names)
