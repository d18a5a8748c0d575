"""Killable query workers: a time limit that really stops a query.

pyoxigraph cannot cancel a running query, and a pathological query can even crash the process
that runs it. So the server runs queries in worker processes that each open the on-disk store
read-only. A query that outlives the time limit gets its worker killed and replaced; a worker
that dies is replaced too; the server process itself never runs an untrusted query and keeps
answering other requests meanwhile.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Mapping
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from api.backends import Dataset, QueryError
from api.results import QueryResult, Term
from api.runner import QueryTimeout

_CONTEXT = multiprocessing.get_context("spawn")


def _serve(store_path: str, conn: Connection) -> None:
    """Worker loop: open the store once, answer queries until the pipe closes."""
    import pyoxigraph as ox

    from api.backends import OxigraphBackend

    backend = OxigraphBackend(ox.Store.read_only(store_path))
    while True:
        try:
            text, bindings, dataset, row_limit = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = backend.query(text, bindings=bindings, dataset=dataset, row_limit=row_limit)
            conn.send(("ok", result))
        except QueryError as error:
            conn.send(("error", str(error)))
        except Exception as error:  # report, never die on one bad query
            conn.send(("error", f"{type(error).__name__}: {error}"))


class _Worker:
    def __init__(self, store_path: Path) -> None:
        parent, child = _CONTEXT.Pipe()
        self.conn: Connection = parent
        self.process: BaseProcess = _CONTEXT.Process(
            target=_serve, args=(str(store_path), child), daemon=True
        )
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class ProcessRunner:
    """A pool of worker processes over one read-only on-disk store."""

    def __init__(self, store_path: Path, *, workers: int, timeout: float, row_limit: int) -> None:
        self.store_path = store_path
        self.timeout = timeout
        self.row_limit = row_limit
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        self.replaced = 0  # workers killed or found dead and replaced (for tests, metrics)
        for _ in range(max(workers, 1)):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self.store_path)
        with self._lock:
            self._all.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
            self.replaced += 1
        self._idle.put(self._spawn())

    def run(
        self,
        text: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        dataset: Dataset | None = None,
    ) -> QueryResult:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout(
                f"all query workers busy for {self.timeout:g} s; try again later"
            ) from None
        try:
            worker.conn.send((text, dict(bindings or {}), dataset, self.row_limit))
            if not worker.conn.poll(self.timeout):
                self._replace(worker)
                raise QueryTimeout(f"query took longer than {self.timeout:g} s")
            answer: tuple[str, Any] = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise QueryError("the query crashed its worker process") from None
        self._idle.put(worker)
        if answer[0] == "ok":
            result: QueryResult = answer[1]
            return result
        raise QueryError(str(answer[1]))

    def close(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
