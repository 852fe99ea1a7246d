"""Question → cited answer: query understanding, hybrid retrieval, grounded answers, the CLI.

`from assistant import Assistant; Assistant.open().ask("…")` is the public API; importing does nothing else.
"""


def __getattr__(name: str):
    if name in ("Assistant", "Settings"):
        from assistant import service

        return getattr(service, name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
