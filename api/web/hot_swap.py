"""Hot swap: a running server picks up a rebuilt graph without a request seeing half of one.

The build writes each graph into a fresh directory and then points the ``build`` symlink at it
with one atomic rename (graph_build/writer.py). The server watches that link cheaply: every
``reload_interval`` seconds (from a background thread, and on a request when a check is due),
it compares the link's target and the identity of its ``dataset.nq`` (inode, size, mtime) with
those of the graph it serves. When they differ, a background thread opens the new graph
completely (store loaded, workers started, graph names read) while requests keep being
answered from the old one; then one reference assignment makes the new
:class:`~api.web.deps.Served` current.

Every request holds a lease on the ``Served`` it started with (:class:`LeaseMiddleware`), so it
finishes on the graph it began on. The old graph's worker processes are closed only when its
last lease is returned, and its store directory is then deleted (from ``DORTMUND_KG_STORE_DIR``
or the build's ``store/``), so old store copies do not pile up. A rebuild that cannot be opened
is logged and the last good graph stays in service.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from api.engine.backends import OxigraphBackend
from api.web.deps import SCOPE_KEY, Served
from mappings.build_files import BuildDir

log = logging.getLogger("dortmund_kg.hot_swap")


@dataclass(frozen=True)
class BuildStamp:
    """Which build a path names right now: the link's target and the dump's file identity."""

    target: str
    inode: int
    size: int
    mtime_ns: int


def build_stamp(build_dir: Path) -> BuildStamp | None:
    """The stamp of ``build_dir`` (a symlink or a directory); None while it has no dump."""
    target = os.path.realpath(build_dir)
    try:
        info = os.stat(BuildDir(Path(target)).dataset)
    except OSError:
        return None
    return BuildStamp(target, info.st_ino, info.st_size, info.st_mtime_ns)


Loader = Callable[[Path], Served]


class GraphHolder:
    """The ``Served`` new requests get, swapped whole when the build changes.

    ``loader`` opens the graph of one resolved build directory. Without a loader (a fixture
    backend, a remote endpoint) the holder never swaps.
    """

    def __init__(
        self,
        served: Served,
        *,
        build_dir: Path | None = None,
        loader: Loader | None = None,
        interval: float = 2.0,
        stamp: BuildStamp | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._current = served
        self.build_dir = build_dir
        self.loader = loader
        self.interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        self._leases: dict[int, int] = {}
        self._retired: dict[int, Served] = {}
        self._stamp = stamp  # the build ``served`` was opened from
        self._failed: BuildStamp | None = None
        self._next_check = clock() + interval
        self._loading: threading.Thread | None = None
        self._stop_watching = threading.Event()
        self._watcher: threading.Thread | None = None
        self.swaps = 0  # graphs swapped in since start (for tests and the soak report)
        self.closed_runners = 0  # old graphs whose workers were closed after their last lease

    @property
    def current(self) -> Served:
        return self._current

    @property
    def watching(self) -> bool:
        return self.loader is not None and self.build_dir is not None and self.interval > 0

    def acquire(self) -> Served:
        """The current graph, leased until :meth:`release`; may start a check for a new one."""
        if self.watching and self._clock() >= self._next_check:
            self._start_check()
        with self._lock:
            served = self._current
            self._leases[id(served)] = self._leases.get(id(served), 0) + 1
            return served

    def start_watching(self) -> None:
        """Also check every ``interval`` seconds without requests, so an idle server does not
        keep serving (and holding the workers of) a build that has been replaced."""
        if not self.watching or self._watcher is not None:
            return

        def watch() -> None:
            while not self._stop_watching.wait(self.interval):
                self._start_check()

        self._watcher = threading.Thread(target=watch, name="graph-watch", daemon=True)
        self._watcher.start()

    def release(self, served: Served) -> None:
        with self._lock:
            key = id(served)
            left = self._leases.get(key, 1) - 1
            if left > 0:
                self._leases[key] = left
                return
            self._leases.pop(key, None)
            retired = self._retired.pop(key, None)
        if retired is not None:
            self._close_later(retired)

    def _start_check(self) -> None:
        with self._lock:
            if self._loading is not None and self._loading.is_alive():
                return
            self._next_check = self._clock() + self.interval
            self._loading = threading.Thread(target=self.check, name="graph-reload", daemon=True)
            self._loading.start()

    def check(self) -> bool:
        """Swap in the build if it changed and opens cleanly; True if a swap happened."""
        if self.build_dir is None or self.loader is None:
            return False
        stamp = build_stamp(self.build_dir)
        if stamp is None or stamp == self._stamp or stamp == self._failed:
            return False
        try:
            fresh = self.loader(Path(stamp.target))
        except Exception:  # a broken rebuild must never take the last good graph down
            log.exception(
                "could not open the rebuilt graph in %s; still serving the old one", stamp.target
            )
            self._failed = stamp
            return False
        self.swap(fresh, stamp)
        return True

    def swap(self, fresh: Served, stamp: BuildStamp | None = None) -> None:
        """Make ``fresh`` current; the old graph closes when its last request is done."""
        with self._lock:
            old = self._current
            self._current = fresh
            self._stamp = stamp
            self.swaps += 1
            idle = self._leases.get(id(old), 0) == 0
            if not idle:
                self._retired[id(old)] = old
        log.warning("serving the rebuilt graph in %s", stamp.target if stamp else "memory")
        if idle:
            self._close_later(old)

    def _close_later(self, old: Served) -> None:
        threading.Thread(target=self._close, args=(old,), name="graph-close", daemon=True).start()

    def _close(self, old: Served) -> None:
        old.runner.close()
        with self._lock:
            self.closed_runners += 1
            new_path = _store_path(self._current)
        old_path = _store_path(old)
        root = (old.settings.store_dir or BuildDir(old.settings.build_dir).store).resolve()
        if old_path and old_path != new_path and old_path.parent == root:
            shutil.rmtree(old_path, ignore_errors=True)

    def close(self) -> None:
        """Stop watching and close the current graph's workers (server shutdown)."""
        self._stop_watching.set()
        self._current.runner.close()


def _store_path(served: Served) -> Path | None:
    backend = served.backend
    if isinstance(backend, OxigraphBackend) and backend.store_path is not None:
        return backend.store_path.resolve()
    return None


class LeaseMiddleware:
    """Give each request the current graph for its whole lifetime."""

    def __init__(self, app: ASGIApp, holder: GraphHolder) -> None:
        self.app = app
        self.holder = holder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        served = self.holder.acquire()
        scope[SCOPE_KEY] = served
        try:
            await self.app(scope, receive, send)
        finally:
            self.holder.release(served)
