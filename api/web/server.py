"""The app: SPARQL endpoint, named queries, REST resources, linked data, web UI.

``create_app`` wires the routers to one :class:`api.web.deps.Served` (graph, catalog, limits);
``run`` serves it with uvicorn. The graph comes from ``build/dataset.nq`` in an on-disk
pyoxigraph store opened read-only, or from a remote SPARQL server (``DORTMUND_KG_ENDPOINT``).
A rebuilt graph is swapped in while serving (:mod:`api.web.hot_swap`); a per-client rate limit
(:mod:`api.web.ratelimit`) sits in front of everything.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.engine.backends import Backend, OxigraphBackend, RemoteBackend
from api.engine.named_queries import NamedQuery, load_catalog
from api.engine.runner import InlineRunner, Runner
from api.engine.workers import ProcessRunner, StoreSource
from api.settings import Settings
from api.web.deps import Served
from api.web.hot_swap import GraphHolder, LeaseMiddleware, build_stamp
from api.web.ratelimit import ClientMiddleware, RateLimitMiddleware
from api.web.response_cache import ResponseCache
from api.web.routers import linked_data, named, rest, ui
from api.web.serving import uvicorn_config
from api.web.sparql_protocol import router as sparql_router
from mappings.build_files import VERSION, BuildDir

log = logging.getLogger("dortmund_kg.server")


def open_served(settings: Settings, build_dir: Path, catalog: dict[str, NamedQuery]) -> Served:
    """Open the graph of one resolved build directory completely: store, workers, graph names.

    The hot swap (:mod:`api.web.hot_swap`) calls this for a rebuilt graph before making it current.
    """
    resolved = replace(settings, build_dir=build_dir)
    backend = open_backend(resolved)
    runner = make_runner(backend, resolved)
    try:
        graphs = backend.graph_names()
    except Exception:
        runner.close()
        raise
    cache = ResponseCache(max_entries=resolved.cache_entries)
    return Served(resolved, backend, runner, catalog, graphs, cache)


def open_backend(settings: Settings) -> Backend:
    """The configured graph: a remote server, or the build in an on-disk store."""
    if settings.endpoint:
        return RemoteBackend(settings.endpoint)
    build = BuildDir(settings.build_dir)
    return OxigraphBackend.on_disk(build.require_dataset(), settings.store_dir or build.store)


def make_runner(backend: Backend, settings: Settings) -> Runner:
    """A killable worker pool for the build's store; threads otherwise (remote, fixtures).

    With ``workers=0`` the server process runs the queries itself, on the same kind of store
    the workers would have opened.
    """
    if isinstance(backend, OxigraphBackend) and backend.store_path:
        source = worker_source(backend.store_path, settings)
        if settings.workers > 0:
            pool = ProcessRunner(
                source,
                workers=settings.workers,
                timeout=settings.query_timeout,
                row_limit=settings.row_limit,
                per_client=settings.per_client,
                queue_timeout=settings.queue_timeout,
                sandbox=settings.sandbox,
            )
            log.warning(
                "%d query workers, network cut off by: %s (DORTMUND_KG_SANDBOX=%s)",
                pool.workers,
                pool.network,
                settings.sandbox,
            )
            return pool
        if source.kind == "memory":
            backend = OxigraphBackend.from_file(source.path)
    return InlineRunner(backend, timeout=settings.query_timeout, row_limit=settings.row_limit)


def worker_source(store_path: Path, settings: Settings) -> StoreSource:
    """How the query workers open the graph: in memory (faster queries) unless the settings
    say ``disk``, or say ``auto`` and the dump is larger than the in-memory limit."""
    dump = settings.dataset_path
    mode = settings.store_mode
    if mode == "auto":
        small = dump.exists() and dump.stat().st_size <= settings.memory_store_max_bytes
        mode = "memory" if small else "disk"
    if mode == "memory":
        return StoreSource("memory", dump)
    return StoreSource("disk", store_path)


def create_app(
    settings: Settings | None = None,
    *,
    backend: Backend | None = None,
    catalog: dict[str, NamedQuery] | None = None,
) -> FastAPI:
    """The FastAPI app serving one graph; tests pass a fixture ``backend``."""
    settings = settings or Settings.from_env()
    catalog = catalog if catalog is not None else load_catalog()
    holder: GraphHolder
    if backend is None and not settings.endpoint:
        # Serve the build the link names now, and follow the link when a rebuild moves it.
        stamp = build_stamp(settings.build_dir)
        target = Path(stamp.target) if stamp else settings.build_dir
        holder = GraphHolder(
            open_served(settings, target, catalog),
            build_dir=settings.build_dir,
            loader=lambda build: open_served(settings, build, catalog),
            interval=settings.reload_interval,
            stamp=stamp,
        )
    else:
        backend = backend or open_backend(settings)
        runner = make_runner(backend, settings)
        cache = ResponseCache(max_entries=settings.cache_entries)
        holder = GraphHolder(
            Served(settings, backend, runner, catalog, backend.graph_names(), cache)
        )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        holder.start_watching()
        yield
        holder.close()

    app = FastAPI(
        title="dortmund-kg",
        version=VERSION,
        description=(
            "Dortmund's local policy as a knowledge graph: a read-only SPARQL 1.1 endpoint "
            "(`/sparql`), named queries as typed operations (`/queries/{name}`), JSON "
            "resources, linked data under `/id/` and `/def/`, and a web UI."
        ),
        lifespan=lifespan,
        docs_url=None,  # Swagger UI from /static/vendor instead of a CDN (api.web.routers.ui)
    )
    app.state.served = holder.current
    app.state.graph = holder
    app.add_middleware(LeaseMiddleware, holder=holder)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["X-Result-Truncated", "Content-Disposition", "Retry-After"],
    )
    if settings.rate_limit > 0:  # outermost: a refused request costs no thread and no query
        app.add_middleware(
            RateLimitMiddleware,
            rate=settings.rate_limit,
            burst=settings.rate_burst,
            trust_forwarded=settings.trust_forwarded,
            forwarded_from=settings.forwarded_from,
        )
    app.add_middleware(  # outermost: names the client for the rate limit's and the workers' sake
        ClientMiddleware,
        trust_forwarded=settings.trust_forwarded,
        forwarded_from=settings.forwarded_from,
    )
    ui.install(app)  # before the SPARQL router: GET /sparql from a browser opens the editor
    app.include_router(sparql_router)
    app.include_router(named.router)
    named.add_named_query_routes(app, catalog)
    app.include_router(rest.router)
    app.include_router(linked_data.router)
    return app


def _limit_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's per-thread malloc arenas for this process and the query workers.

    The soak test (bench/results/soak.md) saw the server's RSS grow +91 % over 60 s with the
    default arenas and much less with two: fragmentation from large result sets, not a leak.
    """
    os.environ.setdefault("MALLOC_ARENA_MAX", str(arenas))  # inherited by spawned workers
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-8, arenas)  # M_ARENA_MAX; a no-op where glibc is not the allocator
    except (OSError, AttributeError):
        pass


def run(host: str, port: int, build_dir: Path) -> None:
    """Serve the build on ``host:port`` (what ``dortmund-kg serve`` and ``make serve`` call)."""
    _limit_malloc_arenas()
    settings = replace(Settings.from_env(build_dir=build_dir), build_dir=build_dir)
    app = create_app(settings)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    print(f"dortmund-kg: serving {build_dir / 'dataset.nq'}")
    print(f"  web UI:          http://{shown}:{port}/")
    print(f"  SPARQL endpoint: http://{shown}:{port}/sparql")
    print(f"  API docs:        http://{shown}:{port}/docs")
    runner = holder_runner(app)
    if isinstance(runner, ProcessRunner):
        print(f"  query workers:   {runner.workers}, network cut off by: {runner.network}")
    config = uvicorn_config(app, host=host, port=port, header_timeout=settings.header_timeout)
    uvicorn.Server(config).run()


def holder_runner(app: FastAPI) -> Runner:
    """The runner of the graph the app serves now."""
    runner: Runner = app.state.graph.current.runner
    return runner
