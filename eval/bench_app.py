"""Load benchmark: `python -m eval.bench_app --url http://127.0.0.1:7860` drives a running app with
concurrent chat sessions on localhost (through gradio_client, or `--client http` through the plain HTTP
API) and reports throughput, latency and errors."""
from __future__ import annotations

import argparse
import json
import threading
import time
from urllib.parse import urlparse

QUESTIONS = [
    "长沙社会物流总费用占GDP比重的目标是多少？",
    "我们是株洲一家做供应链服务的企业，有哪些支持？",
    "武汉检验检测服务由哪个部门牵头？",
    "湘潭服务业十四五规划的文号是什么？",
    "拿专利去银行贷款，武汉有支持吗？",
    "湖南省服务业增加值年均增长目标是多少？",
    "湘潭养老服务有什么规划？",
    "广州有哪些落户补贴？",
]


def split_questions(split: str) -> list[str]:
    """The question texts of one split of eval/questions.jsonl, in file order, each once."""
    from eval.questions import DEFAULT_QUESTIONS

    texts: list[str] = []
    for line in DEFAULT_QUESTIONS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line) if line.strip() else {}
        if record.get("split") == split and record["question"] not in texts:
            texts.append(record["question"])
    return texts


class GradioChat:
    """/chat through gradio_client, as a Python caller of the API would ask."""

    def __init__(self, url: str):
        from gradio_client import Client

        self._client = Client(url, verbose=False)

    def predict(self, question: str) -> str:
        return self._client.predict(question, api_name="/chat")


class HttpChat:
    """/chat through Gradio's plain HTTP API (what `curl` would do): POST the question, then read the answer
    from the event stream. Costs the load generator a fraction of gradio_client's CPU, which matters when it
    shares the machine's cores with the app under test."""

    def __init__(self, url: str):
        import uuid

        import httpx

        self._http = httpx.Client(base_url=url if url.endswith("/") else url + "/", timeout=120)
        self._session = uuid.uuid4().hex  # one session per user, as gradio_client keeps one per Client

    def predict(self, question: str) -> str:
        posted = self._http.post("gradio_api/call/chat", json={"data": [question, [], None, False],
                                                                "session_hash": self._session})
        posted.raise_for_status()
        event = ""
        with self._http.stream("GET", f"gradio_api/call/chat/{posted.json()['event_id']}") as stream:
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    event = line.removeprefix("event:").strip()
                elif line.startswith("data:") and event in ("complete", "error"):
                    data = json.loads(line.removeprefix("data:"))
                    if event == "error":
                        raise RuntimeError(f"app error: {data}")
                    return data[0]
        raise RuntimeError("the event stream ended without an answer")


CLIENTS = {"gradio": GradioChat, "http": HttpChat}


def run(url: str, users: int, seconds: float, max_requests_per_user: int = 500,
        questions: list[str] | None = None, client: str = "gradio") -> dict:
    host = urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("只允许对本机地址压测（127.0.0.1 / localhost）")
    make_client = CLIENTS[client]
    questions = questions or QUESTIONS
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(index: int) -> None:
        chat = make_client(url)
        for i in range(max_requests_per_user):
            if time.monotonic() >= deadline:
                return
            # users start spread over the list, so with many questions they rarely ask the same one at once
            question = questions[(index * len(questions) // users + i) % len(questions)]
            started = time.perf_counter()
            try:
                answer = chat.predict(question)
                ok = isinstance(answer, str) and answer
            except Exception as err:  # count every failure, whatever its kind
                ok, answer = False, f"{type(err).__name__}: {err}"
            elapsed = time.perf_counter() - started
            with lock:
                (latencies.append(elapsed) if ok else errors.append(str(answer)[:200]))

    started = time.perf_counter()
    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    pct = (lambda q: round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3) if ordered else None)
    return {"users": users, "client": client, "questions": len(questions), "seconds": round(wall, 1), "requests": len(latencies),
            "errors": len(errors),
            "throughput_rps": round(len(latencies) / wall, 2), "p50_s": pct(0.5), "p95_s": pct(0.95),
            "error_samples": errors[:3]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench_app", description="对运行中的应用做并发压测")
    parser.add_argument("--url", default="http://127.0.0.1:7860/")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--split", choices=("dev", "test"), default=None,
                        help="改用评测集这一部分的问题（互不相同，多数问题要重新编码）；默认用 8 个固定问题")
    parser.add_argument("--client", choices=sorted(CLIENTS), default="gradio",
                        help="gradio：用 gradio_client（默认）；http：直接调用 HTTP 接口，压测端自身占用的 CPU 少得多")
    args = parser.parse_args(argv)
    questions = split_questions(args.split) if args.split else None
    print(json.dumps(run(args.url, args.users, args.seconds, questions=questions, client=args.client),
                     ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
