"""rdflib's SPARQL engine on a dump, in a process of its own (its memory is not the bench's).

Usage: ``python -m bench.engine_worker DUMP.nq OUT.json RUNS SAMPLES BUDGET [TIMEOUT]``; writes
the load time, peak memory and per-query latencies of :func:`bench.latency.cases` as JSON. A
query still running after TIMEOUT seconds (default 60) is recorded as a timeout; one slower than
BUDGET is timed once more only.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from bench.latency import cases, load_rdflib, measure, rdflib_call


def main(argv: list[str]) -> None:
    dump, out = Path(argv[0]), Path(argv[1])
    runs, samples, budget = int(argv[2]), int(argv[3]), float(argv[4])
    timeout = float(argv[5]) if len(argv) > 5 else 60.0
    started = time.perf_counter()
    dataset = load_rdflib(dump)
    load_seconds = time.perf_counter() - started
    calls = {case.label: rdflib_call(dataset, case) for case in cases()}
    latency = measure(
        "rdflib",
        calls,
        runs=runs,
        samples=samples,
        budget=budget,
        say=lambda msg: print(msg, flush=True),
        min_samples=1,
        timeout=timeout,
    )
    report = {
        "timeout_s": timeout,
        "load_seconds": round(load_seconds, 2),
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "latency": latency,
    }
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
