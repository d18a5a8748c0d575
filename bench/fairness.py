"""Soak step of ``make bench``: two runaway queries from one client, ``ASK {}`` from another.

Issue 10 measured that two concurrent cross products from one client took both query workers,
so every other client waited the whole time limit and then got a 503. This starts the real
server (``api.web.server.run``: uvicorn, query workers, default fairness settings) on 127.0.0.1
with the API fixture graph, lets client A (127.0.0.2) send the cross product twice at once,
and while they run has client B (127.0.0.3) send ``ASK {}`` every ``interval`` seconds. Target:
every one of B's answers in under 1 s. Figures go to ``bench/results/fairness.{json,md}``.

    .venv/bin/python -m bench.fairness [--out bench/results] [--query-timeout 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from mappings.build_files import BuildDir

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "api" / "data" / "fixture.trig"
RUNAWAY = (ROOT / "tests" / "hardening" / "data" / "soak-slow.rq").read_text(encoding="utf-8")
TARGET_S = 1.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _fixture_build(root: Path) -> Path:
    import pyoxigraph as ox

    out = root / "build"
    out.mkdir(parents=True, exist_ok=True)
    store = ox.Store()
    store.bulk_load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.dump(str(BuildDir(out).dataset), ox.RdfFormat.N_QUADS)
    return out


async def _post(client: httpx.AsyncClient, query: str) -> tuple[int, float, str]:
    started = time.monotonic()
    response = await client.post(
        "/sparql", content=query.encode(),
        headers={"Content-Type": "application/sparql-query",
                 "Accept": "application/sparql-results+json"},
    )
    return response.status_code, time.monotonic() - started, response.text[:200]


async def _drive(base: str, duration: float, interval: float) -> dict[str, Any]:
    def client(address: str) -> httpx.AsyncClient:
        transport = httpx.AsyncHTTPTransport(local_address=address, retries=0)
        return httpx.AsyncClient(base_url=base, transport=transport, timeout=120)

    async with client("127.0.0.2") as attacker, client("127.0.0.3") as other:
        runaways = [asyncio.create_task(_post(attacker, RUNAWAY)) for _ in range(2)]
        await asyncio.sleep(0.5)  # both are in: one runs, one waits for the client's share
        asks: list[tuple[int, float, str]] = []
        stop = time.monotonic() + duration
        while time.monotonic() < stop:
            asks.append(await _post(other, "ASK {}"))
            await asyncio.sleep(interval)
        runaway_answers = await asyncio.gather(*runaways)
    latencies = [seconds for _, seconds, _ in asks]
    return {
        "ask_requests": len(asks),
        "ask_statuses": sorted({status for status, _, _ in asks}),
        "ask_ms": {
            "p50": round(1000 * statistics.median(latencies), 1),
            "max": round(1000 * max(latencies), 1),
        },
        "runaways": [
            {"status": status, "seconds": round(seconds, 2), "answer": text.strip()}
            for status, seconds, text in runaway_answers
        ],
        "ok": all(status == 200 for status, _, _ in asks) and max(latencies) < TARGET_S,
    }


def run(*, query_timeout: float = 10.0, duration: float = 6.0, interval: float = 0.25,
        workers: int = 2, per_client: int = 1) -> dict[str, Any]:
    """Serve the fixture graph and measure; returns the report. ``per_client=workers`` is the
    control: fairness off, as before issue 10."""
    with tempfile.TemporaryDirectory(prefix="dortmund-kg-fairness-") as tmp:
        build = _fixture_build(Path(tmp))
        port = _free_port()
        env = {
            **os.environ,
            "DORTMUND_KG_QUERY_TIMEOUT": str(query_timeout),
            "DORTMUND_KG_WORKERS": str(workers),
            "DORTMUND_KG_PER_CLIENT": str(per_client),
            "DORTMUND_KG_STORE_DIR": str(Path(tmp) / "store"),
            "DORTMUND_KG_RELOAD_INTERVAL": "0",
        }
        code = (
            "import sys; from pathlib import Path; from api.web.server import run; "
            f"run('127.0.0.1', {port}, Path(sys.argv[1]))"
        )
        server = subprocess.Popen([sys.executable, "-c", code, str(build)], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(base + "/sparql?query=ASK%7B%7D", timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the server did not come up")
                time.sleep(0.2)
            report = asyncio.run(_drive(base, min(duration, query_timeout - 1), interval))
        finally:
            server.terminate()
            output = server.communicate(timeout=30)[0].decode(errors="replace")
    network = [line for line in output.splitlines() if "network cut off" in line]
    return {"workers": workers, "per_client": per_client, "query_timeout_s": query_timeout,
            "network": network[:1], **report}


def _summary(report: dict[str, Any]) -> str:
    runaways = "; ".join(f"{r['status']} after {r['seconds']} s ({r['answer'][:110]})"
                         for r in report["runaways"])
    return (
        f"**{'PASS' if report['ok'] else 'FAIL'}** with `DORTMUND_KG_PER_CLIENT="
        f"{report['per_client']}` (target: every `ASK {{}}` of B answered 200 in under "
        f"{TARGET_S:g} s): {report['ask_requests']} requests, statuses "
        f"{report['ask_statuses']}, median {report['ask_ms']['p50']} ms, slowest "
        f"{report['ask_ms']['max']} ms. Client A's two runaway queries: {runaways}."
    )


def write(report: dict[str, Any], control: dict[str, Any] | None, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    both = {"fair": report, "control": control}
    (out / "fairness.json").write_text(json.dumps(both, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# Fairness under runaway queries (loopback)",
        "",
        "Written by `python -m bench.fairness` (a step of `make bench`): the real server with "
        f"{report['workers']} query workers and a {report['query_timeout_s']:g} s time limit "
        "on the API fixture graph; client A (127.0.0.2) sends the cross product of "
        "`tests/hardening/data/soak-slow.rq` twice at once, client B (127.0.0.3) sends "
        "`ASK {}` every 0.25 s while they run.",
        "",
        _summary(report),
        "",
        f"Server: {' '.join(report['network']) or 'no network line logged'}.",
    ]
    if control is not None:
        lines += [
            "",
            "Control, fairness off (one client may hold every worker, as before issue 10):",
            "",
            _summary(control),
        ]
    (out / "fairness.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    parser.add_argument("--query-timeout", type=float, default=10.0)
    args = parser.parse_args(argv)
    report = run(query_timeout=args.query_timeout)
    control = run(query_timeout=args.query_timeout, per_client=2)
    write(report, control, args.out)
    print((args.out / "fairness.md").read_text(encoding="utf-8"))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
