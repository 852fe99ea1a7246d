"""Reading files into policy text: PDFs printed by a real PDF writer (headless Chromium + Noto CJK), .docx written
with python-docx, GB18030 text, Markdown, HTML, and every kind of bad file."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from corpus.parse import DEFAULT_CORPUS_DIR, parse_document, parse_text
from corpus.readers import ReadError, read_file
from corpus.regions import load_regions
from corpus.text import repair_code_points, squash
from tests.print_pdf import policy_html

PLANS = ["changsha-2023", "hunan-2021", "wuhan-2024", "xiangtan-2021", "zhuzhou-2025"]
# running headers (distinct from any line of the plans, so the test can tell they are gone)
HEADERS = {"changsha-2023": "长沙市人民政府办公厅行政规范性文件", "hunan-2021": "湖南省人民政府办公厅公报",
           "wuhan-2024": "武汉市人民政府办公厅公报", "xiangtan-2021": "湘潭市人民政府办公室行政规范性文件",
           "zhuzhou-2025": "株洲市人民政府办公室行政规范性文件"}
META = ("title", "issuer", "doc_number", "region", "level", "issued", "printed", "valid_from", "valid_until")


def _plan_text(name: str) -> str:
    return (DEFAULT_CORPUS_DIR / f"{name}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def regions():
    return load_regions()


def _assert_same_as_text(name: str, text: str, regions, meta=META) -> None:
    """The clauses read from another format equal those read from the bundled .txt: ids, text, metadata."""
    expected_doc, expected = parse_document(DEFAULT_CORPUS_DIR / f"{name}.txt", regions)
    document, clauses = parse_text(text, name, f"{name}.x", regions)
    assert [c.clause_id for c in clauses] == [c.clause_id for c in expected]
    for got, want in zip(clauses, expected):
        assert squash(got.text) == squash(want.text), got.clause_id
        assert got.section_path == want.section_path
    for field in meta:
        assert getattr(document, field) == getattr(expected_doc, field), field


# ------------------------------------------------------------------ PDF (Chromium print-to-PDF, Noto CJK)

@pytest.mark.slow
@pytest.mark.parametrize("name", PLANS)
def test_printed_pdf_reads_like_the_text_file(name, print_policy_pdf, regions):
    pdf = print_policy_pdf(name, _plan_text(name), HEADERS[name])
    result = read_file(pdf)
    assert result.format == "pdf"
    _assert_same_as_text(name, result.text, regions)
    assert not any("\u2e80" <= ch <= "\u2fdf" for ch in result.text)  # no radical code points left
    lines = result.text.split("\n")
    assert not any(HEADERS[name] in line for line in lines)  # the running header is gone …
    assert not any(squash(line).strip("—") .isdigit() for line in lines)  # … and so are the page numbers
    assert any("页眉、页脚和页码" in w for w in result.warnings)


@pytest.mark.slow
def test_pdf_damage_is_real_and_repaired(print_policy_pdf):
    """Chromium's PDF really carries radicals for ideographs (⻓ for 长, ⺠ for 民, ⼈ for 人): the repair is needed."""
    import pdfplumber

    pdf = print_policy_pdf("changsha-2023", _plan_text("changsha-2023"), HEADERS["changsha-2023"])
    with pdfplumber.open(pdf) as doc:
        raw = doc.pages[0].extract_text()
    assert "⻓沙市⼈⺠政府办公厅" in raw
    assert "长沙市人民政府办公厅" in read_file(pdf).text
    assert unicodedata.normalize("NFKC", "⺠") == "⺠"  # why a table: NFKC leaves the supplement block alone


@pytest.mark.slow
def test_pypdf_puts_running_lines_inside_the_body_pdfplumber_does_not(print_policy_pdf):
    """Why pdfplumber: pypdf returns the header and page number first on the page, in content-stream order."""
    import pdfplumber
    import pypdf

    pdf = print_policy_pdf("changsha-2023", _plan_text("changsha-2023"), HEADERS["changsha-2023"])
    by_pypdf = pypdf.PdfReader(pdf).pages[1].extract_text().split("\n")
    with pdfplumber.open(pdf) as doc:
        by_plumber = doc.pages[1].extract_text().split("\n")
    assert by_pypdf[1].strip() == "— 2 —"          # the page number right under the header, above the body
    assert by_plumber[-1].strip() == "— 2 —"       # at the foot, where it is printed


@pytest.mark.slow
def test_two_column_pdf_reads_left_column_then_right(print_policy_pdf, regions):
    pdf = print_policy_pdf("wuhan-2col", _plan_text("wuhan-2024"), HEADERS["wuhan-2024"], two_columns=True)
    result = read_file(pdf)
    assert any("双栏" in w for w in result.warnings)
    _assert_same_as_text("wuhan-2024", result.text, regions, meta=("doc_number", "valid_until", "title"))


@pytest.mark.slow
def test_truncated_pdf_is_refused_as_corrupted(print_policy_pdf, tmp_path):
    data = Path(print_policy_pdf("zhuzhou-2025", _plan_text("zhuzhou-2025"), HEADERS["zhuzhou-2025"])).read_bytes()
    truncated = tmp_path / "株洲-截断.pdf"
    truncated.write_bytes(data[: len(data) // 3])
    with pytest.raises(ReadError) as err:
        read_file(truncated)
    assert err.value.code == "corrupted" and "株洲-截断.pdf" in err.value.message and "损坏" in err.value.message


@pytest.mark.slow
def test_pdf_with_only_an_owner_password_is_read(print_policy_pdf, tmp_path, regions):
    """Government PDFs often forbid copying with an owner password but open without one: they are readable."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=print_policy_pdf("wuhan-2024", _plan_text("wuhan-2024"),
                                                         HEADERS["wuhan-2024"]))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    locked = tmp_path / "wuhan-locked.pdf"
    writer.write(locked)
    _assert_same_as_text("wuhan-2024", read_file(locked).text, regions)


# ------------------------------------------------------------------ code-point repair

def test_radicals_and_dash_ligature_are_repaired():
    assert repair_code_points("⻓沙市⼈⺠政府办公厅⽂件") == "长沙市人民政府办公厅文件"
    assert repair_code_points("⻋⻔⻢⾦⼾") == "车门马金户"  # simplified forms (NFKC would give 戶 for ⼾)
    assert repair_code_points("⸺总量规模") == "——总量规模"
    assert repair_code_points("各区人民政府\u2329含开发区\u232a") == "各区人民政府〈含开发区〉"
    assert repair_code_points("（一）发展基础。2025年，达到65%以上；") == "（一）发展基础。2025年，达到65%以上；"


# ------------------------------------------------------------------ .docx, text, Markdown, HTML

def test_docx_written_by_python_docx_reads_like_the_text_file(tmp_path, regions):
    import docx

    document = docx.Document()
    for line in _plan_text("zhuzhou-2025").split("\n"):
        if line.strip():
            document.add_paragraph(line.strip())
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "目标值"
    table.cell(1, 0).text, table.cell(1, 1).text = "生产性服务业增加值", "1500亿元"
    path = tmp_path / "株洲.docx"
    document.save(path)
    result = read_file(path)
    assert result.format == "docx"
    assert "生产性服务业增加值  1500亿元" in result.text.split("\n")
    assert any("表格" in w for w in result.warnings)
    text_without_table = "\n".join(result.text.split("\n")[:-2])
    _assert_same_as_text("zhuzhou-2025", text_without_table, regions)


def test_gb18030_text_and_markdown_and_html(tmp_path, regions):
    text = _plan_text("changsha-2023")
    gbk = tmp_path / "changsha.txt"
    gbk.write_bytes(text.encode("gb18030"))
    _assert_same_as_text("changsha-2023", read_file(gbk).text, regions)

    markdown = tmp_path / "changsha.md"
    markdown.write_text("\n".join(("## " + l if l.startswith("一、") else l) for l in text.split("\n")), "utf-8")
    assert read_file(markdown).format == "md"
    _assert_same_as_text("changsha-2023", read_file(markdown).text, regions)

    page = tmp_path / "changsha.html"
    page.write_text(policy_html(text, "长沙市人民政府办公厅").replace("<style>", "<script>var x=1;</script><style>"),
                    encoding="utf-8")
    result = read_file(page)
    assert result.format == "html" and "var x" not in result.text and "text-indent" not in result.text
    _assert_same_as_text("changsha-2023", result.text, regions)


# ------------------------------------------------------------------ bad files

def _refused(path: Path, **kwargs) -> ReadError:
    with pytest.raises(ReadError) as err:
        read_file(path, **kwargs)
    assert path.name in err.value.message  # every message names the file
    return err.value


def test_pdf_with_only_an_image_needs_ocr(tmp_path):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(image).rectangle((100, 100, 1100, 300), outline="black", width=5)
    path = tmp_path / "扫描件.pdf"
    image.save(path)  # Pillow writes a PDF holding only the image: a scan
    err = _refused(path)
    assert err.code == "needs_ocr" and "OCR" in err.message and "扫描" in err.message


def test_encrypted_pdf_is_refused(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    path = tmp_path / "加密.pdf"
    writer.write(path)
    err = _refused(path)
    assert err.code == "encrypted" and "密码" in err.message


@pytest.mark.parametrize("name, data, code, words", [
    ("garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20, "corrupted", "损坏"),
    ("broken.docx", b"PK\x03\x04 this is not a zip archive", "corrupted", "损坏"),
    ("noise.txt", bytes(range(128, 256)) * 40, "corrupted", "编码"),
    ("empty.pdf", b"", "empty", "空"),
    ("blank.txt", b" \n\n \t\n", "empty", "空"),
    ("old.doc", b"\xd0\xcf\x11\xe0 old word", "unsupported", ".docx"),
    ("table.xlsx", b"PK\x03\x04", "unsupported", "不支持"),
    ("notes", b"some text", "unsupported", "不支持"),
    ("tiny.txt", "通知。".encode(), "no_text", "没有可读"),
])
def test_bad_files_get_a_chinese_reason(tmp_path, name, data, code, words):
    path = tmp_path / name
    path.write_bytes(data)
    err = _refused(path)
    assert err.code == code and words in err.message


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(_plan_text("wuhan-2024"), encoding="utf-8")
    err = _refused(path, max_bytes=10_000)
    assert err.code == "too_large" and "上限" in err.message
    assert read_file(path, max_bytes=100_000).format == "txt"


# ------------------------------------------------------------------ PDF layout repairs on positioned lines

def _page(*rows: tuple[str, float, float, float]) -> list[list]:
    """One single-column page of Lines (text, x0, x1, top) at a 16 pt line height."""
    from corpus.pdf import Line

    return [[Line(text, x0, x1, top, top + 16) for text, x0, x1, top in rows]]


def test_running_lines_and_page_number_styles_are_dropped():
    from corpus.pdf import _drop_running_lines, _paragraphs

    pages = []
    for n, number in enumerate(["-1-", "— 2 —", "第3页 共3页"], start=1):
        pages.append(_page(("湘潭市人民政府办公室行政规范性文件", 200, 400, 30),
                           (f"（{'一二三'[n - 1]}）第{n}项任务。加快建设服务业集聚区，推动", 100, 500, 120),
                           ("产业提质增效。", 70, 180, 140),
                           (number, 280, 320, 745)))  # GB/T 9704: above the 9% band
    kept, removed = _drop_running_lines(pages, [842.0] * len(pages))
    assert removed == 6
    assert _paragraphs(kept) == [f"（{c}）第{n}项任务。加快建设服务业集聚区，推动产业提质增效。"
                                 for n, c in enumerate("一二三", start=1)]


def test_wrapped_lines_join_into_paragraphs_and_latin_words_keep_their_space():
    from corpus.pdf import _paragraphs

    page = _page(("一、总体目标", 70, 170, 100),                                   # short: a heading
                 ("推进人工智能（Artificial", 100, 500, 120),                       # reaches the right margin
                 ("Intelligence）和数字经济融合发展，建设国际化的smart-", 70, 500, 140),
                 ("city示范区。", 70, 160, 160),
                 ("新的段落从缩进开始，这一行写满到右边", 100, 500, 180),
                 ("界。", 70, 90, 200),
                 ("再一个段落。", 100, 200, 220))
    assert _paragraphs([page]) == ["一、总体目标",
                                   "推进人工智能（Artificial Intelligence）和数字经济融合发展，建设国际化的smartcity示范区。",
                                   "新的段落从缩进开始，这一行写满到右边界。",
                                   "再一个段落。"]
