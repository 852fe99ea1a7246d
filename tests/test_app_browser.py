"""End-to-end: the web app in headless Chromium (selenium + Debian chromium / chromium-driver), at desktop width
(1400 px) and phone width (390 px, emulated). Screenshots of both are written into docs/.

Needs `apt-get install chromium chromium-driver fonts-noto-cjk` (CI does this) and selenium (test extra).
"""
from __future__ import annotations

import csv
import io
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHANGSHA_Q = "长沙社会物流总费用占GDP比重的目标是多少？"
CHANGSHA_ENDED = date.today() > date(2026, 7, 31)  # the 长沙 plan runs to 2026-07-31
SUPPORT_Q = "我们是株洲一家做供应链服务的企业，有哪些支持？"
LONG_Q = "我们是湘潭一家物流企业，有哪些支持？"  # a long answer with several citations (three measures)
PHONE_WIDTH = 390

BOT_TEXT = "#chatbot .bot-row .message:not(.thought) > [data-testid='bot']"  # answers, not citations
CITATION = "#chatbot .message.thought"
CITATION_TITLE = "#chatbot .message.thought .thought-group .title"
RAW_ID = ("changsha-2023/", "hunan-2021/", "wuhan-2024/", "xiangtan-2021/", "zhuzhou-2025/")


def _chromium(width: int, height: int, *, phone: bool = False):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium / chromedriver not installed (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                f"--window-size={max(width, 500)},{height}", "--lang=zh-CN"]:
        opts.add_argument(arg)
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    d.set_page_load_timeout(60)
    if phone:  # headless windows are at least 500 px wide: a phone's viewport is emulated
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    return d, profile


@pytest.fixture(scope="module")
def driver():
    d, profile = _chromium(1400, 1100)
    yield d
    d.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def phone():
    d, profile = _chromium(PHONE_WIDTH, 844, phone=True)
    yield d
    d.quit()
    shutil.rmtree(profile, ignore_errors=True)


def wait(d, timeout=60):
    return WebDriverWait(d, timeout, poll_frequency=0.1)


def open_app(d, url):
    d.get(url)
    wait(d).until(EC.element_to_be_clickable((By.ID, "send-btn")))
    return wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#question textarea")))


def count(d, css) -> int:
    return len(d.find_elements(By.CSS_SELECTOR, css))


def bot_texts(d) -> list[str]:
    return [e.text for e in d.find_elements(By.CSS_SELECTOR, BOT_TEXT)]


def ask(d, question: str, *, via_button: bool = False) -> str:
    """Type a question, send it, wait until the answer and its citations are in; return the answer text."""
    ta = d.find_element(By.CSS_SELECTOR, "#question textarea")
    answers_before = count(d, BOT_TEXT)
    ta.send_keys(question)
    if via_button:
        d.find_element(By.ID, "send-btn").click()
    else:
        ta.send_keys(Keys.ENTER)
    wait(d).until(lambda _: count(d, BOT_TEXT) > answers_before)
    # the textbox is unlocked only after the generator (stream + citations) has finished
    wait(d).until(lambda _: ta.is_enabled() and ta.get_attribute("disabled") is None)
    return bot_texts(d)[-1]


def pick_dropdown(d, elem_id: str, option: str) -> None:
    box = d.find_element(By.CSS_SELECTOR, f"#{elem_id} input[role='combobox']")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    listbox = box.get_attribute("aria-controls")
    wait(d, 10).until(EC.element_to_be_clickable(
        (By.CSS_SELECTOR, f"#{listbox} li[role='option'][aria-label='{option}']"))).click()


def open_tab(d, name: str) -> None:
    button = wait(d, 10).until(EC.element_to_be_clickable((By.ID, f"tab-{name}-button")))
    button.click()


def screenshot(d, name: str, element_id: str | None = None) -> None:
    """A small PNG in docs/: the page (or one element), reduced to 256 colours."""
    png = d.find_element(By.ID, element_id).screenshot_as_png if element_id else d.get_screenshot_as_png()
    target = ROOT / "docs" / name
    target.parent.mkdir(exist_ok=True)
    try:
        from PIL import Image

        image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256)
        image.save(target, optimize=True)
    except ImportError:  # Pillow comes with Gradio; keep the plain screenshot without it
        target.write_bytes(png)


def rect(d, element) -> dict:
    return d.execute_script("const r = arguments[0].getBoundingClientRect();"
                            "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width};",
                            element)


def download(d, button_id: str, suffix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="dl-"))
    d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    wait(d).until(EC.element_to_be_clickable((By.ID, button_id))).click()
    files = wait(d, 20).until(lambda _: [p for p in folder.iterdir() if p.suffix == suffix] or False)
    return files[0]


# --------------------------------------------------------------------------- chat

def test_answer_streams_with_labelled_citations_and_expiry_banner(driver, app_url):
    d = driver
    open_app(d, app_url)
    ta = d.find_element(By.CSS_SELECTOR, "#question textarea")
    ta.send_keys(CHANGSHA_Q)
    ta.send_keys(Keys.ENTER)
    wait(d).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#chatbot .user-row [data-testid='user']"),
                                                   CHANGSHA_Q))
    lengths = set()

    def finished(_):
        texts = bot_texts(d)
        lengths.add(len(texts[-1]) if texts else 0)
        return count(d, CITATION) >= 1 and ta.get_attribute("disabled") is None
    wait(d).until(finished)
    assert len(lengths - {0}) >= 2, f"answer did not stream: {lengths}"
    answer = bot_texts(d)[-1]
    assert "12.8%" in answer and "[1]" in answer

    titles = d.find_elements(By.CSS_SELECTOR, CITATION_TITLE)
    # for people: short name, section title, 文号 and a coloured badge; never the clause id
    assert titles[0].text.startswith("[1] 长沙行动计划 · （四）强化便利高效的物流服务 · 长政办发〔2023〕24号"), titles[0].text
    badge = titles[0].find_element(By.CSS_SELECTOR, ".badge")
    if CHANGSHA_ENDED:
        assert badge.text == "已于2026-07-31到期" and "badge-ended" in badge.get_attribute("class")
        banner = d.find_elements(By.CSS_SELECTOR, "#chatbot .bot-row .message:not(.thought) blockquote")[-1]
        assert banner.text.startswith("⚠ 注意：本回答依据的长沙行动计划已于2026-07-31到期")
        assert rect(d, banner)["top"] <= rect(d, d.find_elements(By.CSS_SELECTOR, BOT_TEXT)[-1])["top"] + 30
        colour = d.execute_script("return getComputedStyle(arguments[0]).backgroundColor", badge)
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), colour
    else:
        assert badge.text == "现行有效"
    chat_text = d.find_element(By.ID, "chatbot").text
    assert not any(raw in chat_text for raw in RAW_ID)
    clause_words = "加快国家骨干冷链物流基地建设"
    assert clause_words not in chat_text  # collapsed
    titles[0].click()
    wait(d, 10).until(EC.text_to_be_present_in_element((By.ID, "chatbot"), clause_words))
    assert "责任单位：市政府物流口岸办" in d.find_element(By.ID, "chatbot").text
    screenshot(d, "chat.png")


def answer_start_in_view(d) -> bool:
    """The newest answer's first line is at the top of the chat box, or as near as the box can scroll."""
    box = d.find_element(By.CSS_SELECTOR, "#chatbot .bubble-wrap")
    answer = d.find_elements(By.CSS_SELECTOR, "#chatbot .bot-row .message:not(.thought)")[-1]
    offset = rect(d, answer)["top"] - rect(d, box)["top"]
    at_end = d.execute_script("const b = arguments[0]; return b.scrollTop + b.clientHeight >= b.scrollHeight - 2;", box)
    return 0 <= offset <= 40 or (at_end and 0 <= offset < rect(d, box)["bottom"] - rect(d, box)["top"] - 40)


def test_the_new_answer_stays_in_view_with_citations_below(driver, app_url):
    """After an answer with many citations, the chat box shows the start of that answer, not its bottom."""
    d = driver
    open_app(d, app_url)
    ask(d, CHANGSHA_Q)
    before = count(d, CITATION)
    ask(d, LONG_Q)
    assert count(d, CITATION) - before >= 3
    wait(d, 10).until(answer_start_in_view)
    box = d.find_element(By.CSS_SELECTOR, "#chatbot .bubble-wrap")
    answer = d.find_elements(By.CSS_SELECTOR, "#chatbot .bot-row .message:not(.thought)")[-1]
    top, height, client = d.execute_script(
        "const b = arguments[0]; return [b.scrollTop, b.scrollHeight, b.clientHeight];", box)
    assert top > 0 and top + client < height - 20, (top, height, client)  # scrolled down to it, not to the end
    assert 0 <= rect(d, answer)["top"] - rect(d, box)["top"] <= 40
    # the citations come after the answer and are collapsed
    last_citation = d.find_elements(By.CSS_SELECTOR, CITATION)[-1]
    assert rect(d, last_citation)["top"] > rect(d, answer)["bottom"]
    # and the page itself shows the chat box
    assert 0 <= rect(d, answer)["top"] < d.execute_script("return window.innerHeight")


def test_user_html_is_shown_literally(driver, app_url):
    d = driver
    open_app(d, app_url)
    payload = "<script>window.__x=1</script><b>粗体</b>长沙物流目标"
    ask(d, payload, via_button=True)
    user = d.find_element(By.CSS_SELECTOR, "#chatbot .user-row [data-testid='user']")
    assert payload in user.text
    chat = d.find_element(By.ID, "chatbot")
    for tag in ("b", "script", "img"):
        assert chat.find_elements(By.CSS_SELECTOR, f".message-content {tag}") == [], tag
    assert d.execute_script("return typeof window.__x") == "undefined"


def test_follow_up_question_uses_the_conversation(driver, app_url):
    d = driver
    open_app(d, app_url)
    ask(d, CHANGSHA_Q)
    first_citations = count(d, CITATION)
    answer = ask(d, "那株洲呢？")
    assert "13%" in answer, answer
    titles = [t.text for t in d.find_elements(By.CSS_SELECTOR, CITATION_TITLE)[first_citations:]]
    assert titles and titles[0].startswith("[1] 株洲行动计划"), titles
    answer = ask(d, "这项由哪个部门负责？")
    assert "市发展改革委" in answer and "现代物流服务" in answer, answer
    assert count(d, "#chatbot .user-row") == 3

    d.find_element(By.ID, "clear-btn").click()
    wait(d, 10).until(lambda _: count(d, "#chatbot .message-row") == 0)
    # after clearing, a bare follow-up has nothing to refer to: the assistant asks what about 株洲
    answer = ask(d, "那株洲呢？")
    assert "13%" not in answer and answer.startswith("请问您想了解株洲的哪方面？"), answer
    assert count(d, CITATION) == 0


def test_small_talk_gets_an_introduction_with_examples(driver, app_url):
    d = driver
    open_app(d, app_url)
    for question in ("你好", "你能做什么"):
        answer = ask(d, question)
        assert "长沙、株洲、湘潭、湖南省、武汉" in answer and SUPPORT_Q in answer, answer
        assert "没有相关" not in answer and "没有找到" not in answer
    answer = ask(d, "谢谢")
    assert answer.startswith("不客气")
    assert count(d, CITATION) == 0


def test_examples_validation_and_filters(driver, app_url):
    d = driver
    ta = open_app(d, app_url)
    # empty and over-long questions are stopped before answering, with the text kept for editing
    d.find_element(By.ID, "send-btn").click()
    wait(d, 30).until(EC.text_to_be_present_in_element((By.ID, "question"), "请输入问题"))
    d.execute_script("""const ta = document.querySelector('#question textarea');
        ta.value = '长'.repeat(1001); ta.dispatchEvent(new Event('input', {bubbles: true}));""")
    d.find_element(By.ID, "send-btn").click()
    wait(d, 30).until(EC.text_to_be_present_in_element((By.ID, "question"), "问题太长"))
    assert count(d, "#chatbot .message-row") == 0
    ta.clear()
    d.execute_script("""const ta = document.querySelector('#question textarea');
        ta.value = ''; ta.dispatchEvent(new Event('input', {bubbles: true}));""")

    # the longest document name fits the filter's box at desktop width
    pick_dropdown(d, "doc-dd", "湖南省服务业发展规划（十四五）")
    doc_input = d.find_element(By.CSS_SELECTOR, "#doc-dd input")
    assert d.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth", doc_input)
    pick_dropdown(d, "doc-dd", "全部文件")

    # one click on an example fills the question
    d.find_element(By.XPATH, "//*[@id='examples-official']//button[contains(., '文号')]").click()
    wait(d, 10).until(lambda _: "文号" in ta.get_attribute("value"))
    ta.send_keys(Keys.ENTER)
    wait(d).until(lambda _: count(d, CITATION) >= 1 and ta.get_attribute("disabled") is None)
    assert "潭政办发〔2021〕46号" in bot_texts(d)[-1]

    # "only in force": the 长沙 plan (to 2026-07-31) is out, so the question is declined, saying why
    if not CHANGSHA_ENDED:
        return
    d.find_element(By.CSS_SELECTOR, "#inforce-cb input").click()
    wait(d, 10).until(EC.text_to_be_present_in_element((By.ID, "scope-note"), "只看现行有效文件"))
    answer = ask(d, CHANGSHA_Q)
    assert "12.8%" not in answer and "13%" not in answer
    assert answer.startswith("当前筛选范围内没有长沙的政策文件") and "长沙行动计划已于2026-07-31到期" in answer, answer


# --------------------------------------------------------------------------- enterprise matching

def test_enterprise_matching_ranks_labels_and_exports_with_a_header(driver, app_url):
    d = driver
    open_app(d, app_url)
    open_tab(d, "match")
    wait(d, 10).until(EC.visibility_of_element_located((By.ID, "match-btn")))
    d.find_element(By.ID, "match-btn").click()  # city and industry missing
    wait(d).until(EC.text_to_be_present_in_element((By.ID, "match-result"), "请先选择"))

    pick_dropdown(d, "city-dd", "株洲")
    pick_dropdown(d, "industry-dd", "现代物流")
    for need in ("融资", "人才"):
        d.find_element(By.CSS_SELECTOR, f"#needs-cbg input[name='{need}']").click()
    d.find_element(By.CSS_SELECTOR, "#desc-tb textarea").send_keys("<b>冷链</b>中小企业")
    d.find_element(By.ID, "match-btn").click()
    wait(d).until(EC.text_to_be_present_in_element((By.ID, "match-result"), "条措施"))

    result = d.find_element(By.ID, "match-result")
    cards = result.find_elements(By.CSS_SELECTOR, ".measure-card")
    assert len(cards) >= 4
    # the industry's own clause first, from the city's own plan, with level and validity
    first = cards[0]
    assert first.find_element(By.CSS_SELECTOR, ".measure-title").text == "（三）现代物流服务"
    assert "株洲行动计划 · 市级 · 株政办发〔2025〕3号" in first.text and "现行有效" in first.text
    assert "市发展改革委" in first.find_element(By.CSS_SELECTOR, ".measure-contact").text
    # each clause once; needs labelled from the sentence shown
    titles = [c.find_element(By.CSS_SELECTOR, ".measure-doc").text.split(" · ")[0] + c.find_element(
        By.CSS_SELECTOR, ".measure-title").text for c in cards]
    assert len(titles) == len(set(titles))
    labelled = [c for c in cards if c.find_elements(By.CSS_SELECTOR, ".need-tag:not(.need-industry)")]
    for card in labelled:
        needs = {t.text for t in card.find_elements(By.CSS_SELECTOR, ".need-tag")}
        assert needs <= {"融资", "人才"}, needs
    # the full clause is folded until asked for
    full = first.find_element(By.CSS_SELECTOR, "details.measure-full")
    assert not full.get_attribute("open")
    full.find_element(By.TAG_NAME, "summary").click()
    wait(d, 5).until(lambda _: "物流总费用占GDP比重降至13%以下" in full.text)
    assert "不是可直接申报的项目" in result.find_element(By.CSS_SELECTOR, ".plan-note").text
    assert "<b>冷链</b>" in result.text and result.find_elements(By.CSS_SELECTOR, ".match-query b:not(:first-child)") == []
    assert not any(raw in result.text for raw in RAW_ID)
    assert "湖南省服务业发展规划已于2025-12-31到期" in result.find_element(By.CSS_SELECTOR, ".expiry-banner").text
    screenshot(d, "match.png", "match-result")

    csv_file = download(d, "match-csv", ".csv")
    body = csv_file.read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")  # utf-8-sig, for Excel
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    header = {row[0]: row[1] for row in rows[:8] if len(row) == 2}
    assert rows[0] == ["企业政策匹配结果"]
    assert header["城市"] == "株洲" and header["行业"] == "现代物流" and header["需求"] == "融资、人才"
    assert header["企业情况"] == "<b>冷链</b>中小企业" and header["生成日期"] == date.today().isoformat()
    columns = rows.index(["序号", "相关需求", "措施要点", "文件", "层级", "文号", "有效期", "条款", "条款原文",
                          "责任单位（咨询对象）"])
    first_row = rows[columns + 1]
    assert first_row[3] == "株洲市生产性服务业高质量发展三年行动计划（2025—2027年）" and first_row[5] == "株政办发〔2025〕3号"
    assert first_row[6].startswith("现行有效") and first_row[7].endswith("（三）现代物流服务")
    markdown = download(d, "match-md", ".md").read_text(encoding="utf-8")
    assert markdown.startswith("# 企业政策匹配结果") and "- **城市**：株洲" in markdown
    assert f"- **生成日期**：{date.today().isoformat()}" in markdown and "株政办发〔2025〕3号" in markdown


def test_matching_an_ended_plan_says_why_nothing_is_listed(driver, app_url):
    if not CHANGSHA_ENDED:
        pytest.skip("the 长沙 plan is still in force")
    d = driver
    open_app(d, app_url)
    open_tab(d, "match")
    pick_dropdown(d, "city-dd", "长沙")
    pick_dropdown(d, "industry-dd", "现代物流")
    d.find_element(By.CSS_SELECTOR, "#match-inforce-cb input").click()
    d.find_element(By.ID, "match-btn").click()
    wait(d).until(EC.text_to_be_present_in_element((By.ID, "match-result"), "到期"))
    text = d.find_element(By.ID, "match-result").text
    assert "长沙行动计划已于2026-07-31到期" in text and "没有找到" not in text
    assert not [button for button in d.find_elements(By.ID, "match-csv") if button.is_displayed()]


# --------------------------------------------------------------------------- documents

def test_documents_toc_search_and_ask_about_a_document(driver, app_url):
    d = driver
    open_app(d, app_url)
    open_tab(d, "docs")
    table = wait(d, 10).until(EC.visibility_of_element_located((By.ID, "docs-table")))
    wait(d, 10).until(EC.text_to_be_present_in_element((By.ID, "docs-table"), "武政办〔2024〕121号"))
    for number in ("长政办发〔2023〕24号", "湘政办发〔2021〕40号", "武政办〔2024〕121号", "潭政办发〔2021〕46号",
                   "株政办发〔2025〕3号"):
        assert number in table.text
    assert "现行有效" in table.text and "到期" in table.text

    pick_dropdown(d, "outline-dd", "湘潭服务业发展规划（十四五）")
    wait(d).until(EC.text_to_be_present_in_element((By.ID, "doc-outline"), "目录"))
    outline = d.find_element(By.ID, "doc-outline")
    assert "湘潭服务业发展规划已于2025-12-31到期" in outline.find_element(By.CSS_SELECTOR, ".expiry-banner").text
    summaries = [s.get_attribute("textContent") for s in outline.find_elements(By.CSS_SELECTOR, "details.outline-node > summary")]
    assert summaries.count("1.发展文化旅游业") == 1 and summaries.count("四、产业发展重点") == 1
    assert not any(raw in outline.get_attribute("textContent") for raw in RAW_ID)
    # the table of contents opens the folded heading it points to
    target = outline.find_element(By.XPATH, ".//details[summary[normalize-space(.)='（三）发展定位']]")
    assert not target.get_attribute("open")
    outline.find_element(By.XPATH, ".//a[contains(@class, 'toc-link') and normalize-space(.)='（三）发展定位']").click()
    wait(d, 5).until(lambda _: target.get_attribute("open"))
    assert "打造中部康养服务中心" in target.text
    assert 0 <= rect(d, target)["top"] < d.execute_script("return window.innerHeight")
    screenshot(d, "documents.png")

    # search within the document
    box = d.find_element(By.CSS_SELECTOR, "#doc-search textarea, #doc-search input")
    box.send_keys("冷链")
    box.send_keys(Keys.ENTER)
    wait(d).until(EC.text_to_be_present_in_element((By.ID, "doc-outline"), "个条款中"))
    marks = d.find_elements(By.CSS_SELECTOR, "#doc-outline mark")
    assert marks and all(m.text == "冷链" for m in marks)
    box.clear()
    box.send_keys(Keys.ENTER)

    # ask about this document: the chat opens with the document filter set
    pick_dropdown(d, "outline-dd", "株洲行动计划（2025—2027年）")
    d.find_element(By.ID, "ask-doc-btn").click()
    wait(d, 10).until(EC.visibility_of_element_located((By.ID, "chatbot")))
    assert d.find_element(By.ID, "tab-chat-button").get_attribute("aria-selected") == "true"
    wait(d, 10).until(lambda _: d.find_element(By.CSS_SELECTOR, "#doc-dd input").get_attribute("value")
                      == "株洲行动计划（2025—2027年）")
    assert "株洲行动计划" in d.find_element(By.ID, "scope-note").text
    ask(d, "有哪些支持措施？")
    titles = [t.text for t in d.find_elements(By.CSS_SELECTOR, CITATION_TITLE)]
    assert titles and all("株洲行动计划" in t for t in titles), titles


# --------------------------------------------------------------------------- phone (390 px)

def test_phone_layout(phone, app_url):
    d = phone
    open_app(d, app_url)
    width = d.execute_script("return window.innerWidth")
    assert width == PHONE_WIDTH
    # the filters are folded into an accordion above the chat
    accordion = wait(d, 10).until(EC.visibility_of_element_located((By.ID, "filters-acc")))
    wait(d, 10).until(lambda _: not d.find_element(By.ID, "region-dd").is_displayed())
    assert rect(d, accordion)["bottom"] <= rect(d, d.find_element(By.ID, "chatbot"))["top"]
    assert rect(d, accordion)["top"] < 400  # near the top, not below the examples
    # all four tabs are visible, not hidden behind a "more" menu
    for tab in ("chat", "match", "targets", "docs"):
        assert d.find_element(By.ID, f"tab-{tab}-button").is_displayed(), tab
    # the placeholder fits its box
    ta = d.find_element(By.CSS_SELECTOR, "#question textarea")
    fits = d.execute_script("""const ta = arguments[0], style = getComputedStyle(ta);
        const ctx = document.createElement('canvas').getContext('2d'); ctx.font = style.font;
        const room = ta.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return ctx.measureText(ta.placeholder).width <= room;""", ta)
    assert fits
    no_overflow = "return document.documentElement.scrollWidth <= window.innerWidth + 1"
    assert d.execute_script(no_overflow)

    accordion.find_element(By.CSS_SELECTOR, "button").click()
    wait(d, 10).until(lambda _: d.find_element(By.ID, "region-dd").is_displayed())
    pick_dropdown(d, "doc-dd", "湘潭服务业发展规划（十四五）")
    doc_input = d.find_element(By.CSS_SELECTOR, "#doc-dd input")
    assert d.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth", doc_input)
    pick_dropdown(d, "doc-dd", "全部文件")
    accordion.find_element(By.CSS_SELECTOR, "button").click()

    answer = ask(d, CHANGSHA_Q)
    assert "12.8%" in answer
    wait(d, 10).until(answer_start_in_view)
    bot = d.find_elements(By.CSS_SELECTOR, "#chatbot .bot-row .message:not(.thought)")[-1]
    assert 0 <= rect(d, bot)["top"] < d.execute_script("return window.innerHeight")
    assert d.execute_script(no_overflow)
    screenshot(d, "phone-chat.png")

    # matching: results are cards that fit the screen
    open_tab(d, "match")
    pick_dropdown(d, "city-dd", "株洲")
    pick_dropdown(d, "industry-dd", "现代物流")
    d.find_element(By.ID, "match-btn").click()
    wait(d).until(EC.text_to_be_present_in_element((By.ID, "match-result"), "条措施"))
    card = d.find_element(By.CSS_SELECTOR, "#match-result .measure-card")
    assert rect(d, card)["right"] <= PHONE_WIDTH and d.execute_script(no_overflow)
    d.execute_script("arguments[0].scrollIntoView()", d.find_element(By.ID, "match-result"))
    screenshot(d, "phone-match.png")

    # documents: the library table becomes labelled cards
    open_tab(d, "docs")
    cell = wait(d, 10).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#docs-table td[data-label='文号']")))
    assert d.execute_script("return getComputedStyle(arguments[0]).display", cell) == "block"
    assert not d.find_element(By.CSS_SELECTOR, "#docs-table thead").is_displayed()
    assert d.execute_script(no_overflow)
