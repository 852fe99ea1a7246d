"""A small OpenAI-compatible chat server on 127.0.0.1 for tests: /v1/models and /v1/chat/completions,
whole or streamed (SSE), with failure modes (slow, HTTP 500, malformed JSON, empty answer)."""
from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MODEL = "tiny-policy-model"


def reply_from_prompt(messages: list[dict]) -> str:
    """A stand-in model that reads the prompt: the first sentence with a figure of clause [1], cited,
    then an invented subsidy amount cited to [1] (which the verifier must drop)."""
    user = next(m["content"] for m in messages if m["role"] == "user")
    block = re.search(r"^\[1\] .*?^原文：(.+)$", user, re.S | re.M)
    if not block:
        return "没有收到条款。"
    sentences = [s for s in re.split(r"(?<=。)", block.group(1)) if s.strip()]
    chosen = next((s for s in sentences if re.search(r"\d", s)), sentences[0])
    return f"根据文件，{chosen.strip().rstrip('。')}[1]。对符合条件的企业给予一次性奖励50万元[1]。"


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that timed out and hung up is expected
        pass


class FakeLLMServer:
    """Start with `with FakeLLMServer() as server:`; `server.base_url` ends in /v1.

    Attributes set by a test: `mode` ("ok", "slow", "error", "malformed", "empty"), `reply` (a str, or a
    callable taking the messages), `delay` (seconds, for "slow"). `requests` records each chat body.
    """

    def __init__(self, reply=reply_from_prompt, mode: str = "ok", delay: float = 3.0, piece_delay: float = 0.0):
        self.reply = reply
        self.mode = mode
        self.delay = delay
        self.piece_delay = piece_delay  # seconds between streamed pieces, so a browser can watch them come
        self.requests: list[dict] = []
        self.authorizations: list[str | None] = []  # the Authorization header of each chat request
        self.in_flight = 0
        self.max_in_flight = 0  # most chat requests being served at the same time
        self._count_lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> "FakeLLMServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def _send(self, status: int, body: bytes, content_type: str = "application/json"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path.rstrip("/") == "/v1/models":
                    body = {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0,
                                                        "owned_by": "test"}]}
                    return self._send(200, json.dumps(body).encode())
                self._send(404, b'{"error": {"message": "not found"}}')

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                request = json.loads(self.rfile.read(length) or b"{}")
                if self.path.rstrip("/") != "/v1/chat/completions":
                    return self._send(404, b'{"error": {"message": "not found"}}')
                with server._count_lock:
                    server.requests.append(request)
                    server.authorizations.append(self.headers.get("Authorization"))
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    self._chat(request)
                finally:
                    with server._count_lock:
                        server.in_flight -= 1

            def _chat(self, request):
                mode = server.mode
                if mode == "slow":
                    time.sleep(server.delay)
                if mode == "error":
                    return self._send(500, b'{"error": {"message": "model crashed"}}')
                reply = server.reply(request["messages"]) if callable(server.reply) else server.reply
                if mode == "empty":
                    reply = ""
                if request.get("stream"):
                    return self._stream(reply, malformed=mode == "malformed")
                if mode == "malformed":
                    return self._send(200, b'{"id": "x", "choices": [{"message": {"content": "unterminated')
                body = {"id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": request["model"],
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": reply}}]}
                self._send(200, json.dumps(body, ensure_ascii=False).encode("utf-8"))

            def _stream(self, reply: str, malformed: bool):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                pieces = [reply[i:i + 4] for i in range(0, len(reply), 4)]
                for i, piece in enumerate(pieces):
                    chunk = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0,
                             "model": MODEL, "choices": [{"index": 0, "delta": {"content": piece},
                                                          "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode("utf-8"))
                    if malformed and i == 1:
                        self.wfile.write(b"data: {\"choices\": [{\"delta\": \n\n")
                    self.wfile.flush()
                    time.sleep(server.piece_delay)
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        return Handler


@contextlib.contextmanager
def running_app(index_dir: Path, log_path: Path, *args: str, env: dict | None = None):
    """`python app.py --port P --index-dir DIR *args` in a subprocess; yields its base URL once it answers."""
    from conftest import serve_app

    with serve_app(["--index-dir", str(index_dir), *args], log_path, env) as (base, _):
        yield base
