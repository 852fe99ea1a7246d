"""Privacy and access, fast parts: rate limit, password file and login, the exposure warning, the body
limit, and the network guard the slow tests rely on (tests/test_privacy_served.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.auth import (AuthFileError, Authenticator, exposure_warning, hash_password, is_loopback,
                            load_users, verify_password)
from assistant.bodylimit import BodySizeLimit
from assistant.ratelimit import SlidingWindowLimiter

ROOT = Path(__file__).resolve().parents[1]
GUARD_DIR = Path(__file__).resolve().parent / "netguard"


class Clock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


# --------------------------------------------------------------------------- rate limit

def test_rate_limit_is_reached_then_resets_after_the_window():
    clock = Clock()
    limiter = SlidingWindowLimiter(3, 60.0, clock=clock)
    assert [limiter.hit("ip:10.0.0.5").allowed for _ in range(3)] == [True, True, True]
    clock.now += 20
    refused = limiter.hit("ip:10.0.0.5")
    assert not refused.allowed and refused.retry_after == pytest.approx(40.0)
    assert limiter.hit("ip:10.0.0.6").allowed  # another client has its own window
    clock.now += 39.9
    assert not limiter.hit("ip:10.0.0.5").allowed  # refused tries do not extend the wait
    clock.now += 0.2  # the first three hits are now older than 60 s
    assert limiter.hit("ip:10.0.0.5").allowed


def test_rate_limit_window_slides():
    clock = Clock()
    limiter = SlidingWindowLimiter(2, 60.0, clock=clock)
    assert limiter.hit("a").allowed
    clock.now += 30
    assert limiter.hit("a").allowed
    clock.now += 31  # the first hit left the window, the second has not
    assert limiter.hit("a").allowed
    assert not limiter.hit("a").allowed
    assert limiter.peek("a").retry_after == pytest.approx(29.0)


def test_rate_limit_memory_is_bounded():
    clock = Clock()
    limiter = SlidingWindowLimiter(1, 60.0, clock=clock, max_clients=100)
    for i in range(100):
        limiter.hit(f"ip:{i}")
    clock.now += 61
    for i in range(100, 150):
        limiter.hit(f"ip:{i}")
    assert len(limiter._events) <= 100


# --------------------------------------------------------------------------- passwords and login

def test_password_hash_round_trip():
    stored = hash_password("正确的密码 horse battery")
    assert stored.startswith("scrypt$16384$8$1$")
    assert verify_password("正确的密码 horse battery", stored)
    assert not verify_password("正确的密码 horse batterY", stored)
    assert not verify_password("x", "scrypt$not$a$hash")
    assert hash_password("same") != hash_password("same")  # salted


def test_auth_file_add_with_the_cli_then_log_in(tmp_path):
    users = tmp_path / "users.txt"
    for user, password in (("alice", "s3cret-alice"), ("bob", "s3cret-bob"), ("alice", "new-alice-pw")):
        out = subprocess.run([sys.executable, "-m", "assistant.auth", "add", user, "--file", str(users)],
                             cwd=ROOT, input=password + "\n", capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
    assert "已修改用户 alice" in out.stdout
    assert oct(users.stat().st_mode & 0o777) == "0o600"
    assert "s3cret" not in users.read_text() and "new-alice-pw" not in users.read_text()
    login = Authenticator(load_users(users))
    assert login("alice", "new-alice-pw") and login("bob", "s3cret-bob")
    assert not login("alice", "s3cret-alice")  # the old password was replaced
    assert not login("carol", "new-alice-pw") and not login("", "")

    out = subprocess.run([sys.executable, "-m", "assistant.auth", "add", "carol", "--file", str(users)],
                         cwd=ROOT, input="short\n", capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "密码太短" in out.stderr
    out = subprocess.run([sys.executable, "-m", "assistant.auth", "remove", "bob", "--file", str(users)],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and set(load_users(users)) == {"alice"}


@pytest.mark.parametrize("content, message", [
    ("", "没有用户"),
    ("# only a comment\n\n", "没有用户"),
    ("alice:plaintext-password\n", "第 1 行格式不对"),
    ("# users\nalice:" + "scrypt$16384$8$1$AAAA$BBBB" + "\nbob\n", "第 3 行格式不对"),
    ("a b:scrypt$16384$8$1$AAAA$BBBB\n", "第 1 行格式不对"),
    ("alice:scrypt$16384$8$1$AAAA$BBBB\nalice:scrypt$16384$8$1$AAAA$BBBB\n", "用户 alice 重复"),
])
def test_bad_auth_files_get_a_clear_message(tmp_path, content, message):
    users = tmp_path / "users.txt"
    users.write_text(content, encoding="utf-8")
    with pytest.raises(AuthFileError, match=message):
        load_users(users)
    with pytest.raises(AuthFileError, match="无法读取用户文件"):
        load_users(tmp_path / "missing.txt")


def test_repeated_failed_logins_lock_the_user_name_for_a_while():
    clock = Clock()
    login = Authenticator({"alice": hash_password("right-password"), "bob": hash_password("bobs-password")},
                          max_failures=3, window=300, clock=clock)
    assert login("alice", "right-password")
    for _ in range(3):
        assert not login("alice", "guess")
    assert not login("alice", "right-password")  # locked: even the right password is refused
    assert login("bob", "bobs-password")  # other names are counted separately
    clock.now += 301
    assert login("alice", "right-password")


# --------------------------------------------------------------------------- serving beyond localhost

def test_exposure_warning_only_for_non_loopback_without_auth():
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert is_loopback(host) and exposure_warning(host, auth_enabled=False) is None
    for host in ("0.0.0.0", "::", "192.168.1.20", "policy.intranet"):
        assert not is_loopback(host)
        warning = exposure_warning(host, auth_enabled=False)
        assert warning and f"正在监听 {host}" in warning and "--auth-file" in warning
        assert exposure_warning(host, auth_enabled=True) is None


def test_body_limit_refuses_large_requests():
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    async def echo(request):
        return PlainTextResponse(str(len(await request.body())))

    app = Starlette(routes=[Route("/echo", echo, methods=["POST"])],
                    middleware=[Middleware(BodySizeLimit, max_bytes=1000)])
    client = TestClient(app)
    assert client.post("/echo", content=b"x" * 1000).text == "1000"
    refused = client.post("/echo", content=b"x" * 1001)
    assert refused.status_code == 413 and refused.json()["error"] == "请求过大，已拒绝。"

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(5):
            yield b"x" * 400

    assert client.post("/echo", content=chunks()).status_code == 413


# --------------------------------------------------------------------------- the network guard itself

def guarded_env(log: Path, **extra) -> dict:
    """Environment for a subprocess whose non-loopback connections are refused and recorded in log."""
    env = dict(os.environ, NETGUARD_LOG=str(log), **extra)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(GUARD_DIR), os.environ.get("PYTHONPATH")]))
    return env


def attempts(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_network_guard_refuses_and_records_outbound_connections(tmp_path):
    """The control for the no-outbound-traffic tests: the guard does catch a process that phones home."""
    log = tmp_path / "net.log"
    code = """
import socket, urllib.request
for attempt in (lambda: socket.create_connection(("203.0.113.7", 443), timeout=3),
                lambda: urllib.request.urlopen("https://api.gradio.app/pkg-version", timeout=3),
                lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("198.51.100.1", 53))):
    try:
        attempt()
        print("connected")
    except OSError as err:
        print("refused")
with socket.socket() as server:  # loopback stays open
    server.bind(("127.0.0.1", 0)); server.listen()
    socket.create_connection(server.getsockname(), timeout=3).close()
print("loopback ok")
"""
    out = subprocess.run([sys.executable, "-c", code], env=guarded_env(log), capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["refused", "refused", "refused", "loopback", "ok"]
    targets = [a["target"] for a in attempts(log)]
    assert targets == ["'203.0.113.7'", "'api.gradio.app'", "('198.51.100.1', 53)"]
    assert Path(str(log) + ".pids").read_text().strip()
