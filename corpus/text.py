"""Reading policy text files and repairing what PDF extraction did to them."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

RADICALS_FILE = Path(__file__).parent / "data" / "radicals.tsv"

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


# Dashes some fonts draw as one glyph: Noto CJK's "——" comes out of a PDF as the two-em dash U+2E3A.
_DASH_LIGATURES = {0x2E3A: "——", 0x2E3B: "———"}


@lru_cache(maxsize=1)
def _code_point_table() -> dict[int, str]:
    table: dict[int, str] = dict(_DASH_LIGATURES)
    for line in RADICALS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            radical, ideograph = line.split("\t")[:2]
            table[ord(radical)] = ideograph
    return table


def repair_code_points(text: str) -> str:
    """Replace the code points fonts' ToUnicode maps put for common characters: CJK radicals for ideographs
    (⻓ → 长, ⺠ → 民, ⼈ → 人), the two-em dash for "——", and (NFC) canonical singletons such as the angle
    bracket U+2329 for 〈 and CJK compatibility ideographs.

    A table rather than NFKC: NFKC maps only the Kangxi Radicals block (and to traditional forms: ⼾ → 戶), not the
    CJK Radicals Supplement, and would also turn full-width punctuation half-width.
    """
    text = unicodedata.normalize("NFC", text)
    if not any("\u2e3a" <= ch <= "\u2fdf" for ch in text):
        return text
    return text.translate(_code_point_table())
