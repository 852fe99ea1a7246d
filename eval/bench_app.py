"""Load benchmark: `python -m eval.bench_app --url http://127.0.0.1:7860` drives a running app with
concurrent chat sessions through gradio_client on localhost and reports throughput, latency and errors."""
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


def run(url: str, users: int, seconds: float, max_requests_per_user: int = 500) -> dict:
    host = urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("只允许对本机地址压测（127.0.0.1 / localhost）")
    from gradio_client import Client

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(index: int) -> None:
        client = Client(url, verbose=False)
        for i in range(max_requests_per_user):
            if time.monotonic() >= deadline:
                return
            question = QUESTIONS[(index + i) % len(QUESTIONS)]
            started = time.perf_counter()
            try:
                answer = client.predict(question, api_name="/chat")
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
    return {"users": users, "seconds": round(wall, 1), "requests": len(latencies), "errors": len(errors),
            "throughput_rps": round(len(latencies) / wall, 2), "p50_s": pct(0.5), "p95_s": pct(0.95),
            "error_samples": errors[:3]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench_app", description="对运行中的应用做并发压测")
    parser.add_argument("--url", default="http://127.0.0.1:7860/")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.url, args.users, args.seconds), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
