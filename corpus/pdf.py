"""Text of a PDF in reading order, one paragraph a line, without running headers, footers or page numbers.

pdfplumber (on pdfminer.six) rather than pypdf: compared on the bundled plans printed by Chromium with Noto CJK
(tests/test_readers.py), both extract the same characters, radicals and all, but pypdf returns them in content
stream order (Chromium writes the running header and the page number "— 1 —" before the body, so they land
inside the first sentence of every page), while pdfplumber gives every line with its position on the page. The
positions are what the repairs need: headers and footers are the lines repeated in the top or bottom band of
the pages, a paragraph ends at a line that stops short of the right margin or where the next line is indented,
and a two-column page shows as a gutter no character crosses. pypdf is about 1.5x faster (the five plans, 114
pages: 13.6 s against 20.5 s on a busy 2-core machine); the library reads a document once, so correctness wins.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

log = logging.getLogger(__name__)

_BAND = 0.09  # top and bottom share of the page height where running headers and footers sit
# Page numbers sit lower in the margin than headers: GB/T 9704 puts them 7 mm under a type area that ends 35 mm
# above the page edge, i.e. in the bottom 10% of A4; a line that is only a number is taken as one in the 15%.
_NUMBER_BAND = 0.15
_PAGE_NUMBER = re.compile(r"^[—\-–－ ]*(第\s*)?\d{1,4}(\s*页)?([\s/／]*共?\s*\d{1,4}\s*页?)?[—\-–－ ]*$")
_SENTENCE_END = tuple("。！？；：…")
_LATIN_HYPHEN = re.compile(r"[A-Za-z]-$")


class PdfError(ValueError):
    """A PDF that cannot be read: `kind` is encrypted, corrupted or no_text."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class PdfText:
    paragraphs: list[str]
    pages: int
    removed_lines: int  # running headers, footers and page numbers dropped
    two_column_pages: int
    pages_without_text: tuple[int, ...] = ()  # 1-based numbers of pages with no text layer (scanned pages)


def extract_pdf(path) -> PdfText:
    """Read a PDF into paragraphs.

    Raises:
        PdfError: encrypted (a password is needed), corrupted (not a readable PDF) or no_text (no text layer).
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font-descriptor warnings on every page
    try:
        with pdfplumber.open(path) as pdf:  # a PDF with only an owner password (no copying, printing) opens
            pages = [_page_columns(page) for page in pdf.pages]
            heights = [float(page.height) for page in pdf.pages]
    except Exception as err:  # pdfminer raises many unrelated types on damaged files; pdfplumber wraps them
        cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
        if isinstance(cause, PDFPasswordIncorrect) or type(cause).__name__.startswith("PDFEncrypt"):
            raise PdfError("encrypted", repr(cause)) from err
        raise PdfError("corrupted", f"{type(cause).__name__}: {cause}") from err
    if not any(line.text.strip() for columns in pages for column in columns for line in column):
        raise PdfError("no_text")
    kept, removed = _drop_running_lines(pages, heights)
    blank = tuple(i for i, columns in enumerate(pages, start=1) if not any(columns))
    return PdfText(_paragraphs(kept), len(pages), removed, sum(1 for columns in pages if len(columns) == 2), blank)


def _lines(page) -> list[Line]:
    return [Line(l["text"], l["x0"], l["x1"], l["top"], l["bottom"])
            for l in page.extract_text_lines(strip=True) if l["text"].strip()]


def _page_columns(page) -> list[list[Line]]:
    """The page's lines as one column, or as two (left then right) when an empty gutter splits its body.

    The top and bottom bands (running header, page number) span the page and are read whole, before the left
    column and after the right one.
    """
    top, bottom = page.height * _BAND, page.height * (1 - _BAND)
    split = _gutter([c for c in page.chars if c["top"] > top and c["bottom"] < bottom and c["text"].strip()],
                    page.width)
    if split is None:
        return [_lines(page)]
    head = _lines(page.crop((0, 0, page.width, top)))
    foot = _lines(page.crop((0, bottom, page.width, page.height)))
    left = _lines(page.crop((0, top, split, bottom)))
    right = _lines(page.crop((split, top, page.width, bottom)))
    return [head + left, right + foot]


def _gutter(chars: list[dict], width: float) -> float | None:
    """x of an empty vertical band in the middle third of the page with at least a quarter of the body's
    characters on each side; None for a one-column page."""
    if len(chars) < 200:
        return None
    spans = sorted((c["x0"], c["x1"]) for c in chars)
    best = None
    for step in range(0, 61):
        x = width * (0.35 + 0.005 * step)
        if any(x0 - 2 < x < x1 + 2 for x0, x1 in spans):
            continue
        left = sum(1 for x0, _ in spans if x0 < x)
        if min(left, len(spans) - left) >= len(spans) / 4 and (best is None or abs(x - width / 2) < abs(best - width / 2)):
            best = x
    return best


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_running_lines(pages: list[list[list[Line]]], heights: list[float]) -> tuple[list[list[list[Line]]], int]:
    """Drop page numbers and lines repeated in the top or bottom band of at least half the pages."""
    band_keys: Counter = Counter()
    for columns, page_height in zip(pages, heights):
        keys = {_key(l.text) for c in columns for l in c if _in_band(l, page_height)}
        band_keys.update(keys)
    repeated = {k for k, n in band_keys.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    removed = 0
    kept_pages = []
    for columns, page_height in zip(pages, heights):
        kept_columns = []
        for column in columns:
            kept = []
            for line in column:
                squashed = re.sub(r"\s+", "", line.text)
                if (_in_band(line, page_height) and _key(line.text) in repeated
                        or _in_band(line, page_height, _NUMBER_BAND) and _PAGE_NUMBER.match(squashed)):
                    removed += 1
                    continue
                kept.append(line)
            kept_columns.append(kept)
        kept_pages.append(kept_columns)
    return kept_pages, removed


def _in_band(line: Line, page_height: float, band: float = _BAND) -> bool:
    return line.top < page_height * band or line.bottom > page_height * (1 - band)


def _paragraphs(pages: list[list[list[Line]]]) -> list[str]:
    """Join the lines a paragraph wraps into: a line continues the previous one when the previous reaches the
    right margin and this one is not indented, or when both are centred heading lines."""
    paragraphs: list[str] = []
    previous: tuple[Line, float, float, float] | None = None  # the line, its column's left, right, char width
    for columns in pages:
        for column in columns:
            if not column:
                continue
            left = _percentile([l.x0 for l in column], 0.1)
            right = _percentile([l.x1 for l in column], 0.9)
            char = _percentile([l.height for l in column], 0.5) or 10
            for line in column:
                text = line.text.strip()
                if previous is not None and _continues(previous, line, left, right, char):
                    paragraphs[-1] = _join(paragraphs[-1], text)
                else:
                    paragraphs.append(text)
                previous = (line, left, right, char)
    return paragraphs


def _continues(previous, line: Line, left: float, right: float, char: float) -> bool:
    """Centred lines (banner, 文号, title) never join here: a title that wraps is matched across its lines by the
    parser, while joining would also glue the banner to the 文号."""
    before, _, p_right, p_char = previous
    indented = line.x0 > left + 1.2 * char
    full = before.x1 >= p_right - 1.5 * p_char
    return full and not indented


def _join(paragraph: str, line: str) -> str:
    if _LATIN_HYPHEN.search(paragraph) and line[:1].islower():
        return paragraph[:-1] + line  # a Latin word hyphenated at the line end
    if paragraph[-1:].isascii() and paragraph[-1:].isalnum() and line[:1].isascii() and line[:1].isalpha():
        return paragraph + " " + line  # Latin words on both sides of the break
    return paragraph + line


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
