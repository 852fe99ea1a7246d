"""Network guard for tests: put this folder on PYTHONPATH and set NETGUARD_LOG=<file>.

Every attempt of this Python process (and its Python children) to resolve a non-local name or to
connect to a non-loopback address is refused and recorded, one JSON line per attempt, in NETGUARD_LOG.
Loopback (127.0.0.0/8, ::1, localhost) and Unix sockets are allowed. Each guarded process appends
its pid to NETGUARD_LOG + ".pids", so a test can tell the guard was really loaded.
"""
import ipaddress
import json
import os
import socket
import traceback

_LOG = os.environ.get("NETGUARD_LOG")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", ""}


def _is_local(host) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").lower()
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _record(kind, target):
    stack = "".join(traceback.format_stack(limit=40)[:-2])
    line = json.dumps({"pid": os.getpid(), "kind": kind, "target": repr(target), "stack": stack})
    with open(_LOG, "a", encoding="utf-8") as f:
        f.write(line + "\n")


if _LOG:
    with open(_LOG + ".pids", "a", encoding="utf-8") as _f:  # proof for the test that the guard was active
        _f.write(f"{os.getpid()}\n")
    _getaddrinfo = socket.getaddrinfo
    _connect = socket.socket.connect
    _connect_ex = socket.socket.connect_ex
    _sendto = socket.socket.sendto

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host):
            _record("getaddrinfo", host)
            raise socket.gaierror(socket.EAI_NONAME, f"netguard: name resolution of {host!r} refused")
        return _getaddrinfo(host, *args, **kwargs)

    def _check(sock, address, kind):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            _record(kind, address)
            raise ConnectionRefusedError(f"netguard: connection to {address!r} refused")

    def connect(self, address):
        _check(self, address, "connect")
        return _connect(self, address)

    def connect_ex(self, address):
        _check(self, address, "connect")
        return _connect_ex(self, address)

    def sendto(self, data, *args):
        _check(self, args[-1], "sendto")
        return _sendto(self, data, *args)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
