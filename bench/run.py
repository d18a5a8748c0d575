"""``make bench``: build, query-latency and throughput benchmarks → ``bench/results/report.*``.

For every size (×1 is the real corpus, ×N a corpus from :mod:`bench.synth`):

1. build it ``--build-runs`` times, each in a fresh process (:mod:`bench.build_worker`): wall
   seconds, seconds per stage, peak memory, time per document;
2. time every named query and every ``bench/queries/*.rq`` in pyoxigraph directly, through the
   HTTP API (uvicorn on loopback: as served, with its answer cache; without the cache; and
   without the cache with queries in the server process), and in rdflib's SPARQL engine on
   the same dump;
3. drive a named query, ``/sparql`` and the same app's trivial endpoint with bounded
   concurrent load.

Every figure is the median of several runs; ratios compare figures of the same run.
Usage: ``python -m bench.run [--sizes 1,10,100] [--quick] [--render]`` (``--help`` lists the knobs).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from api.engine.backends import OxigraphBackend
from api.settings import Settings
from api.web.server import worker_source
from bench import fairness, latency
from bench.live_api import API_CONFIGS, bench_api, query_runs
from bench.report import evaluate_targets, write_markdown
from bench.synth import generate
from mappings.build_files import BuildDir
from mappings.registry import REGISTRY_FILE

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
# Named queries and a SPARQL query driven under load: a cheap one (about 1 ms in the store)
# and a typical one (tens of ms), both with parameters.
def _say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def corpus_for(size: int, work: Path) -> tuple[Path, Path, int]:
    """(corpus dir, registry, bytes) of a size: ×1 is the real corpus."""
    if size == 1:
        from mappings.registry import load_registry

        docs = load_registry(REGISTRY_FILE)
        total = sum((ROOT / "corpus" / d.file).stat().st_size for d in docs)
        return ROOT / "corpus", REGISTRY_FILE, total
    made = generate(size, work / f"x{size}")
    return made.corpus_dir, made.registry, made.bytes


def bench_build(corpus: Path, registry: Path, link: Path, runs: int) -> dict[str, Any]:
    """Median of ``runs`` builds, each in a fresh process."""
    reports: list[dict[str, Any]] = []
    for n in range(runs):
        out = link.parent / f"build-report-{n}.json"
        cmd = [
            sys.executable,
            "-m",
            "bench.build_worker",
            str(corpus),
            str(registry),
            str(link),
            str(out),
        ]
        subprocess.run(cmd, check=True, cwd=ROOT)
        reports.append(json.loads(out.read_text(encoding="utf-8")))
        _say(f"  build run {n + 1}/{runs}: {reports[-1]['wall_seconds']:.1f} s wall")
    stages = {
        stage: round(statistics.median(r["stage_seconds"][stage] for r in reports), 2)
        for stage in reports[0]["stage_seconds"]
    }
    wall = statistics.median(r["wall_seconds"] for r in reports)
    docs = reports[0]["documents"]
    return {
        "runs": runs,
        "documents": docs,
        "triples": reports[0]["triples"],
        "pledges": reports[0]["pledges"],
        "wall_seconds": round(wall, 2),
        "wall_seconds_runs": [round(r["wall_seconds"], 2) for r in reports],
        "cpu_seconds": round(statistics.median(r["cpu_seconds"] for r in reports), 2),
        "seconds_per_document": round(wall / docs, 3),
        "stage_seconds": stages,
        "peak_rss_mib": round(max(r["peak_rss_bytes"] for r in reports) / 2**20, 1),
        "peak_rss_workers_mib": round(
            max(r["peak_rss_children_bytes"] for r in reports) / 2**20, 1
        ),
    }


def bench_rdflib(dump: Path, out: Path, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "bench.engine_worker",
        str(dump),
        str(out),
        str(args.rdflib_runs),
        str(args.rdflib_samples),
        str(args.rdflib_budget),
        str(args.rdflib_timeout),
    ]
    subprocess.run(cmd, check=True, cwd=ROOT)
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def bench_queries(size: int, link: Path, args: argparse.Namespace) -> dict[str, Any]:
    cases = latency.cases()
    dump = BuildDir(link).dataset
    result: dict[str, Any] = {"dump_bytes": dump.stat().st_size}
    started = time.perf_counter()
    disk = OxigraphBackend.on_disk(dump, BuildDir(link).store)  # the store the server process opens
    result["store_open_seconds"] = round(time.perf_counter() - started, 2)
    # "store" is the store the query workers use, as `serve` would choose it (memory or disk)
    source = worker_source(BuildDir(link).store, replace(Settings.from_env(), build_dir=link))
    result["store_mode"] = source.kind
    engines: dict[str, OxigraphBackend] = {"store": disk}
    if source.kind == "memory":
        started = time.perf_counter()
        engines = {"store": OxigraphBackend.from_file(dump)}
        result["store_load_seconds"] = round(time.perf_counter() - started, 2)
        if size in args.disk_compare_sizes:
            engines["store_disk"] = disk
    for key, backend in engines.items():
        calls = {case.label: latency.store_call(backend, case) for case in cases}
        result[key] = latency.measure(
            key,
            calls,
            runs=query_runs(size, args),
            samples=args.samples,
            budget=args.budget,
            say=_say,
        )
    del engines, disk
    for key in args.api:
        with_load = size in args.load_sizes
        result[key] = bench_api(link, API_CONFIGS[key], cases, args, size=size, with_load=with_load)
    if size in args.rdflib_sizes:
        result["rdflib"] = bench_rdflib(dump, link.parent / "rdflib.json", args)
    result["cases"] = {
        case.label: {"kind": case.kind, "values": dict(case.values)} for case in cases
    }
    return result


def environment() -> dict[str, Any]:
    import pyoxigraph
    import rdflib

    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__,
        "rdflib": rdflib.__version__,
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "machine": platform.machine(),
    }


def measured_when() -> dict[str, str]:
    """When and at which commit a size was measured (a merged report mixes runs)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": commit,
        "command": " ".join(["python -m bench.run", *sys.argv[1:]]),
    }


def _sizes(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="dortmund-kg benchmarks")
    p.add_argument(
        "--sizes",
        type=_sizes,
        default=[1, 10],
        help="corpus sizes (×N of the real corpus), e.g. 1,10,100",
    )
    p.add_argument("--build-runs", type=int, default=3, help="builds per size (×1)")
    p.add_argument("--build-runs-large", type=int, default=1, help="builds per size above ×1")
    p.add_argument("--query-runs", type=int, default=3)
    p.add_argument(
        "--query-runs-large",
        type=int,
        default=1,
        help="runs per query above ×10 (a ×100 query can take seconds)",
    )
    p.add_argument("--samples", type=int, default=40, help="timings per run (at most)")
    p.add_argument("--budget", type=float, default=2.0, help="seconds per run and query")
    p.add_argument(
        "--api",
        type=lambda t: [k for k in t.split(",") if k],
        default=list(API_CONFIGS),
        help="server configurations: " + ", ".join(API_CONFIGS),
    )
    p.add_argument("--rdflib-sizes", type=_sizes, default=[1, 10])
    p.add_argument("--rdflib-runs", type=int, default=3)
    p.add_argument("--rdflib-samples", type=int, default=10)
    p.add_argument("--rdflib-budget", type=float, default=6.0)
    p.add_argument(
        "--rdflib-timeout",
        type=float,
        default=60.0,
        help="seconds after which an rdflib query is given up (a lower bound)",
    )
    p.add_argument("--load-sizes", type=_sizes, default=[1])
    p.add_argument(
        "--disk-compare-sizes",
        type=_sizes,
        default=[1, 10],
        help="sizes at which the on-disk store is timed too when workers use memory",
    )
    p.add_argument("--concurrency", type=int, default=8)
    p.add_argument("--load-seconds", type=float, default=5.0)
    p.add_argument("--load-runs", type=int, default=3)
    p.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dortmund-kg-bench")
    p.add_argument("--out", type=Path, default=RESULTS)
    p.add_argument(
        "--merge",
        action="store_true",
        help="keep the other sizes of the existing report.json (re-measure one size)",
    )
    p.add_argument(
        "--render",
        action="store_true",
        help="only rewrite report.md (and the targets) from report.json",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: ×1 only, one build, few samples (not for the report)",
    )
    args = p.parse_args(argv)
    if args.quick:
        args.sizes, args.build_runs, args.query_runs, args.samples = [1], 1, 1, 5
        args.rdflib_runs, args.rdflib_samples, args.rdflib_budget = 1, 2, 2.0
        args.load_seconds, args.load_runs = 1.0, 1
    return args


def main(argv: list[str] | None = None, say: Callable[[str], None] = _say) -> dict[str, Any]:
    args = parse_args(argv)
    if args.render:
        previous: dict[str, Any] = json.loads((args.out / "report.json").read_text("utf-8"))
        _write(previous, args.out)
        return previous
    args.work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "environment": environment(),
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "sizes": {},
    }
    if args.merge and (args.out / "report.json").exists():
        previous = json.loads((args.out / "report.json").read_text("utf-8"))
        report["sizes"] = {
            size: entry for size, entry in previous["sizes"].items() if int(size) not in args.sizes
        }
    for size in args.sizes:
        say(f"x{size}: corpus")
        corpus, registry, nbytes = corpus_for(size, args.work)
        link = args.work / f"x{size}" / "build"
        link.parent.mkdir(parents=True, exist_ok=True)
        runs = args.build_runs if size == 1 else args.build_runs_large
        say(f"x{size}: build ({runs} run(s))")
        entry: dict[str, Any] = {"corpus_bytes": nbytes, "measured": measured_when()}
        entry["build"] = bench_build(corpus, registry, link, runs)
        say(f"x{size}: queries")
        entry["queries"] = bench_queries(size, link, args)
        report["sizes"][str(size)] = entry
        _write(report, args.out)  # a partial report survives an interrupted ×100
    _write(report, args.out)
    say("soak: two runaway queries from one client, ASK {} from another (bench/fairness.py)")
    fair = fairness.run()
    fairness.write(fair, fairness.run(per_client=2), args.out)
    say(f"  fairness: {'PASS' if fair['ok'] else 'FAIL'}, slowest ASK {fair['ask_ms']['max']} ms")
    return report


def _write(report: dict[str, Any], out: Path) -> None:
    report["targets"] = evaluate_targets(report)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    write_markdown(report, out / "report.md")


if __name__ == "__main__":
    main()
