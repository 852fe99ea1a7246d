"""Parsing of the real policy corpus: metadata, clause text, structure, robustness and the CLI."""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpus.metadata import find_title  # noqa: E402
from corpus.models import Document  # noqa: E402
from corpus.parse import DEFAULT_CORPUS_DIR, load_corpus, split_sections  # noqa: E402
from corpus.text import clean_spaces, is_noise_line, read_policy_text, squash  # noqa: E402

POLICIES = DEFAULT_CORPUS_DIR
DOC_IDS = ["changsha-2023", "hunan-2021", "wuhan-2024", "xiangtan-2021", "zhuzhou-2025"]
# Headings whose number PDF extraction lost and the parser put back: the label is not in the raw text.
INFERRED_LABELS = {"xiangtan-2021/5.4": "（四）"}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def norm(text: str) -> str:
    """Whitespace-free text with the marker forms the parser canonicalises made uniform."""
    return squash(text).replace("(", "（").replace(")", "）").replace("．", ".")


def raw_body_lines(doc_id: str) -> list[str]:
    """Body lines of a real file, split the way the parser splits them (header, body, trailer)."""
    lines = read_policy_text(POLICIES / f"{doc_id}.txt").split("\n")
    first_chapter = next((i for i, l in enumerate(lines) if re.match(r"^\s*一\s*、", l)), len(lines))
    title = find_title(lines[:first_chapter][:40])
    _, body, _ = split_sections(lines, title)
    return body


def clean_body_lines(doc_id: str) -> list[str]:
    """Non-empty, non-noise body lines, normalised."""
    out = []
    for line in raw_body_lines(doc_id):
        cleaned = clean_spaces(line)
        if cleaned and not is_noise_line(cleaned):
            out.append(norm(cleaned))
    return out


def find_clauses_containing(corpus, doc_id: str, phrase: str):
    key = norm(phrase)
    return [c for c in corpus.clauses_of(doc_id) if key in norm(c.text)]


# ---------------------------------------------------------------- metadata

EXPECTED_META = {
    "changsha-2023": dict(doc_number="长政办发〔2023〕24号", issuer="长沙市人民政府办公厅", region="长沙", level="city",
                          title="长沙市生产性服务业高质量发展三年行动计划（2023—2025年）",
                          issued=None, printed=date(2023, 7, 12),
                          valid_from=date(2023, 8, 1), valid_until=date(2026, 7, 31)),
    "hunan-2021": dict(doc_number="湘政办发〔2021〕40号", issuer="湖南省人民政府办公厅", region="湖南省", level="province",
                       title="湖南省“十四五”服务业发展规划",
                       issued=date(2021, 8, 12), printed=None,
                       valid_from=date(2021, 8, 12), valid_until=date(2025, 12, 31)),
    "zhuzhou-2025": dict(doc_number="株政办发〔2025〕3号", issuer="株洲市人民政府办公室", region="株洲", level="city",
                         title="株洲市生产性服务业高质量发展三年行动计划（2025—2027年）",
                         issued=None, printed=date(2025, 3, 21),
                         valid_from=date(2025, 3, 21), valid_until=date(2028, 3, 20)),
    "xiangtan-2021": dict(doc_number="潭政办发〔2021〕46号", issuer="湘潭市人民政府办公室", region="湘潭", level="city",
                          title="湘潭市“十四五”服务业发展规划",
                          issued=date(2021, 12, 17), printed=None,
                          valid_from=date(2021, 12, 17), valid_until=date(2025, 12, 31)),
    "wuhan-2024": dict(doc_number="武政办〔2024〕121号", issuer="武汉市人民政府办公厅", region="武汉", level="city",
                       title="武汉市加快生产性服务业高质量发展实施方案（2024—2027年）",
                       issued=date(2024, 12, 3), printed=date(2024, 12, 6),
                       valid_from=date(2024, 12, 3), valid_until=date(2027, 12, 31)),
}


def test_all_five_documents_load_and_nothing_is_skipped(corpus):
    assert sorted(d.doc_id for d in corpus.documents) == DOC_IDS
    assert corpus.skipped == ()
    for doc_id in DOC_IDS:
        assert corpus.clauses_of(doc_id), doc_id


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_document_metadata(corpus, doc_id):
    doc = corpus.document(doc_id)
    expected = EXPECTED_META[doc_id]
    for field, value in expected.items():
        assert getattr(doc, field) == value, f"{doc_id}.{field}: {getattr(doc, field)!r} != {value!r}"
    assert doc.source_file == f"{doc_id}.txt"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_title_has_no_stray_spaces_or_half_width_brackets(corpus, doc_id):
    title = corpus.document(doc_id).title
    assert not re.search(r"\s", title), repr(title)
    assert "(" not in title and ")" not in title, repr(title)


@pytest.mark.parametrize("doc_id, on, expected", [
    ("changsha-2023", date(2024, 1, 1), True),
    ("changsha-2023", date(2023, 7, 31), False),     # the day before 2023-08-01
    ("changsha-2023", date(2026, 7, 31), True),      # last day of 3 years
    ("changsha-2023", date(2026, 8, 1), False),
    ("changsha-2023", date(2026, 11, 22), False),
    ("zhuzhou-2025", date(2026, 11, 22), True),
    ("zhuzhou-2025", date(2028, 3, 20), True),
    ("zhuzhou-2025", date(2028, 3, 21), False),
    ("wuhan-2024", date(2026, 11, 22), True),
    ("wuhan-2024", date(2028, 1, 1), False),
    ("hunan-2021", date(2023, 6, 1), True),
    ("hunan-2021", date(2026, 11, 22), False),
    ("xiangtan-2021", date(2023, 6, 1), True),
    ("xiangtan-2021", date(2026, 11, 22), False),
])
def test_in_force(corpus, doc_id, on, expected):
    assert corpus.document(doc_id).in_force(on) is expected


def test_validity_text_is_quoted_from_the_document(corpus):
    assert corpus.document("changsha-2023").validity_text == "自2023年8月1日起施行，有效期3年"
    assert corpus.document("zhuzhou-2025").validity_text == "自公布之日起施行，有效期3年"
    assert corpus.document("hunan-2021").validity_text == "规划期2021—2025年"


def test_document_without_validity_is_unknown_not_in_force():
    doc = Document(doc_id="x", title="t", issuer=None, doc_number=None, region=None, level=None,
                   issued=None, printed=None, valid_from=None, valid_until=None, validity_text=None,
                   source_file="x.txt", checksum="0")
    assert doc.in_force(date(2024, 1, 1)) is None
    assert doc.to_json(date(2024, 1, 1), 0)["in_force"] is None


# ---------------------------------------------------------------- noise

NOISE = [
    (re.compile(r"[A-Z]{2,8}\s*[—\-–－]+\s*\d{4}\s*[—\-–－]+\s*\d{3,}"), "document code"),
    (re.compile(r"此件主动公开"), "此件主动公开"),
    (re.compile(r"抄\s*送"), "抄送"),
    (re.compile(r"\d{4}\s*年\s*\d+\s*月\s*\d+\s*日\s*印\s*发"), "print line"),
    (re.compile(r"来\s*源\s*[:：]"), "来源："),
    (re.compile(r"人民政府办公[厅室]\s*文件"), "banner"),
]


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_no_clause_carries_layout_noise(corpus, doc_id):
    found = []
    for clause in corpus.clauses_of(doc_id):
        for pattern, what in NOISE:
            if pattern.search(clause.text):
                found.append((clause.clause_id, what))
    assert not found, found


def test_the_word_yinfa_inside_a_sentence_is_not_mistaken_for_noise(corpus):
    # "关于印发" is quoted inside the zhuzhou preamble; it must stay there.
    preamble = corpus.clause("zhuzhou-2025/p1")
    assert "关于印发〈湖南省“两业融合共进”行动方案" in preamble.text


# ---------------------------------------------------------------- page breaks

@pytest.mark.parametrize("doc_id, clause_id, phrase", [
    ("changsha-2023", "changsha-2023/2.6", "力争到2025年，培育300家左右产教融合型企业"),
    ("changsha-2023", "changsha-2023/2.3", "打造私募基金聚集高地"),
    ("changsha-2023", "changsha-2023/1.3", "高标准建设8个以上省级服务业创新发展区、20个左右生产性服务业集聚区"),
    ("changsha-2023", "changsha-2023/3.2", "其他营利性服务业企业1500家左右"),
    ("changsha-2023", "changsha-2023/3.5", "加强地方标准、团体标准的研制和推广"),
    ("wuhan-2024", "wuhan-2024/3.7", "江汉区打造金融科技重点区、东湖高新区打造科技金融引领区"),
    ("wuhan-2024", "wuhan-2024/4.10", "以市场化机制培育世界大健康博览会等武汉特色品牌展会"),
    ("wuhan-2024", "wuhan-2024/5.13", "打造一批示范性强、显示度高、带动性广"),
    ("wuhan-2024", "wuhan-2024/5.16", "推动58家国家和省、市服务业集聚区提档升级"),
    ("zhuzhou-2025", "zhuzhou-2025/1.2", "全面打响生产性服务业株洲品牌"),
    ("zhuzhou-2025", "zhuzhou-2025/2.1", "规模以上科学研究和技术服务业企业达到100家"),
    ("zhuzhou-2025", "zhuzhou-2025/2.3", "将产业物流转化为物流产业，推动产业链供应链高效运转"),
    ("zhuzhou-2025", "zhuzhou-2025/2.5", "金融机构存款余额达6300亿元左右，年均增长7.4%以上"),
    ("zhuzhou-2025", "zhuzhou-2025/4.2", "加大对企业科技开发和技术改造的支持力度"),
    ("xiangtan-2021", "xiangtan-2021/5.4", "大力推动消费优化升级，加快十八总商业街、窑湾等商业综合体和特色街区建设"),
    ("hunan-2021", "hunan-2021/1.2", "“十四五”时期，是全面建设社会主义现代化的开局起步期"),
])
def test_sentence_broken_across_lines_is_whole_in_one_clause(corpus, doc_id, clause_id, phrase):
    holders = find_clauses_containing(corpus, doc_id, phrase)
    assert [c.clause_id for c in holders] == [clause_id]


@pytest.mark.parametrize("doc_id", ["hunan-2021", "xiangtan-2021"])
def test_every_raw_paragraph_of_the_plans_sits_whole_in_exactly_one_clause(corpus, doc_id):
    # These two files have no sentence broken by a page break (each body line ends a sentence or is a
    # heading), so every long raw line must appear, unbroken, in exactly one clause.
    texts = [norm(c.text) for c in corpus.clauses_of(doc_id)]
    checked, problems = 0, []
    for line in clean_body_lines(doc_id):
        if len(line) < 30:
            continue
        checked += 1
        holders = sum(1 for t in texts if line in t)
        if holders != 1:
            problems.append((holders, line[:40]))
    assert checked > 50
    assert not problems, problems


# ---------------------------------------------------------------- departments

@pytest.mark.parametrize("clause_id, lead, departments", [
    ("changsha-2023/2.3", (), ("市政府金融办", "湖南湘江新区管委会", "各区县市人民政府", "自贸区长沙片区管委会")),
    ("changsha-2023/2.6", (), ("市人力资源社会保障局", "市教育局", "市发展改革委", "各区县人民政府")),
    ("changsha-2023/2.1", (), ("市科技局", "市商务局", "市知识产权局", "湖南湘江新区管委会", "各区县市人民政府")),
    ("wuhan-2024/5.15", ("市发改委",), ("市发改委", "各区人民政府")),
    ("wuhan-2024/5.14", ("市发改委",),
     ("市发改委", "市经信局", "市商务局", "市市场监管局", "市交通运输局", "各区人民政府")),
    ("wuhan-2024/2.1", ("市科技创新局",), ("市科技创新局",)),   # "(牵头" / "单位:…)" broken by a page
    ("wuhan-2024/2.2", ("市市场监管局",), ("市市场监管局",)),
    ("wuhan-2024/3.7", ("市地方金融管理局", "人行湖北省分行营管部"), ("市地方金融管理局", "人行湖北省分行营管部")),
    ("zhuzhou-2025/2.6", (), ("市人力资源社会保障局", "市教育局", "职教园办", "各县市区人民政府",
                              "株洲高新区", "经开区管委会")),
    ("zhuzhou-2025/2.2", (), ("市工业和信息化局", "市科技局", "市数据局", "各县市区人民政府",
                              "株洲高新区", "经开区管委会")),   # note on its own line after a blank line
    ("changsha-2023/4.1", (), ()),
    ("hunan-2021/5.1.1", (), ()),
])
def test_departments_of_named_clauses(corpus, clause_id, lead, departments):
    clause = corpus.clause(clause_id)
    assert clause is not None
    assert clause.lead_departments == lead
    assert clause.departments == departments


def test_department_aside_in_angle_brackets_is_not_split_into_departments(corpus):
    clause = corpus.clause("wuhan-2024/5.13")
    assert clause.lead_departments == ("市数据局", "市经信局")
    assert clause.departments[:3] == ("市数据局", "市经信局", "各有关行业主管部门")
    for name in clause.departments:
        assert "〈" not in name and "〉" not in name and name != "下同", clause.departments


def test_every_department_name_looks_like_an_organisation(corpus):
    # Weak sanity check over the whole corpus.
    for clause in corpus.clauses:
        for name in clause.departments:
            assert 2 <= len(name) <= 30 and not re.search(r"[（()）:：;；。]", name), (clause.clause_id, name)
        assert set(clause.lead_departments) <= set(clause.departments)


# ---------------------------------------------------------------- ids and outline

def test_clause_ids_are_stable_across_parses(corpus):
    again = load_corpus()
    assert [c.clause_id for c in again.clauses] == [c.clause_id for c in corpus.clauses]
    assert again.clauses == corpus.clauses
    assert again.checksum == corpus.checksum


def test_clause_ids_are_unique_and_need_no_disambiguation(corpus):
    ids = [c.clause_id for c in corpus.clauses]
    assert len(ids) == len(set(ids))
    assert not [i for i in ids if "~" in i]
    for clause in corpus.clauses:
        assert clause.clause_id.startswith(clause.doc_id + "/")


def test_section_path_ends_with_the_clause_label(corpus):
    bad = []
    for clause in corpus.clauses:
        if clause.label == "前言":
            assert clause.section_path == ("前言",), clause.clause_id
            assert re.fullmatch(rf"{re.escape(clause.doc_id)}/p\d+", clause.clause_id)
            continue
        if not clause.section_path[-1].startswith(clause.label):
            bad.append((clause.clause_id, clause.label, clause.section_path[-1]))
        if not clause.text.startswith(clause.label):
            bad.append((clause.clause_id, clause.label, clause.text[:10]))
    assert not bad, bad


def test_xiangtan_heading_with_lost_number_is_inferred(corpus):
    clause = corpus.clause("xiangtan-2021/5.4")
    assert clause is not None
    assert clause.section_path == ("五、实施服务业提质增效七大工程", "（四）商圈提升工程")
    assert clause.label == "（四）"
    assert clause.text.startswith("（四）商圈提升工程\n大力推动消费优化升级")
    # its neighbours keep their own numbers
    assert corpus.clause("xiangtan-2021/5.3.2") is not None
    assert corpus.clause("xiangtan-2021/5.5.1") is not None


def test_clause_counts_per_document(corpus):
    counts = {d: len(corpus.clauses_of(d)) for d in DOC_IDS}
    assert counts == {"changsha-2023": 23, "hunan-2021": 56, "wuhan-2024": 19,
                      "xiangtan-2021": 147, "zhuzhou-2025": 22}


# ---------------------------------------------------------------- nothing lost

def _reassembly_pattern(clauses) -> str:
    """A regex that the normalised body must match exactly: clause texts in order, each preceded by
    the heading-only headings above it (a title may drop the heading's final 。 or be cut with …)."""
    clause_paths = {c.section_path for c in clauses}
    emitted: set[tuple[str, ...]] = set()
    parts = []
    for clause in clauses:
        for depth in range(1, len(clause.section_path)):
            prefix = clause.section_path[:depth]
            if prefix in clause_paths or prefix in emitted:
                continue
            emitted.add(prefix)
            title = norm(prefix[-1])
            if title.endswith("…"):
                parts.append(re.escape(title[:-1]) + ".*?")
            else:
                parts.append(re.escape(title) + "[。；！？]?")
        text = norm(clause.text)
        label = INFERRED_LABELS.get(clause.clause_id)
        if label:
            assert text.startswith(label)
            parts.append("(?:" + re.escape(label) + ")?" + re.escape(text[len(label):]))
        else:
            parts.append(re.escape(text))
    return "".join(parts)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_nothing_lost_body_equals_clauses_plus_headings(corpus, doc_id):
    clauses = corpus.clauses_of(doc_id)
    body = "".join(clean_body_lines(doc_id))
    pattern = _reassembly_pattern(clauses)
    if re.fullmatch(pattern, body, flags=re.S):
        return
    # Find where it diverges, for a readable failure.
    rebuilt = "".join(norm(c.text) for c in clauses)
    i = next((k for k, (a, b) in enumerate(zip(body, rebuilt)) if a != b), min(len(body), len(rebuilt)))
    pytest.fail(f"{doc_id}: body and clauses differ near body[{i}]: "
                f"body …{body[max(0, i - 30):i + 40]}… vs clauses …{rebuilt[max(0, i - 30):i + 40]}…")


def _is_heading_line(line: str) -> bool:
    return len(line) <= 30 and not re.search(r"[，。；：,;:！？]", line)


_MARKER_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,2}\.(?=\D)|（\d{1,2}）|——)")


def _sentence_stream(lines: list[str]) -> str:
    """Body lines joined, with a boundary before every marked line and after every heading line."""
    out = []
    for line in lines:
        if _MARKER_START.match(line):
            out.append("\x00")
        out.append(line)
        if _is_heading_line(line):
            out.append("\x00")
    return "".join(out)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_nothing_lost_every_body_sentence_is_in_exactly_one_clause(corpus, doc_id):
    # Independent of how titles are formed: split the body into sentences (headings are boundaries)
    # and count where each one ends up.
    lines = clean_body_lines(doc_id)
    stream = _sentence_stream(lines)
    body = "".join(lines)
    sentences = [s for s in re.split(r"[。！？；\x00]", stream) if len(s) >= 6 and not _is_heading_line(s)]
    texts = [norm(c.text) for c in corpus.clauses_of(doc_id)]
    missing, duplicated = [], []
    for sentence in sentences:
        in_clauses = sum(t.count(sentence) for t in texts)
        if in_clauses == 0:
            missing.append(sentence)
        elif in_clauses != body.count(sentence):
            duplicated.append((in_clauses, body.count(sentence), sentence))
    assert len(sentences) > 20
    assert not missing, f"{doc_id}: sentences missing from every clause: {missing}"
    assert not duplicated, f"{doc_id}: sentences repeated across clauses: {duplicated}"


# ---------------------------------------------------------------- robustness on odd folders

def _copy(src_name: str, folder: Path, dst_name: str | None = None) -> Path:
    dst = folder / (dst_name or src_name)
    dst.write_bytes((POLICIES / src_name).read_bytes())
    return dst


def test_gb18030_copy_parses_like_the_utf8_original(tmp_path, corpus):
    text = (POLICIES / "changsha-2023.txt").read_text(encoding="utf-8")
    (tmp_path / "changsha-2023.txt").write_bytes(text.encode("gb18030"))
    assert (tmp_path / "changsha-2023.txt").read_bytes() != (POLICIES / "changsha-2023.txt").read_bytes()
    loaded = load_corpus(tmp_path)
    assert loaded.skipped == ()
    doc = loaded.document("changsha-2023")
    original = corpus.document("changsha-2023")
    assert doc.doc_number == "长政办发〔2023〕24号"
    assert doc.title == original.title
    assert len(loaded.clauses) == len(corpus.clauses_of("changsha-2023"))
    assert loaded.clauses == tuple(corpus.clauses_of("changsha-2023"))


def test_unreadable_files_are_reported_and_the_rest_still_loads(tmp_path):
    _copy("wuhan-2024.txt", tmp_path)
    _copy("zhuzhou-2025.txt", tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n\t \r\n")
    (tmp_path / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)) * 4)
    rng = random.Random(1234)
    (tmp_path / "noise.txt").write_bytes(bytes(rng.randrange(1, 256) for _ in range(4096)))

    loaded = load_corpus(tmp_path)

    assert sorted(d.doc_id for d in loaded.documents) == ["wuhan-2024", "zhuzhou-2025"]
    reasons = {s.path: s.reason for s in loaded.skipped}
    assert set(reasons) == {"empty.txt", "blank.txt", "binary.txt", "noise.txt"}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "not UTF-8 or GB18030" in reasons["noise.txt"]
    assert len(loaded.clauses) == 19 + 22


def test_exact_duplicate_is_skipped_as_duplicate(tmp_path):
    _copy("changsha-2023.txt", tmp_path)
    _copy("changsha-2023.txt", tmp_path, "copy-of-changsha.txt")
    gbk = (POLICIES / "changsha-2023.txt").read_text(encoding="utf-8").encode("gb18030")
    (tmp_path / "d-gb18030.txt").write_bytes(gbk)   # same text, other encoding
    loaded = load_corpus(tmp_path)
    assert [d.doc_id for d in loaded.documents] == ["changsha-2023"]
    assert {s.path: s.reason for s in loaded.skipped} == {
        "copy-of-changsha.txt": "duplicate of changsha-2023.txt",
        "d-gb18030.txt": "duplicate of changsha-2023.txt",
    }
    assert len(loaded.clauses) == 23


def test_plain_text_without_headings_gives_paragraph_clauses(tmp_path):
    paragraphs = [
        "本通知适用于所有申请单位，申请材料应当在规定时间内提交至受理窗口。",
        "申请单位应当如实填报相关信息，并对材料的真实性负责，逾期不予受理。",
        "对符合条件的项目给予一次性补助，具体标准按照年度预算安排执行。",
    ]
    # the second paragraph is broken over two lines, as PDF extraction does
    content = (paragraphs[0] + "\n\n" + paragraphs[1][:15] + "\n\n" + paragraphs[1][15:] + "\n\n"
               + paragraphs[2] + "\n")
    (tmp_path / "Plain Notes.txt").write_text(content, encoding="utf-8")
    loaded = load_corpus(tmp_path)
    assert loaded.skipped == ()
    doc = loaded.documents[0]
    assert doc.doc_id == "plain-notes"
    clauses = loaded.clauses
    assert [c.clause_id for c in clauses] == ["plain-notes/p1", "plain-notes/p2", "plain-notes/p3"]
    assert [c.text for c in clauses] == paragraphs
    assert all(c.section_path == ("前言",) and c.label == "前言" for c in clauses)
    assert doc.doc_number is None and doc.issuer is None
    assert doc.issued is None and doc.printed is None
    assert doc.valid_from is None and doc.valid_until is None and doc.validity_text is None
    assert doc.in_force(date(2024, 1, 1)) is None
    assert doc.title == paragraphs[0][:40]


def test_missing_doc_number_and_dates_are_none_not_guessed(tmp_path):
    text = (POLICIES / "zhuzhou-2025.txt").read_text(encoding="utf-8")
    assert "株政办发〔2025〕3号" in text and "2025年3月21日印发" in text
    text = text.replace("株政办发〔2025〕3号", "").replace("2025年3月21日印发", "")
    (tmp_path / "zhuzhou-2025.txt").write_text(text, encoding="utf-8")
    doc = load_corpus(tmp_path).document("zhuzhou-2025")
    assert doc.doc_number is None
    assert doc.issued is None and doc.printed is None
    # "自公布之日起施行，有效期3年" without a publication date: no start, so no end either
    assert doc.valid_from is None and doc.valid_until is None
    assert doc.validity_text == "自公布之日起施行，有效期3年"
    assert doc.in_force(date(2026, 1, 1)) is None
    # the rest is still read
    assert doc.issuer == "株洲市人民政府办公室" and doc.region == "株洲"


def test_missing_doc_number_only(tmp_path):
    text = (POLICIES / "changsha-2023.txt").read_text(encoding="utf-8").replace("长政办发〔2023〕24号", "")
    (tmp_path / "changsha-2023.txt").write_text(text, encoding="utf-8")
    doc = load_corpus(tmp_path).document("changsha-2023")
    assert doc.doc_number is None
    assert doc.valid_from == date(2023, 8, 1) and doc.valid_until == date(2026, 7, 31)


# ---------------------------------------------------------------- CLI

def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "corpus", *args], cwd=ROOT, env=env,
                          capture_output=True, timeout=120)


def test_cli_show_json():
    result = _cli("show", "--json", "--on", "2026-11-22")
    assert result.returncode == 0, result.stderr.decode("utf-8")
    rows = json.loads(result.stdout.decode("utf-8"))
    assert len(rows) == 5
    keys = {"doc_id", "title", "issuer", "doc_number", "region", "issued", "valid_from", "valid_until",
            "in_force", "clauses"}
    for row in rows:
        assert keys <= set(row), row
    by_id = {r["doc_id"]: r for r in rows}
    assert set(by_id) == set(DOC_IDS)
    assert by_id["changsha-2023"]["doc_number"] == "长政办发〔2023〕24号"
    assert by_id["changsha-2023"]["valid_from"] == "2023-08-01"
    assert by_id["changsha-2023"]["in_force"] is False
    assert by_id["zhuzhou-2025"]["in_force"] is True
    assert by_id["wuhan-2024"]["in_force"] is True
    assert by_id["wuhan-2024"]["clauses"] == 19


def test_cli_show_json_default_date():
    result = _cli("show", "--json")
    assert result.returncode == 0, result.stderr.decode("utf-8")
    rows = json.loads(result.stdout.decode("utf-8"))
    assert len(rows) == 5
    assert all(r["in_force"] in (True, False, None) for r in rows)


def test_cli_clauses_json():
    result = _cli("clauses", "wuhan-2024", "--json")
    assert result.returncode == 0, result.stderr.decode("utf-8")
    rows = json.loads(result.stdout.decode("utf-8"))
    assert len(rows) == 19
    for row in rows:
        assert row["doc_id"] == "wuhan-2024"
        assert row["clause_id"].startswith("wuhan-2024/")
        assert {"section", "section_path", "label", "text", "departments", "lead_departments"} <= set(row)
    by_id = {r["clause_id"]: r for r in rows}
    assert by_id["wuhan-2024/5.15"]["lead_departments"] == ["市发改委"]


def test_cli_unknown_doc_exits_2_with_chinese_message():
    result = _cli("clauses", "nowhere-1999")
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert "没有编号为 nowhere-1999 的文件" in stderr
    assert "Traceback" not in stderr
    assert result.stdout == b""


def test_cli_reports_skipped_files(tmp_path):
    _copy("wuhan-2024.txt", tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    result = _cli("--dir", str(tmp_path), "show", "--json")
    assert result.returncode == 0
    assert "已跳过 empty.txt" in result.stderr.decode("utf-8")
    rows = json.loads(result.stdout.decode("utf-8"))
    assert [r["doc_id"] for r in rows] == ["wuhan-2024"]
