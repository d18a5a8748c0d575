"""Page data made once per served graph, and made ahead of the first visitor.

A page's data depends only on the graph and the page's parameters, and a served graph never
changes (a rebuild swaps in a new :class:`~api.web.deps.Served` with an empty ``pages`` dict), so
the rows of the queries behind the pages are kept per build. The start page and the list pages
aggregate over the whole graph (seconds on a busy machine): :func:`touch` computes them in a
background thread the first time a build is seen, so that no visitor waits for them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from api.web.deps import Served

T = TypeVar("T")
MAX_ENTRIES = 8192  # rows of about 2,200 statement pages, the lists, the companies …
WARM_KEY = "_warmed"
WARMERS: list[Callable[[Served], object]] = []
_LOCK = threading.Lock()


def per_build(served: Served, key: object, compute: Callable[[], T]) -> T:
    """``compute()`` once per served graph and ``key`` (oldest entries dropped beyond a bound).

    >>> from types import SimpleNamespace
    >>> served = SimpleNamespace(pages={})
    >>> per_build(served, "k", lambda: [1]), per_build(served, "k", lambda: [2])
    ([1], [1])
    """
    pages = served.pages
    if key in pages:
        return pages[key]  # type: ignore[return-value]
    value = compute()  # outside the lock: a slow page never blocks the others
    with _LOCK:
        pages[key] = value
        while len(pages) > MAX_ENTRIES:
            del pages[next(iter(pages))]
    return value


def touch(served: Served) -> None:
    """Start warming a build's pages the first time a request sees it."""
    if WARM_KEY in served.pages or not WARMERS:
        return
    with _LOCK:
        if WARM_KEY in served.pages:
            return
        served.pages[WARM_KEY] = True
    threading.Thread(target=_warm, args=(served,), name="warm-pages", daemon=True).start()


def _warm(served: Served) -> None:
    for warmer in WARMERS:
        try:
            warmer(served)
        except Exception:  # noqa: BLE001 - a page that fails to warm fails again when asked
            continue
