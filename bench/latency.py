"""Query latency of the same queries in three engines on the same data.

* ``store``:  pyoxigraph directly — :func:`api.engine.named_queries.run` on the on-disk store the
  server opens (binding, evaluation and materialising the rows, nothing else);
* ``api``:    the HTTP API on loopback (``/queries/<name>``, or ``/sparql`` for hand-written
  SPARQL), one keep-alive client, requests one after another;
* ``rdflib``: rdflib's own SPARQL engine on the dump loaded into an rdflib ``Dataset`` whose
  default graph is the union (as the embedded store's), with the very same query text after
  parameter binding — what an rdflib-based endpoint would serve.

Every case runs ``runs`` times; a run takes up to ``samples`` timings but stops early once it has
spent ``budget`` seconds (slow engines then give fewer samples; the report says how many).
"""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from api.engine.backends import OxigraphBackend, bind_values
from api.engine.named_queries import NamedQuery, NamedResult, load_catalog, run
from api.engine.results import SelectResult
from bench.stats import summarise_runs

BENCH_QUERIES = Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True)
class Case:
    """One query to time: a named query with values, or a hand-written SPARQL file."""

    label: str
    kind: str  # "named" or "sparql"
    text: str  # the query text as the engine gets it (parameters bound)
    named: NamedQuery | None = None
    values: tuple[tuple[str, str], ...] = ()


def example_values(query: NamedQuery) -> dict[str, str]:
    """The header's examples of the required parameters (all examples if none is required)."""
    required = {p.name: p.example for p in query.params if p.required and p.example}
    if any(p.required for p in query.params):
        return required
    return {p.name: p.example for p in query.params if p.example}


def cases() -> list[Case]:
    """Every named query with its examples, then every ``bench/queries/*.rq``."""
    found: list[Case] = []
    for name, query in sorted(load_catalog().items()):
        values = example_values(query)
        text = bind_values(query.text, query.bind(values)) if values else query.text
        found.append(Case(name, "named", text, query, tuple(sorted(values.items()))))
    for path in sorted(BENCH_QUERIES.glob("*.rq")):
        found.append(Case(path.stem, "sparql", path.read_text(encoding="utf-8")))
    if not found:
        raise RuntimeError("no queries to benchmark")
    return found


def time_runs(
    call: Callable[[], object],
    *,
    runs: int,
    samples: int,
    budget: float,
    warmup: int = 1,
    min_samples: int = 3,
) -> tuple[list[list[float]], object]:
    """Timings (seconds) of ``call``: ``runs`` lists of at most ``samples`` each; and the
    answer of the warm-up call, to check that every engine found the same rows.

    A run stops after ``budget`` seconds once it has ``min_samples``; a query whose warm-up
    alone took longer than ``budget`` is timed once more, in one run (the report shows it).
    """
    answer: object = None
    started = time.perf_counter()
    for _ in range(warmup):
        answer = call()
    if time.perf_counter() - started > budget and min_samples <= 1:
        t0 = time.perf_counter()
        call()
        return [[time.perf_counter() - t0]], answer
    out: list[list[float]] = []
    for _ in range(runs):
        timings: list[float] = []
        started = time.perf_counter()
        while len(timings) < samples:
            t0 = time.perf_counter()
            call()
            timings.append(time.perf_counter() - t0)
            if time.perf_counter() - started > budget and len(timings) >= min_samples:
                break
        out.append(timings)
    return out, answer


def count_rows(answer: object) -> int:
    """Rows of an answer of any engine: a result object, rdflib rows, or an HTTP body."""
    if isinstance(answer, bytes):
        body = json.loads(answer)
        return len(body["rows"] if "rows" in body else body["results"]["bindings"])
    if isinstance(answer, NamedResult):
        return len(answer.result.rows)
    if isinstance(answer, SelectResult):
        return len(answer.rows)
    if isinstance(answer, list):
        return len(answer)
    raise TypeError(f"cannot count the rows of {type(answer).__name__}")


def store_call(backend: OxigraphBackend, case: Case) -> Callable[[], object]:
    if case.named is not None:
        named, values = case.named, dict(case.values)
        return lambda: run(named, backend, values)
    return lambda: backend.query(case.text)


def rdflib_call(dataset: Any, case: Case) -> Callable[[], object]:
    text = case.text
    return lambda: list(dataset.query(text))


def api_call(client: Any, case: Case) -> Callable[[], object]:
    if case.named is not None:
        url, params = f"/queries/{case.label}", dict(case.values)

        def named() -> object:
            response = client.get(url, params=params)
            response.raise_for_status()
            return response.content

        return named
    accept = {"Accept": "application/sparql-results+json"}

    def sparql() -> object:
        response = client.post("/sparql", data={"query": case.text}, headers=accept)
        response.raise_for_status()
        return response.content

    return sparql


def load_rdflib(dump: Path) -> Any:
    """The dump in an rdflib Dataset whose default graph is the union of the named graphs."""
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(str(dump), format="nquads")
    return dataset


def measure(
    engine: str,
    calls: dict[str, Callable[[], object]],
    *,
    runs: int,
    samples: int,
    budget: float,
    say: Callable[[str], None],
    min_samples: int = 3,
    timeout: float | None = None,
) -> dict[str, dict[str, Any]]:
    """Latency of every call; ``timeout`` (seconds, main thread only) gives up on a query,
    recorded as ``{"timeout_s": …}`` — a lower bound, not a failure of the bench."""
    results: dict[str, dict[str, Any]] = {}
    for label, call in calls.items():
        try:
            with _time_limit(timeout):
                timings, answer = time_runs(
                    call, runs=runs, samples=samples, budget=budget, min_samples=min_samples
                )
            results[label] = dict(summarise_runs(timings), rows=count_rows(answer))
        except QueryTookTooLong:
            results[label] = {"error": f"no answer within {timeout:g} s", "timeout_s": timeout}
        except Exception as error:  # a failing engine is a finding, not a crash of the bench
            results[label] = {"error": f"{type(error).__name__}: {error}"[:300]}
        say(f"  {engine:7} {label:32} {results[label]}")
    return results


class QueryTookTooLong(Exception):
    """Raised by the alarm of :func:`_time_limit`."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds:
        yield
        return

    def alarm(_signum: int, _frame: object) -> None:
        raise QueryTookTooLong

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
