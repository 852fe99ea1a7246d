"""End-to-end: the 指标库 tab in headless Chromium (browser set-up shared with test_app_browser.py).

The tab is served on its own (app.build_targets_tab in a Blocks, on a free port): it needs only the
parsed corpus, so this test does not wait for the full index the chat needs.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402

from tests.conftest import _free_port  # noqa: E402
from tests.test_app_browser import driver, pick_dropdown, wait  # noqa: E402,F401  (driver: fixture)


@pytest.fixture(scope="module")
def targets_url(tmp_path_factory):
    import gradio as gr

    import app
    from corpus.parse import load_corpus

    with gr.Blocks() as demo:
        with gr.Tabs():
            app.build_targets_tab(load_corpus(), tmp_path_factory.mktemp("exports"))
    port = _free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def test_targets_tab_filters_shows_clause_and_exports(driver, targets_url):  # noqa: F811
    d = driver
    d.get(targets_url)
    wait(d).until(EC.text_to_be_present_in_element((By.ID, "targets-table"), "长政办发〔2023〕24号"))
    assert "共 **" not in d.find_element(By.ID, "targets-note").text  # rendered as bold, not raw markdown
    assert "项指标" in d.find_element(By.ID, "targets-note").text

    pick_dropdown(d, "targets-region-dd", "武汉")
    wait(d).until_not(EC.text_to_be_present_in_element((By.ID, "targets-table"), "长政办发〔2023〕24号"))
    table = d.find_element(By.ID, "targets-table")
    assert "（二）发展技术先进的检验检测服务" in table.text and "800家以上" in table.text
    assert "株政办发〔2025〕3号" not in table.text
    assert not any(raw in table.text for raw in ("wuhan-2024/", "changsha-2023/"))  # headings, not clause ids

    heading = table.find_element(By.CSS_SELECTOR, "[data-testid='cell-0-5']").text.strip()
    assert heading and "/" not in heading
    table.find_element(By.CSS_SELECTOR, "[data-testid='cell-0-3']").click()
    wait(d).until(EC.text_to_be_present_in_element((By.ID, "targets-clause"), heading))
    assert "武汉市加快生产性服务业高质量发展实施方案" in d.find_element(By.ID, "targets-clause").text

    dl_dir = Path(tempfile.mkdtemp(prefix="dl-"))
    try:
        d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(dl_dir)})
        wait(d).until(EC.element_to_be_clickable((By.ID, "targets-csv"))).click()
        files = wait(d, 20).until(lambda _: [p for p in dl_dir.iterdir() if p.suffix == ".csv"] or False)
        text = files[0].read_bytes().decode("utf-8-sig")
        lines = text.splitlines()
        assert lines[0] == "地区,年份,主题,指标,目标值,条款,状态,文号,文件,原文"
        assert len(lines) > 10 and all(line.startswith("武汉,") for line in lines[1:])
    finally:
        shutil.rmtree(dl_dir, ignore_errors=True)
