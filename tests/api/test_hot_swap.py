"""Hot swap: a rebuild swapped in under a running server; no request sees half a graph."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest
import uvicorn

from api.engine.backends import OxigraphBackend
from api.settings import Settings
from api.web.deps import Served
from api.web.hot_swap import GraphHolder, build_stamp
from api.web.server import create_app
from tests.api.conftest import FIXTURE, free_port

MARK = "SELECT ?v WHERE { <urn:x:build> <urn:x:version> ?v }"


def write_build(root: Path, n: int, version: str) -> Path:
    """``.builds/<n>/dataset.nq``: the fixture graph plus a triple naming ``version``."""
    out = root / ".builds" / str(n)
    out.mkdir(parents=True)
    store = ox.Store()
    store.bulk_load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    graph = ox.NamedNode("urn:x:meta")
    store.add(
        ox.Quad(
            ox.NamedNode("urn:x:build"), ox.NamedNode("urn:x:version"), ox.Literal(version), graph
        )
    )
    store.dump(str(out / "dataset.nq"), ox.RdfFormat.N_QUADS)
    return out


def point(link: Path, target: Path) -> None:
    """Swap ``link`` to ``target`` the way the build does: a new link renamed over the old."""
    tmp = link.with_name(link.name + ".swap")
    os.symlink(os.path.relpath(target, link.parent), tmp)
    os.replace(tmp, link)


@pytest.fixture
def link(tmp_path: Path) -> Path:
    first = write_build(tmp_path, 1, "one")
    link = tmp_path / "build"
    point(link, first)
    return link


@pytest.fixture
def live(link: Path) -> Iterator[tuple[str, GraphHolder]]:
    settings = Settings(
        build_dir=link, workers=1, reload_interval=0.2, rate_limit=0, query_timeout=20
    )
    app = create_app(settings, catalog={})
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app.state.graph
    server.should_exit = True
    thread.join(timeout=10)
    app.state.graph.close()


def _version(client: httpx.Client, base: str) -> tuple[int, str | None]:
    response = client.get(
        f"{base}/sparql?query={quote(MARK)}",
        headers={"Accept": "application/sparql-results+json"},
    )
    if response.status_code != 200:
        return response.status_code, response.text
    rows = response.json()["results"]["bindings"]
    return 200, rows[0]["v"]["value"] if rows else None


@pytest.mark.slow
def test_a_rebuild_is_swapped_in_while_requests_keep_succeeding(
    link: Path, live: tuple[str, GraphHolder]
) -> None:
    base, holder = live
    old_store = holder.current.backend.store_path  # type: ignore[attr-defined]
    seen: list[list[tuple[int, str | None]]] = [[] for _ in range(4)]
    stop = threading.Event()

    def hammer(log: list[tuple[int, str | None]]) -> None:
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                log.append(_version(client, base))

    threads = [threading.Thread(target=hammer, args=(log,)) for log in seen]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 30
        while not any(log for log in seen):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        point(link, write_build(link.parent, 2, "two"))
        deadline = time.monotonic() + 60
        while not all(log and log[-1] == (200, "two") for log in seen):
            assert time.monotonic() < deadline, "the rebuilt graph was never served"
            time.sleep(0.1)
        time.sleep(0.5)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    answers = [answer for log in seen for answer in log]
    assert {status for status, _ in answers} == {200}, "a request failed during the swap"
    assert {value for _, value in answers} == {"one", "two"}, "a half-loaded graph was seen"
    for log in seen:  # once a client saw the new graph, it never sees the old one again
        values = [value for _, value in log]
        assert "one" not in values[values.index("two") :]
    assert holder.swaps == 1
    deadline = time.monotonic() + 30
    while holder.closed_runners < 1 or old_store.exists():
        assert time.monotonic() < deadline, "the old graph's workers or store were kept"
        time.sleep(0.1)


def test_a_broken_rebuild_leaves_the_last_good_graph_in_service(link: Path) -> None:
    settings = Settings(build_dir=link, workers=0, reload_interval=0.1, rate_limit=0)
    app = create_app(settings, catalog={})
    holder: GraphHolder = app.state.graph
    good = holder.current
    broken = link.parent / ".builds" / "2"
    broken.mkdir()
    (broken / "dataset.nq").write_text("<not n-quads\n", encoding="utf-8")
    point(link, broken)
    assert holder.check() is False
    assert holder.current is good and holder.swaps == 0
    assert holder.check() is False  # the same broken build is not retried on every request
    point(link, write_build(link.parent, 3, "three"))
    assert holder.check() is True and holder.current is not good


class FakeRunner:
    def __init__(self) -> None:
        self.closed = threading.Event()

    def run(self, *args: object, **kwargs: object) -> object:
        raise AssertionError("not used")

    def close(self) -> None:
        self.closed.set()


def _served(runner: FakeRunner) -> Served:
    return Served(Settings(), OxigraphBackend(ox.Store()), runner, {})


def test_an_old_graph_closes_only_after_its_last_request() -> None:
    old_runner, new_runner = FakeRunner(), FakeRunner()
    holder = GraphHolder(_served(old_runner))
    leased = holder.acquire()
    holder.swap(_served(new_runner))
    assert holder.acquire() is holder.current and holder.current is not leased
    assert not old_runner.closed.wait(0.3), "closed under a running request"
    holder.release(leased)
    assert old_runner.closed.wait(5)
    assert not new_runner.closed.is_set()


def test_an_idle_old_graph_closes_at_once() -> None:
    old_runner = FakeRunner()
    holder = GraphHolder(_served(old_runner))
    holder.swap(_served(FakeRunner()))
    assert old_runner.closed.wait(5)


def test_the_stamp_follows_the_link(link: Path) -> None:
    before = build_stamp(link)
    assert before is not None and before.target.endswith(os.path.join(".builds", "1"))
    point(link, write_build(link.parent, 2, "two"))
    after = build_stamp(link)
    assert after is not None and after != before
    assert build_stamp(link.parent / "missing") is None


@pytest.mark.slow
def test_an_idle_server_picks_up_a_rebuild_without_any_request(link: Path) -> None:
    settings = Settings(build_dir=link, workers=0, reload_interval=0.1, rate_limit=0)
    app = create_app(settings, catalog={})
    holder: GraphHolder = app.state.graph
    first = holder.current
    holder.start_watching()
    try:
        point(link, write_build(link.parent, 2, "two"))
        deadline = time.monotonic() + 20
        while holder.swaps == 0:  # no acquire(): nothing but the watcher can swap
            assert time.monotonic() < deadline, "the rebuild was not picked up"
            time.sleep(0.05)
        assert holder.current is not first
        rows = holder.current.runner.run(MARK)
        assert rows.rows[0]["v"].value == "two"  # type: ignore[union-attr]
    finally:
        holder.close()
