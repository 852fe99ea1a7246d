"""Read a policy file of any supported format (PDF, .docx, .txt/.md, .html) into plain repaired text.

One reader per format behind `read_file`. Every reader returns text one paragraph (or source line) a line, ready
for the outline parser (corpus/parse.py). For PDF the extractor is pdfplumber; why, and the PDF repairs
(running headers and footers, page numbers, wrapped lines, two-column pages), are in corpus/pdf.py. CJK radical
code points are repaired for every format (corpus/text.py:repair_code_points).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from corpus.text import UnreadableFile, repair_code_points, read_policy_text

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # a 300-page scanned plan is ~30 MB; text PDFs are far smaller
_MIN_CHARS = 20  # fewer readable characters than this is not a document

FORMATS = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html",
           ".htm": "html"}
_OLD_OFFICE = {".doc", ".wps", ".rtf", ".odt"}


@dataclass(frozen=True)
class ReadResult:
    """The text read from one file, its format, and notes for the user (Chinese) on what was repaired or lost."""

    text: str
    format: str
    warnings: tuple[str, ...] = field(default=())


class ReadError(ValueError):
    """A file that cannot be added. `code` is stable (for --json and tests); `message` is Chinese, names the file."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read a policy file.

    Args:
        path: the file; its suffix picks the reader.
        max_bytes: larger files are refused before being read.

    Raises:
        ReadError: unsupported format, empty, too large, encrypted, corrupted, scanned (needs OCR), no text.
    """
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix in _OLD_OFFICE:
        raise ReadError("unsupported", f"{name}：不支持 {suffix} 格式。请在 WPS 或 Word 中另存为 .docx 或 PDF 后再添加。")
    if suffix not in FORMATS:
        supported = "、".join(sorted({s for s in FORMATS}))
        raise ReadError("unsupported", f"{name}：不支持的文件格式（{suffix or '无扩展名'}）。支持：{supported}。")
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ReadError("missing", f"{name}：无法打开文件（{err.strerror or err}）。") from err
    if size == 0:
        raise ReadError("empty", f"{name}：文件是空的。")
    if size > max_bytes:
        raise ReadError("too_large", f"{name}：文件有 {size / 1048576:.1f} MB，超过 {max_bytes / 1048576:.0f} MB 的上限。")
    fmt = FORMATS[suffix]
    text, warnings = _READERS[fmt](path)
    text = repair_code_points(text)
    if len(re.sub(r"\s+", "", text)) < _MIN_CHARS:
        raise ReadError("no_text", f"{name}：文件里没有可读的文字。")
    return ReadResult(text, fmt, tuple(warnings))


def _read_pdf(path: Path) -> tuple[str, list[str]]:
    from corpus.pdf import PdfError, extract_pdf

    name = path.name
    try:
        pdf = extract_pdf(path)
    except PdfError as err:
        if err.kind == "encrypted":
            raise ReadError("encrypted", f"{name}：PDF 已加密（需要密码才能打开）。请先解除密码保护再添加。") from err
        if err.kind == "no_text":
            raise ReadError("needs_ocr", f"{name}：PDF 没有文字层，可能是扫描件，需要先做文字识别（OCR）再添加。") from err
        raise ReadError("corrupted", f"{name}：PDF 文件已损坏或不完整，无法读取。") from err
    warnings = []
    if pdf.pages_without_text:
        pages = "、".join(str(n) for n in pdf.pages_without_text[:10])
        warnings.append(f"第 {pages} 页没有文字层（可能是扫描页），其内容未读入，需要 OCR。")
    if pdf.two_column_pages:
        warnings.append(f"{pdf.two_column_pages} 页为双栏排版，已按先左栏后右栏的顺序读取。")
    if pdf.removed_lines:
        warnings.append(f"已去除页眉、页脚和页码 {pdf.removed_lines} 行。")
    return "\n".join(pdf.paragraphs), warnings


def _read_docx(path: Path) -> tuple[str, list[str]]:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise ReadError("corrupted", f"{path.name}：Word 文件已损坏或不是 .docx 格式，无法读取。") from err
    lines = [p.text for p in document.paragraphs]
    warnings = []
    if document.tables:
        for table in document.tables:
            for row in table.rows:
                cells = []
                for cell in row.cells:  # merged cells repeat: keep each text once per row
                    if cell.text.strip() and cell.text not in cells:
                        cells.append(cell.text.strip())
                if cells:
                    lines.append("  ".join(cells))
        warnings.append(f"文件中有 {len(document.tables)} 个表格，已逐行读到正文之后。")
    return "\n".join(lines), warnings


def _read_plain(path: Path) -> tuple[str, list[str]]:
    try:
        return read_policy_text(path), []
    except UnreadableFile as err:
        reason = str(err)
        if "empty" in reason:
            raise ReadError("empty", f"{path.name}：文件是空的。") from err
        raise ReadError("corrupted", f"{path.name}：不是 UTF-8 或 GB18030 编码的文本文件，无法读取。") from err


def _read_markdown(path: Path) -> tuple[str, list[str]]:
    text, warnings = _read_plain(path)
    lines = [re.sub(r"^\s{0,3}(#{1,6}\s+|[-*+]\s+|>\s?)", "", line) for line in text.split("\n")]
    return "\n".join(re.sub(r"(\*\*|__)(.+?)\1", r"\2", line) for line in lines), warnings


class _HtmlText(HTMLParser):
    """Visible text of an HTML page, a line per block element."""

    _BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
               "title", "header", "footer", "blockquote", "pre"}
    _HIDDEN = {"script", "style", "head", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS or tag == "td":
            self.parts.append("\n" if tag != "td" else " ")

    def handle_endtag(self, tag):
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def _read_html(path: Path) -> tuple[str, list[str]]:
    raw = path.read_bytes()
    declared = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", raw[:4096])
    encodings = [declared.group(1).decode("ascii").lower()] if declared else []
    for encoding in encodings + ["utf-8-sig", "gb18030"]:
        try:
            text = raw.decode("gb18030" if encoding in ("gb2312", "gbk") else encoding)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    else:
        raise ReadError("corrupted", f"{path.name}：网页文件的编码无法识别，无法读取。")
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line), []


_READERS = {"pdf": _read_pdf, "docx": _read_docx, "txt": _read_plain, "md": _read_markdown, "html": _read_html}
