"""Password file for the web app: scrypt hashes, a login check with lockout, and a CLI to add users.

File format (UTF-8, one user a line; blank lines and lines starting with # are ignored):

    USER:scrypt$N$r$p$SALT$HASH

N, r, p are the scrypt cost parameters; SALT and HASH are base64 (16-byte salt, 32-byte key). A user
name is 1-64 characters without ':' or whitespace. Create or replace an entry with
`python -m assistant.auth add USER --file users.txt` (the password is read without echo, or from
stdin when piped); remove one with `python -m assistant.auth remove USER --file users.txt`.
"""
from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import ipaddress
import logging
import os
import re
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from assistant.ratelimit import SlidingWindowLimiter

log = logging.getLogger(__name__)

SCHEME = "scrypt"
# 16 MiB of memory and about 50 ms per check on one core: slow for guessing, fine for a login.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
MIN_PASSWORD_CHARS = 8
USER_NAME = re.compile(r"[^:\s]{1,64}")
# After this many failed logins for one user name within the window, logins for it are refused
# (even with the right password) until the failures age out of the window.
MAX_FAILED_LOGINS = 10
FAILED_LOGIN_WINDOW = 300.0


class AuthFileError(ValueError):
    """A password file that cannot be used; the message is Chinese, for the operator."""


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P,
                  salt: bytes | None = None) -> str:
    """The stored form of a password: "scrypt$N$r$p$SALT$HASH"."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=2 ** 26)
    b64 = lambda raw: base64.b64encode(raw).decode("ascii")  # noqa: E731
    return f"{SCHEME}${n}${r}${p}${b64(salt)}${b64(key)}"


def _parse_hash(encoded: str) -> tuple[int, int, int, bytes, bytes]:
    scheme, n, r, p, salt, key = encoded.split("$")
    if scheme != SCHEME:
        raise ValueError(f"unknown scheme {scheme!r}")
    n, r, p = int(n), int(r), int(p)
    if n < 2 or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16 or 128 * n * r * p > 2 ** 26:
        raise ValueError("scrypt parameters out of range")
    return n, r, p, base64.b64decode(salt, validate=True), base64.b64decode(key, validate=True)


def verify_password(password: str, encoded: str) -> bool:
    """True when password matches the stored hash (compared in constant time)."""
    try:
        n, r, p, salt, key = _parse_hash(encoded)
    except ValueError:
        return False
    candidate = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(key), maxmem=2 ** 26)
    return hmac.compare_digest(candidate, key)


def load_users(path: Path) -> dict[str, str]:
    """User name -> stored hash from a password file; AuthFileError (Chinese) when it is unusable."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise AuthFileError(f"无法读取用户文件 {path}：{getattr(err, 'strerror', None) or err}") from None
    users: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, encoded = line.partition(":")
        try:
            if not sep or not USER_NAME.fullmatch(name):
                raise ValueError("bad user name")
            _parse_hash(encoded)
        except ValueError:
            raise AuthFileError(f"用户文件 {path} 第 {number} 行格式不对，应为“用户名:scrypt$…”"
                                f"（用 python -m assistant.auth add 用户名 --file {path} 生成）。") from None
        if name in users:
            raise AuthFileError(f"用户文件 {path} 第 {number} 行：用户 {name} 重复。")
        users[name] = encoded
    if not users:
        raise AuthFileError(f"用户文件 {path} 中没有用户（用 python -m assistant.auth add 用户名 --file {path} 添加）。")
    return users


class Authenticator:
    """The login check handed to Gradio (`launch(auth=...)`): (user, password) -> bool.

    Unknown users cost the same scrypt work as known ones, so timing does not reveal which names
    exist. Repeated failures lock a user name for a while (see MAX_FAILED_LOGINS).
    """

    def __init__(self, users: dict[str, str], *, max_failures: int = MAX_FAILED_LOGINS,
                 window: float = FAILED_LOGIN_WINDOW, clock: Callable[[], float] = time.monotonic):
        self._users = dict(users)
        self._failures = SlidingWindowLimiter(max_failures, window, clock=clock)
        self._dummy = hash_password(secrets.token_urlsafe(16))

    def __call__(self, username: str, password: str) -> bool:
        stored = self._users.get(username)
        ok = verify_password(password or "", stored or self._dummy) and stored is not None
        if ok and not self._failures.peek(username).allowed:
            log.warning("login refused for a locked user name (too many failed attempts)")
            return False
        if not ok:
            self._failures.hit(username)
            log.warning("failed login attempt")
        return ok


# --------------------------------------------------------------------------- serving beyond localhost

def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, auth_enabled: bool) -> str | None:
    """The warning printed when the app listens beyond this machine without a login, else None."""
    if auth_enabled or is_loopback(host):
        return None
    return (f"警告：网页版正在监听 {host}，局域网内其他机器可以访问，且未设置登录（--auth-file）。"
            f"任何能访问该地址的人都可以提问。\n"
            f"WARNING: listening on {host} without authentication; anyone who can reach this address "
            f"can use the app. Pass --auth-file (see README, 'Privacy and access').")


# --------------------------------------------------------------------------- CLI

def _write_users(path: Path, users: dict[str, str]) -> None:
    """Rewrite the file atomically, readable by its owner only."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".users-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("# policy assistant users: USER:scrypt$N$r$p$SALT$HASH (python -m assistant.auth add USER)\n")
            f.writelines(f"{name}:{encoded}\n" for name, encoded in users.items())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("密码：")
        if getpass.getpass("再输入一次：") != first:
            raise AuthFileError("两次输入的密码不一致。")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.auth", description="管理网页版的登录用户（--auth-file）")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("add", "添加用户或修改密码（密码从终端或标准输入读取）"), ("remove", "删除用户")):
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("user", help="用户名（1-64 个字符，不含冒号和空白）")
        cmd.add_argument("--file", type=Path, required=True, help="用户文件，如 users.txt")
    args = parser.parse_args(argv)
    if not USER_NAME.fullmatch(args.user):
        parser.error("用户名须为 1-64 个字符，不含冒号和空白")
    try:
        users = load_users(args.file) if args.file.exists() else {}
    except AuthFileError as err:
        if "没有用户" not in str(err):
            print(err, file=sys.stderr)
            return 1
        users = {}
    try:
        if args.command == "remove":
            if users.pop(args.user, None) is None:
                print(f"用户 {args.user} 不存在。", file=sys.stderr)
                return 1
            _write_users(args.file, users)
            print(f"已删除用户 {args.user}（重启网页版后生效）。")
            return 0
        password = _read_password()
        if len(password) < MIN_PASSWORD_CHARS:
            print(f"密码太短：至少 {MIN_PASSWORD_CHARS} 个字符。", file=sys.stderr)
            return 1
        existed = args.user in users
        users[args.user] = hash_password(password)
        _write_users(args.file, users)
    except AuthFileError as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        print(f"无法写入用户文件 {args.file}：{err.strerror}", file=sys.stderr)
        return 1
    print(f"已{'修改' if existed else '添加'}用户 {args.user}（写入 {args.file}，重启网页版后生效）。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
