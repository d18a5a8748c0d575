"""Per-client rate limiting: a token bucket per client address, answered with 429.

A public endpoint is shared: one client sending a flood of requests must not take the query
workers away from everyone else. Each client address owns a bucket of ``burst`` tokens that
refills at ``rate`` tokens per second; a request takes one token, and a request that finds the
bucket empty is answered ``429 Too Many Requests`` with ``Retry-After`` (whole seconds until a
token is back) without reaching the app. The middleware is pure ASGI, so a refused request
costs no thread and no query.

The bucket table is bounded (least recently seen clients are forgotten first), so a scan from
many addresses cannot grow the server's memory without limit; a forgotten client simply starts
again with a full bucket.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from api.engine.runner import CLIENT

MAX_CLIENTS = 100_000


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class TokenBuckets:
    """Token buckets keyed by client; :meth:`take` says how long to wait (0: go ahead).

    >>> clock = iter([0.0, 0.0, 0.0, 0.5]).__next__
    >>> buckets = TokenBuckets(rate=2.0, burst=2, clock=clock)
    >>> [buckets.take("a"), buckets.take("a"), buckets.take("a") > 0, buckets.take("a")]
    [0.0, 0.0, True, 0.0]
    """

    def __init__(
        self,
        *,
        rate: float,
        burst: int,
        max_clients: int = MAX_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("a rate limit needs rate > 0 and burst >= 1")
        self.rate = rate
        self.burst = burst
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Take a token for ``client``: 0.0 if granted, else seconds until one is available."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.pop(client, None)
            if bucket is None:
                bucket = _Bucket(float(self.burst), now)
            else:
                elapsed = max(0.0, now - bucket.stamp)
                bucket.tokens = min(float(self.burst), bucket.tokens + elapsed * self.rate)
                bucket.stamp = now
            self._buckets[client] = bucket  # most recently seen last
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate

    def __len__(self) -> int:
        return len(self._buckets)


def client_key(
    scope: Scope, *, trust_forwarded: bool, forwarded_from: frozenset[str] = frozenset()
) -> str:
    """The address a request is counted against.

    Behind a reverse proxy every request comes from the proxy, so with ``trust_forwarded`` the
    right-most ``X-Forwarded-For`` entry (the one the proxy itself appended, which a client
    cannot forge) is used instead, and only on requests whose peer is one of the proxy
    addresses in ``forwarded_from``: anyone else's header is ignored.

    >>> scope = {"client": ("127.0.0.1", 1), "headers": [(b"x-forwarded-for", b"1.2.3.4")]}
    >>> client_key(scope, trust_forwarded=False)
    '127.0.0.1'
    >>> client_key(scope, trust_forwarded=True, forwarded_from=frozenset({"127.0.0.1"}))
    '1.2.3.4'
    """
    client = scope.get("client")
    peer = str(client[0]) if client else "unknown"
    if trust_forwarded and peer in forwarded_from:
        for name, value in scope.get("headers", []):
            if name == b"x-forwarded-for":
                last = str(value.decode("latin-1")).split(",")[-1].strip()
                if last:
                    return last
    return peer


class ClientMiddleware:
    """Name the client of each request for the worker pool's fairness (:data:`CLIENT`)."""

    def __init__(
        self, app: ASGIApp, *, trust_forwarded: bool, forwarded_from: frozenset[str]
    ) -> None:
        self.app = app
        self.trust_forwarded = trust_forwarded
        self.forwarded_from = forwarded_from

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            key = client_key(
                scope, trust_forwarded=self.trust_forwarded, forwarded_from=self.forwarded_from
            )
            token = CLIENT.set(key)
            try:
                await self.app(scope, receive, send)
            finally:
                CLIENT.reset(token)
            return
        await self.app(scope, receive, send)


class RateLimitMiddleware:
    """Refuse requests over a client's budget with ``429`` and ``Retry-After``."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        rate: float,
        burst: int,
        trust_forwarded: bool = False,
        forwarded_from: frozenset[str] = frozenset(),
        exempt_prefixes: tuple[str, ...] = ("/static/",),
    ) -> None:
        self.app = app
        self.buckets = TokenBuckets(rate=rate, burst=burst)
        self.trust_forwarded = trust_forwarded
        self.forwarded_from = forwarded_from
        self.exempt_prefixes = exempt_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope.get("path", "")).startswith(self.exempt_prefixes):
            await self.app(scope, receive, send)
            return
        key = client_key(
            scope, trust_forwarded=self.trust_forwarded, forwarded_from=self.forwarded_from
        )
        wait = self.buckets.take(key)
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        retry = max(1, math.ceil(wait))
        body = (
            f"too many requests: this client may send {self.buckets.rate:g} requests per second "
            f"(bursts of {self.buckets.burst}); retry after {retry} s\n"
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(retry).encode()),
                    (b"access-control-allow-origin", b"*"),
                    (b"access-control-expose-headers", b"Retry-After"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
