"""A small LRU cache of rendered named-query answers, per served graph.

A named query's answer depends only on the graph and its bound parameters, and the graph never
changes under a running :class:`~api.web.deps.Served` (a rebuild swaps in a new one, with a new,
empty cache). So a repeated call — the common case for a portal or a dashboard — costs a dict
lookup instead of a query.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

CacheKey = tuple[str, tuple[tuple[str, str], ...], str]


@dataclass(frozen=True)
class CachedAnswer:
    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...]


class ResponseCache:
    """Thread-safe LRU bounded by entry count and total body bytes (0 entries: disabled).

    >>> cache = ResponseCache(max_entries=1)
    >>> cache.put(("q", (), "json"), CachedAnswer(b"{}", "application/json", ()))
    >>> cache.get(("q", (), "json")).body
    b'{}'
    >>> cache.put(("r", (), "json"), CachedAnswer(b"[]", "application/json", ()))
    >>> cache.get(("q", (), "json")) is None
    True
    """

    def __init__(self, *, max_entries: int = 1024, max_bytes: int = 64_000_000) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[CacheKey, CachedAnswer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(name: str, params: dict[str, str], wanted: str) -> CacheKey:
        return (name, tuple(sorted(params.items())), wanted)

    def get(self, key: CacheKey) -> CachedAnswer | None:
        with self._lock:
            answer = self._items.get(key)
            if answer is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, key: CacheKey, answer: CachedAnswer) -> None:
        if self.max_entries <= 0 or len(answer.body) > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._items[key] = answer
            self._bytes += len(answer.body)
            while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._bytes -= len(evicted.body)
