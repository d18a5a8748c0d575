"""Killable query workers: a timed-out query is stopped and the server keeps answering."""

from __future__ import annotations

import pytest

from api.backends import OxigraphBackend, QueryError
from api.results import AskResult
from api.runner import QueryTimeout
from api.workers import ProcessRunner

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> ProcessRunner:
    from tests.api.conftest import FIXTURE

    backend = OxigraphBackend.on_disk(FIXTURE, tmp_path_factory.mktemp("store"))
    assert backend.store_path is not None
    pool = ProcessRunner(backend.store_path, workers=1, timeout=2.0, row_limit=100)
    yield pool  # type: ignore[misc]
    pool.close()


@pytest.mark.slow
def test_a_slow_query_is_killed_and_the_pool_keeps_answering(runner: ProcessRunner) -> None:
    with pytest.raises(QueryTimeout):
        runner.run(SLOW)
    assert runner.replaced == 1
    assert runner.run("ASK { }") == AskResult(True)


def test_worker_reports_engine_errors(runner: ProcessRunner) -> None:
    with pytest.raises(QueryError):
        runner.run("SELECT * WHERE { ?s ?p }")


def test_worker_answers_with_capped_rows(runner: ProcessRunner) -> None:
    result = runner.run("SELECT * WHERE { ?s ?p ?o }")
    assert len(result.rows) == 100 and result.truncated  # type: ignore[union-attr]
