"""The user's library: `python -m corpus --corpus-dir DIR add|remove|set|show` on real files (PDFs printed by
headless Chromium, .docx by python-docx), refusals that leave the library as it was, corrections that last."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from corpus.library import LibraryError, add_files, correct, read_for_library, remove
from corpus.parse import DEFAULT_CORPUS_DIR, library_regions, load_corpus
from corpus.regions import DEFAULT_REGIONS_FILE
from corpus.readers import ReadError

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = sorted(p.stem for p in DEFAULT_CORPUS_DIR.glob("*.txt"))


def _yueyang_text() -> str:
    """A successor plan of a city the bundled region table does not know: 长沙's plan re-issued as 岳阳's."""
    text = (DEFAULT_CORPUS_DIR / "changsha-2023.txt").read_text(encoding="utf-8")
    return (text.replace("长沙", "岳阳").replace("长政办发〔2023〕24号", "岳政办发〔2026〕5号")
            .replace("2023—2025", "2026—2028").replace("2025年", "2028年")
            .replace("2023年8月1日", "2026年8月1日"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "corpus", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def yueyang_pdf(print_policy_pdf):
    return print_policy_pdf("yueyang", _yueyang_text(), "岳阳市人民政府办公厅行政规范性文件",
                            name="岳阳市生产性服务业行动计划.pdf")


# ------------------------------------------------------------------ adding a real PDF

@pytest.mark.slow
def test_add_pdf_stores_original_and_text_and_reads_metadata(yueyang_pdf, tmp_path):
    library = tmp_path / "library"
    regions_before = DEFAULT_REGIONS_FILE.read_bytes()
    [outcome] = add_files(library, [yueyang_pdf])
    assert outcome.added, outcome.message
    doc = outcome.document
    assert doc.doc_id == "岳阳市生产性服务业行动计划"
    assert doc.title == "岳阳市生产性服务业高质量发展三年行动计划（2026—2028年）"
    assert doc.doc_number == "岳政办发〔2026〕5号"
    assert doc.issuer == "岳阳市人民政府办公厅"
    assert (doc.valid_from, doc.valid_until) == (date(2026, 8, 1), date(2029, 7, 31))
    assert doc.in_force(date(2026, 12, 1)) is True
    assert outcome.clauses == 23
    # a new city, recognised from the issuer and the places table; regions.json untouched
    assert (doc.region, doc.level) == ("岳阳", "city")
    assert DEFAULT_REGIONS_FILE.read_bytes() == regions_before
    assert library_regions(library).get("岳阳").province == "湖南省"
    assert any("岳阳" in w for w in outcome.warnings)
    # stored: the original, the extracted text, the sidecar
    assert (library / "originals" / f"{doc.doc_id}.pdf").read_bytes() == Path(yueyang_pdf).read_bytes()
    assert (library / f"{doc.doc_id}.txt").is_file()
    sidecar = json.loads((library / "library.json").read_text(encoding="utf-8"))
    assert sidecar["bundled"] is True and sidecar["documents"][doc.doc_id]["format"] == "pdf"
    # the library is the bundled plans plus the added one; the index side reads it with load_corpus
    corpus = load_corpus(library)
    assert [d.doc_id for d in corpus.documents] == BUNDLED + [doc.doc_id]
    loaded = corpus.document(doc.doc_id)
    assert loaded.region == "岳阳" and loaded.source_file == "岳阳市生产性服务业行动计划.pdf"
    assert [c.clause_id for c in corpus.clauses_of(doc.doc_id)][:3] == [f"{doc.doc_id}/p1", f"{doc.doc_id}/1.1",
                                                                        f"{doc.doc_id}/1.2"]


@pytest.mark.slow
def test_same_document_twice_is_refused_naming_the_existing_one(yueyang_pdf, print_policy_pdf, tmp_path):
    library = tmp_path / "library"
    changsha_pdf = print_policy_pdf("changsha-2023", (DEFAULT_CORPUS_DIR / "changsha-2023.txt").read_text("utf-8"),
                                    "长沙市人民政府办公厅行政规范性文件")
    first, again, bundled = add_files(library, [yueyang_pdf, yueyang_pdf, changsha_pdf])
    assert first.added
    assert not again.added and again.code == "duplicate" and first.document.doc_id in again.message
    assert not bundled.added and bundled.code == "duplicate" and "changsha-2023" in bundled.message
    assert len(list((library / "originals").iterdir())) == 1


@pytest.mark.slow
def test_a_batch_keeps_the_good_files_and_refuses_the_bad_ones(yueyang_pdf, tmp_path):
    import docx
    import pypdf
    from PIL import Image

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    scan = inbox / "扫描件.pdf"
    Image.new("RGB", (600, 800), "white").save(scan)
    locked = inbox / "加密.pdf"
    writer = pypdf.PdfWriter(clone_from=yueyang_pdf)
    writer.encrypt("secret")
    writer.write(locked)
    word = docx.Document()
    for line in (DEFAULT_CORPUS_DIR / "wuhan-2024.txt").read_text("utf-8").replace("武汉", "黄石") \
            .replace("武政办〔2024〕121号", "黄石政办〔2025〕9号").split("\n"):
        word.add_paragraph(line)
    word_path = inbox / "黄石.docx"
    word.save(word_path)
    empty = inbox / "空.txt"
    empty.write_bytes(b"")
    library = tmp_path / "library"

    outcomes = add_files(library, [scan, yueyang_pdf, locked, empty, word_path, inbox / "没有这个文件.pdf"])

    assert [o.added for o in outcomes] == [False, True, False, False, True, False]
    assert [o.code for o in outcomes if not o.added] == ["needs_ocr", "encrypted", "empty", "missing"]
    assert "扫描件.pdf" in outcomes[0].message and "OCR" in outcomes[0].message
    huangshi = outcomes[4].document
    assert huangshi.region == "黄石" and huangshi.doc_number == "黄石政办〔2025〕9号"
    assert sorted(p.name for p in (library / "originals").iterdir()) == sorted(
        [f"{outcomes[1].document.doc_id}.pdf", f"{huangshi.doc_id}.docx"])
    assert len(load_corpus(library).documents) == len(BUNDLED) + 2


def test_a_failure_while_storing_leaves_the_library_as_it_was(tmp_path, monkeypatch):
    import corpus.library as library_module

    library = tmp_path / "library"
    first = tmp_path / "notice-one.txt"
    first.write_text("关于做好服务业统计工作的通知\n各单位应当按月报送服务业统计数据，确保数据真实准确完整。\n", "utf-8")
    second = tmp_path / "notice-two.txt"
    second.write_text("关于加强物流园区管理的通知\n各园区应当建立安全生产责任制度，定期开展隐患排查整治。\n", "utf-8")
    [ok] = add_files(library, [first])
    before = _snapshot(library)

    def disk_full(folder, sidecar):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(library_module, "write_sidecar", disk_full)
    [failed] = add_files(library, [second])
    assert ok.added and not failed.added and failed.code == "io" and "文件库未改变" in failed.message
    assert _snapshot(library) == before


# ------------------------------------------------------------------ outline, plain folders, corrections, removal

def test_document_without_outline_is_added_as_paragraphs_with_a_warning(tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_text("各区县人民政府：\n为做好今年服务业发展工作，现将有关事项通知如下，请认真贯彻执行。\n"
                      "各地要加强组织领导，明确责任分工，确保各项任务按期完成。\n", encoding="utf-8")
    [outcome] = add_files(tmp_path / "library", [notice])
    assert outcome.added and outcome.clauses >= 2
    assert any("已按自然段" in w for w in outcome.warnings)
    clauses = load_corpus(tmp_path / "library").clauses_of(outcome.document.doc_id)
    assert all(c.label == "前言" for c in clauses)


def test_a_plain_folder_of_text_files_stays_a_library(tmp_path):
    (tmp_path / "wuhan-2024.txt").write_bytes((DEFAULT_CORPUS_DIR / "wuhan-2024.txt").read_bytes())
    assert [d.doc_id for d in load_corpus(tmp_path).documents] == ["wuhan-2024"]
    # adding to it keeps it as it is: its own files, no bundled plans
    extra = tmp_path.parent / f"{tmp_path.name}-in" / "zz.txt"
    extra.parent.mkdir()
    extra.write_bytes((DEFAULT_CORPUS_DIR / "zhuzhou-2025.txt").read_bytes())
    [outcome] = add_files(tmp_path, [extra])
    assert outcome.added
    assert [d.doc_id for d in load_corpus(tmp_path).documents] == ["wuhan-2024", "zz"]
    # an empty or missing folder is the starting set: the bundled plans
    assert [d.doc_id for d in load_corpus(tmp_path / "new").documents] == BUNDLED


def test_corrections_survive_re_reading_and_are_validated(tmp_path):
    library = tmp_path / "library"
    source = tmp_path / "yueyang.txt"
    source.write_text(_yueyang_text(), encoding="utf-8")
    [outcome] = add_files(library, [source])
    doc_id = outcome.document.doc_id
    corrected = correct(library, doc_id, {"doc_number": "岳政办发〔2026〕6号", "valid_until": "2028-12-31"})
    assert corrected.doc_number == "岳政办发〔2026〕6号" and corrected.valid_until == date(2028, 12, 31)
    again = load_corpus(library).document(doc_id)  # the text is parsed again; the correction is applied again
    assert again.doc_number == "岳政办发〔2026〕6号" and again.valid_until == date(2028, 12, 31)
    assert again.in_force(date(2028, 10, 1)) is True
    # a bundled plan's metadata can be corrected too (its file stays untouched)
    assert correct(library, "changsha-2023", {"valid_until": "2026-12-31"}).valid_until == date(2026, 12, 31)
    assert load_corpus(DEFAULT_CORPUS_DIR).document("changsha-2023").valid_until == date(2026, 7, 31)
    for fields, words in [({"valid_until": "明年"}, "不是日期"), ({"region": "火星"}, "不认识地区"),
                          ({"valid_from": "2029-01-01"}, "早于")]:
        before = _snapshot(library)
        with pytest.raises(LibraryError, match=words):
            correct(library, doc_id, fields)
        assert _snapshot(library) == before
    with pytest.raises(LibraryError, match="没有编号"):
        correct(library, "no-such-doc", {"title": "x"})


def test_remove_deletes_an_added_document_and_refuses_a_bundled_one(tmp_path):
    library = tmp_path / "library"
    source = tmp_path / "yueyang.txt"
    source.write_text(_yueyang_text(), encoding="utf-8")
    [outcome] = add_files(library, [source])
    doc_id = outcome.document.doc_id
    correct(library, doc_id, {"title": "岳阳行动计划"})
    assert remove(library, doc_id) == "岳阳行动计划"
    assert [d.doc_id for d in load_corpus(library).documents] == BUNDLED
    assert list((library / "originals").iterdir()) == []
    sidecar = json.loads((library / "library.json").read_text("utf-8"))
    assert doc_id not in sidecar["documents"] and doc_id not in sidecar["corrections"]
    with pytest.raises(LibraryError, match="内置文件"):
        remove(library, "changsha-2023")
    with pytest.raises(LibraryError, match="没有编号"):
        remove(library, "no-such-doc")
    # once removed, the same document may be added again
    assert add_files(library, [source])[0].added


def test_preview_changes_nothing(tmp_path):
    library = tmp_path / "library"
    source = tmp_path / "yueyang.txt"
    source.write_text(_yueyang_text(), encoding="utf-8")
    reading = read_for_library(source, library)
    assert reading.document.doc_number == "岳政办发〔2026〕5号"
    assert reading.outline()[:2] == ["前言", "一、总体目标"]
    assert not library.exists()
    with pytest.raises(ReadError):
        read_for_library(DEFAULT_CORPUS_DIR / "wuhan-2024.txt", library)  # a duplicate of a bundled plan


# ------------------------------------------------------------------ the CLI

def test_cli_add_show_set_remove(tmp_path):
    library = tmp_path / "library"
    source = tmp_path / "yueyang.txt"
    source.write_text(_yueyang_text(), encoding="utf-8")
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")

    added = _cli("--corpus-dir", str(library), "add", str(source), str(bad), "--json")
    assert added.returncode == 1, added.stderr  # one file refused
    rows = json.loads(added.stdout)
    assert [r["added"] for r in rows] == [True, False]
    assert rows[0]["doc_id"] == "yueyang" and rows[0]["doc_number"] == "岳政办发〔2026〕5号"
    assert rows[0]["region"] == "岳阳" and rows[0]["clauses"] == 23 and rows[0]["in_force"] is not None
    assert rows[1]["code"] == "unsupported" and ".docx" in rows[1]["message"]

    human = _cli("--corpus-dir", str(library), "add", str(source))
    assert human.returncode == 1 and "未添加 yueyang.txt" in human.stdout and "内容相同" in human.stdout

    changed = _cli("--corpus-dir", str(library), "set", "yueyang", "--doc-number", "岳政办发〔2026〕7号",
                   "--valid-until", "2029-07-31")
    assert changed.returncode == 0 and "已更正 yueyang" in changed.stdout
    shown = json.loads(_cli("--dir", str(library), "show", "--json").stdout)  # the old flag still works
    row = next(r for r in shown if r["doc_id"] == "yueyang")
    assert row["doc_number"] == "岳政办发〔2026〕7号" and row["valid_until"] == "2029-07-31"
    assert [r["doc_id"] for r in shown][: len(BUNDLED)] == BUNDLED

    wrong = _cli("--corpus-dir", str(library), "set", "yueyang", "--valid-until", "下个月")
    assert wrong.returncode == 1 and "不是日期" in wrong.stderr and "Traceback" not in wrong.stderr
    removed = _cli("--corpus-dir", str(library), "remove", "yueyang")
    assert removed.returncode == 0 and "已删除 yueyang" in removed.stdout
    # Without --corpus-dir the per-user library is used (the tests point POLICY_DATA_DIR at a temporary
    # folder), never the bundled plans' folder.
    default = _cli("add", str(source))
    assert default.returncode == 0, default.stderr
    user_library = Path(os.environ["POLICY_DATA_DIR"]) / "library"
    assert (user_library / "yueyang.txt").is_file()
    assert _cli("remove", "yueyang").returncode == 0 and not (user_library / "yueyang.txt").exists()
