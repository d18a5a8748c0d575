"""Throughput under bounded concurrent load on loopback.

``concurrency`` clients loop over one request for ``seconds``; the figure is completed requests
per second (errors counted apart). The ceiling is the same app's trivial endpoint under the same
load, so the ratio says how much of the web stack's capacity a query route keeps.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class Target:
    label: str
    method: str
    path: str
    params: dict[str, str] | None = None
    data: dict[str, str] | None = None
    headers: dict[str, str] | None = None


async def _drive(base: str, target: Target, concurrency: int, seconds: float) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def one() -> bool:
            response = await client.request(
                target.method,
                target.path,
                params=target.params,
                data=target.data,
                headers=target.headers,
            )
            return response.status_code == 200

        # warm up: open the connections, fill the server's caches
        await asyncio.gather(*(one() for _ in range(concurrency * 2)))
        done = errors = 0
        latencies: list[float] = []
        stop = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal done, errors
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                ok = await one()
                latencies.append(time.perf_counter() - t0)
                if ok:
                    done += 1
                else:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": done / elapsed,
        "errors": errors,
        "p50_ms": latencies[len(latencies) // 2] * 1000 if latencies else None,
    }


def throughput(
    base: str, target: Target, *, concurrency: int, seconds: float, runs: int
) -> dict[str, Any]:
    """Median requests/second over ``runs`` runs, with the runs' figures."""
    results = [asyncio.run(_drive(base, target, concurrency, seconds)) for _ in range(runs)]
    return {
        "rps": round(statistics.median(r["rps"] for r in results), 1),
        "rps_runs": [round(r["rps"], 1) for r in results],
        "errors": sum(r["errors"] for r in results),
        "p50_ms": round(statistics.median(r["p50_ms"] for r in results if r["p50_ms"]), 2),
        "concurrency": concurrency,
        "seconds": seconds,
    }
