"""Issue 10's hostile queries, each against the app with the engine in the test process.

The app here runs queries in its own process (``workers=0``), where nothing cuts the network:
so a query that got past the pre-check would reach the loopback listener. Each must be answered
4xx with the listener untouched. The corpus is ``data/hostile-queries.jsonl`` (one query per
line, ``{PORT}`` standing for the listener's port, and why it is there).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.engine.backends import OxigraphBackend
from api.settings import Settings
from api.web.server import create_app
from tests.hardening.loopback import Listener, listening

CORPUS = Path(__file__).parent / "data" / "hostile-queries.jsonl"
CASES = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    with listening() as it:
        yield it


@pytest.fixture(scope="module")
def client() -> TestClient:
    settings = Settings(build_dir=Path("."), workers=0, rate_limit=0, query_timeout=10.0)
    return TestClient(create_app(settings, backend=OxigraphBackend(ox.Store()), catalog={}))


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 20


def test_the_listener_does_count_a_connection(listener: Listener) -> None:
    """Without the pre-check the engine does connect: the corpus tests could fail."""
    before = listener.connections
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ }} }}"
    with pytest.raises(OSError):
        list(ox.Store().query(query))  # type: ignore[arg-type]
    time.sleep(0.05)
    assert listener.connections == before + 1


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in CASES])
def test_hostile_query_is_refused_and_nothing_connects(
    case: dict[str, str], client: TestClient, listener: Listener
) -> None:
    before = listener.connections
    query = case["query"].replace("{PORT}", str(listener.port))
    response = client.post(
        "/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    time.sleep(0.02)  # a connection the query opened would have arrived by now
    assert 400 <= response.status_code < 500, (case["why"], response.text)
    assert listener.connections == before, case["why"]
    # the check's cost is tested as growth (tests/api/test_sparql_text.py), not by a clock
