"""Killable query workers: a timed-out query is stopped and the server keeps answering.

Every behaviour holds for both ways a worker opens the graph: the on-disk store read-only, and
the dump loaded into its own in-memory store.
"""

from __future__ import annotations

import contextvars
import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from api.engine.backends import OxigraphBackend, QueryError
from api.engine.rendering import ProtocolRendering
from api.engine.results import AskResult, SelectResult
from api.engine.runner import CLIENT, QueryTimeout, WorkerCrashed, WorkersBusy
from api.engine.workers import ProcessRunner, StoreSource, WorkerStartError
from tests.hardening.loopback import listening

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module", params=["disk", "memory"])
def runner(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ProcessRunner]:
    from tests.api.conftest import FIXTURE

    if request.param == "disk":
        backend = OxigraphBackend.on_disk(FIXTURE, tmp_path_factory.mktemp("store"))
        assert backend.store_path is not None
        source = StoreSource("disk", backend.store_path)
    else:
        source = StoreSource("memory", FIXTURE)
    pool = ProcessRunner(source, workers=1, timeout=2.0, row_limit=100)
    yield pool
    pool.close()


@pytest.mark.slow
def test_a_slow_query_is_killed_and_the_pool_keeps_answering(runner: ProcessRunner) -> None:
    before = runner.replaced
    with pytest.raises(QueryTimeout):
        runner.run(SLOW)
    assert runner.replaced == before + 1
    assert runner.run("ASK { }") == AskResult(True)


def test_worker_reports_engine_errors(runner: ProcessRunner) -> None:
    with pytest.raises(QueryError):
        runner.run("SELECT * WHERE { ?s ?p }")


def test_worker_answers_with_capped_rows(runner: ProcessRunner) -> None:
    result = runner.run("SELECT * WHERE { ?s ?p ?o }")
    assert isinstance(result, SelectResult)
    assert len(result.rows) == 100 and result.truncated


def test_worker_renders_the_body_where_the_query_ran(runner: ProcessRunner) -> None:
    rendering = ProtocolRendering(JSON, "", max_bytes=1_000_000, row_limit=100)
    rendered = runner.render("SELECT * WHERE { ?s ?p ?o }", rendering)
    body = json.loads(rendered.body)
    assert rendered.status == 200 and rendered.media_type == JSON
    assert len(body["results"]["bindings"]) == 100
    assert ("X-Result-Truncated", "true; row limit 100") in rendered.headers


def test_a_rendering_that_fits_no_format_is_a_406_not_a_crash(runner: ProcessRunner) -> None:
    rendering = ProtocolRendering("text/turtle", "", max_bytes=1_000_000, row_limit=100)
    rendered = runner.render("SELECT * WHERE { ?s ?p ?o } LIMIT 1", rendering)
    assert rendered.status == 406 and b"results are available as" in rendered.body


def test_a_graph_that_cannot_be_opened_fails_the_pool_start(tmp_path: Path) -> None:
    broken = tmp_path / "dataset.nq"
    broken.write_text("<http://a> <http://b> .\n", encoding="utf-8")  # no object: not N-Quads
    with pytest.raises(WorkerStartError, match="could not open the graph"):
        ProcessRunner(StoreSource("memory", broken), workers=1, timeout=2.0, row_limit=10)


@pytest.mark.slow
def test_a_successor_that_cannot_open_the_graph_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import shutil
    import time

    from tests.api.conftest import FIXTURE

    dump = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, dump)
    pool = ProcessRunner(StoreSource("memory", dump), workers=1, timeout=1.0, row_limit=10)
    try:
        dump.write_text("not RDF {", encoding="utf-8")  # the graph breaks under the pool
        with pytest.raises(QueryTimeout):
            pool.run(SLOW)
        deadline = time.monotonic() + 20
        while "query worker not replaced" not in caplog.text:
            assert time.monotonic() < deadline, "a lost worker went unreported"
            time.sleep(0.05)
    finally:
        pool.close()


def test_a_worker_cannot_connect_to_a_loopback_listener(runner: ProcessRunner) -> None:
    """Defence in depth (issue 10): the query goes straight to the worker, past the pre-check,
    and pyoxigraph's SERVICE client finds no network."""
    assert runner.network in ("namespace", "user-namespace", "seccomp")
    with listening() as listener:
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ }} }}"
        with pytest.raises(QueryError, match="unreachable|not permitted"):
            runner.run(query)
        time.sleep(0.05)
        assert listener.connections == 0


@pytest.mark.parametrize("way", ["namespace", "user-namespace", "seccomp"])
def test_each_way_of_cutting_the_network_holds(way: str) -> None:
    from tests.api.conftest import FIXTURE

    try:
        pool = ProcessRunner(
            StoreSource("memory", FIXTURE), workers=1, timeout=5.0, row_limit=10, sandbox=way
        )
    except WorkerStartError as error:  # not available on this machine (e.g. no root)
        pytest.skip(f"{way}: {error}")
    try:
        assert pool.network == way
        with listening() as listener:
            query = f"ASK {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ }} }}"
            with pytest.raises(QueryError):
                pool.run(query)
            time.sleep(0.05)
            assert listener.connections == 0
        assert pool.run("ASK { }") == AskResult(True)
    finally:
        pool.close()


def test_a_query_that_kills_its_worker_is_a_server_fault(runner: ProcessRunner) -> None:
    """Issue 10: a crashed worker answered 400 (the client's fault); it is the server's."""
    with pytest.raises(WorkerCrashed):
        runner.run("SELECT * WHERE " + "{" * 100_000 + "}" * 100_000)
    deadline = time.monotonic() + 30
    while True:  # the successor is started in the background
        try:
            assert runner.run("ASK { }") == AskResult(True)
            break
        except WorkersBusy:
            assert time.monotonic() < deadline


def _as(client: str, fn: Callable[[], object]) -> object:
    CLIENT.set(client)
    return fn()


@pytest.mark.slow
def test_two_runaway_queries_from_one_client_leave_a_worker_to_others() -> None:
    """Issue 10: two slow queries took both workers and everyone else waited 20 s for a 503."""
    from tests.api.conftest import FIXTURE

    pool = ProcessRunner(
        StoreSource("memory", FIXTURE),
        workers=2,
        timeout=4.0,
        row_limit=10,
        per_client=1,
        queue_timeout=1.0,
    )
    try:
        with ThreadPoolExecutor(max_workers=3) as threads:
            slow = [
                threads.submit(
                    contextvars.copy_context().run, _as, "attacker", lambda: pool.run(SLOW)
                )
                for _ in range(2)
            ]
            time.sleep(0.3)
            started = time.monotonic()
            ask = threads.submit(
                contextvars.copy_context().run, _as, "someone", lambda: pool.run("ASK { }")
            )
            assert ask.result() == AskResult(True)
            assert time.monotonic() - started < 1.0
            errors = []
            for future in slow:
                with pytest.raises(QueryTimeout) as caught:
                    future.result()
                errors.append(caught.value)
        busy = [e for e in errors if isinstance(e, WorkersBusy)]
        assert len(busy) == 1 and "did not run the query" in str(busy[0])
    finally:
        pool.close()


def test_a_worker_killed_from_two_threads_at_once_closes_its_pipe_once() -> None:
    # Shutdown and a query thread that finds the pipe gone may both kill the same worker; the
    # second close of one descriptor raised EBADF out of the app's shutdown.
    from api.engine.workers import _Worker
    from tests.api.conftest import FIXTURE

    for _ in range(5):
        worker = _Worker(StoreSource("memory", FIXTURE), "none")
        worker.wait_ready(60)
        with ThreadPoolExecutor(max_workers=4) as pool:
            kills = [pool.submit(worker.kill) for _ in range(4)]
        for kill in kills:
            kill.result()  # none raises
        assert worker.conn.closed and not worker.process.is_alive()
