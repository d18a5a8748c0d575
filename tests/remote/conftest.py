"""Fixtures of the remote-server tests: Oxigraph server and Virtuoso 7 loaded with the build.

The servers are started by ``scripts/remote-servers.sh`` with the session's build (the script
reuses servers that already serve the same dump, as in CI where ``.ci/run`` starts them first).
These tests run in ``make test``; they skip only when ``DORTMUND_KG_NO_REMOTE=1`` is set, never
because a server is missing — a server that cannot start fails the session loudly.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.engine.backends import RemoteBackend

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "scripts" / "remote-servers.sh"
SERVERS = ("oxigraph", "virtuoso")


def _endpoints(output: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in output.splitlines():
        key, _, value = line.partition("=")
        for server in SERVERS:
            if key == f"DORTMUND_KG_{server.upper()}_ENDPOINT":
                found[server] = value.strip()
    return found


@pytest.fixture(scope="session")
def remote_endpoints(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """``{"oxigraph": url, "virtuoso": url}``, both serving the session's build."""
    if os.environ.get("DORTMUND_KG_NO_REMOTE") == "1":
        pytest.skip("DORTMUND_KG_NO_REMOTE=1: remote SPARQL servers not started")
    built_dir: Path = request.getfixturevalue("built_dir")  # only built when the servers run
    status = subprocess.run(
        ["bash", str(SCRIPT), "status"], capture_output=True, text=True, check=False
    )
    was_running = "running" in status.stdout
    started = subprocess.run(
        ["bash", str(SCRIPT), "start", str(built_dir / "dataset.nq")],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    if started.returncode != 0:
        pytest.fail(f"scripts/remote-servers.sh start failed:\n{started.stderr[-3000:]}")
    endpoints = _endpoints(started.stdout)
    assert set(endpoints) == set(SERVERS), started.stdout
    yield endpoints
    if not was_running:
        subprocess.run(["bash", str(SCRIPT), "stop"], capture_output=True, check=False)


@pytest.fixture(scope="session", params=SERVERS)
def server(request: pytest.FixtureRequest) -> str:
    """The name of each real server in turn (``oxigraph``, ``virtuoso``)."""
    name: str = request.param
    return name


@pytest.fixture(scope="session")
def remote_backend(server: str, remote_endpoints: dict[str, str]) -> RemoteBackend:
    """That server behind the same backend interface the app uses."""
    return RemoteBackend(remote_endpoints[server], timeout=120)
