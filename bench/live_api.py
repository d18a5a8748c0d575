"""The API under load, as a client sees it: a real `dortmund-kg serve` process on loopback
(:class:`Server`), configured per :data:`API_CONFIGS`, and the latency of named queries and
SPARQL sent to it (:func:`bench_api`). Used by ``bench.run``, ``bench.pages`` and
``bench.document_page``."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench import latency, load
from bench.serve_app import PING

ROOT = Path(__file__).resolve().parent.parent


def _say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


LOAD_NAMED = (
    ("pledges-by-place", {"place": "stadtbezirk-hoerde"}),
    ("party-pledges", {"author": "cdu-fraktion-dortmund", "modality": "demand"}),
)
LOAD_SPARQL = latency.BENCH_QUERIES / "pledges-per-author-modality.rq"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """``bench.serve_app`` in a subprocess on a free loopback port."""

    def __init__(self, build_dir: Path, config: ApiConfig) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(
            os.environ,
            DORTMUND_KG_WORKERS=str(config.workers),
            DORTMUND_KG_CACHE_ENTRIES=str(config.cache_entries),
        )
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.serve_app", str(build_dir), str(self.port)],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 1200  # ×100 in memory: each worker loads 3 GB
        while True:
            try:
                if httpx.get(self.base + PING, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the benchmark server did not start")
            time.sleep(0.2)

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@dataclass(frozen=True)
class ApiConfig:
    """One server configuration: query worker processes and named-query answer cache."""

    key: str
    workers: int
    cache_entries: int
    description: str


API_CONFIGS = {
    c.key: c
    for c in (
        ApiConfig(
            "api",
            2,
            1024,
            "as served: 2 query worker processes, answer cache on "
            "(named queries repeat, so they are cache hits after the first call)",
        ),
        ApiConfig(
            "api_nocache",
            2,
            0,
            "2 query worker processes, answer cache off: every request runs the query",
        ),
        ApiConfig("api_inline_nocache", 0, 0, "queries in the server process, cache off"),
    )
}


def query_runs(size: int, args: argparse.Namespace) -> int:
    runs: int = args.query_runs if size <= 10 else args.query_runs_large
    return runs


def bench_api(
    build_dir: Path,
    config: ApiConfig,
    cases: list[latency.Case],
    args: argparse.Namespace,
    *,
    size: int,
    with_load: bool,
) -> dict[str, Any]:
    server = Server(build_dir, config)
    try:
        with httpx.Client(base_url=server.base, timeout=120) as client:
            calls = {case.label: latency.api_call(client, case) for case in cases}
            result: dict[str, Any] = {
                "description": config.description,
                "workers": config.workers,
                "cache_entries": config.cache_entries,
                "latency": latency.measure(
                    config.key,
                    calls,
                    runs=query_runs(size, args),
                    samples=args.samples,
                    budget=args.budget,
                    say=_say,
                ),
            }
        if with_load:
            targets = [load.Target("trivial endpoint (ceiling)", "GET", PING)]
            targets += [
                load.Target(f"named query /queries/{name}", "GET", f"/queries/{name}", params)
                for name, params in LOAD_NAMED
            ]
            targets += [
                load.Target(
                    f"/sparql ({LOAD_SPARQL.stem})",
                    "POST",
                    "/sparql",
                    data={"query": LOAD_SPARQL.read_text(encoding="utf-8")},
                    headers={"Accept": "application/sparql-results+json"},
                ),
            ]
            result["throughput"] = {}
            for target in targets:
                measured = load.throughput(
                    server.base,
                    target,
                    concurrency=args.concurrency,
                    seconds=args.load_seconds,
                    runs=args.load_runs,
                )
                result["throughput"][target.label] = measured
                _say(f"  load   {target.label:40} {measured}")
        return result
    finally:
        server.close()
