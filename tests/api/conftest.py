"""Fixtures of the API tests: the fixture dataset, an app on it, and a live server.

``fixture_backend`` is the miniature dataset of ``tests/api/data/fixture.trig``, in the model
of docs/model.md; ``live_server`` runs the app with uvicorn on a free loopback port, for the
real-client and browser tests.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.engine.backends import OxigraphBackend
from api.settings import Settings
from api.web.server import create_app

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "fixture.trig"


@pytest.fixture(scope="session")
def fixture_backend() -> OxigraphBackend:
    return OxigraphBackend.from_file(FIXTURE)


@pytest.fixture(scope="session")
def fixture_settings() -> Settings:
    return Settings(build_dir=DATA, workers=0, query_timeout=10.0, rate_limit=0)


@pytest.fixture(scope="session")
def app(fixture_backend: OxigraphBackend, fixture_settings: Settings) -> FastAPI:
    return create_app(fixture_settings, backend=fixture_backend)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live_server(app: FastAPI) -> Iterator[str]:
    """The fixture app served by uvicorn on 127.0.0.1; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
