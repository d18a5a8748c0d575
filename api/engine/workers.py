"""Killable query workers: a time limit that really stops a query.

pyoxigraph cannot cancel a running query, and a pathological query can even crash the process
that runs it. So the server runs queries in worker processes. A query that outlives the time
limit gets its worker killed and replaced; a worker that dies is replaced too; the server
process itself never runs an untrusted query and keeps answering other requests meanwhile.

Each worker opens the graph one of two ways (:class:`StoreSource`): the on-disk store read-only
(opens at once, at any size) or the dump loaded into its own in-memory store (1.7–29× faster
queries, measured in bench/results/report.md, at the price of memory per worker and a load on
start). A worker says "ready" once its store is open; the pool only hands out ready workers, and
a replacement is started in the background, so a request never waits for a load.

Answers come back as finished response bodies when the caller passes a rendering
(:mod:`api.engine.rendering`): bytes cross the pipe instead of pickled RDF terms.

Each worker cuts itself off the network before it opens the graph
(:mod:`api.engine.sandbox`), and reports how in its "ready" message. Fairness: one client (the
rate limit's key, :data:`api.engine.runner.CLIENT`) holds at most ``per_client`` workers at
once, so two runaway queries from one client leave the other workers to everyone else; a
request that finds no worker (or no free share) within ``queue_timeout`` is answered 503
without running.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Literal

from api.engine.backends import Dataset, QueryError
from api.engine.rendering import Rendered, Rendering
from api.engine.results import QueryResult, Term
from api.engine.runner import CLIENT, QueryTimeout, WorkerCrashed, WorkersBusy
from api.engine.sandbox import cut_network

_CONTEXT = multiprocessing.get_context("spawn")
log = logging.getLogger("dortmund_kg.workers")
READY = "ready"


@dataclass(frozen=True)
class StoreSource:
    """Where a worker gets its graph: ``disk`` (a store directory, opened read-only) or
    ``memory`` (an RDF dump, bulk-loaded into an in-memory store)."""

    kind: Literal["disk", "memory"]
    path: Path


def _open(source: StoreSource) -> Any:
    import pyoxigraph as ox

    from api.engine.backends import OxigraphBackend

    if source.kind == "memory":
        return OxigraphBackend.from_file(source.path)
    return OxigraphBackend(ox.Store.read_only(str(source.path)))


def _serve(source: StoreSource, conn: Connection, sandbox: str) -> None:
    """Worker loop: cut the network, open the store once, say ready, answer until the pipe
    closes."""
    try:
        network = cut_network(sandbox)
        backend = _open(source)
    except Exception as error:  # the parent fails the pool's start, or logs a lost successor
        conn.send(("failed", f"{type(error).__name__}: {error}"))
        return
    conn.send((READY, network))
    while True:
        try:
            text, bindings, dataset, row_limit, rendering = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = backend.query(text, bindings=bindings, dataset=dataset, row_limit=row_limit)
            conn.send(("ok", result if rendering is None else rendering(result)))
        except QueryError as error:
            conn.send(("error", str(error)))
        except Exception as error:  # report, never die on one bad query
            conn.send(("error", f"{type(error).__name__}: {error}"))


class WorkerStartError(RuntimeError):
    """A worker could not open the graph (a broken dump or store)."""


class _Worker:
    def __init__(self, source: StoreSource, sandbox: str) -> None:
        parent, child = _CONTEXT.Pipe()
        self.conn: Connection = parent
        self.network = "unknown"
        self._killed = threading.Lock()  # held for good by the first kill()
        self.process: BaseProcess = _CONTEXT.Process(
            target=_serve, args=(source, child, sandbox), daemon=True
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has cut its network and opened its store; raise if not."""
        try:
            if not self.conn.poll(timeout):
                raise WorkerStartError(f"query worker not ready after {timeout:g} s")
            status, message = self.conn.recv()
        except (EOFError, OSError):
            raise WorkerStartError("query worker died while opening the graph") from None
        if status != READY:
            raise WorkerStartError(f"query worker could not open the graph: {message}")
        self.network = str(message)

    def kill(self) -> None:
        """Kill the process and close its pipe, once: shutdown and a query thread that finds
        the pipe closed under it may both get here, and a second close of the same file
        descriptor fails (EBADF) or, worse, closes a descriptor opened since."""
        if not self._killed.acquire(blocking=False):
            return
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class ProcessRunner:
    """A pool of worker processes, each with its own view of one graph."""

    def __init__(
        self,
        source: StoreSource,
        *,
        workers: int,
        timeout: float,
        row_limit: int,
        start_timeout: float = 600.0,
        per_client: int = 1,
        queue_timeout: float = 5.0,
        sandbox: str = "auto",
    ) -> None:
        self.source = source
        self.timeout = timeout
        self.row_limit = row_limit
        self.start_timeout = start_timeout
        self.workers = max(workers, 1)
        self.per_client = max(per_client, 1)
        self.queue_timeout = queue_timeout
        self.sandbox = sandbox
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._shares = threading.Condition()
        self._held: Counter[str] = Counter()  # workers each client holds now
        self._all: list[_Worker] = []
        self._closed = False
        self.replaced = 0  # workers killed or found dead and replaced (for tests, metrics)
        started = [self._spawn() for _ in range(self.workers)]
        try:
            for worker in started:  # all load in parallel; the graph is served once all are up
                worker.wait_ready(start_timeout)
        except WorkerStartError:
            self.close()
            raise
        self.network = started[0].network  # how the workers are cut off the network
        if self.network == "none":
            log.error(
                "query workers can reach the network (no namespace, user namespace or "
                "seccomp available); only the SERVICE pre-check stands between a query and "
                "the host's network"
            )
        for worker in started:
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker(self.source, self.sandbox)
        with self._lock:
            self._all.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker``; start its successor in the background and pool it once ready."""
        worker.kill()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
            self.replaced += 1
            if self._closed:
                return
        successor = self._spawn()

        def pool_when_ready() -> None:
            try:
                successor.wait_ready(self.start_timeout)
            except WorkerStartError as error:
                log.error("query worker not replaced, one fewer serves now: %s", error)
                successor.kill()
                return
            if self._closed:
                successor.kill()
                return
            self._idle.put(successor)

        threading.Thread(target=pool_when_ready, name="query-worker-start", daemon=True).start()

    def _busy(self, waited: float, why: str) -> WorkersBusy:
        return WorkersBusy(f"{why}; waited {waited:.1f} s and did not run the query")

    @contextmanager
    def _share(self, deadline: float) -> Iterator[None]:
        """Hold one of this client's ``per_client`` shares of the workers, waiting at most
        until ``deadline``."""
        client = CLIENT.get()
        started = time.monotonic()
        with self._shares:
            while self._held[client] >= self.per_client:
                left = deadline - time.monotonic()
                if left <= 0 or not self._shares.wait(left):
                    raise self._busy(
                        time.monotonic() - started,
                        f"this client already has {self.per_client} query running "
                        f"(the limit per client; {self.workers} query workers in all)",
                    )
            self._held[client] += 1
        try:
            yield
        finally:
            with self._shares:
                self._held[client] -= 1
                if self._held[client] <= 0:
                    del self._held[client]
                self._shares.notify_all()

    def _ask(
        self,
        text: str,
        bindings: Mapping[str, Term] | None,
        dataset: Dataset | None,
        rendering: Rendering | None,
    ) -> Any:
        started = time.monotonic()
        deadline = started + self.queue_timeout
        with self._share(deadline):
            try:
                worker = self._idle.get(timeout=max(deadline - time.monotonic(), 0.001))
            except queue.Empty:
                raise self._busy(
                    time.monotonic() - started, f"all {self.workers} query workers are busy"
                ) from None
            return self._run_on(worker, (text, dict(bindings or {}), dataset, rendering))

    def _run_on(self, worker: _Worker, request: tuple[Any, ...]) -> Any:
        text, bindings, dataset, rendering = request
        try:
            worker.conn.send((text, bindings, dataset, self.row_limit, rendering))
            if not worker.conn.poll(self.timeout):
                self._replace(worker)
                raise QueryTimeout(f"query took longer than {self.timeout:g} s")
            answer: tuple[str, Any] = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise WorkerCrashed("the query crashed its worker process") from None
        self._idle.put(worker)
        if answer[0] == "ok":
            return answer[1]
        raise QueryError(str(answer[1]))

    def run(
        self,
        text: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        dataset: Dataset | None = None,
    ) -> QueryResult:
        result: QueryResult = self._ask(text, bindings, dataset, None)
        return result

    def render(
        self,
        text: str,
        rendering: Rendering,
        *,
        bindings: Mapping[str, Term] | None = None,
        dataset: Dataset | None = None,
    ) -> Rendered:
        rendered: Rendered = self._ask(text, bindings, dataset, rendering)
        return rendered

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
