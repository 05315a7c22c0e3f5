"""Scripted failures of the Bot API double: errors, slow answers and flood limits."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n"
    "</body>\r\n</html>\r\n"
)
DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
}


@dataclass
class Failure:
    """One scripted error answer."""

    status: int
    description: str
    retry_after: int | None = None

    def body(self) -> dict:
        """Telegram's JSON error body."""
        body: dict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass
class RateLimit:
    """At most ``per_second`` calls in any one-second window, else 429."""

    per_second: int
    retry_after: int
    recent: deque[float] = field(default_factory=deque)

    def exceeded(self, now: float) -> bool:
        """Count a call at ``now``; True when it goes over the limit."""
        while self.recent and now - self.recent[0] >= 1.0:
            self.recent.popleft()
        if len(self.recent) >= self.per_second:
            return True
        self.recent.append(now)
        return False


class Faults:
    """What the double does instead of (or on top of) answering normally."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[Failure]] = {}
        self._delays: dict[str, deque[float]] = {}
        self._limits: dict[str, RateLimit] = {}

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """The next ``times`` calls of ``method`` fail with ``status``."""
        if description is None:
            if status == 429:
                description = f"Too Many Requests: retry after {retry_after or 1}"
                retry_after = retry_after or 1
            else:
                description = DEFAULT_DESCRIPTIONS.get(status, "Internal Server Error")
        queue = self._failures.setdefault(method.lower(), deque())
        queue.extend(Failure(status, description, retry_after) for _ in range(times))

    def delay_next(self, method: str, seconds: float, *, times: int = 1) -> None:
        """The next ``times`` answers to ``method`` come ``seconds`` late (after taking effect)."""
        self._delays.setdefault(method.lower(), deque()).extend([seconds] * times)

    def limit_rate(self, method: str, *, per_second: int, retry_after: int = 1) -> None:
        """Flood control: over ``per_second`` calls of ``method`` in a second get 429."""
        self._limits[method.lower()] = RateLimit(per_second, retry_after)

    def clear(self) -> None:
        """Back to normal answers."""
        self._failures.clear()
        self._delays.clear()
        self._limits.clear()

    def failure_for(self, method: str, now: float) -> Failure | None:
        """The scripted failure for this call, if any."""
        key = method.lower()
        queue = self._failures.get(key)
        if queue:
            return queue.popleft()
        limit = self._limits.get(key)
        if limit is not None and limit.exceeded(now):
            return Failure(
                429, f"Too Many Requests: retry after {limit.retry_after}", limit.retry_after
            )
        return None

    def delay_for(self, method: str) -> float:
        """Seconds to hold this answer back."""
        queue = self._delays.get(method.lower())
        return queue.popleft() if queue else 0.0
