"""An OpenAI-compatible chat server (Ollama, vLLM, LM Studio, …): its configuration and a small client."""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

log = logging.getLogger(__name__)

ENV_BASE_URL = "POLICY_LLM_BASE_URL"
ENV_MODEL = "POLICY_LLM_MODEL"
ENV_API_KEY = "POLICY_LLM_API_KEY"
ENV_TIMEOUT = "POLICY_LLM_TIMEOUT"

# Local servers ignore the key but the client insists on one; vLLM's own docs use "EMPTY".
_NO_KEY = "EMPTY"


@dataclass(frozen=True)
class LLMConfig:
    """Where generation goes. Nothing is ever sent unless one of these is built from a base URL.

    `timeout` bounds the wait for the server to answer and, when streaming, for each next token;
    `retries` are extra attempts on connection errors, timeouts, HTTP 408/409/429 and 5xx, with the
    client's exponential backoff (0.5 s, 1 s, 2 s … capped at 8 s).
    """

    base_url: str
    model: str = ""  # empty: the first model the server lists (vLLM and LM Studio serve one)
    api_key: str | None = None
    timeout: float = 60.0
    retries: int = 1  # a slow server costs at most (retries + 1) × timeout before the extractive answer
    max_tokens: int = 800
    temperature: float = 0.1


def config_from_env(environ: Mapping[str, str], base_url: str | None = None,
                    model: str | None = None) -> LLMConfig | None:
    """The configuration from CLI flags, else environment variables; None when generation is off.

    Args:
        environ: the environment (the caller passes os.environ: only the CLI and the app read it).
        base_url: `--llm-base-url`, overriding POLICY_LLM_BASE_URL.
        model: `--llm-model`, overriding POLICY_LLM_MODEL.
    Raises:
        ValueError: with a Chinese message, for a base URL that is not http(s) or a bad timeout.
    """
    url = (base_url or environ.get(ENV_BASE_URL) or "").strip()
    if not url:
        return None
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"模型服务地址须以 http:// 或 https:// 开头：{url}")
    timeout_text = environ.get(ENV_TIMEOUT, "").strip()
    try:
        timeout = float(timeout_text) if timeout_text else LLMConfig.timeout
    except ValueError:
        raise ValueError(f"{ENV_TIMEOUT} 须为秒数：{timeout_text}") from None
    if timeout <= 0:
        raise ValueError(f"{ENV_TIMEOUT} 须大于 0：{timeout_text}")
    return LLMConfig(base_url=url.rstrip("/"), model=(model or environ.get(ENV_MODEL) or "").strip(),
                     api_key=environ.get(ENV_API_KEY) or None, timeout=timeout)


class LLMError(Exception):
    """The server could not give an answer; `reason` is a short Chinese phrase for the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class LLMClient:
    """Chat completions, whole or streamed, with every failure turned into an LLMError.

    Thread-safe: one client (one connection pool) is shared by all users of the app.
    """

    def __init__(self, config: LLMConfig):
        # Imported here, not at module import: seconds of start-up only for those who configure a server.
        # Building the client sends nothing.
        import httpx
        from openai import OpenAI

        self.config = config
        self._client = OpenAI(base_url=config.base_url, api_key=config.api_key or _NO_KEY,
                              timeout=httpx.Timeout(config.timeout, connect=min(config.timeout, 10.0)),
                              max_retries=config.retries)
        self._client.chat.completions, self._client.models  # load the lazy API modules now, not on a first question
        self._model = config.model
        self._lock = threading.Lock()

    def model(self) -> str:
        """The configured model, else the first one the server lists (asked once)."""
        if self._model:
            return self._model
        with _errors():
            models = list(self._client.models.list())
        if not models:
            raise LLMError("模型服务没有列出可用的模型，请用 --llm-model 或 POLICY_LLM_MODEL 指定")
        with self._lock:
            self._model = models[0].id
        log.info("using model %s, the first listed by %s", self._model, self.config.base_url)
        return self._model

    def complete(self, messages: list[dict]) -> str:
        """The whole reply to a chat. Raises LLMError."""
        model = self.model()
        with _errors():
            response = self._client.chat.completions.create(
                model=model, messages=messages, stream=False,
                max_tokens=self.config.max_tokens, temperature=self.config.temperature)
            if isinstance(response, str) or not getattr(response, "choices", None):
                raise LLMError("模型服务返回的内容无法解析")
            text = response.choices[0].message.content or ""
        if not text.strip():
            raise LLMError("模型服务返回了空回答")
        return text

    def stream(self, messages: list[dict]) -> Iterator[str]:
        """The reply in pieces as the server sends them. Raises LLMError, also mid-stream."""
        model = self.model()
        received = False
        with _errors():
            stream = self._client.chat.completions.create(
                model=model, messages=messages, stream=True,
                max_tokens=self.config.max_tokens, temperature=self.config.temperature)
            try:
                for chunk in stream:
                    if isinstance(chunk, str) or not hasattr(chunk, "choices"):
                        raise LLMError("模型服务返回的内容无法解析")
                    if not chunk.choices:
                        continue  # e.g. a final usage-only chunk
                    piece = chunk.choices[0].delta.content or ""
                    if piece:
                        received = received or bool(piece.strip())
                        yield piece
            finally:
                stream.close()
        if not received:
            raise LLMError("模型服务返回了空回答")


class _errors:
    """Context manager: the client's and the transport's exceptions → LLMError with a Chinese reason."""

    def __enter__(self):
        return self

    def __exit__(self, kind, err, tb):
        if err is None or isinstance(err, LLMError) or not isinstance(err, Exception):
            return False
        import httpx
        import openai

        if isinstance(err, (openai.APITimeoutError, httpx.TimeoutException)):
            reason = "模型服务响应超时"
        elif isinstance(err, (openai.APIConnectionError, httpx.TransportError)):
            reason = "无法连接模型服务"
        elif isinstance(err, openai.APIStatusError):
            reason = f"模型服务返回错误（HTTP {err.status_code}）"
        else:  # malformed JSON or SSE, a body of the wrong shape
            reason = "模型服务返回的内容无法解析"
        log.warning("LLM request failed: %s: %s", type(err).__name__, err)
        raise LLMError(reason) from err
