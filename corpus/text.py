"""Reading policy text files and repairing what PDF extraction did to them."""
from __future__ import annotations

import re
from pathlib import Path

_CJK = r"\u2018-\u201f\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[{_CJK}])")
_MULTI_SPACE = re.compile(r"[ \t\u00a0\u3000]+")

# Lines that are extraction or layout noise wherever they stand.
_NOISE_LINES = [
    re.compile(r"^[A-Z]{2,8}\s*[—\-–－]+\s*\d{4}\s*[—\-–－]+\s*\d{3,}$"),  # ZZCR—2025—01002
    re.compile(r"^[（(]\s*此件主动公开\s*[)）]$"),
    re.compile(r"^[—\-–－]?\s*\d{1,3}\s*[—\-–－]?$"),  # page numbers
    re.compile(r"^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$"),
    re.compile(r"^图\s*\d+[^。，；]{0,40}(示意图|图)$"),  # figure captions (the figure itself is lost)
]


class UnreadableFile(ValueError):
    """A corpus file that is empty, binary or in an unknown encoding."""


def read_policy_text(path: Path) -> str:
    """Decode a policy file as UTF-8 or GB18030.

    Raises:
        UnreadableFile: with a short English reason when the file is empty or not text.
    """
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableFile("empty file")
    if b"\x00" in data:
        raise UnreadableFile("binary file (NUL bytes)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text.replace("\r\n", "\n").replace("\r", "\n")
    raise UnreadableFile("not UTF-8 or GB18030 text")


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls <= max(2, len(text) // 200)


def clean_spaces(line: str) -> str:
    """Drop the stray spaces PDF extraction puts inside Chinese text; keep those between Latin words."""
    line = _SPACE_NEAR_CJK.sub("", line.strip())
    return _MULTI_SPACE.sub(" ", line)


def squash(text: str) -> str:
    """Text with all whitespace removed: the form used to compare and match spans."""
    return re.sub(r"\s+", "", text)


def is_noise_line(line: str) -> bool:
    return any(p.match(line) for p in _NOISE_LINES)
