"""Per-client sliding-window rate limit: at most `limit` events in any `window` seconds."""
from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float = 0.0  # seconds until the oldest counted event leaves the window (0 when allowed)


class SlidingWindowLimiter:
    """Counts each client's events over the last `window` seconds; thread-safe.

    A refused event is not counted, so a client that keeps retrying is let in again as soon as its
    oldest counted event is `window` seconds old. `clock` is injectable for tests.
    """

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 max_clients: int = 100_000):
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._max_clients = max_clients
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, client: str) -> Decision:
        """Count one event for client if the window has room; say when to retry if not."""
        return self._decide(client, count=True)

    def peek(self, client: str) -> Decision:
        """Whether an event for client would be allowed now, without counting one."""
        return self._decide(client, count=False)

    def _decide(self, client: str, *, count: bool) -> Decision:
        now = self._clock()
        with self._lock:
            events = self._events.get(client)
            if events is None:
                if len(self._events) >= self._max_clients:
                    self._forget_idle(now)
                events = self._events[client] = deque()
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return Decision(False, retry_after=max(0.0, events[0] + self.window - now))
            if count:
                events.append(now)
            return Decision(True)

    def _forget_idle(self, now: float) -> None:
        """Drop clients with no event in the window, so memory stays bounded under many clients."""
        for client in [c for c, e in self._events.items() if not e or e[-1] <= now - self.window]:
            del self._events[client]
