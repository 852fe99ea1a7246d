"""Print policy text to PDF with headless Chromium and Noto CJK, the way a government office's PDF looks:
A4, a running header, the page number centred in the footer as "— 3 —", indented paragraphs, centred headings."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

_CSS = """
@page { size: A4; margin: 30mm 26mm 28mm 28mm;
  @top-center { content: "%(header)s"; font: 10pt 'Noto Serif CJK SC'; }
  @bottom-center { content: "— " counter(page) " —"; font: 12pt 'Noto Serif CJK SC'; } }
body { font: 15.5pt/1.65 'Noto Serif CJK SC', serif; }
p { text-indent: 2em; margin: 0; text-align: justify; }
p.c { text-indent: 0; text-align: center; font-size: 18pt; }
.cols { column-count: 2; column-gap: 12mm; }
"""


def policy_html(text: str, header: str, two_columns: bool = False) -> str:
    """HTML for a policy: one paragraph per non-empty line; short header lines without punctuation centred."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    first_chapter = next((i for i, l in enumerate(lines) if re.match(r"^一\s*、", l)), len(lines))
    body = []
    for i, line in enumerate(lines):
        centred = i < first_chapter and not re.search(r"[，。；：]$", line) and "：" not in line[-2:]
        body.append(f"<p class='{'c' if centred else ''}'>{html.escape(line)}</p>")
    inner = "\n".join(body)
    if two_columns:
        inner = f"<div class='cols'>{inner}</div>"
    css = _CSS % {"header": header.replace('"', "")}
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head><body>{inner}</body></html>"


def print_pdf(html_text: str, out: Path, timeout: float = 120) -> Path:
    """Render HTML to a PDF file with headless Chromium."""
    with tempfile.TemporaryDirectory(prefix="print-pdf-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html_text, encoding="utf-8")
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", page.as_uri()],
                       check=True, capture_output=True, timeout=timeout)
    return out
