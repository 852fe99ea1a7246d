"""Shared fixtures: the real corpus, and the real offline model and index, loaded once per session."""
from __future__ import annotations

import contextlib

import pytest


@pytest.fixture(scope="session", autouse=True)
def private_data_dir(tmp_path_factory):
    """Every test, and every app or CLI it starts, uses a temporary per-user data folder and cache folder: no
    test reads or writes the real ones (~/.local/share/policy-assistant, ~/.cache/policy-assistant), whatever the
    developer's environment says."""
    patch = pytest.MonkeyPatch()
    folder = tmp_path_factory.mktemp("data")
    patch.setenv("POLICY_DATA_DIR", str(folder))
    patch.setenv("POLICY_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    patch.delenv("POLICY_CORPUS_DIR", raising=False)
    patch.delenv("POLICY_INDEX_DIR", raising=False)
    yield folder
    patch.undo()


@pytest.fixture(scope="session")
def real_answerer(tmp_path_factory):
    """The full system on the bundled policies with the default offline encoder (e5-policy).

    The index is built once into a session temp folder, so tests never depend on a developer's .index.
    """
    from assistant.service import bundled_settings, open_answerer

    index_dir = tmp_path_factory.mktemp("index") / "index"
    return open_answerer(bundled_settings(index_dir, progress=False))


# --------------------------------------------------------------------------- the web app (app.py)

def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def app_url(real_answerer, tmp_path_factory):
    """`python app.py` in a subprocess on a free port, serving the session's index (already built).

    Yields the base URL once `/gradio_api/info` answers; the server is stopped after the session.
    """
    import time

    started = time.monotonic()
    log_path = tmp_path_factory.mktemp("app") / "app.log"
    with serve_app(["--index-dir", str(real_answerer.retriever.index.folder)], log_path,
                   env={"GRADIO_ANALYTICS_ENABLED": "False"}) as (base, _):
        print(f"\n[app.py up in {time.monotonic() - started:.1f}s at {base}; log {log_path}]")
        yield base


@contextlib.contextmanager
def serve_app(args: list[str], log_path, env: dict | None = None, timeout: float = 300):
    """Run `python app.py --port <free> *args` until the block ends; yields (base URL, process).

    Ready when "/" answers (it does with and without --auth-file). Output goes to log_path.
    """
    import os
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    env.pop("GRADIO_SERVER_PORT", None)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port), *args],
                                cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"app.py exited with code {proc.returncode}:\n{Path(log_path).read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(base, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"app.py not up after {timeout} s:\n{Path(log_path).read_text()[-3000:]}")
            time.sleep(0.3)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------- PDFs printed by Chromium

@pytest.fixture(scope="session")
def print_policy_pdf(tmp_path_factory):
    """print_policy_pdf(key, text, header, two_columns=False) → a PDF of the text printed by headless Chromium
    with Noto CJK (running header, "— n —" page numbers); each key is printed once per session."""
    import shutil

    from tests.print_pdf import CHROMIUM, policy_html, print_pdf

    if not shutil.which(CHROMIUM):
        pytest.skip("chromium not installed (apt-get install chromium fonts-noto-cjk)")
    folder = tmp_path_factory.mktemp("printed")
    printed: dict[str, object] = {}

    def make(key: str, text: str, header: str, two_columns: bool = False, name: str | None = None):
        if key not in printed:
            out = folder / key / (name or f"{key}.pdf")
            out.parent.mkdir()
            printed[key] = print_pdf(policy_html(text, header, two_columns), out)
        return printed[key]

    return make
