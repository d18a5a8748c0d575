"""The build's stages, the time each takes, and the garbage collector's pause while a
document is processed (its graphs are millions of objects every full collection would walk)."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager

STAGES = ("verify", "parse", "map", "link", "reason", "validate", "write")


class StageTimer:
    """Seconds spent per stage, summed over the documents a process handles."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a document is processed.

    A document's graphs are millions of objects that every full collection would walk again.
    Most are freed by reference counting when the document is done; the cycles among them
    (~450,000 objects for the largest) are all younger than the pause, so one collection of the
    youngest generation takes them.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.collect(0)
            gc.enable()
