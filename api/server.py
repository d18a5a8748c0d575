"""The app: SPARQL endpoint, named queries, REST resources, linked data, web UI.

``create_app`` wires the routers to one :class:`api.deps.Served` (graph, catalog, limits);
``run`` serves it with uvicorn. The graph comes from ``build/dataset.nq`` in an on-disk
pyoxigraph store opened read-only, or from a remote SPARQL server (``DORTMUND_KG_ENDPOINT``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api.backends import Backend, OxigraphBackend, RemoteBackend
from api.deps import Served
from api.named_queries import NamedQuery, load_catalog
from api.routers import linked_data, named, rest, ui
from api.runner import InlineRunner, Runner
from api.settings import Settings
from api.sparql_protocol import router as sparql_router

STATIC = Path(__file__).parent / "static"


def open_backend(settings: Settings) -> Backend:
    """The configured graph: a remote server, or the build in an on-disk store."""
    if settings.endpoint:
        return RemoteBackend(settings.endpoint)
    dump = settings.dataset_path
    if not dump.exists():
        raise FileNotFoundError(f"{dump} does not exist: run `dortmund-kg build` first")
    return OxigraphBackend.on_disk(dump, settings.store_dir or settings.build_dir / "store")


def make_runner(backend: Backend, settings: Settings) -> Runner:
    """A killable worker pool for an on-disk store; threads otherwise."""
    if isinstance(backend, OxigraphBackend) and backend.store_path and settings.workers > 0:
        from api.workers import ProcessRunner

        return ProcessRunner(
            backend.store_path,
            workers=settings.workers,
            timeout=settings.query_timeout,
            row_limit=settings.row_limit,
        )
    return InlineRunner(backend, timeout=settings.query_timeout, row_limit=settings.row_limit)


def create_app(
    settings: Settings | None = None,
    *,
    backend: Backend | None = None,
    catalog: dict[str, NamedQuery] | None = None,
) -> FastAPI:
    """The FastAPI app serving one graph; tests pass a fixture ``backend``."""
    settings = settings or Settings.from_env()
    backend = backend or open_backend(settings)
    catalog = catalog if catalog is not None else load_catalog()
    runner = make_runner(backend, settings)
    served = Served(settings, backend, runner, catalog, backend.graph_names())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        runner.close()

    app = FastAPI(
        title="dortmund-kg",
        version="0.1.0",
        description=(
            "Dortmund's local policy as a knowledge graph: a read-only SPARQL 1.1 endpoint "
            "(`/sparql`), named queries as typed operations (`/queries/{name}`), JSON "
            "resources, linked data under `/id/` and `/def/`, and a web UI."
        ),
        lifespan=lifespan,
    )
    app.state.served = served
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["X-Result-Truncated", "Content-Disposition"],
    )
    app.include_router(sparql_router)
    app.include_router(named.router)
    named.add_named_query_routes(app, catalog)
    app.include_router(rest.router)
    app.include_router(linked_data.router)
    app.include_router(ui.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def run(host: str, port: int, build_dir: Path) -> None:
    """Serve the build on ``host:port`` (what ``dortmund-kg serve`` and ``make serve`` call)."""
    settings = replace(Settings.from_env(build_dir=build_dir), build_dir=build_dir)
    app = create_app(settings)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    print(f"dortmund-kg: serving {build_dir / 'dataset.nq'}")
    print(f"  web UI:          http://{shown}:{port}/")
    print(f"  SPARQL endpoint: http://{shown}:{port}/sparql")
    print(f"  API docs:        http://{shown}:{port}/docs")
    uvicorn.run(app, host=host, port=port, log_level="warning")
