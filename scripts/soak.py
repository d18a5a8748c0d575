"""Bounded load and soak on loopback: many clients, a mixed workload, hostile queries, memory.

Starts the real server (``api.web.server.run``: uvicorn, killable query workers, rate limit) in a
child process on 127.0.0.1, then runs ``--clients`` concurrent clients for ``--duration``
seconds. Each client has its own loopback address (127.0.0.2, 127.0.0.3, …), so the per-client
rate limit applies to each as it would to separate people; each pauses 0.5-2 s between
requests like a person or a polite script. The mix: named queries with their example values,
``/sparql`` (the named queries' own text, a page of labels), entity pages as HTML and JSON,
lists. Besides them, one *flooder* sends requests without pause from one address (it must get
429s) and one *attacker* sends, every few seconds, the hostile queries of
``tests/hardening/data/soak-*.rq``: every triple (truncated by the row cap, said so), a cross
product (stopped: 503), ``SERVICE``, ``FROM <file:///…>``, an update, 3,000 nested groups and
an over-long query (all 400).

An error is a connection failure, a 5xx other than the server's own 503 (time limit, or every
worker busy: load shed, counted separately), or a status its request kind does not allow
(e.g. a 400 for a named query with valid values). Memory is the resident set of the server
process and of its query workers, sampled every second; growth compares the median of the
window after warm-up (the first fifth of the run) with the median of the last window.

    .venv/bin/python scripts/soak.py --build-dir build          # 50 clients, 60 s; writes
                                                                # bench/results/soak.{md,json}
    .venv/bin/python scripts/soak.py --clients 10 --duration 10 --out /tmp/soak

Exit status 0 when there were no errors and memory grew less than 10 %.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "hardening" / "data"
FIXTURE = ROOT / "tests" / "api" / "data" / "fixture.trig"
QUERIES = ROOT / "queries"
MAX_GROWTH = 0.10
PAUSE = (0.5, 2.0)  # seconds a client waits between requests

# What each request kind may answer without that being an error.
# A 503 is allowed only with the server's own message: the time limit ("longer than") or load
# shedding when no worker came free in time ("did not run the query"); the report counts those.
ALLOWED: dict[str, set[int]] = {
    "named": {200, 429, 503},
    "sparql": {200, 429, 503},
    "sparql-truncated": {200, 429, 503},
    "entity": {200, 429, 503},
    "list": {200, 429, 503},
    "flood": {200, 429, 503},
    "slow": {503, 429},
    "refused": {400, 429},
}


@dataclass
class Tally:
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    truncated: int = 0
    shed: int = 0  # 503 "… did not run the query": overload answered, not failed

    def record(self, kind: str, status: int, seconds: float, detail: str) -> None:
        self.statuses[kind][status] += 1
        self.latency[kind].append(seconds)
        if status not in ALLOWED[kind]:
            self.errors.append(f"{kind}: {status} for {detail}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fixture_build(root: Path) -> Path:
    """A build directory holding the API fixture dataset as ``dataset.nq``."""
    import pyoxigraph as ox

    out = root / "build"
    out.mkdir(parents=True, exist_ok=True)
    store = ox.Store()
    store.bulk_load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.dump(str(out / "dataset.nq"), ox.RdfFormat.N_QUADS)
    return out


def rss_kib(pid: int) -> int:
    """Resident set of ``pid`` and all its descendants, in KiB (Linux ``/proc``)."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(c) for c in children)
        except (OSError, StopIteration, ValueError):
            continue
    return total


def start_server(build_dir: Path, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The server in a child process (``MALLOC_ARENA_MAX=2`` unless set: without it glibc gives
    each of the server's threads its own heap arena, and freed answers fragment them)."""
    env = {"MALLOC_ARENA_MAX": "2", **env}
    code = (
        "import sys; from pathlib import Path; from api.web.server import run; "
        f"run('127.0.0.1', {port}, Path(sys.argv[1]))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, str(build_dir)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until_up(base: str, process: subprocess.Popen[bytes], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("server exited: " + (process.stderr.read() or b"").decode()[-2000:]
                               if process.stderr else "server exited")
        try:
            if httpx.get(base + "/queries", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("server did not come up")


def rq(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def workload(base: str) -> dict[str, list[str]]:
    """Request paths per kind, discovered from the running server and the query files."""
    catalog = httpx.get(base + "/queries", timeout=30).json()
    named = []
    for query in catalog:
        params = {p["name"]: p["example"] for p in query["params"] if p["example"] is not None}
        if any(p["required"] and p["name"] not in params for p in query["params"]):
            continue
        named.append(query["path"] + "?" + "&".join(f"{k}={quote(str(v))}"
                                                    for k, v in params.items()))
    entities: list[str] = []
    for kind in ("actors", "places", "topics", "projects"):
        response = httpx.get(f"{base}/{kind}?limit=20", timeout=60)
        if response.status_code != 200:
            raise RuntimeError(f"/{kind}: {response.status_code} {response.text[:300]}")
        items = response.json()["items"]
        entities += [item["path"] for item in items if item.get("path")]
        entities += [f"/{kind}/{item['path'].rsplit('/', 1)[-1]}" for item in items
                     if kind in ("actors", "places") and item.get("path")]
    texts = [rq(p) for p in sorted(QUERIES.glob("*.rq"))] + [rq(DATA / "soak-page.rq")]
    sparql = ["/sparql?query=" + quote(text) for text in texts]
    nested_core = rq(DATA / "soak-nested.rq").split("\n", 1)[1].strip()
    refused_texts = [rq(DATA / f"soak-{n}.rq") for n in ("service", "from", "update")]
    refused_texts.append("SELECT * WHERE " + "{ " * 3000 + nested_core + " }" * 3000)
    refused_texts.append(rq(DATA / "soak-page.rq") + "#" * 25_000)
    return {
        "named": named,
        "sparql": sparql,
        "sparql-truncated": ["/sparql?query=" + quote(rq(DATA / "soak-huge.rq"))],
        "entity": entities,
        "list": ["/queries", "/actors?limit=50", "/topics", "/", "/.well-known/void"],
        "slow": ["/sparql?query=" + quote(rq(DATA / "soak-slow.rq"))],
        "refused": refused_texts,  # sent by POST: the long ones do not fit a URL
    }


async def one(
    client: httpx.AsyncClient, tally: Tally, kind: str, target: str
) -> None:
    started = time.monotonic()
    detail = target[:80]
    try:
        if kind == "refused":
            response = await client.post(
                "/sparql", content=target.encode(),
                headers={"Content-Type": "application/sparql-query"},
            )
        else:
            accept = "*/*"
            if kind in ("entity", "list"):  # pages under /id/ as a browser asks for them
                accept = "text/html" if target.startswith(("/id/", "/?", "/")) else accept
                accept = "application/json" if target.startswith(("/actors", "/places",
                                                                  "/topics", "/queries",
                                                                  "/.well-known")) else accept
            response = await client.get(target, headers={"Accept": accept})
        body = response.content
    except httpx.HTTPError as error:
        tally.errors.append(f"{kind}: {type(error).__name__} {error} for {detail}")
        return
    status = response.status_code
    if status == 200 and "x-result-truncated" in response.headers:
        tally.truncated += 1
    if status == 503:
        if b"did not run the query" in body:
            tally.shed += 1
        elif b"longer than" not in body:
            tally.errors.append(f"{kind}: 503 without the server's message: {body[:120]!r}")
    tally.record(kind, status, time.monotonic() - started, detail)


def transport(address: str) -> httpx.AsyncHTTPTransport:
    return httpx.AsyncHTTPTransport(local_address=address, retries=0)


async def user(base: str, address: str, paths: dict[str, list[str]], tally: Tally,
               stop: float, rng: random.Random) -> None:
    kinds = ["named"] * 4 + ["sparql"] * 3 + ["entity"] * 4 + ["list"] * 2
    async with httpx.AsyncClient(base_url=base, transport=transport(address), timeout=60) as c:
        while time.monotonic() < stop:
            kind = rng.choice(kinds)
            await one(c, tally, kind, rng.choice(paths[kind]))
            await asyncio.sleep(rng.uniform(PAUSE[0], PAUSE[1]))


async def flooder(base: str, address: str, tally: Tally, stop: float) -> None:
    async with httpx.AsyncClient(base_url=base, transport=transport(address), timeout=60) as c:
        while time.monotonic() < stop:
            await one(c, tally, "flood", "/queries")


async def attacker(base: str, address: str, paths: dict[str, list[str]], tally: Tally,
                   stop: float) -> None:
    async with httpx.AsyncClient(base_url=base, transport=transport(address), timeout=60) as c:
        while time.monotonic() < stop:
            for target in paths["refused"]:
                await one(c, tally, "refused", target)
            await one(c, tally, "sparql-truncated", paths["sparql-truncated"][0])
            await one(c, tally, "slow", paths["slow"][0])
            await asyncio.sleep(5.0)


def own_rss_kib(pid: int) -> int:
    """Resident set of ``pid`` alone (the server process without its query workers)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines()
                 if line.startswith("VmRSS:")), 0)


async def sample_memory(pid: int, samples: list[tuple[float, int]],
                        server: list[tuple[float, int]], started: float, stop: float) -> None:
    while True:
        now = round(time.monotonic() - started, 1)
        samples.append((now, rss_kib(pid)))
        server.append((now, own_rss_kib(pid)))
        if time.monotonic() >= stop:
            return
        await asyncio.sleep(1.0)


Samples = list[tuple[float, int]]


async def drive(base: str, pid: int, clients: int, duration: float,
                seed: int) -> tuple[Tally, Samples, Samples, dict[str, list[str]]]:
    paths = workload(base)
    tally = Tally()
    samples: Samples = []
    server: Samples = []
    started = time.monotonic()
    stop = started + duration
    rng = random.Random(seed)
    tasks = [user(base, f"127.0.0.{2 + i}", paths, tally, stop, random.Random(rng.random()))
             for i in range(clients)]
    tasks.append(flooder(base, f"127.0.1.{2}", tally, stop))
    tasks.append(attacker(base, f"127.0.1.{3}", paths, tally, stop))
    tasks.append(sample_memory(pid, samples, server, started, stop))
    await asyncio.gather(*tasks)
    return tally, samples, server, paths


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def soak(build_dir: Path | None, *, clients: int, duration: float, query_timeout: float = 10.0,
         workers: int = 2, seed: int = 1) -> dict[str, Any]:
    """Run the soak and return its report (what :func:`write_report` writes)."""
    with tempfile.TemporaryDirectory(prefix="dortmund-kg-soak-") as tmp:
        build = build_dir or fixture_build(Path(tmp))
        port = free_port()
        env = {
            "DORTMUND_KG_QUERY_TIMEOUT": str(query_timeout),
            "DORTMUND_KG_WORKERS": str(workers),
            "DORTMUND_KG_STORE_DIR": str(Path(tmp) / "store"),
            "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),
        }
        process = start_server(build, port, env)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, process)
            tally, samples, server, paths = asyncio.run(
                drive(base, process.pid, clients, duration, seed)
            )
            alive = process.poll() is None
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    # Memory under load is noisy (answers in flight, workers replaced after a kill), so compare
    # medians: the window right after warm-up against the last window of the run.
    window = max(duration / 5, 2.0)

    def growth_of(series: Samples, pick: Any) -> tuple[int, int, float]:
        early = [kib for t, kib in series if duration / 5 <= t < duration / 5 + window]
        late = [kib for t, kib in series if t >= duration - window]
        first = int(pick(early or [series[0][1]]))
        last = int(pick(late or [series[-1][1]]))
        return first, last, (last - first) / first if first else 0.0

    # The total peaks while a worker runs the cross product (it is killed at the time limit),
    # so the total is compared at its troughs; the server process by its median.
    baseline, peak_end, growth = growth_of(samples, min)
    server_first, server_last, server_growth = growth_of(server, statistics.median)
    kinds: dict[str, dict[str, Any]] = {}
    for kind, statuses in sorted(tally.statuses.items()):
        lat = tally.latency[kind]
        kinds[kind] = {
            "requests": sum(statuses.values()),
            "statuses": {str(k): v for k, v in sorted(statuses.items())},
            "p50_ms": round(1000 * statistics.median(lat), 1) if lat else 0.0,
            "p95_ms": round(1000 * percentile(lat, 0.95), 1),
            "max_ms": round(1000 * max(lat), 1) if lat else 0.0,
        }
    total = sum(k["requests"] for k in kinds.values())
    return {
        "clients": clients,
        "duration_s": duration,
        "dataset": str(build_dir) if build_dir else "tests/api/data/fixture.trig",
        "query_timeout_s": query_timeout,
        "workers": workers,
        "requests": total,
        "requests_per_s": round(total / duration, 1),
        "truncated_answers": tally.truncated,
        "shed_503": tally.shed,
        "kinds": kinds,
        "errors": tally.errors[:50],
        "error_count": len(tally.errors),
        "server_alive_at_end": alive,
        "rss_kib": {"after_warmup": baseline, "end": peak_end,
                    "max": max(kib for _, kib in samples), "samples": samples},
        "rss_growth": round(growth, 4),
        "server_rss_kib": {"after_warmup": server_first, "end": server_last,
                           "max": max(kib for _, kib in server), "samples": server},
        "server_rss_growth": round(server_growth, 4),
        "ok": not tally.errors and alive and growth < MAX_GROWTH
        and server_growth < MAX_GROWTH,
        "malloc_arena_max": env["MALLOC_ARENA_MAX"],
        "distinct_paths": {k: len(v) for k, v in paths.items()},
    }


def write_report(report: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "soak.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    rss = report["rss_kib"]
    lines = [
        "# Soak test on loopback",
        "",
        f"Written by `scripts/soak.py`: {report['clients']} clients (each its own loopback "
        f"address, {PAUSE[0]:g}-{PAUSE[1]:g} s pauses) plus one flooder and one attacker, for "
        f"{report['duration_s']:g} s against the real server (uvicorn, {report['workers']} "
        f"query worker processes, time limit {report['query_timeout_s']:g} s, default rate "
        f"limit) on `{report['dataset']}`.",
        "",
        f"**{'PASS' if report['ok'] else 'FAIL'}**: {report['requests']} requests "
        f"({report['requests_per_s']} per second), {report['error_count']} errors, "
        f"server alive at the end: {report['server_alive_at_end']}, resident memory "
        f"(server + workers, troughs) {rss['after_warmup'] / 1024:.0f} MiB after warm-up, "
        f"{rss['end'] / 1024:.0f} MiB at the end (growth {100 * report['rss_growth']:.1f} %, "
        f"limit {100 * MAX_GROWTH:.0f} %; peak {rss['max'] / 1024:.0f} MiB while a worker ran "
        f"the cross product); the server process alone (medians) "
        f"{report['server_rss_kib']['after_warmup'] / 1024:.0f} → "
        f"{report['server_rss_kib']['end'] / 1024:.0f} MiB "
        f"(growth {100 * report['server_rss_growth']:.1f} %). "
        f"{report['truncated_answers']} answers were truncated (and said so); "
        f"{report['shed_503']} requests were shed with `503 … did not run the query`.",
        "",
        "| kind | requests | statuses | p50 ms | p95 ms | max ms |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for kind, row in report["kinds"].items():
        statuses = ", ".join(f"{k}: {v}" for k, v in row["statuses"].items())
        lines.append(f"| {kind} | {row['requests']} | {statuses} | {row['p50_ms']} | "
                     f"{row['p95_ms']} | {row['max_ms']} |")
    lines += [
        "",
        "Allowed answers: named queries, `/sparql`, entity pages and lists 200 (or 429 when a "
        "client outruns its rate, or the server's own 503 when its workers stay busy longer "
        "than the time limit); the flooder 200 or 429; the cross product 503 (stopped by the "
        "time limit); `SERVICE`, `FROM <file:///…>`, an update, 3,000 nested groups and a "
        "25,000-character query 400. Anything else, a 503 without the server's message, "
        "another 5xx, or a failed connection counts as an error. Memory: the window after "
        "warm-up against the last window of the run; server and workers by their lowest "
        "sample (a worker running the cross product grows until it is killed), the server "
        "process by its median. "
        f"`MALLOC_ARENA_MAX` of the server: {report['malloc_arena_max'] or 'unset'}.",
    ]
    if report["errors"]:
        lines += ["", "Errors (first 50):", ""] + [f"- `{e}`" for e in report["errors"]]
    (out / "soak.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--build-dir", type=Path, default=None,
                        help="a build to serve (default: the API fixture dataset)")
    parser.add_argument("--query-timeout", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    report = soak(args.build_dir, clients=args.clients, duration=args.duration,
                  query_timeout=args.query_timeout, workers=args.workers)
    write_report(report, args.out)
    print((args.out / "soak.md").read_text(encoding="utf-8"))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
