"""Serve dortmund-kg with uvicorn for the HTTP benchmarks, plus a trivial endpoint.

The app is ``api.web.server.create_app`` exactly as ``dortmund-kg serve`` builds it (on-disk store,
worker processes per ``DORTMUND_KG_WORKERS``), with the per-client rate limit off so that one
load generator is not throttled. ``GET /bench/ping`` is added to the same app when the app has
no trivial endpoint of its own: the ceiling of the web stack, measured with the same server,
middleware and settings.

Usage: ``python -m bench.serve_app BUILD_DIR PORT``
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from api.settings import Settings
from api.web.server import create_app

PING = "/bench/ping"


def bench_app(build_dir: Path) -> FastAPI:
    settings = replace(Settings.from_env(build_dir=build_dir), build_dir=build_dir, rate_limit=0.0)
    app = create_app(settings)

    async def ping() -> dict[str, str]:
        return {"status": "ok"}

    app.add_api_route(PING, ping, methods=["GET"], include_in_schema=False)
    return app


def main(argv: list[str]) -> None:
    build_dir, port = Path(argv[0]), int(argv[1])
    uvicorn.run(bench_app(build_dir), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main(sys.argv[1:])
