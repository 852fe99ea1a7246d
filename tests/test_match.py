"""Enterprise matching (assistant/match.py) on the real corpus and index: ranking, need labels, exports, ended plans."""
from __future__ import annotations

from datetime import date

import pytest

from assistant.match import NEED_PATTERNS, match_measures, measures_to_markdown, measures_to_rows, query_lines

pytestmark = pytest.mark.slow
TODAY = date(2026, 12, 2)  # 长沙 (to 2026-07-31), 湖南省 and 湘潭 (to 2025-12-31) have ended; 株洲, 武汉 in force


def test_the_industrys_own_clause_comes_first(real_answerer):
    result = match_measures(real_answerer, "株洲", "现代物流", ["融资", "人才"], today=TODAY)
    first = result.measures[0]
    assert (first.clause_id, first.section, first.level) == ("zhuzhou-2025/2.3", "（三）现代物流服务", "市级")
    assert first.industry_heading and first.in_force and "市发展改革委" in first.contact
    # each clause once, ranks in order, plans in force before ended ones outside the industry's own clauses
    ids = [m.clause_id for m in result.measures]
    assert len(ids) == len(set(ids)) and [m.rank for m in result.measures] == list(range(1, len(ids) + 1))
    rest = [m for m in result.measures if not m.industry_heading]
    assert [m.in_force is False for m in rest] == sorted(m.in_force is False for m in rest)
    assert result.ended == ("湖南省服务业发展规划已于2025-12-31到期",)


def test_needs_are_labelled_by_the_sentence_about_them(real_answerer):
    result = match_measures(real_answerer, "株洲", "现代物流", ["融资", "人才", "用地"], "冷链", today=TODAY)
    assert any(m.need_labels for m in result.measures)
    for measure in result.measures:
        for need, sentence in measure.needs:
            assert NEED_PATTERNS[need].search(sentence) and sentence in measure.text.replace("\n", "")
            assert not sentence.startswith("（责任单位")  # "市人力资源社会保障局" is not about 人才
    # a sentence about neither land nor money is not labelled with them
    assert all("发展壮大中小企业。" != s for m in result.measures for _, s in m.needs)


def test_background_chapters_are_not_measures(real_answerer):
    result = match_measures(real_answerer, "长沙", "信息服务/软件", [], today=TODAY)
    assert result.measures and all("发展基础" not in " ".join(m.section_path) and "主要目标" not in m.section
                                   for m in result.measures)
    assert result.measures[0].section == "（二）强化数智赋能的信息服务"


def test_an_ended_plan_says_why_nothing_is_listed(real_answerer):
    result = match_measures(real_answerer, "长沙", "现代物流", ["融资"], today=TODAY, in_force_only=True)
    assert result.measures == ()
    assert result.empty_reason.startswith("长沙行动计划已于2026-07-31到期；湖南省服务业发展规划已于2025-12-31到期。")
    assert "没有找到" not in result.empty_reason


def test_exports_carry_the_query_date_and_validity(real_answerer):
    result = match_measures(real_answerer, "武汉", "检验检测", ["品牌标准"], today=TODAY)
    assert query_lines(result)[:3] == [("城市", "武汉"), ("行业", "检验检测"), ("需求", "品牌标准")]
    assert ("生成日期", "2026-12-02") in query_lines(result)
    rows = measures_to_rows(result)
    assert rows[0][3] == "武汉市加快生产性服务业高质量发展实施方案（2024—2027年）" and rows[0][5] == "武政办〔2024〕121号"
    assert rows[0][6] == "现行有效（至2027-12-31）" and rows[0][7].endswith("（二）发展技术先进的检验检测服务")
    markdown = measures_to_markdown(result)
    assert markdown.startswith("# 企业政策匹配结果\n\n- **城市**：武汉") and "不是可直接申报的项目" in markdown
    assert "wuhan-2024/" not in markdown
