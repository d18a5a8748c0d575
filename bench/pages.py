"""Page latency: every kind of web page as a browser asks for it, from the served app.

The app runs as ``dortmund-kg serve`` runs it (:mod:`bench.serve_app` on loopback, query
workers, on-disk store); one keep-alive client asks each page with ``Accept: text/html``. The
first answer of each page (``first_ms``: nothing of it computed yet, unless the build's
background warm-up got there first) is kept apart from the steady state (``p50_ms``, ``p95_ms``
of the following requests, median over ``runs``). Target (issue 13): p50 under 300 ms at ×1.

Usage: ``python -m bench.pages [BUILD_DIR] [--out bench/results] [--samples 15 --runs 3]``
writes ``pages.json`` and ``pages.md``; ``make bench`` runs it after :mod:`bench.run`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import httpx

from bench.live_api import API_CONFIGS, Server
from bench.run import RESULTS, ROOT, measured_when
from bench.stats import summarise_runs
from mappings.rdf import iri

TARGET_MS = 300.0
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def page_kinds(client: httpx.Client) -> dict[str, str]:
    """One path per page kind, the examples taken from the served graph itself."""
    pledges = client.get("/actors/dsw21/pledges", params={"limit": 1}).json()
    pledge = pledges["items"][0]["pledge"] if pledges.get("items") else ""
    statement = pledge[len(iri.BASE) - 1 :] if pledge.startswith(iri.BASE) else ""
    kinds = {
        "start": "/",
        "companies": "/unternehmen",
        "authors": "/autoren",
        "topics": "/themen",
        "places": "/orte",
        "projects": "/projekte",
        "search": "/suche?q=365-Euro",
        "company": "/id/actor/dsw21",
        "author": "/id/actor/spd-dortmund",
        "pledge": statement,
        "document (largest)": "/id/document/2025-gruene-kommunalwahlprogramm",
        "place": "/id/place/stadtbezirk-hoerde",
        "topic": "/id/topic/cap-10-transportation",
        "editor": "/editor",
        "ontology": "/def/",
        "class (paged)": "/def/Pledge",
        "named graph": "/graph/reference",
        "dataset": "/dataset",
        "corpus file": "/corpus/2021-gruene-cdu-leitlinien.txt",
    }
    return {k: v for k, v in kinds.items() if v}


def time_page(client: httpx.Client, path: str, samples: int, runs: int) -> dict[str, Any]:
    start = time.perf_counter()
    first = client.get(path, headers=HTML)
    first_ms = (time.perf_counter() - start) * 1000
    timings: list[list[float]] = []
    for _ in range(runs):
        run: list[float] = []
        for _ in range(samples):
            start = time.perf_counter()
            response = client.get(path, headers=HTML)
            run.append(time.perf_counter() - start)
        timings.append(run)
    stats = summarise_runs(timings)
    return {
        "path": path,
        "status": first.status_code,
        "bytes": len(response.content),
        "first_ms": round(first_ms, 1),
        **stats,
        "meets_target": bool(stats["p50_ms"] < TARGET_MS and first.status_code == 200),
    }


def bench_pages(build_dir: Path, samples: int, runs: int, settle: float) -> dict[str, Any]:
    server = Server(build_dir, API_CONFIGS["api"])
    try:
        with httpx.Client(base_url=server.base, timeout=120) as client:
            # the app warms the build's pages when it starts; give it the time a deploy would
            time.sleep(settle)
            pages = {
                kind: time_page(client, path, samples, runs)
                for kind, path in page_kinds(client).items()
            }
    finally:
        server.close()
    measured = dict(measured_when(), command="python -m bench.pages")
    return {
        "measured": measured,
        "config": API_CONFIGS["api"].description,
        "target_p50_ms": TARGET_MS,
        "settle_seconds": settle,
        "pages": pages,
    }


def write_markdown(report: dict[str, Any], path: Path) -> None:
    lines = [
        "# Page latency (×1, `make bench`: `python -m bench.pages`)",
        "",
        f"Served as `dortmund-kg serve` serves ({report['config']}); one keep-alive client on "
        f"loopback, `Accept: text/html`; the first request after {report['settle_seconds']} s "
        "of warm-up apart, then p50/p95 (median of runs). Target: p50 < "
        f"{report['target_p50_ms']:.0f} ms.",
        "",
        "| page kind | path | status | KB | first ms | p50 ms | p95 ms | target |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for kind, p in report["pages"].items():
        lines.append(
            f"| {kind} | `{p['path']}` | {p['status']} | {p['bytes'] / 1024:.0f} | "
            f"{p['first_ms']:.0f} | {p['p50_ms']:.1f} | {p['p95_ms']:.1f} | "
            f"{'met' if p['meets_target'] else '**missed**'} |"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    p = argparse.ArgumentParser(description="page latency of the web front")
    p.add_argument("build_dir", type=Path, nargs="?", default=ROOT / "build")
    p.add_argument("--out", type=Path, default=RESULTS)
    p.add_argument("--samples", type=int, default=15)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--settle", type=float, default=10.0, help="seconds of warm-up first")
    args = p.parse_args(argv)
    report = bench_pages(args.build_dir.resolve(), args.samples, args.runs, args.settle)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pages.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    write_markdown(report, args.out / "pages.md")
    return report


if __name__ == "__main__":
    main()
