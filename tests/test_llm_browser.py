"""Generated answers in the web app, in headless Chromium: tokens appear as the model server sends them,
then the display is corrected to the verified text."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

pytest.importorskip("selenium.webdriver")
sys.path.insert(0, str(Path(__file__).parent))
from llm_server import MODEL, FakeLLMServer, running_app  # noqa: E402
from test_app_browser import BOT_TEXT, CITATION_TITLE, bot_texts, count, driver, open_app, wait  # noqa: E402,F401
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

QUESTION = "长沙社会物流总费用占GDP比重的目标是多少？"


def test_tokens_stream_then_the_verified_text_replaces_them(driver, real_answerer, tmp_path):
    d = driver
    with FakeLLMServer(piece_delay=0.15) as server:
        with running_app(real_answerer.retriever.index.folder, tmp_path / "app.log", "--llm-base-url",
                         server.base_url, "--llm-model", MODEL) as url:
            ta = open_app(d, url)
            ta.send_keys(QUESTION)
            ta.send_keys(Keys.ENTER)
            seen = []

            def finished(_):
                texts = bot_texts(d)
                if texts and (not seen or seen[-1] != texts[-1]):
                    seen.append(texts[-1])
                return count(d, CITATION_TITLE) >= 1 and ta.get_attribute("disabled") is None
            wait(d, 120).until(finished)
            final = bot_texts(d)[-1]
            titles = [e.text for e in d.find_elements(By.CSS_SELECTOR, CITATION_TITLE)]
    streamed = [t for t in seen if "已删去" not in t]
    assert len(streamed) >= 3, seen  # the answer grew piece by piece
    assert any("50万元" in t for t in streamed)  # the model's unverified sentence was shown while it came…
    assert "50万元" not in final and "12.8%" in final  # …and is gone from the verified answer
    # the expiry banner (the 长沙 plan ended on 2026-07-31) stays on top of the generated answer's label
    label = "（以下回答由模型依据所引条款生成，已删去1句无法在所引条款中核对的内容。）"
    if date.today() > date(2026, 7, 31):
        assert final.startswith("⚠ 注意：本回答依据的长沙行动计划已于2026-07-31到期") and label in final, final
    else:
        assert final.startswith(label)
    assert len(titles) == 1 and titles[0].startswith("[1] 长沙行动计划 · "), titles
    assert len(server.requests) == 1
