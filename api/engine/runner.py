"""Running queries under the server's limits: row cap and time limit.

pyoxigraph cannot cancel a query from Python, so a time limit that really stops a query needs a
process that can be killed. :class:`InlineRunner` runs in the server process (threads) and can
only stop *waiting*: a slow query answers 503 while it keeps running in its thread. It is the
fallback for in-memory and remote backends; :mod:`api.engine.workers` holds the killable kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextvars import ContextVar
from typing import Protocol

from api.engine.backends import Backend, Dataset
from api.engine.rendering import Rendered, Rendering
from api.engine.results import QueryResult, Term


class QueryTimeout(RuntimeError):
    """A query ran longer than the time limit."""


class WorkersBusy(QueryTimeout):
    """No query worker (or none of this client's share) came free in time; nothing was run."""


class WorkerCrashed(RuntimeError):
    """The query killed the process running it: the server's failure, answered with a 5xx."""


# Who is asking: set per request by :class:`api.web.ratelimit.ClientMiddleware` (the rate-limit
# key), read by the worker pool to keep one client's queries from taking every worker.
CLIENT: ContextVar[str] = ContextVar("dortmund_kg_client", default="local")


class Runner(Protocol):
    def run(
        self,
        text: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        dataset: Dataset | None = None,
    ) -> QueryResult: ...

    def render(
        self,
        text: str,
        rendering: Rendering,
        *,
        bindings: Mapping[str, Term] | None = None,
        dataset: Dataset | None = None,
    ) -> Rendered:
        """Run a query and make its response body with ``rendering`` where the query ran."""
        ...

    def close(self) -> None: ...


class InlineRunner:
    """Queries in a thread pool of the server process, with a (non-killing) time limit."""

    def __init__(self, backend: Backend, *, timeout: float, row_limit: int) -> None:
        self.backend = backend
        self.timeout = timeout
        self.row_limit = row_limit
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="query")

    def run(
        self,
        text: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        dataset: Dataset | None = None,
    ) -> QueryResult:
        future = self._pool.submit(
            self.backend.query, text, bindings=bindings, dataset=dataset, row_limit=self.row_limit
        )
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            raise QueryTimeout(f"query took longer than {self.timeout:g} s") from None

    def render(
        self,
        text: str,
        rendering: Rendering,
        *,
        bindings: Mapping[str, Term] | None = None,
        dataset: Dataset | None = None,
    ) -> Rendered:
        return rendering(self.run(text, bindings=bindings, dataset=dataset))

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
