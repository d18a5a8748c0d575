"""How uvicorn serves in public: slow connections are closed, proxy headers come from the app."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from api.engine.backends import OxigraphBackend
from api.settings import Settings
from api.web.server import create_app
from api.web.serving import uvicorn_config
from tests.api.conftest import free_port


@pytest.fixture(scope="module")
def served(fixture_backend: OxigraphBackend, fixture_settings: Settings) -> Iterator[int]:
    """An app of its own: stopping uvicorn runs the lifespan's shutdown, which closes the
    app's runner, so the session's shared app must not be the one served here."""
    app = create_app(fixture_settings, backend=fixture_backend)
    port = free_port()
    server = uvicorn.Server(uvicorn_config(app, host="127.0.0.1", port=port, header_timeout=0.5))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    sock.settimeout(seconds)
    try:
        return sock.recv(1024) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


@pytest.mark.parametrize("sent", [b"", b"GET /queries HTTP/1.1\r\nHost: x\r\n"])
def test_a_connection_that_never_finishes_its_headers_is_closed(served: int, sent: bytes) -> None:
    """Issue 10: idle and half-open connections were never timed out."""
    with socket.create_connection(("127.0.0.1", served)) as sock:
        sock.sendall(sent)
        assert _closed_within(sock, 3.0)


def test_a_prompt_request_is_still_answered(served: int) -> None:
    response = httpx.get(f"http://127.0.0.1:{served}/sparql?query=ASK%20%7B%7D",
                         headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200 and response.json()["boolean"] is True


def test_uvicorn_leaves_forwarded_headers_to_the_app() -> None:
    """Issue 10: uvicorn's proxy-header handling honoured X-Forwarded-For from loopback
    although DORTMUND_KG_TRUST_FORWARDED was off."""
    config = uvicorn_config(FastAPI(), host="127.0.0.1", port=1, header_timeout=1.0)
    assert config.proxy_headers is False
